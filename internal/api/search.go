package api

import (
	"net/http"

	"convene/internal/program"
)

// searchHit names what was found: activities carry a title, people and
// organisations a name.
type searchHit struct {
	Kind   string        `json:"kind"`
	Slug   string        `json:"slug"`
	Title  *program.Text `json:"title,omitempty"`
	Name   *program.Text `json:"name,omitempty"`
	URL    string        `json:"url"`
	APIURL string        `json:"api_url"`
}

type searchResult struct {
	Event string      `json:"event"`
	Q     string      `json:"q"`
	Count int         `json:"count"`
	Hits  []searchHit `json:"hits"`
}

// GET /api/v1/search?event=&q=
func (s *server) search(w http.ResponseWriter, r *http.Request) error {
	q, err := query(r)
	if err != nil {
		return err
	}
	event, err := required(q, "event")
	if err != nil {
		return err
	}
	text, err := required(q, "q")
	if err != nil {
		return err
	}
	ed, err := s.cat.Edition(r.Context(), event)
	if err != nil {
		return err
	}
	hits, err := ed.Search(text)
	if err != nil {
		return err
	}
	out := searchResult{Event: ed.Event.Slug, Q: text, Count: len(hits), Hits: make([]searchHit, 0, len(hits))}
	for _, h := range hits {
		var hit searchHit
		switch h.Kind {
		case program.HitActivity:
			hit = searchHit{Slug: h.Activity.Slug, Title: &h.Activity.Title, URL: pageURL(event, "activities", h.Activity.Slug), APIURL: apiURL(event, "activities", h.Activity.Slug)}
		case program.HitPerson:
			hit = searchHit{Slug: h.Person.Slug, Name: &h.Person.Name, URL: pageURL(event, "people", h.Person.Slug), APIURL: apiURL(event, "people", h.Person.Slug)}
		case program.HitOrganisation:
			hit = searchHit{Slug: h.Organisation.Slug, Name: &h.Organisation.Name, URL: pageURL(event, "orgs", h.Organisation.Slug), APIURL: apiURL(event, "organisations", h.Organisation.Slug)}
		default:
			continue
		}
		hit.Kind = h.Kind
		out.Hits = append(out.Hits, hit)
	}
	out.Count = len(out.Hits)
	return writeJSON(w, http.StatusOK, out)
}
