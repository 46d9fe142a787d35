package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"convene/internal/audit"
	"convene/internal/program"
)

// Edits of single items of the working copy. Each row carries a version;
// a write names the version its author read and changes nothing when the
// row moved on since (a conflict the author is told about), so two people
// editing one item never overwrite each other silently. Edits of different
// items do not conflict. Every edit bumps the edition's working revision
// (events.version) and is audited in its own transaction.

// claimRow bumps the version of the row of table matched by where (which
// binds args) if it is still base. It tells a stale version (conflict) from
// a missing row (not found).
func claimRow(ctx context.Context, t *tx, table, what, where string, base int64, args ...any) error {
	res, err := t.exec(ctx, `UPDATE `+table+` SET version = version + 1 WHERE `+where+` AND version = ?`, append(args, base)...)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil {
		return err
	} else if n == 1 {
		return nil
	}
	var cur int64
	err = t.queryRow(ctx, `SELECT version FROM `+table+` WHERE `+where, args...).Scan(&cur)
	if errors.Is(err, sql.ErrNoRows) {
		return program.Errorf(program.CodeNotFound, "no %s", what)
	}
	if err != nil {
		return err
	}
	return program.Errorf(program.CodeConflict, "%s was changed by someone else since version %d (it is at version %d now); reload it and make your change again", what, base, cur)
}

// touchEdition bumps the working revision of the edition after an edit.
func touchEdition(ctx context.Context, t *tx, eventID string, now time.Time) error {
	_, err := t.exec(ctx, `UPDATE events SET version = version + 1, updated_at = ? WHERE id = ?`, now, eventID)
	return err
}

// UpdateActivity writes rec over the activity of the same slug in the
// edition's working copy (with its speakers, hosts and themes) if the
// activity is still at version base, and returns its new version. before
// and after are what the audit log keeps of the change.
func (db *DB) UpdateActivity(ctx context.Context, event string, rec *program.ActivityRecord, base int64, before, after any) (int64, error) {
	now := db.now().UTC().Truncate(time.Second)
	err := db.inWriteTx(ctx, func(t *tx) error {
		var eventID string
		if err := t.queryRow(ctx, `SELECT id FROM events WHERE slug = ?`, event).Scan(&eventID); err != nil {
			if errors.Is(err, sql.ErrNoRows) {
				return noEdition(event)
			}
			return err
		}
		if err := claimRow(ctx, t, "activities", "activity "+rec.Slug, "event_id = ? AND slug = ?", base, eventID, rec.Slug); err != nil {
			return err
		}
		im := importer{t: t, ids: map[string]map[string]string{}, now: now}
		if err := im.load(ctx); err != nil {
			return err
		}
		sections, err := sectionIDs(ctx, t, eventID)
		if err != nil {
			return err
		}
		if err := im.updateActivity(ctx, eventID, sections, rec); err != nil {
			return err
		}
		if err := touchEdition(ctx, t, eventID, now); err != nil {
			return err
		}
		return recordAudit(ctx, t, now, audit.ActivityUpdate, eventID, rec.Slug, before, after)
	})
	if err != nil {
		if program.ErrorCode(err) != program.CodeInternal {
			return 0, err
		}
		return 0, fmt.Errorf("update activity %s: %w", rec.Slug, err)
	}
	return base + 1, nil
}

// sectionIDs maps the edition's section slugs to ids.
func sectionIDs(ctx context.Context, t *tx, eventID string) (map[string]string, error) {
	sections := map[string]string{}
	err := queryEach(ctx, t, `SELECT slug, id FROM sections WHERE event_id = ?`, []any{eventID}, func(r *sql.Rows) error {
		var s, id string
		if err := r.Scan(&s, &id); err != nil {
			return err
		}
		sections[s] = id
		return nil
	})
	return sections, err
}

// registerTables are the shared registers Has may ask about.
var registerTables = map[string]string{"room": "rooms", "person": "people", "organisation": "organisations", "venue": "venues", "theme": "themes"}

// Has reports whether the register of kind holds slug.
func (db *DB) Has(ctx context.Context, kind, slug string) (bool, error) {
	table, ok := registerTables[kind]
	if !ok {
		return false, fmt.Errorf("no register %q", kind)
	}
	var n int
	if err := db.readRow(ctx, `SELECT COUNT(*) FROM `+table+` WHERE slug = ?`, slug).Scan(&n); err != nil {
		return false, fmt.Errorf("look up %s %s: %w", kind, slug, err)
	}
	return n > 0, nil
}

// AllRooms lists every room of the register, by slug.
func (db *DB) AllRooms(ctx context.Context) ([]program.Room, error) {
	var out []program.Room
	err := db.inReadTx(ctx, func(t *tx) error {
		return queryEach(ctx, t, `SELECT id, venue_id, slug, name_zh, name_en, capacity, sample, version FROM rooms ORDER BY slug`, nil,
			func(r *sql.Rows) error {
				var x program.Room
				if err := r.Scan(&x.ID, &x.VenueID, &x.Slug, &x.Name.ZH, &x.Name.EN, &x.Capacity, &x.Sample, &x.Version); err != nil {
					return err
				}
				out = append(out, x)
				return nil
			})
	})
	if err != nil {
		return nil, fmt.Errorf("rooms: %w", err)
	}
	return out, nil
}

// UpdateItem writes columns of the row of table (people, organisations,
// rooms, or releases of the edition event) with slug if its version is still
// base, bumps the edition's working revision, and records action in the
// audit log. The columns come from the editing package's field lists, never
// from a request.
func (db *DB) UpdateItem(ctx context.Context, event, table, action, slug string, base int64, columns []string, args []any, before, after any) (int64, error) {
	now := db.now().UTC().Truncate(time.Second)
	err := db.inWriteTx(ctx, func(t *tx) error {
		var eventID string
		if err := t.queryRow(ctx, `SELECT id FROM events WHERE slug = ?`, event).Scan(&eventID); err != nil {
			if errors.Is(err, sql.ErrNoRows) {
				return noEdition(event)
			}
			return err
		}
		where, keys := "slug = ?", []any{slug}
		if table == "releases" {
			where, keys = "event_id = ? AND slug = ?", []any{eventID, slug}
		}
		if err := claimRow(ctx, t, table, table+" "+slug, where, base, keys...); err != nil {
			return err
		}
		set := ""
		for i, c := range columns {
			if i > 0 {
				set += ", "
			}
			set += c + " = ?"
		}
		if set != "" {
			if _, err := t.exec(ctx, `UPDATE `+table+` SET `+set+` WHERE `+where, append(append([]any{}, args...), keys...)...); err != nil {
				return err
			}
		}
		if err := touchEdition(ctx, t, eventID, now); err != nil {
			return err
		}
		return recordAudit(ctx, t, now, action, eventID, slug, before, after)
	})
	if err != nil {
		if program.ErrorCode(err) != program.CodeInternal {
			return 0, err
		}
		return 0, fmt.Errorf("update %s %s: %w", table, slug, err)
	}
	return base + 1, nil
}
