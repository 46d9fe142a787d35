package api

import (
	"net/http"
	"slices"

	"convene/internal/program"
)

type orgItem struct {
	Slug    string          `json:"slug"`
	Name    program.Text    `json:"name"`
	Kind    program.OrgKind `json:"kind"`
	Country optString       `json:"country"`
	Website optString       `json:"website"`
	Sample  bool            `json:"sample"`
	URL     string          `json:"url"`
	APIURL  string          `json:"api_url"`
}

func (v view) org(o *program.Organisation) orgItem {
	return orgItem{
		Slug: o.Slug, Name: o.Name, Kind: o.Kind, Country: optString(o.Country), Website: optString(o.Website),
		Sample: o.Sample,
		URL:    pageURL(v.event(), "orgs", o.Slug), APIURL: apiURL(v.event(), "organisations", o.Slug),
	}
}

type orgList struct {
	Event         string    `json:"event"`
	Count         int       `json:"count"`
	Organisations []orgItem `json:"organisations"`
}

// GET /api/v1/events/{event}/organisations
func (s *server) listOrganisations(w http.ResponseWriter, r *http.Request) error {
	ed, err := s.edition(r)
	if err != nil {
		return err
	}
	v := view{ed: ed}
	orgs := ed.Organisations()
	out := orgList{Event: ed.Event.Slug, Count: len(orgs), Organisations: make([]orgItem, 0, len(orgs))}
	for _, o := range orgs {
		out.Organisations = append(out.Organisations, v.org(o))
	}
	return writeJSON(w, http.StatusOK, out)
}

// orgActivity is an activity of an organisation with its part in it: role
// is the foremost of roles (host before organiser before co-organiser
// before supporter).
type orgActivity struct {
	activityLink
	Role  program.HostRole   `json:"role"`
	Roles []program.HostRole `json:"roles"`
}

type orgDetail struct {
	orgItem
	Event      string        `json:"event"`
	Activities []orgActivity `json:"activities"`
	Releases   []releaseItem `json:"releases"`
}

// GET /api/v1/events/{event}/organisations/{org}
func (s *server) getOrganisation(w http.ResponseWriter, r *http.Request) error {
	ed, err := s.edition(r)
	if err != nil {
		return err
	}
	slug, err := pathParam(r, "org")
	if err != nil {
		return err
	}
	o, ok := ed.Organisation(slug)
	if !ok {
		return errNotFound("org", "no organisation %q in %s", slug, ed.Event.Slug)
	}
	v := view{ed: ed, now: s.cat.Now()}
	acts := ed.ActivitiesOf(o.ID)
	out := orgDetail{orgItem: v.org(o), Event: ed.Event.Slug, Activities: make([]orgActivity, 0, len(acts)), Releases: []releaseItem{}}
	for _, a := range acts {
		oa := orgActivity{activityLink: v.activityLink(a), Roles: []program.HostRole{}}
		for _, h := range a.Hosts {
			if h.OrgID == o.ID && !slices.Contains(oa.Roles, h.Role) {
				oa.Roles = append(oa.Roles, h.Role)
			}
		}
		slices.SortStableFunc(oa.Roles, func(a, b program.HostRole) int { return hostRoleRank(a) - hostRoleRank(b) })
		if len(oa.Roles) > 0 {
			oa.Role = oa.Roles[0]
		}
		out.Activities = append(out.Activities, oa)
	}
	for _, rel := range ed.ReleasesPublishedBy(o.ID, v.now) {
		out.Releases = append(out.Releases, v.release(rel))
	}
	return writeJSON(w, http.StatusOK, out)
}
