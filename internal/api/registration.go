package api

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"

	"convene/internal/accounts"
	"convene/internal/audit"
	"convene/internal/export"
	"convene/internal/httpx"
	"convene/internal/program"
	"convene/internal/registration"
	"convene/internal/spreadsheet"
)

// Registration, sign-ups, tickets and check-in. Attendees authenticate with
// the bearer token they received when registering, staff with a token made
// by `convene token create`; both as `Authorization: Bearer <token>`.

// maxJSONBody bounds request bodies: the largest legitimate one, a
// registration, is well under 2 kB.
const maxJSONBody = 64 << 10

// decodeJSON reads a JSON object body into v, refusing unknown fields,
// trailing data, other media types and oversized bodies with a 400.
func decodeJSON(w http.ResponseWriter, r *http.Request, v any) error {
	if ct := r.Header.Get("Content-Type"); ct != "" {
		mt, _, err := mime.ParseMediaType(ct)
		if err != nil || (mt != "application/json" && !strings.HasSuffix(mt, "+json")) {
			return program.Invalidf("body", "send the body as application/json, not %q", ct)
		}
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxJSONBody))
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) {
		return program.Invalidf("body", "the body is larger than %d bytes", maxJSONBody)
	}
	if err != nil {
		return program.Invalidf("body", "could not read the body: %v", err)
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return program.Invalidf("body", "not a valid JSON object for this request: %v", err)
	}
	if dec.More() {
		return program.Invalidf("body", "unexpected data after the JSON object")
	}
	return nil
}

// bearer returns the token of an Authorization: Bearer header.
func bearer(r *http.Request) (string, error) {
	scheme, token, ok := strings.Cut(r.Header.Get("Authorization"), " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") || strings.TrimSpace(token) == "" {
		return "", &program.Error{Code: program.CodeUnauthorized, Message: "send Authorization: Bearer <token>"}
	}
	return strings.TrimSpace(token), nil
}

func (s *server) registrationService() (*registration.Service, error) {
	if s.reg == nil {
		return nil, errInternal("the API was built without a registration service")
	}
	return s.reg, nil
}

// attendee resolves the edition and the attendee of the bearer token.
func (s *server) attendee(r *http.Request) (*program.Edition, *registration.Attendee, error) {
	svc, ed, token, err := s.withToken(r)
	if err != nil {
		return nil, nil, err
	}
	a, err := svc.Attendee(r.Context(), ed, token)
	return ed, a, err
}

// withToken resolves the registration service, the {event} and the bearer
// token of a request that needs one.
func (s *server) withToken(r *http.Request) (*registration.Service, *program.Edition, string, error) {
	svc, ed, err := s.withEdition(r)
	if err != nil {
		return nil, nil, "", err
	}
	token, err := bearer(r)
	return svc, ed, token, err
}

// withEdition resolves the registration service and the {event}.
func (s *server) withEdition(r *http.Request) (*registration.Service, *program.Edition, error) {
	svc, err := s.registrationService()
	if err != nil {
		return nil, nil, err
	}
	ed, err := s.edition(r)
	return svc, ed, err
}

// staff resolves the edition and the holder of a staff token with role need.
func (s *server) staff(r *http.Request, need registration.Role) (*program.Edition, *registration.Staff, error) {
	svc, ed, token, err := s.withToken(r)
	if err != nil {
		return nil, nil, err
	}
	if strings.HasPrefix(token, accounts.UserTokenPrefix) && s.accounts != nil {
		u, err := s.accounts.TokenUser(r.Context(), token)
		if err != nil {
			return nil, nil, err
		}
		st, ok := registration.UserStaff(ed.Event.ID, string(u.Role), u.Email)
		if !ok || !st.Can(need) {
			return nil, nil, program.Errorf(program.CodeForbidden, "a %s account cannot do this; it needs the role %s", u.Role, need)
		}
		return ed, st, nil
	}
	st, err := svc.Staff(r.Context(), ed, token, need)
	return ed, st, err
}

// attendeeAt resolves the edition, the {activity} and the attendee of the
// bearer token.
func (s *server) attendeeAt(r *http.Request) (*program.Edition, *program.Activity, *registration.Attendee, error) {
	ed, a, err := s.attendee(r)
	if err != nil {
		return nil, nil, nil, err
	}
	act, err := activityOf(r, ed)
	return ed, act, a, err
}

type attendeeView struct {
	ID           string            `json:"id"`
	Event        string            `json:"event"`
	Name         string            `json:"name"`
	Email        string            `json:"email"`
	Phone        string            `json:"phone"`
	Organisation string            `json:"organisation"`
	Country      string            `json:"country"`
	Kind         registration.Kind `json:"kind"`
	RegisteredAt jsTime            `json:"registered_at"`
	Withdrawn    bool              `json:"withdrawn"`
}

func attendeeOf(ed *program.Edition, a *registration.Attendee) attendeeView {
	return attendeeView{ID: a.ID, Event: ed.Event.Slug, Name: a.Name, Email: a.Email, Phone: a.Phone, Organisation: a.Organisation,
		Country: a.Country, Kind: a.Kind, RegisteredAt: jsTime(ed.Local(a.CreatedAt)), Withdrawn: a.RevokedAt != nil}
}

type registeredView struct {
	attendeeView
	Token     string `json:"token"`
	Code      string `json:"code"`
	AccessURL string `json:"access_url"`
	TicketURL string `json:"ticket_url"`
}

// POST /api/v1/events/{event}/attendees
func (s *server) createAttendee(w http.ResponseWriter, r *http.Request) error {
	svc, ed, err := s.withEdition(r)
	if err != nil {
		return err
	}
	var in registration.Application
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	reg, err := svc.Register(r.Context(), ed, in)
	if err != nil {
		return err
	}
	w.Header().Set("Location", apiURL(ed.Event.Slug, "attendees", "me"))
	w.Header().Set("Cache-Control", "no-store")
	return writeJSON(w, http.StatusCreated, registeredView{
		attendeeView: attendeeOf(ed, reg.Attendee), Token: reg.Token, Code: reg.Code,
		AccessURL: pageURL(ed.Event.Slug, "access", reg.Token), TicketURL: apiURL(ed.Event.Slug, "attendees", "me", "ticket.svg"),
	})
}

type signupView struct {
	Activity   string              `json:"activity"`
	Title      program.Text        `json:"title"`
	StartsAt   jsTime              `json:"starts_at"`
	EndsAt     jsTime              `json:"ends_at"`
	Status     registration.Status `json:"status"`
	Position   *int                `json:"position"` // null when confirmed
	SignedUpAt jsTime              `json:"signed_up_at"`
	Overlaps   []string            `json:"overlaps"`
}

func signupOf(ed *program.Edition, a *program.Activity, su registration.Signup, overlaps []*program.Activity) signupView {
	v := view{ed: ed}
	out := signupView{Activity: a.Slug, Title: a.Title, StartsAt: v.time(a.StartsAt), EndsAt: v.time(a.EndsAt), Status: su.Status,
		SignedUpAt: v.time(su.CreatedAt), Overlaps: make([]string, 0, len(overlaps))}
	if su.Status == registration.Waitlisted {
		out.Position = &su.Position
	}
	for _, o := range overlaps {
		out.Overlaps = append(out.Overlaps, o.Slug)
	}
	return out
}

type meView struct {
	attendeeView
	Code        *string      `json:"code"` // null once the registration is withdrawn
	CalendarURL string       `json:"calendar_url"`
	Signups     []signupView `json:"signups"`
}

// GET /api/v1/events/{event}/attendees/me
func (s *server) getMe(w http.ResponseWriter, r *http.Request) error {
	ed, a, err := s.attendee(r)
	if err != nil {
		return err
	}
	items, err := s.reg.Agenda(r.Context(), ed, a)
	if err != nil {
		return err
	}
	calendarKey, err := s.reg.CalendarKey(r.Context(), a)
	if err != nil {
		return err
	}
	out := meView{attendeeView: attendeeOf(ed, a), CalendarURL: apiURL(ed.Event.Slug, "agenda", calendarKey, "calendar.ics"), Signups: make([]signupView, 0, len(items))}
	if a.RevokedAt == nil && a.TicketID != "" {
		code, err := s.reg.TicketCode(r.Context(), a)
		if err != nil {
			return err
		}
		out.Code = &code
	}
	for _, it := range items {
		out.Signups = append(out.Signups, signupOf(ed, it.Activity, it.Signup, it.Overlaps))
	}
	w.Header().Set("Cache-Control", "private, no-store")
	return writeJSON(w, http.StatusOK, out)
}

type ticketView struct {
	Code string `json:"code"`
}

// POST /api/v1/events/{event}/attendees/me/ticket
func (s *server) reissueTicket(w http.ResponseWriter, r *http.Request) error {
	_, a, err := s.attendee(r)
	if err != nil {
		return err
	}
	code, err := s.reg.ReissueTicket(r.Context(), a)
	if err != nil {
		return err
	}
	w.Header().Set("Cache-Control", "no-store")
	return writeJSON(w, http.StatusCreated, ticketView{Code: code})
}

// GET /api/v1/events/{event}/attendees/me/ticket.svg
func (s *server) ticketSVG(w http.ResponseWriter, r *http.Request) error {
	return s.ticketImage(w, r, "svg")
}

// GET /api/v1/events/{event}/attendees/me/ticket.png
func (s *server) ticketPNG(w http.ResponseWriter, r *http.Request) error {
	return s.ticketImage(w, r, "png")
}

func (s *server) ticketImage(w http.ResponseWriter, r *http.Request, format string) error {
	_, a, err := s.attendee(r)
	if err != nil {
		return err
	}
	if a.RevokedAt != nil || a.TicketID == "" {
		return program.Errorf(program.CodeGone, "this registration was withdrawn; it has no ticket")
	}
	code, err := s.reg.TicketCode(r.Context(), a)
	if err != nil {
		return err
	}
	var img []byte
	if format == "png" {
		img, err = registration.TicketPNG(code, 512)
		w.Header().Set("Content-Type", "image/png")
	} else {
		img, err = registration.TicketSVG(code)
		w.Header().Set("Content-Type", "image/svg+xml; charset=utf-8")
	}
	if err != nil {
		return err
	}
	w.Header().Set("Cache-Control", "private, no-store")
	w.Header().Set("Content-Length", strconv.Itoa(len(img)))
	_, _ = w.Write(img)
	return nil
}

// POST /api/v1/events/{event}/attendees/{attendee}/revoke (admin): the
// registration is withdrawn and its ticket stops admitting.
func (s *server) revokeTicket(w http.ResponseWriter, r *http.Request) error {
	ed, st, err := s.staff(r, registration.RoleAdmin)
	if err != nil {
		return err
	}
	id, err := pathParam(r, "attendee")
	if err != nil {
		return err
	}
	if err := s.reg.RevokeTicket(audit.WithActor(r.Context(), st.Actor()), ed, id); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// POST /api/v1/events/{event}/activities/{activity}/signups
func (s *server) signUp(w http.ResponseWriter, r *http.Request) error {
	ed, act, a, err := s.attendeeAt(r)
	if err != nil {
		return err
	}
	su, err := s.reg.SignUp(r.Context(), ed, act, a)
	if err != nil {
		return err
	}
	w.Header().Set("Location", apiURL(ed.Event.Slug, "attendees", "me"))
	w.Header().Set("Cache-Control", "no-store")
	return writeJSON(w, http.StatusCreated, signupOf(ed, act, *su, nil))
}

// DELETE /api/v1/events/{event}/activities/{activity}/signups/me
func (s *server) cancelSignup(w http.ResponseWriter, r *http.Request) error {
	ed, act, a, err := s.attendeeAt(r)
	if err != nil {
		return err
	}
	if _, err := s.reg.Cancel(r.Context(), ed, act, a); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

type checkinRequest struct {
	Code     string `json:"code"`
	Activity string `json:"activity"` // slug; empty for the gate
}

type checkinView struct {
	Outcome     registration.Outcome `json:"outcome"`
	Place       optString            `json:"activity"` // null for the gate
	Attendee    *checkinAttendee     `json:"attendee"`
	CheckedInAt jsTime               `json:"checked_in_at"` // this admission or the earlier one
	CheckedInBy optString            `json:"checked_in_by"`
	RevokedAt   jsTime               `json:"revoked_at"`
}

// checkinAttendee is what the gate needs to see: enough to recognise the
// person, no contact details.
type checkinAttendee struct {
	Name         string            `json:"name"`
	Organisation string            `json:"organisation"`
	Kind         registration.Kind `json:"kind"`
}

// outcomeStatus maps check-in outcomes to HTTP statuses: the gate app can
// tell them apart by status alone.
var outcomeStatus = map[registration.Outcome]int{
	registration.Admitted:      http.StatusOK,
	registration.AlreadyIn:     http.StatusConflict,
	registration.NotRegistered: http.StatusForbidden,
	registration.UnknownTicket: http.StatusNotFound,
	registration.RevokedTicket: http.StatusGone,
}

// POST /api/v1/events/{event}/checkins (check-in staff)
func (s *server) checkIn(w http.ResponseWriter, r *http.Request) error {
	ed, st, err := s.staff(r, registration.RoleCheckin)
	if err != nil {
		return err
	}
	var in checkinRequest
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	if strings.TrimSpace(in.Code) == "" {
		return program.Invalidf("code", "code is required: the ticket code as scanned or typed")
	}
	if err := program.CheckParam("code", in.Code); err != nil {
		return err
	}
	var act *program.Activity
	if in.Activity != "" {
		a, ok := ed.Activity(in.Activity)
		if !ok {
			return program.Invalidf("activity", "no activity %q in %s", in.Activity, ed.Event.Slug)
		}
		act = a
	}
	res, err := s.reg.CheckIn(r.Context(), ed, st, in.Code, act)
	if err != nil {
		return err
	}
	v := view{ed: ed}
	out := checkinView{Outcome: res.Outcome, Place: optString(in.Activity)}
	if res.Attendee != nil {
		out.Attendee = &checkinAttendee{Name: res.Attendee.Name, Organisation: res.Attendee.Organisation, Kind: res.Attendee.Kind}
	}
	if res.Checkin != nil {
		out.CheckedInAt = v.time(res.Checkin.At)
		out.CheckedInBy = optString(res.Checkin.Staff)
	}
	if res.Revoked != nil {
		out.RevokedAt = v.time(*res.Revoked)
	}
	w.Header().Set("Cache-Control", "no-store")
	return writeJSON(w, outcomeStatus[res.Outcome], out)
}

type seatsRow struct {
	Activity optString    `json:"activity"` // null for the gate
	Title    program.Text `json:"title"`
	StartsAt jsTime       `json:"starts_at"`
	registration.Seats
}

type seatsView struct {
	Event string     `json:"event"`
	At    jsTime     `json:"at"`
	Rows  []seatsRow `json:"rows"`
}

// GET /api/v1/events/{event}/seats (admin)
func (s *server) listSeats(w http.ResponseWriter, r *http.Request) error {
	ed, _, err := s.staff(r, registration.RoleAdmin)
	if err != nil {
		return err
	}
	rows, err := s.reg.AllSeats(r.Context(), ed)
	if err != nil {
		return err
	}
	v := view{ed: ed}
	out := seatsView{Event: ed.Event.Slug, At: v.time(s.cat.Now()), Rows: make([]seatsRow, 0, len(rows))}
	for _, row := range rows {
		sr := seatsRow{Seats: row.Seats, Title: program.Text{ZH: "入口", EN: "Entrance"}}
		if a := row.Activity; a != nil {
			sr.Activity, sr.Title, sr.StartsAt = optString(a.Slug), a.Title, v.time(a.StartsAt)
		}
		out.Rows = append(out.Rows, sr)
	}
	w.Header().Set("Cache-Control", "private, no-store")
	return writeJSON(w, http.StatusOK, out)
}

// GET /api/v1/events/{event}/exports/registrations.csv (admin)
func (s *server) exportRegistrationsCSV(w http.ResponseWriter, r *http.Request) error {
	return s.exportRegistrations(w, r, spreadsheet.FormatCSV)
}

// GET /api/v1/events/{event}/exports/registrations.xlsx (admin)
func (s *server) exportRegistrationsXLSX(w http.ResponseWriter, r *http.Request) error {
	return s.exportRegistrations(w, r, spreadsheet.FormatXLSX)
}

func (s *server) exportRegistrations(w http.ResponseWriter, r *http.Request, format spreadsheet.Format) error {
	ed, _, err := s.staff(r, registration.RoleAdmin)
	if err != nil {
		return err
	}
	q, err := query(r)
	if err != nil {
		return err
	}
	lang := q.Get("lang")
	if lang == "" {
		lang = program.LangZH
	}
	if lang != program.LangZH && lang != program.LangEN {
		return program.Invalidf("lang", "lang must be zh or en, not %q", lang)
	}
	var buf bytes.Buffer
	if err := s.reg.WriteExport(r.Context(), &buf, ed, format, lang); err != nil {
		return err
	}
	h := w.Header()
	h.Set("Content-Type", format.ContentType())
	h.Set("Content-Disposition", `attachment; filename="`+registration.ExportName(ed, format)+`"`)
	h.Set("Cache-Control", "private, no-store")
	h.Set("Content-Length", strconv.Itoa(buf.Len()))
	_, _ = w.Write(buf.Bytes())
	return nil
}

// liveSeats are the live figures of an activity's page; zero when the API
// runs without registration (tests of the program alone).
func (s *server) liveSeats(r *http.Request, ed *program.Edition, a *program.Activity) (registration.Seats, error) {
	if s.reg == nil {
		return registration.Seats{Capacity: ed.Seats(a)}, nil
	}
	return s.reg.Seats(r.Context(), ed, a)
}

// GET /api/v1/events/{event}/agenda/{key}/calendar.ics?lang=
//
// The personal agenda as a calendar feed, by secret URL (calendar apps send
// no Authorization header): the activities where the attendee has a seat.
// It depends on the attendee's sign-ups as well as the program, so it is
// rendered per request (a handful of events) and revalidated by a hash of
// the body.
func (s *server) agendaCalendar(w http.ResponseWriter, r *http.Request) error {
	svc, ed, err := s.withEdition(r)
	if err != nil {
		return err
	}
	lang, err := feedLang(r)
	if err != nil {
		return err
	}
	key, err := pathParam(r, "key")
	if err != nil {
		return err
	}
	a, err := svc.AttendeeByCalendarKey(r.Context(), ed, key)
	if err != nil {
		return err
	}
	items, err := svc.Agenda(r.Context(), ed, a)
	if err != nil {
		return err
	}
	var acts []*program.Activity
	for _, it := range items {
		if it.Signup.Status == registration.Confirmed {
			acts = append(acts, it.Activity)
		}
	}
	body := export.AgendaCalendar(ed, a.Name, acts, export.Options{Lang: lang, BaseURL: s.baseURL(r)})
	writePersonalCalendar(w, r, body, export.Filename(ed, "agenda", fileLang(r), "ics"))
	return nil
}

// writePersonalCalendar answers with a calendar made for one person (by
// secret URL): rendered per request, never kept by shared caches, and
// revalidated by a hash of the body. No Last-Modified: what such a calendar
// shows changes with sign-ups and meetings, which keep no single time of change.
func writePersonalCalendar(w http.ResponseWriter, r *http.Request, body []byte, filename string) {
	w.Header().Set("Cache-Control", "private, no-cache")
	if httpx.NotModified(w, r, httpx.ETag(string(body))) {
		return
	}
	h := w.Header()
	h.Set("Content-Type", calendarContentType)
	h.Set("Content-Disposition", `attachment; filename="`+filename+`"`)
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		_, _ = w.Write(body)
	}
}

type auditView struct {
	Event   string      `json:"event"`
	Entries []auditItem `json:"entries"`
	Next    optString   `json:"next"` // the URL of older entries; null at the end
}

type auditItem struct {
	audit.Entry
	At jsTime `json:"at"`
}

// AuditLog is the read side of the audit log.
type AuditLog interface {
	AuditLog(ctx context.Context, eventID string, limit int, before string) ([]audit.Entry, error)
}

// GET /api/v1/events/{event}/audit?before=&limit= (admin)
func (s *server) listAudit(w http.ResponseWriter, r *http.Request) error {
	ed, _, err := s.staff(r, registration.RoleAdmin)
	if err != nil {
		return err
	}
	if s.audit == nil {
		return errInternal("the API was built without the audit log")
	}
	q, err := query(r)
	if err != nil {
		return err
	}
	limit := 100
	if v := q.Get("limit"); v != "" {
		if limit, err = strconv.Atoi(v); err != nil || limit < 1 || limit > 1000 {
			return program.Invalidf("limit", "limit must be a number from 1 to 1000")
		}
	}
	entries, err := s.audit.AuditLog(r.Context(), ed.Event.ID, limit, q.Get("before"))
	if err != nil {
		return err
	}
	v := view{ed: ed}
	out := auditView{Event: ed.Event.Slug, Entries: make([]auditItem, 0, len(entries))}
	for _, e := range entries {
		out.Entries = append(out.Entries, auditItem{Entry: e, At: v.time(e.At)})
	}
	if len(entries) == limit {
		out.Next = optString(apiURL(ed.Event.Slug, "audit") + "?limit=" + strconv.Itoa(limit) + "&before=" + entries[len(entries)-1].ID)
	}
	w.Header().Set("Cache-Control", "private, no-store")
	return writeJSON(w, http.StatusOK, out)
}
