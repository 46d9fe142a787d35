package httpx

import (
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

func TestBodyCacheBounded(t *testing.T) {
	c := NewBodyCache(100)
	c.Put("a", make([]byte, 20))
	c.Put("b", make([]byte, 20))
	c.Put("huge", make([]byte, 26)) // over a quarter of the bound: not kept
	if _, ok := c.Get("huge"); ok {
		t.Error("kept a body larger than a quarter of the cache")
	}
	for _, k := range []string{"c", "d", "e", "f"} {
		c.Put(k, make([]byte, 20))
	}
	if _, ok := c.Get("a"); ok {
		t.Error("the oldest entry survived")
	}
	if c.size > 100 || len(c.items) != len(c.order) {
		t.Errorf("size %d, %d items, %d keys", c.size, len(c.items), len(c.order))
	}
	if _, ok := c.Get("f"); !ok {
		t.Error("the newest entry is missing")
	}
	off := NewBodyCache(0)
	off.Put("a", []byte("x"))
	if _, ok := off.Get("a"); ok {
		t.Error("a zero-sized cache kept a body")
	}
}

func TestNotModifiedSince(t *testing.T) {
	modified := time.Date(2025, 3, 20, 8, 30, 15, 500_000_000, time.UTC)
	tag := `"abc"`
	cases := []struct {
		name   string
		method string
		header map[string]string
		want   int
	}{
		{"no validators", http.MethodGet, nil, http.StatusOK},
		{"etag matches", http.MethodGet, map[string]string{"If-None-Match": tag}, http.StatusNotModified},
		{"etag differs, date current: the tag decides", http.MethodGet, map[string]string{"If-None-Match": `"old"`, "If-Modified-Since": modified.Add(time.Hour).Format(http.TimeFormat)}, http.StatusOK},
		{"same second", http.MethodGet, map[string]string{"If-Modified-Since": modified.Format(http.TimeFormat)}, http.StatusNotModified},
		{"later", http.MethodHead, map[string]string{"If-Modified-Since": modified.Add(time.Hour).Format(http.TimeFormat)}, http.StatusNotModified},
		{"earlier", http.MethodGet, map[string]string{"If-Modified-Since": modified.Add(-time.Second).Format(http.TimeFormat)}, http.StatusOK},
		{"malformed date", http.MethodGet, map[string]string{"If-Modified-Since": "yesterday"}, http.StatusOK},
		{"not a GET", http.MethodPost, map[string]string{"If-Modified-Since": modified.Format(http.TimeFormat)}, http.StatusOK},
	}
	for _, c := range cases {
		r := httptest.NewRequest(c.method, "/x", nil)
		for k, v := range c.header {
			r.Header.Set(k, v)
		}
		w := httptest.NewRecorder()
		if !NotModifiedSince(w, r, tag, modified) {
			w.WriteHeader(http.StatusOK)
		}
		if w.Code != c.want {
			t.Errorf("%s: %d, want %d", c.name, w.Code, c.want)
		}
		if w.Header().Get("ETag") != tag || w.Header().Get("Last-Modified") != "Thu, 20 Mar 2025 08:30:15 GMT" {
			t.Errorf("%s: headers %v", c.name, w.Header())
		}
	}
}
