package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"convene/internal/audit"
	"convene/internal/program"
)

// EditionDataset reads the whole program of an edition, drafts included, as a
// dataset with slug references: the edition and the registers it refers to
// (organisations, people, venues, rooms, themes). Rows come in a fixed order
// (activities by start, then slug; registers by slug) so that an export of the
// same program is always the same.
func (db *DB) EditionDataset(ctx context.Context, slug string) (*program.Dataset, error) {
	var ds *program.Dataset
	err := db.inReadTx(ctx, func(t *tx) error {
		var err error
		ds, err = readEditionDataset(ctx, t, slug)
		return err
	})
	if err != nil {
		if program.ErrorCode(err) == program.CodeNotFound {
			return nil, err
		}
		return nil, fmt.Errorf("read edition %s: %w", slug, err)
	}
	return ds, nil
}

// queryEach runs a query in t and calls scan for every row.
func queryEach(ctx context.Context, t *tx, q string, args []any, scan func(*sql.Rows) error) error {
	rows, err := t.query(ctx, q, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

func readEditionDataset(ctx context.Context, t *tx, slug string) (*program.Dataset, error) {
	ev, err := scanEvent(t.queryRow(ctx, `SELECT `+eventColumns+` FROM events WHERE slug = ?`, slug))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, noEdition(slug)
	}
	if err != nil {
		return nil, err
	}
	id := []any{ev.ID}
	ed := program.EditionRecord{Event: ev}
	err = queryEach(ctx, t, `SELECT id, event_id, slug, name_zh, name_en, position FROM sections WHERE event_id = ? ORDER BY position, slug`, id,
		func(r *sql.Rows) error {
			var s program.Section
			if err := r.Scan(&s.ID, &s.EventID, &s.Slug, &s.Name.ZH, &s.Name.EN, &s.Position); err != nil {
				return err
			}
			ed.Sections = append(ed.Sections, s)
			return nil
		})
	if err != nil {
		return nil, err
	}
	err = queryEach(ctx, t, `SELECT d.day, th.slug, d.name_zh, d.name_en FROM theme_days d JOIN themes th ON th.id = d.theme_id
		WHERE d.event_id = ? ORDER BY d.day, th.slug`, id,
		func(r *sql.Rows) error {
			var d program.ThemeDayRecord
			if err := r.Scan(&d.Date, &d.Theme, &d.Name.ZH, &d.Name.EN); err != nil {
				return err
			}
			ed.ThemeDays = append(ed.ThemeDays, d)
			return nil
		})
	if err != nil {
		return nil, err
	}
	index := map[string]int{}
	err = queryEach(ctx, t, `SELECT a.id, a.slug, a.kind, s.slug, a.title_zh, a.title_en, a.summary_zh, a.summary_en, a.series, a.orientation,
		COALESCE(r.slug, ''), a.starts_at, a.ends_at, a.capacity, a.languages, a.interpretation, a.livestream_url, a.livestream_starts_at, a.status, a.sample
		FROM activities a JOIN sections s ON s.id = a.section_id LEFT JOIN rooms r ON r.id = a.room_id WHERE a.event_id = ?`, id,
		func(r *sql.Rows) error {
			var a program.ActivityRecord
			var starts, ends, liveStart sql.NullTime
			var kind, orientation, status, languages, liveURL string
			if err := r.Scan(&a.ID, &a.Slug, &kind, &a.Section, &a.Title.ZH, &a.Title.EN, &a.Summary.ZH, &a.Summary.EN, &a.Series, &orientation,
				&a.Room, &starts, &ends, &a.Capacity, &languages, &a.Interpretation, &liveURL, &liveStart, &status, &a.Sample); err != nil {
				return err
			}
			activityColumns{kind, orientation, status, languages, liveURL, starts, ends, liveStart}.decode(&a.Activity)
			index[a.ID] = len(ed.Activities)
			ed.Activities = append(ed.Activities, a)
			return nil
		})
	if err != nil {
		return nil, err
	}
	mine := `SELECT id FROM activities WHERE event_id = ?`
	err = queryEach(ctx, t, `SELECT x.activity_id, th.slug FROM activity_themes x JOIN themes th ON th.id = x.theme_id
		WHERE x.activity_id IN (`+mine+`) ORDER BY x.activity_id, x.position`, id,
		func(r *sql.Rows) error {
			var aid, s string
			if err := r.Scan(&aid, &s); err != nil {
				return err
			}
			a := &ed.Activities[index[aid]]
			a.Themes = append(a.Themes, s)
			return nil
		})
	if err != nil {
		return nil, err
	}
	err = queryEach(ctx, t, `SELECT x.activity_id, o.slug, x.role FROM activity_hosts x JOIN organisations o ON o.id = x.org_id
		WHERE x.activity_id IN (`+mine+`) ORDER BY x.activity_id, x.position`, id,
		func(r *sql.Rows) error {
			var aid, s, role string
			if err := r.Scan(&aid, &s, &role); err != nil {
				return err
			}
			a := &ed.Activities[index[aid]]
			a.Hosts = append(a.Hosts, program.HostRecord{Org: s, Role: program.HostRole(role)})
			return nil
		})
	if err != nil {
		return nil, err
	}
	err = queryEach(ctx, t, `SELECT x.activity_id, p.slug, x.role FROM activity_speakers x JOIN people p ON p.id = x.person_id
		WHERE x.activity_id IN (`+mine+`) ORDER BY x.activity_id, x.position`, id,
		func(r *sql.Rows) error {
			var aid, s, role string
			if err := r.Scan(&aid, &s, &role); err != nil {
				return err
			}
			a := &ed.Activities[index[aid]]
			a.Speakers = append(a.Speakers, program.AppearanceRecord{Person: s, Role: program.SpeakerRole(role)})
			return nil
		})
	if err != nil {
		return nil, err
	}
	err = queryEach(ctx, t, `SELECT x.slug, a.slug, x.title_zh, x.title_en, x.summary_zh, x.summary_en, x.kind, o.slug, x.embargo_until, x.sample
		FROM releases x JOIN activities a ON a.id = x.activity_id JOIN organisations o ON o.id = x.publisher_id WHERE x.event_id = ? ORDER BY x.slug`, id,
		func(r *sql.Rows) error {
			var x program.ReleaseRecord
			var embargo sql.NullTime
			if err := r.Scan(&x.Slug, &x.Activity, &x.Title.ZH, &x.Title.EN, &x.Summary.ZH, &x.Summary.EN, &x.Kind, &x.Publisher, &embargo, &x.Sample); err != nil {
				return err
			}
			if embargo.Valid {
				e := embargo.Time.UTC()
				x.EmbargoUntil = &e
			}
			ed.Releases = append(ed.Releases, x)
			return nil
		})
	if err != nil {
		return nil, err
	}
	sort.SliceStable(ed.Activities, func(i, j int) bool {
		a, b := ed.Activities[i], ed.Activities[j]
		if !a.StartsAt.Equal(b.StartsAt) {
			return a.StartsAt.Before(b.StartsAt)
		}
		return a.Slug < b.Slug
	})
	for i := range ed.Activities {
		ed.Activities[i].ID = ""
	}
	ds := &program.Dataset{Editions: []program.EditionRecord{ed}}
	if err := readRegisters(ctx, t, ev.ID, ds); err != nil {
		return nil, err
	}
	return ds, nil
}

// readRegisters reads the organisations, people, venues, rooms and themes the
// edition refers to.
func readRegisters(ctx context.Context, t *tx, eventID string, ds *program.Dataset) error {
	acts := `SELECT id FROM activities WHERE event_id = ?`
	err := queryEach(ctx, t, `SELECT slug, name_zh, name_en, short_zh, short_en, kind, country, website, sample FROM organisations
		WHERE id IN (SELECT org_id FROM activity_hosts WHERE activity_id IN (`+acts+`)) OR id IN (SELECT publisher_id FROM releases WHERE event_id = ?)
		ORDER BY slug`, []any{eventID, eventID},
		func(r *sql.Rows) error {
			var o program.Organisation
			var kind string
			if err := r.Scan(&o.Slug, &o.Name.ZH, &o.Name.EN, &o.ShortName.ZH, &o.ShortName.EN, &kind, &o.Country, &o.Website, &o.Sample); err != nil {
				return err
			}
			o.Kind = program.OrgKind(kind)
			ds.Organisations = append(ds.Organisations, o)
			return nil
		})
	if err != nil {
		return err
	}
	people := `SELECT person_id FROM activity_speakers WHERE activity_id IN (` + acts + `)`
	index := map[string]int{}
	err = queryEach(ctx, t, `SELECT id, slug, name_zh, name_en, position_zh, position_en, affiliation_zh, affiliation_en, country, sample
		FROM people WHERE id IN (`+people+`) ORDER BY slug`, []any{eventID},
		func(r *sql.Rows) error {
			var p program.Person
			if err := r.Scan(&p.ID, &p.Slug, &p.Name.ZH, &p.Name.EN, &p.Position.ZH, &p.Position.EN, &p.Affiliation.ZH, &p.Affiliation.EN, &p.Country, &p.Sample); err != nil {
				return err
			}
			index[p.ID] = len(ds.People)
			ds.People = append(ds.People, p)
			return nil
		})
	if err != nil {
		return err
	}
	err = queryEach(ctx, t, `SELECT person_id, honour FROM person_honours WHERE person_id IN (`+people+`) ORDER BY person_id, position`, []any{eventID},
		func(r *sql.Rows) error {
			var pid, h string
			if err := r.Scan(&pid, &h); err != nil {
				return err
			}
			p := &ds.People[index[pid]]
			p.Honours = append(p.Honours, program.Honour(h))
			return nil
		})
	if err != nil {
		return err
	}
	for i := range ds.People {
		ds.People[i].ID = ""
	}
	rooms := `SELECT room_id FROM activities WHERE event_id = ?`
	err = queryEach(ctx, t, `SELECT v.slug, v.name_zh, v.name_en, v.address_zh, v.address_en, v.sample FROM venues v
		WHERE v.id IN (SELECT venue_id FROM rooms WHERE id IN (`+rooms+`)) ORDER BY v.slug`, []any{eventID},
		func(r *sql.Rows) error {
			var v program.Venue
			if err := r.Scan(&v.Slug, &v.Name.ZH, &v.Name.EN, &v.Address.ZH, &v.Address.EN, &v.Sample); err != nil {
				return err
			}
			ds.Venues = append(ds.Venues, v)
			return nil
		})
	if err != nil {
		return err
	}
	err = queryEach(ctx, t, `SELECT r.slug, v.slug, r.name_zh, r.name_en, r.capacity, r.sample FROM rooms r JOIN venues v ON v.id = r.venue_id
		WHERE r.id IN (`+rooms+`) ORDER BY r.slug`, []any{eventID},
		func(r *sql.Rows) error {
			var x program.RoomRecord
			if err := r.Scan(&x.Slug, &x.Venue, &x.Name.ZH, &x.Name.EN, &x.Capacity, &x.Sample); err != nil {
				return err
			}
			ds.Rooms = append(ds.Rooms, x)
			return nil
		})
	if err != nil {
		return err
	}
	return queryEach(ctx, t, `SELECT slug, name_zh, name_en FROM themes
		WHERE id IN (SELECT theme_id FROM activity_themes WHERE activity_id IN (`+acts+`)) OR id IN (SELECT theme_id FROM theme_days WHERE event_id = ?)
		ORDER BY slug`, []any{eventID, eventID},
		func(r *sql.Rows) error {
			var th program.Theme
			if err := r.Scan(&th.Slug, &th.Name.ZH, &th.Name.EN); err != nil {
				return err
			}
			ds.Themes = append(ds.Themes, th)
			return nil
		})
}

// Registers holds the slugs the database knows, per kind ("organisation",
// "person", "venue", "room", "theme", and "section" of one edition).
type Registers map[string]map[string]bool

// Has reports whether the database holds a row of kind with slug.
func (r Registers) Has(kind, slug string) bool { return r[kind][slug] }

// KnownSlugs reads the slugs of the shared registers and of the sections of
// the edition event (which may not exist yet).
func (db *DB) KnownSlugs(ctx context.Context, event string) (Registers, error) {
	out := Registers{}
	err := db.inReadTx(ctx, func(t *tx) error {
		queries := map[string]string{
			"organisation": `SELECT slug FROM organisations`,
			"person":       `SELECT slug FROM people`,
			"venue":        `SELECT slug FROM venues`,
			"room":         `SELECT slug FROM rooms`,
			"theme":        `SELECT slug FROM themes`,
			"section":      `SELECT s.slug FROM sections s JOIN events e ON e.id = s.event_id WHERE e.slug = ?`,
		}
		for kind, q := range queries {
			var args []any
			if kind == "section" {
				args = []any{event}
			}
			out[kind] = map[string]bool{}
			err := queryEach(ctx, t, q, args, func(r *sql.Rows) error {
				var s string
				if err := r.Scan(&s); err != nil {
					return err
				}
				out[kind][s] = true
				return nil
			})
			if err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("known slugs: %w", err)
	}
	return out, nil
}

// EditionChanges says which parts of an edition ApplyEdition rewrites.
type EditionChanges struct {
	Event, Sections, ThemeDays, Releases bool
	Registers                            bool     // the dataset has register rows the database lacks
	Publish                              bool     // publish the result as the next version in the same transaction
	Added, Changed, Removed              []string // activity slugs
	// Audit is what the audit log records as the change (the differences
	// as reported to the user).
	Audit any
}

// Empty reports whether there is nothing to change.
func (c EditionChanges) Empty() bool {
	return !c.Event && !c.Sections && !c.ThemeDays && !c.Releases && !c.Registers && len(c.Added)+len(c.Changed)+len(c.Removed) == 0
}

// ApplyEdition writes the differences between an existing edition and the
// first edition of ds, as listed by ch, in one transaction: registers rows
// missing from the database are added (existing ones are left as they are),
// then the edition's metadata, sections, activities (with their themes,
// hosts and speakers), theme days and releases. The edition's version must
// still be base (the version the differences were computed against), else
// nothing is written and a conflict is returned; on success the version is
// bumped and updated_at set. It returns the new working version.
func (db *DB) ApplyEdition(ctx context.Context, slug string, base int64, ds *program.Dataset, ch EditionChanges) (int64, error) {
	if ch.Empty() {
		return base, nil
	}
	now := db.now().UTC().Truncate(time.Second)
	ed := &ds.Editions[0]
	err := db.inWriteTx(ctx, func(t *tx) error {
		ev := ed.Event
		res, err := t.exec(ctx, `UPDATE events SET version = version + 1, updated_at = ? WHERE slug = ? AND version = ?`, now, slug, base)
		if err != nil {
			return fmt.Errorf("bump version: %w", err)
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n != 1 {
			return program.Errorf(program.CodeConflict, "edition %s changed while the file was being checked (or is gone); import it again", slug)
		}
		var eventID string
		if err := t.queryRow(ctx, `SELECT id FROM events WHERE slug = ?`, slug).Scan(&eventID); err != nil {
			return err
		}
		if err := recordAudit(ctx, t, now, audit.ProgramImport, eventID, slug, nil, ch.Audit); err != nil {
			return err
		}
		if ch.Event {
			if _, err := t.exec(ctx, `UPDATE events SET name_zh = ?, name_en = ?, theme_zh = ?, theme_en = ?, city_zh = ?, city_en = ?,
				start_date = ?, end_date = ?, time_zone = ?, previous_slug = ? WHERE id = ?`,
				ev.Name.ZH, ev.Name.EN, ev.Theme.ZH, ev.Theme.EN, ev.City.ZH, ev.City.EN, ev.StartDate, ev.EndDate, ev.TimeZone, ev.PreviousSlug, eventID); err != nil {
				return fmt.Errorf("update edition: %w", err)
			}
		}
		im := importer{t: t, ids: map[string]map[string]string{}, now: now}
		if err := im.load(ctx); err != nil {
			return err
		}
		if err := im.registers(ctx, ds); err != nil {
			return err
		}
		if ch.Sections {
			for _, s := range ed.Sections {
				if _, err := t.exec(ctx, `INSERT INTO sections (id, event_id, slug, name_zh, name_en, position) VALUES (?, ?, ?, ?, ?, ?)
					ON CONFLICT (event_id, slug) DO UPDATE SET name_zh = excluded.name_zh, name_en = excluded.name_en, position = excluded.position`,
					newID(), eventID, s.Slug, s.Name.ZH, s.Name.EN, s.Position); err != nil {
					return fmt.Errorf("section %s: %w", s.Slug, err)
				}
			}
		}
		sections, err := sectionIDs(ctx, t, eventID)
		if err != nil {
			return err
		}
		bySlug := map[string]*program.ActivityRecord{}
		for i := range ed.Activities {
			bySlug[ed.Activities[i].Slug] = &ed.Activities[i]
		}
		for _, s := range ch.Removed {
			if _, err := t.exec(ctx, `DELETE FROM activities WHERE event_id = ? AND slug = ?`, eventID, s); err != nil {
				return fmt.Errorf("remove activity %s: %w", s, err)
			}
		}
		for _, s := range ch.Changed {
			// A form opened before the import must not write over it.
			if _, err := t.exec(ctx, `UPDATE activities SET version = version + 1 WHERE event_id = ? AND slug = ?`, eventID, s); err != nil {
				return fmt.Errorf("activity %s: %w", s, err)
			}
			if err := im.updateActivity(ctx, eventID, sections, bySlug[s]); err != nil {
				return fmt.Errorf("activity %s: %w", s, err)
			}
		}
		for _, s := range ch.Added {
			if _, err := im.activity(ctx, eventID, sections, bySlug[s]); err != nil {
				return fmt.Errorf("activity %s: %w", s, err)
			}
		}
		if ch.Sections {
			keep := map[string]bool{}
			for _, s := range ed.Sections {
				keep[s.Slug] = true
			}
			for s, id := range sections {
				if !keep[s] {
					if _, err := t.exec(ctx, `DELETE FROM sections WHERE id = ?`, id); err != nil {
						return fmt.Errorf("remove section %s (is it still used?): %w", s, err)
					}
				}
			}
		}
		if ch.ThemeDays {
			if _, err := t.exec(ctx, `DELETE FROM theme_days WHERE event_id = ?`, eventID); err != nil {
				return err
			}
			for _, d := range ed.ThemeDays {
				theme, err := im.id("themes", d.Theme, "theme day "+d.Date)
				if err != nil {
					return err
				}
				if _, err := t.exec(ctx, `INSERT INTO theme_days (event_id, day, theme_id, name_zh, name_en) VALUES (?, ?, ?, ?, ?)`,
					eventID, d.Date, theme, d.Name.ZH, d.Name.EN); err != nil {
					return fmt.Errorf("theme day %s: %w", d.Date, err)
				}
			}
		}
		if ch.Releases {
			if _, err := t.exec(ctx, `DELETE FROM releases WHERE event_id = ?`, eventID); err != nil {
				return err
			}
			for _, r := range ed.Releases {
				var activity string
				if err := t.queryRow(ctx, `SELECT id FROM activities WHERE event_id = ? AND slug = ?`, eventID, r.Activity).Scan(&activity); err != nil {
					return program.Invalidf("release "+r.Slug, "unknown activity %q", r.Activity)
				}
				publisher, err := im.id("organisations", r.Publisher, "release "+r.Slug)
				if err != nil {
					return err
				}
				if _, err := t.exec(ctx, `INSERT INTO releases (id, event_id, activity_id, slug, title_zh, title_en, summary_zh, summary_en,
					kind, publisher_id, embargo_until, sample) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
					newID(), eventID, activity, r.Slug, r.Title.ZH, r.Title.EN, r.Summary.ZH, r.Summary.EN,
					r.Kind, publisher, utcPtr(r.EmbargoUntil), r.Sample); err != nil {
					return fmt.Errorf("release %s: %w", r.Slug, err)
				}
			}
		}
		if ch.Publish {
			// Changes of drafts alone leave the public program as it is.
			if _, err := publish(ctx, t, slug, now, false); err != nil && !IsUnchanged(err) {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return base + 1, nil
}

// load remembers the ids of every register row, so that references to rows
// the file does not list resolve too.
func (im *importer) load(ctx context.Context) error {
	for _, table := range []string{"organisations", "people", "venues", "rooms", "themes"} {
		if im.ids[table] == nil {
			im.ids[table] = map[string]string{}
		}
		err := queryEach(ctx, im.t, `SELECT slug, id FROM `+table, nil, func(r *sql.Rows) error {
			var s, id string
			if err := r.Scan(&s, &id); err != nil {
				return err
			}
			im.ids[table][s] = id
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// updateActivity rewrites an existing activity in place (its id, and so
// everything that refers to it, stays) with its themes, hosts and speakers.
func (im *importer) updateActivity(ctx context.Context, eventID string, sections map[string]string, a *program.ActivityRecord) error {
	section, ok := sections[a.Section]
	if !ok {
		return program.Invalidf("section", "unknown section %q", a.Section)
	}
	var room any
	if a.Room != "" {
		id, err := im.id("rooms", a.Room, "room")
		if err != nil {
			return err
		}
		room = id
	}
	var liveURL string
	var liveStart any
	if a.Livestream != nil {
		liveURL, liveStart = a.Livestream.URL, utcOrNil(a.Livestream.StartsAt)
	}
	var id string
	if err := im.t.queryRow(ctx, `SELECT id FROM activities WHERE event_id = ? AND slug = ?`, eventID, a.Slug).Scan(&id); err != nil {
		return fmt.Errorf("find: %w", err)
	}
	if _, err := im.t.exec(ctx, `UPDATE activities SET section_id = ?, kind = ?, title_zh = ?, title_en = ?, summary_zh = ?, summary_en = ?,
		series = ?, orientation = ?, room_id = ?, starts_at = ?, ends_at = ?, capacity = ?, languages = ?, interpretation = ?,
		livestream_url = ?, livestream_starts_at = ?, status = ?, sample = ? WHERE id = ?`,
		section, string(a.Kind), a.Title.ZH, a.Title.EN, a.Summary.ZH, a.Summary.EN, a.Series, string(a.Orientation), room,
		utcOrNil(a.StartsAt), utcOrNil(a.EndsAt), a.Capacity, strings.Join(a.Languages, ","), a.Interpretation, liveURL, liveStart,
		string(a.Status), a.Sample, id); err != nil {
		return fmt.Errorf("update: %w", err)
	}
	for _, table := range []string{"activity_themes", "activity_hosts", "activity_speakers"} {
		if _, err := im.t.exec(ctx, `DELETE FROM `+table+` WHERE activity_id = ?`, id); err != nil {
			return err
		}
	}
	for i, slug := range a.Themes {
		theme, err := im.id("themes", slug, "themes")
		if err != nil {
			return err
		}
		if _, err := im.t.exec(ctx, `INSERT INTO activity_themes (activity_id, theme_id, position) VALUES (?, ?, ?)`, id, theme, i); err != nil {
			return fmt.Errorf("theme %s: %w", slug, err)
		}
	}
	for i, h := range a.Hosts {
		org, err := im.id("organisations", h.Org, "hosts")
		if err != nil {
			return err
		}
		if _, err := im.t.exec(ctx, `INSERT INTO activity_hosts (activity_id, org_id, role, position) VALUES (?, ?, ?, ?)`, id, org, string(h.Role), i); err != nil {
			return fmt.Errorf("host %s: %w", h.Org, err)
		}
	}
	for i, s := range a.Speakers {
		person, err := im.id("people", s.Person, "speakers")
		if err != nil {
			return err
		}
		if _, err := im.t.exec(ctx, `INSERT INTO activity_speakers (activity_id, person_id, role, position) VALUES (?, ?, ?, ?)`, id, person, string(s.Role), i); err != nil {
			return fmt.Errorf("speaker %s: %w", s.Person, err)
		}
	}
	return nil
}
