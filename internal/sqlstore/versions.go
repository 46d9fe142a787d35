package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"convene/internal/audit"
	"convene/internal/program"
)

// Published versions. The program's tables are the working copy; publishing
// copies what the public may see (activities not in draft, and what they
// reference) into program_versions as one JSON snapshot with the changelog
// against the version before. The public site, the API and the feeds read
// only snapshots, so edits stay drafts until the secretariat publishes, and
// a snapshot never changes once written.

// EventVersions returns the published version of every public edition. It
// is the cheap question asked for every request to decide whether cached
// snapshots hold; the table has a row per edition, a handful.
func (db *DB) EventVersions(ctx context.Context) (map[string]int64, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT slug, published_version FROM events WHERE published_version > 0`)
	if err != nil {
		return nil, fmt.Errorf("event versions: %w", err)
	}
	defer rows.Close()
	versions := map[string]int64{}
	for rows.Next() {
		var slug string
		var v int64
		if err := rows.Scan(&slug, &v); err != nil {
			return nil, fmt.Errorf("event versions: %w", err)
		}
		versions[slug] = v
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("event versions: %w", err)
	}
	return versions, nil
}

// LoadEdition reads the last published version of an edition. Its
// Event.Version is the version's number and Event.UpdatedAt when it was
// published. An edition never published is not found.
func (db *DB) LoadEdition(ctx context.Context, slug string) (*program.Edition, error) {
	var number int64
	var at time.Time
	var snapshot string
	err := db.read.QueryRowContext(ctx, db.dialect.rebind(`SELECT v.number, v.published_at, v.snapshot FROM program_versions v
		JOIN events e ON e.id = v.event_id AND v.number = e.published_version WHERE e.slug = ?`), slug).Scan(&number, &at, &snapshot)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, noEdition(slug)
	}
	if err != nil {
		return nil, fmt.Errorf("load edition %s: %w", slug, err)
	}
	var p program.Parts
	if err := json.Unmarshal([]byte(snapshot), &p); err != nil {
		return nil, fmt.Errorf("load edition %s: version %d: %w", slug, number, err)
	}
	p.Event.Version, p.Event.UpdatedAt = number, at.UTC()
	return program.NewEdition(p), nil
}

// Publish makes the working copy of an edition its next published version
// and returns it with its changelog. With dryRun nothing is written: the
// answer is what publishing now would change. The actor comes from ctx.
func (db *DB) Publish(ctx context.Context, slug string, dryRun bool) (program.Version, error) {
	var v program.Version
	run := db.inWriteTx
	if dryRun {
		run = db.inReadTx
	}
	err := run(ctx, func(t *tx) error {
		var err error
		v, err = publish(ctx, t, slug, db.now().UTC().Truncate(time.Second), dryRun)
		return err
	})
	if err != nil {
		if program.ErrorCode(err) != program.CodeInternal {
			return v, err
		}
		return v, fmt.Errorf("publish %s: %w", slug, err)
	}
	return v, nil
}

// publish writes the next version of the edition inside t (unless dryRun).
func publish(ctx context.Context, t *tx, slug string, now time.Time, dryRun bool) (program.Version, error) {
	return publishParts(ctx, t, slug, now, dryRun, partsOf{themeDays: true})
}

func publishParts(ctx context.Context, t *tx, slug string, now time.Time, dryRun bool, of partsOf) (program.Version, error) {
	next, err := readParts(ctx, t, slug, of)
	if err != nil {
		return program.Version{}, err
	}
	var current int64
	if err := t.queryRow(ctx, `SELECT published_version FROM events WHERE id = ?`, next.Event.ID).Scan(&current); err != nil {
		return program.Version{}, err
	}
	nextEd := program.NewEdition(next)
	v := program.Version{Number: current + 1, PublishedAt: now, PublishedBy: audit.Actor(ctx)}
	if current > 0 {
		prev, err := versionParts(ctx, t, next.Event.ID, current)
		if err != nil {
			return v, err
		}
		v.Changes = program.Changelog(program.NewEdition(prev), nextEd)
	}
	// The working revision and its time are no part of what the public
	// sees: without them, an unchanged program gives the same snapshot.
	next.Event.Version, next.Event.UpdatedAt = 0, time.Time{}
	snapshot, err := json.Marshal(next)
	if err != nil {
		return v, err
	}
	if current > 0 {
		var same int
		if err := t.queryRow(ctx, `SELECT COUNT(*) FROM program_versions WHERE event_id = ? AND number = ? AND snapshot = ?`,
			next.Event.ID, current, string(snapshot)).Scan(&same); err != nil {
			return v, err
		}
		if same > 0 {
			return v, &program.Error{Code: program.CodeConflict, Err: errUnchanged,
				Message: fmt.Sprintf("nothing to publish: the public program is as in version %d", current)}
		}
	}
	if dryRun {
		return v, nil
	}
	changes, err := json.Marshal(nonNilChanges(v.Changes))
	if err != nil {
		return v, err
	}
	racing := program.Errorf(program.CodeConflict, "edition %s was published by someone else meanwhile; look at the new version and publish again", slug)
	if _, err := t.exec(ctx, `INSERT INTO program_versions (event_id, number, published_at, published_by, snapshot, changes)
		VALUES (?, ?, ?, ?, ?, ?)`, next.Event.ID, v.Number, now, v.PublishedBy, string(snapshot), string(changes)); err != nil {
		if isUniqueViolation(err) {
			return v, racing
		}
		return v, fmt.Errorf("version %d: %w", v.Number, err)
	}
	// The conditional update makes two publishers racing on the same
	// version fail on the primary key above or here, never both succeed.
	res, err := t.exec(ctx, `UPDATE events SET published_version = ? WHERE id = ? AND published_version = ?`, v.Number, next.Event.ID, current)
	if err != nil {
		return v, err
	}
	if n, err := res.RowsAffected(); err != nil {
		return v, err
	} else if n != 1 {
		return v, racing
	}
	return v, recordAudit(ctx, t, now, audit.ProgramPublish, next.Event.ID, slug, nil,
		map[string]int64{"version": v.Number, "changes": int64(len(v.Changes))})
}

// errUnchanged marks a publication refused because nothing public changed.
var errUnchanged = errors.New("unchanged")

// IsUnchanged reports whether err refused to publish an unchanged program.
func IsUnchanged(err error) bool { return errors.Is(err, errUnchanged) }

func nonNilChanges(cs []program.Change) []program.Change {
	if cs == nil {
		return []program.Change{}
	}
	return cs
}

func versionParts(ctx context.Context, t *tx, eventID string, number int64) (program.Parts, error) {
	var p program.Parts
	var snapshot string
	if err := t.queryRow(ctx, `SELECT snapshot FROM program_versions WHERE event_id = ? AND number = ?`, eventID, number).Scan(&snapshot); err != nil {
		return p, fmt.Errorf("version %d: %w", number, err)
	}
	return p, json.Unmarshal([]byte(snapshot), &p)
}

// PublishedVersion is the number of the edition's last published version (0
// when never published).
func (db *DB) PublishedVersion(ctx context.Context, slug string) (int64, error) {
	var n int64
	err := db.readRow(ctx, `SELECT published_version FROM events WHERE slug = ?`, slug).Scan(&n)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, noEdition(slug)
	}
	return n, err
}

// ProgramVersions lists the published versions of an edition, newest first,
// with their changelogs.
func (db *DB) ProgramVersions(ctx context.Context, slug string) ([]program.Version, error) {
	var out []program.Version
	err := db.inReadTx(ctx, func(t *tx) error {
		var eventID string
		if err := t.queryRow(ctx, `SELECT id FROM events WHERE slug = ? AND published_version > 0`, slug).Scan(&eventID); err != nil {
			if errors.Is(err, sql.ErrNoRows) {
				return noEdition(slug)
			}
			return err
		}
		return queryEach(ctx, t, `SELECT number, published_at, published_by, changes FROM program_versions
			WHERE event_id = ? ORDER BY number DESC`, []any{eventID}, func(r *sql.Rows) error {
			var v program.Version
			var changes string
			if err := r.Scan(&v.Number, &v.PublishedAt, &v.PublishedBy, &changes); err != nil {
				return err
			}
			v.PublishedAt = v.PublishedAt.UTC()
			if err := json.Unmarshal([]byte(changes), &v.Changes); err != nil {
				return fmt.Errorf("version %d: %w", v.Number, err)
			}
			out = append(out, v)
			return nil
		})
	})
	if err != nil && program.ErrorCode(err) == program.CodeInternal {
		return nil, fmt.Errorf("versions of %s: %w", slug, err)
	}
	return out, err
}

// publishExisting is the Go step of migration 0006: every edition that
// exists is published as version 1, as the public saw it before.
func publishExisting(ctx context.Context, t *tx) error {
	var slugs []string
	err := queryEach(ctx, t, `SELECT slug FROM events ORDER BY slug`, nil, func(r *sql.Rows) error {
		var s string
		if err := r.Scan(&s); err != nil {
			return err
		}
		slugs = append(slugs, s)
		return nil
	})
	if err != nil {
		return err
	}
	ctx = audit.WithActor(ctx, "migration")
	for _, s := range slugs {
		// Theme days are not read: their table is made by 0007, after this step.
		if _, err := publishParts(ctx, t, s, time.Now().UTC().Truncate(time.Second), false, partsOf{}); err != nil {
			return fmt.Errorf("publish %s: %w", s, err)
		}
	}
	return nil
}
