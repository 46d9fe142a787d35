package web

import (
	"net/http"
	"strconv"
	"strings"
	"unicode/utf8"

	"convene/internal/program"
)

// statusOf maps the program's error codes to HTTP statuses: the one table.
var statusOf = map[program.Code]int{
	program.CodeNotFound: http.StatusNotFound,
	program.CodeInvalid:  http.StatusBadRequest,
	program.CodeConflict: http.StatusConflict,
	// Registration: a missing or unknown token, a token without the right,
	// a withdrawn registration.
	program.CodeUnauthorized: http.StatusUnauthorized,
	program.CodeForbidden:    http.StatusForbidden,
	program.CodeGone:         http.StatusGone,
}

// errorView is the error page.
type errorView struct {
	Page
	Status  int
	Heading string
	Message string // a safe sentence, in the page language
	// For a bad parameter: its name, the (shortened) value and the problem.
	Param, Value, Problem string
	HomeURL               string
	Next                  *Link // a way on besides the home page, if any
}

// fail shows err as an error page. ed is the edition the page belongs to, or
// nil. Not-found and invalid-input errors show what went wrong; anything else
// is logged and shown as an internal error with a safe message.
func (s *site) fail(w http.ResponseWriter, r *http.Request, lang string, ed *program.Edition, err error) {
	code := program.ErrorCode(err)
	status, ok := statusOf[code]
	if !ok {
		status = http.StatusInternalServerError
	}
	switch status {
	case http.StatusNotFound:
		s.errorPage(w, r, lang, ed, status, T(lang, "error.notfound"), "", "")
	case http.StatusBadRequest:
		field := ""
		if e := program.SafeError(err); e != nil {
			field = e.Field
		}
		s.badParam(w, r, lang, ed, field)
	case http.StatusConflict:
		s.errorPage(w, r, lang, ed, status, T(lang, "error.invalid"), "", "")
	case http.StatusUnauthorized:
		s.errorPage(w, r, lang, ed, status, T(lang, "error.unauthorized"), "", "")
	case http.StatusForbidden:
		s.errorPage(w, r, lang, ed, status, T(lang, "error.forbidden"), "", "")
	case http.StatusGone:
		s.errorPage(w, r, lang, ed, status, T(lang, "error.gone"), "", "")
	default:
		s.log.ErrorContext(r.Context(), "web: request failed", "path", r.URL.Path, "err", err)
		s.errorPage(w, r, lang, ed, status, T(lang, "error.internal"), "", "")
	}
}

// badParam shows a 400 page naming the parameter at fault and its value.
func (s *site) badParam(w http.ResponseWriter, r *http.Request, lang string, ed *program.Edition, field string) {
	if field == "" {
		s.errorPage(w, r, lang, ed, http.StatusBadRequest, T(lang, "error.invalid"), "", "")
		return
	}
	v := r.URL.Query().Get(field)
	if field == "event" {
		v = r.PathValue("event")
	}
	problem := T(lang, "error.bad_value")
	switch {
	case !utf8.ValidString(v):
		problem, v = T(lang, "error.bad_utf8"), ""
	case len(v) > program.MaxQueryLen:
		problem, v = T(lang, "error.too_long"), ""
	}
	view := s.errorView(r, lang, ed, http.StatusBadRequest, "")
	view.Param, view.Value, view.Problem = field, shorten(v, 80), problem
	s.render(w, r, http.StatusBadRequest, "error", view)
}

func (s *site) errorView(r *http.Request, lang string, ed *program.Edition, status int, message string) errorView {
	// A status with a message of its own (error.404 …) is named; others get
	// the general heading.
	heading := T(lang, "error.title")
	if key := "error." + strconv.Itoa(status); hasMessage(key) {
		heading = T(lang, key)
	}
	home := "/" + lang + "/"
	if ed != nil {
		home = links{lang: lang, event: ed.Event.Slug}.home()
	}
	return errorView{
		Page:    s.page(r, lang, heading, "", ed),
		Status:  status,
		Heading: heading,
		Message: message,
		HomeURL: home,
	}
}

func (s *site) errorPage(w http.ResponseWriter, r *http.Request, lang string, ed *program.Edition, status int, message, param, value string) {
	view := s.errorView(r, lang, ed, status, message)
	view.Param, view.Value = param, value
	s.render(w, r, status, "error", view)
}

// notFound is the 404 page for any path the site map does not know.
func (s *site) notFound(w http.ResponseWriter, r *http.Request) {
	lang := langOf(r)
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		s.errorPage(w, r, lang, nil, http.StatusMethodNotAllowed, T(lang, "error.method"), "", "")
		return
	}
	s.errorPage(w, r, lang, nil, http.StatusNotFound, T(lang, "error.notfound"), "", "")
}

// internalError is the page shown when a page failed to render.
func (s *site) internalError(w http.ResponseWriter, r *http.Request, lang string) {
	s.errorPage(w, r, lang, nil, http.StatusInternalServerError, T(lang, "error.internal"), "", "")
}

// shorten cuts s to at most n runes.
func shorten(s string, n int) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n]) + "…"
}
