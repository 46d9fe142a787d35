package app_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"convene/internal/testkit"
)

// TestAuditLogRecordsEveryAdministrativeWrite: each administrative write of
// this test, made on the command line, on the site and through the API, is
// in the audit log once, with who made it; the API and the secretariat's
// page show the log, and only to admins.
func TestAuditLogRecordsEveryAdministrativeWrite(t *testing.T) {
	for _, engine := range testkit.Engines(t) {
		t.Run(engine, func(t *testing.T) {
			storage := storageArgs(t, engine)
			cli := cliOn(t, storage)
			cli("demo")
			out := cli("user", "add", "--email", "secretariat@example.org", "--role", "admin")
			password := printedPassword(out)
			adminToken := cli("token", "create", "--user", "secretariat@example.org", "--label", "scripts")
			gateToken := cli("token", "create", "--role", "checkin", "--event", "zgc-2025", "--label", "north gate")
			cli("invitation", "create", "--event", "zgc-2025", "--kinds", "guest", "--seats", "3", "--label", "delegation")
			base := serve(t, storage...)

			// On the site: an admin uploads a changed title.
			browser := signedIn(t, base, "secretariat@example.org", password)
			res, err := browser.Get(base + "/en/zgc-2025/admin/program.csv?lang=en")
			if err != nil {
				t.Fatal(err)
			}
			csv, _ := io.ReadAll(res.Body)
			res.Body.Close()
			changed := bytes.Replace(csv, []byte("Quantum Science and Technology Innovation and Development Forum"), []byte("Quantum Technology Forum"), 1)
			if st, _ := uploadProgram(t, browser, base+"/en/zgc-2025/admin/program", changed); st != http.StatusOK {
				t.Fatalf("upload: %d", st)
			}

			// Through the API: a registration withdrawn with the admin's token.
			reg := postJSON(t, base+"/api/v1/events/zgc-2025/attendees", "", map[string]string{"name": "Li Na", "email": "li.na@example.org"})
			req, _ := http.NewRequest(http.MethodPost, base+"/api/v1/events/zgc-2025/attendees/"+reg["id"].(string)+"/revoke", nil)
			req.Header.Set("Authorization", "Bearer "+adminToken)
			if res, err := http.DefaultClient.Do(req); err != nil || res.StatusCode != http.StatusNoContent {
				t.Fatalf("withdraw: %v %v", res.StatusCode, err)
			}

			// Program edits: on the site a form, a move on the board, a
			// speaker's affiliation, then the secretariat publishes; through
			// the API an edit with an edition's admin token, published on the
			// command line.
			form := func(path string, values url.Values) {
				t.Helper()
				res, err := browser.PostForm(base+path, values)
				if err != nil {
					t.Fatal(err)
				}
				body, _ := io.ReadAll(res.Body)
				res.Body.Close()
				if res.StatusCode != http.StatusOK {
					t.Fatalf("POST %s: %d\n%s", path, res.StatusCode, body)
				}
			}
			scripts := cli("token", "create", "--role", "admin", "--event", "zgc-2025", "--label", "api scripts")
			draft := func() map[string]any {
				req, _ := http.NewRequest(http.MethodGet, base+"/api/v1/events/zgc-2025/activities/quantum-innovation/draft", nil)
				req.Header.Set("Authorization", "Bearer "+scripts)
				res, err := http.DefaultClient.Do(req)
				if err != nil {
					t.Fatal(err)
				}
				defer res.Body.Close()
				var v map[string]any
				_ = json.NewDecoder(res.Body).Decode(&v)
				return v
			}
			version := func() string { return strconv.Itoa(int(draft()["version"].(float64))) }
			form("/en/zgc-2025/admin/activities/quantum-innovation", url.Values{"version": {version()}, "summary_en": {"Where quantum research meets industry."}})
			form("/en/zgc-2025/admin/timetable/move", url.Values{"activity": {"quantum-innovation"}, "version": {version()}, "room": {"iic-room-101"}, "starts_at": {"2025-03-30T09:00"}, "minutes": {"180"}})
			speaker := draft()["speakers"].([]any)[0].(map[string]any)["person"].(string)
			res, err = browser.Get(base + "/en/zgc-2025/admin/people/" + speaker)
			if err != nil {
				t.Fatal(err)
			}
			personPage, _ := io.ReadAll(res.Body)
			res.Body.Close()
			personVersion := regexp.MustCompile(`name="version" value="(\d+)"`).FindSubmatch(personPage)
			if personVersion == nil {
				t.Fatalf("the person form has no version:\n%s", personPage)
			}
			form("/en/zgc-2025/admin/people/"+speaker, url.Values{"version": {string(personVersion[1])}, "affiliation_en": {"Zhongguancun Laboratory"}})
			form("/en/zgc-2025/admin/publish", nil)
			req, _ = http.NewRequest(http.MethodPatch, base+"/api/v1/events/zgc-2025/activities/quantum-innovation", strings.NewReader(`{"languages":["zh","en","fr"]}`))
			req.Header.Set("Authorization", "Bearer "+scripts)
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("If-Match", `"`+version()+`"`)
			if res, err := http.DefaultClient.Do(req); err != nil || res.StatusCode != http.StatusOK {
				t.Fatalf("PATCH: %v %v", res.Status, err)
			}
			if out := cli("publish", "--event", "zgc-2025"); !strings.Contains(out, "published version 4") {
				t.Errorf("convene publish: %q", out)
			}

			// On the command line: the gate's token revoked, an account disabled.
			list := cli("token", "list", "--event", "zgc-2025")
			if !strings.Contains(list, "north gate") || !strings.Contains(list, "in force") {
				t.Fatalf("token list: %q", list)
			}
			gateID := strings.Fields(list)[0]
			cli("token", "revoke", "--event", "zgc-2025", "--id", gateID)
			if list := cli("token", "list", "--event", "zgc-2025"); !strings.Contains(list, "revoked") {
				t.Errorf("token list after revoke: %q", list)
			}
			if got := postJSON(t, base+"/api/v1/events/zgc-2025/checkins", gateToken, map[string]string{"code": reg["code"].(string)}); got["code"] != "unauthorized" {
				t.Errorf("check-in with a revoked staff token: %v", got)
			}
			cli("user", "add", "--email", "leaver@example.org", "--role", "admin")
			leaverToken := cli("token", "create", "--user", "leaver@example.org")
			cli("user", "disable", "--email", "leaver@example.org")
			if got := postJSON(t, base+"/api/v1/events/zgc-2025/checkins", leaverToken, map[string]string{"code": reg["code"].(string)}); got["code"] != "unauthorized" {
				t.Errorf("check-in with a disabled account's token: %v", got)
			}

			getLog := func(token string) (int, map[string]any) {
				req, _ := http.NewRequest(http.MethodGet, base+"/api/v1/events/zgc-2025/audit", nil)
				req.Header.Set("Authorization", "Bearer "+token)
				res, err := http.DefaultClient.Do(req)
				if err != nil {
					t.Fatal(err)
				}
				defer res.Body.Close()
				var v map[string]any
				_ = json.NewDecoder(res.Body).Decode(&v)
				return res.StatusCode, v
			}
			if st, _ := getLog(gateToken); st != http.StatusUnauthorized {
				t.Errorf("audit log with a revoked check-in token: %d", st)
			}
			st, log := getLog(adminToken)
			if st != http.StatusOK {
				t.Fatalf("audit log: %d %v", st, log)
			}
			count := map[string]int{}
			var importAfter any
			for _, e := range log["entries"].([]any) {
				e := e.(map[string]any)
				key := e["action"].(string) + " by " + e["actor"].(string)
				count[key]++
				if e["action"] == "program.import" {
					importAfter = e["after"]
				}
			}
			want := map[string]int{
				"program.create by command line":                           1, // zgc-2025 (the 2024 edition's entry is not in this log)
				"user.add by command line":                                 2,
				"user.disable by command line":                             1,
				"user_token.create by command line":                        2,
				"staff_token.revoke by command line":                       1,
				"invitation.create by command line":                        1,
				"program.import by account:secretariat@example.org":        1,
				"program.publish by account:secretariat@example.org":       2, // the upload, published at once, and the publish page
				"program.publish by command line":                          2, // also convene publish
				"activity.update by account:secretariat@example.org":       2, // the form and the board
				"activity.update by staff:api scripts":                     1,
				"person.update by account:secretariat@example.org":         1,
				"staff_token.create by command line":                       2, // also the API scripts' token
				"registration.withdraw by account:secretariat@example.org": 1,
				"fair.import by command line":                              1, // the sample matchmaking fair
			}
			for k, n := range want {
				if count[k] != n {
					t.Errorf("audit log has %d × %q, want %d (all: %v)", count[k], k, n, count)
				}
			}
			if len(count) != len(want) {
				t.Errorf("audit log has other entries: %v", count)
			}
			if b, _ := json.Marshal(importAfter); !bytes.Contains(b, []byte(`"column":"title_en"`)) || !bytes.Contains(b, []byte(`"new":"Quantum Technology Forum"`)) ||
				!bytes.Contains(b, []byte(`"old":"Quantum Science and Technology Innovation and Development Forum"`)) {
				t.Errorf("the import's entry lacks the change field by field: %s", b)
			}
			res, err = browser.Get(base + "/zh/zgc-2025/admin/audit")
			if err != nil {
				t.Fatal(err)
			}
			page, _ := io.ReadAll(res.Body)
			res.Body.Close()
			if res.StatusCode != http.StatusOK || !bytes.Contains(page, []byte("导入议程改动")) || !bytes.Contains(page, []byte("account:secretariat@example.org")) {
				t.Errorf("audit page: %d", res.StatusCode)
			}
		})
	}
}
