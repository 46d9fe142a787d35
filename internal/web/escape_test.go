package web

import (
	"net/http"
	"strings"
	"testing"
)

// TestEscaping renders every page of an edition whose texts contain markup
// and checks that the markup is shown as text, never executed.
func TestEscaping(t *testing.T) {
	h, err := New(Config{Catalog: hostileCatalog(t)})
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range []string{"zh", "en"} {
		for _, page := range []string{"", "agenda", "activities/forum-1", "people", "people/p-1", "orgs", "orgs/org-1", "livestreams", "releases", "briefing", "search?q=script"} {
			target := "/" + lang + "/x-2025/" + page
			r := get(t, h, target)
			if r.status != http.StatusOK {
				t.Errorf("GET %s: status %d", target, r.status)
				continue
			}
			checkHTML(t, target, r, lang)
			if strings.Contains(r.body, "<script") {
				t.Errorf("GET %s: unescaped <script> in the page", target)
			}
			if strings.Contains(r.body, "javascript:") {
				t.Errorf("GET %s: a javascript: URL reached the page", target)
			}
			if page != "" && page != "livestreams" && page != "releases" && !strings.Contains(r.body, "&lt;script&gt;") {
				t.Errorf("GET %s: the hostile title is not shown escaped", target)
			}
		}
	}
}
