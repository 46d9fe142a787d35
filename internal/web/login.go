package web

import (
	"context"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"convene/internal/accounts"
	"convene/internal/program"
)

// Accounts: the secretariat, editors, gate staff and press sign in with an
// email and a password on /{lang}/login. The session is global (not per
// edition) and kept in the convene_session cookie. A signed-in admin counts
// as the secretariat of every edition and a check-in user as gate staff of
// every edition (see staff in checkin.go); the staff tokens keep working.
//
// Per-user data (the header's account block) is rendered only into pages
// that are never cached: the user is resolved by withUser, which live and
// the login pages use and inEdition does not, and page() reads it from the
// request's context.

// sessionCookie holds the session token of the signed-in user.
const sessionCookie = "convene_session"

// retryAfter is the Retry-After of a refused sign-in: the window of the
// accounts' sign-in limit, a quarter of an hour.
const retryAfter = "900"

// userKey is the context key of the signed-in user resolved by withUser.
type userKey struct{}

// loginView is the sign-in form.
type loginView struct {
	Page
	Action    string
	Next      string
	Email     string
	Error     string
	ResetDone bool // arrived from setting a new password
}

// AccountNav is the header's account block: who is signed in and the
// sign-out form.
type AccountNav struct {
	Name, Email, LogoutURL string
}

// errUserRole refuses a signed-in user whose role gives no access to the
// staff pages (editors, press).
var errUserRole = program.Errorf(program.CodeForbidden, "this account's role gives no access to the staff pages")

// sessionUser returns the user of the session cookie: nil without a cookie
// or with one of no (or an ended) session.
func (s *site) sessionUser(r *http.Request) (*accounts.User, error) {
	if s.acc == nil {
		return nil, nil
	}
	if u, ok := r.Context().Value(userKey{}).(*accounts.User); ok {
		return u, nil // resolved by withUser (nil: nobody)
	}
	c, err := r.Cookie(sessionCookie)
	if err != nil || c.Value == "" {
		return nil, nil
	}
	u, err := s.acc.SessionUser(r.Context(), c.Value)
	if program.ErrorCode(err) == program.CodeUnauthorized {
		return nil, nil
	}
	return u, err
}

// withUser resolves the signed-in user once and keeps it in the request's
// context for page() and staff(). Only handlers whose pages are never
// cached may run under it; the response is marked private.
func (s *site) withUser(w http.ResponseWriter, r *http.Request) (*http.Request, error) {
	if s.acc == nil {
		return r, nil
	}
	u, err := s.sessionUser(r)
	if err != nil {
		return r, err
	}
	if u != nil {
		w.Header().Set("Cache-Control", "private, no-store")
	}
	w.Header().Add("Vary", "Cookie")
	return r.WithContext(context.WithValue(r.Context(), userKey{}, u)), nil
}

// inLangUser is inLang for pages that show the signed-in user.
func (s *site) inLangUser(h func(http.ResponseWriter, *http.Request, string)) http.HandlerFunc {
	return s.inLang(func(w http.ResponseWriter, r *http.Request, lang string) {
		r, err := s.withUser(w, r)
		if err != nil {
			s.fail(w, r, lang, nil, err)
			return
		}
		h(w, r, lang)
	})
}

// accountNav is the header's account block of a page: the user resolved by
// withUser, else nil (always nil on cached pages).
func (s *site) accountNav(r *http.Request, lang string) *AccountNav {
	u, _ := r.Context().Value(userKey{}).(*accounts.User)
	if u == nil {
		return nil
	}
	return &AccountNav{Name: u.Name, Email: u.Email, LogoutURL: logoutURL(lang)}
}

func loginURL(lang, next string) string {
	u := "/" + lang + "/login"
	if next != "" {
		u += "?next=" + url.QueryEscape(next)
	}
	return u
}

func logoutURL(lang string) string { return "/" + lang + "/logout" }

// localNext returns next when it is a path on this site, else the default:
// only a path starting with one "/" (not "//", which browsers read as
// another host, nor "/\", which some read the same way), with no scheme,
// host or control characters. This keeps the login page from being an open
// redirect.
func localNext(lang, next string) string {
	def := "/" + lang + "/"
	if next == "" || len(next) > 2000 || !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") ||
		strings.ContainsAny(next, "\\") {
		return def
	}
	for _, c := range next {
		if c < 0x20 || c == 0x7f {
			return def
		}
	}
	u, err := url.Parse(next)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil || !strings.HasPrefix(u.Path, "/") {
		return def
	}
	return next
}

// clientAddress is the caller's address for the sign-in limit: the host
// part of the connection's remote address. X-Forwarded-For is not trusted
// on purpose: any client can write it, and so escape the per-address limit
// or lock others out by naming their address.
func clientAddress(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

func (s *site) loginView(r *http.Request, lang, next string) loginView {
	v := loginView{
		Page:   s.page(r, lang, T(lang, "login.title"), "login", nil),
		Action: "/" + lang + "/login",
		Next:   localNext(lang, next),
	}
	v.LoginURL = "" // no link to the page itself
	return v
}

// GET /{lang}/login
func (s *site) loginForm(w http.ResponseWriter, r *http.Request, lang string) {
	w.Header().Set("Cache-Control", "private, no-store")
	v := s.loginView(r, lang, r.URL.Query().Get("next"))
	v.ResetDone = r.URL.Query().Get("reset") == "done"
	s.render(w, r, http.StatusOK, "login", v)
}

// POST /{lang}/login
func (s *site) login(w http.ResponseWriter, r *http.Request, lang string) {
	w.Header().Set("Cache-Control", "private, no-store")
	if !s.parseLangForm(w, r, lang) {
		return
	}
	next := r.PostFormValue("next")
	if next == "" {
		next = r.URL.Query().Get("next")
	}
	email := strings.TrimSpace(r.PostFormValue("email"))
	_, token, err := s.acc.SignIn(r.Context(), email, r.PostFormValue("password"), clientAddress(r))
	if err != nil {
		var status int
		var msg string
		switch program.ErrorCode(err) {
		case program.CodeUnauthorized:
			status, msg = http.StatusUnauthorized, T(lang, "login.bad")
		case program.CodeTooMany:
			w.Header().Set("Retry-After", retryAfter)
			status, msg = http.StatusTooManyRequests, T(lang, "login.too_many")
		default:
			s.fail(w, r, lang, nil, err)
			return
		}
		v := s.loginView(r, lang, next)
		v.Email, v.Error = shorten(email, 300), msg
		s.render(w, r, status, "login", v)
		return
	}
	http.SetCookie(w, &http.Cookie{
		Name: sessionCookie, Value: token, Path: "/",
		MaxAge:   int(accounts.SessionLength / time.Second),
		HttpOnly: true, Secure: s.secure(r),
		SameSite: http.SameSiteLaxMode,
	})
	http.Redirect(w, r, localNext(lang, next), http.StatusSeeOther)
}

// POST /{lang}/logout
func (s *site) logout(w http.ResponseWriter, r *http.Request, lang string) {
	w.Header().Set("Cache-Control", "private, no-store")
	if !s.parseLangForm(w, r, lang) {
		return
	}
	if c, err := r.Cookie(sessionCookie); err == nil && c.Value != "" {
		if err := s.acc.SignOut(r.Context(), c.Value); err != nil && program.ErrorCode(err) != program.CodeNotFound {
			s.fail(w, r, lang, nil, err)
			return
		}
	}
	http.SetCookie(w, &http.Cookie{
		Name: sessionCookie, Value: "", Path: "/", MaxAge: -1,
		HttpOnly: true, Secure: s.secure(r), SameSite: http.SameSiteLaxMode,
	})
	http.Redirect(w, r, "/"+lang+"/", http.StatusSeeOther)
}

// parseLangForm is parseForm for pages outside an edition.
func (s *site) parseLangForm(w http.ResponseWriter, r *http.Request, lang string) bool {
	return s.parseForm(w, r, req{lang: lang})
}
