package web

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"convene/internal/api"
	"convene/internal/program"
	"convene/internal/registration"
	"convene/internal/testkit"
)

// newSite is the site over the sample data on a real database of the engine.
func newSite(t testing.TB, engine string) (http.Handler, *program.Catalog) {
	t.Helper()
	cat := testkit.DemoCatalog(t, engine)
	h, err := New(Config{Catalog: cat, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return h, cat
}

func TestPages(t *testing.T) {
	for _, engine := range testkit.Engines(t) {
		t.Run(engine, func(t *testing.T) {
			h, cat := newSite(t, engine)
			ed, err := cat.Edition(t.Context(), "zgc-2025")
			if err != nil {
				t.Fatal(err)
			}
			a := ed.Activities[0]
			p := ed.People()[0]
			for _, lang := range []string{"zh", "en"} {
				for _, path := range []string{
					"/" + lang + "/",
					"/" + lang + "/zgc-2025/",
					"/" + lang + "/zgc-2024/",
					"/" + lang + "/zgc-2025/agenda",
					"/" + lang + "/zgc-2025/agenda?day=2025-03-28&kind=parallel-forum",
					"/" + lang + "/zgc-2025/activities/" + a.Slug,
					"/" + lang + "/zgc-2025/activities/quantum-innovation",
					"/" + lang + "/zgc-2025/people",
					"/" + lang + "/zgc-2025/people/" + p.Slug,
					"/" + lang + "/zgc-2025/orgs",
					"/" + lang + "/zgc-2025/orgs/most",
					"/" + lang + "/zgc-2025/livestreams",
					"/" + lang + "/zgc-2025/releases",
					"/" + lang + "/zgc-2025/briefing",
					"/" + lang + "/zgc-2024/briefing",
					"/" + lang + "/zgc-2025/search",
					"/" + lang + "/zgc-2025/search?q=quantum",
				} {
					r := get(t, h, path)
					if r.status != http.StatusOK {
						t.Errorf("GET %s: status %d", path, r.status)
						continue
					}
					checkHTML(t, path, r, lang)
				}
			}
		})
	}
}

func TestRedirectsAndStatic(t *testing.T) {
	h, _ := newSite(t, "sqlite")
	for target, want := range map[string]string{"/": "/zh/", "/en": "/en/", "/zh/zgc-2025": "/zh/zgc-2025/"} {
		r := get(t, h, target)
		if r.status != http.StatusFound && r.status != http.StatusMovedPermanently {
			t.Errorf("GET %s: status %d, want a redirect", target, r.status)
		}
		if loc := r.header.Get("Location"); loc != want {
			t.Errorf("GET %s: Location %q, want %q", target, loc, want)
		}
	}
	req := httptest.NewRequest(http.MethodPost, "/en/zgc-2025/agenda", nil)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusMethodNotAllowed || !strings.Contains(rec.Body.String(), `<html lang="en">`) {
		t.Errorf("POST agenda: status %d, want a 405 page in English", rec.Code)
	}
	home := get(t, h, "/zh/zgc-2025/")
	css := regexp.MustCompile(`href="(/static/site\.css\?v=[0-9a-f]+)"`).FindStringSubmatch(home.body)
	if css == nil {
		t.Fatal("no versioned stylesheet link")
	}
	r := get(t, h, css[1])
	if r.status != 200 || !strings.Contains(r.header.Get("Cache-Control"), "max-age=31536000") || !strings.HasPrefix(r.header.Get("Content-Type"), "text/css") {
		t.Errorf("stylesheet: status %d, Cache-Control %q, Content-Type %q", r.status, r.header.Get("Cache-Control"), r.header.Get("Content-Type"))
	}
}

var (
	hrefRE = regexp.MustCompile(`(?:href|action)="([^"]*)"`)
	postRE = regexp.MustCompile(`action="([^"]*)" method="post"`)
)

// TestCrawl follows every same-site link from / and finds no error.
//
// The site links the API's feeds (the Subscribe blocks), so the crawl runs
// against the two handlers composed as convene serve composes them.
//
// Registration is on, as in convene serve; forms that post are not followed.
func TestCrawl(t *testing.T) {
	db := testkit.DemoDB(t, "sqlite")
	cat := program.NewCatalog(db, testkit.Clock)
	site, err := New(Config{Catalog: cat, Registration: registration.New(db, testkit.Clock), Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.Handle("/api/", api.New(api.Config{Catalog: cat}))
	mux.Handle("/", site)
	var h http.Handler = mux
	limit := 5000
	if os.Getenv("CRAWL_LIMIT") != "" {
		limit, _ = strconv.Atoi(os.Getenv("CRAWL_LIMIT"))
	}
	seen := map[string]bool{"/": true}
	queue := []string{"/"}
	langs := map[string]int{}
	for len(queue) > 0 && len(seen) <= limit {
		target := queue[0]
		queue = queue[1:]
		r := get(t, h, target)
		switch {
		case r.status >= 300 && r.status < 400:
			loc := r.header.Get("Location")
			if !seen[loc] {
				seen[loc] = true
				queue = append(queue, loc)
			}
			continue
		case r.status >= 400:
			t.Errorf("GET %s: status %d", target, r.status)
			continue
		}
		if !strings.HasPrefix(r.header.Get("Content-Type"), "text/html") {
			continue
		}
		for _, l := range []string{"zh-CN", "en"} {
			if strings.Contains(r.body, `<html lang="`+l+`">`) {
				langs[l]++
			}
		}
		base, _ := url.Parse(target)
		posted := map[string]bool{}
		for _, m := range postRE.FindAllStringSubmatch(r.body, -1) {
			posted[m[1]] = true
		}
		for _, m := range hrefRE.FindAllStringSubmatch(r.body, -1) {
			if posted[m[1]] {
				continue
			}
			raw := strings.ReplaceAll(m[1], "&amp;", "&")
			u, err := base.Parse(raw)
			if err != nil {
				t.Errorf("%s: bad link %q: %v", target, m[1], err)
				continue
			}
			if u.Scheme != "" && u.Scheme != "http" || u.Host != "" {
				continue // another site, or data:
			}
			u.Fragment = ""
			next := u.RequestURI()
			if !seen[next] {
				seen[next] = true
				queue = append(queue, next)
			}
		}
	}
	if len(seen) > limit {
		t.Logf("crawl stopped at %d pages", limit)
	}
	t.Logf("crawled %d pages (%d zh, %d en)", len(seen), langs["zh-CN"], langs["en"])
	if os.Getenv("CRAWL_DUMP") != "" {
		var b strings.Builder
		for u := range seen {
			b.WriteString(u + "\n")
		}
		os.WriteFile(os.Getenv("CRAWL_DUMP"), []byte(b.String()), 0o644)
	}
	if langs["zh-CN"] == 0 || langs["en"] == 0 {
		t.Errorf("crawl found zh %d and en %d pages; want both", langs["zh-CN"], langs["en"])
	}
}

func TestFiltersAndErrors(t *testing.T) {
	h, cat := newSite(t, "sqlite")
	ed, err := cat.Edition(t.Context(), "zgc-2025")
	if err != nil {
		t.Fatal(err)
	}
	most, ok := ed.Organisation("most")
	if !ok {
		t.Fatal("sample data has no organisation most")
	}
	long := strings.Repeat("量", 100) // 300 bytes
	for _, c := range []struct {
		target string
		status int
		lang   string
		want   []string
		unwant []string
	}{
		// Filters.
		{"/zh/zgc-2025/agenda?theme=ai", 200, "zh", []string{"未来人工智能先锋论坛", `<option value="ai" selected>`}, []string{"量子科技创新发展论坛"}},
		{"/en/zgc-2025/agenda?theme=ai", 200, "en", []string{"Future AI Pioneers Forum", `href="/zh/zgc-2025/agenda?theme=ai"`}, nil},
		{"/zh/zgc-2025/agenda?host=most&kind=parallel-forum", 200, "zh", []string{"量子科技创新发展论坛", "10 项活动"}, nil},
		{"/zh/zgc-2025/agenda?orientation=health", 200, "zh", []string{"科技助残论坛"}, []string{"未来人工智能先锋论坛"}},
		{"/zh/zgc-2025/agenda?theme=ai&day=2025-03-31&room=no-such-room", 400, "zh", []string{"room", "no-such-room"}, nil},
		// Bad filters are 400 pages naming the parameter, in the page language.
		{"/zh/zgc-2025/agenda?theme=nope", 400, "zh", []string{"参数", "<code>theme</code>", "<code>nope</code>"}, nil},
		{"/en/zgc-2025/agenda?kind=banquet", 400, "en", []string{"Parameter", "<code>kind</code>", "<code>banquet</code>"}, nil},
		{"/en/zgc-2025/agenda?day=2025-04-01", 400, "en", []string{"<code>day</code>"}, nil},
		{"/zh/zgc-2025/agenda?day=%ff", 400, "zh", []string{"<code>day</code>", "UTF-8"}, nil},
		// Unknown things are 404 pages in the page language.
		{"/zh/zgc-1999/", 404, "zh", []string{"页面不存在"}, nil},
		{"/en/zgc-1999/agenda", 404, "en", []string{"Page not found"}, nil},
		{"/zh/zgc-2025/activities/no-such-forum", 404, "zh", []string{"页面不存在"}, nil},
		{"/en/zgc-2025/people/nobody", 404, "en", []string{"Page not found"}, nil},
		{"/en/zgc-2025/orgs/nobody", 404, "en", nil, nil},
		{"/en/zgc-2025/no-such-page", 404, "en", nil, nil},
		{"/fr/", 404, "zh", nil, nil},
		{"/fr/zgc-2025/agenda", 404, "zh", nil, nil},
		{"/" + "zh/" + strings.Repeat("x", 300) + "/", 400, "zh", []string{"<code>event</code>"}, nil},
		// Search: bad input is a 400 page, never a 500.
		{"/zh/zgc-2025/search?q=%ff%fe", 400, "zh", []string{"<code>q</code>", "UTF-8"}, nil},
		{"/en/zgc-2025/search?q=" + url.QueryEscape(long), 400, "en", []string{"<code>q</code>", "too long"}, nil},
		{"/zh/zgc-2025/search?q=" + url.QueryEscape("量子"), 200, "zh", []string{"量子科技创新发展论坛", `value="量子"`}, nil},
		{"/en/zgc-2025/search?q=quantum", 200, "en", []string{"Quantum Science and Technology Innovation and Development Forum"}, nil},
		{"/en/zgc-2025/search?q=QUANTUM+forum", 200, "en", []string{"Quantum Science and Technology Innovation and Development Forum"}, nil},
		{"/zh/zgc-2025/search?q=", 200, "zh", []string{`name="q"`}, nil},
		{"/zh/zgc-2025/search?q=zzzqqqxxx", 200, "zh", []string{"没有找到相关结果"}, nil},
		// The briefing names MOST with its 10 forums, 4 of them new.
		{"/zh/zgc-2025/briefing", 200, "zh", []string{"科技部今年主办10场平行论坛，其中新增4场：", "中国科技发展战略研究院发布《国家创新指数报告》", "国家自然科学基金委发布2024年度“中国科学十大进展”", "环喜马拉雅地球科学国际合作论坛", "科技成果转化应用对接会", `<td class="num">10</td>`, `<td class="num">4</td>`}, nil},
		{"/en/zgc-2025/briefing", 200, "en", []string{"MOST hosts 10 parallel forums this year, 4 of them new: ", "CASTED releases National Innovation Index Report"}, nil},
		// Pages show the edition's times and badges.
		{"/zh/zgc-2025/activities/quantum-innovation", 200, "zh", []string{"量子科技创新发展论坛", "Asia/Shanghai (UTC&#43;08:00)", "badge-new", most.Name.ZH}, nil},
		{"/zh/zgc-2025/livestreams", 200, "zh", []string{"开播时间"}, nil},
	} {
		r := get(t, h, c.target)
		if r.status != c.status {
			t.Errorf("GET %s: status %d, want %d", c.target, r.status, c.status)
			continue
		}
		checkHTML(t, c.target, r, c.lang)
		for _, w := range c.want {
			if !strings.Contains(r.body, w) {
				t.Errorf("GET %s: page lacks %q", c.target, w)
			}
		}
		for _, w := range c.unwant {
			if strings.Contains(r.body, w) {
				t.Errorf("GET %s: page should not contain %q", c.target, w)
			}
		}
	}
}

func TestLanguageSwitchKeepsQuery(t *testing.T) {
	h, _ := newSite(t, "sqlite")
	r := get(t, h, "/zh/zgc-2025/agenda?day=2025-03-27&theme=ai")
	if !strings.Contains(r.body, `class="lang-switch" href="/en/zgc-2025/agenda?day=2025-03-27&amp;theme=ai"`) {
		t.Errorf("language switch does not keep the path and query")
	}
	r = get(t, h, "/en/zgc-2025/people")
	if !strings.Contains(r.body, `class="lang-switch" href="/zh/zgc-2025/people"`) {
		t.Errorf("language switch of en page")
	}
}

// BenchmarkAgendaPage measures the whole agenda through the handler, rendered
// afresh (no page cache) and served from the page cache.
func BenchmarkAgendaPage(b *testing.B) {
	cat := testkit.DemoCatalog(b, "sqlite")
	for _, bc := range []struct {
		name  string
		cache int
	}{{"render", 0}, {"cached", pageCacheBytes}} {
		b.Run(bc.name, func(b *testing.B) {
			h, err := newHandler(Config{Catalog: cat}, bc.cache)
			if err != nil {
				b.Fatal(err)
			}
			get(b, h, "/zh/zgc-2025/agenda") // warm the snapshot (and the cache)
			b.ReportAllocs()
			for b.Loop() {
				if r := get(b, h, "/zh/zgc-2025/agenda"); r.status != http.StatusOK {
					b.Fatalf("status %d", r.status)
				}
			}
		})
	}
}

// The edition home, activity and person pages carry a Subscribe block that
// links the API's feeds in the page's language.
func TestSubscribeLinks(t *testing.T) {
	h, cat := newSite(t, "sqlite")
	ed, err := cat.Edition(t.Context(), "zgc-2025")
	if err != nil {
		t.Fatal(err)
	}
	p := ed.People()[0]
	for _, lang := range []string{"zh", "en"} {
		for path, want := range map[string][]string{
			"/" + lang + "/zgc-2025/": {
				`href="/api/v1/events/zgc-2025/calendar.ics?lang=` + lang + `"`,
				`href="/api/v1/events/zgc-2025/schedule.xml?lang=` + lang + `"`,
				`href="/api/v1/events/zgc-2025/schedule.json?lang=` + lang + `"`,
			},
			"/" + lang + "/zgc-2025/activities/opening": {`href="/api/v1/events/zgc-2025/activities/opening/calendar.ics?lang=` + lang + `"`},
			"/" + lang + "/zgc-2025/people/" + p.Slug:   {`href="/api/v1/events/zgc-2025/people/` + url.PathEscape(p.Slug) + `/calendar.ics?lang=` + lang + `"`},
		} {
			r := get(t, h, path)
			if r.status != http.StatusOK {
				t.Fatalf("GET %s: %d", path, r.status)
			}
			if !strings.Contains(r.body, T(lang, "feeds.title")) {
				t.Errorf("%s: no %q block", path, T(lang, "feeds.title"))
			}
			for _, w := range want {
				if !strings.Contains(r.body, w) {
					t.Errorf("%s: no link %s", path, w)
				}
			}
		}
	}
}
