package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"convene/internal/audit"
	"convene/internal/fair"
	"convene/internal/program"
)

// A participant edits and withdraws what it posted (migration 0009). Each
// write names the row version it read and its owner, and both are
// conditions of the UPDATE itself, so a stale edit or someone else's is
// refused by the database. Like every fair write it bumps the fair's version
// first, which rebuilds the suggestion index, makes organiser forms shown
// before stale and, on PostgreSQL, holds the fair's row so that the counts
// read later in the transaction (items of a side, outcomes) cannot change
// under it. Withdrawal sets withdrawn_at and never deletes (see fair/edit.go
// for what it means for the rest of the fair).

// owned names a row a participant owns, at the version the writer read.
type owned struct {
	table, what string
	owner       string // the column naming the owner
	activityID  string
	id          string
	by          string // who writes: the owner column's value it must hold
	base        int64
}

func participantRow(p *fair.Participant, base int64) owned {
	return owned{table: "fair_participants", what: "participant", owner: "attendee_id", activityID: p.ActivityID, id: p.ID, by: p.AttendeeID, base: base}
}

func achievementRow(activityID, id, participantID string, base int64) owned {
	return owned{table: "fair_achievements", what: "achievement", owner: "participant_id", activityID: activityID, id: id, by: participantID, base: base}
}

func needRow(activityID, id, participantID string, base int64) owned {
	return owned{table: "fair_needs", what: "need", owner: "participant_id", activityID: activityID, id: id, by: participantID, base: base}
}

// updateOwned sets set (with args) on the row if it is still at its base
// version, held by its owner and not withdrawn, and returns its new version;
// otherwise it says which of the three failed.
func updateOwned(ctx context.Context, t *tx, r owned, set string, args ...any) (int64, error) {
	var v int64
	err := t.queryRow(ctx, `UPDATE `+r.table+` SET `+set+`, version = version + 1
		WHERE activity_id = ? AND id = ? AND `+r.owner+` = ? AND version = ? AND withdrawn_at IS NULL RETURNING version`,
		append(args, r.activityID, r.id, r.by, r.base)...).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, whyNotOwned(ctx, t, r)
	}
	if err != nil {
		return 0, fmt.Errorf("update %s: %w", r.what, err)
	}
	return v, nil
}

func whyNotOwned(ctx context.Context, t *tx, r owned) error {
	var holder sql.NullString
	var now int64
	var withdrawn sql.NullTime
	err := t.queryRow(ctx, `SELECT `+r.owner+`, version, withdrawn_at FROM `+r.table+` WHERE activity_id = ? AND id = ?`, r.activityID, r.id).Scan(&holder, &now, &withdrawn)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return program.Errorf(program.CodeNotFound, "no %s %s in this fair", r.what, r.id)
	case err != nil:
		return fmt.Errorf("read %s: %w", r.what, err)
	case holder.String != r.by:
		return program.Errorf(program.CodeForbidden, "only its owner may change or withdraw %s %s", r.what, r.id)
	case withdrawn.Valid:
		return program.Errorf(program.CodeNotFound, "%s %s was withdrawn", r.what, r.id)
	}
	return program.FieldErrorf(program.CodeConflict, "version", "stale", "the %s changed since version %d (it is at version %d now): reload it and make your change again", r.what, r.base, now)
}

// ownerMayPost refuses an item of a participant that withdrew or is no
// longer on the side the item belongs to (it may have changed since the
// caller read it).
func ownerMayPost(ctx context.Context, t *tx, participantID string, side fair.Side) error {
	var p fair.Participant
	err := t.queryRow(ctx, `SELECT side FROM fair_participants WHERE id = ? AND withdrawn_at IS NULL`, participantID).Scan(&p.Side)
	if errors.Is(err, sql.ErrNoRows) {
		return program.Errorf(program.CodeForbidden, "you have withdrawn from this fair")
	}
	if err != nil {
		return fmt.Errorf("read participant: %w", err)
	}
	if side == fair.SideSupply && !p.Supplies() || side == fair.SideDemand && !p.Demands() {
		return program.FieldErrorf(program.CodeInvalid, "participant", "side", "is not on the %s side", side)
	}
	return nil
}

// bothInFair refuses a request with a participant that has withdrawn.
func bothInFair(ctx context.Context, t *tx, a, b string) error {
	var n int
	if err := t.queryRow(ctx, `SELECT COUNT(*) FROM fair_participants WHERE id IN (?, ?) AND withdrawn_at IS NULL`, a, b).Scan(&n); err != nil {
		return fmt.Errorf("read participants: %w", err)
	}
	if n != 2 {
		return program.FieldErrorf(program.CodeConflict, "to", "withdrawn", "this participant has withdrawn from the fair")
	}
	return nil
}

// UpdateParticipant writes p (normalised) over the participant its attendee
// acts for, if it is still at version base; p.Version is the new version. A
// side that would leave posted items behind is refused (fair.CheckSide).
// Availability and unavailable slots move the fair's version like every
// write, so the organiser's page shows the schedule out of date.
func (db *DB) UpdateParticipant(ctx context.Context, p *fair.Participant, base int64) error {
	_, err := db.fairWrite(ctx, p.ActivityID, 0, func(t *tx, eventID string) error {
		before, err := scanParticipant(t.queryRow(ctx, `SELECT `+participantColumns+` FROM fair_participants WHERE activity_id = ? AND id = ?`, p.ActivityID, p.ID))
		if errors.Is(err, sql.ErrNoRows) {
			return program.Errorf(program.CodeNotFound, "no participant %s in this fair", p.ID)
		}
		if err != nil {
			return fmt.Errorf("read participant: %w", err)
		}
		v, err := updateOwned(ctx, t, participantRow(p, base),
			`org_zh = ?, org_en = ?, contact_name = ?, contact_email = ?, contact_phone = ?, side = ?, availability = ?, unavailable = ?`,
			p.Organisation.ZH, p.Organisation.EN, p.Contact.Name, p.Contact.Email, p.Contact.Phone, string(p.Side), string(p.Availability), joinInts(p.Unavailable))
		if err != nil {
			return err
		}
		var achievements, needs int
		if err := t.queryRow(ctx, `SELECT
				(SELECT COUNT(*) FROM fair_achievements WHERE participant_id = ? AND withdrawn_at IS NULL),
				(SELECT COUNT(*) FROM fair_needs WHERE participant_id = ? AND withdrawn_at IS NULL)`, p.ID, p.ID).Scan(&achievements, &needs); err != nil {
			return fmt.Errorf("count items: %w", err)
		}
		if err := p.CheckSide(achievements, needs); err != nil {
			return err
		}
		p.Version = v
		return recordAudit(ctx, t, db.now(), audit.FairParticipantUpdate, eventID, p.ID, before, p)
	})
	return err
}

// WithdrawParticipant withdraws the participant its attendee acts for, at
// version base: its achievements and needs with it, and its open requests
// and accepted meetings are cancelled, so the next schedule leaves them out.
// A participant whose meetings have outcomes recorded cannot withdraw: the
// fair's figures count them.
func (db *DB) WithdrawParticipant(ctx context.Context, p *fair.Participant, base int64) error {
	_, err := db.fairWrite(ctx, p.ActivityID, 0, func(t *tx, eventID string) error {
		now := db.now()
		if _, err := updateOwned(ctx, t, participantRow(p, base), `withdrawn_at = ?`, now); err != nil {
			return err
		}
		var outcomes int
		if err := t.queryRow(ctx, `SELECT COUNT(*) FROM fair_meetings WHERE activity_id = ? AND (from_id = ? OR to_id = ?) AND outcome <> 'none'`,
			p.ActivityID, p.ID, p.ID).Scan(&outcomes); err != nil {
			return fmt.Errorf("count outcomes: %w", err)
		}
		if outcomes > 0 {
			return program.Errorf(program.CodeConflict, "%d of your meetings have outcomes recorded, which the fair's figures count; ask the organiser", outcomes)
		}
		after := map[string]any{"withdrawn_at": now.UTC()}
		for _, table := range []string{"fair_achievements", "fair_needs"} {
			res, err := t.exec(ctx, `UPDATE `+table+` SET withdrawn_at = ?, version = version + 1 WHERE participant_id = ? AND withdrawn_at IS NULL`, now, p.ID)
			if err != nil {
				return fmt.Errorf("withdraw items: %w", err)
			}
			after[table[len("fair_"):]], _ = res.RowsAffected()
		}
		res, err := t.exec(ctx, `UPDATE fair_meetings SET status = 'cancelled', updated_at = ?
			WHERE activity_id = ? AND (from_id = ? OR to_id = ?) AND status IN ('requested', 'accepted')`, now, p.ActivityID, p.ID, p.ID)
		if err != nil {
			return fmt.Errorf("cancel meetings: %w", err)
		}
		after["meetings_cancelled"], _ = res.RowsAffected()
		return recordAudit(ctx, t, now, audit.FairParticipantWithdraw, eventID, p.ID, map[string]int64{"version": base}, after)
	})
	return err
}

// UpdateAchievement writes a (normalised) over the achievement of the same
// id if a.ParticipantID owns it and it is still at version base; a.Version
// is the new version.
func (db *DB) UpdateAchievement(ctx context.Context, a *fair.Achievement, base int64) error {
	_, err := db.fairWrite(ctx, a.ActivityID, 0, func(t *tx, eventID string) error {
		before, err := scanAchievement(t.queryRow(ctx, `SELECT `+achievementColumns+` FROM fair_achievements WHERE activity_id = ? AND id = ?`, a.ActivityID, a.ID))
		if errors.Is(err, sql.ErrNoRows) {
			return program.Errorf(program.CodeNotFound, "no achievement %s in this fair", a.ID)
		}
		if err != nil {
			return fmt.Errorf("read achievement: %w", err)
		}
		if a.Version, err = updateOwned(ctx, t, achievementRow(a.ActivityID, a.ID, a.ParticipantID, base),
			`title_zh = ?, title_en = ?, summary_zh = ?, summary_en = ?, field = ?, trl = ?, ip_type = ?, transfer_mode = ?`,
			a.Title.ZH, a.Title.EN, a.Summary.ZH, a.Summary.EN, a.Field, a.TRL, string(a.IP), string(a.Transfer)); err != nil {
			return err
		}
		return recordAudit(ctx, t, db.now(), audit.FairAchievementUpdate, eventID, a.ID, before, a)
	})
	return err
}

// UpdateNeed writes n (normalised) over the need of the same id if
// n.ParticipantID owns it and it is still at version base; n.Version is the
// new version.
func (db *DB) UpdateNeed(ctx context.Context, n *fair.Need, base int64) error {
	_, err := db.fairWrite(ctx, n.ActivityID, 0, func(t *tx, eventID string) error {
		before, err := scanNeed(t.queryRow(ctx, `SELECT `+needColumns+` FROM fair_needs WHERE activity_id = ? AND id = ?`, n.ActivityID, n.ID))
		if errors.Is(err, sql.ErrNoRows) {
			return program.Errorf(program.CodeNotFound, "no need %s in this fair", n.ID)
		}
		if err != nil {
			return fmt.Errorf("read need: %w", err)
		}
		if n.Version, err = updateOwned(ctx, t, needRow(n.ActivityID, n.ID, n.ParticipantID, base),
			`title_zh = ?, title_en = ?, summary_zh = ?, summary_en = ?, field = ?, min_trl = ?, budget_min = ?, budget_max = ?, region = ?`,
			n.Title.ZH, n.Title.EN, n.Summary.ZH, n.Summary.EN, n.Field, n.MinTRL, n.BudgetMin, n.BudgetMax, n.Region); err != nil {
			return err
		}
		return recordAudit(ctx, t, db.now(), audit.FairNeedUpdate, eventID, n.ID, before, n)
	})
	return err
}

// WithdrawAchievement withdraws achievement id of participant owner at
// version base: it leaves the listings and the suggestions; requests and
// meetings that named it stay.
func (db *DB) WithdrawAchievement(ctx context.Context, activityID, owner, id string, base int64) error {
	return db.withdrawItem(ctx, achievementRow(activityID, id, owner, base), audit.FairAchievementWithdraw)
}

// WithdrawNeed withdraws need id of participant owner at version base, as
// WithdrawAchievement does.
func (db *DB) WithdrawNeed(ctx context.Context, activityID, owner, id string, base int64) error {
	return db.withdrawItem(ctx, needRow(activityID, id, owner, base), audit.FairNeedWithdraw)
}

func (db *DB) withdrawItem(ctx context.Context, r owned, action string) error {
	_, err := db.fairWrite(ctx, r.activityID, 0, func(t *tx, eventID string) error {
		now := db.now()
		if _, err := updateOwned(ctx, t, r, `withdrawn_at = ?`, now); err != nil {
			return err
		}
		return recordAudit(ctx, t, now, action, eventID, r.id, map[string]int64{"version": r.base}, map[string]time.Time{"withdrawn_at": now.UTC()})
	})
	return err
}
