package api

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"convene/internal/accounts"
	"convene/internal/editing"
	"convene/internal/program"
	"convene/internal/registration"
	"convene/internal/testkit"
)

// The write API of the program on every engine: an editor changes the
// activity its organisation hosts through PATCH with If-Match, the public
// sees nothing until the secretariat publishes, then sees the change and
// its changelog. Every answer is checked against openapi.json by callWith.
func TestEditingAPI(t *testing.T) {
	for _, engine := range testkit.Engines(t) {
		t.Run(engine, func(t *testing.T) {
			ctx := context.Background()
			db := testkit.DemoDB(t, engine)
			cat := program.NewCatalog(db, testkit.Clock)
			reg := registration.New(db, testkit.Clock)
			acc := accounts.New(db, testkit.Clock)
			h := New(Config{Catalog: cat, Registration: reg, Accounts: acc, Editing: editing.NewService(db), Publisher: db})
			ed, err := cat.Edition(ctx, demoEvent)
			if err != nil {
				t.Fatal(err)
			}
			admin, err := reg.CreateStaffToken(ctx, ed, registration.RoleAdmin, "secretariat desk")
			if err != nil {
				t.Fatal(err)
			}
			userToken := func(email string, role accounts.Role, orgs ...string) string {
				if _, err := acc.AddUser(ctx, email, "", role, orgs, "a long enough password"); err != nil {
					t.Fatal(err)
				}
				tok, err := acc.CreateToken(ctx, email, "script")
				if err != nil {
					t.Fatal(err)
				}
				return tok
			}
			most := userToken("most@example.org", accounts.RoleEditor, "most")
			other := userToken("casted@example.org", accounts.RoleEditor, "casted")
			press := userToken("press@example.org", accounts.RolePress)

			send := func(method, path, token, ifMatch, body string) (int, http.Header, map[string]any) {
				t.Helper()
				hdr := http.Header{}
				if token != "" {
					hdr.Set("Authorization", "Bearer "+token)
				}
				if ifMatch != "" {
					hdr.Set("If-Match", ifMatch)
				}
				var raw []byte
				if body != "" {
					raw = []byte(body)
				}
				res, out := callWith(t, h, method, "/api/v1/events/"+demoEvent+path, hdr, raw)
				var v map[string]any
				_ = json.Unmarshal(out, &v)
				return res.StatusCode, res.Header, v
			}
			const forum = "/activities/quantum-innovation"

			st, hdr, draft := send(http.MethodGet, forum+"/draft", most, "", "")
			if st != http.StatusOK || hdr.Get("ETag") != `"1"` || draft["version"] != float64(1) {
				t.Fatalf("draft: %d ETag %q %v", st, hdr.Get("ETag"), draft)
			}
			for _, tc := range []struct {
				name, token, ifMatch, body string
				want                       int
			}{
				{"anonymous", "", `"1"`, `{"title_en":"Quantum Forum"}`, http.StatusUnauthorized},
				{"press", press, `"1"`, `{"title_en":"Quantum Forum"}`, http.StatusForbidden},
				{"another organisation's editor", other, `"1"`, `{"title_en":"Quantum Forum"}`, http.StatusForbidden},
				{"an editor moving the forum", most, `"1"`, `{"room":"main-hall"}`, http.StatusForbidden},
				{"no If-Match", most, "", `{"title_en":"Quantum Forum"}`, http.StatusPreconditionRequired},
				{"a stale If-Match", most, `"7"`, `{"title_en":"Quantum Forum"}`, http.StatusPreconditionFailed},
				{"an unknown field", most, `"1"`, `{"title":"Quantum Forum"}`, http.StatusBadRequest},
				{"invalid fields", most, `"1"`, `{"title_zh":"","livestream":{"url":"ftp://x"}}`, http.StatusBadRequest},
			} {
				if st, _, v := send(http.MethodPatch, forum, tc.token, tc.ifMatch, tc.body); st != tc.want {
					t.Errorf("PATCH as %s: %d %v, want %d", tc.name, st, v, tc.want)
				}
			}
			// Nothing above was written.
			if _, _, d := send(http.MethodGet, forum+"/draft", admin, "", ""); d["version"] != float64(1) {
				t.Fatalf("a refused PATCH changed the activity: %v", d)
			}

			const title = `Quantum Forum <script>alert(1)</script>`
			st, hdr, v := send(http.MethodPatch, forum, most, `"1"`, `{"title_en":"`+strings.ReplaceAll(title, `"`, `\"`)+`","livestream":{"url":"https://live.example.org/quantum"}}`)
			if st != http.StatusOK || hdr.Get("ETag") != `"2"` || v["title"].(map[string]any)["en"] != title {
				t.Fatalf("PATCH: %d ETag %q %v", st, hdr.Get("ETag"), v)
			}
			// The same version again is stale now: the second writer is told.
			if st, _, _ := send(http.MethodPatch, forum, admin, `"1"`, `{"title_en":"Overwrite"}`); st != http.StatusPreconditionFailed {
				t.Errorf("a second PATCH of version 1: %d, want 412", st)
			}
			// The public sees the published version until the secretariat publishes.
			if _, _, pub := send(http.MethodGet, forum, "", "", ""); pub["title"].(map[string]any)["en"] == title {
				t.Fatal("the public sees a draft")
			}
			if st, _, _ := send(http.MethodPost, "/publish", most, "", ""); st != http.StatusForbidden {
				t.Errorf("an editor publishing: %d, want 403", st)
			}
			st, _, ver := send(http.MethodPost, "/publish", admin, "", "")
			if st != http.StatusCreated || ver["version"] != float64(2) {
				t.Fatalf("publish: %d %v", st, ver)
			}
			kinds := map[string]bool{}
			for _, c := range ver["changes"].([]any) {
				kinds[c.(map[string]any)["kind"].(string)] = true
			}
			if !kinds["renamed"] || !kinds["livestream"] || len(kinds) != 2 {
				t.Errorf("changes of version 2: %v", ver["changes"])
			}
			if _, _, pub := send(http.MethodGet, forum, "", "", ""); pub["title"].(map[string]any)["en"] != title {
				t.Errorf("after publishing the public sees %v", pub["title"])
			}
			if st, _, _ := send(http.MethodPost, "/publish", admin, "", ""); st != http.StatusConflict {
				t.Errorf("publishing again with nothing changed: %d, want 409", st)
			}
			_, _, list := send(http.MethodGet, "/versions", "", "", "")
			versions := list["versions"].([]any)
			if len(versions) != 2 || versions[0].(map[string]any)["version"] != float64(2) {
				t.Fatalf("versions: %v", list)
			}
			msg := versions[0].(map[string]any)["changes"].([]any)[0].(map[string]any)["message"].(map[string]any)
			if !strings.Contains(msg["en"].(string), "renamed “"+title+"”") {
				t.Errorf("changelog message: %v", msg)
			}
		})
	}
}
