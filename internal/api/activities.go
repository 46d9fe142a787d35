package api

import (
	"net/http"

	"convene/internal/program"
	"convene/internal/registration"
)

type activityList struct {
	Event      string         `json:"event"`
	Filter     program.Filter `json:"filter"`
	Count      int            `json:"count"`
	Activities []activityItem `json:"activities"`
}

// GET /api/v1/events/{event}/activities?day=&section=&kind=&theme=&host=&orientation=&room=
//
// The response is a function of the catalogue's stamp of the edition (its
// version, the previous edition's, the releases public now) and the filter,
// so its ETag is derived from those: a matching If-None-Match is
// answered 304 without rendering anything, and the rendered body is kept in
// a small cache under the same key.
func (s *server) listActivities(w http.ResponseWriter, r *http.Request) error {
	ed, err := s.edition(r)
	if err != nil {
		return err
	}
	q, err := query(r)
	if err != nil {
		return err
	}
	f, err := ed.ParseFilter(q.Get)
	if err != nil {
		return err
	}
	prev, stamp, err := s.cat.Stamp(r.Context(), ed)
	if err != nil {
		return err
	}
	v := view{ed: ed, prev: prev, now: s.cat.Now()}
	return s.serveStamped(w, r, versionKey("activities", stamp, f), func() any {
		list := ed.Filter(f)
		out := activityList{Event: ed.Event.Slug, Filter: f, Count: len(list), Activities: make([]activityItem, 0, len(list))}
		for _, a := range list {
			out.Activities = append(out.Activities, v.activity(a))
		}
		return out
	})
}

// activityDetail is an activity with what a single page needs on top of the
// list item.
type activityDetail struct {
	activityItem
	Event       string                  `json:"event"`
	Day         optString               `json:"day"`
	SectionName *program.Text           `json:"section_name"`
	ThemeNames  map[string]program.Text `json:"theme_names"`
	ThemeDay    *themeDayItem           `json:"theme_day"`
	// Live figures, read at each request: the list and the feeds leave
	// them out so that those stay cacheable per program version.
	TakesSignups bool `json:"takes_signups"`
	Confirmed    int  `json:"confirmed"`
	Waitlisted   int  `json:"waitlisted"`
}

// GET /api/v1/events/{event}/activities/{activity}
func (s *server) getActivity(w http.ResponseWriter, r *http.Request) error {
	ed, a, err := s.editionActivity(r)
	if err != nil {
		return err
	}
	prev, err := s.cat.Previous(r.Context(), ed)
	if err != nil {
		return err
	}
	v := view{ed: ed, prev: prev, now: s.cat.Now()}
	out := activityDetail{activityItem: v.activity(a), Event: ed.Event.Slug, ThemeNames: map[string]program.Text{}}
	if !a.StartsAt.IsZero() {
		out.Day = optString(ed.Day(a))
		for _, td := range ed.ThemeDays {
			if td.Date == string(out.Day) {
				out.ThemeDay = &themeDayItem{Name: td.Name}
				if t := ed.ThemeByID(td.ThemeID); t != nil {
					out.ThemeDay.Theme = optString(t.Slug)
				}
			}
		}
	}
	if sec := ed.SectionByID(a.SectionID); sec != nil {
		out.SectionName = &sec.Name
	}
	for _, id := range a.ThemeIDs {
		if t := ed.ThemeByID(id); t != nil {
			out.ThemeNames[t.Slug] = t.Name
		}
	}
	if registration.OpenForSignup(ed, a) == nil {
		seats, err := s.liveSeats(r, ed, a)
		if err != nil {
			return err
		}
		out.TakesSignups, out.Confirmed, out.Waitlisted = true, seats.Confirmed, seats.Waitlisted
	}
	return writeJSON(w, http.StatusOK, out)
}
