package api

import (
	"bytes"
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"convene/internal/program"
)

// These tests run on a small in-memory edition; demo_test.go runs the same
// API over the sample data on every database engine.

func fixtureAPI(t *testing.T) http.Handler {
	t.Helper()
	cat, _ := fixtureCatalog()
	return New(Config{Catalog: cat})
}

func TestFixtureEveryPathOK(t *testing.T) {
	everyPathOK(t, fixtureAPI(t), map[string]string{
		"event": "t-2025", "activity": "quantum-forum", "person": "ada", "org": "most", "q": "量子",
	})
}

func TestEventsAndEvent(t *testing.T) {
	h := fixtureAPI(t)
	list := get(t, h, "/api/v1/events")["events"].([]any)
	if len(list) != 2 || list[0].(map[string]any)["slug"] != "t-2025" || list[0].(map[string]any)["previous"] != "t-2024" || list[1].(map[string]any)["previous"] != nil {
		t.Fatalf("events = %v", list)
	}
	ev := get(t, h, "/api/v1/events/t-2025")
	if ev["url"] != "/zh/t-2025/" || ev["api_url"] != "/api/v1/events/t-2025" || ev["version"] != 7.0 {
		t.Errorf("event links/version: %v %v %v", ev["url"], ev["api_url"], ev["version"])
	}
	days := ev["days"].([]any)
	if len(days) != 5 || days[1].(map[string]any)["theme_day"].(map[string]any)["theme"] != "quantum" || days[0].(map[string]any)["theme_day"] != nil {
		t.Errorf("days = %v", days)
	}
	room := ev["rooms"].([]any)[0].(map[string]any)
	if room["capacity"] != 300.0 || room["venue"].(map[string]any)["slug"] != "zgc-center" {
		t.Errorf("room = %v", room)
	}
}

func TestActivityShape(t *testing.T) {
	h := fixtureAPI(t)
	a := get(t, h, "/api/v1/events/t-2025/activities/quantum-forum")
	want := map[string]any{
		"slug": "quantum-forum", "kind": "parallel-forum", "section": "forums", "orientation": "frontier",
		"starts_at": "2025-03-28T09:00:00+08:00", "ends_at": "2025-03-28T12:00:00+08:00", "capacity": 120.0,
		"new": true, "sample": true, "interpretation": true, "status": "published", "day": "2025-03-28",
		"url": "/zh/t-2025/activities/quantum-forum", "api_url": "/api/v1/events/t-2025/activities/quantum-forum",
	}
	for k, v := range want {
		if a[k] != v {
			t.Errorf("%s = %v, want %v", k, a[k], v)
		}
	}
	if ls := a["livestream"].(map[string]any); ls["starts_at"] != "2025-03-28T09:00:00+08:00" {
		t.Errorf("livestream = %v", ls)
	}
	if h0 := a["hosts"].([]any)[0].(map[string]any); h0["org"] != "most" || h0["kind"] != "ministry" || h0["role"] != "host" {
		t.Errorf("hosts = %v", a["hosts"])
	}
	if sp := a["speakers"].([]any)[0].(map[string]any); sp["person"] != "ada" || sp["honours"].([]any)[0] != "turing-award" {
		t.Errorf("speakers = %v", a["speakers"])
	}
	if a["theme_day"].(map[string]any)["theme"] != "quantum" {
		t.Errorf("theme_day = %v", a["theme_day"])
	}

	ai := get(t, h, "/api/v1/events/t-2025/activities/ai-forum")
	if ai["new"] != false || ai["capacity"] != 300.0 {
		t.Errorf("ai-forum new=%v capacity=%v; its series ran in 2024 and it has the room's 300 seats", ai["new"], ai["capacity"])
	}
	// Only the release whose embargo has lifted is shown.
	rel := get(t, h, "/api/v1/events/t-2025/activities/release-event")["releases"].([]any)
	if len(rel) != 1 || rel[0].(map[string]any)["slug"] != "index-2025" {
		t.Errorf("releases = %v", rel)
	}
}

func TestListsAndDetails(t *testing.T) {
	h := fixtureAPI(t)
	people := get(t, h, "/api/v1/events/t-2025/people")
	if people["count"] != 2.0 {
		t.Errorf("people count = %v", people["count"])
	}
	ada := get(t, h, "/api/v1/events/t-2025/people/ada")
	acts := ada["activities"].([]any)
	if len(acts) != 1 || acts[0].(map[string]any)["role"] != "keynote" || acts[0].(map[string]any)["starts_at"] != "2025-03-28T09:00:00+08:00" {
		t.Errorf("ada's activities = %v", acts)
	}
	pku := get(t, h, "/api/v1/events/t-2025/organisations/pku")
	pa := pku["activities"].([]any)[0].(map[string]any)
	if pa["role"] != "host" || len(pa["roles"].([]any)) != 2 || pku["url"] != "/zh/t-2025/orgs/pku" {
		t.Errorf("pku = %v", pku)
	}
	most := get(t, h, "/api/v1/events/t-2025/organisations/most")
	if r := most["releases"].([]any); len(r) != 1 {
		t.Errorf("most releases = %v (the embargoed one must not show)", r)
	}
	rels := get(t, h, "/api/v1/events/t-2025/releases")["releases"].([]any)
	if len(rels) != 1 || rels[0].(map[string]any)["publisher"].(map[string]any)["org"] != "most" || rels[0].(map[string]any)["activity"].(map[string]any)["slug"] != "release-event" {
		t.Errorf("releases = %v", rels)
	}
	ls := get(t, h, "/api/v1/events/t-2025/livestreams")["livestreams"].([]any)
	if len(ls) != 2 || ls[0].(map[string]any)["activity"] != "release-event" || ls[1].(map[string]any)["activity"] != "quantum-forum" {
		t.Errorf("livestreams not by start: %v", ls)
	}
}

func TestStatsFixture(t *testing.T) {
	h := fixtureAPI(t)
	st := get(t, h, "/api/v1/events/t-2025/stats")
	if st["parallel_forums"] != 2.0 || st["new_parallel_forums"] != 1.0 || st["government_parallel_forums"] != 1.0 || st["compared_with"] != "t-2024" {
		t.Errorf("stats = %v", st)
	}
	prev, ok := st["previous"].(map[string]any)
	if !ok || prev["event"] != "t-2024" || prev["parallel_forums"] != 1.0 {
		t.Errorf("previous = %v", st["previous"])
	}
	if p := get(t, h, "/api/v1/events/t-2024/stats"); p["previous"] != nil {
		t.Errorf("the first edition has previous = %v", p["previous"])
	}
}

func TestFilters(t *testing.T) {
	h := fixtureAPI(t)
	for target, want := range map[string][]string{
		"/api/v1/events/t-2025/activities":                                         {"ai-forum", "release-event", "quantum-forum"},
		"/api/v1/events/t-2025/activities?theme=quantum":                           {"quantum-forum"},
		"/api/v1/events/t-2025/activities?kind=parallel-forum":                     {"ai-forum", "quantum-forum"},
		"/api/v1/events/t-2025/activities?day=2025-03-27":                          {"ai-forum", "release-event"},
		"/api/v1/events/t-2025/activities?host=pku&orientation=economy":            {"ai-forum"},
		"/api/v1/events/t-2025/activities?section=releases":                        {"release-event"},
		"/api/v1/events/t-2025/activities?room=hall-a&kind=parallel-forum&day=":    {"ai-forum", "quantum-forum"},
		"/api/v1/events/t-2025/activities?orientation=health":                      {},
		"/api/v1/events/t-2025/activities?theme=quantum&unknown-parameter=ignored": {"quantum-forum"},
	} {
		v := get(t, h, target)
		var got []string
		for _, a := range v["activities"].([]any) {
			got = append(got, a.(map[string]any)["slug"].(string))
		}
		if strings.Join(got, ",") != strings.Join(want, ",") || v["count"] != float64(len(want)) {
			t.Errorf("%s: %v (count %v), want %v", target, got, v["count"], want)
		}
	}
}

func TestBadInput(t *testing.T) {
	h := fixtureAPI(t)
	long := strings.Repeat("x", 201)
	for target, field := range map[string]string{
		"/api/v1/events/t-2025/activities?kind=forum":        "kind",
		"/api/v1/events/t-2025/activities?theme=astrology":   "theme",
		"/api/v1/events/t-2025/activities?orientation=north": "orientation",
		"/api/v1/events/t-2025/activities?day=2025-04-01":    "day",
		"/api/v1/events/t-2025/activities?host=" + long:      "host",
		"/api/v1/events/t-2025/activities?room=%ff":          "room",
		"/api/v1/events/t-2025/activities?section=%zz":       "section",
		"/api/v1/search?event=t-2025":                        "q",
		"/api/v1/search?event=t-2025&q=":                     "q",
		"/api/v1/search?q=quantum":                           "event",
		"/api/v1/search?event=t-2025&q=" + long:              "q",
		"/api/v1/search?event=t-2025&q=%ff":                  "q",
		"/api/v1/search?event=t-2025&q=%e9%87":               "q",
		"/api/v1/events/" + long:                             "event",
		"/api/v1/events/%ff/stats":                           "event",
		"/api/v1/events/t-2025/activities/%ff":               "activity",
		"/api/v1/events/t-2025/people/" + long:               "person",
	} {
		p := problemOf(t, h, http.MethodGet, target, http.StatusBadRequest)
		if p.Field != field || p.Code != "invalid" {
			t.Errorf("%s: field %q code %q, want field %q: %+v", target, p.Field, p.Code, field, p)
		}
	}
}

func TestNotFoundAndMethod(t *testing.T) {
	h := fixtureAPI(t)
	for _, target := range []string{
		"/api/v1/events/zgc-1999",
		"/api/v1/events/zgc-1999/activities",
		"/api/v1/events/zgc-1999/stats",
		"/api/v1/search?event=zgc-1999&q=x",
		"/api/v1/events/t-2025/activities/no-such-forum",
		"/api/v1/events/t-2025/people/nobody",
		"/api/v1/events/t-2025/organisations/nobody",
	} {
		if p := problemOf(t, h, http.MethodGet, target, http.StatusNotFound); p.Code != "not_found" {
			t.Errorf("%s: code %q", target, p.Code)
		}
	}
	for _, target := range []string{"/api/v2/events", "/api/v1/nothing", "/api/v1/events/t-2025/activities/quantum-forum/extra", "/api/"} {
		problemOf(t, h, http.MethodGet, target, http.StatusNotFound)
	}
	for _, m := range []string{http.MethodPost, http.MethodDelete, http.MethodPut} {
		res, _ := call(t, h, m, "/api/v1/events/t-2025/activities", nil)
		if res.StatusCode != http.StatusMethodNotAllowed || res.Header.Get("Allow") != "GET, HEAD" || res.Header.Get("Content-Type") != problemContentType {
			t.Errorf("%s: %d Allow=%q Content-Type=%q", m, res.StatusCode, res.Header.Get("Allow"), res.Header.Get("Content-Type"))
		}
	}
	problemOf(t, h, http.MethodPost, "/api/openapi.json", http.StatusMethodNotAllowed)
	if res, _ := call(t, h, http.MethodHead, "/api/v1/events", nil); res.StatusCode != http.StatusOK || res.Header.Get("Content-Type") != jsonContentType {
		t.Errorf("HEAD: %d %q", res.StatusCode, res.Header.Get("Content-Type"))
	}
}

func TestETag(t *testing.T) {
	cat, store := fixtureCatalog()
	h := New(Config{Catalog: cat})
	const target = "/api/v1/events/t-2025/activities?theme=quantum"
	res, body := call(t, h, http.MethodGet, target, nil)
	tag := res.Header.Get("ETag")
	if res.StatusCode != http.StatusOK || tag == "" {
		t.Fatalf("first answer: %d ETag %q", res.StatusCode, tag)
	}
	res, nm := call(t, h, http.MethodGet, target, http.Header{"If-None-Match": {tag}})
	if res.StatusCode != http.StatusNotModified || len(nm) != 0 || res.Header.Get("ETag") != tag {
		t.Fatalf("revalidation: %d, %d bytes, ETag %q", res.StatusCode, len(nm), res.Header.Get("ETag"))
	}
	res, _ = call(t, h, http.MethodGet, target, http.Header{"If-None-Match": {`"other", W/` + tag}})
	if res.StatusCode != http.StatusNotModified {
		t.Errorf("tag in a list: %d", res.StatusCode)
	}
	// Another filter is another representation.
	res, _ = call(t, h, http.MethodGet, "/api/v1/events/t-2025/activities?theme=ai", http.Header{"If-None-Match": {tag}})
	if res.StatusCode != http.StatusOK || res.Header.Get("ETag") == tag {
		t.Errorf("other filter: %d ETag %q", res.StatusCode, res.Header.Get("ETag"))
	}
	// A new version of the program changes the tag.
	ed := store.editions["t-2025"]
	next := *ed
	next.Event.Version++
	store.editions["t-2025"] = &next
	res, again := call(t, h, http.MethodGet, target, http.Header{"If-None-Match": {tag}})
	if res.StatusCode != http.StatusOK || res.Header.Get("ETag") == tag || !bytes.Equal(again, body) {
		t.Errorf("after a version bump: %d ETag %q (same body expected: the program did not really change)", res.StatusCode, res.Header.Get("ETag"))
	}
}

type failingStore struct{ program.Store }

func (failingStore) EventVersions(ctx context.Context) (map[string]int64, error) {
	return nil, context.DeadlineExceeded
}

func TestInternalErrorIsGeneric(t *testing.T) {
	var logs bytes.Buffer
	cat := program.NewCatalog(failingStore{}, func() time.Time { return fixtureNow })
	h := New(Config{Catalog: cat, Logger: slog.New(slog.NewTextHandler(&logs, nil))})
	p := problemOf(t, h, http.MethodGet, "/api/v1/events/t-2025/activities", http.StatusInternalServerError)
	if strings.Contains(p.Detail, "deadline") || p.Code != "internal" {
		t.Errorf("internal detail leaked: %+v", p)
	}
	if !strings.Contains(logs.String(), "deadline exceeded") {
		t.Errorf("detail not logged: %q", logs.String())
	}
}

// Whatever the query string, the activities list and search answer 200 or
// 400, never a 500.
func FuzzQuery(f *testing.F) {
	for _, seed := range []string{"", "kind=parallel-forum", "q=%ff", "theme=%zz", "a;b=c", "day=2025-03-27&day=x", "q=" + strings.Repeat("%e9", 80), "=&&=", "event=t-2025&q=量子"} {
		f.Add(seed)
	}
	cat, _ := fixtureCatalog()
	h := New(Config{Catalog: cat})
	f.Fuzz(func(t *testing.T, raw string) {
		for _, path := range []string{"/api/v1/events/t-2025/activities", "/api/v1/search"} {
			req := httptest.NewRequest(http.MethodGet, path, nil)
			req.URL.RawQuery = raw
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if rec.Code != http.StatusOK && rec.Code != http.StatusBadRequest && !(path == "/api/v1/search" && rec.Code == http.StatusNotFound) {
				t.Fatalf("%s?%s: %d %s", path, raw, rec.Code, rec.Body)
			}
		}
	})
}
