package httpx

import "testing"

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
