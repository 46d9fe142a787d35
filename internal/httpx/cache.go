package httpx

import (
	"fmt"
	"hash/fnv"
	"net/http"
	"strings"
	"sync"
	"time"
)

// BodyCache keeps rendered response bodies by a key that determines them
// (a path, its parameters and a catalogue stamp), so a popular page that has
// not changed is written without being rendered again. A key determines its
// body, so an entry is never stale, only unused. It is bounded in bytes and
// forgets the oldest entries first, which also bounds what random query
// strings can make it hold.
type BodyCache struct {
	mu    sync.Mutex
	max   int
	size  int
	order []string
	items map[string][]byte
}

// NewBodyCache makes a cache holding at most maxBytes of bodies.
func NewBodyCache(maxBytes int) *BodyCache {
	return &BodyCache{max: maxBytes, items: map[string][]byte{}}
}

// Get returns the body stored under key.
func (c *BodyCache) Get(key string) ([]byte, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	b, ok := c.items[key]
	return b, ok
}

// Put stores body under key; bodies larger than a quarter of the cache are
// not kept. body must not be modified afterwards.
func (c *BodyCache) Put(key string, body []byte) {
	if len(body) > c.max/4 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.items[key]; ok {
		return
	}
	for c.size+len(body) > c.max && len(c.order) > 0 {
		old := c.order[0]
		c.order = c.order[1:]
		c.size -= len(c.items[old])
		delete(c.items, old)
	}
	c.items[key] = body
	c.order = append(c.order, key)
	c.size += len(body)
}

// ETag is a strong entity tag for a cache key.
func ETag(key string) string {
	h := fnv.New64a()
	h.Write([]byte(key))
	return fmt.Sprintf(`"%016x"`, h.Sum64())
}

// NotModified sets the ETag and reports whether the request's If-None-Match
// already names it, in which case it has answered 304.
func NotModified(w http.ResponseWriter, r *http.Request, tag string) bool {
	w.Header().Set("ETag", tag)
	inm := r.Header.Get("If-None-Match")
	if inm == "" {
		return false
	}
	for _, t := range strings.Split(inm, ",") {
		t = strings.TrimPrefix(strings.TrimSpace(t), "W/")
		if t == tag || t == "*" {
			w.WriteHeader(http.StatusNotModified)
			return true
		}
	}
	return false
}

// NotModifiedSince is NotModified for a resource that also knows when it last
// changed: it sets ETag and, when modified is not zero, Last-Modified, and
// answers 304 when the request's validators say the client's copy is
// current. As RFC 9110 §13.2.2 orders, If-None-Match decides when present;
// If-Modified-Since is consulted only without it, and only for GET and HEAD.
// Times compare in whole seconds, the unit of HTTP dates.
func NotModifiedSince(w http.ResponseWriter, r *http.Request, tag string, modified time.Time) bool {
	if !modified.IsZero() {
		w.Header().Set("Last-Modified", modified.UTC().Format(http.TimeFormat))
	}
	if r.Header.Get("If-None-Match") != "" {
		return NotModified(w, r, tag)
	}
	w.Header().Set("ETag", tag)
	ims := r.Header.Get("If-Modified-Since")
	if ims == "" || modified.IsZero() || (r.Method != http.MethodGet && r.Method != http.MethodHead) {
		return false
	}
	since, err := http.ParseTime(ims)
	if err != nil || modified.Truncate(time.Second).After(since) {
		return false
	}
	w.WriteHeader(http.StatusNotModified)
	return true
}
