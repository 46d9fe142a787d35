package api

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"

	"convene/internal/program"
	"convene/internal/testkit"
)

// The API over the sample data, on every database engine.

const (
	demoEvent        = "zgc-2025"
	quantumForumZH   = "量子科技创新发展论坛"
	activitiesTarget = "/api/v1/events/" + demoEvent + "/activities"
)

func TestDemo(t *testing.T) {
	stats := map[string][]byte{}
	for _, engine := range testkit.Engines(t) {
		t.Run(engine, func(t *testing.T) {
			cat := testkit.DemoCatalog(t, engine)
			h := New(Config{Catalog: cat})
			stats[engine] = testDemoStats(t, h)
			quantum := testDemoSearch(t, h)
			testDemoFilters(t, h, quantum)
			testDemoErrors(t, h)
			testDemoETag(t, h)

			ed, err := cat.Edition(context.Background(), demoEvent)
			if err != nil {
				t.Fatal(err)
			}
			people := ed.People()
			if len(people) == 0 {
				t.Fatal("the sample edition has no people")
			}
			everyPathOK(t, h, map[string]string{
				"event": demoEvent, "activity": quantum, "person": people[0].Slug, "org": "most", "q": "量子",
			})
			// Every person and organisation of the sample answers too.
			for _, p := range people {
				get(t, h, "/api/v1/events/"+demoEvent+"/people/"+url.PathEscape(p.Slug))
			}
			for _, o := range ed.Organisations() {
				get(t, h, "/api/v1/events/"+demoEvent+"/organisations/"+url.PathEscape(o.Slug))
			}
			for _, a := range ed.Activities {
				get(t, h, activitiesTarget+"/"+url.PathEscape(a.Slug))
			}
		})
	}
	if len(stats) == 2 && !bytes.Equal(stats["sqlite"], stats["postgres"]) {
		t.Errorf("the figures differ between engines:\nsqlite:   %s\npostgres: %s", stats["sqlite"], stats["postgres"])
	}
}

func testDemoStats(t *testing.T, h http.Handler) []byte {
	t.Helper()
	res, body := call(t, h, http.MethodGet, "/api/v1/events/"+demoEvent+"/stats", nil)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("stats: %d %s", res.StatusCode, body)
	}
	var st struct {
		program.Stats
		Previous *program.Stats `json:"previous"`
	}
	if err := json.Unmarshal(body, &st); err != nil {
		t.Fatal(err)
	}
	most, ok := st.Host("most")
	if !ok || most.ParallelForums != 10 || most.NewParallelForums != 4 || most.Matchmaking != 1 {
		t.Errorf("most: %+v, want 10 parallel forums, 4 new, 1 matchmaking", most)
	}
	for _, org := range []string{"casted", "nsfc"} {
		if hs, ok := st.Host(org); !ok || hs.Releases != 1 {
			t.Errorf("%s: %+v, want 1 release event", org, hs)
		}
	}
	if st.GovernmentParallelForums < 20 {
		t.Errorf("government_parallel_forums = %d, want ≥ 20", st.GovernmentParallelForums)
	}
	if st.ParallelForums < 55 || st.ParallelForums > 65 {
		t.Errorf("parallel_forums = %d, want 55…65", st.ParallelForums)
	}
	if st.Previous == nil || st.Previous.Event != st.ComparedWith || st.ComparedWith == "" {
		t.Errorf("previous = %v, compared_with %q", st.Previous, st.ComparedWith)
	}
	// The answer is Catalog.Stats exactly.
	var raw map[string]json.RawMessage
	_ = json.Unmarshal(body, &raw)
	for _, k := range []string{"event", "activities", "by_kind", "parallel_forums", "new_parallel_forums", "by_host_kind", "by_orientation", "by_theme", "countries", "hosts", "previous"} {
		if _, ok := raw[k]; !ok {
			t.Errorf("stats has no %s", k)
		}
	}
	return body
}

// testDemoSearch returns the slug of the quantum forum.
func testDemoSearch(t *testing.T, h http.Handler) string {
	t.Helper()
	var slug string
	for _, q := range []string{"量子", "quantum", "Quantum"} {
		v := get(t, h, "/api/v1/search?event="+demoEvent+"&q="+url.QueryEscape(q))
		found := ""
		for _, hit := range v["hits"].([]any) {
			hit := hit.(map[string]any)
			if hit["kind"] == "activity" && hit["title"].(map[string]any)["zh"] == quantumForumZH {
				found = hit["slug"].(string)
				if hit["url"] != "/zh/"+demoEvent+"/activities/"+url.PathEscape(found) {
					t.Errorf("hit url %v", hit["url"])
				}
			}
		}
		if found == "" {
			t.Fatalf("search %q does not find %s: %v", q, quantumForumZH, v["hits"])
		}
		slug = found
	}
	return slug
}

func testDemoFilters(t *testing.T, h http.Handler, quantum string) {
	t.Helper()
	slugs := func(v map[string]any) (out []string, live int) {
		for _, a := range v["activities"].([]any) {
			a := a.(map[string]any)
			out = append(out, a["slug"].(string))
			if a["status"] != string(program.StatusCancelled) {
				live++
			}
		}
		return out, live
	}
	got, _ := slugs(get(t, h, activitiesTarget+"?theme=quantum"))
	if !slices.Contains(got, quantum) {
		t.Errorf("theme=quantum: %v lacks %s", got, quantum)
	}
	st := get(t, h, "/api/v1/events/"+demoEvent+"/stats")
	forums := get(t, h, activitiesTarget+"?kind=parallel-forum")
	_, live := slugs(forums)
	if float64(live) != st["parallel_forums"] {
		t.Errorf("kind=parallel-forum lists %d forums not cancelled, stats say %v", live, st["parallel_forums"])
	}
	all, _ := slugs(get(t, h, activitiesTarget))
	most, _ := slugs(get(t, h, activitiesTarget+"?host=most&kind=parallel-forum"))
	if len(most) < 10 || len(all) <= len(most) {
		t.Errorf("host=most&kind=parallel-forum: %d of %d", len(most), len(all))
	}
	if p := problemOf(t, h, http.MethodGet, activitiesTarget+"?kind=forum", http.StatusBadRequest); p.Field != "kind" {
		t.Errorf("bad kind: %+v", p)
	}
}

func testDemoErrors(t *testing.T, h http.Handler) {
	t.Helper()
	for _, target := range []string{
		"/api/v1/events/zgc-1999", "/api/v1/events/zgc-1999/stats", activitiesTarget + "/no-such-forum",
		"/api/v1/events/" + demoEvent + "/people/nobody", "/api/v1/events/" + demoEvent + "/organisations/nobody", "/api/v1/unknown",
	} {
		problemOf(t, h, http.MethodGet, target, http.StatusNotFound)
	}
	for target, field := range map[string]string{
		"/api/v1/search?event=" + demoEvent + "&q=" + strings.Repeat("量", 100): "q",
		"/api/v1/search?event=" + demoEvent + "&q=%ff":                         "q",
		"/api/v1/search?q=quantum":                                             "event",
	} {
		if p := problemOf(t, h, http.MethodGet, target, http.StatusBadRequest); p.Field != field {
			t.Errorf("%s: field %q, want %q", target, p.Field, field)
		}
	}
}

func testDemoETag(t *testing.T, h http.Handler) {
	t.Helper()
	res, _ := call(t, h, http.MethodGet, activitiesTarget+"?kind=parallel-forum", nil)
	tag := res.Header.Get("ETag")
	if tag == "" {
		t.Fatal("no ETag")
	}
	res, body := call(t, h, http.MethodGet, activitiesTarget+"?kind=parallel-forum", http.Header{"If-None-Match": {tag}})
	if res.StatusCode != http.StatusNotModified || len(body) != 0 {
		t.Errorf("If-None-Match: %d with %d bytes", res.StatusCode, len(body))
	}
}

// BenchmarkActivitiesList measures GET …/activities through the handler on
// SQLite with the sample data: the whole program rendered (cache off) and
// served from the body cache, one filter, and a revalidation answered 304.
// Every request asks the database for the versions of the edition and of the
// previous one (program.Catalog's contract).
func BenchmarkActivitiesList(b *testing.B) {
	cat := testkit.DemoCatalog(b, "sqlite")
	h := New(Config{Catalog: cat})
	run := func(b *testing.B, target string, header http.Header, status int) {
		req := httptest.NewRequest(http.MethodGet, target, nil)
		req.Header = header
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != status {
			b.Fatalf("%s: %d", target, rec.Code)
		}
		b.SetBytes(int64(rec.Body.Len()))
		b.ReportAllocs()
		b.ResetTimer()
		for b.Loop() {
			w := &discard{header: http.Header{}}
			h.ServeHTTP(w, req)
			if w.status != status {
				b.Fatalf("%s: %d", target, w.status)
			}
		}
	}
	b.Run("all-render", func(b *testing.B) {
		h := newHandler(Config{Catalog: cat}, 0)
		req := httptest.NewRequest(http.MethodGet, activitiesTarget, nil)
		b.ReportAllocs()
		for b.Loop() {
			w := &discard{header: http.Header{}}
			h.ServeHTTP(w, req)
			if w.status != http.StatusOK {
				b.Fatal(w.status)
			}
			b.SetBytes(int64(w.n))
		}
	})
	b.Run("all-cached", func(b *testing.B) { run(b, activitiesTarget, http.Header{}, http.StatusOK) })
	b.Run("theme", func(b *testing.B) { run(b, activitiesTarget+"?theme=quantum", http.Header{}, http.StatusOK) })
	b.Run("not-modified", func(b *testing.B) {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, activitiesTarget, nil))
		run(b, activitiesTarget, http.Header{"If-None-Match": {rec.Header().Get("ETag")}}, http.StatusNotModified)
	})
}

// discard is a ResponseWriter that only counts, so the benchmark measures the
// handler rather than a recorder's buffer.
type discard struct {
	header http.Header
	status int
	n      int
}

func (d *discard) Header() http.Header { return d.header }
func (d *discard) WriteHeader(status int) {
	if d.status == 0 {
		d.status = status
	}
}
func (d *discard) Write(p []byte) (int, error) {
	d.WriteHeader(http.StatusOK)
	d.n += len(p)
	return len(p), nil
}
