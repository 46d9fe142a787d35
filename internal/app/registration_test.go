package app_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"testing"

	"convene/internal/app"
	"convene/internal/testkit"
)

// TestStaffTokenAndInvitationFromTheCommandLine: codes and tokens made by
// the CLI work against a running server on the same database, on each
// engine, and the registrations export lists who came.
func TestStaffTokenAndInvitationFromTheCommandLine(t *testing.T) {
	for _, engine := range testkit.Engines(t) {
		t.Run(engine, func(t *testing.T) {
			storage := storageArgs(t, engine)
			cli := cliOn(t, storage)
			cli("demo")
			gate := cli("token", "create", "--role", "checkin", "--event", "zgc-2025", "--label", "north gate")
			invitation := cli("invitation", "create", "--event", "zgc-2025", "--kinds", "guest,media", "--seats", "1", "--label", "delegation")
			if !strings.HasPrefix(gate, "cvs_") || len(strings.ReplaceAll(invitation, "-", "")) != 12 {
				t.Fatalf("token %q, invitation %q", gate, invitation)
			}
			base := serve(t, storage...)
			post := func(path, token string, body any) (int, map[string]any) {
				t.Helper()
				raw, _ := json.Marshal(body)
				req, _ := http.NewRequest(http.MethodPost, base+"/api/v1/events/zgc-2025"+path, bytes.NewReader(raw))
				req.Header.Set("Content-Type", "application/json")
				if token != "" {
					req.Header.Set("Authorization", "Bearer "+token)
				}
				res, err := http.DefaultClient.Do(req)
				if err != nil {
					t.Fatal(err)
				}
				defer res.Body.Close()
				var v map[string]any
				_ = json.NewDecoder(res.Body).Decode(&v)
				return res.StatusCode, v
			}
			st, reg := post("/attendees", "", map[string]string{"name": "Guest One", "email": "guest1@example.org", "kind": "guest", "invitation": strings.ToLower(invitation)})
			if st != http.StatusCreated {
				t.Fatalf("register with invitation: %d %v", st, reg)
			}
			if st, v := post("/attendees", "", map[string]string{"name": "Guest Two", "email": "guest2@example.org", "kind": "guest", "invitation": invitation}); st != http.StatusBadRequest || v["field"] != "invitation" {
				t.Errorf("second guest on a one-seat invitation: %d %v", st, v)
			}
			if st, v := post("/checkins", gate, map[string]string{"code": reg["code"].(string)}); st != http.StatusOK || v["outcome"] != "admitted" {
				t.Fatalf("check-in with the CLI's token: %d %v", st, v)
			}
			csv := cli("export", "--event", "zgc-2025", "--registrations", "--format", "csv", "--lang", "en")
			if !strings.Contains(csv, "guest1@example.org") || !strings.Contains(csv, "2025-03-27 08:00:00") {
				t.Errorf("registrations export lacks the guest or the check-in time:\n%s", csv)
			}
		})
	}
}

// TestAccountsFromTheCommandLine: an account added on the command line signs
// in with its password, and its API token acts as its role on a running
// server: an admin's reads the live figures, a check-in account's may not.
func TestAccountsFromTheCommandLine(t *testing.T) {
	for _, engine := range testkit.Engines(t) {
		t.Run(engine, func(t *testing.T) {
			storage := storageArgs(t, engine)
			cli := func(stdin string, args ...string) (int, string, string) {
				t.Helper()
				var out, errOut bytes.Buffer
				code := app.Main(context.Background(), app.Env{Args: append(args, storage...), Getenv: func(string) string { return "" },
					Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errOut, Now: testkit.Clock})
				return code, out.String(), errOut.String()
			}
			if code, _, errOut := cli("", "demo"); code != 0 {
				t.Fatal(errOut)
			}
			code, out, errOut := cli("", "user", "add", "--email", "secretariat@example.org", "--role", "admin", "--name", "秘书处")
			if code != 0 || !strings.Contains(out, "added secretariat@example.org (admin)") || !strings.Contains(out, "password: ") {
				t.Fatalf("user add: %d %q %q", code, out, errOut)
			}
			if code, out, errOut := cli("a very long password\n", "user", "add", "--email", "gate@example.org", "--role", "checkin", "--password-stdin"); code != 0 || strings.Contains(out, "password:") {
				t.Fatalf("user add --password-stdin: %d %q %q", code, out, errOut)
			}
			for _, bad := range [][]string{
				{"user", "add", "--email", "x@example.org", "--role", "root"},
				{"user", "add", "--email", "x@example.org", "--role", "editor"},
				{"user", "add", "--email", "x@example.org", "--role", "editor", "--org", "no-such-org"},
				{"user", "add", "--role", "admin"},
				{"token", "create", "--user", "gate@example.org", "--role", "admin"},
			} {
				if code, _, _ := cli("", bad...); code != 2 {
					t.Errorf("%v: exit %d, want 2", bad, code)
				}
			}
			if code, _, _ := cli("", "user", "add", "--email", "gate@example.org", "--role", "checkin"); code != 1 {
				t.Errorf("the same email twice: exit %d, want 1", code)
			}
			generated := printedPassword(out)
			_, adminToken, _ := cli("", "token", "create", "--user", "secretariat@example.org", "--label", "nightly export")
			_, gateToken, _ := cli("", "token", "create", "--user", "gate@example.org")
			adminToken, gateToken = strings.TrimSpace(adminToken), strings.TrimSpace(gateToken)
			if !strings.HasPrefix(adminToken, "cvu_") || !strings.HasPrefix(gateToken, "cvu_") {
				t.Fatalf("tokens %q %q", adminToken, gateToken)
			}
			base := serve(t, storage...)
			for _, tc := range []struct {
				token string
				want  int
			}{{adminToken, http.StatusOK}, {gateToken, http.StatusForbidden}, {"cvu_unknown", http.StatusUnauthorized}} {
				req, _ := http.NewRequest(http.MethodGet, base+"/api/v1/events/zgc-2025/seats", nil)
				req.Header.Set("Authorization", "Bearer "+tc.token)
				res, err := http.DefaultClient.Do(req)
				if err != nil {
					t.Fatal(err)
				}
				res.Body.Close()
				if res.StatusCode != tc.want {
					t.Errorf("seats with token %.8s…: %d, want %d", tc.token, res.StatusCode, tc.want)
				}
			}
			// The printed password signs in on the site, whose session opens
			// the secretariat's pages.
			jar, _ := cookiejar.New(nil)
			browser := &http.Client{Jar: jar}
			res, err := browser.PostForm(base+"/zh/login", url.Values{"email": {"secretariat@example.org"}, "password": {generated}, "next": {"/zh/zgc-2025/admin/seats"}})
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
			if res.StatusCode != http.StatusOK || res.Request.URL.Path != "/zh/zgc-2025/admin/seats" {
				t.Errorf("sign in with the printed password: %d at %s", res.StatusCode, res.Request.URL)
			}
		})
	}
}
