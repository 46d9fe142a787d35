package web

import (
	"net/http"
	"slices"

	"convene/internal/program"
)

// peopleView lists the people of an edition.
type peopleView struct {
	Page
	People []personItem
}

func (s *site) people(w http.ResponseWriter, r *http.Request, q req) {
	view := peopleView{Page: s.page(r, q.lang, T(q.lang, "people.title"), "people", q.ed)}
	for _, p := range q.ed.People() {
		view.People = append(view.People, personOf(q, p))
	}
	coll := collator(q.lang)
	slices.SortStableFunc(view.People, func(a, b personItem) int { return coll.CompareString(a.Name, b.Name) })
	s.render(w, r, http.StatusOK, "people", view)
}

// personView is the page of one person.
type personView struct {
	Page
	Name, OtherName, Position, Affiliation, Country string
	Honours                                         []string
	Activities                                      []Card
	Sample                                          bool
	Subscribe                                       subscribe
}

func (s *site) person(w http.ResponseWriter, r *http.Request, q req) {
	ed, lang := q.ed, q.lang
	p, ok := ed.Person(r.PathValue("person"))
	if !ok {
		s.fail(w, r, lang, ed, program.Errorf(program.CodeNotFound, "no person %q", r.PathValue("person")))
		return
	}
	prev := q.prev
	item := personOf(q, p)
	view := personView{
		Page:        s.page(r, lang, item.Name, "people", ed),
		Name:        item.Name,
		Position:    p.Position.In(lang),
		Affiliation: item.Affiliation,
		Country:     item.Country,
		Honours:     item.Honours,
		Sample:      p.Sample,
		Subscribe:   subscribe{Label: T(lang, "feeds.person"), Calendar: q.feed("people", p.Slug, "calendar.ics")},
	}
	other := program.LangEN
	if lang == program.LangEN {
		other = program.LangZH
	}
	if n := p.Name.In(other); n != item.Name {
		view.OtherName = n
	}
	for _, a := range ed.ActivitiesWith(p.ID) {
		c := card(q, prev, a)
		var roles []string
		for _, sp := range a.Speakers {
			if sp.PersonID == p.ID {
				if r := enum(lang, "speaker", sp.Role); !slices.Contains(roles, r) {
					roles = append(roles, r)
				}
			}
		}
		c.Role = joinList(lang, roles)
		view.Activities = append(view.Activities, c)
	}
	s.render(w, r, http.StatusOK, "person", view)
}
