package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"

	"convene/internal/mail"
)

// outbox is the mail edge of the tests: it keeps what would be sent.
type outbox struct {
	mu   sync.Mutex
	sent []mail.Message
}

func (o *outbox) Send(_ context.Context, m mail.Message) error {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.sent = append(o.sent, m)
	return nil
}

func (o *outbox) last() (mail.Message, int) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if len(o.sent) == 0 {
		return mail.Message{}, 0
	}
	return o.sent[len(o.sent)-1], len(o.sent)
}

// testPasswordReset: the request answers the same for unknown emails and
// sends nothing; the mailed link sets a new password once, signs the
// account out everywhere, and the new password works.
func testPasswordReset(t *testing.T, as accSite) {
	signedIn := as.signedInUser(t, "press@example.org")
	anon := newClient(t, as.h)
	r := anon.get("/en/login")
	wantIn(t, "login links the reset", r.body, `href="/en/reset"`, "Forgot your password?")
	r = anon.get("/zh/reset")
	wantStatus(t, "reset form", r, http.StatusOK)
	checkHTML(t, "reset form", r, "zh")

	_, before := as.mail.last()
	r = anon.post("/zh/reset", url.Values{"email": {"nobody@example.org"}})
	wantStatus(t, "reset for an unknown email", r, http.StatusOK)
	wantIn(t, "reset for an unknown email", r.body, "如果该邮箱有账号")
	if _, n := as.mail.last(); n != before {
		t.Fatal("a reset link was mailed for an email without an account")
	}
	r = anon.post("/en/reset", url.Values{"email": {"Press@Example.org"}})
	wantIn(t, "reset", r.body, "If an account has this email")
	m, n := as.mail.last()
	if n != before+1 || m.To != "press@example.org" {
		t.Fatalf("reset mail: %d mails, last %+v", n, m)
	}
	_, link, ok := strings.Cut(m.Body, "/en/password?token=")
	link, _, _ = strings.Cut(link, "\n")
	if !ok || !strings.HasPrefix(link, "cvr_") {
		t.Fatalf("no reset link in %q", m.Body)
	}
	page := "/en/password?token=" + link
	r = anon.get(page)
	wantStatus(t, "new password form", r, http.StatusOK)
	checkHTML(t, "new password form", r, "en")
	if r.header.Get("Referrer-Policy") != "no-referrer" {
		t.Error("the reset page may leak its URL in the Referer header")
	}
	r = anon.post(page, url.Values{"password": {"a brand new passphrase"}, "again": {"a different passphrase"}})
	wantStatus(t, "passwords differ", r, http.StatusBadRequest)
	wantIn(t, "passwords differ", r.body, "The two passwords differ.")
	r = anon.post(page, url.Values{"password": {"short"}, "again": {"short"}})
	wantStatus(t, "short password", r, http.StatusBadRequest)
	wantIn(t, "short password", r.body, "at least 12 characters")
	r = anon.post(page, url.Values{"password": {"a brand new passphrase"}, "again": {"a brand new passphrase"}})
	wantStatus(t, "set password", r, http.StatusSeeOther)
	if loc := r.header.Get("Location"); loc != "/en/login?reset=done" {
		t.Errorf("after reset: Location %q", loc)
	}
	wantIn(t, "login after reset", anon.get("/en/login?reset=done").body, "Your new password is set")
	r = anon.post(page, url.Values{"password": {"another new passphrase"}, "again": {"another new passphrase"}})
	wantStatus(t, "link used twice", r, http.StatusNotFound)
	wantIn(t, "link used twice", r.body, "unknown, used or expired")

	// Signed out everywhere; the old password fails, the new one works.
	wantStatus(t, "old session after reset", signedIn.get("/zh/zgc-2025/admin/seats"), http.StatusSeeOther)
	wantStatus(t, "old password", anon.post("/zh/login", login("press@example.org", testPassword, "")), http.StatusUnauthorized)
	wantStatus(t, "new password", anon.post("/zh/login", login("press@example.org", "a brand new passphrase", "")), http.StatusSeeOther)
}
