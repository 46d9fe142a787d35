package web

import (
	"net/http"
	"net/url"

	"convene/internal/accounts"
	"convene/internal/program"
)

// Password reset by a one-time link sent by mail (accounts.RequestReset):
// /{lang}/reset asks for the email and answers the same whether or not an
// account has it; the mailed link /{lang}/password?token=… sets the new
// password (a query, not a path segment: /{lang}/{x}/{y} are edition pages).

type resetView struct {
	Page
	Action  string
	Email   string
	Sent    bool   // the request form was sent
	Problem string // why the new password was refused
	BadLink bool   // the link is unknown, used or expired
}

func (s *site) resetView(r *http.Request, lang, action string) resetView {
	return resetView{Page: s.page(r, lang, T(lang, "reset.title"), "login", nil), Action: action}
}

// GET /{lang}/reset
func (s *site) resetForm(w http.ResponseWriter, r *http.Request, lang string) {
	w.Header().Set("Cache-Control", "private, no-store")
	s.render(w, r, http.StatusOK, "reset", s.resetView(r, lang, "/"+lang+"/reset"))
}

// POST /{lang}/reset
func (s *site) requestReset(w http.ResponseWriter, r *http.Request, lang string) {
	w.Header().Set("Cache-Control", "private, no-store")
	if !s.parseLangForm(w, r, lang) {
		return
	}
	link := func(token string) string {
		return s.origin(r) + "/" + lang + "/password?token=" + url.QueryEscape(token)
	}
	email := r.PostFormValue("email")
	if err := s.acc.RequestReset(r.Context(), email, s.mail, link); err != nil {
		s.fail(w, r, lang, nil, err)
		return
	}
	v := s.resetView(r, lang, "/"+lang+"/reset")
	v.Sent, v.Email = true, shorten(email, 300)
	s.render(w, r, http.StatusOK, "reset", v)
}

// passwordAction is where the new-password form posts: the link's URL,
// token included.
func passwordAction(lang, token string) string {
	return "/" + lang + "/password?token=" + url.QueryEscape(token)
}

// GET /{lang}/password?token=
func (s *site) newPasswordForm(w http.ResponseWriter, r *http.Request, lang string) {
	w.Header().Set("Cache-Control", "private, no-store")
	w.Header().Set("Referrer-Policy", "no-referrer") // the URL is a secret
	s.render(w, r, http.StatusOK, "reset", s.resetView(r, lang, passwordAction(lang, r.URL.Query().Get("token"))))
}

// POST /{lang}/password?token=
func (s *site) setPassword(w http.ResponseWriter, r *http.Request, lang string) {
	w.Header().Set("Cache-Control", "private, no-store")
	w.Header().Set("Referrer-Policy", "no-referrer")
	if !s.parseLangForm(w, r, lang) {
		return
	}
	token := r.URL.Query().Get("token")
	v := s.resetView(r, lang, passwordAction(lang, token))
	password := r.PostFormValue("password")
	if password != r.PostFormValue("again") {
		v.Problem = T(lang, "reset.mismatch")
		s.render(w, r, http.StatusBadRequest, "reset", v)
		return
	}
	err := s.acc.ResetPassword(r.Context(), token, password)
	switch e := program.SafeError(err); {
	case err == nil:
		http.Redirect(w, r, "/"+lang+"/login?reset=done", http.StatusSeeOther)
	case err == accounts.ErrResetLink:
		v.BadLink = true
		s.render(w, r, http.StatusNotFound, "reset", v)
	case e != nil && e.Code == program.CodeInvalid:
		v.Problem = T(lang, "reset.short")
		s.render(w, r, http.StatusBadRequest, "reset", v)
	default:
		s.fail(w, r, lang, nil, err)
	}
}
