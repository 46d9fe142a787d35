package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"convene/internal/program"
)

const eventColumns = `id, slug, name_zh, name_en, theme_zh, theme_en, city_zh, city_en, start_date, end_date, time_zone, previous_slug, version, updated_at`

func scanEvent(row interface{ Scan(...any) error }) (program.Event, error) {
	var e program.Event
	var updated sql.NullTime
	err := row.Scan(&e.ID, &e.Slug, &e.Name.ZH, &e.Name.EN, &e.Theme.ZH, &e.Theme.EN, &e.City.ZH, &e.City.EN,
		&e.StartDate, &e.EndDate, &e.TimeZone, &e.PreviousSlug, &e.Version, &updated)
	e.UpdatedAt = utc(updated)
	return e, err
}

func noEdition(slug string) error {
	return program.Errorf(program.CodeNotFound, "no edition %q", slug)
}

// ListEvents lists the public editions (published at least once), newest first.
func (db *DB) ListEvents(ctx context.Context) ([]program.Event, error) {
	var out []program.Event
	err := db.inReadTx(ctx, func(t *tx) error {
		rows, err := t.query(ctx, `SELECT `+eventColumns+` FROM events WHERE published_version > 0 ORDER BY start_date DESC, slug`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			e, err := scanEvent(rows)
			if err != nil {
				return err
			}
			out = append(out, e)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("list events: %w", err)
	}
	return out, nil
}

// LoadDraftEdition reads the working copy of an edition from the program's
// tables: every activity, drafts included, as the secretariat and hosts edit
// it. Its Event.Version is the working version, bumped by every change. The
// public reads published versions instead (LoadEdition).
func (db *DB) LoadDraftEdition(ctx context.Context, slug string) (*program.Edition, error) {
	var p program.Parts
	err := db.inReadTx(ctx, func(t *tx) error {
		var err error
		p, err = readParts(ctx, t, slug, partsOf{drafts: true, themeDays: true})
		return err
	})
	if err != nil {
		if program.ErrorCode(err) == program.CodeNotFound {
			return nil, err
		}
		return nil, fmt.Errorf("load edition %s: %w", slug, err)
	}
	return program.NewEdition(p), nil
}

// partsOf says what readParts reads: activities in draft or not, and the
// activities' theme days (their table comes with migration 0007, so the Go
// step of 0006 reads without them).
type partsOf struct{ drafts, themeDays bool }

// readParts reads an edition and everything it references from the
// program's tables.
func readParts(ctx context.Context, t *tx, slug string, of partsOf) (program.Parts, error) {
	var p program.Parts
	var err error
	p.Event, err = scanEvent(t.queryRow(ctx, `SELECT `+eventColumns+` FROM events WHERE slug = ?`, slug))
	if errors.Is(err, sql.ErrNoRows) {
		return p, noEdition(slug)
	}
	if err != nil {
		return p, err
	}
	l := loader{t: t, ev: p.Event.ID, selected: publicActivities}
	if of.drafts {
		l.selected = allActivities
	}
	steps := []func(context.Context, *program.Parts) error{
		l.sections, l.activities, l.releases, l.themeDays, l.organisations, l.people, l.rooms, l.venues, l.themes,
	}
	if of.themeDays {
		steps = append(steps, l.themeDayMembers)
	}
	for _, step := range steps {
		if err := step(ctx, &p); err != nil {
			return p, err
		}
	}
	return p, nil
}

// loader reads the parts of one edition inside one transaction.
type loader struct {
	t        *tx
	ev       string
	selected string // the query of the ids of the activities read, bound to the edition's id
}

// each runs a query bound to the edition and calls scan for every row.
func (l loader) each(ctx context.Context, q string, scan func(*sql.Rows) error) error {
	return queryEach(ctx, l.t, q, []any{l.ev}, scan)
}

// publicActivities selects the ids of the edition's activities a published
// version holds; allActivities those of the working copy.
const (
	publicActivities = `SELECT id FROM activities WHERE event_id = ? AND status <> 'draft'`
	allActivities    = `SELECT id FROM activities WHERE event_id = ?`
)

func (l loader) sections(ctx context.Context, p *program.Parts) error {
	return l.each(ctx, `SELECT id, event_id, slug, name_zh, name_en, position FROM sections WHERE event_id = ? ORDER BY position, slug`,
		func(r *sql.Rows) error {
			var s program.Section
			if err := r.Scan(&s.ID, &s.EventID, &s.Slug, &s.Name.ZH, &s.Name.EN, &s.Position); err != nil {
				return err
			}
			p.Sections = append(p.Sections, s)
			return nil
		})
}

func (l loader) activities(ctx context.Context, p *program.Parts) error {
	index := map[string]int{}
	err := l.each(ctx, `SELECT id, event_id, section_id, slug, kind, title_zh, title_en, summary_zh, summary_en, series, orientation,
		room_id, starts_at, ends_at, capacity, languages, interpretation, livestream_url, livestream_starts_at, status, sample, version
		FROM activities WHERE id IN (`+l.selected+`)`,
		func(r *sql.Rows) error {
			var a program.Activity
			var room sql.NullString
			var starts, ends, liveStart sql.NullTime
			var kind, orientation, status, languages, liveURL string
			if err := r.Scan(&a.ID, &a.EventID, &a.SectionID, &a.Slug, &kind, &a.Title.ZH, &a.Title.EN, &a.Summary.ZH, &a.Summary.EN,
				&a.Series, &orientation, &room, &starts, &ends, &a.Capacity, &languages, &a.Interpretation, &liveURL, &liveStart,
				&status, &a.Sample, &a.Version); err != nil {
				return err
			}
			a.RoomID = room.String
			activityColumns{kind, orientation, status, languages, liveURL, starts, ends, liveStart}.decode(&a)
			index[a.ID] = len(p.Activities)
			p.Activities = append(p.Activities, a)
			return nil
		})
	if err != nil {
		return err
	}
	err = l.each(ctx, `SELECT activity_id, theme_id FROM activity_themes WHERE activity_id IN (`+l.selected+`) ORDER BY activity_id, position`,
		func(r *sql.Rows) error {
			var aid, tid string
			if err := r.Scan(&aid, &tid); err != nil {
				return err
			}
			a := &p.Activities[index[aid]]
			a.ThemeIDs = append(a.ThemeIDs, tid)
			return nil
		})
	if err != nil {
		return err
	}
	err = l.each(ctx, `SELECT activity_id, org_id, role FROM activity_hosts WHERE activity_id IN (`+l.selected+`) ORDER BY activity_id, position`,
		func(r *sql.Rows) error {
			var aid, oid, role string
			if err := r.Scan(&aid, &oid, &role); err != nil {
				return err
			}
			a := &p.Activities[index[aid]]
			a.Hosts = append(a.Hosts, program.Host{OrgID: oid, Role: program.HostRole(role)})
			return nil
		})
	if err != nil {
		return err
	}
	return l.each(ctx, `SELECT activity_id, person_id, role FROM activity_speakers WHERE activity_id IN (`+l.selected+`) ORDER BY activity_id, position`,
		func(r *sql.Rows) error {
			var aid, pid, role string
			if err := r.Scan(&aid, &pid, &role); err != nil {
				return err
			}
			a := &p.Activities[index[aid]]
			a.Speakers = append(a.Speakers, program.Appearance{PersonID: pid, Role: program.SpeakerRole(role)})
			return nil
		})
}

// themeDayMembers sets the theme day of the activities that belong to one.
func (l loader) themeDayMembers(ctx context.Context, p *program.Parts) error {
	index := map[string]int{}
	for i := range p.Activities {
		index[p.Activities[i].ID] = i
	}
	return l.each(ctx, `SELECT activity_id, day FROM theme_day_activities WHERE activity_id IN (`+l.selected+`)`,
		func(r *sql.Rows) error {
			var id, day string
			if err := r.Scan(&id, &day); err != nil {
				return err
			}
			p.Activities[index[id]].ThemeDay = day
			return nil
		})
}

func (l loader) releases(ctx context.Context, p *program.Parts) error {
	return l.each(ctx, `SELECT id, event_id, activity_id, slug, title_zh, title_en, summary_zh, summary_en, kind, publisher_id, embargo_until, sample, version
		FROM releases WHERE activity_id IN (`+l.selected+`) ORDER BY slug`,
		func(r *sql.Rows) error {
			var x program.Release
			var embargo sql.NullTime
			if err := r.Scan(&x.ID, &x.EventID, &x.ActivityID, &x.Slug, &x.Title.ZH, &x.Title.EN, &x.Summary.ZH, &x.Summary.EN,
				&x.Kind, &x.PublisherID, &embargo, &x.Sample, &x.Version); err != nil {
				return err
			}
			if embargo.Valid {
				t := embargo.Time.UTC()
				x.EmbargoUntil = &t
			}
			p.Releases = append(p.Releases, x)
			return nil
		})
}

func (l loader) themeDays(ctx context.Context, p *program.Parts) error {
	return l.each(ctx, `SELECT event_id, day, theme_id, name_zh, name_en FROM theme_days WHERE event_id = ? ORDER BY day, theme_id`,
		func(r *sql.Rows) error {
			var d program.ThemeDay
			if err := r.Scan(&d.EventID, &d.Date, &d.ThemeID, &d.Name.ZH, &d.Name.EN); err != nil {
				return err
			}
			p.ThemeDays = append(p.ThemeDays, d)
			return nil
		})
}

// Organisations of an edition: those with a role in a public activity or
// publishing one of its releases. The edition id is bound once per IN list.
func (l loader) organisations(ctx context.Context, p *program.Parts) error {
	rows, err := l.t.query(ctx, `SELECT id, slug, name_zh, name_en, short_zh, short_en, kind, country, website, sample, version FROM organisations
		WHERE id IN (SELECT org_id FROM activity_hosts WHERE activity_id IN (`+l.selected+`))
		   OR id IN (SELECT publisher_id FROM releases WHERE activity_id IN (`+l.selected+`))
		ORDER BY slug`, l.ev, l.ev)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var o program.Organisation
		var kind string
		if err := rows.Scan(&o.ID, &o.Slug, &o.Name.ZH, &o.Name.EN, &o.ShortName.ZH, &o.ShortName.EN, &kind, &o.Country, &o.Website, &o.Sample, &o.Version); err != nil {
			return err
		}
		o.Kind = program.OrgKind(kind)
		p.Organisations = append(p.Organisations, o)
	}
	return rows.Err()
}

func (l loader) people(ctx context.Context, p *program.Parts) error {
	index := map[string]int{}
	err := l.each(ctx, `SELECT id, slug, name_zh, name_en, position_zh, position_en, affiliation_zh, affiliation_en, country, sample, version
		FROM people WHERE id IN (SELECT person_id FROM activity_speakers WHERE activity_id IN (`+l.selected+`)) ORDER BY slug`,
		func(r *sql.Rows) error {
			var x program.Person
			if err := r.Scan(&x.ID, &x.Slug, &x.Name.ZH, &x.Name.EN, &x.Position.ZH, &x.Position.EN, &x.Affiliation.ZH, &x.Affiliation.EN,
				&x.Country, &x.Sample, &x.Version); err != nil {
				return err
			}
			index[x.ID] = len(p.People)
			p.People = append(p.People, x)
			return nil
		})
	if err != nil {
		return err
	}
	return l.each(ctx, `SELECT person_id, honour FROM person_honours WHERE person_id IN (SELECT person_id FROM activity_speakers WHERE activity_id IN (`+l.selected+`)) ORDER BY person_id, position`,
		func(r *sql.Rows) error {
			var pid, h string
			if err := r.Scan(&pid, &h); err != nil {
				return err
			}
			x := &p.People[index[pid]]
			x.Honours = append(x.Honours, program.Honour(h))
			return nil
		})
}

func (l loader) rooms(ctx context.Context, p *program.Parts) error {
	return l.each(ctx, `SELECT id, venue_id, slug, name_zh, name_en, capacity, sample, version FROM rooms
		WHERE id IN (SELECT room_id FROM activities WHERE id IN (`+l.selected+`)) ORDER BY slug`,
		func(r *sql.Rows) error {
			var x program.Room
			if err := r.Scan(&x.ID, &x.VenueID, &x.Slug, &x.Name.ZH, &x.Name.EN, &x.Capacity, &x.Sample, &x.Version); err != nil {
				return err
			}
			p.Rooms = append(p.Rooms, x)
			return nil
		})
}

func (l loader) venues(ctx context.Context, p *program.Parts) error {
	return l.each(ctx, `SELECT id, slug, name_zh, name_en, address_zh, address_en, sample FROM venues
		WHERE id IN (SELECT venue_id FROM rooms WHERE id IN (SELECT room_id FROM activities WHERE id IN (`+l.selected+`))) ORDER BY slug`,
		func(r *sql.Rows) error {
			var x program.Venue
			if err := r.Scan(&x.ID, &x.Slug, &x.Name.ZH, &x.Name.EN, &x.Address.ZH, &x.Address.EN, &x.Sample); err != nil {
				return err
			}
			p.Venues = append(p.Venues, x)
			return nil
		})
}

func (l loader) themes(ctx context.Context, p *program.Parts) error {
	rows, err := l.t.query(ctx, `SELECT id, slug, name_zh, name_en FROM themes
		WHERE id IN (SELECT theme_id FROM activity_themes WHERE activity_id IN (`+l.selected+`))
		   OR id IN (SELECT theme_id FROM theme_days WHERE event_id = ?)
		ORDER BY slug`, l.ev, l.ev)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var x program.Theme
		if err := rows.Scan(&x.ID, &x.Slug, &x.Name.ZH, &x.Name.EN); err != nil {
			return err
		}
		p.Themes = append(p.Themes, x)
	}
	return rows.Err()
}

// activityColumns are the activity columns stored in another form than the
// model's: enums as text, languages comma-separated, nullable times, the
// livestream as two columns.
type activityColumns struct {
	kind, orientation, status, languages, liveURL string
	starts, ends, liveStart                       sql.NullTime
}

func (c activityColumns) decode(a *program.Activity) {
	a.Kind, a.Orientation, a.Status = program.ActivityKind(c.kind), program.Orientation(c.orientation), program.Status(c.status)
	a.StartsAt, a.EndsAt = utc(c.starts), utc(c.ends)
	if c.languages != "" {
		a.Languages = strings.Split(c.languages, ",")
	}
	if c.liveURL != "" {
		a.Livestream = &program.Livestream{URL: c.liveURL, StartsAt: utc(c.liveStart)}
	}
}

// utc returns a nullable time in UTC; NULL becomes the zero time.
func utc(t sql.NullTime) time.Time {
	if !t.Valid {
		return time.Time{}
	}
	return t.Time.UTC()
}
