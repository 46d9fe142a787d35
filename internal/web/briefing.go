package web

import (
	"net/http"

	"convene/internal/program"
)

// briefingView is the press-briefing page: the figures in sentences, then tables.
type briefingView struct {
	Page
	Sentences     []string
	ByKind        []figure
	BySection     []figure
	ByHostKind    []figure
	ByOrientation []figure
	ByTheme       []figure
	Hosts         []hostRow
	ReleaseEvents []releaseEvent
	Comparable    bool
}

type hostRow struct {
	Org                               Link
	Kind                              string
	ParallelForums, NewParallelForums int
	Matchmaking, Releases             int
	NewForums                         []Link
}

func (s *site) briefing(w http.ResponseWriter, r *http.Request, q req) {
	ed, lang := q.ed, q.lang
	cur, prev, err := s.cat.Stats(r.Context(), ed.Event.Slug)
	if err != nil {
		s.fail(w, r, lang, ed, err)
		return
	}
	view := briefingView{
		Page:       s.page(r, lang, T(lang, "briefing.title"), "briefing", ed),
		Sentences:  program.Briefing(cur, prev, lang),
		Comparable: cur.ComparedWith != "",
	}
	for _, k := range program.ActivityKinds {
		if n := cur.ByKind[string(k)]; n > 0 {
			view.ByKind = append(view.ByKind, figure{Value: n, Label: enum(lang, "kind", k), URL: q.agenda("kind", string(k))})
		}
	}
	for _, sc := range cur.BySection {
		view.BySection = append(view.BySection, figure{Value: sc.Activities, Label: sc.Name.In(lang), URL: q.agenda("section", sc.Section)})
	}
	for _, k := range program.OrgKinds {
		if n := cur.ByHostKind[string(k)]; n > 0 {
			view.ByHostKind = append(view.ByHostKind, figure{Value: n, Label: enum(lang, "orgkind", k)})
		}
	}
	for _, o := range program.Orientations {
		view.ByOrientation = append(view.ByOrientation, figure{Value: cur.ByOrientation[string(o)], Label: enum(lang, "orient", o), URL: q.agenda("orientation", string(o))})
	}
	for _, t := range ed.Themes {
		if n := cur.ByTheme[t.Slug]; n > 0 {
			view.ByTheme = append(view.ByTheme, figure{Value: n, Label: t.Name.In(lang), URL: q.agenda("theme", t.Slug)})
		}
	}
	for _, h := range cur.Hosts {
		row := hostRow{
			Org:               Link{Label: h.Name.In(lang)},
			Kind:              enum(lang, "orgkind", h.Kind),
			ParallelForums:    h.ParallelForums,
			NewParallelForums: h.NewParallelForums,
			Matchmaking:       h.Matchmaking,
			Releases:          h.Releases,
		}
		if _, ok := ed.Organisation(h.Org); ok {
			row.Org.URL = q.org(h.Org)
		}
		for _, f := range h.NewForums {
			l := Link{Label: f.Title.In(lang)}
			if _, ok := ed.Activity(f.Slug); ok {
				l.URL = q.activity(f.Slug)
			}
			row.NewForums = append(row.NewForums, l)
		}
		view.Hosts = append(view.Hosts, row)
	}
	// The release events with what each releases: the names the figures count.
	now := s.cat.Now()
	for _, a := range ed.Activities {
		if a.Kind != program.KindRelease || a.Status == program.StatusCancelled {
			continue
		}
		ev := releaseEvent{Activity: Link{URL: q.activity(a.Slug), Label: a.Title.In(lang)}}
		for _, o := range ed.HostsWithRole(a, program.RoleHost) {
			ev.Hosts = append(ev.Hosts, Link{URL: q.org(o.Slug), Label: o.Name.In(lang)})
		}
		for _, rel := range ed.ReleasesOf(a.ID, now) {
			ev.Releases = append(ev.Releases, releaseOf(q, rel))
		}
		view.ReleaseEvents = append(view.ReleaseEvents, ev)
	}
	s.render(w, r, http.StatusOK, "briefing", view)
}
