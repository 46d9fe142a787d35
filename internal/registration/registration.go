// Package registration is who comes to an edition and to which activities:
// attendees and their signed tickets, invitation codes, sign-ups with seat
// limits and waiting lists, and check-in at the gate and at the rooms. It
// knows no HTTP and no SQL: the rules that must hold under concurrency (a
// seat is never sold twice, the waiting list has no gaps) are the Store's
// contract, kept in SQL by conditional updates and unique constraints.
package registration

import (
	"context"
	"time"

	"convene/internal/audit"
	"convene/internal/program"
)

// Kind is what an attendee comes as. Every kind but attendee needs an
// invitation code that admits it.
type Kind string

const (
	KindAttendee  Kind = "attendee"
	KindGuest     Kind = "guest"
	KindMedia     Kind = "media"
	KindStaff     Kind = "staff"
	KindExhibitor Kind = "exhibitor"
)

// Kinds lists the kinds in display order.
var Kinds = []Kind{KindAttendee, KindGuest, KindMedia, KindStaff, KindExhibitor}

func (k Kind) valid() bool {
	for _, x := range Kinds {
		if k == x {
			return true
		}
	}
	return false
}

// Attendee is one registration for one edition.
type Attendee struct {
	ID           string
	EventID      string
	Email        string // lower-cased; one registration per email per edition
	Name         string
	Phone        string
	Organisation string
	Country      string // ISO 3166-1 alpha-2, upper case, or ""
	Kind         Kind
	CreatedAt    time.Time
	TicketID     string     // the ticket in force; a reissued ticket gets a new id
	RevokedAt    *time.Time // set when the secretariat withdrew the registration
}

// Status of a sign-up.
type Status string

const (
	Confirmed  Status = "confirmed"
	Waitlisted Status = "waitlisted"
)

// Signup is an attendee's place at an activity. Position counts from 1 among
// those waiting, in the order they signed up; 0 when confirmed.
type Signup struct {
	ActivityID string
	AttendeeID string
	Status     Status
	Position   int
	CreatedAt  time.Time
}

// Seats are the live figures of one activity.
type Seats struct {
	Capacity   int `json:"capacity"`
	Confirmed  int `json:"confirmed"`
	Waitlisted int `json:"waitlisted"`
	CheckedIn  int `json:"checked_in"`
}

// Role of a staff token.
type Role string

const (
	RoleCheckin Role = "checkin" // gate and room staff: check-in only
	RoleAdmin   Role = "admin"   // the secretariat: check-in, counts and exports
)

// Staff is the holder of a staff token, scoped to one edition.
type Staff struct {
	TokenID   string
	EventID   string
	Role      Role
	Label     string
	CreatedAt time.Time  // listing only
	RevokedAt *time.Time // listing only
}

// Actor names the staff member in the audit log: an account by its email,
// a staff token by its label.
func (s *Staff) Actor() string {
	if s.TokenID == "" {
		return audit.Account(s.Label)
	}
	return audit.Staff(s.Label)
}

// Can reports whether the staff member may do what needs role need: admin
// may do everything check-in staff may.
func (s *Staff) Can(need Role) bool { return s.Role == RoleAdmin || s.Role == need }

// Invitation admits a set number of people of some kinds.
type Invitation struct {
	Code  string
	Kinds []Kind
	Seats int // how many registrations it admits
	Used  int
	Label string
}

// Checkin is one admission at the gate (ActivityID "") or at an activity.
type Checkin struct {
	AttendeeID string
	TicketID   string
	ActivityID string
	At         time.Time
	Staff      string // label of the staff token that admitted
}

// Ticket is a ticket record; RevokedAt is set once it no longer admits.
type Ticket struct {
	ID         string
	EventID    string
	AttendeeID string
	RevokedAt  *time.Time
}

// Store keeps registrations. Implementations must keep these promises under
// any number of concurrent callers, on every engine:
//   - CreateAttendee writes nothing and returns a CodeConflict error when the
//     email is already registered for the edition, and claims one use of the
//     invitation (if any) in the same transaction, never more than its seats.
//   - SignUp claims a seat while fewer than seats are confirmed, else puts
//     the attendee at the end of the waiting list; a second sign-up of the
//     same attendee is a CodeConflict error that changes nothing.
//   - CancelSignup removes the sign-up and, in the same transaction, gives
//     every seat now free to the people waiting, first come first served.
//   - CheckIn records one admission per attendee and place; a second returns
//     the first (and ErrAlreadyCheckedIn).
type Store interface {
	CreateAttendee(ctx context.Context, a *Attendee, tokenHash, invitationCode string) error
	AttendeeByToken(ctx context.Context, eventID, tokenHash string) (*Attendee, error)
	AttendeeByID(ctx context.Context, eventID, id string) (*Attendee, error)
	ReissueTicket(ctx context.Context, attendeeID, newTicketID string, at time.Time) error // refused once revoked
	RevokeTicket(ctx context.Context, eventID, attendeeID string, at time.Time) error
	Ticket(ctx context.Context, eventID, ticketID string) (*Ticket, *Attendee, error)

	SignUp(ctx context.Context, eventID string, s *Signup, seats int) error
	CancelSignup(ctx context.Context, eventID, activityID, attendeeID string, seats int, at time.Time) (promoted []string, err error)
	Signups(ctx context.Context, eventID, attendeeID string) ([]Signup, error)
	Signup(ctx context.Context, activityID, attendeeID string) (*Signup, error)
	Seats(ctx context.Context, eventID, activityID string) (Seats, error)
	AllSeats(ctx context.Context, eventID string) (map[string]Seats, error)

	CheckIn(ctx context.Context, c *Checkin) (*Checkin, error)
	Checkins(ctx context.Context, eventID string, each func(c *Checkin) error) error

	CreateStaffToken(ctx context.Context, s *Staff, tokenHash string, at time.Time) error
	StaffByToken(ctx context.Context, tokenHash string) (*Staff, error)
	StaffTokens(ctx context.Context, eventID string) ([]Staff, error)
	RevokeStaffToken(ctx context.Context, eventID, tokenID string, at time.Time) error
	CreateInvitation(ctx context.Context, eventID string, inv *Invitation, at time.Time) error
	TicketKey(ctx context.Context) ([]byte, error) // made on first use, the same on every node

	Attendees(ctx context.Context, eventID string, each func(*Attendee) error) error
	AllSignups(ctx context.Context, eventID string, each func(*Signup) error) error
}

// ErrAlreadyCheckedIn is returned by Store.CheckIn with the earlier admission.
var ErrAlreadyCheckedIn = program.Errorf(program.CodeConflict, "already checked in")

// UserStaff is a signed-in user acting as staff of an edition: accounts
// with the role admin (the secretariat) or checkin (gate staff) count as
// staff of every edition, under their email; other roles do not.
func UserStaff(eventID, role, email string) (*Staff, bool) {
	switch r := Role(role); r {
	case RoleAdmin, RoleCheckin:
		return &Staff{EventID: eventID, Role: r, Label: email}, true
	}
	return nil, false
}
