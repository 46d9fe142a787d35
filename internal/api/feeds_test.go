package api

import (
	"bytes"
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"convene/internal/testkit"
)

func TestFeedsFixture(t *testing.T) {
	cat, _ := fixtureCatalog()
	s := newServer(Config{Catalog: cat}, bodyCacheBytes)
	h := s.handler()
	cases := []struct {
		target, contentType, disposition, start string
	}{
		{"/api/v1/events/t-2025/calendar.ics", calendarContentType, `attachment; filename="t-2025-zh.ics"`, "BEGIN:VCALENDAR\r\n"},
		{"/api/v1/events/t-2025/calendar.ics?lang=en", calendarContentType, `attachment; filename="t-2025-en.ics"`, "BEGIN:VCALENDAR\r\n"},
		{"/api/v1/events/t-2025/activities/quantum-forum/calendar.ics", calendarContentType, `attachment; filename="t-2025-quantum-forum-zh.ics"`, "BEGIN:VCALENDAR\r\n"},
		{"/api/v1/events/t-2025/people/ada/calendar.ics", calendarContentType, `attachment; filename="t-2025-ada-zh.ics"`, "BEGIN:VCALENDAR\r\n"},
		{"/api/v1/events/t-2025/schedule.xml", xmlContentType, `inline; filename="t-2025-schedule-zh.xml"`, "<?xml"},
		{"/api/v1/events/t-2025/schedule.json?lang=en", jsonContentType, `inline; filename="t-2025-schedule-en.json"`, "{"},
	}
	for _, c := range cases {
		res, body := call(t, h, http.MethodGet, c.target, nil)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("GET %s: %d %s", c.target, res.StatusCode, body)
		}
		if got := res.Header.Get("Content-Type"); got != c.contentType {
			t.Errorf("GET %s: Content-Type %q, want %q", c.target, got, c.contentType)
		}
		if got := res.Header.Get("Content-Disposition"); got != c.disposition {
			t.Errorf("GET %s: Content-Disposition %q, want %q", c.target, got, c.disposition)
		}
		if got := res.Header.Get("Last-Modified"); got != "Thu, 20 Mar 2025 08:30:00 GMT" {
			t.Errorf("GET %s: Last-Modified %q", c.target, got)
		}
		if !strings.HasPrefix(string(body), c.start) {
			t.Errorf("GET %s: body starts %.40q", c.target, body)
		}
	}
	// Links point at the host the request came in on, or at Config.BaseURL.
	_, body := call(t, h, http.MethodGet, "/api/v1/events/t-2025/calendar.ics?lang=en", nil)
	if !bytes.Contains(body, []byte("URL:http://convene.test/en/t-2025/activities/quantum-forum")) {
		t.Errorf("the calendar does not link the activity page on the request's host:\n%s", body)
	}
	based := New(Config{Catalog: cat, BaseURL: "https://forum.example/"})
	_, body = call(t, based, http.MethodGet, "/api/v1/events/t-2025/schedule.xml", nil)
	if !bytes.Contains(body, []byte("<url>https://forum.example/zh/t-2025/activities/quantum-forum</url>")) {
		t.Errorf("schedule.xml does not link on the configured base URL")
	}

	problemOf(t, h, http.MethodGet, "/api/v1/events/t-2025/calendar.ics?lang=fr", http.StatusBadRequest)
	problemOf(t, h, http.MethodGet, "/api/v1/events/t-2025/activities/nope/calendar.ics", http.StatusNotFound)
	problemOf(t, h, http.MethodGet, "/api/v1/events/t-2025/people/nope/calendar.ics", http.StatusNotFound)
	problemOf(t, h, http.MethodGet, "/api/v1/events/nope/schedule.json", http.StatusNotFound)
	problemOf(t, h, http.MethodPost, "/api/v1/events/t-2025/schedule.xml", http.StatusMethodNotAllowed)
}

// A feed is rendered once per program version and answers conditional
// requests with 304, by entity tag and by date.
func TestFeedRenderedOnceAndConditional(t *testing.T) {
	cat, st := fixtureCatalog()
	s := newServer(Config{Catalog: cat}, bodyCacheBytes)
	h := s.handler()
	const target = "/api/v1/events/t-2025/schedule.xml"
	res1, body1 := call(t, h, http.MethodGet, target, nil)
	res2, body2 := call(t, h, http.MethodGet, target, nil)
	if res1.StatusCode != http.StatusOK || res2.StatusCode != http.StatusOK || !bytes.Equal(body1, body2) {
		t.Fatalf("two GETs: %d, %d, equal bodies %v", res1.StatusCode, res2.StatusCode, bytes.Equal(body1, body2))
	}
	if n := s.feedRenders.Load(); n != 1 {
		t.Errorf("two requests rendered %d times, want once", n)
	}
	etag, lastMod := res1.Header.Get("ETag"), res1.Header.Get("Last-Modified")
	if etag == "" || etag != res2.Header.Get("ETag") || lastMod == "" {
		t.Fatalf("validators: ETag %q/%q, Last-Modified %q", etag, res2.Header.Get("ETag"), lastMod)
	}
	for _, hdr := range []http.Header{
		{"If-None-Match": {etag}},
		{"If-None-Match": {`"other", ` + etag}},
		{"If-Modified-Since": {lastMod}},
		{"If-Modified-Since": {time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC).Format(http.TimeFormat)}},
	} {
		res, body := call(t, h, http.MethodGet, target, hdr)
		if res.StatusCode != http.StatusNotModified || len(body) != 0 || res.Header.Get("ETag") != etag {
			t.Errorf("%v: %d, %d bytes, ETag %q; want 304 without a body", hdr, res.StatusCode, len(body), res.Header.Get("ETag"))
		}
	}
	for _, hdr := range []http.Header{
		{"If-None-Match": {`"stale"`}},
		{"If-None-Match": {`"stale"`}, "If-Modified-Since": {lastMod}}, // the tag decides
		{"If-Modified-Since": {time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC).Format(http.TimeFormat)}},
	} {
		if res, _ := call(t, h, http.MethodGet, target, hdr); res.StatusCode != http.StatusOK {
			t.Errorf("%v: %d, want 200", hdr, res.StatusCode)
		}
	}
	if n := s.feedRenders.Load(); n != 1 {
		t.Errorf("conditional requests rendered: %d renderings, want 1", n)
	}
	// Another language is another rendering, with another tag.
	resEN, _ := call(t, h, http.MethodGet, target+"?lang=en", nil)
	if resEN.Header.Get("ETag") == etag || s.feedRenders.Load() != 2 {
		t.Errorf("lang=en: ETag %q (zh %q), %d renderings", resEN.Header.Get("ETag"), etag, s.feedRenders.Load())
	}
	// A new program version is rendered afresh, and the old tag is stale.
	ed := st.editions["t-2025"]
	next := *ed
	next.Event.Version++
	next.Event.UpdatedAt = ed.Event.UpdatedAt.Add(time.Hour)
	st.editions["t-2025"] = &next
	res, _ := call(t, h, http.MethodGet, target, http.Header{"If-None-Match": {etag}})
	if res.StatusCode != http.StatusOK || res.Header.Get("ETag") == etag || s.feedRenders.Load() != 3 {
		t.Errorf("after a change: %d, ETag %q, %d renderings", res.StatusCode, res.Header.Get("ETag"), s.feedRenders.Load())
	}
	if res, _ := call(t, h, http.MethodGet, target, http.Header{"If-Modified-Since": {lastMod}}); res.StatusCode != http.StatusOK {
		t.Errorf("after a change, If-Modified-Since the old date: %d, want 200", res.StatusCode)
	}
}

// The feeds of the sample on every engine: every person's and activity's
// calendar answers, and the validators round-trip.
func TestFeedsDemo(t *testing.T) {
	for _, engine := range testkit.Engines(t) {
		t.Run(engine, func(t *testing.T) {
			cat := testkit.DemoCatalog(t, engine)
			s := newServer(Config{Catalog: cat}, bodyCacheBytes)
			h := s.handler()
			ed, err := cat.Edition(context.Background(), demoEvent)
			if err != nil {
				t.Fatal(err)
			}
			if ed.Event.UpdatedAt.IsZero() {
				t.Fatal("the sample edition has no updated_at")
			}
			for _, target := range []string{"/calendar.ics", "/schedule.xml", "/schedule.json", "/calendar.ics?lang=en", "/schedule.xml?lang=en", "/schedule.json?lang=en"} {
				res, body := call(t, h, http.MethodGet, "/api/v1/events/"+demoEvent+target, nil)
				if res.StatusCode != http.StatusOK || len(body) == 0 {
					t.Fatalf("%s: %d", target, res.StatusCode)
				}
				if res.Header.Get("Last-Modified") != ed.Event.UpdatedAt.Format(http.TimeFormat) {
					t.Errorf("%s: Last-Modified %q, want %s", target, res.Header.Get("Last-Modified"), ed.Event.UpdatedAt.Format(http.TimeFormat))
				}
				res, _ = call(t, h, http.MethodGet, "/api/v1/events/"+demoEvent+target, http.Header{"If-Modified-Since": {res.Header.Get("Last-Modified")}})
				if res.StatusCode != http.StatusNotModified {
					t.Errorf("%s: If-Modified-Since its Last-Modified: %d, want 304", target, res.StatusCode)
				}
			}
			for _, a := range ed.Activities[:10] {
				if res, _ := call(t, h, http.MethodGet, activitiesTarget+"/"+a.Slug+"/calendar.ics", nil); res.StatusCode != http.StatusOK {
					t.Errorf("%s: %d", a.Slug, res.StatusCode)
				}
			}
			for _, p := range ed.People()[:10] {
				if res, _ := call(t, h, http.MethodGet, "/api/v1/events/"+demoEvent+"/people/"+p.Slug+"/calendar.ics", nil); res.StatusCode != http.StatusOK {
					t.Errorf("%s: %d", p.Slug, res.StatusCode)
				}
			}
		})
	}
}
