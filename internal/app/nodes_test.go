package app_test

import (
	"encoding/json"
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"

	"convene/internal/testkit"
)

// TestTwoNodesBehaveAsOne: two servers on one PostgreSQL database share
// everything a user can see. A session opened on one is valid on the other;
// a program change made through one is on the other's next page (the
// catalogue checks the program's version on every request, so no cache
// serves the old program); a ticket issued by one opens the gate of the
// other (the signing key is in the database).
func TestTwoNodesBehaveAsOne(t *testing.T) {
	if !slices.Contains(testkit.Engines(t), "postgres") {
		t.Skip("needs PostgreSQL (CONVENE_TEST_POSTGRES)")
	}
	storage := []string{"--database-url", testkit.CreatePostgresDB(t)}
	cli := cliOn(t, storage)
	cli("demo")
	password := printedPassword(cli("user", "add", "--email", "secretariat@example.org", "--role", "admin"))
	a, b := serve(t, storage...), serve(t, storage...)

	// Signed in on A, the same cookies open the secretariat's pages on B
	// (cookies are per host name, not per port: both nodes are 127.0.0.1).
	browser := signedIn(t, a, "secretariat@example.org", password)
	page := func(base, path string) (int, string) {
		t.Helper()
		res, err := browser.Get(base + path)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		body, _ := io.ReadAll(res.Body)
		return res.StatusCode, string(body)
	}
	const title = "Quantum Science and Technology Innovation and Development Forum"
	if _, body := page(b, "/en/zgc-2025/activities/quantum-innovation"); !strings.Contains(body, title) {
		t.Fatal("node B lacks the quantum forum")
	}

	if st, _ := page(b, "/en/zgc-2025/admin/program"); st != http.StatusOK {
		t.Fatalf("B's program page with A's session: %d", st)
	}

	// A new title uploaded on A is on B's next page.
	_, csv := page(a, "/en/zgc-2025/admin/program.csv?lang=en")
	changed := strings.Replace(csv, title, "Quantum Technology Forum", 1)
	if st, body := uploadProgram(t, browser, a+"/en/zgc-2025/admin/program", []byte(changed)); st != http.StatusOK || !strings.Contains(body, "1 change(s) applied") {
		t.Fatalf("upload on A: %d %s", st, body)
	}
	if _, body := page(b, "/en/zgc-2025/activities/quantum-innovation"); !strings.Contains(body, "Quantum Technology Forum") {
		t.Error("B still shows the old title after A's upload")
	}
	var act map[string]any
	_, raw := page(b, "/api/v1/events/zgc-2025/activities/quantum-innovation")
	if err := json.Unmarshal([]byte(raw), &act); err != nil || act["title"].(map[string]any)["en"] != "Quantum Technology Forum" {
		t.Errorf("B's API after A's upload: %v %v", act["title"], err)
	}

	// A draft edited through A's API is not public on either node until it
	// is published through B's page; then A serves it at once, with the
	// version in its changelog.
	token := cli("token", "create", "--user", "secretariat@example.org")
	req, _ := http.NewRequest(http.MethodGet, a+"/api/v1/events/zgc-2025/activities/quantum-innovation/draft", nil)
	req.Header.Set("Authorization", "Bearer "+token)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	req, _ = http.NewRequest(http.MethodPatch, a+"/api/v1/events/zgc-2025/activities/quantum-innovation", strings.NewReader(`{"title_en":"Quantum Forum, Edited on A"}`))
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("If-Match", res.Header.Get("ETag"))
	if res, err = http.DefaultClient.Do(req); err != nil || res.StatusCode != http.StatusOK {
		t.Fatalf("PATCH on A: %v %v", res.Status, err)
	}
	res.Body.Close()
	if _, body := page(b, "/en/zgc-2025/activities/quantum-innovation"); strings.Contains(body, "Edited on A") {
		t.Error("B shows a draft")
	}
	if res, err = browser.PostForm(b+"/en/zgc-2025/admin/publish", nil); err != nil || res.StatusCode != http.StatusOK {
		t.Fatalf("publish on B: %v %v", res.Status, err)
	}
	res.Body.Close()
	if _, body := page(a, "/en/zgc-2025/activities/quantum-innovation"); !strings.Contains(body, "Quantum Forum, Edited on A") {
		t.Error("A does not show what B published")
	}
	if _, body := page(a, "/en/zgc-2025/changelog"); !strings.Contains(body, `id="v3"`) || !strings.Contains(body, "Edited on A") {
		t.Error("A's changelog lacks the version B published")
	}

	// A ticket from A admits at B's gate, once across both.
	reg := postJSON(t, a+"/api/v1/events/zgc-2025/attendees", "", map[string]string{"name": "Li Na", "email": "li.na@example.org"})
	gate := cli("token", "create", "--role", "checkin", "--event", "zgc-2025")
	for i, want := range []string{"admitted", "already_checked_in"} {
		node := []string{b, a}[i]
		if got := postJSON(t, node+"/api/v1/events/zgc-2025/checkins", gate, map[string]string{"code": reg["code"].(string)}); got["outcome"] != want {
			t.Errorf("check-in %d: %v, want %s", i+1, got["outcome"], want)
		}
	}
}
