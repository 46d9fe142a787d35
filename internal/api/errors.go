package api

import (
	"encoding/json"
	"fmt"
	"net/http"

	"convene/internal/program"
)

// statusOf is the one table that maps an error code to an HTTP status.
// Anything not in it is a 500.
var statusOf = map[program.Code]int{
	program.CodeInvalid:  http.StatusBadRequest,
	program.CodeNotFound: http.StatusNotFound,
	program.CodeConflict: http.StatusConflict,
	program.CodeInternal: http.StatusInternalServerError,

	program.CodeUnauthorized: http.StatusUnauthorized,
	program.CodeForbidden:    http.StatusForbidden,
	program.CodeGone:         http.StatusGone,
	program.CodeTooMany:      http.StatusTooManyRequests,
}

// Codes of problems that do not come from the domain.
const (
	codeNotFoundRoute    = "not_found"
	codeMethodNotAllowed = "method_not_allowed"
)

// problem is an RFC 9457 problem details object with three extension
// members: code (a program.Code or one of the codes above), field (the
// parameter at fault, when there is one) and errors (every field at fault,
// when a form had several).
type problem struct {
	Type   string               `json:"type"`
	Title  string               `json:"title"`
	Status int                  `json:"status"`
	Detail string               `json:"detail"`
	Code   string               `json:"code"`
	Field  string               `json:"field,omitempty"`
	Errors []program.FieldError `json:"errors,omitempty"` // every field at fault, when several are
}

const problemContentType = "application/problem+json"

// fail answers a request with the problem err describes. Coded errors show
// their safe message; anything else, and every internal error, is logged
// with its detail and answered with a generic 500.
func (s *server) fail(w http.ResponseWriter, r *http.Request, err error) {
	p := problem{Type: "about:blank", Code: string(program.CodeInternal)}
	safe := program.SafeError(err)
	status := http.StatusInternalServerError
	if safe != nil {
		if st, ok := statusOf[safe.Code]; ok {
			status = st
		}
	}
	if status == http.StatusInternalServerError || safe == nil {
		status = http.StatusInternalServerError
		s.log.ErrorContext(r.Context(), "api: internal error", "method", r.Method, "path", r.URL.Path, "err", err)
		p.Detail = "An internal error occurred; it has been logged."
	} else {
		p.Code = string(safe.Code)
		p.Field = safe.Field
		p.Errors = safe.Fields
		p.Detail = safe.Message
	}
	if status == http.StatusUnauthorized {
		w.Header().Set("WWW-Authenticate", `Bearer realm="convene"`)
	}
	p.Status = status
	p.Title = http.StatusText(status)
	writeProblem(w, p)
}

func writeProblem(w http.ResponseWriter, p problem) {
	body, err := json.Marshal(p)
	if err != nil { // cannot happen for a struct of strings and an int
		body = []byte(`{"type":"about:blank","title":"Internal Server Error","status":500,"detail":"encoding failed","code":"internal"}`)
		p.Status = http.StatusInternalServerError
	}
	body = append(body, '\n')
	h := w.Header()
	h.Set("Content-Type", problemContentType)
	h.Del("ETag")
	h.Del("Last-Modified")
	w.WriteHeader(p.Status)
	_, _ = w.Write(body)
}

// notFound answers any /api path that no route matches.
func notFound(w http.ResponseWriter, r *http.Request) {
	writeProblem(w, problem{
		Type: "about:blank", Title: http.StatusText(http.StatusNotFound), Status: http.StatusNotFound,
		Detail: "no API resource at this path", Code: codeNotFoundRoute,
	})
}

// methodNotAllowed answers a known path requested with a method it does not serve.
func methodNotAllowed(allow string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Allow", allow)
		writeProblem(w, problem{
			Type: "about:blank", Title: http.StatusText(http.StatusMethodNotAllowed), Status: http.StatusMethodNotAllowed,
			Detail: fmt.Sprintf("method %s is not allowed here; allowed: %s", r.Method, allow), Code: codeMethodNotAllowed,
		})
	}
}

// recoverPanic turns a panic in a handler into a logged 500.
func (s *server) recoverPanic(w http.ResponseWriter, r *http.Request) {
	v := recover()
	if v == nil {
		return
	}
	if v == http.ErrAbortHandler {
		panic(v)
	}
	err, ok := v.(error)
	if !ok {
		err = fmt.Errorf("%v", v)
	}
	s.fail(w, r, fmt.Errorf("panic: %w", err))
}

// errInternal wraps an unexpected condition so it is logged and answered with a 500.
func errInternal(format string, args ...any) error {
	return &program.Error{Code: program.CodeInternal, Message: "internal error", Err: fmt.Errorf(format, args...)}
}

// errNotFound is a 404 naming the path parameter that matched nothing.
func errNotFound(field, format string, args ...any) error {
	return &program.Error{Code: program.CodeNotFound, Field: field, Message: fmt.Sprintf(format, args...)}
}
