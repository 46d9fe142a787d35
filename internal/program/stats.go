package program

import (
	"cmp"
	"context"
	"slices"
	"time"
)

// Stats are the press-briefing figures of an edition. They are computed from
// the program every time (never stored or typed in), so they cannot drift
// from what the agenda shows.
type Stats struct {
	Event                      string         `json:"event"`
	Name                       Text           `json:"name"`
	StartDate                  string         `json:"start_date"`
	EndDate                    string         `json:"end_date"`
	Activities                 int            `json:"activities"`
	ByKind                     map[string]int `json:"by_kind"`
	BySection                  []SectionCount `json:"by_section"`
	ParallelForums             int            `json:"parallel_forums"`
	NewParallelForums          int            `json:"new_parallel_forums"`
	ByHostKind                 map[string]int `json:"by_host_kind"`
	GovernmentParallelForums   int            `json:"government_parallel_forums"` // hosted by a ministry or national agency
	ByOrientation              map[string]int `json:"by_orientation"`
	ByTheme                    map[string]int `json:"by_theme"`
	Countries                  int            `json:"countries"`
	CountryList                []string       `json:"country_list"`
	InternationalOrganizations int            `json:"international_organizations"`
	Speakers                   int            `json:"speakers"`
	ForeignSpeakers            int            `json:"foreign_speakers"`
	Honours                    map[string]int `json:"honours"` // speakers holding each honour
	Livestreams                int            `json:"livestreams"`
	Releases                   int            `json:"releases"` // public releases (embargoed ones are not counted)
	Hosts                      []HostStats    `json:"hosts"`
	ComparedWith               string         `json:"compared_with,omitempty"` // the previous edition's slug
	// Matchmaking are the figures of the edition's matchmaking fairs, which
	// live outside the program snapshot: the API and the CLI fill them in
	// from the fair store; nil when the edition has no fair.
	Matchmaking *MatchmakingStats `json:"matchmaking,omitempty"`
}

// MatchmakingSource gives the figures of an edition's matchmaking fairs
// (nil when it has none).
type MatchmakingSource interface {
	MatchmakingStats(ctx context.Context, event string) (*MatchmakingStats, error)
}

// AddMatchmaking fills in the matchmaking figures of each of stats (nil
// entries are skipped), so the API and the CLI answer the same.
func AddMatchmaking(ctx context.Context, src MatchmakingSource, stats ...*Stats) error {
	for _, s := range stats {
		if s == nil {
			continue
		}
		m, err := src.MatchmakingStats(ctx, s.Event)
		if err != nil {
			return err
		}
		s.Matchmaking = m
	}
	return nil
}

// MatchmakingStats are the figures of an edition's matchmaking fairs.
type MatchmakingStats struct {
	Participants int   `json:"participants"`
	Meetings     int   `json:"meetings"`   // meetings held: scheduled meetings of published fairs
	Agreements   int   `json:"agreements"` // intentions and contracts
	Contracts    int   `json:"contracts"`
	AmountCNY    int64 `json:"amount_cny"` // sum of the contracts' amounts
}

// SectionCount is the number of activities of one section.
type SectionCount struct {
	Section    string `json:"section"`
	Name       Text   `json:"name"`
	Activities int    `json:"activities"`
}

// HostStats are the figures of one organisation that hosts (主办) activities.
type HostStats struct {
	Org               string        `json:"org"`
	Name              Text          `json:"name"`
	ShortName         Text          `json:"short_name"` // the full name again when the organisation has no short name
	Kind              OrgKind       `json:"kind"`
	ParallelForums    int           `json:"parallel_forums"`
	NewParallelForums int           `json:"new_parallel_forums"`
	Matchmaking       int           `json:"matchmaking"`
	Releases          int           `json:"releases"` // release events hosted
	NewForums         []ActivityRef `json:"new_forums"`
	Published         []ActivityRef `json:"published"` // public releases the host published (slug and title of the release)
}

// ActivityRef names an activity in figures.
type ActivityRef struct {
	Slug  string `json:"slug"`
	Title Text   `json:"title"`
}

// homeCountry is the country whose speakers are not "foreign" in the figures.
const homeCountry = "CN"

// IsNew reports whether a parallel forum is new this edition: its series did
// not run in the previous edition. Without a previous edition nothing is new.
func IsNew(a *Activity, prev *Edition) bool {
	if prev == nil || a.Kind != KindParallelForum {
		return false
	}
	return a.Series == "" || !prev.series[a.Series]
}

// ComputeStats computes the figures of ed at now (embargoed releases are not
// counted), comparing with prev (nil when there is none). Cancelled activities
// are not counted.
func ComputeStats(ed *Edition, prev *Edition, now time.Time) Stats {
	s := Stats{
		Event:         ed.Event.Slug,
		Name:          ed.Event.Name,
		StartDate:     ed.Event.StartDate,
		EndDate:       ed.Event.EndDate,
		ByKind:        map[string]int{},
		ByHostKind:    map[string]int{},
		ByOrientation: map[string]int{},
		ByTheme:       map[string]int{},
		Honours:       map[string]int{},
		BySection:     []SectionCount{},
		CountryList:   []string{},
	}
	if prev != nil {
		s.ComparedWith = prev.Event.Slug
	}
	for _, k := range ActivityKinds {
		s.ByKind[string(k)] = 0
	}
	for _, o := range Orientations {
		s.ByOrientation[string(o)] = 0
	}
	perSection := map[string]int{}
	hosts := map[string]*HostStats{}
	countries := map[string]bool{}
	intl := map[string]bool{}
	speakers := map[string]bool{}

	for _, a := range ed.Activities {
		if a.Status == StatusCancelled {
			continue
		}
		s.Activities++
		s.ByKind[string(a.Kind)]++
		perSection[a.SectionID]++
		if a.Livestream != nil {
			s.Livestreams++
		}
		isNew := IsNew(a, prev)
		if a.Kind == KindParallelForum {
			s.ParallelForums++
			if isNew {
				s.NewParallelForums++
			}
			if a.Orientation != "" {
				s.ByOrientation[string(a.Orientation)]++
			}
			for _, id := range a.ThemeIDs {
				if t := ed.themes[id]; t != nil {
					s.ByTheme[t.Slug]++
				}
			}
			hostKinds := map[OrgKind]bool{}
			for _, o := range ed.HostsWithRole(a, RoleHost) {
				hostKinds[o.Kind] = true
			}
			for k := range hostKinds {
				s.ByHostKind[string(k)]++
			}
			if hostKinds[OrgMinistry] || hostKinds[OrgAgency] {
				s.GovernmentParallelForums++
			}
		}
		for _, h := range a.Hosts {
			o := ed.orgs[h.OrgID]
			if o == nil {
				continue
			}
			if o.Country != "" {
				countries[o.Country] = true
			}
			if o.Kind == OrgInternational {
				intl[o.ID] = true
			}
			if h.Role != RoleHost {
				continue
			}
			hs := hosts[o.ID]
			if hs == nil {
				short := o.ShortName
				if short.IsZero() {
					short = o.Name
				}
				hs = &HostStats{Org: o.Slug, Name: o.Name, ShortName: short, Kind: o.Kind, NewForums: []ActivityRef{}, Published: []ActivityRef{}}
				hosts[o.ID] = hs
			}
			switch a.Kind {
			case KindParallelForum:
				hs.ParallelForums++
				if isNew {
					hs.NewParallelForums++
					hs.NewForums = append(hs.NewForums, ActivityRef{Slug: a.Slug, Title: a.Title})
				}
			case KindMatchmaking:
				hs.Matchmaking++
			case KindRelease:
				hs.Releases++
			}
		}
		for _, sp := range a.Speakers {
			if speakers[sp.PersonID] {
				continue
			}
			p := ed.people[sp.PersonID]
			if p == nil {
				continue
			}
			speakers[p.ID] = true
			if p.Country != "" {
				countries[p.Country] = true
			}
			if p.Country != "" && p.Country != homeCountry {
				s.ForeignSpeakers++
			}
			for _, h := range p.Honours {
				s.Honours[string(h)]++
			}
		}
	}
	for _, sec := range ed.Sections {
		s.BySection = append(s.BySection, SectionCount{Section: sec.Slug, Name: sec.Name, Activities: perSection[sec.ID]})
	}
	s.Speakers = len(speakers)
	s.InternationalOrganizations = len(intl)
	for c := range countries {
		s.CountryList = append(s.CountryList, c)
	}
	slices.Sort(s.CountryList)
	s.Countries = len(s.CountryList)
	public := ed.PublicReleases(now)
	s.Releases = len(public)
	for _, r := range public {
		if hs := hosts[r.PublisherID]; hs != nil {
			hs.Published = append(hs.Published, ActivityRef{Slug: r.Slug, Title: r.Title})
		}
	}
	s.Hosts = []HostStats{}
	for _, hs := range hosts {
		s.Hosts = append(s.Hosts, *hs)
	}
	slices.SortFunc(s.Hosts, func(a, b HostStats) int {
		return cmp.Or(cmp.Compare(b.ParallelForums, a.ParallelForums), cmp.Compare(b.Matchmaking+b.Releases, a.Matchmaking+a.Releases), cmp.Compare(a.Org, b.Org))
	})
	return s
}

// Short returns the host's short name in lang, or its full name.
func (h HostStats) Short(lang string) string {
	if !h.ShortName.IsZero() {
		return h.ShortName.In(lang)
	}
	return h.Name.In(lang)
}

// Host returns the figures of one host organisation.
func (s Stats) Host(slug string) (HostStats, bool) {
	for _, h := range s.Hosts {
		if h.Org == slug {
			return h, true
		}
	}
	return HostStats{}, false
}

// StatsReport is the figures document of the API and of `convene stats
// --json`: an edition's Stats with those of the edition it compares with.
type StatsReport struct {
	Stats
	Previous *Stats `json:"previous,omitempty"`
}
