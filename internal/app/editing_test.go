package app_test

import (
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"convene/internal/testkit"
)

// TestEditFormsAndBoard, through a running server on every engine: a bad
// edit is answered in the page's language with every problem, keeps what
// was typed and writes nothing; a move on the timetable board into an
// occupied room shows the conflict on the board and on the publish page.
func TestEditFormsAndBoard(t *testing.T) {
	for _, engine := range testkit.Engines(t) {
		t.Run(engine, func(t *testing.T) {
			storage := storageArgs(t, engine)
			cli := cliOn(t, storage)
			cli("demo")
			password := printedPassword(cli("user", "add", "--email", "secretariat@example.org", "--role", "admin"))
			base := serve(t, storage...)
			browser := signedIn(t, base, "secretariat@example.org", password)
			fetch := func(method, path string, form url.Values) (int, string) {
				t.Helper()
				var res *http.Response
				var err error
				if method == http.MethodPost {
					res, err = browser.PostForm(base+path, form)
				} else {
					res, err = browser.Get(base + path)
				}
				if err != nil {
					t.Fatal(err)
				}
				defer res.Body.Close()
				body, _ := io.ReadAll(res.Body)
				return res.StatusCode, string(body)
			}
			versionOf := func(page string) string {
				t.Helper()
				m := regexp.MustCompile(`name="version" value="(\d+)"`).FindStringSubmatch(page)
				if m == nil {
					t.Fatalf("no version in the form:\n%s", page)
				}
				return m[1]
			}
			const form = "/zh/zgc-2025/admin/activities/quantum-innovation"
			_, page := fetch(http.MethodGet, form, nil)
			version := versionOf(page)

			bad := url.Values{"version": {version}, "title_zh": {""}, "title_en": {"Quantum <Forum>"}, "livestream_url": {"ftp://live.example"},
				"starts_at": {"2025-04-30T09:00"}, "ends_at": {"2025-04-30T12:00"}, "speakers": {"no-such-person keynote"}}
			st, page := fetch(http.MethodPost, form, bad)
			if st != http.StatusBadRequest {
				t.Fatalf("a bad edit: %d", st)
			}
			for _, want := range []string{"此项必填", "请填写以 http:// 或 https:// 开头的网址", "时间须在本届年会的日期之内", "嘉宾库中没有这个人员标识",
				`value="ftp://live.example"`, `value="Quantum &lt;Forum&gt;"`, "no-such-person keynote"} {
				if !strings.Contains(page, want) {
					t.Errorf("the bad edit's page lacks %q", want)
				}
			}
			if _, page := fetch(http.MethodGet, form, nil); versionOf(page) != version {
				t.Error("a refused edit changed the activity")
			}
			if st, page := fetch(http.MethodPost, strings.Replace(form, "/zh/", "/en/", 1), bad); st != http.StatusBadRequest || !strings.Contains(page, "This field is required.") {
				t.Errorf("the bad edit in English: %d", st)
			}

			// Into Future Hall at 09:00 on 28 March, which the embodied
			// intelligence forum holds.
			st, _ = fetch(http.MethodPost, "/zh/zgc-2025/admin/timetable/move", url.Values{"activity": {"quantum-innovation"}, "version": {version},
				"room": {"iic-future-hall"}, "starts_at": {"2025-03-28T09:00"}, "minutes": {"180"}})
			if st != http.StatusOK {
				t.Fatalf("move: %d", st)
			}
			_, board := fetch(http.MethodGet, "/en/zgc-2025/admin/timetable?day=2025-03-28", nil)
			if !strings.Contains(board, `<li id="quantum-innovation" class="has-conflict">`) || !strings.Contains(board, "Future Hall") {
				t.Error("the board does not mark the moved forum's conflict")
			}
			if _, publish := fetch(http.MethodGet, "/en/zgc-2025/admin/publish", nil); !strings.Contains(publish, "timetable conflict(s)") || !strings.Contains(publish, "moved from") {
				t.Error("the publish page neither warns of the conflict nor lists the move")
			}
			// The public timetable is still the published one.
			if _, conflicts := fetch(http.MethodGet, "/api/v1/events/zgc-2025/conflicts", nil); !strings.Contains(conflicts, `"count":0`) {
				t.Errorf("the public timetable shows the draft's conflicts: %s", conflicts)
			}

			// A member of the AI theme day (28 March) moved to 29 March splits
			// the day: marked on the board, and once published reported by
			// the public conflicts too.
			_, page = fetch(http.MethodGet, "/zh/zgc-2025/admin/activities/future-ai-pioneers", nil)
			if st, _ := fetch(http.MethodPost, "/zh/zgc-2025/admin/timetable/move", url.Values{"activity": {"future-ai-pioneers"}, "version": {versionOf(page)},
				"room": {"iic-room-102"}, "starts_at": {"2025-03-29T09:00"}, "minutes": {"180"}}); st != http.StatusOK {
				t.Fatalf("move the theme day's member: %d", st)
			}
			if _, board := fetch(http.MethodGet, "/en/zgc-2025/admin/timetable?day=2025-03-29", nil); !strings.Contains(board, `<li id="future-ai-pioneers" class="has-conflict">`) {
				t.Error("the board does not mark the split theme day")
			}
			if st, _ := fetch(http.MethodPost, "/en/zgc-2025/admin/publish", nil); st != http.StatusOK {
				t.Fatalf("publish: %d", st)
			}
			if _, conflicts := fetch(http.MethodGet, "/api/v1/events/zgc-2025/conflicts", nil); !strings.Contains(conflicts, `"kind":"theme-day-split"`) || !strings.Contains(conflicts, "future-ai-pioneers") {
				t.Errorf("the public conflicts lack the split theme day: %s", conflicts)
			}
		})
	}
}

// TestSchedulerFromTheBoard: the board's scheduler runs in the background;
// its page refreshes itself with the progress until the result is there.
// A dry run from an empty timetable reports the audience conflicts before
// and after and writes nothing.
func TestSchedulerFromTheBoard(t *testing.T) {
	for _, engine := range testkit.Engines(t) {
		t.Run(engine, func(t *testing.T) {
			storage := storageArgs(t, engine)
			cli := cliOn(t, storage)
			cli("demo")
			password := printedPassword(cli("user", "add", "--email", "secretariat@example.org", "--role", "admin"))
			base := serve(t, storage...)
			browser := signedIn(t, base, "secretariat@example.org", password)
			if _, board := get(t, browser, base+"/en/zgc-2025/admin/timetable"); !strings.Contains(board, `href="/en/zgc-2025/admin/timetable/schedule"`) {
				t.Fatal("the board has no link to the scheduler")
			}
			res, err := browser.PostForm(base+"/en/zgc-2025/admin/timetable/schedule", url.Values{"seconds": {"1"}, "seed": {"7"}, "from_empty": {"1"}, "dry_run": {"1"}})
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
			if res.StatusCode != http.StatusOK || res.Request.URL.Path != "/en/zgc-2025/admin/timetable/schedule" {
				t.Fatalf("start: %d at %s", res.StatusCode, res.Request.URL)
			}
			deadline := time.Now().Add(30 * time.Second)
			var page string
			for {
				var hdr http.Header
				hdr, page = get(t, browser, base+"/en/zgc-2025/admin/timetable/schedule")
				if !strings.Contains(page, "Scheduling (") {
					break
				}
				if hdr.Get("Refresh") == "" {
					t.Error("the running page does not refresh itself")
				}
				if time.Now().After(deadline) {
					t.Fatal("the scheduler did not finish within 30 s of a 1 s run")
				}
				time.Sleep(200 * time.Millisecond)
			}
			if !regexp.MustCompile(`Audience conflicts: \d+ → \d+`).MatchString(page) || !strings.Contains(page, "Dry run: nothing written.") {
				t.Errorf("the result page:\n%s", page)
			}
			if _, publish := get(t, browser, base+"/en/zgc-2025/admin/publish"); !strings.Contains(publish, "Nothing public changed") {
				t.Error("a dry run changed the working copy")
			}
		})
	}
}

// get fetches a page with the browser and returns its headers and body.
func get(t *testing.T, browser *http.Client, target string) (http.Header, string) {
	t.Helper()
	res, err := browser.Get(target)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %d", target, res.StatusCode)
	}
	return res.Header, string(body)
}
