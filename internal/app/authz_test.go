package app_test

import (
	"bytes"
	"io"
	"net/http"
	"strings"
	"testing"

	"convene/internal/testkit"
)

// TestAuthorisationTable: every staff page of the site and every staff
// endpoint of the API, for every role, through a running server: anonymous
// visitors are sent to sign in (site) or get 401 (API); editors and press get
// 403 everywhere here; check-in accounts reach check-in only; admins reach
// everything. A status other than 401/403 (or the sign-in redirect) means
// the request got past authorisation.
func TestAuthorisationTable(t *testing.T) {
	for _, engine := range testkit.Engines(t) {
		t.Run(engine, func(t *testing.T) {
			storage := storageArgs(t, engine)
			cli := cliOn(t, storage)
			cli("demo")
			roles := []struct{ name, email, role, org string }{
				{"admin", "admin@example.org", "admin", ""},
				{"checkin", "gate@example.org", "checkin", ""},
				{"editor A", "editor-a@example.org", "editor", "most"},
				{"editor B", "editor-b@example.org", "editor", "casted"},
				{"press", "press@example.org", "press", ""},
			}
			passwords, tokens := map[string]string{}, map[string]string{}
			for _, r := range roles {
				args := []string{"user", "add", "--email", r.email, "--role", r.role}
				if r.org != "" {
					args = append(args, "--org", r.org)
				}
				out := cli(args...)
				passwords[r.name] = printedPassword(out)
				tokens[r.name] = cli("token", "create", "--user", r.email)
			}
			base := serve(t, storage...)
			browsers := map[string]*http.Client{"anonymous": {}}
			for _, r := range roles {
				browsers[r.name] = signedIn(t, base, r.email, passwords[r.name])
			}
			for name := range browsers {
				browsers[name].CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
			}

			// The press sees the embargoed release, marked; the public list lacks it.
			req, _ := http.NewRequest(http.MethodGet, base+"/api/v1/events/zgc-2025/press/releases", nil)
			req.Header.Set("Authorization", "Bearer "+tokens["press"])
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			pressList, _ := io.ReadAll(res.Body)
			res.Body.Close()
			if !bytes.Contains(pressList, []byte(`"slug":"yanxing-2-humanoid"`)) || !bytes.Contains(pressList, []byte(`"public":false`)) {
				t.Errorf("press releases lack the embargoed release: %s", pressList)
			}
			res, err = http.Get(base + "/api/v1/events/zgc-2025/releases")
			if err != nil {
				t.Fatal(err)
			}
			publicList, _ := io.ReadAll(res.Body)
			res.Body.Close()
			if bytes.Contains(publicList, []byte("yanxing-2-humanoid")) {
				t.Error("the public releases list shows the embargoed release")
			}

			// Expected statuses: admin, checkin, editor A, editor B, press, anonymous.
			const redirect = http.StatusSeeOther
			site := []struct {
				method, path, form string
				want               [6]int
			}{
				{"GET", "/zh/zgc-2025/admin/seats", "", [6]int{200, 403, 403, 403, 403, redirect}},
				{"GET", "/zh/zgc-2025/admin/registrations.csv", "", [6]int{200, 403, 403, 403, 403, redirect}},
				{"GET", "/zh/zgc-2025/admin/registrations.xlsx", "", [6]int{200, 403, 403, 403, 403, redirect}},
				{"GET", "/zh/zgc-2025/admin/program", "", [6]int{200, 403, 403, 403, 403, redirect}},
				{"GET", "/zh/zgc-2025/admin/program.csv?lang=en", "", [6]int{200, 403, 403, 403, 403, redirect}},
				{"GET", "/zh/zgc-2025/admin/program-template.xlsx?lang=zh", "", [6]int{200, 403, 403, 403, 403, redirect}},
				{"POST", "/zh/zgc-2025/admin/program", "x=1", [6]int{400, 403, 403, 403, 403, redirect}}, // admin: no file sent
				{"GET", "/zh/zgc-2025/admin/audit", "", [6]int{200, 403, 403, 403, 403, redirect}},
				{"GET", "/zh/zgc-2025/checkin", "", [6]int{200, 200, 403, 403, 403, 200}}, // anonymous: the token form
				{"POST", "/zh/zgc-2025/checkin", "code=CV1NOPE", [6]int{200, 200, 403, 403, 403, redirect}},
				{"GET", "/zh/zgc-2025/press/releases", "", [6]int{200, 403, 403, 403, 200, redirect}},
				// Program editing: editors reach what their organisations host
				// (editor A: MOST hosts quantum-innovation; editor B: CASTED does
				// not); the board and publishing are the secretariat's. The
				// writes name a version that does not exist, so a request past
				// authorisation is refused as stale (409) and changes nothing.
				{"GET", "/zh/zgc-2025/admin/", "", [6]int{200, 403, 200, 200, 403, redirect}},
				{"GET", "/zh/zgc-2025/admin/activities", "", [6]int{200, 403, 200, 200, 403, redirect}},
				{"GET", "/zh/zgc-2025/admin/activities/quantum-innovation", "", [6]int{200, 403, 200, 403, 403, redirect}},
				{"GET", "/zh/zgc-2025/admin/activities/national-innovation-index-release", "", [6]int{200, 403, 403, 200, 403, redirect}},
				{"POST", "/zh/zgc-2025/admin/activities/quantum-innovation", "version=999&title_zh=x", [6]int{409, 403, 409, 403, 403, redirect}},
				{"GET", "/zh/zgc-2025/admin/timetable", "", [6]int{200, 403, 403, 403, 403, redirect}},
				{"POST", "/zh/zgc-2025/admin/timetable/move", "activity=quantum-innovation&version=999&starts_at=2025-03-28T09:00", [6]int{409, 403, 403, 403, 403, redirect}},
				{"GET", "/zh/zgc-2025/admin/timetable/schedule", "", [6]int{200, 403, 403, 403, 403, redirect}},
				{"POST", "/zh/zgc-2025/admin/timetable/schedule", "seconds=0", [6]int{400, 403, 403, 403, 403, redirect}}, // admin: a time limit out of range
				{"GET", "/zh/zgc-2025/admin/publish", "", [6]int{200, 403, 403, 403, 403, redirect}},
				{"POST", "/zh/zgc-2025/admin/publish", "", [6]int{409, 403, 403, 403, 403, redirect}}, // admin: nothing to publish
			}
			who := []string{"admin", "checkin", "editor A", "editor B", "press", "anonymous"}
			for _, tc := range site {
				for i, name := range who {
					req, _ := http.NewRequest(tc.method, base+tc.path, strings.NewReader(tc.form))
					if tc.method == "POST" {
						req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
					}
					res, err := browsers[name].Do(req)
					if err != nil {
						t.Fatal(err)
					}
					res.Body.Close()
					if res.StatusCode != tc.want[i] {
						t.Errorf("site %s %s as %s: %d, want %d", tc.method, tc.path, name, res.StatusCode, tc.want[i])
					}
					if res.StatusCode == redirect && !strings.Contains(res.Header.Get("Location"), "/login") && !strings.Contains(res.Header.Get("Location"), "/checkin") {
						t.Errorf("site %s %s as %s: redirected to %s", tc.method, tc.path, name, res.Header.Get("Location"))
					}
				}
			}
			// A cross-origin form post is refused even with the admin's
			// cookies, and changes nothing.
			for _, path := range []string{"/zh/zgc-2025/admin/activities/quantum-innovation", "/zh/zgc-2025/admin/publish", "/zh/zgc-2025/admin/people/no-one"} {
				req, _ := http.NewRequest(http.MethodPost, base+path, strings.NewReader("version=1&title_zh=x"))
				req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
				req.Header.Set("Origin", "https://evil.example")
				req.Header.Set("Sec-Fetch-Site", "cross-site")
				res, err := browsers["admin"].Do(req)
				if err != nil {
					t.Fatal(err)
				}
				res.Body.Close()
				if res.StatusCode != http.StatusForbidden {
					t.Errorf("cross-site POST %s: %d, want 403", path, res.StatusCode)
				}
			}
			if res, err := http.Get(base + "/api/v1/events/zgc-2025/versions"); err != nil {
				t.Fatal(err)
			} else {
				body, _ := io.ReadAll(res.Body)
				res.Body.Close()
				if !bytes.Contains(body, []byte(`"versions":[{"event":"zgc-2025","version":1,`)) {
					t.Errorf("something was published: %s", body)
				}
			}

			api := []struct {
				method, path, body string
				want               [6]int
			}{
				{"GET", "/api/v1/events/zgc-2025/seats", "", [6]int{200, 403, 403, 403, 403, 401}},
				{"GET", "/api/v1/events/zgc-2025/exports/registrations.csv", "", [6]int{200, 403, 403, 403, 403, 401}},
				{"GET", "/api/v1/events/zgc-2025/exports/registrations.xlsx", "", [6]int{200, 403, 403, 403, 403, 401}},
				{"GET", "/api/v1/events/zgc-2025/audit", "", [6]int{200, 403, 403, 403, 403, 401}},
				{"POST", "/api/v1/events/zgc-2025/schedule", `{"seconds":1,"dry_run":true}`, [6]int{200, 403, 403, 403, 403, 401}},
				{"POST", "/api/v1/events/zgc-2025/attendees/no-such-attendee/revoke", "", [6]int{404, 403, 403, 403, 403, 401}},
				{"POST", "/api/v1/events/zgc-2025/checkins", `{"code":"CV1NOPE"}`, [6]int{404, 404, 403, 403, 403, 401}}, // 404: an unknown ticket, past authorisation
				{"GET", "/api/v1/events/zgc-2025/press/releases", "", [6]int{200, 403, 403, 403, 200, 401}},
				{"GET", "/api/v1/events/zgc-2025/activities/quantum-innovation/draft", "", [6]int{200, 403, 200, 403, 403, 401}},
				{"PATCH", "/api/v1/events/zgc-2025/activities/quantum-innovation", `{"title_en":"x"}`, [6]int{412, 403, 412, 403, 403, 401}}, // If-Match names no version
				{"POST", "/api/v1/events/zgc-2025/publish", "", [6]int{409, 403, 403, 403, 403, 401}},                                        // admin: nothing to publish
			}
			for _, tc := range api {
				for i, name := range who {
					req, _ := http.NewRequest(tc.method, base+tc.path, bytes.NewReader([]byte(tc.body)))
					req.Header.Set("Content-Type", "application/json")
					req.Header.Set("If-Match", `"999"`)
					if name != "anonymous" {
						req.Header.Set("Authorization", "Bearer "+tokens[name])
					}
					res, err := http.DefaultClient.Do(req)
					if err != nil {
						t.Fatal(err)
					}
					res.Body.Close()
					if res.StatusCode != tc.want[i] {
						t.Errorf("API %s %s as %s: %d, want %d", tc.method, tc.path, name, res.StatusCode, tc.want[i])
					}
				}
			}
		})
	}
}
