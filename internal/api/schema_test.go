package api

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"mime"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"
)

// This file holds the test helpers: one request through the handler, and a
// small JSON Schema checker (the subset openapi.json uses) that validates
// every answer a test receives against the document, so the hand-written
// document cannot drift from the responses.

var loadDoc = sync.OnceValues(func() (map[string]any, error) {
	var doc map[string]any
	err := json.Unmarshal(openapiJSON, &doc)
	return doc, err
})

func apiDoc(t testing.TB) map[string]any {
	t.Helper()
	doc, err := loadDoc()
	if err != nil {
		t.Fatalf("openapi.json is not JSON: %v", err)
	}
	return doc
}

// call sends one request through h and checks the answer against the
// OpenAPI document (status documented, body valid for its schema).
func call(t testing.TB, h http.Handler, method, target string, header http.Header) (*http.Response, []byte) {
	t.Helper()
	return callWith(t, h, method, target, header, nil)
}

// callWith is call with a request body (sent as JSON when not nil).
func callWith(t testing.TB, h http.Handler, method, target string, header http.Header, body []byte) (*http.Response, []byte) {
	t.Helper()
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequest(method, "http://convene.test"+target, rd)
	if err != nil {
		t.Fatalf("%s %s: %v", method, target, err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	for k, v := range header {
		req.Header[k] = v
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	res := rec.Result()
	out := rec.Body.Bytes()
	checkAgainstDoc(t, method, req.URL.Path, res, out)
	return res, out
}

// get is call for a GET that must answer 200; it decodes the body.
func get(t testing.TB, h http.Handler, target string) map[string]any {
	t.Helper()
	res, body := call(t, h, http.MethodGet, target, nil)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: status %d, want 200: %s", target, res.StatusCode, body)
	}
	var v map[string]any
	if err := json.Unmarshal(body, &v); err != nil {
		t.Fatalf("GET %s: body is not a JSON object: %v", target, err)
	}
	return v
}

// problemOf asserts a problem answer and returns it decoded.
func problemOf(t testing.TB, h http.Handler, method, target string, status int) problem {
	t.Helper()
	res, body := call(t, h, method, target, nil)
	if res.StatusCode != status {
		t.Fatalf("%s %s: status %d, want %d: %s", method, target, res.StatusCode, status, body)
	}
	if ct := res.Header.Get("Content-Type"); ct != problemContentType {
		t.Fatalf("%s %s: Content-Type %q, want %q", method, target, ct, problemContentType)
	}
	var p problem
	dec := json.NewDecoder(strings.NewReader(string(body)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&p); err != nil {
		t.Fatalf("%s %s: problem body %s: %v", method, target, body, err)
	}
	if p.Status != status || p.Type != "about:blank" || p.Title != http.StatusText(status) || p.Detail == "" || p.Code == "" {
		t.Fatalf("%s %s: bad problem %+v", method, target, p)
	}
	return p
}

// docPath finds the document's path template that matches a request path.
func docPath(doc map[string]any, path string) (string, bool) {
	segs := strings.Split(path, "/")
	for tmpl := range doc["paths"].(map[string]any) {
		ts := strings.Split(tmpl, "/")
		if len(ts) != len(segs) {
			continue
		}
		ok := true
		for i := range ts {
			if ts[i] != segs[i] && !(strings.HasPrefix(ts[i], "{") && segs[i] != "") {
				ok = false
				break
			}
		}
		if ok {
			return tmpl, true
		}
	}
	return "", false
}

func checkAgainstDoc(t testing.TB, method, path string, res *http.Response, body []byte) {
	t.Helper()
	doc := apiDoc(t)
	tmpl, ok := docPath(doc, path)
	if !ok {
		if res.StatusCode != http.StatusNotFound {
			t.Errorf("%s %s: path not in openapi.json yet answered %d", method, path, res.StatusCode)
		}
		return
	}
	docMethod := strings.ToLower(method)
	if method == http.MethodHead {
		docMethod = "get" // HEAD is GET without the body
	}
	op, _ := doc["paths"].(map[string]any)[tmpl].(map[string]any)[docMethod].(map[string]any)
	if op == nil {
		if res.StatusCode != http.StatusMethodNotAllowed {
			t.Errorf("%s %s: method not in openapi.json yet answered %d", method, path, res.StatusCode)
		}
		return
	}
	responses := op["responses"].(map[string]any)
	resp, ok := responses[strconv.Itoa(res.StatusCode)]
	if !ok {
		if res.StatusCode < 400 {
			t.Errorf("%s %s: status %d is not documented", method, path, res.StatusCode)
			return
		}
		resp = responses["default"]
	}
	r := resolve(doc, resp.(map[string]any))
	if method == http.MethodHead {
		return
	}
	if res.StatusCode == http.StatusNoContent {
		if len(body) != 0 {
			t.Errorf("%s %s: 204 with a body", method, path)
		}
		return
	}
	if res.StatusCode == http.StatusNotModified {
		if len(body) != 0 {
			t.Errorf("%s %s: 304 with a body", method, path)
		}
		return
	}
	mt, _, err := mime.ParseMediaType(res.Header.Get("Content-Type"))
	if err != nil {
		t.Errorf("%s %s: Content-Type %q: %v", method, path, res.Header.Get("Content-Type"), err)
		return
	}
	if mt == "application/json" && res.Header.Get("Content-Type") != jsonContentType {
		t.Errorf("%s %s: Content-Type %q, want %q", method, path, res.Header.Get("Content-Type"), jsonContentType)
	}
	content, _ := r["content"].(map[string]any)[mt].(map[string]any)
	if content == nil {
		t.Errorf("%s %s: status %d answered %s, which the document does not list", method, path, res.StatusCode, mt)
		return
	}
	var v any
	if magic, binary := binaryMagic[mt]; binary {
		if !bytes.HasPrefix(body, magic) {
			t.Errorf("%s %s: %s body does not start with %q", method, path, mt, magic)
		}
		v = ""
	} else if mt == "application/json" || strings.HasSuffix(mt, "+json") {
		if err := json.Unmarshal(body, &v); err != nil {
			t.Errorf("%s %s: body is not JSON: %v", method, path, err)
			return
		}
	} else {
		// A body that is not JSON is described as a string of its media
		// type; its syntax is checked here, its content by the package that
		// renders it (internal/export validates with the real validators).
		if err := checkTextBody(mt, res.Header.Get("Content-Type"), body); err != nil {
			t.Errorf("%s %s: %s body: %v", method, path, mt, err)
			return
		}
		v = string(body)
	}
	if errs := checkSchema(doc, content["schema"].(map[string]any), v, "$"); len(errs) > 0 {
		if len(errs) > 10 {
			errs = append(errs[:10], fmt.Sprintf("… and %d more", len(errs)-10))
		}
		t.Errorf("%s %s: answer %d does not match openapi.json:\n  %s", method, path, res.StatusCode, strings.Join(errs, "\n  "))
	}
}

// binaryMagic are the first bytes of the binary media types the API serves
// (an XLSX workbook is a zip archive); the packages that render them test
// their content.
var binaryMagic = map[string][]byte{
	"image/png": []byte("\x89PNG\r\n\x1a\n"),
	"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": []byte("PK\x03\x04"),
}

// checkTextBody checks a body that is not JSON: UTF-8 declared and true,
// and the syntax of its media type.
func checkTextBody(mt, contentType string, body []byte) error {
	if _, params, _ := mime.ParseMediaType(contentType); !strings.EqualFold(params["charset"], "utf-8") {
		return fmt.Errorf("Content-Type %q does not declare charset=utf-8", contentType)
	}
	if !utf8.Valid(body) {
		return fmt.Errorf("not UTF-8")
	}
	switch mt {
	case "text/calendar":
		if !bytes.HasPrefix(body, []byte("BEGIN:VCALENDAR\r\n")) || !bytes.HasSuffix(body, []byte("END:VCALENDAR\r\n")) {
			return fmt.Errorf("not a VCALENDAR with CRLF line ends")
		}
	case "text/csv":
		if !bytes.HasPrefix(body, []byte("\ufeff")) {
			return fmt.Errorf("CSV without the UTF-8 byte-order mark")
		}
		if _, err := csv.NewReader(bytes.NewReader(body)).ReadAll(); err != nil {
			var fields *csv.ParseError
			if !errors.As(err, &fields) || fields.Err != csv.ErrFieldCount {
				return fmt.Errorf("not CSV: %w", err)
			}
		}
	case "application/xml", "image/svg+xml":
		dec := xml.NewDecoder(bytes.NewReader(body))
		for {
			_, err := dec.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				return fmt.Errorf("not well-formed XML: %w", err)
			}
		}
	default:
		return fmt.Errorf("no check for media type %s", mt)
	}
	return nil
}

// resolve follows a local $ref ("#/components/…").
func resolve(doc map[string]any, s map[string]any) map[string]any {
	for {
		ref, ok := s["$ref"].(string)
		if !ok {
			return s
		}
		var cur any = doc
		for _, p := range strings.Split(strings.TrimPrefix(ref, "#/"), "/") {
			cur = cur.(map[string]any)[p]
		}
		next, ok := cur.(map[string]any)
		if !ok {
			panic("unresolvable $ref " + ref)
		}
		s = next
	}
}

func jsonType(v any) string {
	switch v := v.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case float64:
		if v == math.Trunc(v) {
			return "integer"
		}
		return "number"
	case string:
		return "string"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	}
	return fmt.Sprintf("%T", v)
}

// checkSchema validates v against the subset of JSON Schema 2020-12 that
// openapi.json uses: $ref, oneOf, type, enum, format (date, date-time),
// properties, required, additionalProperties, items, minLength, maxLength.
func checkSchema(doc, s map[string]any, v any, at string) []string {
	s = resolve(doc, s)
	var errs []string
	if alts, ok := s["oneOf"].([]any); ok {
		n := 0
		for _, a := range alts {
			if len(checkSchema(doc, a.(map[string]any), v, at)) == 0 {
				n++
			}
		}
		if n != 1 {
			errs = append(errs, fmt.Sprintf("%s: matches %d of the oneOf alternatives, want 1 (value %v)", at, n, v))
		}
	}
	if ty, ok := s["type"]; ok {
		var types []string
		switch ty := ty.(type) {
		case string:
			types = []string{ty}
		case []any:
			for _, x := range ty {
				types = append(types, x.(string))
			}
		}
		got := jsonType(v)
		if !slices.Contains(types, got) && !(got == "integer" && slices.Contains(types, "number")) {
			return append(errs, fmt.Sprintf("%s: type %s, want %v", at, got, types))
		}
	}
	if enum, ok := s["enum"].([]any); ok && !slices.ContainsFunc(enum, func(e any) bool { return reflect.DeepEqual(e, v) }) {
		errs = append(errs, fmt.Sprintf("%s: %v is not one of %v", at, v, enum))
	}
	switch v := v.(type) {
	case string:
		switch s["format"] {
		case "date-time":
			tm, err := time.Parse(time.RFC3339, v)
			if err != nil || tm.Format(time.RFC3339) != v {
				errs = append(errs, fmt.Sprintf("%s: %q is not RFC 3339", at, v))
			}
		case "date":
			if _, err := time.Parse(time.DateOnly, v); err != nil {
				errs = append(errs, fmt.Sprintf("%s: %q is not a date", at, v))
			}
		}
		if m, ok := s["maxLength"].(float64); ok && float64(len([]rune(v))) > m {
			errs = append(errs, fmt.Sprintf("%s: longer than %v", at, m))
		}
		if m, ok := s["minLength"].(float64); ok && float64(len([]rune(v))) < m {
			errs = append(errs, fmt.Sprintf("%s: shorter than %v", at, m))
		}
	case []any:
		if items, ok := s["items"].(map[string]any); ok {
			for i, x := range v {
				errs = append(errs, checkSchema(doc, items, x, fmt.Sprintf("%s[%d]", at, i))...)
			}
		}
	case map[string]any:
		props, _ := s["properties"].(map[string]any)
		for _, r := range anyStrings(s["required"]) {
			if _, ok := v[r]; !ok {
				errs = append(errs, fmt.Sprintf("%s: missing required member %q", at, r))
			}
		}
		for k, x := range v {
			if ps, ok := props[k]; ok {
				errs = append(errs, checkSchema(doc, ps.(map[string]any), x, at+"."+k)...)
				continue
			}
			switch ap := s["additionalProperties"].(type) {
			case bool:
				if !ap {
					errs = append(errs, fmt.Sprintf("%s: member %q is not in the schema", at, k))
				}
			case map[string]any:
				errs = append(errs, checkSchema(doc, ap, x, at+"."+k)...)
			}
		}
	}
	return errs
}

func anyStrings(v any) []string {
	var out []string
	xs, _ := v.([]any)
	for _, x := range xs {
		out = append(out, x.(string))
	}
	return out
}

// everyPathOK requests every path of the document with real values and
// expects 200 (checked against the schema by call).
func everyPathOK(t *testing.T, h http.Handler, values map[string]string) {
	t.Helper()
	doc := apiDoc(t)
	for tmpl, item := range doc["paths"].(map[string]any) {
		for method, op := range item.(map[string]any) {
			_, secured := op.(map[string]any)["security"]
			if method != "get" || secured || slices.ContainsFunc(anyStrings(op.(map[string]any)["tags"]), func(tag string) bool { return tag == "registration" || tag == "fair" }) {
				continue // writes, tokens, secret URLs and fairs: registration_test.go, fair_test.go and the app tests send them
			}
			path := tmpl
			q := url.Values{}
			params, _ := op.(map[string]any)["parameters"].([]any)
			for _, p := range params {
				p := resolve(doc, p.(map[string]any))
				name := p["name"].(string)
				switch p["in"] {
				case "path":
					v, ok := values[name]
					if !ok {
						t.Fatalf("%s: no sample value for path parameter %s", tmpl, name)
					}
					path = strings.ReplaceAll(path, "{"+name+"}", url.PathEscape(v))
				case "query":
					if p["required"] == true {
						v, ok := values[name]
						if !ok {
							t.Fatalf("%s: no sample value for query parameter %s", tmpl, name)
						}
						q.Set(name, v)
					}
				}
			}
			if len(q) > 0 {
				path += "?" + q.Encode()
			}
			res, body := call(t, h, strings.ToUpper(method), path, nil)
			if res.StatusCode != http.StatusOK {
				t.Errorf("%s %s: status %d: %s", strings.ToUpper(method), path, res.StatusCode, body)
			}
		}
	}
}
