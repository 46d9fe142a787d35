package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"convene/internal/audit"
	"convene/internal/program"
	"convene/internal/registration"
)

// The registration store. Every promise of registration.Store that
// concurrency could break is kept by the database: unique constraints, and
// conditional updates of the activity's seat_counters row, which every
// sign-up and cancellation updates first so that those of one activity run
// one after another (see migrations/*/0003_registration.sql).

var _ registration.Store = (*DB)(nil)

const attendeeColumns = `a.id, a.event_id, a.email, a.name, a.phone, a.organisation, a.country, a.kind, a.created_at, a.revoked_at`

func scanAttendee(row interface{ Scan(...any) error }, extra ...any) (*registration.Attendee, error) {
	var a registration.Attendee
	var created, revoked sql.NullTime
	dest := append([]any{&a.ID, &a.EventID, &a.Email, &a.Name, &a.Phone, &a.Organisation, &a.Country, &a.Kind, &created, &revoked}, extra...)
	if err := row.Scan(dest...); err != nil {
		return nil, err
	}
	a.CreatedAt = utc(created)
	a.RevokedAt = optTime(revoked)
	return &a, nil
}

func optTime(t sql.NullTime) *time.Time {
	if !t.Valid {
		return nil
	}
	u := t.Time.UTC()
	return &u
}

// CreateAttendee registers a, claiming a use of the invitation in the same
// transaction.
func (db *DB) CreateAttendee(ctx context.Context, a *registration.Attendee, tokenHash, invitationCode string) error {
	a.ID = newID()
	return db.inWriteTx(ctx, func(t *tx) error {
		var invitationID sql.NullString
		if invitationCode != "" {
			id, err := claimInvitation(ctx, t, a.EventID, invitationCode, a.Kind)
			if err != nil {
				return err
			}
			invitationID = sql.NullString{String: id, Valid: true}
		}
		_, err := t.exec(ctx, `INSERT INTO attendees (id, event_id, email, name, phone, organisation, country, kind, invitation_id, token_hash, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			a.ID, a.EventID, a.Email, a.Name, a.Phone, a.Organisation, a.Country, string(a.Kind), invitationID, tokenHash, a.CreatedAt)
		if isUniqueViolation(err) {
			return program.FieldErrorf(program.CodeConflict, "email", "taken", "%s is already registered for this edition", a.Email)
		}
		if err != nil {
			return fmt.Errorf("insert attendee: %w", err)
		}
		_, err = t.exec(ctx, `INSERT INTO tickets (id, event_id, attendee_id, issued_at) VALUES (?, ?, ?, ?)`, a.TicketID, a.EventID, a.ID, a.CreatedAt)
		if err != nil {
			return fmt.Errorf("insert ticket: %w", err)
		}
		return nil
	})
}

func claimInvitation(ctx context.Context, t *tx, eventID, code string, kind registration.Kind) (string, error) {
	var id, kinds string
	err := t.queryRow(ctx, `SELECT id, kinds FROM invitations WHERE event_id = ? AND code = ?`, eventID, code).Scan(&id, &kinds)
	if errors.Is(err, sql.ErrNoRows) {
		return "", program.FieldErrorf(program.CodeInvalid, "invitation", "invitation_unknown", "unknown invitation code %s", code)
	}
	if err != nil {
		return "", fmt.Errorf("read invitation: %w", err)
	}
	if !strings.Contains(","+kinds+",", ","+string(kind)+",") {
		return "", program.FieldErrorf(program.CodeInvalid, "invitation", "invitation_kind", "this invitation admits %s, not %s", strings.ReplaceAll(kinds, ",", ", "), kind)
	}
	res, err := t.exec(ctx, `UPDATE invitations SET used = used + 1 WHERE id = ? AND used < seats`, id)
	if err != nil {
		return "", fmt.Errorf("claim invitation: %w", err)
	}
	if n, err := res.RowsAffected(); err != nil || n != 1 {
		return "", program.FieldErrorf(program.CodeInvalid, "invitation", "invitation_used_up", "invitation code %s has admitted all the people it was issued for", code)
	}
	return id, nil
}

// AttendeeByToken finds the attendee of a bearer token, with the ticket in
// force ("" once revoked).
func (db *DB) AttendeeByToken(ctx context.Context, eventID, tokenHash string) (*registration.Attendee, error) {
	return db.attendeeWhere(ctx, "a.token_hash = ?", tokenHash, eventID)
}

// AttendeeByID finds an attendee of an edition by id.
func (db *DB) AttendeeByID(ctx context.Context, eventID, id string) (*registration.Attendee, error) {
	return db.attendeeWhere(ctx, "a.id = ?", id, eventID)
}

// attendeeWhere reads the one attendee of eventID matching cond (with one
// argument), with the ticket in force.
func (db *DB) attendeeWhere(ctx context.Context, cond string, arg any, eventID string) (*registration.Attendee, error) {
	var ticket sql.NullString
	a, err := scanAttendee(db.readRow(ctx, (`SELECT `+attendeeColumns+`, t.id FROM attendees a
		LEFT JOIN tickets t ON t.attendee_id = a.id AND t.revoked_at IS NULL
		WHERE `+cond+` AND a.event_id = ?`), arg, eventID), &ticket)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, program.Errorf(program.CodeNotFound, "no such attendee in this edition")
	}
	if err != nil {
		return nil, fmt.Errorf("read attendee: %w", err)
	}
	a.TicketID = ticket.String
	return a, nil
}

// ReissueTicket revokes the ticket in force and issues newTicketID.
func (db *DB) ReissueTicket(ctx context.Context, attendeeID, newTicketID string, at time.Time) error {
	return db.inWriteTx(ctx, func(t *tx) error {
		var eventID string
		var revoked sql.NullTime
		err := t.queryRow(ctx, `SELECT event_id, revoked_at FROM attendees WHERE id = ?`, attendeeID).Scan(&eventID, &revoked)
		if errors.Is(err, sql.ErrNoRows) {
			return program.Errorf(program.CodeNotFound, "no attendee %s", attendeeID)
		}
		if err != nil {
			return fmt.Errorf("read attendee: %w", err)
		}
		if revoked.Valid {
			return program.Errorf(program.CodeForbidden, "this registration was withdrawn by the secretariat")
		}
		if _, err := t.exec(ctx, `UPDATE tickets SET revoked_at = ? WHERE attendee_id = ? AND revoked_at IS NULL`, at, attendeeID); err != nil {
			return fmt.Errorf("revoke ticket: %w", err)
		}
		if _, err := t.exec(ctx, `INSERT INTO tickets (id, event_id, attendee_id, issued_at) VALUES (?, ?, ?, ?)`, newTicketID, eventID, attendeeID, at); err != nil {
			return fmt.Errorf("insert ticket: %w", err)
		}
		return nil
	})
}

// RevokeTicket withdraws a registration and its ticket.
func (db *DB) RevokeTicket(ctx context.Context, eventID, attendeeID string, at time.Time) error {
	return db.inWriteTx(ctx, func(t *tx) error {
		res, err := t.exec(ctx, `UPDATE attendees SET revoked_at = ? WHERE id = ? AND event_id = ? AND revoked_at IS NULL`, at, attendeeID, eventID)
		if err != nil {
			return fmt.Errorf("revoke attendee: %w", err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return program.Errorf(program.CodeNotFound, "no registration %s in force in this edition", attendeeID)
		}
		if _, err = t.exec(ctx, `UPDATE tickets SET revoked_at = ? WHERE attendee_id = ? AND revoked_at IS NULL`, at, attendeeID); err != nil {
			return err
		}
		return recordAudit(ctx, t, at, audit.RegistrationWithdraw, eventID, attendeeID, map[string]string{"status": "registered"}, map[string]string{"status": "withdrawn"})
	})
}

// Ticket finds a ticket of the edition with its attendee.
func (db *DB) Ticket(ctx context.Context, eventID, ticketID string) (*registration.Ticket, *registration.Attendee, error) {
	tk := registration.Ticket{ID: ticketID, EventID: eventID}
	var revoked sql.NullTime
	a, err := scanAttendee(db.readRow(ctx, (`SELECT `+attendeeColumns+`, t.revoked_at FROM tickets t
		JOIN attendees a ON a.id = t.attendee_id WHERE t.id = ? AND t.event_id = ?`), ticketID, eventID), &revoked)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil, program.Errorf(program.CodeNotFound, "no such ticket")
	}
	if err != nil {
		return nil, nil, fmt.Errorf("read ticket: %w", err)
	}
	tk.AttendeeID = a.ID
	tk.RevokedAt = optTime(revoked)
	if tk.RevokedAt == nil {
		a.TicketID = ticketID
	}
	return &tk, a, nil
}

// SignUp claims a seat or a place on the waiting list; s gets its status,
// position and arrival order.
func (db *DB) SignUp(ctx context.Context, eventID string, s *registration.Signup, seats int) error {
	return db.inWriteTx(ctx, func(t *tx) error {
		arrival, err := claimSeat(ctx, t, eventID, s, seats)
		if err != nil {
			return err
		}
		_, err = t.exec(ctx, `INSERT INTO signups (activity_id, attendee_id, event_id, status, arrival, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
			s.ActivityID, s.AttendeeID, eventID, string(s.Status), arrival, s.CreatedAt)
		if isUniqueViolation(err) {
			return program.Errorf(program.CodeConflict, "already signed up for this activity")
		}
		if err != nil {
			return fmt.Errorf("insert sign-up: %w", err)
		}
		return nil
	})
}

// claimSeat claims a seat or the next place on the waiting list and returns
// the arrival number. Both are conditional updates of the activity's counter
// row, which queue concurrent claims on the row and re-check their condition
// on its newest version: a seat while confirmed < seats, else (confirmed ≥
// seats) the end of the waiting list, whose new length is the position.
// When neither matches, the row did not exist yet (the activity's first
// sign-up: it is made, by whichever transaction comes first) or changed
// between the two statements; then the claim is tried again.
func claimSeat(ctx context.Context, t *tx, eventID string, s *registration.Signup, seats int) (int64, error) {
	var arrival int64
	for range 3 {
		s.Status, s.Position = registration.Confirmed, 0
		err := t.queryRow(ctx, `UPDATE seat_counters SET confirmed = confirmed + 1, arrivals = arrivals + 1
			WHERE activity_id = ? AND confirmed < ? RETURNING arrivals`, s.ActivityID, seats).Scan(&arrival)
		if !errors.Is(err, sql.ErrNoRows) {
			return arrival, wrapClaim(err)
		}
		s.Status = registration.Waitlisted
		err = t.queryRow(ctx, `UPDATE seat_counters SET waiting = waiting + 1, arrivals = arrivals + 1
			WHERE activity_id = ? AND confirmed >= ? RETURNING arrivals, waiting`, s.ActivityID, seats).Scan(&arrival, &s.Position)
		if !errors.Is(err, sql.ErrNoRows) {
			return arrival, wrapClaim(err)
		}
		if _, err := t.exec(ctx, `INSERT INTO seat_counters (activity_id, event_id) VALUES (?, ?) ON CONFLICT (activity_id) DO NOTHING`, s.ActivityID, eventID); err != nil {
			return 0, fmt.Errorf("create seat counter: %w", err)
		}
	}
	return 0, fmt.Errorf("claim seat at %s: the counter row kept changing", s.ActivityID)
}

func wrapClaim(err error) error {
	if err != nil {
		return fmt.Errorf("claim seat: %w", err)
	}
	return nil
}

// CancelSignup removes a sign-up. A seat it held goes to the first waiting;
// when the activity has more seats than are taken (its seat limit was
// raised), as many more as fit are promoted, in order.
func (db *DB) CancelSignup(ctx context.Context, eventID, activityID, attendeeID string, seats int, at time.Time) ([]string, error) {
	var promoted []string
	err := db.inWriteTx(ctx, func(t *tx) error {
		promoted = nil
		// Take the activity's row first, as SignUp does: cancellations and
		// sign-ups of one activity run one after another.
		if _, err := t.exec(ctx, `UPDATE seat_counters SET arrivals = arrivals WHERE activity_id = ?`, activityID); err != nil {
			return fmt.Errorf("lock seat counter: %w", err)
		}
		var status string
		err := t.queryRow(ctx, `DELETE FROM signups WHERE activity_id = ? AND attendee_id = ? AND event_id = ? RETURNING status`, activityID, attendeeID, eventID).Scan(&status)
		if errors.Is(err, sql.ErrNoRows) {
			return program.Errorf(program.CodeNotFound, "not signed up for this activity: nothing to cancel")
		}
		if err != nil {
			return fmt.Errorf("delete sign-up: %w", err)
		}
		freed := `UPDATE seat_counters SET confirmed = confirmed - 1 WHERE activity_id = ?`
		if status != string(registration.Confirmed) {
			freed = `UPDATE seat_counters SET waiting = waiting - 1 WHERE activity_id = ?`
		}
		if _, err := t.exec(ctx, freed, activityID); err != nil {
			return fmt.Errorf("update seat counter: %w", err)
		}
		for {
			res, err := t.exec(ctx, `UPDATE seat_counters SET confirmed = confirmed + 1, waiting = waiting - 1
				WHERE activity_id = ? AND confirmed < ? AND waiting > 0`, activityID, seats)
			if err != nil {
				return fmt.Errorf("claim seat for the waiting list: %w", err)
			}
			if n, _ := res.RowsAffected(); n == 0 {
				return nil
			}
			var id string
			err = t.queryRow(ctx, `UPDATE signups SET status = 'confirmed', promoted_at = ?
				WHERE activity_id = ? AND status = 'waitlisted' AND arrival = (SELECT MIN(arrival) FROM signups WHERE activity_id = ? AND status = 'waitlisted')
				RETURNING attendee_id`, at, activityID, activityID).Scan(&id)
			if err != nil {
				return fmt.Errorf("promote from the waiting list: %w", err)
			}
			promoted = append(promoted, id)
		}
	})
	return promoted, err
}

// signupColumns reads a sign-up with its position on the waiting list.
const signupColumns = `s.activity_id, s.attendee_id, s.status, s.created_at,
	CASE WHEN s.status = 'waitlisted' THEN (SELECT COUNT(*) FROM signups w WHERE w.activity_id = s.activity_id AND w.status = 'waitlisted' AND w.arrival <= s.arrival) ELSE 0 END`

func scanSignup(row interface{ Scan(...any) error }) (registration.Signup, error) {
	var s registration.Signup
	var created sql.NullTime
	err := row.Scan(&s.ActivityID, &s.AttendeeID, &s.Status, &created, &s.Position)
	s.CreatedAt = utc(created)
	return s, err
}

// Signups lists an attendee's sign-ups.
func (db *DB) Signups(ctx context.Context, eventID, attendeeID string) ([]registration.Signup, error) {
	var out []registration.Signup
	err := db.inReadTx(ctx, func(t *tx) error {
		return queryEach(ctx, t, `SELECT `+signupColumns+` FROM signups s WHERE s.attendee_id = ? AND s.event_id = ? ORDER BY s.created_at`,
			[]any{attendeeID, eventID}, func(rows *sql.Rows) error {
				s, err := scanSignup(rows)
				out = append(out, s)
				return err
			})
	})
	return out, err
}

// Signup reads one sign-up.
func (db *DB) Signup(ctx context.Context, activityID, attendeeID string) (*registration.Signup, error) {
	s, err := scanSignup(db.readRow(ctx, (`SELECT ` + signupColumns + ` FROM signups s WHERE s.activity_id = ? AND s.attendee_id = ?`), activityID, attendeeID))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, program.Errorf(program.CodeNotFound, "not signed up for this activity")
	}
	if err != nil {
		return nil, fmt.Errorf("read sign-up: %w", err)
	}
	return &s, nil
}

// Seats counts the sign-ups and check-ins of one activity (Capacity is left 0).
func (db *DB) Seats(ctx context.Context, eventID, activityID string) (registration.Seats, error) {
	all, err := db.seats(ctx, eventID, activityID)
	return all[activityID], err
}

// AllSeats counts sign-ups and check-ins per activity; the key "" holds the
// check-ins at the gate.
func (db *DB) AllSeats(ctx context.Context, eventID string) (map[string]registration.Seats, error) {
	return db.seats(ctx, eventID, "")
}

// seats counts for one activity, or for all when activityID is "".
func (db *DB) seats(ctx context.Context, eventID, activityID string) (map[string]registration.Seats, error) {
	out := map[string]registration.Seats{}
	signups := `SELECT activity_id, status, COUNT(*) FROM signups WHERE event_id = ? GROUP BY activity_id, status`
	checkins := `SELECT place, COUNT(*) FROM checkins WHERE event_id = ? GROUP BY place`
	args := []any{eventID}
	if activityID != "" {
		signups = `SELECT activity_id, status, COUNT(*) FROM signups WHERE activity_id = ? GROUP BY activity_id, status`
		checkins = `SELECT place, COUNT(*) FROM checkins WHERE event_id = ? AND place = ? GROUP BY place`
	}
	err := db.inReadTx(ctx, func(t *tx) error {
		sargs := args
		if activityID != "" {
			sargs = []any{activityID}
		}
		err := queryEach(ctx, t, signups, sargs, func(rows *sql.Rows) error {
			var id, status string
			var n int
			if err := rows.Scan(&id, &status, &n); err != nil {
				return err
			}
			s := out[id]
			if status == string(registration.Confirmed) {
				s.Confirmed = n
			} else {
				s.Waitlisted = n
			}
			out[id] = s
			return nil
		})
		if err != nil {
			return err
		}
		cargs := args
		if activityID != "" {
			cargs = []any{eventID, activityID}
		}
		return queryEach(ctx, t, checkins, cargs, func(rows *sql.Rows) error {
			var place string
			var n int
			if err := rows.Scan(&place, &n); err != nil {
				return err
			}
			s := out[place]
			s.CheckedIn = n
			out[place] = s
			return nil
		})
	})
	return out, err
}

// CheckIn records an admission, or returns the earlier one with
// registration.ErrAlreadyCheckedIn.
func (db *DB) CheckIn(ctx context.Context, c *registration.Checkin) (*registration.Checkin, error) {
	var earlier *registration.Checkin
	err := db.inWriteTx(ctx, func(t *tx) error {
		earlier = nil
		res, err := t.exec(ctx, `INSERT INTO checkins (attendee_id, place, event_id, ticket_id, at, staff)
			SELECT ?, ?, event_id, id, ?, ? FROM tickets WHERE id = ?
			ON CONFLICT (attendee_id, place) DO NOTHING`, c.AttendeeID, c.ActivityID, c.At, c.Staff, c.TicketID)
		if err != nil {
			return fmt.Errorf("insert check-in: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 1 {
			return nil
		}
		e := registration.Checkin{AttendeeID: c.AttendeeID, ActivityID: c.ActivityID}
		var at sql.NullTime
		err = t.queryRow(ctx, `SELECT ticket_id, at, staff FROM checkins WHERE attendee_id = ? AND place = ?`, c.AttendeeID, c.ActivityID).Scan(&e.TicketID, &at, &e.Staff)
		if err != nil {
			return fmt.Errorf("read earlier check-in: %w", err)
		}
		e.At = utc(at)
		earlier = &e
		return nil
	})
	if err == nil && earlier != nil {
		return earlier, registration.ErrAlreadyCheckedIn
	}
	return earlier, err
}

// CreateStaffToken stores a staff token by its hash.
func (db *DB) CreateStaffToken(ctx context.Context, s *registration.Staff, tokenHash string, at time.Time) error {
	s.TokenID = newID()
	return db.inWriteTx(ctx, func(t *tx) error {
		if _, err := t.exec(ctx, `INSERT INTO staff_tokens (id, token_hash, event_id, role, label, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
			s.TokenID, tokenHash, s.EventID, string(s.Role), s.Label, at); err != nil {
			return err
		}
		return recordAudit(ctx, t, at, audit.StaffTokenCreate, s.EventID, s.TokenID, nil, map[string]string{"role": string(s.Role), "label": s.Label})
	})
}

// StaffByToken finds the holder of a staff token that is not revoked.
func (db *DB) StaffByToken(ctx context.Context, tokenHash string) (*registration.Staff, error) {
	var s registration.Staff
	err := db.readRow(ctx, (`SELECT id, event_id, role, label FROM staff_tokens WHERE token_hash = ? AND revoked_at IS NULL`), tokenHash).
		Scan(&s.TokenID, &s.EventID, &s.Role, &s.Label)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, program.Errorf(program.CodeNotFound, "no staff token")
	}
	if err != nil {
		return nil, fmt.Errorf("read staff token: %w", err)
	}
	return &s, nil
}

// CreateInvitation stores an invitation code.
func (db *DB) CreateInvitation(ctx context.Context, eventID string, inv *registration.Invitation, at time.Time) error {
	kinds := make([]string, len(inv.Kinds))
	for i, k := range inv.Kinds {
		kinds[i] = string(k)
	}
	return db.inWriteTx(ctx, func(t *tx) error {
		id := newID()
		if _, err := t.exec(ctx, `INSERT INTO invitations (id, event_id, code, kinds, seats, label, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
			id, eventID, inv.Code, strings.Join(kinds, ","), inv.Seats, inv.Label, at); err != nil {
			return err
		}
		// The code itself is not logged: whoever reads the log could use it.
		return recordAudit(ctx, t, at, audit.InvitationCreate, eventID, id, nil, map[string]any{"kinds": kinds, "seats": inv.Seats, "label": inv.Label})
	})
}

// Attendees passes every attendee of an edition to each, in registration
// order, with the ticket in force.
func (db *DB) Attendees(ctx context.Context, eventID string, each func(*registration.Attendee) error) error {
	return db.inReadTx(ctx, func(t *tx) error {
		return queryEach(ctx, t, `SELECT `+attendeeColumns+`, t.id FROM attendees a
			LEFT JOIN tickets t ON t.attendee_id = a.id AND t.revoked_at IS NULL
			WHERE a.event_id = ? ORDER BY a.created_at, a.id`, []any{eventID}, func(rows *sql.Rows) error {
			var ticket sql.NullString
			a, err := scanAttendee(rows, &ticket)
			if err != nil {
				return err
			}
			a.TicketID = ticket.String
			return each(a)
		})
	})
}

// AllSignups passes every sign-up of an edition to each: by activity, then
// confirmed before waiting, each in arrival order.
func (db *DB) AllSignups(ctx context.Context, eventID string, each func(*registration.Signup) error) error {
	return db.inReadTx(ctx, func(t *tx) error {
		return queryEach(ctx, t, `SELECT `+signupColumns+` FROM signups s WHERE s.event_id = ? ORDER BY s.activity_id, s.status, s.arrival`,
			[]any{eventID}, func(rows *sql.Rows) error {
				s, err := scanSignup(rows)
				if err != nil {
					return err
				}
				return each(&s)
			})
	})
}

// TicketKey returns the ticket-signing key, making it on first use; every
// node reads the same row, so a ticket issued by one node opens at another.
func (db *DB) TicketKey(ctx context.Context) ([]byte, error) {
	db.keyMu.Lock()
	defer db.keyMu.Unlock()
	if db.ticketKey != nil {
		return db.ticketKey, nil
	}
	var key []byte
	err := db.inWriteTx(ctx, func(t *tx) error {
		_, err := t.exec(ctx, `INSERT INTO secrets (name, value, created_at) VALUES ('ticket-key', ?, ?) ON CONFLICT (name) DO NOTHING`, registration.NewKey(), db.now().UTC())
		if err != nil {
			return err
		}
		return t.queryRow(ctx, `SELECT value FROM secrets WHERE name = 'ticket-key'`).Scan(&key)
	})
	if err != nil {
		return nil, fmt.Errorf("ticket key: %w", err)
	}
	db.ticketKey = key
	return key, nil
}

// Checkins passes every admission of an edition to each.
func (db *DB) Checkins(ctx context.Context, eventID string, each func(*registration.Checkin) error) error {
	return db.inReadTx(ctx, func(t *tx) error {
		return queryEach(ctx, t, `SELECT attendee_id, place, ticket_id, at, staff FROM checkins WHERE event_id = ? ORDER BY at`, []any{eventID}, func(rows *sql.Rows) error {
			var c registration.Checkin
			var at sql.NullTime
			if err := rows.Scan(&c.AttendeeID, &c.ActivityID, &c.TicketID, &at, &c.Staff); err != nil {
				return err
			}
			c.At = utc(at)
			return each(&c)
		})
	})
}

// StaffTokens lists an edition's staff tokens, oldest first.
func (db *DB) StaffTokens(ctx context.Context, eventID string) ([]registration.Staff, error) {
	var out []registration.Staff
	err := db.inReadTx(ctx, func(t *tx) error {
		out = nil
		return queryEach(ctx, t, `SELECT id, event_id, role, label, created_at, revoked_at FROM staff_tokens WHERE event_id = ? ORDER BY created_at, id`,
			[]any{eventID}, func(rows *sql.Rows) error {
				var s registration.Staff
				var created, revoked sql.NullTime
				if err := rows.Scan(&s.TokenID, &s.EventID, &s.Role, &s.Label, &created, &revoked); err != nil {
					return err
				}
				s.CreatedAt, s.RevokedAt = utc(created), optTime(revoked)
				out = append(out, s)
				return nil
			})
	})
	return out, err
}

// RevokeStaffToken revokes a staff token of an edition.
func (db *DB) RevokeStaffToken(ctx context.Context, eventID, tokenID string, at time.Time) error {
	return db.inWriteTx(ctx, func(t *tx) error {
		var role, label string
		err := t.queryRow(ctx, `UPDATE staff_tokens SET revoked_at = ? WHERE id = ? AND event_id = ? AND revoked_at IS NULL RETURNING role, label`,
			at, tokenID, eventID).Scan(&role, &label)
		if errors.Is(err, sql.ErrNoRows) {
			return program.Errorf(program.CodeNotFound, "no staff token %s in force in this edition", tokenID)
		}
		if err != nil {
			return fmt.Errorf("revoke staff token: %w", err)
		}
		return recordAudit(ctx, t, at, audit.StaffTokenRevoke, eventID, tokenID, map[string]string{"role": role, "label": label, "status": "in force"}, map[string]string{"status": "revoked"})
	})
}
