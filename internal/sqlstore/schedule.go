package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"convene/internal/audit"
	"convene/internal/program"
)

// ApplySchedule writes a timetable computed by the scheduler into the
// working copy of an edition: all the moves or none, in one transaction
// that first checks the edition is still at version base (and bumps it),
// bumps the version of every moved activity, and records one audit entry
// with where the activities were before, and where they go with the
// summary of the run. It returns the
// edition's new version. The public sees the moves once the edition is
// published.
func (db *DB) ApplySchedule(ctx context.Context, slug string, base int64, moves []program.Placement, summary any) (int64, error) {
	now := db.now().UTC().Truncate(time.Second)
	type place struct {
		Activity string     `json:"activity"`
		Room     string     `json:"room"`
		StartsAt *time.Time `json:"starts_at"`
		EndsAt   *time.Time `json:"ends_at"`
	}
	err := db.inWriteTx(ctx, func(t *tx) error {
		res, err := t.exec(ctx, `UPDATE events SET version = version + 1, updated_at = ? WHERE slug = ? AND version = ?`, now, slug, base)
		if err != nil {
			return fmt.Errorf("bump version: %w", err)
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n != 1 {
			return program.Errorf(program.CodeConflict, "edition %s changed while the timetable was being computed (or is gone); schedule it again", slug)
		}
		ev, err := eventID(ctx, t, slug)
		if err != nil {
			return err
		}
		before := make([]place, 0, len(moves))
		for _, m := range moves {
			var room sql.NullString
			var starts, ends sql.NullTime
			err := t.queryRow(ctx, `SELECT r.slug, a.starts_at, a.ends_at FROM activities a LEFT JOIN rooms r ON r.id = a.room_id
				WHERE a.event_id = ? AND a.slug = ?`, ev, m.Activity).Scan(&room, &starts, &ends)
			if err == sql.ErrNoRows {
				return program.Errorf(program.CodeConflict, "activity %s of %s is gone; schedule it again", m.Activity, slug)
			}
			if err != nil {
				return fmt.Errorf("read %s: %w", m.Activity, err)
			}
			before = append(before, place{Activity: m.Activity, Room: room.String, StartsAt: timePtr(starts), EndsAt: timePtr(ends)})
			res, err := t.exec(ctx, `UPDATE activities SET room_id = (SELECT id FROM rooms WHERE slug = ?), starts_at = ?, ends_at = ?,
				version = version + 1 WHERE event_id = ? AND slug = ? AND EXISTS (SELECT 1 FROM rooms WHERE slug = ?)`,
				m.Room, m.StartsAt.UTC(), m.EndsAt.UTC(), ev, m.Activity, m.Room)
			if err != nil {
				return fmt.Errorf("place %s: %w", m.Activity, err)
			}
			if n, err := res.RowsAffected(); err != nil {
				return err
			} else if n != 1 {
				return program.Invalidf("room", "no room %q for %s", m.Room, m.Activity)
			}
		}
		return recordAudit(ctx, t, now, audit.TimetableSchedule, ev, slug, before,
			map[string]any{"summary": summary, "moves": moves})
	})
	if err != nil {
		return 0, err
	}
	return base + 1, nil
}

func timePtr(t sql.NullTime) *time.Time {
	if !t.Valid {
		return nil
	}
	u := t.Time.UTC()
	return &u
}
