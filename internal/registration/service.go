package registration

import (
	"context"
	"errors"
	"sort"
	"strings"
	"time"

	"convene/internal/program"
)

// Service applies the rules of registration on top of a Store. It is safe
// for concurrent use.
type Service struct {
	store Store
	now   func() time.Time
}

// New returns the service; now is the clock (nil: time.Now).
func New(store Store, now func() time.Time) *Service {
	if now == nil {
		now = time.Now
	}
	return &Service{store: store, now: now}
}

// Registered is what a new attendee receives, once: the bearer token is not
// kept in readable form anywhere.
type Registered struct {
	Attendee *Attendee
	Token    string // bearer token and the secret of the personal access link
	Code     string // the ticket code the QR shows
}

// Register validates the application and registers it.
func (s *Service) Register(ctx context.Context, ed *program.Edition, in Application) (*Registered, error) {
	app, err := in.Normalize()
	if err != nil {
		return nil, err
	}
	token, hash := NewToken(attendeePrefix)
	a := &Attendee{
		EventID: ed.Event.ID, Email: app.Email, Name: app.Name, Phone: app.Phone,
		Organisation: app.Organisation, Country: app.Country, Kind: Kind(app.Kind),
		CreatedAt: s.now().UTC(), TicketID: newTicketID(),
	}
	if err := s.store.CreateAttendee(ctx, a, hash, app.Invitation); err != nil {
		return nil, err
	}
	code, err := s.TicketCode(ctx, a)
	if err != nil {
		return nil, err
	}
	return &Registered{Attendee: a, Token: token, Code: code}, nil
}

// errUnauthorized is the one answer to a missing or unknown token: it does
// not tell which.
var errUnauthorized = &program.Error{Code: program.CodeUnauthorized, Message: "a valid token is required"}

var errRevoked = program.Errorf(program.CodeForbidden, "this registration was withdrawn by the secretariat")

// Attendee returns the attendee a bearer token belongs to in this edition.
func (s *Service) Attendee(ctx context.Context, ed *program.Edition, token string) (*Attendee, error) {
	if !strings.HasPrefix(token, attendeePrefix) {
		return nil, errUnauthorized
	}
	a, err := s.store.AttendeeByToken(ctx, ed.Event.ID, HashToken(token))
	if program.ErrorCode(err) == program.CodeNotFound {
		return nil, errUnauthorized
	}
	return a, err
}

// Staff returns the holder of a staff token if it may act as need in this
// edition.
func (s *Service) Staff(ctx context.Context, ed *program.Edition, token string, need Role) (*Staff, error) {
	if !strings.HasPrefix(token, staffPrefix) {
		return nil, errUnauthorized
	}
	st, err := s.store.StaffByToken(ctx, HashToken(token))
	if program.ErrorCode(err) == program.CodeNotFound {
		return nil, errUnauthorized
	}
	if err != nil {
		return nil, err
	}
	if st.EventID != ed.Event.ID {
		return nil, program.Errorf(program.CodeForbidden, "this token is for another edition")
	}
	if !st.Can(need) {
		return nil, program.Errorf(program.CodeForbidden, "a %s token cannot do this; it needs the role %s", st.Role, need)
	}
	return st, nil
}

// CreateStaffToken makes a token for the secretariat or gate staff of an
// edition and returns it; only its hash is stored.
func (s *Service) CreateStaffToken(ctx context.Context, ed *program.Edition, role Role, label string) (string, error) {
	if role != RoleCheckin && role != RoleAdmin {
		return "", program.Invalidf("role", "unknown role %q; want %s or %s", role, RoleCheckin, RoleAdmin)
	}
	token, hash := NewToken(staffPrefix)
	st := &Staff{EventID: ed.Event.ID, Role: role, Label: strings.TrimSpace(label)}
	if st.Label == "" {
		st.Label = string(role)
	}
	return token, s.store.CreateStaffToken(ctx, st, hash, s.now().UTC())
}

// StaffTokens lists the staff tokens of an edition (never the tokens
// themselves: only their hashes are kept), oldest first.
func (s *Service) StaffTokens(ctx context.Context, ed *program.Edition) ([]Staff, error) {
	return s.store.StaffTokens(ctx, ed.Event.ID)
}

// RevokeStaffToken stops a staff token at once (a lost phone at the gate).
func (s *Service) RevokeStaffToken(ctx context.Context, ed *program.Edition, tokenID string) error {
	return s.store.RevokeStaffToken(ctx, ed.Event.ID, tokenID, s.now().UTC())
}

// CreateInvitation makes an invitation code that admits seats people of the
// given kinds.
func (s *Service) CreateInvitation(ctx context.Context, ed *program.Edition, kinds []Kind, seats int, label string) (*Invitation, error) {
	if len(kinds) == 0 {
		return nil, program.Invalidf("kinds", "name at least one kind the invitation admits")
	}
	for _, k := range kinds {
		if !k.valid() {
			return nil, program.Invalidf("kinds", "unknown kind %q", k)
		}
	}
	if seats < 1 || seats > 10000 {
		return nil, program.Invalidf("seats", "an invitation admits 1 to 10000 people, not %d", seats)
	}
	inv := &Invitation{Code: newInvitationCode(), Kinds: kinds, Seats: seats, Label: strings.TrimSpace(label)}
	return inv, s.store.CreateInvitation(ctx, ed.Event.ID, inv, s.now().UTC())
}

// TicketCode is the signed code of the attendee's ticket in force.
func (s *Service) TicketCode(ctx context.Context, a *Attendee) (string, error) {
	key, err := s.store.TicketKey(ctx)
	if err != nil {
		return "", err
	}
	return signTicket(key, a.EventID, a.TicketID), nil
}

// ReissueTicket replaces a lost ticket: the old code stops admitting (it is
// then refused as revoked) and the new code is returned.
func (s *Service) ReissueTicket(ctx context.Context, a *Attendee) (string, error) {
	id := newTicketID()
	if err := s.store.ReissueTicket(ctx, a.ID, id, s.now().UTC()); err != nil {
		return "", err
	}
	a.TicketID = id
	return s.TicketCode(ctx, a)
}

// RevokeTicket withdraws an attendee's ticket (the secretariat's decision);
// no code of theirs admits afterwards.
func (s *Service) RevokeTicket(ctx context.Context, ed *program.Edition, attendeeID string) error {
	return s.store.RevokeTicket(ctx, ed.Event.ID, attendeeID, s.now().UTC())
}

// OpenForSignup tells whether an activity takes sign-ups: published and with
// seats (its own capacity or its room's).
func OpenForSignup(ed *program.Edition, a *program.Activity) error {
	if a.Status != program.StatusPublished {
		return program.Errorf(program.CodeConflict, "%s is %s and takes no sign-ups", a.Slug, a.Status)
	}
	if ed.Seats(a) <= 0 {
		return program.Errorf(program.CodeConflict, "%s has no seat limit set and takes no sign-ups", a.Slug)
	}
	return nil
}

// SignUp gives the attendee a seat at the activity, or a place on its
// waiting list when the seats are taken.
func (s *Service) SignUp(ctx context.Context, ed *program.Edition, act *program.Activity, a *Attendee) (*Signup, error) {
	if err := OpenForSignup(ed, act); err != nil {
		return nil, err
	}
	if a.RevokedAt != nil {
		return nil, errRevoked
	}
	su := &Signup{ActivityID: act.ID, AttendeeID: a.ID, CreatedAt: s.now().UTC()}
	if err := s.store.SignUp(ctx, ed.Event.ID, su, ed.Seats(act)); err != nil {
		return nil, err
	}
	return su, nil
}

// Cancel withdraws the attendee's sign-up; a freed seat goes to the first
// person waiting at once. It returns the ids of the attendees promoted.
func (s *Service) Cancel(ctx context.Context, ed *program.Edition, act *program.Activity, a *Attendee) ([]string, error) {
	return s.store.CancelSignup(ctx, ed.Event.ID, act.ID, a.ID, ed.Seats(act), s.now().UTC())
}

// Seats are the live figures of an activity.
func (s *Service) Seats(ctx context.Context, ed *program.Edition, act *program.Activity) (Seats, error) {
	n, err := s.store.Seats(ctx, ed.Event.ID, act.ID)
	n.Capacity = ed.Seats(act)
	return n, err
}

// ActivitySeats is one row of the secretariat's counts.
type ActivitySeats struct {
	Activity *program.Activity
	Seats
}

// AllSeats are the live figures of every activity that takes sign-ups, in
// program order, with the gate's check-ins as the first row (Activity nil).
func (s *Service) AllSeats(ctx context.Context, ed *program.Edition) ([]ActivitySeats, error) {
	counts, err := s.store.AllSeats(ctx, ed.Event.ID)
	if err != nil {
		return nil, err
	}
	out := []ActivitySeats{{Seats: counts[""]}}
	for _, a := range ed.Activities {
		if OpenForSignup(ed, a) != nil {
			continue
		}
		n := counts[a.ID]
		n.Capacity = ed.Seats(a)
		out = append(out, ActivitySeats{Activity: a, Seats: n})
	}
	return out, nil
}

// AgendaItem is one sign-up with its activity and the other sign-ups it
// overlaps in time.
type AgendaItem struct {
	Activity *program.Activity
	Signup   Signup
	Overlaps []*program.Activity
}

// Agenda is the attendee's sign-ups in time order, each with the other
// sign-ups that overlap it: one cannot be in two rooms at once.
func (s *Service) Agenda(ctx context.Context, ed *program.Edition, a *Attendee) ([]AgendaItem, error) {
	sus, err := s.store.Signups(ctx, ed.Event.ID, a.ID)
	if err != nil {
		return nil, err
	}
	items := make([]AgendaItem, 0, len(sus))
	for _, su := range sus {
		if act := ed.ActivityByID(su.ActivityID); act != nil {
			items = append(items, AgendaItem{Activity: act, Signup: su})
		}
	}
	sort.SliceStable(items, func(i, j int) bool { return items[i].Activity.StartsAt.Before(items[j].Activity.StartsAt) })
	for i := range items {
		for j := range items {
			x, y := items[i].Activity, items[j].Activity
			if i != j && x.StartsAt.Before(y.EndsAt) && y.StartsAt.Before(x.EndsAt) {
				items[i].Overlaps = append(items[i].Overlaps, y)
			}
		}
	}
	return items, nil
}

// CalendarKey is the secret of the attendee's personal calendar URL.
func (s *Service) CalendarKey(ctx context.Context, a *Attendee) (string, error) {
	return s.FeedKey(ctx, AgendaFeed, a.ID)
}

// AttendeeByCalendarKey returns the attendee whose calendar key this is.
func (s *Service) AttendeeByCalendarKey(ctx context.Context, ed *program.Edition, calendarKey string) (*Attendee, error) {
	id, err := s.FeedSubject(ctx, AgendaFeed, calendarKey)
	if err != nil {
		return nil, err
	}
	a, err := s.store.AttendeeByID(ctx, ed.Event.ID, id)
	if program.ErrorCode(err) == program.CodeNotFound {
		return nil, errNoFeed
	}
	return a, err
}

// Outcome of presenting a ticket code.
type Outcome string

const (
	Admitted      Outcome = "admitted"
	AlreadyIn     Outcome = "already_checked_in"
	NotRegistered Outcome = "not_registered" // valid ticket, no confirmed seat at this activity
	UnknownTicket Outcome = "unknown"        // forged, altered, mistyped or of another edition
	RevokedTicket Outcome = "revoked"
)

// CheckinResult is what the gate sees.
type CheckinResult struct {
	Outcome  Outcome
	Attendee *Attendee // nil for an unknown ticket
	Checkin  *Checkin  // this admission, or the earlier one when already in
	Revoked  *time.Time
}

// CheckIn admits the holder of code at the gate (act nil) or at an activity,
// for which a confirmed sign-up is needed. Codes are verified by signature
// before any lookup, so guessing costs no database work.
func (s *Service) CheckIn(ctx context.Context, ed *program.Edition, staff *Staff, code string, act *program.Activity) (*CheckinResult, error) {
	key, err := s.store.TicketKey(ctx)
	if err != nil {
		return nil, err
	}
	ticketID, ok := verifyTicket(key, ed.Event.ID, code)
	if !ok {
		return &CheckinResult{Outcome: UnknownTicket}, nil
	}
	t, a, err := s.store.Ticket(ctx, ed.Event.ID, ticketID)
	if program.ErrorCode(err) == program.CodeNotFound {
		return &CheckinResult{Outcome: UnknownTicket}, nil
	}
	if err != nil {
		return nil, err
	}
	if t.RevokedAt != nil || a.RevokedAt != nil {
		when := t.RevokedAt
		if a.RevokedAt != nil {
			when = a.RevokedAt
		}
		return &CheckinResult{Outcome: RevokedTicket, Attendee: a, Revoked: when}, nil
	}
	c := &Checkin{AttendeeID: a.ID, TicketID: t.ID, At: s.now().UTC(), Staff: staff.Label}
	if act != nil {
		c.ActivityID = act.ID
		su, err := s.store.Signup(ctx, act.ID, a.ID)
		if program.ErrorCode(err) == program.CodeNotFound || (err == nil && su.Status != Confirmed) {
			return &CheckinResult{Outcome: NotRegistered, Attendee: a}, nil
		}
		if err != nil {
			return nil, err
		}
	}
	earlier, err := s.store.CheckIn(ctx, c)
	if errors.Is(err, ErrAlreadyCheckedIn) {
		return &CheckinResult{Outcome: AlreadyIn, Attendee: a, Checkin: earlier}, nil
	}
	if err != nil {
		return nil, err
	}
	return &CheckinResult{Outcome: Admitted, Attendee: a, Checkin: c}, nil
}

// Attendees passes every attendee of the edition to each, in registration order.
func (s *Service) Attendees(ctx context.Context, ed *program.Edition, each func(*Attendee) error) error {
	return s.store.Attendees(ctx, ed.Event.ID, each)
}

// AllSignups passes every sign-up of the edition to each, by activity and
// then confirmed before waiting, in order.
func (s *Service) AllSignups(ctx context.Context, ed *program.Edition, each func(*Signup) error) error {
	return s.store.AllSignups(ctx, ed.Event.ID, each)
}
