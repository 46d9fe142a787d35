package web

import (
	"net/http"

	"convene/internal/program"
)

// releasesView lists the public releases, grouped by the activity they are
// released at (release events first come first, in program order).
type releasesView struct {
	Page
	Events []releaseEvent
}

type releaseEvent struct {
	Activity  Link
	When      string
	Hosts     []Link
	Releases  []releaseItem
	Cancelled bool
}

func (s *site) releases(w http.ResponseWriter, r *http.Request, q req) {
	ed, lang := q.ed, q.lang
	view := releasesView{Page: s.page(r, lang, T(lang, "releases.title"), "releases", ed)}
	index := map[string]int{}
	for _, rel := range ed.PublicReleases(s.cat.Now()) {
		i, ok := index[rel.ActivityID]
		if !ok {
			ev := releaseEvent{}
			if a := ed.ActivityByID(rel.ActivityID); a != nil {
				ev.Activity = Link{URL: q.activity(a.Slug), Label: a.Title.In(lang)}
				ev.Cancelled = a.Status == program.StatusCancelled
				if !a.StartsAt.IsZero() {
					ev.When = fmtDateWeekday(lang, ed.Day(a)) + " " + fmtSpan(ed, a)
				}
				for _, o := range ed.HostsWithRole(a, program.RoleHost) {
					ev.Hosts = append(ev.Hosts, Link{URL: q.org(o.Slug), Label: o.Name.In(lang)})
				}
			}
			i = len(view.Events)
			index[rel.ActivityID] = i
			view.Events = append(view.Events, ev)
		}
		view.Events[i].Releases = append(view.Events[i].Releases, releaseOf(q, rel))
	}
	s.render(w, r, http.StatusOK, "releases", view)
}
