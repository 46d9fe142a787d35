package sqlstore

import (
	"context"
	"fmt"
	"strings"
	"time"

	"convene/internal/audit"
	"convene/internal/program"
)

// ImportResult says what ImportDataset did.
type ImportResult struct {
	Created []string // editions written
	Skipped []string // editions that already existed and were left as they are
}

// ImportDataset writes a dataset in one transaction: all of it or nothing.
// Organisations, people, venues, rooms and themes are matched by slug and
// inserted only when missing, so edits made since are never overwritten; an
// edition whose slug exists is skipped whole. Loading the same dataset twice
// therefore changes nothing.
func (db *DB) ImportDataset(ctx context.Context, ds *program.Dataset) (ImportResult, error) {
	var res ImportResult
	// Whole seconds: Last-Modified and If-Modified-Since have no finer unit.
	now := db.now().UTC().Truncate(time.Second)
	err := db.inWriteTx(ctx, func(t *tx) error {
		res = ImportResult{}
		im := importer{t: t, ids: map[string]map[string]string{}, now: now}
		// References may name register rows already stored (an imported
		// file need not repeat every organisation it mentions).
		if err := im.load(ctx); err != nil {
			return err
		}
		if err := im.registers(ctx, ds); err != nil {
			return err
		}
		for i := range ds.Editions {
			created, err := im.edition(ctx, &ds.Editions[i])
			if err != nil {
				return fmt.Errorf("edition %s: %w", ds.Editions[i].Event.Slug, err)
			}
			if created {
				ed := &ds.Editions[i]
				var eventID string
				if err := t.queryRow(ctx, `SELECT id FROM events WHERE slug = ?`, ed.Event.Slug).Scan(&eventID); err != nil {
					return err
				}
				if err := recordAudit(ctx, t, now, audit.ProgramCreate, eventID, ed.Event.Slug, nil,
					map[string]int{"activities": len(ed.Activities), "sections": len(ed.Sections)}); err != nil {
					return err
				}
				// A new edition is published at once as its first version:
				// there is nothing older the public could keep seeing.
				if _, err := publish(ctx, t, ed.Event.Slug, now, false); err != nil {
					return err
				}
				res.Created = append(res.Created, ds.Editions[i].Event.Slug)
			} else {
				res.Skipped = append(res.Skipped, ds.Editions[i].Event.Slug)
			}
		}
		return nil
	})
	return res, err
}

type importer struct {
	t   *tx
	ids map[string]map[string]string // table → slug → id
	now time.Time                    // updated_at of the editions written
}

// ensure inserts a row keyed by slug unless one exists, remembers its id,
// and reports whether it inserted.
func (im *importer) ensure(ctx context.Context, table, slug string, cols []string, vals ...any) (bool, error) {
	if slug == "" {
		return false, program.Invalidf(table, "a row without slug")
	}
	id := newID()
	q := fmt.Sprintf(`INSERT INTO %s (id, slug, %s) VALUES (?, ?%s) ON CONFLICT (slug) DO NOTHING`,
		table, strings.Join(cols, ", "), strings.Repeat(", ?", len(cols)))
	res, err := im.t.exec(ctx, q, append([]any{id, slug}, vals...)...)
	if err != nil {
		return false, fmt.Errorf("insert %s %s: %w", table, slug, err)
	}
	inserted, err := res.RowsAffected()
	if err != nil {
		return false, err
	}
	if err := im.t.queryRow(ctx, `SELECT id FROM `+table+` WHERE slug = ?`, slug).Scan(&id); err != nil {
		return false, fmt.Errorf("find %s %s: %w", table, slug, err)
	}
	if im.ids[table] == nil {
		im.ids[table] = map[string]string{}
	}
	im.ids[table][slug] = id
	return inserted > 0, nil
}

// id resolves a slug reference of the dataset, naming the dangling one.
func (im *importer) id(table, slug, from string) (string, error) {
	if id, ok := im.ids[table][slug]; ok {
		return id, nil
	}
	return "", program.Invalidf(from, "unknown %s %q", strings.TrimSuffix(table, "s"), slug)
}

func (im *importer) registers(ctx context.Context, ds *program.Dataset) error {
	for _, o := range ds.Organisations {
		if _, err := im.ensure(ctx, "organisations", o.Slug, []string{"name_zh", "name_en", "short_zh", "short_en", "kind", "country", "website", "sample"},
			o.Name.ZH, o.Name.EN, o.ShortName.ZH, o.ShortName.EN, string(o.Kind), o.Country, o.Website, o.Sample); err != nil {
			return err
		}
	}
	for _, p := range ds.People {
		inserted, err := im.ensure(ctx, "people", p.Slug, []string{"name_zh", "name_en", "position_zh", "position_en", "affiliation_zh", "affiliation_en", "country", "sample"},
			p.Name.ZH, p.Name.EN, p.Position.ZH, p.Position.EN, p.Affiliation.ZH, p.Affiliation.EN, p.Country, p.Sample)
		if err != nil {
			return err
		}
		if !inserted {
			continue
		}
		for i, h := range p.Honours {
			if _, err := im.t.exec(ctx, `INSERT INTO person_honours (person_id, honour, position) VALUES (?, ?, ?)`,
				im.ids["people"][p.Slug], string(h), i); err != nil {
				return fmt.Errorf("honour of %s: %w", p.Slug, err)
			}
		}
	}
	for _, v := range ds.Venues {
		if _, err := im.ensure(ctx, "venues", v.Slug, []string{"name_zh", "name_en", "address_zh", "address_en", "sample"},
			v.Name.ZH, v.Name.EN, v.Address.ZH, v.Address.EN, v.Sample); err != nil {
			return err
		}
	}
	for _, r := range ds.Rooms {
		venue, err := im.id("venues", r.Venue, "room "+r.Slug)
		if err != nil {
			return err
		}
		if _, err := im.ensure(ctx, "rooms", r.Slug, []string{"venue_id", "name_zh", "name_en", "capacity", "sample"},
			venue, r.Name.ZH, r.Name.EN, r.Capacity, r.Sample); err != nil {
			return err
		}
	}
	for _, th := range ds.Themes {
		if _, err := im.ensure(ctx, "themes", th.Slug, []string{"name_zh", "name_en"}, th.Name.ZH, th.Name.EN); err != nil {
			return err
		}
	}
	return nil
}

// edition writes one edition unless its slug exists; it reports whether it wrote.
func (im *importer) edition(ctx context.Context, e *program.EditionRecord) (bool, error) {
	ev := e.Event
	var n int
	if err := im.t.queryRow(ctx, `SELECT COUNT(*) FROM events WHERE slug = ?`, ev.Slug).Scan(&n); err != nil {
		return false, err
	}
	if n > 0 {
		return false, nil
	}
	if _, err := time.LoadLocation(ev.TimeZone); err != nil || ev.TimeZone == "" {
		return false, program.Invalidf("time_zone", "unknown time zone %q", ev.TimeZone)
	}
	eventID := newID()
	if _, err := im.t.exec(ctx, `INSERT INTO events (id, slug, name_zh, name_en, theme_zh, theme_en, city_zh, city_en,
		start_date, end_date, time_zone, previous_slug, version, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?)`,
		eventID, ev.Slug, ev.Name.ZH, ev.Name.EN, ev.Theme.ZH, ev.Theme.EN, ev.City.ZH, ev.City.EN,
		ev.StartDate, ev.EndDate, ev.TimeZone, ev.PreviousSlug, im.now); err != nil {
		return false, fmt.Errorf("insert event: %w", err)
	}
	sections := map[string]string{}
	for _, s := range e.Sections {
		id := newID()
		if _, err := im.t.exec(ctx, `INSERT INTO sections (id, event_id, slug, name_zh, name_en, position) VALUES (?, ?, ?, ?, ?, ?)`,
			id, eventID, s.Slug, s.Name.ZH, s.Name.EN, s.Position); err != nil {
			return false, fmt.Errorf("insert section %s: %w", s.Slug, err)
		}
		sections[s.Slug] = id
	}
	for _, d := range e.ThemeDays {
		theme, err := im.id("themes", d.Theme, "theme day "+d.Date)
		if err != nil {
			return false, err
		}
		if _, err := im.t.exec(ctx, `INSERT INTO theme_days (event_id, day, theme_id, name_zh, name_en) VALUES (?, ?, ?, ?, ?)`,
			eventID, d.Date, theme, d.Name.ZH, d.Name.EN); err != nil {
			return false, fmt.Errorf("insert theme day %s: %w", d.Date, err)
		}
	}
	activities := map[string]string{}
	for i := range e.Activities {
		id, err := im.activity(ctx, eventID, sections, &e.Activities[i])
		if err != nil {
			return false, fmt.Errorf("activity %s: %w", e.Activities[i].Slug, err)
		}
		activities[e.Activities[i].Slug] = id
	}
	for _, r := range e.Releases {
		activity, ok := activities[r.Activity]
		if !ok {
			return false, program.Invalidf("release "+r.Slug, "unknown activity %q", r.Activity)
		}
		publisher, err := im.id("organisations", r.Publisher, "release "+r.Slug)
		if err != nil {
			return false, err
		}
		if _, err := im.t.exec(ctx, `INSERT INTO releases (id, event_id, activity_id, slug, title_zh, title_en, summary_zh, summary_en,
			kind, publisher_id, embargo_until, sample) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			newID(), eventID, activity, r.Slug, r.Title.ZH, r.Title.EN, r.Summary.ZH, r.Summary.EN,
			r.Kind, publisher, utcPtr(r.EmbargoUntil), r.Sample); err != nil {
			return false, fmt.Errorf("insert release %s: %w", r.Slug, err)
		}
	}
	return true, nil
}

func (im *importer) activity(ctx context.Context, eventID string, sections map[string]string, a *program.ActivityRecord) (string, error) {
	section, ok := sections[a.Section]
	if !ok {
		return "", program.Invalidf("section", "unknown section %q", a.Section)
	}
	var room any
	if a.Room != "" {
		id, err := im.id("rooms", a.Room, "room")
		if err != nil {
			return "", err
		}
		room = id
	}
	var liveURL string
	var liveStart any
	if a.Livestream != nil {
		liveURL, liveStart = a.Livestream.URL, a.Livestream.StartsAt.UTC()
	}
	status := a.Status
	if status == "" {
		status = program.StatusDraft
	}
	id := newID()
	if _, err := im.t.exec(ctx, `INSERT INTO activities (id, event_id, section_id, slug, kind, title_zh, title_en, summary_zh, summary_en,
		series, orientation, room_id, starts_at, ends_at, capacity, languages, interpretation, livestream_url, livestream_starts_at,
		status, sample) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		id, eventID, section, a.Slug, string(a.Kind), a.Title.ZH, a.Title.EN, a.Summary.ZH, a.Summary.EN,
		a.Series, string(a.Orientation), room, utcOrNil(a.StartsAt), utcOrNil(a.EndsAt), a.Capacity,
		strings.Join(a.Languages, ","), a.Interpretation, liveURL, liveStart, string(status), a.Sample); err != nil {
		return "", fmt.Errorf("insert: %w", err)
	}
	for i, slug := range a.Themes {
		theme, err := im.id("themes", slug, "themes")
		if err != nil {
			return "", err
		}
		if _, err := im.t.exec(ctx, `INSERT INTO activity_themes (activity_id, theme_id, position) VALUES (?, ?, ?)`, id, theme, i); err != nil {
			return "", fmt.Errorf("theme %s: %w", slug, err)
		}
	}
	// Membership of a theme day is set when the activity is made (sample
	// data, a dataset) and later by SetThemeDay; the spreadsheet has no
	// column for it, so an update from a file leaves it as it is.
	if a.ThemeDay != "" {
		if _, err := im.t.exec(ctx, `INSERT INTO theme_day_activities (activity_id, event_id, day) VALUES (?, ?, ?)`, id, eventID, a.ThemeDay); err != nil {
			return "", fmt.Errorf("theme day %s: %w", a.ThemeDay, err)
		}
	}
	for i, h := range a.Hosts {
		org, err := im.id("organisations", h.Org, "hosts")
		if err != nil {
			return "", err
		}
		if _, err := im.t.exec(ctx, `INSERT INTO activity_hosts (activity_id, org_id, role, position) VALUES (?, ?, ?, ?)`, id, org, string(h.Role), i); err != nil {
			return "", fmt.Errorf("host %s: %w", h.Org, err)
		}
	}
	for i, s := range a.Speakers {
		person, err := im.id("people", s.Person, "speakers")
		if err != nil {
			return "", err
		}
		if _, err := im.t.exec(ctx, `INSERT INTO activity_speakers (activity_id, person_id, role, position) VALUES (?, ?, ?, ?)`, id, person, string(s.Role), i); err != nil {
			return "", fmt.Errorf("speaker %s: %w", s.Person, err)
		}
	}
	return id, nil
}

// utcOrNil stores the zero time as NULL (an unplaced activity).
func utcOrNil(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC()
}

func utcPtr(t *time.Time) any {
	if t == nil {
		return nil
	}
	return t.UTC()
}
