package web

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

type response struct {
	status int
	header http.Header
	body   string
}

func get(t testing.TB, h http.Handler, target string) response {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, target, nil)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return response{status: rec.Code, header: rec.Result().Header, body: rec.Body.String()}
}

// checkHTML checks loosely that a page rendered completely in lang.
func checkHTML(t *testing.T, target string, r response, lang string) {
	t.Helper()
	htmlLang := map[string]string{"zh": "zh-CN", "en": "en"}[lang]
	if !strings.HasPrefix(r.body, "<!DOCTYPE html>") {
		t.Errorf("%s: no doctype", target)
	}
	if !strings.Contains(r.body, `<html lang="`+htmlLang+`">`) {
		t.Errorf("%s: want <html lang=%q>", target, htmlLang)
	}
	if !strings.HasSuffix(strings.TrimSpace(r.body), "</html>") {
		t.Errorf("%s: page does not end with </html>", target)
	}
	if !strings.Contains(r.body, `<meta name="viewport"`) {
		t.Errorf("%s: no viewport meta", target)
	}
	if ct := r.header.Get("Content-Type"); ct != "text/html; charset=utf-8" {
		t.Errorf("%s: Content-Type %q", target, ct)
	}
	for _, tag := range []string{"main", "header", "footer", "body", "head", "ul", "section", "table", "article", "form", "nav", "select", "dl"} {
		open := strings.Count(r.body, "<"+tag+">") + strings.Count(r.body, "<"+tag+" ")
		closed := strings.Count(r.body, "</"+tag+">")
		if open != closed {
			t.Errorf("%s: %d <%s> but %d </%s>", target, open, tag, closed, tag)
		}
	}
	if strings.Contains(r.body, "ZgotmplZ") {
		t.Errorf("%s: html/template rejected a value (ZgotmplZ)", target)
	}
}
