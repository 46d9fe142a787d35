package web

import (
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"strings"

	"convene/internal/program"
	"convene/internal/registration"
)

// meView is the attendee's own page: who they are, their ticket, the
// personal access link and the activities they signed up for.
type meView struct {
	Page
	Name, Kind, Organisation, Email string
	Withdrawn                       bool
	Ticket                          *ticketInfo // nil once withdrawn
	AccessURL                       string      // absolute, to bookmark
	ReissueURL                      string
	Flash                           string
	FlashWaiting                    bool // the flash says "waiting list": amber, not green
	Agenda                          []agendaEntry
	AgendaURL                       string
	CalendarURL                     string // the personal agenda as an iCal feed, by secret URL
	Fairs                           []Link // the matchmaking fairs the attendee takes part in
}

// ticketInfo is the ticket in force: its QR and its code grouped for typing.
type ticketInfo struct {
	QR                       template.HTML // SVG made by registration.TicketSVG from the code alone
	Code                     string
	PrintURL, PNGURL, SVGURL string
}

// agendaEntry is one sign-up on the attendee's page, with the live seats.
type agendaEntry struct {
	URL, Title, When, Room string
	Waiting                bool
	Status                 string
	Seats                  string
	Overlaps               []Link
	CancelURL              string
}

// signedIn returns the attendee signed in on this browser; without one it
// has sent the visitor to the registration form and returns nil.
func (s *site) signedIn(w http.ResponseWriter, r *http.Request, q req) (*registration.Attendee, string) {
	a, token, err := s.attendee(r, q)
	if err != nil {
		s.fail(w, r, q.lang, q.ed, err)
		return nil, ""
	}
	if a == nil {
		http.Redirect(w, r, q.register(), http.StatusSeeOther)
		return nil, ""
	}
	return a, token
}

func (s *site) me(w http.ResponseWriter, r *http.Request, q req) {
	a, token := s.signedIn(w, r, q)
	if a == nil {
		return
	}
	w.Header().Set("Referrer-Policy", "no-referrer") // the page shows the access link
	ctx, ed, lang := r.Context(), q.ed, q.lang
	view := meView{
		Page:         s.page(r, lang, T(lang, "me.title"), "me", ed),
		Name:         a.Name,
		Kind:         enum(lang, "regkind", a.Kind),
		Organisation: a.Organisation,
		Email:        a.Email,
		Withdrawn:    a.RevokedAt != nil || a.TicketID == "",
		AccessURL:    s.origin(r) + q.access(token),
		ReissueURL:   q.me() + "/ticket/reissue",
		AgendaURL:    q.agenda(),
	}
	if !view.Withdrawn {
		t, err := s.ticketInfo(r, q, a)
		if err != nil {
			s.fail(w, r, lang, ed, err)
			return
		}
		view.Ticket = t
	}
	calendarKey, err := s.reg.CalendarKey(ctx, a)
	if err != nil {
		s.fail(w, r, lang, ed, err)
		return
	}
	view.CalendarURL = q.feed("agenda", calendarKey, "calendar.ics")
	items, err := s.reg.Agenda(ctx, ed, a)
	if err != nil {
		s.fail(w, r, lang, ed, err)
		return
	}
	for _, it := range items {
		e, err := s.agendaEntry(r, q, it)
		if err != nil {
			s.fail(w, r, lang, ed, err)
			return
		}
		view.Agenda = append(view.Agenda, e)
	}
	view.Flash, view.FlashWaiting = flash(r, q, items)
	if view.Fairs, err = s.joinedFairs(r.Context(), q, a.ID); err != nil {
		s.fail(w, r, q.lang, q.ed, err)
		return
	}
	s.render(w, r, http.StatusOK, "me", view)
}

func (s *site) ticketInfo(r *http.Request, q req, a *registration.Attendee) (*ticketInfo, error) {
	code, err := s.reg.TicketCode(r.Context(), a)
	if err != nil {
		return nil, err
	}
	svg, err := registration.TicketSVG(code)
	if err != nil {
		return nil, err
	}
	return &ticketInfo{
		QR:       template.HTML(svg), // our own markup: a rect and a path of digits
		Code:     registration.GroupCode(code),
		PrintURL: q.me() + "/ticket",
		PNGURL:   q.me() + "/ticket.png",
		SVGURL:   q.me() + "/ticket.svg",
	}, nil
}

func (s *site) agendaEntry(r *http.Request, q req, it registration.AgendaItem) (agendaEntry, error) {
	ed, lang, act := q.ed, q.lang, it.Activity
	e := agendaEntry{
		URL:       q.activity(act.Slug),
		Title:     act.Title.In(lang),
		CancelURL: q.cancel(act.Slug),
		Waiting:   it.Signup.Status == registration.Waitlisted,
	}
	if !act.StartsAt.IsZero() {
		e.When = fmtDateWeekday(lang, ed.Day(act)) + " " + fmtSpan(ed, act)
	}
	if room := ed.RoomByID(act.RoomID); room != nil {
		e.Room = room.Name.In(lang)
	}
	if e.Waiting {
		e.Status = Tf(lang, "me.waiting", it.Signup.Position)
	} else {
		e.Status = T(lang, "me.confirmed")
	}
	n, err := s.reg.Seats(r.Context(), ed, act)
	if err != nil {
		return e, err
	}
	e.Seats = Tf(lang, "me.seats", n.Confirmed, n.Capacity, n.Waitlisted)
	for _, o := range it.Overlaps {
		e.Overlaps = append(e.Overlaps, Link{URL: q.activity(o.Slug), Label: o.Title.In(lang)})
	}
	return e, nil
}

// flash is the message after an action that redirected here, and whether it
// tells of the waiting list. The query only chooses the message; what it
// says comes from the attendee's own data.
func flash(r *http.Request, q req, items []registration.AgendaItem) (msg string, waiting bool) {
	lang, slug := q.lang, r.URL.Query().Get("activity")
	var item *registration.AgendaItem
	for i := range items {
		if items[i].Activity.Slug == slug {
			item = &items[i]
		}
	}
	title := ""
	if act, ok := q.ed.Activity(slug); ok {
		title = act.Title.In(lang)
	}
	switch r.URL.Query().Get("done") {
	case "registered":
		return T(lang, "flash.registered"), false
	case "reissued":
		return T(lang, "flash.reissued"), false
	case "signed-up":
		switch {
		case item == nil:
			return "", false
		case item.Signup.Status == registration.Waitlisted:
			return Tf(lang, "flash.waiting", title, item.Signup.Position), true
		default:
			return Tf(lang, "flash.confirmed", title), false
		}
	case "cancelled":
		if title != "" && item == nil {
			return Tf(lang, "flash.cancelled", title), false
		}
	}
	return "", false
}

// origin is the public scheme and host for absolute links (the personal
// access link, the reset link): the configured base URL, else what the
// request came to (which a proxy may have changed).
func (s *site) origin(r *http.Request) string {
	if s.base != "" {
		return s.base
	}
	if r.TLS != nil {
		return "https://" + r.Host
	}
	return "http://" + r.Host
}

// secure tells whether cookies get the Secure attribute: when the site is
// public over https (behind a TLS-terminating proxy r.TLS is nil) or the
// request came over TLS.
func (s *site) secure(r *http.Request) bool {
	return strings.HasPrefix(s.base, "https://") || r.TLS != nil
}

// ticketView is the printable ticket.
type ticketView struct {
	Page
	Name, Kind, Organisation string
	EditionName, Dates       string
	Ticket                   *ticketInfo
	BackURL                  string
}

// ticketHolder is the signed-in attendee with a ticket in force; otherwise
// it has answered (sign in, or 410 for a withdrawn registration) and
// returns nil.
func (s *site) ticketHolder(w http.ResponseWriter, r *http.Request, q req) *registration.Attendee {
	a, _ := s.signedIn(w, r, q)
	if a != nil && (a.RevokedAt != nil || a.TicketID == "") {
		s.fail(w, r, q.lang, q.ed, program.Errorf(program.CodeGone, "registration withdrawn"))
		return nil
	}
	return a
}

func (s *site) ticket(w http.ResponseWriter, r *http.Request, q req) {
	a := s.ticketHolder(w, r, q)
	if a == nil {
		return
	}
	t, err := s.ticketInfo(r, q, a)
	if err != nil {
		s.fail(w, r, q.lang, q.ed, err)
		return
	}
	ev := q.ed.Event
	s.render(w, r, http.StatusOK, "ticket", ticketView{
		Page:         s.page(r, q.lang, T(q.lang, "ticket.title"), "me", q.ed),
		Name:         a.Name,
		Kind:         enum(q.lang, "regkind", a.Kind),
		Organisation: a.Organisation,
		EditionName:  ev.Name.In(q.lang),
		Dates:        fmtDateRange(q.lang, ev.StartDate, ev.EndDate),
		Ticket:       t,
		BackURL:      q.me(),
	})
}

// ticketImage serves the QR of the signed-in attendee's ticket as an image
// made by draw.
func (s *site) ticketImage(w http.ResponseWriter, r *http.Request, q req, contentType string, draw func(code string) ([]byte, error)) {
	a := s.ticketHolder(w, r, q)
	if a == nil {
		return
	}
	code, err := s.reg.TicketCode(r.Context(), a)
	if err != nil {
		s.fail(w, r, q.lang, q.ed, err)
		return
	}
	img, err := draw(code)
	if err != nil {
		s.fail(w, r, q.lang, q.ed, err)
		return
	}
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("Content-Length", fmt.Sprint(len(img)))
	if r.Method != http.MethodHead {
		w.Write(img)
	}
}

func (s *site) ticketPNG(w http.ResponseWriter, r *http.Request, q req) {
	s.ticketImage(w, r, q, "image/png", func(code string) ([]byte, error) { return registration.TicketPNG(code, 512) })
}

func (s *site) ticketSVG(w http.ResponseWriter, r *http.Request, q req) {
	s.ticketImage(w, r, q, "image/svg+xml", registration.TicketSVG)
}

// reissue replaces a lost ticket: the old code stops admitting at once.
func (s *site) reissue(w http.ResponseWriter, r *http.Request, q req) {
	if !s.parseForm(w, r, q) {
		return
	}
	a, _ := s.signedIn(w, r, q)
	if a == nil {
		return
	}
	if _, err := s.reg.ReissueTicket(r.Context(), a); err != nil {
		s.fail(w, r, q.lang, q.ed, err)
		return
	}
	http.Redirect(w, r, q.me()+"?done=reissued", http.StatusSeeOther)
}

// attendeeAt reads a form posted about the {activity} of the path by the
// signed-in attendee; without either it has answered and returns nil.
func (s *site) attendeeAt(w http.ResponseWriter, r *http.Request, q req) (*program.Activity, *registration.Attendee) {
	if !s.parseForm(w, r, q) {
		return nil, nil
	}
	act, ok := q.ed.Activity(r.PathValue("activity"))
	if !ok {
		s.fail(w, r, q.lang, q.ed, program.Errorf(program.CodeNotFound, "no activity"))
		return nil, nil
	}
	a, _ := s.signedIn(w, r, q)
	return act, a
}

// signUp takes a seat at an activity for the signed-in attendee, or a place
// on its waiting list.
func (s *site) signUp(w http.ResponseWriter, r *http.Request, q req) {
	act, a := s.attendeeAt(w, r, q)
	if a == nil {
		return
	}
	_, err := s.reg.SignUp(r.Context(), q.ed, act, a)
	if program.ErrorCode(err) == program.CodeConflict {
		reason := "signup.already"
		if registration.OpenForSignup(q.ed, act) != nil {
			reason = "signup.closed"
		}
		s.refuseAtMe(w, r, q, http.StatusConflict, Tf(q.lang, reason, act.Title.In(q.lang)))
		return
	}
	if err != nil {
		s.fail(w, r, q.lang, q.ed, err)
		return
	}
	http.Redirect(w, r, q.me()+"?done=signed-up&activity="+url.QueryEscape(act.Slug), http.StatusSeeOther)
}

// refuseAtMe answers a sign-up or cancellation that cannot be done with the
// reason and a way back to the attendee's page.
func (s *site) refuseAtMe(w http.ResponseWriter, r *http.Request, q req, status int, reason string) {
	view := s.errorView(r, q.lang, q.ed, status, reason)
	view.Next = &Link{URL: q.me(), Label: T(q.lang, "nav.me")}
	s.render(w, r, status, "error", view)
}

// cancel withdraws a sign-up; the seat goes to the first person waiting.
func (s *site) cancel(w http.ResponseWriter, r *http.Request, q req) {
	act, a := s.attendeeAt(w, r, q)
	if a == nil {
		return
	}
	_, err := s.reg.Cancel(r.Context(), q.ed, act, a)
	if program.ErrorCode(err) == program.CodeNotFound {
		s.refuseAtMe(w, r, q, http.StatusNotFound, Tf(q.lang, "cancel.none", act.Title.In(q.lang)))
		return
	}
	if err != nil {
		s.fail(w, r, q.lang, q.ed, err)
		return
	}
	http.Redirect(w, r, q.me()+"?done=cancelled&activity="+url.QueryEscape(act.Slug), http.StatusSeeOther)
}
