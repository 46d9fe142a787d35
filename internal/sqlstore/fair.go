package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"convene/internal/audit"
	"convene/internal/fair"
	"convene/internal/program"
)

// The matchmaking fair store (migrations/*/0008_fair.sql). Every write bumps
// the fair's version in its transaction; organiser writes name the version
// they read and are refused when it moved, so a schedule computed from
// requests that have changed since is never stored.

// ImportFair writes a whole fair (the sample data) in one transaction, with
// its audit entry, and reports true; a fair already present for the activity
// is left alone and reported false.
func (db *DB) ImportFair(ctx context.Context, ds *fair.Dataset) (bool, error) {
	created := false
	err := db.inWriteTx(ctx, func(t *tx) error {
		created = false
		var n int
		if err := t.queryRow(ctx, `SELECT COUNT(*) FROM fairs WHERE activity_id = ?`, ds.Fair.ActivityID).Scan(&n); err != nil {
			return fmt.Errorf("read fair: %w", err)
		}
		if n > 0 {
			return nil
		}
		f := ds.Fair
		_, err := t.exec(ctx, `INSERT INTO fairs (activity_id, event_id, starts_at, afternoon_starts_at, slot_minutes, slots, morning_slots, tables, scheduled_at, published_at, sample)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			f.ActivityID, f.EventID, f.StartsAt.UTC(), utcOrNil(f.AfternoonStartsAt), f.SlotMinutes, f.Slots, f.MorningSlots, f.Tables, utcPtr(f.ScheduledAt), utcPtr(f.PublishedAt), f.Sample)
		if err != nil {
			return fmt.Errorf("insert fair: %w", err)
		}
		for i := range ds.Participants {
			if err := insertParticipant(ctx, t, &ds.Participants[i]); err != nil {
				return err
			}
		}
		for i := range ds.Achievements {
			if err := insertAchievement(ctx, t, &ds.Achievements[i]); err != nil {
				return err
			}
		}
		for i := range ds.Needs {
			if err := insertNeed(ctx, t, &ds.Needs[i]); err != nil {
				return err
			}
		}
		for i := range ds.Meetings {
			if err := insertMeeting(ctx, t, &ds.Meetings[i]); err != nil {
				return err
			}
		}
		created = true
		return recordAudit(ctx, t, db.now(), audit.FairImport, f.EventID, f.ActivityID, nil, map[string]int{
			"participants": len(ds.Participants), "achievements": len(ds.Achievements), "needs": len(ds.Needs), "meetings": len(ds.Meetings)})
	})
	return created, err
}

func joinInts(xs []int) string {
	s := make([]string, len(xs))
	for i, x := range xs {
		s[i] = strconv.Itoa(x)
	}
	return strings.Join(s, ",")
}

func splitInts(s string) []int {
	var out []int
	for _, f := range strings.Split(s, ",") {
		if n, err := strconv.Atoi(f); err == nil {
			out = append(out, n)
		}
	}
	return out
}

func nullString(s string) sql.NullString { return sql.NullString{String: s, Valid: s != ""} }

func insertParticipant(ctx context.Context, t *tx, p *fair.Participant) error {
	_, err := t.exec(ctx, `INSERT INTO fair_participants (id, activity_id, attendee_id, org_zh, org_en, contact_name, contact_email, contact_phone, side, availability, unavailable, sample)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		p.ID, p.ActivityID, nullString(p.AttendeeID), p.Organisation.ZH, p.Organisation.EN, p.Contact.Name, p.Contact.Email, p.Contact.Phone,
		string(p.Side), string(p.Availability), joinInts(p.Unavailable), p.Sample)
	if isUniqueViolation(err) {
		// the attendee's row stays after a withdrawal, so this is also the
		// answer to joining again: a withdrawal is final
		return program.FieldErrorf(program.CodeConflict, "", "joined", "you have joined this fair already, or withdrew from it (a withdrawal is final)")
	}
	if err != nil {
		return fmt.Errorf("insert participant: %w", err)
	}
	return nil
}

func insertAchievement(ctx context.Context, t *tx, a *fair.Achievement) error {
	_, err := t.exec(ctx, `INSERT INTO fair_achievements (id, activity_id, participant_id, title_zh, title_en, summary_zh, summary_en, field, trl, ip_type, transfer_mode, sample)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		a.ID, a.ActivityID, a.ParticipantID, a.Title.ZH, a.Title.EN, a.Summary.ZH, a.Summary.EN, a.Field, a.TRL, string(a.IP), string(a.Transfer), a.Sample)
	if err != nil {
		return fmt.Errorf("insert achievement: %w", err)
	}
	return nil
}

func insertNeed(ctx context.Context, t *tx, n *fair.Need) error {
	_, err := t.exec(ctx, `INSERT INTO fair_needs (id, activity_id, participant_id, title_zh, title_en, summary_zh, summary_en, field, min_trl, budget_min, budget_max, region, sample)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		n.ID, n.ActivityID, n.ParticipantID, n.Title.ZH, n.Title.EN, n.Summary.ZH, n.Summary.EN, n.Field, n.MinTRL, n.BudgetMin, n.BudgetMax, n.Region, n.Sample)
	if err != nil {
		return fmt.Errorf("insert need: %w", err)
	}
	return nil
}

// insertMeeting writes a request; the pair's unique key refuses a second
// request between the same two participants, in either direction.
func insertMeeting(ctx context.Context, t *tx, m *fair.Meeting) error {
	if m.Outcome == "" {
		m.Outcome = fair.OutcomeNone
	}
	_, err := t.exec(ctx, `INSERT INTO fair_meetings (id, activity_id, from_id, to_id, pair_lo, pair_hi, achievement_id, need_id, status, fixed_slot, slot, table_no, outcome, amount_cny, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		m.ID, m.ActivityID, m.From, m.To, min(m.From, m.To), max(m.From, m.To), nullString(m.AchievementID), nullString(m.NeedID), string(m.Status),
		m.FixedSlot, m.Slot, m.Table, string(m.Outcome), m.AmountCNY, m.CreatedAt.UTC(), m.UpdatedAt.UTC())
	if isUniqueViolation(err) {
		return program.FieldErrorf(program.CodeConflict, "to", "duplicate_pair", "these two participants already have a meeting request between them")
	}
	if err != nil {
		return fmt.Errorf("insert meeting: %w", err)
	}
	return nil
}

// bumpFair raises the fair's version and returns the new one. With base > 0
// the write is the organiser's and is refused unless the version is still
// base.
func bumpFair(ctx context.Context, t *tx, activityID string, base int64) (int64, error) {
	q, args := `UPDATE fairs SET version = version + 1 WHERE activity_id = ? RETURNING version`, []any{activityID}
	if base > 0 {
		q, args = `UPDATE fairs SET version = version + 1 WHERE activity_id = ? AND version = ? RETURNING version`, []any{activityID, base}
	}
	var v int64
	err := t.queryRow(ctx, q, args...).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		var now int64
		if err := t.queryRow(ctx, `SELECT version FROM fairs WHERE activity_id = ?`, activityID).Scan(&now); errors.Is(err, sql.ErrNoRows) {
			return 0, program.Errorf(program.CodeNotFound, "this activity has no matchmaking fair")
		}
		return 0, program.FieldErrorf(program.CodeConflict, "version", "stale", "the fair changed since version %d (it is at version %d now): reload and try again", base, now)
	}
	if err != nil {
		return 0, fmt.Errorf("bump fair version: %w", err)
	}
	return v, nil
}

const fairColumns = `activity_id, event_id, starts_at, afternoon_starts_at, slot_minutes, slots, morning_slots, tables, version, scheduled_at, published_at, sample`

func scanFair(row interface{ Scan(...any) error }) (*fair.Fair, error) {
	var f fair.Fair
	var starts, afternoon, scheduled, published sql.NullTime
	if err := row.Scan(&f.ActivityID, &f.EventID, &starts, &afternoon, &f.SlotMinutes, &f.Slots, &f.MorningSlots, &f.Tables, &f.Version, &scheduled, &published, &f.Sample); err != nil {
		return nil, err
	}
	f.StartsAt, f.AfternoonStartsAt = utc(starts), utc(afternoon)
	f.ScheduledAt, f.PublishedAt = optTime(scheduled), optTime(published)
	return &f, nil
}

// FairVersion returns the version of the fair of an activity: caches of the
// fair hold while it stays the same.
func (db *DB) FairVersion(ctx context.Context, activityID string) (int64, error) {
	var v int64
	err := db.readRow(ctx, `SELECT version FROM fairs WHERE activity_id = ?`, activityID).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, program.Errorf(program.CodeNotFound, "this activity has no matchmaking fair")
	}
	if err != nil {
		return 0, fmt.Errorf("read fair version: %w", err)
	}
	return v, nil
}

// FairDataset reads the whole fair of an activity in one consistent view.
func (db *DB) FairDataset(ctx context.Context, activityID string) (*fair.Dataset, error) {
	var ds *fair.Dataset
	err := db.inReadTx(ctx, func(t *tx) error {
		var err error
		ds, err = readFair(ctx, t, activityID)
		return err
	})
	return ds, err
}

func readFair(ctx context.Context, t *tx, activityID string) (*fair.Dataset, error) {
	f, err := scanFair(t.queryRow(ctx, `SELECT `+fairColumns+` FROM fairs WHERE activity_id = ?`, activityID))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, program.Errorf(program.CodeNotFound, "this activity has no matchmaking fair")
	}
	if err != nil {
		return nil, fmt.Errorf("read fair: %w", err)
	}
	ds := &fair.Dataset{Fair: *f}
	args := []any{activityID}
	// withdrawn rows stay in the tables for the audit log and the outcomes,
	// and out of the fair as it is read
	err = queryEach(ctx, t, `SELECT `+participantColumns+` FROM fair_participants WHERE activity_id = ? AND withdrawn_at IS NULL ORDER BY id`, args, func(rows *sql.Rows) error {
		p, err := scanParticipant(rows)
		if err == nil {
			ds.Participants = append(ds.Participants, *p)
		}
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("read participants: %w", err)
	}
	err = queryEach(ctx, t, `SELECT `+achievementColumns+` FROM fair_achievements WHERE activity_id = ? AND withdrawn_at IS NULL ORDER BY id`, args, func(rows *sql.Rows) error {
		a, err := scanAchievement(rows)
		if err == nil {
			ds.Achievements = append(ds.Achievements, *a)
		}
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("read achievements: %w", err)
	}
	err = queryEach(ctx, t, `SELECT `+needColumns+` FROM fair_needs WHERE activity_id = ? AND withdrawn_at IS NULL ORDER BY id`, args, func(rows *sql.Rows) error {
		n, err := scanNeed(rows)
		if err == nil {
			ds.Needs = append(ds.Needs, *n)
		}
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("read needs: %w", err)
	}
	err = queryEach(ctx, t, `SELECT `+meetingColumns+` FROM fair_meetings WHERE activity_id = ? ORDER BY id`, args, func(rows *sql.Rows) error {
		m, err := scanMeeting(rows)
		if err == nil {
			ds.Meetings = append(ds.Meetings, *m)
		}
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("read meetings: %w", err)
	}
	return ds, nil
}

const participantColumns = `id, activity_id, COALESCE(attendee_id, ''), org_zh, org_en, contact_name, contact_email, contact_phone, side, availability, unavailable, version, sample`

func scanParticipant(row interface{ Scan(...any) error }) (*fair.Participant, error) {
	var p fair.Participant
	var unavailable string
	if err := row.Scan(&p.ID, &p.ActivityID, &p.AttendeeID, &p.Organisation.ZH, &p.Organisation.EN, &p.Contact.Name, &p.Contact.Email, &p.Contact.Phone,
		&p.Side, &p.Availability, &unavailable, &p.Version, &p.Sample); err != nil {
		return nil, err
	}
	p.Unavailable = splitInts(unavailable)
	return &p, nil
}

const achievementColumns = `id, activity_id, participant_id, title_zh, title_en, summary_zh, summary_en, field, trl, ip_type, transfer_mode, version, sample`

func scanAchievement(row interface{ Scan(...any) error }) (*fair.Achievement, error) {
	var a fair.Achievement
	err := row.Scan(&a.ID, &a.ActivityID, &a.ParticipantID, &a.Title.ZH, &a.Title.EN, &a.Summary.ZH, &a.Summary.EN, &a.Field, &a.TRL, &a.IP, &a.Transfer, &a.Version, &a.Sample)
	return &a, err
}

const needColumns = `id, activity_id, participant_id, title_zh, title_en, summary_zh, summary_en, field, min_trl, budget_min, budget_max, region, version, sample`

func scanNeed(row interface{ Scan(...any) error }) (*fair.Need, error) {
	var n fair.Need
	err := row.Scan(&n.ID, &n.ActivityID, &n.ParticipantID, &n.Title.ZH, &n.Title.EN, &n.Summary.ZH, &n.Summary.EN, &n.Field, &n.MinTRL, &n.BudgetMin, &n.BudgetMax, &n.Region, &n.Version, &n.Sample)
	return &n, err
}

const meetingColumns = `id, activity_id, from_id, to_id, COALESCE(achievement_id, ''), COALESCE(need_id, ''), status, fixed_slot, slot, table_no, outcome, amount_cny, created_at, updated_at`

func scanMeeting(row interface{ Scan(...any) error }) (*fair.Meeting, error) {
	var m fair.Meeting
	var created, updated sql.NullTime
	if err := row.Scan(&m.ID, &m.ActivityID, &m.From, &m.To, &m.AchievementID, &m.NeedID, &m.Status, &m.FixedSlot, &m.Slot, &m.Table, &m.Outcome, &m.AmountCNY, &created, &updated); err != nil {
		return nil, err
	}
	m.CreatedAt, m.UpdatedAt = utc(created), utc(updated)
	return &m, nil
}

func readMeeting(ctx context.Context, t *tx, activityID, id string) (*fair.Meeting, error) {
	m, err := scanMeeting(t.queryRow(ctx, `SELECT `+meetingColumns+` FROM fair_meetings WHERE activity_id = ? AND id = ?`, activityID, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, program.Errorf(program.CodeNotFound, "no meeting %s in this fair", id)
	}
	if err != nil {
		return nil, fmt.Errorf("read meeting: %w", err)
	}
	return m, nil
}

// AddParticipant adds a participant (an attendee joining the fair).
func (db *DB) AddParticipant(ctx context.Context, p *fair.Participant) error {
	p.ID, p.Version = newID(), 1
	return db.inWriteTx(ctx, func(t *tx) error {
		if _, err := bumpFair(ctx, t, p.ActivityID, 0); err != nil {
			return err
		}
		return insertParticipant(ctx, t, p)
	})
}

// AddAchievement adds an achievement of a participant still on the supply
// side and in the fair.
func (db *DB) AddAchievement(ctx context.Context, a *fair.Achievement) error {
	a.ID, a.Version = newID(), 1
	return db.inWriteTx(ctx, func(t *tx) error {
		if _, err := bumpFair(ctx, t, a.ActivityID, 0); err != nil {
			return err
		}
		if err := ownerMayPost(ctx, t, a.ParticipantID, fair.SideSupply); err != nil {
			return err
		}
		return insertAchievement(ctx, t, a)
	})
}

// AddNeed adds a need of a participant still on the demand side and in the
// fair.
func (db *DB) AddNeed(ctx context.Context, n *fair.Need) error {
	n.ID, n.Version = newID(), 1
	return db.inWriteTx(ctx, func(t *tx) error {
		if _, err := bumpFair(ctx, t, n.ActivityID, 0); err != nil {
			return err
		}
		if err := ownerMayPost(ctx, t, n.ParticipantID, fair.SideDemand); err != nil {
			return err
		}
		return insertNeed(ctx, t, n)
	})
}

// RequestMeeting records a participant's request; a second request of the
// same pair, from either side, is a conflict that changes nothing.
func (db *DB) RequestMeeting(ctx context.Context, m *fair.Meeting) error {
	m.ID, m.Status = newID(), fair.StatusRequested
	m.CreatedAt, m.UpdatedAt = db.now(), db.now()
	return db.inWriteTx(ctx, func(t *tx) error {
		if _, err := bumpFair(ctx, t, m.ActivityID, 0); err != nil {
			return err
		}
		if err := bothInFair(ctx, t, m.From, m.To); err != nil {
			return err
		}
		return insertMeeting(ctx, t, m)
	})
}

// AnswerMeeting accepts or declines a request as participant by; only a
// request still open changes, so two answers cannot both win.
func (db *DB) AnswerMeeting(ctx context.Context, activityID, id, by string, status fair.Status) (*fair.Meeting, error) {
	var out *fair.Meeting
	err := db.inWriteTx(ctx, func(t *tx) error {
		m, err := readMeeting(ctx, t, activityID, id)
		if err != nil {
			return err
		}
		if err := fair.CheckAnswer(m, by, status); err != nil {
			return err
		}
		res, err := t.exec(ctx, `UPDATE fair_meetings SET status = ?, updated_at = ? WHERE id = ? AND status = 'requested'`, string(status), db.now(), id)
		if err != nil {
			return fmt.Errorf("answer meeting: %w", err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return program.Errorf(program.CodeConflict, "this request was answered meanwhile")
		}
		if _, err := bumpFair(ctx, t, activityID, 0); err != nil {
			return err
		}
		m.Status = status
		out = m
		return nil
	})
	return out, err
}

// AddMeeting is the organiser adding an accepted meeting at fair version base.
func (db *DB) AddMeeting(ctx context.Context, base int64, m *fair.Meeting) (int64, error) {
	m.ID, m.Status = newID(), fair.StatusAccepted
	m.CreatedAt, m.UpdatedAt = db.now(), db.now()
	return db.organiserWrite(ctx, m.ActivityID, base, func(t *tx, eventID string) error {
		if err := insertMeeting(ctx, t, m); err != nil {
			return err
		}
		return recordAudit(ctx, t, db.now(), audit.FairMeetingAdd, eventID, m.ID, nil, m)
	})
}

// RemoveMeeting is the organiser removing a meeting at fair version base.
func (db *DB) RemoveMeeting(ctx context.Context, activityID string, base int64, id string) (int64, error) {
	return db.organiserWrite(ctx, activityID, base, func(t *tx, eventID string) error {
		m, err := readMeeting(ctx, t, activityID, id)
		if err != nil {
			return err
		}
		if _, err := t.exec(ctx, `DELETE FROM fair_meetings WHERE id = ?`, id); err != nil {
			return fmt.Errorf("remove meeting: %w", err)
		}
		return recordAudit(ctx, t, db.now(), audit.FairMeetingRemove, eventID, id, m, nil)
	})
}

// FixMeeting is the organiser fixing an accepted meeting to a slot (0 frees
// it) at fair version base.
func (db *DB) FixMeeting(ctx context.Context, activityID string, base int64, id string, slot int) (int64, error) {
	return db.organiserWrite(ctx, activityID, base, func(t *tx, eventID string) error {
		m, err := readMeeting(ctx, t, activityID, id)
		if err != nil {
			return err
		}
		if m.Status != fair.StatusAccepted {
			return program.Errorf(program.CodeConflict, "only accepted meetings can be fixed to a slot; this one is %s", m.Status)
		}
		if _, err := t.exec(ctx, `UPDATE fair_meetings SET fixed_slot = ?, updated_at = ? WHERE id = ?`, slot, db.now(), id); err != nil {
			return fmt.Errorf("fix meeting: %w", err)
		}
		return recordAudit(ctx, t, db.now(), audit.FairMeetingFix, eventID, id, map[string]int{"fixed_slot": m.FixedSlot}, map[string]int{"fixed_slot": slot})
	})
}

// organiserWrite runs fn after moving the fair from version base to the
// next, and returns the new version.
func (db *DB) organiserWrite(ctx context.Context, activityID string, base int64, fn func(t *tx, eventID string) error) (int64, error) {
	if base < 1 {
		return 0, program.FieldErrorf(program.CodeInvalid, "version", "required", "name the fair version the change is based on")
	}
	return db.fairWrite(ctx, activityID, base, fn)
}

// fairWrite runs fn after moving the fair to its next version (from base
// when base > 0, from whatever it is otherwise) and returns the new version.
func (db *DB) fairWrite(ctx context.Context, activityID string, base int64, fn func(t *tx, eventID string) error) (int64, error) {
	var v int64
	err := db.inWriteTx(ctx, func(t *tx) error {
		var err error
		if v, err = bumpFair(ctx, t, activityID, base); err != nil {
			return err
		}
		var eventID string
		if err := t.queryRow(ctx, `SELECT event_id FROM fairs WHERE activity_id = ?`, activityID).Scan(&eventID); err != nil {
			return fmt.Errorf("read fair: %w", err)
		}
		return fn(t, eventID)
	})
	return v, err
}

// SaveSchedule stores a schedule computed at fair version base: every
// accepted meeting gets its slot and table, all at once or not at all. The
// schedule is unpublished until PublishSchedule.
func (db *DB) SaveSchedule(ctx context.Context, activityID string, base int64, as []fair.Assignment) (int64, error) {
	return db.organiserWrite(ctx, activityID, base, func(t *tx, eventID string) error {
		var accepted int
		if err := t.queryRow(ctx, `SELECT COUNT(*) FROM fair_meetings WHERE activity_id = ? AND status = 'accepted'`, activityID).Scan(&accepted); err != nil {
			return fmt.Errorf("count meetings: %w", err)
		}
		if accepted != len(as) {
			return program.Errorf(program.CodeConflict, "the schedule places %d meetings but the fair has %d accepted ones", len(as), accepted)
		}
		var slots, tables int
		if err := t.queryRow(ctx, `SELECT slots, tables FROM fairs WHERE activity_id = ?`, activityID).Scan(&slots, &tables); err != nil {
			return fmt.Errorf("read fair: %w", err)
		}
		seen := make(map[string]bool, len(as))
		for _, a := range as {
			if seen[a.MeetingID] || a.Slot < 1 || a.Slot > slots || a.Table < 1 || a.Table > tables {
				return program.Errorf(program.CodeInvalid, "meeting %s: placed twice, or at slot %d table %d outside the fair's %d slots and %d tables", a.MeetingID, a.Slot, a.Table, slots, tables)
			}
			seen[a.MeetingID] = true
		}
		now := db.now()
		// clear first: moving meetings one by one would collide on the table key
		if _, err := t.exec(ctx, `UPDATE fair_meetings SET slot = 0, table_no = 0 WHERE activity_id = ?`, activityID); err != nil {
			return fmt.Errorf("clear schedule: %w", err)
		}
		for _, a := range as {
			res, err := t.exec(ctx, `UPDATE fair_meetings SET slot = ?, table_no = ?, updated_at = ? WHERE activity_id = ? AND id = ? AND status = 'accepted'`,
				a.Slot, a.Table, now, activityID, a.MeetingID)
			if isUniqueViolation(err) {
				return program.Errorf(program.CodeConflict, "two meetings at table %d in slot %d", a.Table, a.Slot)
			}
			if err != nil {
				return fmt.Errorf("schedule meeting: %w", err)
			}
			if n, _ := res.RowsAffected(); n != 1 {
				return program.Errorf(program.CodeConflict, "meeting %s is not an accepted meeting of this fair", a.MeetingID)
			}
		}
		if _, err := t.exec(ctx, `UPDATE fairs SET scheduled_at = ?, published_at = NULL WHERE activity_id = ?`, now, activityID); err != nil {
			return fmt.Errorf("mark scheduled: %w", err)
		}
		return recordAudit(ctx, t, now, audit.FairSchedule, eventID, activityID, nil, map[string]int{"meetings": len(as), "version": int(base + 1)})
	})
}

// PublishSchedule shows the stored schedule to the participants.
func (db *DB) PublishSchedule(ctx context.Context, activityID string, base int64) (int64, error) {
	return db.organiserWrite(ctx, activityID, base, func(t *tx, eventID string) error {
		now := db.now()
		res, err := t.exec(ctx, `UPDATE fairs SET published_at = ? WHERE activity_id = ? AND scheduled_at IS NOT NULL`, now, activityID)
		if err != nil {
			return fmt.Errorf("publish schedule: %w", err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return program.Errorf(program.CodeConflict, "there is no schedule to publish: run the scheduler first")
		}
		return recordAudit(ctx, t, now, audit.FairPublish, eventID, activityID, nil, map[string]any{"published_at": now.UTC()})
	})
}

// SetOutcome records what came of a scheduled meeting, at fair version
// base like every organiser write, so two organisers recording outcomes
// never overwrite each other unseen.
func (db *DB) SetOutcome(ctx context.Context, activityID string, base int64, id string, o fair.Outcome, amountCNY int64) (*fair.Meeting, error) {
	if err := fair.CheckOutcome(o, amountCNY); err != nil {
		return nil, err
	}
	var out *fair.Meeting
	_, err := db.organiserWrite(ctx, activityID, base, func(t *tx, eventID string) error {
		m, err := readMeeting(ctx, t, activityID, id)
		if err != nil {
			return err
		}
		if m.Slot == 0 {
			return program.Errorf(program.CodeConflict, "meeting %s was not scheduled, so it has no outcome", id)
		}
		if _, err := t.exec(ctx, `UPDATE fair_meetings SET outcome = ?, amount_cny = ?, updated_at = ? WHERE id = ?`, string(o), amountCNY, db.now(), id); err != nil {
			return fmt.Errorf("set outcome: %w", err)
		}
		before := map[string]any{"outcome": m.Outcome, "amount_cny": m.AmountCNY}
		m.Outcome, m.AmountCNY = o, amountCNY
		out = m
		return recordAudit(ctx, t, db.now(), audit.FairOutcome, eventID, id, before, map[string]any{"outcome": o, "amount_cny": amountCNY})
	})
	return out, err
}

// FairActivities lists the activities of an edition that have a fair.
func (db *DB) FairActivities(ctx context.Context, eventID string) ([]string, error) {
	var out []string
	err := db.inReadTx(ctx, func(t *tx) error {
		out = nil
		return queryEach(ctx, t, `SELECT activity_id FROM fairs WHERE event_id = ? ORDER BY activity_id`, []any{eventID}, func(rows *sql.Rows) error {
			var id string
			err := rows.Scan(&id)
			out = append(out, id)
			return err
		})
	})
	return out, err
}

// MatchmakingStats sums the figures of an edition's fairs: participants,
// meetings held (scheduled meetings of published fairs, none cancelled), agreements
// (intentions and contracts), contracts and their amount. It returns nil when
// the edition (by slug) has no fair.
func (db *DB) MatchmakingStats(ctx context.Context, event string) (*program.MatchmakingStats, error) {
	var s program.MatchmakingStats
	var fairs int
	err := db.inReadTx(ctx, func(t *tx) error {
		if err := t.queryRow(ctx, `SELECT COUNT(*) FROM fairs f JOIN events e ON e.id = f.event_id WHERE e.slug = ?`, event).Scan(&fairs); err != nil {
			return err
		}
		if err := t.queryRow(ctx, `SELECT COUNT(*) FROM fair_participants p JOIN fairs f ON f.activity_id = p.activity_id JOIN events e ON e.id = f.event_id
			WHERE e.slug = ? AND p.withdrawn_at IS NULL`, event).Scan(&s.Participants); err != nil {
			return err
		}
		return t.queryRow(ctx, `SELECT COUNT(*),
				COALESCE(SUM(CASE WHEN m.outcome IN ('intention', 'contract') THEN 1 ELSE 0 END), 0),
				COALESCE(SUM(CASE WHEN m.outcome = 'contract' THEN 1 ELSE 0 END), 0),
				COALESCE(SUM(m.amount_cny), 0)
			FROM fair_meetings m JOIN fairs f ON f.activity_id = m.activity_id JOIN events e ON e.id = f.event_id
			WHERE e.slug = ? AND f.published_at IS NOT NULL AND m.slot > 0 AND m.status = 'accepted'`, event).Scan(&s.Meetings, &s.Agreements, &s.Contracts, &s.AmountCNY)
	})
	if err != nil {
		return nil, fmt.Errorf("matchmaking figures: %w", err)
	}
	if fairs == 0 {
		return nil, nil
	}
	return &s, nil
}
