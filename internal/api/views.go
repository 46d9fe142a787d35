package api

import (
	"net/url"
	"slices"
	"time"

	"convene/internal/program"
)

// Links. `url` fields point at the public page in Chinese, the default
// language (internal/web's routes: /zh/{event}/, …/activities/{slug},
// …/people/{slug}, …/orgs/{slug}); `api_url` fields at the API resource.

func pageURL(event string, parts ...string) string {
	u := "/zh/" + url.PathEscape(event) + "/"
	for i, p := range parts {
		if i > 0 {
			u += "/"
		}
		u += url.PathEscape(p)
	}
	return u
}

func apiURL(event string, parts ...string) string {
	u := "/api/v1/events/" + url.PathEscape(event)
	for _, p := range parts {
		u += "/" + url.PathEscape(p)
	}
	return u
}

// view carries what every representation of an edition needs.
type view struct {
	ed   *program.Edition
	prev *program.Edition // nil when the edition has none
	now  time.Time
}

func (v view) event() string { return v.ed.Event.Slug }

func (v view) time(t time.Time) jsTime {
	if t.IsZero() {
		return jsTime{}
	}
	return jsTime(v.ed.Local(t))
}

type roomRef struct {
	Slug     string       `json:"slug"`
	Name     program.Text `json:"name"`
	Venue    *venueRef    `json:"venue"`
	Capacity int          `json:"capacity"`
}

type venueRef struct {
	Slug    string       `json:"slug"`
	Name    program.Text `json:"name"`
	Address program.Text `json:"address"`
}

func (v view) venue(id string) *venueRef {
	ve := v.ed.VenueByID(id)
	if ve == nil {
		return nil
	}
	return &venueRef{Slug: ve.Slug, Name: ve.Name, Address: ve.Address}
}

func (v view) room(id string) *roomRef {
	r := v.ed.RoomByID(id)
	if r == nil {
		return nil
	}
	return &roomRef{Slug: r.Slug, Name: r.Name, Venue: v.venue(r.VenueID), Capacity: r.Capacity}
}

type livestreamRef struct {
	URL      string `json:"url"`
	StartsAt jsTime `json:"starts_at"`
}

type hostRef struct {
	Org  string           `json:"org"`
	Name program.Text     `json:"name"`
	Kind program.OrgKind  `json:"kind"`
	Role program.HostRole `json:"role"`
}

type speakerRef struct {
	Person  string              `json:"person"`
	Name    program.Text        `json:"name"`
	Role    program.SpeakerRole `json:"role"`
	Honours []program.Honour    `json:"honours"`
}

type releaseRef struct {
	Slug  string       `json:"slug"`
	Title program.Text `json:"title"`
}

// activityItem is an activity in lists; activityDetail adds to it.
type activityItem struct {
	Slug           string               `json:"slug"`
	Kind           program.ActivityKind `json:"kind"`
	Title          program.Text         `json:"title"`
	Summary        program.Text         `json:"summary"`
	Section        optString            `json:"section"`
	Series         optString            `json:"series"`
	Orientation    optString            `json:"orientation"`
	Themes         []string             `json:"themes"`
	Room           *roomRef             `json:"room"`
	StartsAt       jsTime               `json:"starts_at"`
	EndsAt         jsTime               `json:"ends_at"`
	Capacity       int                  `json:"capacity"`
	Languages      []string             `json:"languages"`
	Interpretation bool                 `json:"interpretation"`
	Livestream     *livestreamRef       `json:"livestream"`
	Status         program.Status       `json:"status"`
	New            bool                 `json:"new"`
	Sample         bool                 `json:"sample"`
	Hosts          []hostRef            `json:"hosts"`
	Speakers       []speakerRef         `json:"speakers"`
	Releases       []releaseRef         `json:"releases"`
	URL            string               `json:"url"`
	APIURL         string               `json:"api_url"`
}

func (v view) activity(a *program.Activity) activityItem {
	ev := v.event()
	it := activityItem{
		Slug:           a.Slug,
		Kind:           a.Kind,
		Title:          a.Title,
		Summary:        a.Summary,
		Series:         optString(a.Series),
		Orientation:    optString(a.Orientation),
		Themes:         make([]string, 0, len(a.ThemeIDs)),
		Room:           v.room(a.RoomID),
		StartsAt:       v.time(a.StartsAt),
		EndsAt:         v.time(a.EndsAt),
		Capacity:       v.ed.Seats(a),
		Languages:      nonNil(a.Languages),
		Interpretation: a.Interpretation,
		Status:         a.Status,
		New:            program.IsNew(a, v.prev),
		Sample:         a.Sample,
		Hosts:          make([]hostRef, 0, len(a.Hosts)),
		Speakers:       make([]speakerRef, 0, len(a.Speakers)),
		Releases:       []releaseRef{},
		URL:            pageURL(ev, "activities", a.Slug),
		APIURL:         apiURL(ev, "activities", a.Slug),
	}
	if sec := v.ed.SectionByID(a.SectionID); sec != nil {
		it.Section = optString(sec.Slug)
	}
	for _, id := range a.ThemeIDs {
		if t := v.ed.ThemeByID(id); t != nil {
			it.Themes = append(it.Themes, t.Slug)
		}
	}
	if a.Livestream != nil {
		it.Livestream = &livestreamRef{URL: a.Livestream.URL, StartsAt: v.time(a.Livestream.StartsAt)}
	}
	for _, h := range a.Hosts {
		if o := v.ed.OrgByID(h.OrgID); o != nil {
			it.Hosts = append(it.Hosts, hostRef{Org: o.Slug, Name: o.Name, Kind: o.Kind, Role: h.Role})
		}
	}
	for _, sp := range a.Speakers {
		if p := v.ed.PersonByID(sp.PersonID); p != nil {
			it.Speakers = append(it.Speakers, speakerRef{Person: p.Slug, Name: p.Name, Role: sp.Role, Honours: nonNil(p.Honours)})
		}
	}
	for _, r := range v.ed.ReleasesOf(a.ID, v.now) {
		it.Releases = append(it.Releases, releaseRef{Slug: r.Slug, Title: r.Title})
	}
	return it
}

// activityLink names an activity from another resource (a person's or an
// organisation's page).
type activityLink struct {
	Slug     string               `json:"slug"`
	Title    program.Text         `json:"title"`
	Kind     program.ActivityKind `json:"kind"`
	StartsAt jsTime               `json:"starts_at"`
	URL      string               `json:"url"`
	APIURL   string               `json:"api_url"`
}

func (v view) activityLink(a *program.Activity) activityLink {
	return activityLink{
		Slug: a.Slug, Title: a.Title, Kind: a.Kind, StartsAt: v.time(a.StartsAt),
		URL: pageURL(v.event(), "activities", a.Slug), APIURL: apiURL(v.event(), "activities", a.Slug),
	}
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// hostRoleRank orders roles as program.HostRoles does (host first).
func hostRoleRank(r program.HostRole) int {
	if i := slices.Index(program.HostRoles, r); i >= 0 {
		return i
	}
	return len(program.HostRoles)
}
