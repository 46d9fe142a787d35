package api

import (
	"net/http"
	"strings"

	"convene/internal/accounts"
	"convene/internal/program"
)

type orgRef struct {
	Org  string       `json:"org"`
	Name program.Text `json:"name"`
}

type activityRef struct {
	Slug   string       `json:"slug"`
	Title  program.Text `json:"title"`
	URL    string       `json:"url"`
	APIURL string       `json:"api_url"`
}

type releaseItem struct {
	Slug         string       `json:"slug"`
	Title        program.Text `json:"title"`
	Summary      program.Text `json:"summary"`
	Kind         string       `json:"kind"`
	Publisher    *orgRef      `json:"publisher"`
	Activity     *activityRef `json:"activity"`
	EmbargoUntil jsTime       `json:"embargo_until"`
	Sample       bool         `json:"sample"`
}

func (v view) release(r *program.Release) releaseItem {
	it := releaseItem{Slug: r.Slug, Title: r.Title, Summary: r.Summary, Kind: r.Kind, Sample: r.Sample}
	if o := v.ed.OrgByID(r.PublisherID); o != nil {
		it.Publisher = &orgRef{Org: o.Slug, Name: o.Name}
	}
	if a := v.ed.ActivityByID(r.ActivityID); a != nil {
		it.Activity = &activityRef{
			Slug: a.Slug, Title: a.Title,
			URL: pageURL(v.event(), "activities", a.Slug), APIURL: apiURL(v.event(), "activities", a.Slug),
		}
	}
	if r.EmbargoUntil != nil {
		it.EmbargoUntil = v.time(*r.EmbargoUntil)
	}
	return it
}

type releaseList struct {
	Event    string        `json:"event"`
	Count    int           `json:"count"`
	Releases []releaseItem `json:"releases"`
}

// GET /api/v1/events/{event}/releases — the releases public now, in the
// order of their release events.
func (s *server) listReleases(w http.ResponseWriter, r *http.Request) error {
	ed, err := s.edition(r)
	if err != nil {
		return err
	}
	v := view{ed: ed, now: s.cat.Now()}
	rels := ed.PublicReleases(v.now)
	out := releaseList{Event: ed.Event.Slug, Count: len(rels), Releases: make([]releaseItem, 0, len(rels))}
	for _, rel := range rels {
		out.Releases = append(out.Releases, v.release(rel))
	}
	return writeJSON(w, http.StatusOK, out)
}

type pressRelease struct {
	releaseItem
	Public bool `json:"public"` // false while embargoed
}

type pressReleaseList struct {
	Event    string         `json:"event"`
	Count    int            `json:"count"`
	Releases []pressRelease `json:"releases"`
}

// GET /api/v1/events/{event}/press/releases — every release, embargoed ones
// included and marked, for the API token of a press or admin account.
func (s *server) listPressReleases(w http.ResponseWriter, r *http.Request) error {
	ed, err := s.edition(r)
	if err != nil {
		return err
	}
	token, err := bearer(r)
	if err != nil {
		return err
	}
	if s.accounts == nil || !strings.HasPrefix(token, accounts.UserTokenPrefix) {
		return &program.Error{Code: program.CodeUnauthorized, Message: "send the API token of a press or admin account"}
	}
	u, err := s.accounts.TokenUser(r.Context(), token)
	if err != nil {
		return err
	}
	if u.Role != accounts.RolePress && u.Role != accounts.RoleAdmin {
		return program.Errorf(program.CodeForbidden, "embargoed releases are for press and admin accounts, not %s", u.Role)
	}
	v := view{ed: ed, now: s.cat.Now()}
	out := pressReleaseList{Event: ed.Event.Slug, Count: len(ed.Releases), Releases: make([]pressRelease, 0, len(ed.Releases))}
	for _, rel := range ed.Releases {
		out.Releases = append(out.Releases, pressRelease{releaseItem: v.release(rel), Public: rel.Public(v.now)})
	}
	w.Header().Set("Cache-Control", "private, no-store")
	return writeJSON(w, http.StatusOK, out)
}
