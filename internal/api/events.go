package api

import (
	"net/http"

	"convene/internal/program"
)

type eventItem struct {
	Slug      string       `json:"slug"`
	Name      program.Text `json:"name"`
	Theme     program.Text `json:"theme"`
	City      program.Text `json:"city"`
	StartDate string       `json:"start_date"`
	EndDate   string       `json:"end_date"`
	TimeZone  string       `json:"time_zone"`
	Previous  optString    `json:"previous"`
	URL       string       `json:"url"`
	APIURL    string       `json:"api_url"`
}

func newEventItem(e program.Event) eventItem {
	return eventItem{
		Slug: e.Slug, Name: e.Name, Theme: e.Theme, City: e.City,
		StartDate: e.StartDate, EndDate: e.EndDate, TimeZone: e.TimeZone,
		Previous: optString(e.PreviousSlug),
		URL:      pageURL(e.Slug), APIURL: apiURL(e.Slug),
	}
}

type eventList struct {
	Events []eventItem `json:"events"`
}

// GET /api/v1/events
func (s *server) listEvents(w http.ResponseWriter, r *http.Request) error {
	evs, err := s.cat.Events(r.Context())
	if err != nil {
		return err
	}
	out := eventList{Events: make([]eventItem, 0, len(evs))}
	for _, e := range evs {
		out.Events = append(out.Events, newEventItem(e))
	}
	return writeJSON(w, http.StatusOK, out)
}

type sectionItem struct {
	Slug     string       `json:"slug"`
	Name     program.Text `json:"name"`
	Position int          `json:"position"`
}

type themeItem struct {
	Slug string       `json:"slug"`
	Name program.Text `json:"name"`
}

type dayItem struct {
	Date     string        `json:"date"`
	ThemeDay *themeDayItem `json:"theme_day"`
}

type themeDayItem struct {
	Theme optString    `json:"theme"`
	Name  program.Text `json:"name"`
}

type eventDetail struct {
	eventItem
	Version  int64         `json:"version"`
	Sections []sectionItem `json:"sections"`
	Themes   []themeItem   `json:"themes"`
	Days     []dayItem     `json:"days"`
	Rooms    []roomRef     `json:"rooms"`
}

// GET /api/v1/events/{event}
func (s *server) getEvent(w http.ResponseWriter, r *http.Request) error {
	ed, err := s.edition(r)
	if err != nil {
		return err
	}
	v := view{ed: ed}
	out := eventDetail{
		eventItem: newEventItem(ed.Event),
		Version:   ed.Event.Version,
		Sections:  make([]sectionItem, 0, len(ed.Sections)),
		Themes:    make([]themeItem, 0, len(ed.Themes)),
		Days:      []dayItem{},
		Rooms:     []roomRef{},
	}
	for _, sec := range ed.Sections {
		out.Sections = append(out.Sections, sectionItem{Slug: sec.Slug, Name: sec.Name, Position: sec.Position})
	}
	for _, t := range ed.Themes {
		out.Themes = append(out.Themes, themeItem{Slug: t.Slug, Name: t.Name})
	}
	themeDays := map[string]program.ThemeDay{}
	for _, td := range ed.ThemeDays {
		themeDays[td.Date] = td
	}
	for _, d := range ed.Days() {
		day := dayItem{Date: d}
		if td, ok := themeDays[d]; ok {
			day.ThemeDay = &themeDayItem{Name: td.Name}
			if t := ed.ThemeByID(td.ThemeID); t != nil {
				day.ThemeDay.Theme = optString(t.Slug)
			}
		}
		out.Days = append(out.Days, day)
	}
	for _, rm := range ed.Rooms() {
		out.Rooms = append(out.Rooms, roomRef{Slug: rm.Slug, Name: rm.Name, Venue: v.venue(rm.VenueID), Capacity: rm.Capacity})
	}
	return writeJSON(w, http.StatusOK, out)
}
