package web

import (
	"errors"
	"net/http"
	"time"

	"convene/internal/program"
	"convene/internal/registration"
)

// maxFormBytes bounds a posted form: the longest one, registration, is a
// few hundred bytes when filled in honestly.
const maxFormBytes = 64 << 10

// attendeeCookieAge keeps an attendee signed in through the edition and
// well after it; the personal access link signs them in again.
const attendeeCookieAge = 90 * 24 * time.Hour

// registerView is the registration form, empty or with what was typed and
// the problem with each field.
type registerView struct {
	Page
	Action  string
	Form    registration.Application
	Errors  map[string]string // field → problem, in the page language
	Kinds   []option
	Already string // the attendee's page, when this browser is registered
	Problem bool
}

func (s *site) registerForm(w http.ResponseWriter, r *http.Request, q req) {
	view := s.registerView(r, q, registration.Application{})
	a, _, err := s.attendee(r, q)
	if err != nil {
		s.fail(w, r, q.lang, q.ed, err)
		return
	}
	if a != nil {
		view.Already = q.me()
	}
	s.render(w, r, http.StatusOK, "register", view)
}

// register registers the applicant, signs them in with the attendee cookie
// and sends them to their page; bad input shows the form again with every
// field at fault and everything typed kept.
func (s *site) register(w http.ResponseWriter, r *http.Request, q req) {
	if !s.parseForm(w, r, q) {
		return
	}
	in := registration.Application{
		Name:         r.PostFormValue("name"),
		Email:        r.PostFormValue("email"),
		Phone:        r.PostFormValue("phone"),
		Organisation: r.PostFormValue("organisation"),
		Country:      r.PostFormValue("country"),
		Kind:         r.PostFormValue("kind"),
		Invitation:   r.PostFormValue("invitation"),
	}
	reg, err := s.reg.Register(r.Context(), q.ed, in)
	if err != nil {
		e := program.SafeError(err)
		if e == nil || (e.Code != program.CodeInvalid && e.Code != program.CodeConflict) {
			s.fail(w, r, q.lang, q.ed, err)
			return
		}
		view := s.registerView(r, q, in)
		view.Errors, view.Problem = fieldProblems(q.lang, e), true
		status := http.StatusBadRequest
		if e.Code == program.CodeConflict {
			status = http.StatusConflict
		}
		s.render(w, r, status, "register", view)
		return
	}
	s.setAttendeeCookie(w, r, q, reg.Token)
	http.Redirect(w, r, q.me()+"?done=registered", http.StatusSeeOther)
}

func (s *site) registerView(r *http.Request, q req, in registration.Application) registerView {
	view := registerView{
		Page:   s.page(r, q.lang, T(q.lang, "register.title"), "register", q.ed),
		Action: q.register(),
		Form:   in,
	}
	for _, k := range registration.Kinds {
		view.Kinds = append(view.Kinds, option{Value: string(k), Label: enum(q.lang, "regkind", k), Selected: string(k) == in.Kind})
	}
	return view
}

// fieldProblems says what is wrong with each field in lang. The domain
// names each problem with a stable code; a problem without one is shown
// with its English message.
func fieldProblems(lang string, e *program.Error) map[string]string {
	out := map[string]string{}
	fields := e.Fields
	if len(fields) == 0 && e.Field != "" {
		fields = []program.FieldError{{Field: e.Field, Message: e.Message}}
	}
	for _, f := range fields {
		if _, seen := out[f.Field]; seen {
			continue
		}
		key := "register.problem." + f.Problem
		switch {
		case f.Problem != "" && hasMessage(key):
			out[f.Field] = T(lang, key)
		default:
			out[f.Field] = T(lang, "register.problem.other") + T(lang, "sep.colon") + f.Message
		}
	}
	if len(out) == 0 {
		out[""] = T(lang, "error.invalid")
	}
	return out
}

func hasMessage(key string) bool {
	_, ok := messages[key]
	return ok
}

// access is the personal access link: the token in the path signs the
// attendee in on this browser.
func (s *site) access(w http.ResponseWriter, r *http.Request, q req) {
	w.Header().Set("Referrer-Policy", "no-referrer") // the URL is a secret
	token := r.PathValue("token")
	if _, err := s.reg.Attendee(r.Context(), q.ed, token); err != nil {
		if program.ErrorCode(err) != program.CodeUnauthorized {
			s.fail(w, r, q.lang, q.ed, err)
			return
		}
		view := s.errorView(r, q.lang, q.ed, http.StatusUnauthorized, T(q.lang, "access.invalid"))
		view.Next = &Link{URL: q.register(), Label: T(q.lang, "nav.register")}
		s.render(w, r, http.StatusUnauthorized, "error", view)
		return
	}
	s.setAttendeeCookie(w, r, q, token)
	http.Redirect(w, r, q.me(), http.StatusSeeOther)
}

// parseForm reads a posted form of at most maxFormBytes; on failure it has
// answered with an error page and returns false.
func (s *site) parseForm(w http.ResponseWriter, r *http.Request, q req) bool {
	r.Body = http.MaxBytesReader(w, r.Body, maxFormBytes)
	err := r.ParseForm()
	if err == nil {
		return true
	}
	status := http.StatusBadRequest
	if errors.As(err, new(*http.MaxBytesError)) {
		status = http.StatusRequestEntityTooLarge
	}
	s.errorPage(w, r, q.lang, q.ed, status, T(q.lang, "error.form"), "", "")
	return false
}

// The attendee cookie holds the bearer token of one edition's registration;
// the staff cookie the token of gate staff or the secretariat.

func attendeeCookieName(ed *program.Edition) string { return "convene_attendee_" + ed.Event.Slug }
func staffCookieName(ed *program.Edition) string    { return "convene_staff_" + ed.Event.Slug }

func (s *site) setAttendeeCookie(w http.ResponseWriter, r *http.Request, q req, token string) {
	http.SetCookie(w, &http.Cookie{
		Name: attendeeCookieName(q.ed), Value: token, Path: "/",
		MaxAge:   int(attendeeCookieAge / time.Second),
		HttpOnly: true, Secure: s.secure(r),
		SameSite: http.SameSiteLaxMode, // the link in a confirmation email must sign in
	})
}

// attendee is the attendee signed in on this browser, with their token, or
// nil when the cookie is missing or no longer valid. An error is a failure
// to find out, not a bad cookie.
func (s *site) attendee(r *http.Request, q req) (*registration.Attendee, string, error) {
	c, err := r.Cookie(attendeeCookieName(q.ed))
	if err != nil || c.Value == "" {
		return nil, "", nil
	}
	a, err := s.reg.Attendee(r.Context(), q.ed, c.Value)
	if program.ErrorCode(err) == program.CodeUnauthorized {
		return nil, "", nil
	}
	if err != nil {
		return nil, "", err
	}
	return a, c.Value, nil
}
