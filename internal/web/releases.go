package web

import (
	"net/http"

	"convene/internal/accounts"
	"convene/internal/program"
)

// releasesView lists the public releases, grouped by the activity they are
// released at (release events first come first, in program order).
type releasesView struct {
	Page
	Events []releaseEvent
	Press  bool // the press view: embargoed releases included and marked
}

type releaseEvent struct {
	Activity  Link
	When      string
	Hosts     []Link
	Releases  []releaseItem
	Cancelled bool
}

func (s *site) releases(w http.ResponseWriter, r *http.Request, q req) {
	view := releasesView{Page: s.page(r, q.lang, T(q.lang, "releases.title"), "releases", q.ed)}
	view.Events = releaseEvents(q, q.ed.PublicReleases(s.cat.Now()), nil)
	s.render(w, r, http.StatusOK, "releases", view)
}

// pressReleases is every release of the edition, embargoed ones marked with
// the moment they become public: for press and admin accounts only, on a
// page that is never cached.
func (s *site) pressReleases(w http.ResponseWriter, r *http.Request, q req) {
	u, err := s.sessionUser(r)
	switch {
	case err != nil:
		s.fail(w, r, q.lang, q.ed, err)
		return
	case u == nil:
		http.Redirect(w, r, loginURL(q.lang, r.URL.RequestURI()), http.StatusSeeOther)
		return
	case u.Role != accounts.RolePress && u.Role != accounts.RoleAdmin:
		s.fail(w, r, q.lang, q.ed, program.Errorf(program.CodeForbidden, "embargoed releases are for press and admin accounts"))
		return
	}
	now := s.cat.Now()
	view := releasesView{Page: s.page(r, q.lang, T(q.lang, "press.title"), "releases", q.ed), Press: true}
	view.Events = releaseEvents(q, q.ed.Releases, func(rel *program.Release) string {
		if rel.Public(now) {
			return ""
		}
		return Tf(q.lang, "press.embargoed", q.ed.Local(*rel.EmbargoUntil).Format("2006-01-02 15:04"))
	})
	s.render(w, r, http.StatusOK, "releases", view)
}

// releaseEvents groups releases by the activity they are released at, in
// the order given; embargo, when set, labels a release.
func releaseEvents(q req, rels []*program.Release, embargo func(*program.Release) string) []releaseEvent {
	ed, lang := q.ed, q.lang
	var events []releaseEvent
	index := map[string]int{}
	for _, rel := range rels {
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
			i = len(events)
			index[rel.ActivityID] = i
			events = append(events, ev)
		}
		it := releaseOf(q, rel)
		if embargo != nil {
			it.Embargo = embargo(rel)
		}
		events[i].Releases = append(events[i].Releases, it)
	}
	return events
}
