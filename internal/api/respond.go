package api

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"convene/internal/httpx"
	"convene/internal/program"
)

const jsonContentType = "application/json; charset=utf-8"

var bufPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// render encodes v completely, for writeBody or the body cache.
func render(v any) ([]byte, error) {
	buf := bufPool.Get().(*bytes.Buffer)
	buf.Reset()
	defer bufPool.Put(buf)
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, errInternal("encode %T: %w", v, err)
	}
	return bytes.Clone(buf.Bytes()), nil
}

// writeBody answers with a rendered JSON body.
func writeBody(w http.ResponseWriter, status int, body []byte) {
	w.Header().Set("Content-Type", jsonContentType)
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

// serveStamped answers a GET whose body is determined by key (built from the
// catalogue's stamp and the request's parameters): 304 when If-None-Match
// names the key's ETag, else the cached body, else build()'s value rendered
// once and kept.
func (s *server) serveStamped(w http.ResponseWriter, r *http.Request, key string, build func() any) error {
	if httpx.NotModified(w, r, httpx.ETag(key)) {
		return nil
	}
	if body, ok := s.bodies.Get(key); ok {
		writeBody(w, http.StatusOK, body)
		return nil
	}
	body, err := render(build())
	if err != nil {
		return err
	}
	s.bodies.Put(key, body)
	writeBody(w, http.StatusOK, body)
	return nil
}

// writeJSON answers with v as JSON. The whole body is encoded into a buffer
// first, so an encoding error returns an internal error (a 500) before
// anything is written, never half a body.
func writeJSON(w http.ResponseWriter, status int, v any) error {
	buf := bufPool.Get().(*bytes.Buffer)
	buf.Reset()
	defer bufPool.Put(buf)
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return errInternal("encode %T: %w", v, err)
	}
	w.Header().Set("Content-Type", jsonContentType)
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
	return nil
}

// query parses the raw query string itself rather than through
// URL.Query, which silently drops malformed pairs: a bad escape is a 400
// naming the parameter. Every value is then checked with program.CheckParam
// (valid UTF-8, bounded length).
func query(r *http.Request) (url.Values, error) {
	vals := url.Values{}
	raw := r.URL.RawQuery
	for raw != "" {
		var pair string
		pair, raw, _ = strings.Cut(raw, "&")
		if pair == "" {
			continue
		}
		k, v, _ := strings.Cut(pair, "=")
		key, err := url.QueryUnescape(k)
		if err != nil {
			return nil, program.Invalidf("query", "malformed parameter name %q", k)
		}
		if err := program.CheckParam("query", key); err != nil {
			return nil, err
		}
		val, err := url.QueryUnescape(v)
		if err != nil {
			return nil, program.Invalidf(key, "malformed percent-encoding")
		}
		if err := program.CheckParam(key, val); err != nil {
			return nil, err
		}
		vals[key] = append(vals[key], val)
	}
	return vals, nil
}

// required returns the value of a required query parameter.
func required(q url.Values, name string) (string, error) {
	v := q.Get(name)
	if strings.TrimSpace(v) == "" {
		return "", program.Invalidf(name, "parameter %s is required", name)
	}
	return v, nil
}

// pathParam returns a path parameter after the same checks as a query parameter.
func pathParam(r *http.Request, name string) (string, error) {
	v := r.PathValue(name)
	if v == "" {
		return "", program.Invalidf(name, "parameter %s is required", name)
	}
	if err := program.CheckParam(name, v); err != nil {
		return "", err
	}
	return v, nil
}

// apiRevision is part of every ETag, so a change of the representation made
// by a new release of this package invalidates what clients cached.
const apiRevision = "1"

// versionKey joins the parts that determine a response into one string:
// the key of the body cache, and (hashed) the ETag.
func versionKey(parts ...any) string {
	var b strings.Builder
	b.WriteString(apiRevision)
	for _, p := range parts {
		fmt.Fprintf(&b, "\x00%v", p)
	}
	return b.String()
}

// jsTime is an instant shown in the edition's zone as RFC 3339, or null
// when unset (an activity not yet placed).
type jsTime time.Time

func (t jsTime) MarshalJSON() ([]byte, error) {
	tt := time.Time(t)
	if tt.IsZero() {
		return []byte("null"), nil
	}
	b := make([]byte, 0, len(time.RFC3339)+8)
	b = append(b, '"')
	b = tt.AppendFormat(b, time.RFC3339)
	return append(b, '"'), nil
}

// optString is a string shown as null when empty.
type optString string

func (s optString) MarshalJSON() ([]byte, error) {
	if s == "" {
		return []byte("null"), nil
	}
	return json.Marshal(string(s))
}
