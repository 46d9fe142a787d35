package web

import (
	"net/http"
	"strings"

	"convene/internal/program"
	"convene/internal/registration"
)

// The gate: staff sign in once with a staff token pasted into a form, then
// type or scan ticket codes. A hardware scanner types the code and Enter, so
// the page needs no script. (A camera scanner through BarcodeDetector would
// need a script; the site's Content-Security-Policy allows none inline, and
// pages work without JavaScript, so there is none.)

// checkinView is the check-in page: the sign-in form, or the code form with
// the outcome of the last code.
type checkinView struct {
	Page
	SignedIn              bool
	Staff, Role           string
	Action                string
	SigninURL, SignoutURL string
	AdminURL              string // set for the secretariat
	LoginURL              string // the account sign-in, when the site has accounts
	Activities            []option
	Result                *checkinResult
	Error                 string
}

// checkinResult is the outcome shown large: Tone is ok, warn or bad.
type checkinResult struct {
	Tone, Heading            string
	Name, Kind, Organisation string
	Detail                   string
}

// staff is who may act as need on this edition's staff pages: the holder of
// the staff cookie, or else the signed-in user (an admin counts as the
// secretariat of every edition, a check-in user as gate staff of every
// edition; see registration.UserStaff). Nobody signed in yields nil and no error; a known
// token or user without the right yields the forbidden error (errUserRole
// for a user whose role gives no access at all).
func (s *site) staff(r *http.Request, q req, need registration.Role) (*registration.Staff, error) {
	st, err := s.tokenStaff(r, q, need)
	if st != nil || (err != nil && program.ErrorCode(err) != program.CodeForbidden) {
		return st, err
	}
	u, uerr := s.sessionUser(r)
	if uerr != nil {
		return nil, uerr
	}
	if u == nil {
		return nil, err
	}
	us, ok := registration.UserStaff(q.ed.Event.ID, string(u.Role), u.Email)
	if !ok {
		return nil, errUserRole
	}
	if !us.Can(need) {
		return nil, program.Errorf(program.CodeForbidden, "a %s account cannot do this; it needs the role %s", u.Role, need)
	}
	return us, nil
}

// tokenStaff is the holder of the staff cookie if it may act as need. A
// missing or unknown token yields nil and no error; a known token without
// the right yields the forbidden error.
func (s *site) tokenStaff(r *http.Request, q req, need registration.Role) (*registration.Staff, error) {
	c, err := r.Cookie(staffCookieName(q.ed))
	if err != nil || c.Value == "" {
		return nil, nil
	}
	st, err := s.reg.Staff(r.Context(), q.ed, c.Value, need)
	if program.ErrorCode(err) == program.CodeUnauthorized {
		return nil, nil
	}
	return st, err
}

func (s *site) checkinForm(w http.ResponseWriter, r *http.Request, q req) {
	st, err := s.staff(r, q, registration.RoleCheckin)
	if err == errUserRole || (err != nil && program.ErrorCode(err) != program.CodeForbidden) {
		s.fail(w, r, q.lang, q.ed, err) // editors and press: 403
		return
	}
	s.render(w, r, http.StatusOK, "checkin", s.checkinView(r, q, st, r.URL.Query().Get("activity")))
}

func (s *site) checkinView(r *http.Request, q req, st *registration.Staff, activity string) checkinView {
	view := checkinView{
		Page:       s.page(r, q.lang, T(q.lang, "checkin.title"), "", q.ed),
		Action:     q.checkin(),
		SigninURL:  q.checkin() + "/signin",
		SignoutURL: q.checkin() + "/signout",
	}
	if st == nil {
		if s.acc != nil {
			view.LoginURL = loginURL(q.lang, q.checkin())
		}
		return view
	}
	if st.TokenID == "" { // a signed-in user: signing out ends the session
		view.SignoutURL = logoutURL(q.lang)
	}
	view.SignedIn, view.Staff, view.Role = true, st.Label, T(q.lang, "staffrole."+string(st.Role))
	if st.Can(registration.RoleAdmin) {
		view.AdminURL = q.adminSeats()
	}
	view.Activities = append(view.Activities, option{Value: "", Label: T(q.lang, "checkin.gate"), Selected: activity == ""})
	for _, a := range q.ed.Activities {
		if registration.OpenForSignup(q.ed, a) != nil {
			continue
		}
		label := a.Title.In(q.lang)
		if !a.StartsAt.IsZero() {
			label = fmtDate(q.lang, q.ed.Day(a)) + " " + fmtSpan(q.ed, a) + " · " + label
		}
		view.Activities = append(view.Activities, option{Value: a.Slug, Label: label, Selected: a.Slug == activity})
	}
	return view
}

// staffSignIn checks the pasted token and keeps it in a cookie for this
// edition's pages; the role is checked again on every page.
func (s *site) staffSignIn(w http.ResponseWriter, r *http.Request, q req) {
	if !s.parseForm(w, r, q) {
		return
	}
	token := strings.TrimSpace(r.PostFormValue("token"))
	if _, err := s.reg.Staff(r.Context(), q.ed, token, registration.RoleCheckin); err != nil {
		code := program.ErrorCode(err)
		if code != program.CodeUnauthorized && code != program.CodeForbidden {
			s.fail(w, r, q.lang, q.ed, err)
			return
		}
		view := s.checkinView(r, q, nil, "")
		view.Error = T(q.lang, "checkin.bad_token")
		s.render(w, r, statusOf[code], "checkin", view)
		return
	}
	s.setStaffCookie(w, r, q, token, 0)
	http.Redirect(w, r, q.checkin(), http.StatusSeeOther)
}

func (s *site) staffSignOut(w http.ResponseWriter, r *http.Request, q req) {
	if !s.parseForm(w, r, q) {
		return
	}
	s.setStaffCookie(w, r, q, "", -1)
	http.Redirect(w, r, q.checkin(), http.StatusSeeOther)
}

// setStaffCookie sets the staff token for the session (maxAge 0) or clears
// it (maxAge -1). SameSite Strict: nothing another site links to may act
// as gate staff.
func (s *site) setStaffCookie(w http.ResponseWriter, r *http.Request, q req, token string, maxAge int) {
	http.SetCookie(w, &http.Cookie{
		Name: staffCookieName(q.ed), Value: token, Path: "/", MaxAge: maxAge,
		HttpOnly: true, Secure: s.secure(r), SameSite: http.SameSiteStrictMode,
	})
}

// checkIn admits the holder of the code typed or scanned at the gate or at
// the activity chosen, and shows the outcome with the form ready for the
// next code.
func (s *site) checkIn(w http.ResponseWriter, r *http.Request, q req) {
	if !s.parseForm(w, r, q) {
		return
	}
	st, err := s.staff(r, q, registration.RoleCheckin)
	if err == errUserRole || (err != nil && program.ErrorCode(err) != program.CodeForbidden) {
		s.fail(w, r, q.lang, q.ed, err)
		return
	}
	if st == nil {
		http.Redirect(w, r, q.checkin(), http.StatusSeeOther)
		return
	}
	slug := r.PostFormValue("activity")
	var act *program.Activity
	if slug != "" {
		a, ok := q.ed.Activity(slug)
		if !ok || registration.OpenForSignup(q.ed, a) != nil {
			s.fail(w, r, q.lang, q.ed, program.Invalidf("activity", "no activity %q takes sign-ups", slug))
			return
		}
		act = a
	}
	view := s.checkinView(r, q, st, slug)
	code := r.PostFormValue("code")
	if strings.TrimSpace(code) == "" {
		view.Error = T(q.lang, "checkin.no_code")
		s.render(w, r, http.StatusBadRequest, "checkin", view)
		return
	}
	res, err := s.reg.CheckIn(r.Context(), q.ed, st, code, act)
	if err != nil {
		s.fail(w, r, q.lang, q.ed, err)
		return
	}
	view.Result = checkinOutcome(q, res, act)
	s.render(w, r, http.StatusOK, "checkin", view)
}

// checkinOutcome says what the gate does with the holder: green for in,
// amber for already in, red for turned away.
func checkinOutcome(q req, res *registration.CheckinResult, act *program.Activity) *checkinResult {
	lang := q.lang
	out := &checkinResult{Tone: "bad", Heading: T(lang, "outcome."+string(res.Outcome))}
	if a := res.Attendee; a != nil {
		out.Name, out.Kind, out.Organisation = a.Name, enum(lang, "regkind", a.Kind), a.Organisation
	}
	switch res.Outcome {
	case registration.Admitted:
		out.Tone = "ok"
	case registration.AlreadyIn:
		out.Tone = "warn"
		if c := res.Checkin; c != nil {
			out.Detail = Tf(lang, "outcome.already_detail", fmtWhen(lang, q.ed.Local(c.At)), c.Staff)
		}
	case registration.NotRegistered:
		if act != nil {
			out.Detail = Tf(lang, "outcome.not_registered_detail", act.Title.In(lang))
		}
	case registration.RevokedTicket:
		if res.Revoked != nil {
			out.Detail = Tf(lang, "outcome.revoked_detail", fmtWhen(lang, q.ed.Local(*res.Revoked)))
		}
	case registration.UnknownTicket:
		out.Detail = T(lang, "outcome.unknown_detail")
	}
	return out
}
