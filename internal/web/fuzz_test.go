package web

import (
	"net/url"
	"strings"
	"testing"
)

// FuzzLocalNext: whatever next a sign-in form carries, the redirect after
// signing in stays on this site: a path with no scheme and no host that
// browsers cannot read as another host.
func FuzzLocalNext(f *testing.F) {
	for _, s := range []string{"/zh/zgc-2025/admin/seats", "//evil.example", "https://evil.example", "/\\evil.example", "/%2F%2Fevil", "javascript:alert(1)", " /x", "/x\r\nLocation: y"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, next string) {
		got := localNext("zh", next)
		u, err := url.Parse(got)
		if err != nil || u.Scheme != "" || u.Host != "" || !strings.HasPrefix(got, "/") || strings.HasPrefix(got, "//") ||
			strings.ContainsAny(got, "\\\r\n\t") {
			t.Fatalf("localNext(%q) = %q, which may leave the site", next, got)
		}
	})
}
