package web

import (
	"net/http"

	"convene/internal/program"
)

// searchView is the search form and its results grouped by kind.
type searchView struct {
	Page
	Searched bool
	Count    int
	Groups   []hitGroup
}

type hitGroup struct {
	Kind string
	Hits []hitItem
}

type hitItem struct {
	URL, Title, Detail string
}

func (s *site) search(w http.ResponseWriter, r *http.Request, q req) {
	ed, lang := q.ed, q.lang
	query := r.URL.Query().Get("q")
	hits, err := ed.Search(query)
	if err != nil {
		s.fail(w, r, lang, ed, err)
		return
	}
	view := searchView{Page: s.page(r, lang, T(lang, "search.title"), "search", ed)}
	view.Q = query
	view.Searched = query != ""
	groups := map[string]*hitGroup{}
	order := []string{program.HitActivity, program.HitPerson, program.HitOrganisation}
	for _, k := range order {
		groups[k] = &hitGroup{Kind: T(lang, "hit."+k)}
	}
	for _, h := range hits {
		g := groups[h.Kind]
		if g == nil {
			continue
		}
		var it hitItem
		switch {
		case h.Activity != nil:
			a := h.Activity
			it = hitItem{URL: q.activity(a.Slug), Title: a.Title.In(lang), Detail: enum(lang, "kind", a.Kind)}
			if !a.StartsAt.IsZero() {
				it.Detail += " · " + fmtDate(lang, ed.Day(a)) + " " + fmtSpan(ed, a)
			}
		case h.Person != nil:
			p := h.Person
			it = hitItem{URL: q.person(p.Slug), Title: p.Name.In(lang), Detail: p.Affiliation.In(lang)}
		case h.Organisation != nil:
			o := h.Organisation
			it = hitItem{URL: q.org(o.Slug), Title: o.Name.In(lang), Detail: enum(lang, "orgkind", o.Kind)}
		default:
			continue
		}
		g.Hits = append(g.Hits, it)
		view.Count++
	}
	for _, k := range order {
		if g := groups[k]; len(g.Hits) > 0 {
			view.Groups = append(view.Groups, *g)
		}
	}
	s.render(w, r, http.StatusOK, "search", view)
}
