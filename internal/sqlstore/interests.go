package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"

	"convene/internal/program"
)

// What the timetable scheduler reads besides the program: theme-day
// membership and the activities attendees want (migration 0007).

// eventID returns the id of an edition, or a not-found error.
func eventID(ctx context.Context, t *tx, slug string) (string, error) {
	var id string
	err := t.queryRow(ctx, `SELECT id FROM events WHERE slug = ?`, slug).Scan(&id)
	if err == sql.ErrNoRows {
		return "", noEdition(slug)
	}
	return id, err
}

// activityIDs maps the slugs of an edition's activities to their ids.
func activityIDs(ctx context.Context, t *tx, eventID string) (map[string]string, error) {
	ids := map[string]string{}
	err := queryEach(ctx, t, `SELECT slug, id FROM activities WHERE event_id = ?`, []any{eventID}, func(r *sql.Rows) error {
		var slug, id string
		if err := r.Scan(&slug, &id); err != nil {
			return err
		}
		ids[slug] = id
		return nil
	})
	return ids, err
}

// SetThemeDay declares which activities (by slug) belong to the theme day
// of an edition on day, replacing its previous members. The day must be a
// theme day of the edition and every slug one of its activities.
func (db *DB) SetThemeDay(ctx context.Context, slug, day string, activities []string) error {
	return db.inWriteTx(ctx, func(t *tx) error {
		ev, err := eventID(ctx, t, slug)
		if err != nil {
			return err
		}
		var n int
		if err := t.queryRow(ctx, `SELECT COUNT(*) FROM theme_days WHERE event_id = ? AND day = ?`, ev, day).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return program.Invalidf("day", "%s has no theme day on %s", slug, day)
		}
		ids, err := activityIDs(ctx, t, ev)
		if err != nil {
			return err
		}
		if _, err := t.exec(ctx, `DELETE FROM theme_day_activities WHERE event_id = ? AND day = ?`, ev, day); err != nil {
			return fmt.Errorf("theme day %s: %w", day, err)
		}
		for _, a := range activities {
			id, ok := ids[a]
			if !ok {
				return program.Invalidf("activities", "%s has no activity %q", slug, a)
			}
			if _, err := t.exec(ctx, `INSERT INTO theme_day_activities (activity_id, event_id, day) VALUES (?, ?, ?)
				ON CONFLICT (activity_id) DO UPDATE SET day = excluded.day`, id, ev, day); err != nil {
				return fmt.Errorf("theme day %s: %w", day, err)
			}
		}
		return nil
	})
}

// DeclaredInterests counts the declared interests of an edition.
func (db *DB) DeclaredInterests(ctx context.Context, slug string) (int, error) {
	var n int
	err := db.readRow(ctx, `SELECT COUNT(*) FROM interests i JOIN events e ON e.id = i.event_id WHERE e.slug = ?`, slug).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("interests of %s: %w", slug, err)
	}
	return n, nil
}

// interestBatch bounds the rows of one INSERT (PostgreSQL allows 65,535
// parameters; SQLite 32,766).
const interestBatch = 500

// DeclareInterests records, per attendee key, the activities (by slug) they
// say they want to attend; interests already declared are kept. All or
// nothing: an unknown activity writes none.
func (db *DB) DeclareInterests(ctx context.Context, slug string, interests map[string][]string) error {
	return db.inWriteTx(ctx, func(t *tx) error {
		ev, err := eventID(ctx, t, slug)
		if err != nil {
			return err
		}
		ids, err := activityIDs(ctx, t, ev)
		if err != nil {
			return err
		}
		keys := make([]string, 0, len(interests))
		for k := range interests {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		var rows []any
		flush := func() error {
			if len(rows) == 0 {
				return nil
			}
			q := `INSERT INTO interests (event_id, attendee, activity_id) VALUES ` +
				strings.TrimSuffix(strings.Repeat("(?, ?, ?), ", len(rows)/3), ", ") + ` ON CONFLICT DO NOTHING`
			// Built per batch size: not worth a prepared statement.
			if _, err := t.tx.ExecContext(ctx, t.d.rebind(q), rows...); err != nil {
				return fmt.Errorf("declare interests: %w", err)
			}
			rows = rows[:0]
			return nil
		}
		for _, k := range keys {
			if k == "" {
				return program.Invalidf("attendee", "an interest names no attendee")
			}
			for _, a := range interests[k] {
				id, ok := ids[a]
				if !ok {
					return program.Invalidf("activity", "%s has no activity %q (wanted by %s)", slug, a, k)
				}
				rows = append(rows, ev, k, id)
				if len(rows) == 3*interestBatch {
					if err := flush(); err != nil {
						return err
					}
				}
			}
		}
		return flush()
	})
}

// AttendeeInterests reads what an edition's attendees want (attendee key
// → activity slugs): declared interests together with sign-ups (confirmed
// or waiting), a registered attendee's sign-ups keyed by the attendee's id.
func (db *DB) AttendeeInterests(ctx context.Context, slug string) (map[string][]string, error) {
	interest := map[string][]string{}
	err := db.inReadTx(ctx, func(t *tx) error {
		ev, err := eventID(ctx, t, slug)
		if err != nil {
			return err
		}
		return queryEach(ctx, t, `SELECT i.attendee, a.slug FROM interests i JOIN activities a ON a.id = i.activity_id WHERE i.event_id = ?
			UNION SELECT s.attendee_id, a.slug FROM signups s JOIN activities a ON a.id = s.activity_id WHERE s.event_id = ?
			ORDER BY 1, 2`, []any{ev, ev}, func(r *sql.Rows) error {
			var who, a string
			if err := r.Scan(&who, &a); err != nil {
				return err
			}
			interest[who] = append(interest[who], a)
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("interests of %s: %w", slug, err)
	}
	return interest, nil
}
