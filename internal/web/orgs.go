package web

import (
	"net/http"
	"slices"

	"convene/internal/program"
)

// orgsView lists the organisations of an edition, grouped by kind.
type orgsView struct {
	Page
	Groups []orgKindGroup
	Count  int
}

type orgKindGroup struct {
	ID, Kind string
	Orgs     []orgItem
}

type orgItem struct {
	URL, Name, Country string
	Sample             bool
}

func (s *site) orgs(w http.ResponseWriter, r *http.Request, q req) {
	ed, lang := q.ed, q.lang
	view := orgsView{Page: s.page(r, lang, T(lang, "orgs.title"), "orgs", ed)}
	byKind := map[program.OrgKind][]orgItem{}
	kinds := slices.Clone(program.OrgKinds)
	for _, o := range ed.Organisations() {
		if !slices.Contains(kinds, o.Kind) {
			kinds = append(kinds, o.Kind)
		}
		byKind[o.Kind] = append(byKind[o.Kind], orgItem{URL: q.org(o.Slug), Name: o.Name.In(lang), Country: countryName(lang, o.Country), Sample: o.Sample})
		view.Count++
	}
	coll := collator(lang)
	for _, k := range kinds {
		list := byKind[k]
		if len(list) == 0 {
			continue
		}
		slices.SortStableFunc(list, func(a, b orgItem) int { return coll.CompareString(a.Name, b.Name) })
		view.Groups = append(view.Groups, orgKindGroup{ID: "k-" + string(k), Kind: enum(lang, "orgkind", k), Orgs: list})
	}
	s.render(w, r, http.StatusOK, "orgs", view)
}

// orgView is the page of one organisation.
type orgView struct {
	Page
	Name, OtherName, Kind, Country, Website string
	Roles                                   []orgRoleGroup
	Releases                                []releaseItem
	AgendaURL                               string
	Sample                                  bool
}

type orgRoleGroup struct {
	Role       string
	Activities []Card
}

func (s *site) org(w http.ResponseWriter, r *http.Request, q req) {
	ed, lang := q.ed, q.lang
	o, ok := ed.Organisation(r.PathValue("org"))
	if !ok {
		s.fail(w, r, lang, ed, program.Errorf(program.CodeNotFound, "no organisation %q", r.PathValue("org")))
		return
	}
	prev := q.prev
	view := orgView{
		Page:    s.page(r, lang, o.Name.In(lang), "orgs", ed),
		Name:    o.Name.In(lang),
		Kind:    enum(lang, "orgkind", o.Kind),
		Country: countryName(lang, o.Country),
		Website: externalURL(o.Website),
		Sample:  o.Sample,
	}
	other := program.LangEN
	if lang == program.LangEN {
		other = program.LangZH
	}
	if n := o.Name.In(other); n != view.Name {
		view.OtherName = n
	}
	acts := ed.ActivitiesOf(o.ID)
	for _, role := range program.HostRoles {
		g := orgRoleGroup{Role: enum(lang, "role", role)}
		for _, a := range acts {
			if slices.ContainsFunc(a.Hosts, func(h program.Host) bool { return h.OrgID == o.ID && h.Role == role }) {
				g.Activities = append(g.Activities, card(q, prev, a))
			}
		}
		if len(g.Activities) > 0 {
			view.Roles = append(view.Roles, g)
			if role == program.RoleHost {
				view.AgendaURL = q.agenda("host", o.Slug)
			}
		}
	}
	for _, rel := range ed.ReleasesPublishedBy(o.ID, s.cat.Now()) {
		view.Releases = append(view.Releases, releaseOf(q, rel))
	}
	s.render(w, r, http.StatusOK, "org", view)
}
