package web

import (
	"crypto/tls"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"convene/internal/accounts"
	"convene/internal/httpx"
	"convene/internal/program"
	"convene/internal/programfile"
	"convene/internal/registration"
	"convene/internal/testkit"
)

// accSite is the registration site with accounts, on a real database.
type accSite struct {
	regSite
	acc  *accounts.Service
	mail *outbox
}

const testPassword = "correct horse battery"

func newAccSite(t *testing.T, engine string) accSite {
	t.Helper()
	db := testkit.DemoDB(t, engine)
	cat := program.NewCatalog(db, testkit.Clock)
	svc := registration.New(db, testkit.Clock)
	acc := accounts.New(db, testkit.Clock)
	box := &outbox{}
	h, err := New(Config{Catalog: cat, Registration: svc, Files: programfile.New(db), Accounts: acc, Mail: box,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	ed, err := cat.Edition(t.Context(), "zgc-2025")
	if err != nil {
		t.Fatal(err)
	}
	return accSite{regSite: regSite{h: h, svc: svc, ed: ed, cat: cat}, acc: acc, mail: box}
}

// addUser creates an account with testPassword.
func (as accSite) addUser(t *testing.T, email, name string, role accounts.Role) {
	t.Helper()
	var orgs []string
	if role == accounts.RoleEditor {
		if len(as.ed.Organisations()) == 0 {
			t.Fatal("the sample has no organisations")
		}
		orgs = []string{as.ed.Organisations()[0].Slug}
	}
	if _, err := as.acc.AddUser(t.Context(), email, name, role, orgs, testPassword); err != nil {
		t.Fatalf("add %s: %v", email, err)
	}
}

// signedInUser is a browser signed in with the account's password.
func (as accSite) signedInUser(t *testing.T, email string) *client {
	t.Helper()
	c := newClient(t, as.h)
	r := c.post("/zh/login", url.Values{"email": {email}, "password": {testPassword}})
	wantStatus(t, "sign in "+email, r, http.StatusSeeOther)
	if c.cookies[sessionCookie] == nil {
		t.Fatalf("sign in %s: no session cookie", email)
	}
	return c
}

func login(email, password, next string) url.Values {
	return url.Values{"email": {email}, "password": {password}, "next": {next}}
}

func TestAccountPages(t *testing.T) {
	for _, engine := range testkit.Engines(t) {
		t.Run(engine, func(t *testing.T) {
			as := newAccSite(t, engine)
			as.addUser(t, "admin@example.org", "秘书处<b>管理员</b>", accounts.RoleAdmin)
			as.addUser(t, "gate@example.org", "Gate Keeper", accounts.RoleCheckin)
			as.addUser(t, "editor@example.org", "An Editor", accounts.RoleEditor)
			as.addUser(t, "press@example.org", "A Reporter", accounts.RolePress)
			as.addUser(t, "locked@example.org", "Locked Out", accounts.RoleAdmin)
			t.Run("login", func(t *testing.T) { testLogin(t, as) })
			t.Run("roles", func(t *testing.T) { testAccountRoles(t, as) })
			t.Run("cache", func(t *testing.T) { testAccountCache(t, as) })
			t.Run("press", func(t *testing.T) { testPressReleases(t, as) })
			t.Run("reset", func(t *testing.T) { testPasswordReset(t, as) })
		})
	}
}

func testLogin(t *testing.T, as accSite) {
	// The form, in both languages, with where to go next.
	for _, lang := range []string{"zh", "en"} {
		target := "/" + lang + "/login?next=" + url.QueryEscape("/"+lang+"/zgc-2025/admin/seats")
		r := newClient(t, as.h).get(target)
		wantStatus(t, target, r, 200)
		checkHTML(t, target, r, lang)
		wantIn(t, target, r.body, `action="/`+lang+`/login"`, `name="email"`, `name="password" type="password"`,
			`name="next" value="/`+lang+`/zgc-2025/admin/seats"`, map[string]string{"zh": "密码", "en": "Password"}[lang])
		if cc := r.header.Get("Cache-Control"); cc != "private, no-store" {
			t.Errorf("%s: Cache-Control %q", target, cc)
		}
	}
	// The header of another page links to the sign-in, coming back here.
	r := newClient(t, as.h).get("/en/zgc-2025/register")
	wantIn(t, "register page", r.body, `href="/en/login?next=%2Fen%2Fzgc-2025%2Fregister"`)

	// A wrong password: 401, the message in the page's language, the email
	// kept, the password not, no cookie.
	for lang, msg := range map[string]string{"zh": "邮箱或密码不正确", "en": "The email or the password is wrong."} {
		c := newClient(t, as.h)
		r := c.post("/"+lang+"/login", login("Admin@Example.org", "wrong password <x>", "/"+lang+"/zgc-2025/checkin"))
		wantStatus(t, lang+" wrong password", r, http.StatusUnauthorized)
		checkHTML(t, lang+" wrong password", r, lang)
		wantIn(t, lang+" wrong password", r.body, msg, `value="Admin@Example.org"`, `name="next" value="/`+lang+`/zgc-2025/checkin"`)
		if strings.Contains(r.body, "wrong password") {
			t.Errorf("%s wrong password: the page repeats the password", lang)
		}
		if len(c.set) != 0 {
			t.Errorf("%s wrong password set cookies %v", lang, c.set)
		}
	}
	// An unknown email: the same message.
	c := newClient(t, as.h)
	r = c.post("/en/login", login("nobody@example.org", testPassword, ""))
	wantStatus(t, "unknown email", r, http.StatusUnauthorized)
	wantIn(t, "unknown email", r.body, "The email or the password is wrong.", `value="nobody@example.org"`)
	if len(c.set) != 0 {
		t.Errorf("unknown email set cookies %v", c.set)
	}

	// Five failures for one email: the sixth attempt is refused, even with
	// the right password.
	for i := range 5 {
		r := c.post("/zh/login", login("locked@example.org", "not the password", ""))
		wantStatus(t, "failure "+string(rune('1'+i)), r, http.StatusUnauthorized)
	}
	for lang, msg := range map[string]string{"zh": "登录失败次数过多", "en": "Too many failed sign-ins."} {
		r = c.post("/"+lang+"/login", login("locked@example.org", testPassword, ""))
		wantStatus(t, lang+" too many", r, http.StatusTooManyRequests)
		checkHTML(t, lang+" too many", r, lang)
		wantIn(t, lang+" too many", r.body, msg, `value="locked@example.org"`)
		if ra := r.header.Get("Retry-After"); ra != "900" {
			t.Errorf("too many: Retry-After %q", ra)
		}
		if c.cookies[sessionCookie] != nil {
			t.Error("too many: a session cookie was set")
		}
	}

	// The right password: the session cookie, then where next says.
	admin := newClient(t, as.h)
	r = admin.post("/zh/login", login(" ADMIN@example.org ", testPassword, "/zh/zgc-2025/admin/seats?x=1"))
	wantStatus(t, "sign in", r, http.StatusSeeOther)
	if loc := r.header.Get("Location"); loc != "/zh/zgc-2025/admin/seats?x=1" {
		t.Errorf("sign in → %q", loc)
	}
	ck := admin.cookies[sessionCookie]
	if ck == nil || !ck.HttpOnly || ck.SameSite != http.SameSiteLaxMode || ck.Path != "/" || ck.Secure ||
		ck.MaxAge != int(accounts.SessionLength.Seconds()) || ck.Value == "" {
		t.Fatalf("session cookie %+v", ck)
	}
	// Over TLS the cookie is Secure.
	req := httptest.NewRequest(http.MethodPost, "/en/login", strings.NewReader(login("admin@example.org", testPassword, "").Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.TLS = &tls.ConnectionState{}
	rec := httptest.NewRecorder()
	as.h.ServeHTTP(rec, req)
	if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/en/" {
		t.Errorf("TLS sign in: %d → %q", rec.Code, rec.Header().Get("Location"))
	}
	if cks := rec.Result().Cookies(); len(cks) != 1 || !cks[0].Secure {
		t.Errorf("TLS sign in: cookies %+v", cks)
	}

	// next must be a path of this site.
	for _, next := range []string{"//evil.example", "https://evil.example", "/\\evil.example", "evil.example", "javascript:alert(1)", "/\t/evil.example", ""} {
		r := newClient(t, as.h).post("/en/login", login("admin@example.org", testPassword, next))
		wantStatus(t, "next "+next, r, http.StatusSeeOther)
		if loc := r.header.Get("Location"); loc != "/en/" {
			t.Errorf("next %q → %q, want /en/", next, loc)
		}
	}
	// Also from the query of the form's address.
	r = newClient(t, as.h).post("/zh/login?next="+url.QueryEscape("//evil.example/x"), url.Values{"email": {"admin@example.org"}, "password": {testPassword}})
	if loc := r.header.Get("Location"); loc != "/zh/" {
		t.Errorf("next in the query → %q", loc)
	}

	// Signed in: the seats page, the header shows who and a sign-out form.
	r = admin.get("/zh/zgc-2025/admin/seats")
	wantStatus(t, "seats signed in", r, 200)
	wantIn(t, "seats signed in", r.body, "秘书处&lt;b&gt;管理员&lt;/b&gt;", `action="/zh/logout"`)
	r = admin.get("/zh/login")
	wantIn(t, "login when signed in", r.body, "您已登录", "admin@example.org")
	r = admin.get("/en/")
	wantIn(t, "editions signed in", r.body, `action="/en/logout"`)
	if cc := r.header.Get("Cache-Control"); cc != "private, no-store" {
		t.Errorf("editions signed in: Cache-Control %q", cc)
	}

	// Signing out ends the session: the old cookie no longer works.
	old := ck.Value
	r = admin.post("/zh/logout", url.Values{})
	wantStatus(t, "sign out", r, http.StatusSeeOther)
	if loc := r.header.Get("Location"); loc != "/zh/" {
		t.Errorf("sign out → %q", loc)
	}
	if len(admin.set) != 1 || admin.set[0].Name != sessionCookie || admin.set[0].MaxAge >= 0 {
		t.Errorf("sign out: cookies %+v", admin.set)
	}
	stale := newClient(t, as.h)
	stale.cookies[sessionCookie] = &http.Cookie{Name: sessionCookie, Value: old}
	r = stale.get("/zh/zgc-2025/admin/seats")
	wantStatus(t, "seats after sign-out", r, http.StatusSeeOther)
	if loc := r.header.Get("Location"); loc != "/zh/login?next=%2Fzh%2Fzgc-2025%2Fadmin%2Fseats" {
		t.Errorf("seats after sign-out → %q", loc)
	}
	if strings.Contains(stale.get("/zh/zgc-2025/checkin").body, "logout") {
		t.Error("the ended session still shows in the header")
	}

	// A form from another site is refused before it reaches the handler.
	wrapped := httpx.Wrap(as.h, slog.New(slog.DiscardHandler))
	req = httptest.NewRequest(http.MethodPost, "/zh/login", strings.NewReader(login("admin@example.org", testPassword, "").Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", "https://evil.example")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	rec = httptest.NewRecorder()
	wrapped.ServeHTTP(rec, req)
	if rec.Code != http.StatusForbidden || len(rec.Result().Cookies()) != 0 {
		t.Errorf("cross-site sign-in: status %d, cookies %v", rec.Code, rec.Result().Cookies())
	}
	// A body larger than any form is refused.
	big := url.Values{"email": {strings.Repeat("x", maxFormBytes)}}
	wantStatus(t, "huge form", newClient(t, as.h).post("/zh/login", big), http.StatusRequestEntityTooLarge)
}

func testAccountRoles(t *testing.T, as accSite) {
	const (
		gate  = "/zh/zgc-2025/checkin"
		seats = "/zh/zgc-2025/admin/seats"
		prog  = "/zh/zgc-2025/admin/program"
	)
	attendee := signedUpClient(t, as.regSite, "孙七", "sun@example.org")
	a, err := as.svc.Attendee(t.Context(), as.ed, attendee.cookies["convene_attendee_zgc-2025"].Value)
	if err != nil {
		t.Fatal(err)
	}
	code, err := as.svc.TicketCode(t.Context(), a)
	if err != nil {
		t.Fatal(err)
	}

	// Nobody signed in: the token form links to the account sign-in; the
	// secretariat's pages send to it.
	anon := newClient(t, as.h)
	r := anon.get(gate)
	wantStatus(t, "check-in anonymous", r, 200)
	wantIn(t, "check-in anonymous", r.body, `action="/zh/zgc-2025/checkin/signin"`, `href="/zh/login?next=%2Fzh%2Fzgc-2025%2Fcheckin"`)
	for _, p := range []string{seats, prog, "/zh/zgc-2025/admin/registrations.csv"} {
		r := anon.get(p)
		wantStatus(t, p+" anonymous", r, http.StatusSeeOther)
		if loc := r.header.Get("Location"); loc != "/zh/login?next="+url.QueryEscape(p) {
			t.Errorf("%s anonymous → %q", p, loc)
		}
	}

	// An admin: everything, on every edition, without a staff token.
	admin := as.signedInUser(t, "admin@example.org")
	for _, p := range []string{seats, prog, "/en/zgc-2025/admin/seats"} {
		wantStatus(t, p+" as admin", admin.get(p), 200)
	}
	r = admin.get(gate)
	wantStatus(t, "check-in as admin", r, 200)
	checkHTML(t, "check-in as admin", r, "zh")
	wantIn(t, "check-in as admin", r.body, `name="code"`, "admin@example.org", `href="/zh/zgc-2025/admin/seats"`, `action="/zh/logout"`)
	r = admin.post(gate, url.Values{"code": {code}})
	wantStatus(t, "check in as admin", r, 200)
	wantIn(t, "check in as admin", r.body, "outcome-ok", "孙七")
	r = admin.post("/en/zgc-2025/checkin", url.Values{"code": {code}})
	wantIn(t, "check in again", r.body, "outcome-warn", "by admin@example.org.") // the admission's staff label

	// Check-in staff: the gate, not the secretariat's pages.
	staff := as.signedInUser(t, "gate@example.org")
	r = staff.get(gate)
	wantStatus(t, "check-in as checkin user", r, 200)
	wantIn(t, "check-in as checkin user", r.body, `name="code"`, "gate@example.org")
	if strings.Contains(r.body, `href="/zh/zgc-2025/admin/seats"`) {
		t.Error("check-in user is offered the seats page")
	}
	wantStatus(t, "seats as checkin user", staff.get(seats), http.StatusForbidden)
	wantStatus(t, "program as checkin user", staff.get(prog), http.StatusForbidden)

	// Editors and press: neither.
	for _, email := range []string{"editor@example.org", "press@example.org"} {
		c := as.signedInUser(t, email)
		r := c.get(gate)
		wantStatus(t, "check-in as "+email, r, http.StatusForbidden)
		checkHTML(t, "check-in as "+email, r, "zh")
		wantStatus(t, "check in as "+email, c.post(gate, url.Values{"code": {code}}), http.StatusForbidden)
		wantStatus(t, "seats as "+email, c.get(seats), http.StatusForbidden)
	}

	// The staff tokens keep working beside the accounts.
	wantStatus(t, "seats with an admin token", signedInStaff(t, as.regSite, registration.RoleAdmin).get(seats), 200)
	wantStatus(t, "seats with a check-in token", signedInStaff(t, as.regSite, registration.RoleCheckin).get(seats), http.StatusForbidden)
	// A check-in token does not take away an admin account's rights.
	both := as.signedInUser(t, "admin@example.org")
	tok, err := as.svc.CreateStaffToken(t.Context(), as.ed, registration.RoleCheckin, "gate token")
	if err != nil {
		t.Fatal(err)
	}
	wantStatus(t, "token sign-in", both.post(gate+"/signin", url.Values{"token": {tok}}), http.StatusSeeOther)
	wantStatus(t, "seats with a check-in token and an admin account", both.get(seats), 200)
}

func testAccountCache(t *testing.T, as accSite) {
	admin := as.signedInUser(t, "admin@example.org")
	const agenda = "/zh/zgc-2025/agenda"
	userData := []string{"admin@example.org", "秘书处", "/zh/logout"}
	for i, c := range []*client{admin, newClient(t, as.h), admin} {
		r := c.get(agenda)
		wantStatus(t, agenda, r, 200)
		for _, d := range userData {
			if strings.Contains(r.body, d) {
				t.Errorf("fetch %d of the cached agenda contains %q", i, d)
			}
		}
		wantIn(t, agenda, r.body, `href="/zh/login?next=%2Fzh%2Fzgc-2025%2Fagenda"`)
	}
	// The same holds for an edition's home page, fetched signed in first.
	home := admin.get("/en/zgc-2025/")
	if strings.Contains(home.body, "admin@example.org") || strings.Contains(home.body, "/en/logout") {
		t.Error("the cached home page shows the signed-in user")
	}
	// A live page does show the user.
	wantIn(t, "live page", admin.get("/zh/zgc-2025/register").body, `action="/zh/logout"`, "秘书处")
}

func TestLocalNext(t *testing.T) {
	for next, want := range map[string]string{
		"/zh/zgc-2025/admin/seats":       "/zh/zgc-2025/admin/seats",
		"/zh/zgc-2025/agenda?day=2#x":    "/zh/zgc-2025/agenda?day=2#x",
		"":                               "/zh/",
		"//evil.example":                 "/zh/",
		"///evil.example":                "/zh/",
		"https://evil.example":           "/zh/",
		"/\\evil.example":                "/zh/",
		"/%5Cevil.example":               "/%5Cevil.example", // a path segment, not a host
		"/\r\nLocation: x":               "/zh/",
		"zh/agenda":                      "/zh/",
		"javascript:alert(1)":            "/zh/",
		"/" + strings.Repeat("a", 3000):  "/zh/",
		"http:/evil.example":             "/zh/",
		"/zh/login?next=//evil.example":  "/zh/login?next=//evil.example",
		"/ok path with space/and-more/…": "/ok path with space/and-more/…",
	} {
		if got := localNext("zh", next); got != want {
			t.Errorf("localNext(%q) = %q, want %q", next, got, want)
		}
	}
}

// Without an accounts service there are no sign-in pages and no link.
func TestNoAccounts(t *testing.T) {
	cat := testkit.DemoCatalog(t, testkit.Engines(t)[0])
	h, err := New(Config{Catalog: cat})
	if err != nil {
		t.Fatal(err)
	}
	// (/zh/login is then an edition's address without its slash.)
	wantStatus(t, "login without accounts", get(t, h, "/zh/login/"), http.StatusNotFound)
	r := get(t, h, "/zh/zgc-2025/agenda")
	if strings.Contains(r.body, "/zh/login") {
		t.Error("the agenda links to a sign-in page the site does not have")
	}
}

// testPressReleases: press and admin accounts see the embargoed release
// with its time on a page of their own; the public page does not show it;
// other roles may not, and nobody signed in is sent to sign in.
func testPressReleases(t *testing.T, as accSite) {
	const page, embargoed = "/zh/zgc-2025/press/releases", "燕行二号"
	public := newClient(t, as.h).get("/zh/zgc-2025/releases")
	if strings.Contains(public.body, embargoed) {
		t.Fatal("the public releases page shows the embargoed release")
	}
	for _, email := range []string{"press@example.org", "admin@example.org"} {
		r := as.signedInUser(t, email).get(page)
		wantStatus(t, "press page as "+email, r, http.StatusOK)
		checkHTML(t, "press page", r, "zh")
		wantIn(t, "press page as "+email, r.body, embargoed, "禁发至 2025-03-29 10:00")
		if cc := r.header.Get("Cache-Control"); !strings.Contains(cc, "no-store") {
			t.Errorf("press page Cache-Control %q", cc)
		}
	}
	wantStatus(t, "press page as editor", as.signedInUser(t, "editor@example.org").get(page), http.StatusForbidden)
	wantStatus(t, "press page as gate staff", as.signedInUser(t, "gate@example.org").get(page), http.StatusForbidden)
	wantStatus(t, "press page signed out", newClient(t, as.h).get(page), http.StatusSeeOther)
	if again := newClient(t, as.h).get("/zh/zgc-2025/releases"); strings.Contains(again.body, embargoed) {
		t.Error("after the press view, the public page shows the embargoed release")
	}
}

// TestBaseURL: behind a TLS-terminating proxy (no TLS on the request), a
// site configured with its https base URL marks every cookie Secure and
// writes absolute links with that URL, not with the Host the proxy sent.
func TestBaseURL(t *testing.T) {
	db := testkit.DemoDB(t, "sqlite")
	cat := program.NewCatalog(db, testkit.Clock)
	acc := accounts.New(db, testkit.Clock)
	h, err := New(Config{Catalog: cat, Registration: registration.New(db, testkit.Clock), Accounts: acc, BaseURL: "https://forum.example/",
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := acc.AddUser(t.Context(), "admin@example.org", "", accounts.RoleAdmin, nil, testPassword); err != nil {
		t.Fatal(err)
	}
	c := newClient(t, h)
	r := c.post("/zh/zgc-2025/register", application("李雷", "li.lei@example.org"))
	wantStatus(t, "register", r, http.StatusSeeOther)
	if ck := c.cookies["convene_attendee_zgc-2025"]; ck == nil || !ck.Secure {
		t.Fatalf("attendee cookie without Secure: %+v", ck)
	}
	wantIn(t, "me", c.get("/zh/zgc-2025/me").body, "https://forum.example/zh/zgc-2025/access/cva_")
	wantStatus(t, "sign in", c.post("/zh/login", login("admin@example.org", testPassword, "")), http.StatusSeeOther)
	if ck := c.cookies[sessionCookie]; ck == nil || !ck.Secure {
		t.Fatalf("session cookie without Secure: %+v", ck)
	}
}
