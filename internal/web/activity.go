package web

import (
	"net/http"
	"slices"

	"convene/internal/program"
	"convene/internal/registration"
)

// activityView is the page of one activity.
type activityView struct {
	Page
	Title, Summary        string
	Kind, Section         Link
	Day, Time, Zone       string
	DayURL                string
	Room, Venue           string
	RoomURL, VenueAddress string
	Seats                 int
	Languages             string
	Interpretation        bool
	HostGroups            []orgGroup
	SpeakerGroups         []speakerGroup
	Livestream            *liveInfo
	Releases              []releaseItem
	Themes                []Link
	Orientation           *Link
	Sample, Cancelled     bool
	New                   bool
	Subscribe             subscribe
	// SignupURL is where the sign-up form posts, for activities that take
	// sign-ups. The page is cached, so it shows no live seat counts.
	SignupURL string
	FairURL   string // the matchmaking fair's page, for an activity that has one
}

type orgGroup struct {
	Role string
	Orgs []Link
}

type speakerGroup struct {
	Role   string
	People []personItem
}

// personItem is a person in a list.
type personItem struct {
	URL, Name, Affiliation, Country string
	Honours                         []string
}

type liveInfo struct {
	URL, Start string
}

// releaseItem is a release in a list.
type releaseItem struct {
	Title, Summary, Kind string
	Publisher            Link
	Activity             Link
	Embargo              string // press view only: "embargoed until …" while not public
}

func (s *site) activity(w http.ResponseWriter, r *http.Request, q req) {
	ed, lang := q.ed, q.lang
	a, ok := ed.Activity(r.PathValue("activity"))
	if !ok {
		s.fail(w, r, lang, ed, program.Errorf(program.CodeNotFound, "no activity %q", r.PathValue("activity")))
		return
	}
	prev := q.prev
	view := activityView{
		Page:           s.page(r, lang, a.Title.In(lang), "agenda", ed),
		Title:          a.Title.In(lang),
		Summary:        a.Summary.In(lang),
		Kind:           Link{URL: q.agenda("kind", string(a.Kind)), Label: enum(lang, "kind", a.Kind)},
		Seats:          ed.Seats(a),
		Subscribe:      subscribe{Label: T(lang, "feeds.activity"), Calendar: q.feed("activities", a.Slug, "calendar.ics")},
		Languages:      languageNames(lang, a.Languages),
		Interpretation: a.Interpretation,
		Sample:         a.Sample,
		Cancelled:      a.Status == program.StatusCancelled,
		New:            program.IsNew(a, prev),
	}
	if s.reg != nil && registration.OpenForSignup(ed, a) == nil {
		view.SignupURL = q.signup(a.Slug)
	}
	view.FairURL = s.fairLink(r.Context(), q, a)
	if !slices.Contains(program.ActivityKinds, a.Kind) {
		view.Kind.URL = ""
	}
	if sec := ed.SectionByID(a.SectionID); sec != nil {
		view.Section = Link{URL: q.agenda("section", sec.Slug), Label: sec.Name.In(lang)}
	}
	if !a.StartsAt.IsZero() {
		day := ed.Day(a)
		view.Day = fmtDateWeekday(lang, day)
		view.DayURL = q.agenda("day", day)
		view.Time = fmtSpan(ed, a)
		view.Zone = zoneLabel(ed, a.StartsAt)
	}
	if room := ed.RoomByID(a.RoomID); room != nil {
		view.Room = room.Name.In(lang)
		view.RoomURL = q.agenda("room", room.Slug)
		if v := ed.VenueByID(room.VenueID); v != nil {
			view.Venue = v.Name.In(lang)
			view.VenueAddress = v.Address.In(lang)
		}
	}
	for _, role := range program.HostRoles {
		g := orgGroup{Role: enum(lang, "role", role)}
		for _, o := range ed.HostsWithRole(a, role) {
			g.Orgs = append(g.Orgs, Link{URL: q.org(o.Slug), Label: o.Name.In(lang)})
		}
		if len(g.Orgs) > 0 {
			view.HostGroups = append(view.HostGroups, g)
		}
	}
	view.SpeakerGroups = speakerGroups(q, a)
	if a.Livestream != nil && !view.Cancelled {
		view.Livestream = &liveInfo{URL: externalURL(a.Livestream.URL), Start: fmtWhen(lang, ed.Local(a.Livestream.StartsAt))}
	}
	for _, rel := range ed.ReleasesOf(a.ID, s.cat.Now()) {
		view.Releases = append(view.Releases, releaseOf(q, rel))
	}
	for _, id := range a.ThemeIDs {
		if t := ed.ThemeByID(id); t != nil {
			view.Themes = append(view.Themes, Link{URL: q.agenda("theme", t.Slug), Label: t.Name.In(lang)})
		}
	}
	if slices.Contains(program.Orientations, a.Orientation) {
		view.Orientation = &Link{URL: q.agenda("orientation", string(a.Orientation)), Label: enum(lang, "orient", a.Orientation)}
	}
	s.render(w, r, http.StatusOK, "activity", view)
}

// speakerGroups groups the speakers of an activity by role, in the order of
// program.SpeakerRoles, then any other role in order of appearance.
func speakerGroups(q req, a *program.Activity) []speakerGroup {
	roles := slices.Clone(program.SpeakerRoles)
	for _, sp := range a.Speakers {
		if !slices.Contains(roles, sp.Role) {
			roles = append(roles, sp.Role)
		}
	}
	var out []speakerGroup
	for _, role := range roles {
		g := speakerGroup{Role: enum(q.lang, "speaker", role)}
		for _, sp := range a.Speakers {
			if sp.Role != role {
				continue
			}
			if p := q.ed.PersonByID(sp.PersonID); p != nil {
				g.People = append(g.People, personOf(q, p))
			}
		}
		if len(g.People) > 0 {
			out = append(out, g)
		}
	}
	return out
}

func personOf(q req, p *program.Person) personItem {
	it := personItem{
		URL:         q.person(p.Slug),
		Name:        p.Name.In(q.lang),
		Affiliation: p.Affiliation.In(q.lang),
		Country:     countryName(q.lang, p.Country),
	}
	for _, h := range p.Honours {
		it.Honours = append(it.Honours, enum(q.lang, "honour", h))
	}
	return it
}

func releaseOf(q req, rel *program.Release) releaseItem {
	it := releaseItem{Title: rel.Title.In(q.lang), Summary: rel.Summary.In(q.lang), Kind: enum(q.lang, "relkind", rel.Kind)}
	if o := q.ed.OrgByID(rel.PublisherID); o != nil {
		it.Publisher = Link{URL: q.org(o.Slug), Label: o.Name.In(q.lang)}
	}
	if a := q.ed.ActivityByID(rel.ActivityID); a != nil {
		it.Activity = Link{URL: q.activity(a.Slug), Label: a.Title.In(q.lang)}
	}
	return it
}
