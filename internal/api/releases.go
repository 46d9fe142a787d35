package api

import (
	"net/http"

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
