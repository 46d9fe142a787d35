package program

import (
	"cmp"
	"slices"
	"time"
)

// Edition is an immutable snapshot of one edition's public program with every
// referenced organisation, person, room, venue and theme. Pages, the API and
// the figures all read from a snapshot, so one request sees one consistent
// version, and the snapshot is rebuilt only when the edition's Version changes.
type Edition struct {
	Event      Event
	Sections   []*Section  // by position
	Activities []*Activity // by start, room, title
	Releases   []*Release
	ThemeDays  []ThemeDay
	Themes     []*Theme // every theme used by the edition, by slug

	orgs    map[string]*Organisation
	people  map[string]*Person
	rooms   map[string]*Room
	venues  map[string]*Venue
	themes  map[string]*Theme
	section map[string]*Section

	activityByID   map[string]*Activity
	activityBySlug map[string]*Activity
	orgBySlug      map[string]*Organisation
	personBySlug   map[string]*Person
	sectionBySlug  map[string]*Section
	roomBySlug     map[string]*Room
	themeBySlug    map[string]*Theme

	activitiesOfOrg    map[string][]*Activity
	activitiesOfPerson map[string][]*Activity
	releasesOf         map[string][]*Release // by activity id
	series             map[string]bool       // series that ran in this edition

	loc    *time.Location
	search []searchDoc
}

// Parts is what a store hands to NewEdition.
type Parts struct {
	Event         Event
	Sections      []Section
	Activities    []Activity
	Releases      []Release
	ThemeDays     []ThemeDay
	Organisations []Organisation
	People        []Person
	Rooms         []Room
	Venues        []Venue
	Themes        []Theme
}

// NewEdition builds the snapshot and its indexes.
func NewEdition(p Parts) *Edition {
	ed := &Edition{
		Event:              p.Event,
		ThemeDays:          p.ThemeDays,
		orgs:               map[string]*Organisation{},
		people:             map[string]*Person{},
		rooms:              map[string]*Room{},
		venues:             map[string]*Venue{},
		themes:             map[string]*Theme{},
		section:            map[string]*Section{},
		activityByID:       map[string]*Activity{},
		activityBySlug:     map[string]*Activity{},
		orgBySlug:          map[string]*Organisation{},
		personBySlug:       map[string]*Person{},
		sectionBySlug:      map[string]*Section{},
		roomBySlug:         map[string]*Room{},
		themeBySlug:        map[string]*Theme{},
		activitiesOfOrg:    map[string][]*Activity{},
		activitiesOfPerson: map[string][]*Activity{},
		releasesOf:         map[string][]*Release{},
		series:             map[string]bool{},
		loc:                p.Event.Location(),
	}
	for i := range p.Organisations {
		o := &p.Organisations[i]
		ed.orgs[o.ID], ed.orgBySlug[o.Slug] = o, o
	}
	for i := range p.People {
		x := &p.People[i]
		ed.people[x.ID], ed.personBySlug[x.Slug] = x, x
	}
	for i := range p.Rooms {
		r := &p.Rooms[i]
		ed.rooms[r.ID], ed.roomBySlug[r.Slug] = r, r
	}
	for i := range p.Venues {
		ed.venues[p.Venues[i].ID] = &p.Venues[i]
	}
	for i := range p.Themes {
		t := &p.Themes[i]
		ed.themes[t.ID], ed.themeBySlug[t.Slug] = t, t
		ed.Themes = append(ed.Themes, t)
	}
	slices.SortFunc(ed.Themes, func(a, b *Theme) int { return cmp.Compare(a.Slug, b.Slug) })
	for i := range p.Sections {
		s := &p.Sections[i]
		ed.section[s.ID], ed.sectionBySlug[s.Slug] = s, s
		ed.Sections = append(ed.Sections, s)
	}
	slices.SortFunc(ed.Sections, func(a, b *Section) int { return cmp.Compare(a.Position, b.Position) })

	for i := range p.Activities {
		a := &p.Activities[i]
		ed.Activities = append(ed.Activities, a)
		ed.activityByID[a.ID], ed.activityBySlug[a.Slug] = a, a
		if a.Series != "" && a.Status != StatusCancelled {
			ed.series[a.Series] = true
		}
	}
	slices.SortFunc(ed.Activities, func(a, b *Activity) int {
		return cmp.Or(a.StartsAt.Compare(b.StartsAt), cmp.Compare(ed.roomOrder(a), ed.roomOrder(b)), cmp.Compare(a.Slug, b.Slug))
	})
	for _, a := range ed.Activities {
		for _, h := range a.Hosts {
			if list := ed.activitiesOfOrg[h.OrgID]; len(list) == 0 || list[len(list)-1] != a {
				ed.activitiesOfOrg[h.OrgID] = append(list, a)
			}
		}
		for _, s := range a.Speakers {
			if list := ed.activitiesOfPerson[s.PersonID]; len(list) == 0 || list[len(list)-1] != a {
				ed.activitiesOfPerson[s.PersonID] = append(list, a)
			}
		}
	}
	for i := range p.Releases {
		r := &p.Releases[i]
		ed.Releases = append(ed.Releases, r)
		ed.releasesOf[r.ActivityID] = append(ed.releasesOf[r.ActivityID], r)
	}
	slices.SortFunc(ed.Releases, func(a, b *Release) int {
		return cmp.Or(ed.activityStart(a).Compare(ed.activityStart(b)), cmp.Compare(a.Slug, b.Slug))
	})
	ed.search = buildSearch(ed)
	return ed
}

func (ed *Edition) roomOrder(a *Activity) string {
	if r := ed.rooms[a.RoomID]; r != nil {
		return r.Slug
	}
	return ""
}

func (ed *Edition) activityStart(r *Release) time.Time {
	if a := ed.activityByID[r.ActivityID]; a != nil {
		return a.StartsAt
	}
	return time.Time{}
}

// Location is the edition's time zone.
func (ed *Edition) Location() *time.Location { return ed.loc }

// Local converts an instant to the edition's time zone.
func (ed *Edition) Local(t time.Time) time.Time { return t.In(ed.loc) }

// Day returns the local date (YYYY-MM-DD) an activity starts on.
func (ed *Edition) Day(a *Activity) string { return a.StartsAt.In(ed.loc).Format(time.DateOnly) }

// Days lists the dates of the edition, first to last.
func (ed *Edition) Days() []string {
	start, err1 := time.Parse(time.DateOnly, ed.Event.StartDate)
	end, err2 := time.Parse(time.DateOnly, ed.Event.EndDate)
	if err1 != nil || err2 != nil || end.Before(start) {
		return nil
	}
	var days []string
	for d := start; !d.After(end); d = d.AddDate(0, 0, 1) {
		days = append(days, d.Format(time.DateOnly))
	}
	return days
}

// Activity looks an activity up by slug.
func (ed *Edition) Activity(slug string) (*Activity, bool) {
	a, ok := ed.activityBySlug[slug]
	return a, ok
}

// Organisation looks an organisation of the edition up by slug.
func (ed *Edition) Organisation(slug string) (*Organisation, bool) {
	o, ok := ed.orgBySlug[slug]
	return o, ok
}

// Person looks a person of the edition up by slug.
func (ed *Edition) Person(slug string) (*Person, bool) {
	p, ok := ed.personBySlug[slug]
	return p, ok
}

// Section looks a section up by slug.
func (ed *Edition) Section(slug string) (*Section, bool) {
	s, ok := ed.sectionBySlug[slug]
	return s, ok
}

// OrgByID, PersonByID, RoomByID, VenueByID, ThemeByID and SectionByID resolve
// the ids stored on activities; they return nil for an unknown id.
func (ed *Edition) OrgByID(id string) *Organisation { return ed.orgs[id] }
func (ed *Edition) PersonByID(id string) *Person    { return ed.people[id] }
func (ed *Edition) RoomByID(id string) *Room        { return ed.rooms[id] }
func (ed *Edition) VenueByID(id string) *Venue      { return ed.venues[id] }
func (ed *Edition) ThemeByID(id string) *Theme      { return ed.themes[id] }
func (ed *Edition) SectionByID(id string) *Section  { return ed.section[id] }

// ActivityByID resolves an activity id; nil when unknown.
func (ed *Edition) ActivityByID(id string) *Activity { return ed.activityByID[id] }

// Organisations lists the organisations taking part, by slug.
func (ed *Edition) Organisations() []*Organisation {
	return sortedBySlug(ed.orgs, func(o *Organisation) string { return o.Slug })
}

// People lists the people taking part, by slug.
func (ed *Edition) People() []*Person {
	return sortedBySlug(ed.people, func(p *Person) string { return p.Slug })
}

// Rooms lists the rooms used by the edition, by slug.
func (ed *Edition) Rooms() []*Room {
	return sortedBySlug(ed.rooms, func(r *Room) string { return r.Slug })
}

func sortedBySlug[T any](m map[string]*T, slug func(*T) string) []*T {
	out := make([]*T, 0, len(m))
	for _, v := range m {
		out = append(out, v)
	}
	slices.SortFunc(out, func(a, b *T) int { return cmp.Compare(slug(a), slug(b)) })
	return out
}

// ActivitiesOf lists the activities an organisation has any role in.
func (ed *Edition) ActivitiesOf(orgID string) []*Activity { return ed.activitiesOfOrg[orgID] }

// ActivitiesWith lists the activities a person appears in.
func (ed *Edition) ActivitiesWith(personID string) []*Activity {
	return ed.activitiesOfPerson[personID]
}

// ReleasesOf lists the releases of an activity that are public at now.
func (ed *Edition) ReleasesOf(activityID string, now time.Time) []*Release {
	return visible(ed.releasesOf[activityID], now)
}

// PublicReleases lists the releases whose embargo has lifted at now.
func (ed *Edition) PublicReleases(now time.Time) []*Release { return visible(ed.Releases, now) }

// ReleasesPublishedBy lists the public releases an organisation published.
func (ed *Edition) ReleasesPublishedBy(orgID string, now time.Time) []*Release {
	var out []*Release
	for _, r := range visible(ed.Releases, now) {
		if r.PublisherID == orgID {
			out = append(out, r)
		}
	}
	return out
}

// Public reports whether the release may be shown at now.
func (r *Release) Public(now time.Time) bool {
	return r.EmbargoUntil == nil || !now.Before(*r.EmbargoUntil)
}

func visible(rs []*Release, now time.Time) []*Release {
	var out []*Release
	for _, r := range rs {
		if r.Public(now) {
			out = append(out, r)
		}
	}
	return out
}

// Livestreams lists the activities with a livestream, ordered by broadcast start.
func (ed *Edition) Livestreams() []*Activity {
	var out []*Activity
	for _, a := range ed.Activities {
		if a.Livestream != nil && a.Status != StatusCancelled {
			out = append(out, a)
		}
	}
	slices.SortStableFunc(out, func(a, b *Activity) int { return a.Livestream.StartsAt.Compare(b.Livestream.StartsAt) })
	return out
}

// HostsWithRole returns the organisations of an activity in one role.
func (ed *Edition) HostsWithRole(a *Activity, role HostRole) []*Organisation {
	var out []*Organisation
	for _, h := range a.Hosts {
		if h.Role == role {
			if o := ed.orgs[h.OrgID]; o != nil {
				out = append(out, o)
			}
		}
	}
	return out
}

// Seats is the number of seats an activity offers: its own capacity, else its room's.
func (ed *Edition) Seats(a *Activity) int {
	if a.Capacity > 0 {
		return a.Capacity
	}
	if r := ed.rooms[a.RoomID]; r != nil {
		return r.Capacity
	}
	return 0
}
