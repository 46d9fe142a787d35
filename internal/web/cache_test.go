package web

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"convene/internal/program"
	"convene/internal/testkit"
)

// TestPagesAreCachedUntilTheStampChanges serves the releases page before and
// after the sample embargo lifts: the cached page is reused while nothing
// changed, revalidates with 304, and is replaced once the embargoed release
// becomes public.
func TestPagesAreCachedUntilTheStampChanges(t *testing.T) {
	embargoed := "人形机器人" // the sample release under embargo until 29 March 2025 10:00
	var now atomic.Int64
	now.Store(testkit.Now.Unix())
	cat := program.NewCatalog(testkit.DemoDB(t, "sqlite"), func() time.Time { return time.Unix(now.Load(), 0) })
	h, err := New(Config{Catalog: cat, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	fetch := func(etag string) *httptest.ResponseRecorder {
		req := httptest.NewRequest(http.MethodGet, "/zh/zgc-2025/releases", nil)
		if etag != "" {
			req.Header.Set("If-None-Match", etag)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec
	}
	first := fetch("")
	tag := first.Header().Get("ETag")
	if first.Code != http.StatusOK || tag == "" {
		t.Fatalf("first: %d, ETag %q", first.Code, tag)
	}
	if strings.Contains(first.Body.String(), embargoed) {
		t.Fatal("the embargoed release is shown before its time")
	}
	if second := fetch(""); second.Body.String() != first.Body.String() || second.Header().Get("ETag") != tag {
		t.Error("the same page was not served again unchanged")
	}
	if rec := fetch(tag); rec.Code != http.StatusNotModified || rec.Body.Len() != 0 {
		t.Errorf("revalidation: %d with %d bytes, want 304 and no body", rec.Code, rec.Body.Len())
	}

	now.Store(time.Date(2025, 3, 29, 2, 0, 0, 0, time.UTC).Unix()) // 10:00 in Beijing: the embargo lifts
	after := fetch(tag)
	if after.Code != http.StatusOK || after.Header().Get("ETag") == tag {
		t.Fatalf("after the embargo: %d, ETag %q (was %q)", after.Code, after.Header().Get("ETag"), tag)
	}
	if !strings.Contains(after.Body.String(), embargoed) {
		t.Error("the release is still hidden after its embargo lifted")
	}
}

func TestFilterFormRedirectsToTheCleanAddress(t *testing.T) {
	h, _ := newSite(t, "sqlite")
	for _, tt := range []struct{ query, want string }{
		{"?day=&section=&kind=&theme=ai&host=&orientation=&room=", "/zh/zgc-2025/agenda?theme=ai"},
		{"?theme=ai&day=2025-03-28", "/zh/zgc-2025/agenda?day=2025-03-28&theme=ai"},
		{"?day=&theme=", "/zh/zgc-2025/agenda"},
	} {
		r := get(t, h, "/zh/zgc-2025/agenda"+tt.query)
		if r.status != http.StatusSeeOther || r.header.Get("Location") != tt.want {
			t.Errorf("%s: %d → %q, want 303 → %q", tt.query, r.status, r.header.Get("Location"), tt.want)
		}
		if final := get(t, h, tt.want); final.status != http.StatusOK {
			t.Errorf("%s: %d", tt.want, final.status)
		}
	}
}
