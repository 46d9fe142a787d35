package api

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"convene/internal/testkit"
)

// BenchmarkFeeds measures the exports of the sample edition through the
// handler on SQLite: rendered afresh (cache off), served from the body cache,
// and revalidated with If-None-Match (304).
func BenchmarkFeeds(b *testing.B) {
	cat := testkit.DemoCatalog(b, "sqlite")
	for _, feed := range []string{"schedule.xml", "schedule.json", "calendar.ics"} {
		target := "/api/v1/events/zgc-2025/" + feed
		serve := func(b *testing.B, h http.Handler, header http.Header, status int) {
			req := httptest.NewRequest(http.MethodGet, target, nil)
			req.Header = header
			b.ReportAllocs()
			for b.Loop() {
				w := &discard{header: http.Header{}}
				h.ServeHTTP(w, req)
				if w.status != status {
					b.Fatalf("%s: %d", target, w.status)
				}
				b.SetBytes(int64(w.n))
			}
		}
		b.Run(feed+"/render", func(b *testing.B) { serve(b, newHandler(Config{Catalog: cat}, 0), http.Header{}, http.StatusOK) })
		cached := New(Config{Catalog: cat})
		b.Run(feed+"/cached", func(b *testing.B) { serve(b, cached, http.Header{}, http.StatusOK) })
		b.Run(feed+"/not-modified", func(b *testing.B) {
			rec := httptest.NewRecorder()
			cached.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, target, nil))
			serve(b, cached, http.Header{"If-None-Match": {rec.Header().Get("ETag")}}, http.StatusNotModified)
		})
	}
}
