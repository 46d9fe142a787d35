package api

import (
	"net/http"

	"convene/internal/program"
)

type personItem struct {
	Slug        string           `json:"slug"`
	Name        program.Text     `json:"name"`
	Position    program.Text     `json:"position"`
	Affiliation program.Text     `json:"affiliation"`
	Country     optString        `json:"country"`
	Honours     []program.Honour `json:"honours"`
	Sample      bool             `json:"sample"`
	URL         string           `json:"url"`
	APIURL      string           `json:"api_url"`
}

func (v view) person(p *program.Person) personItem {
	return personItem{
		Slug: p.Slug, Name: p.Name, Position: p.Position, Affiliation: p.Affiliation,
		Country: optString(p.Country), Honours: nonNil(p.Honours), Sample: p.Sample,
		URL: pageURL(v.event(), "people", p.Slug), APIURL: apiURL(v.event(), "people", p.Slug),
	}
}

type personList struct {
	Event  string       `json:"event"`
	Count  int          `json:"count"`
	People []personItem `json:"people"`
}

// GET /api/v1/events/{event}/people
func (s *server) listPeople(w http.ResponseWriter, r *http.Request) error {
	ed, err := s.edition(r)
	if err != nil {
		return err
	}
	v := view{ed: ed}
	people := ed.People()
	out := personList{Event: ed.Event.Slug, Count: len(people), People: make([]personItem, 0, len(people))}
	for _, p := range people {
		out.People = append(out.People, v.person(p))
	}
	return writeJSON(w, http.StatusOK, out)
}

type personActivity struct {
	activityLink
	Role program.SpeakerRole `json:"role"`
}

type personDetail struct {
	personItem
	Event      string           `json:"event"`
	Activities []personActivity `json:"activities"`
}

// GET /api/v1/events/{event}/people/{person}
func (s *server) getPerson(w http.ResponseWriter, r *http.Request) error {
	ed, p, err := s.editionPerson(r)
	if err != nil {
		return err
	}
	v := view{ed: ed}
	acts := ed.ActivitiesWith(p.ID)
	out := personDetail{personItem: v.person(p), Event: ed.Event.Slug, Activities: make([]personActivity, 0, len(acts))}
	for _, a := range acts {
		pa := personActivity{activityLink: v.activityLink(a)}
		for _, sp := range a.Speakers {
			if sp.PersonID == p.ID {
				pa.Role = sp.Role
				break
			}
		}
		out.Activities = append(out.Activities, pa)
	}
	return writeJSON(w, http.StatusOK, out)
}
