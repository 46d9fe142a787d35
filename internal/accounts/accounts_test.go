package accounts_test

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"convene/internal/accounts"
	"convene/internal/mail"
	"convene/internal/program"
	"convene/internal/testkit"
)

// clock is a settable test clock.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.now }
func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

const password = "correct horse battery"

func TestAccounts(t *testing.T) {
	for _, engine := range testkit.Engines(t) {
		t.Run(engine, func(t *testing.T) {
			ctx := context.Background()
			clk := &clock{now: testkit.Now}
			svc := accounts.New(testkit.DemoDB(t, engine), clk.Now)

			// Bad accounts are refused, naming the field.
			for _, tc := range []struct {
				email, role, field string
				orgs               []string
				pw                 string
			}{
				{"not-an-email", "admin", "email", nil, password},
				{"a@example.org", "root", "role", nil, password},
				{"a@example.org", "editor", "org", nil, password},
				{"a@example.org", "admin", "org", []string{"most"}, password},
				{"a@example.org", "admin", "password", nil, "short"},
				{"a@example.org", "editor", "org", []string{"no-such-org"}, password},
			} {
				_, err := svc.AddUser(ctx, tc.email, "", accounts.Role(tc.role), tc.orgs, tc.pw)
				if e := program.SafeError(err); e == nil || e.Field != tc.field {
					t.Errorf("AddUser(%s, %s, %v): %v, want an error on %s", tc.email, tc.role, tc.orgs, err, tc.field)
				}
			}
			admin, err := svc.AddUser(ctx, "Admin@Example.org", "秘书处", accounts.RoleAdmin, nil, password)
			if err != nil || admin.Email != "admin@example.org" {
				t.Fatalf("add admin: %+v %v", admin, err)
			}
			if _, err := svc.AddUser(ctx, "admin@example.org", "", accounts.RoleAdmin, nil, password); program.ErrorCode(err) != program.CodeConflict {
				t.Errorf("second account with the same email: %v", err)
			}
			if _, err := svc.AddUser(ctx, "editor@example.org", "", accounts.RoleEditor, []string{"most", "casted"}, password); err != nil {
				t.Fatal(err)
			}

			// Sign-in: right, wrong, unknown.
			u, session, err := svc.SignIn(ctx, " ADMIN@example.org", password, "10.0.0.1")
			if err != nil || u.ID != admin.ID || !strings.HasPrefix(session, "cvsession_") {
				t.Fatalf("sign in: %+v %q %v", u, session, err)
			}
			if got, err := svc.SessionUser(ctx, session); err != nil || got.ID != admin.ID || got.Name != "秘书处" {
				t.Fatalf("session user: %+v %v", got, err)
			}
			if _, _, err := svc.SignIn(ctx, "admin@example.org", password+"x", "10.0.0.1"); err != accounts.ErrBadCredentials {
				t.Errorf("wrong password: %v", err)
			}
			if _, _, err := svc.SignIn(ctx, "nobody@example.org", password, "10.0.0.1"); err != accounts.ErrBadCredentials {
				t.Errorf("unknown email: %v", err)
			}

			// The editor's organisations come back with the session.
			_, es, err := svc.SignIn(ctx, "editor@example.org", password, "10.0.0.2")
			if err != nil {
				t.Fatal(err)
			}
			if ed, err := svc.SessionUser(ctx, es); err != nil || strings.Join(ed.Orgs, ",") != "casted,most" || ed.Role != accounts.RoleEditor {
				t.Errorf("editor: %+v %v", ed, err)
			}

			// Five failures for one email lock it for the window, even for the
			// right password, from any address; other accounts are unaffected.
			for i := 0; i < 5; i++ {
				_, _, _ = svc.SignIn(ctx, "editor@example.org", "guess number "+string(rune('a'+i)), "10.0.0.3")
			}
			if _, _, err := svc.SignIn(ctx, "editor@example.org", password, "10.0.0.4"); err != accounts.ErrTooManyTries {
				t.Errorf("sixth try: %v", err)
			}
			if _, _, err := svc.SignIn(ctx, "admin@example.org", password, "10.0.0.4"); err != nil {
				t.Errorf("another account during the lock: %v", err)
			}
			clk.Add(16 * time.Minute)
			if _, _, err := svc.SignIn(ctx, "editor@example.org", password, "10.0.0.4"); err != nil {
				t.Errorf("after the window: %v", err)
			}

			// Sessions end by sign-out and by expiry.
			if err := svc.SignOut(ctx, es); err != nil {
				t.Fatal(err)
			}
			if _, err := svc.SessionUser(ctx, es); program.ErrorCode(err) != program.CodeUnauthorized {
				t.Errorf("signed-out session: %v", err)
			}
			clk.Add(accounts.SessionLength)
			if _, err := svc.SessionUser(ctx, session); program.ErrorCode(err) != program.CodeUnauthorized {
				t.Errorf("expired session: %v", err)
			}

			// API tokens act as their user; a session token is no API token.
			tok, err := svc.CreateToken(ctx, "admin@example.org", "nightly export")
			if err != nil || !strings.HasPrefix(tok, accounts.UserTokenPrefix) {
				t.Fatalf("token: %q %v", tok, err)
			}
			if got, err := svc.TokenUser(ctx, tok); err != nil || got.ID != admin.ID {
				t.Errorf("token user: %+v %v", got, err)
			}
			if _, err := svc.TokenUser(ctx, session); program.ErrorCode(err) != program.CodeUnauthorized {
				t.Errorf("session token used as API token: %v", err)
			}
			if _, err := svc.CreateToken(ctx, "nobody@example.org", ""); program.ErrorCode(err) != program.CodeNotFound {
				t.Errorf("token for nobody: %v", err)
			}
		})
	}
}

// TestSignInLimitPerClient: one address trying many emails is stopped too.
func TestSignInLimitPerClient(t *testing.T) {
	ctx := context.Background()
	svc := accounts.New(testkit.OpenDB(t, "sqlite"), testkit.Clock)
	if _, err := svc.AddUser(ctx, "staff@example.org", "", accounts.RoleCheckin, nil, password); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 20; i++ {
		_, _, _ = svc.SignIn(ctx, "user"+string(rune('a'+i))+"@example.org", "wrong password!", "192.0.2.7")
	}
	if _, _, err := svc.SignIn(ctx, "staff@example.org", password, "192.0.2.7"); err != accounts.ErrTooManyTries {
		t.Errorf("21st try from one address: %v", err)
	}
	if _, _, err := svc.SignIn(ctx, "staff@example.org", password, "192.0.2.8"); err != nil {
		t.Errorf("another address: %v", err)
	}
}

// outbox is the mail edge of the tests: it keeps what would be sent.
type outbox struct{ sent []mail.Message }

func (o *outbox) Send(_ context.Context, m mail.Message) error {
	o.sent = append(o.sent, m)
	return nil
}

// TestPasswordReset: the link works once, within its hour, sets the
// password and ends the sessions; unknown emails get no mail and the same
// answer; an account gets at most three links an hour.
func TestPasswordReset(t *testing.T) {
	for _, engine := range testkit.Engines(t) {
		t.Run(engine, func(t *testing.T) {
			ctx := context.Background()
			clk := &clock{now: testkit.Now}
			svc := accounts.New(testkit.OpenDB(t, engine), clk.Now)
			if _, err := svc.AddUser(ctx, "press@example.org", "", accounts.RolePress, nil, password); err != nil {
				t.Fatal(err)
			}
			_, session, err := svc.SignIn(ctx, "press@example.org", password, "10.0.0.1")
			if err != nil {
				t.Fatal(err)
			}
			box := &outbox{}
			link := func(token string) string { return "https://forum.example/zh/reset/" + token }
			if err := svc.RequestReset(ctx, "nobody@example.org", box, link); err != nil || len(box.sent) != 0 {
				t.Fatalf("reset for an unknown email: %v, %d mails", err, len(box.sent))
			}
			if err := svc.RequestReset(ctx, "Press@Example.org", box, link); err != nil || len(box.sent) != 1 || box.sent[0].To != "press@example.org" {
				t.Fatalf("reset: %v %+v", err, box.sent)
			}
			_, token, ok := strings.Cut(box.sent[0].Body, "/zh/reset/")
			token, _, _ = strings.Cut(token, "\n")
			if !ok || !strings.HasPrefix(token, "cvr_") {
				t.Fatalf("no reset link in %q", box.sent[0].Body)
			}
			if err := svc.ResetPassword(ctx, token, "short"); program.ErrorCode(err) != program.CodeInvalid {
				t.Errorf("short new password: %v", err)
			}
			const newPassword = "a brand new passphrase"
			if err := svc.ResetPassword(ctx, token, newPassword); err != nil {
				t.Fatal(err)
			}
			if _, err := svc.SessionUser(ctx, session); program.ErrorCode(err) != program.CodeUnauthorized {
				t.Errorf("session after reset: %v", err)
			}
			if _, _, err := svc.SignIn(ctx, "press@example.org", password, "10.0.0.1"); err != accounts.ErrBadCredentials {
				t.Errorf("old password after reset: %v", err)
			}
			if _, _, err := svc.SignIn(ctx, "press@example.org", newPassword, "10.0.0.1"); err != nil {
				t.Errorf("new password: %v", err)
			}
			if err := svc.ResetPassword(ctx, token, "yet another passphrase"); err != accounts.ErrResetLink {
				t.Errorf("link used twice: %v", err)
			}
			// A link expires after its hour; at most three links an hour.
			_ = svc.RequestReset(ctx, "press@example.org", box, link)
			_, late, _ := strings.Cut(box.sent[1].Body, "/zh/reset/")
			late, _, _ = strings.Cut(late, "\n")
			_ = svc.RequestReset(ctx, "press@example.org", box, link)
			_ = svc.RequestReset(ctx, "press@example.org", box, link)
			if len(box.sent) != 3 {
				t.Errorf("%d mails after four requests within the hour, want 3", len(box.sent))
			}
			clk.Add(accounts.ResetLifetime + time.Minute)
			if err := svc.ResetPassword(ctx, late, "yet another passphrase"); err != accounts.ErrResetLink {
				t.Errorf("expired link: %v", err)
			}
		})
	}
}
