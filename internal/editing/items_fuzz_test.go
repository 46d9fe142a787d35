package editing

import (
	"net/url"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"
)

// FuzzItemForm: whatever a form of an item posts, ApplyItem never panics,
// and what it accepts only names the kind's own columns, once each, with
// text that is valid UTF-8 without control characters and within limits.
// The columns go into SQL by name, so this is what keeps a request out of it.
func FuzzItemForm(f *testing.F) {
	for _, seed := range []string{
		"name_zh=王芳&name_en=Wang+Fang&country=cn",
		"name_zh=&name_en=x&website=javascript:alert(1)",
		"title_zh=报告&title_en=Report&embargo_until=2025-03-28T09:00",
		"capacity=-1&name_zh=A厅&name_en=Hall+A",
		"capacity=300&name_zh=A%00&name_en=%ff",
		"title_zh=a&title_en=b&summary_en=line+one%0D%0Aline+two%07",
		"version=3&slug=x&id=1&name_zh=a&name_zh=b",
	} {
		f.Add("people", seed)
		f.Add("orgs", seed)
		f.Add("rooms", seed)
		f.Add("releases", seed)
	}
	loc := time.FixedZone("CST", 8*3600)
	f.Fuzz(func(t *testing.T, kind, body string) {
		k, ok := Kinds[kind]
		if !ok {
			return
		}
		form, err := url.ParseQuery(body)
		if err != nil {
			return
		}
		u, err := ApplyItem(k, Values{}, form, loc)
		if err != nil {
			return
		}
		if len(u.Columns) != len(u.Args) {
			t.Fatalf("%d columns, %d values", len(u.Columns), len(u.Args))
		}
		seen := map[string]bool{}
		for i, c := range u.Columns {
			var field *Field
			for j := range k.Fields {
				if k.Fields[j].Name == c {
					field = &k.Fields[j]
				}
			}
			if field == nil || seen[c] {
				t.Fatalf("column %q is not a field of %s, or twice", c, k.Name)
			}
			seen[c] = true
			if s, ok := u.Args[i].(string); ok {
				bad := unicode.IsControl
				if field.Type == LongText {
					bad = func(r rune) bool { return unicode.IsControl(r) && !strings.ContainsRune("\n\r\t", r) }
				}
				if !utf8.ValidString(s) || strings.IndexFunc(s, bad) >= 0 {
					t.Fatalf("%s accepted %q", c, s)
				}
				if field.Limit > 0 && utf8.RuneCountInString(s) > field.Limit {
					t.Fatalf("%s accepted %d characters, limit %d", c, utf8.RuneCountInString(s), field.Limit)
				}
			}
		}
	})
}
