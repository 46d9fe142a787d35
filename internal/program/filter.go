package program

import (
	"slices"
	"time"
	"unicode/utf8"
)

// Filter narrows the activities of an edition. Each field is empty (no
// restriction) or a value that exists in the edition: a slug for section,
// theme, host and room, a constant for kind and orientation, a date for day.
type Filter struct {
	Day         string `json:"day,omitempty"`
	Section     string `json:"section,omitempty"`
	Kind        string `json:"kind,omitempty"`
	Theme       string `json:"theme,omitempty"`
	Host        string `json:"host,omitempty"`
	Orientation string `json:"orientation,omitempty"`
	Room        string `json:"room,omitempty"`
}

// FilterFields are the query parameters a Filter is read from, in display order.
var FilterFields = []string{"day", "section", "kind", "theme", "host", "orientation", "room"}

// maxParam bounds any single parameter; longer values are refused, not truncated.
const maxParam = 200

// ParseFilter reads a filter from query parameters and checks every value
// against the edition, so an unknown value is reported (400), not silently
// ignored and answered with an empty list.
func (ed *Edition) ParseFilter(get func(string) string) (Filter, error) {
	var f Filter
	for _, name := range FilterFields {
		v := get(name)
		if v == "" {
			continue
		}
		if err := CheckParam(name, v); err != nil {
			return Filter{}, err
		}
		ok := false
		switch name {
		case "day":
			ok, f.Day = slices.Contains(ed.Days(), v), v
		case "section":
			_, ok = ed.sectionBySlug[v]
			f.Section = v
		case "kind":
			ok, f.Kind = slices.Contains(ActivityKinds, ActivityKind(v)), v
		case "theme":
			_, ok = ed.themeBySlug[v]
			f.Theme = v
		case "host":
			_, ok = ed.orgBySlug[v]
			f.Host = v
		case "orientation":
			ok, f.Orientation = slices.Contains(Orientations, Orientation(v)), v
		case "room":
			_, ok = ed.roomBySlug[v]
			f.Room = v
		}
		if !ok {
			return Filter{}, Invalidf(name, "unknown %s %q", name, v)
		}
	}
	return f, nil
}

// CheckParam refuses parameter values that are not valid UTF-8 or are too long.
func CheckParam(name, v string) error {
	if !utf8.ValidString(v) {
		return Invalidf(name, "not valid UTF-8")
	}
	if len(v) > maxParam {
		return Invalidf(name, "longer than %d bytes", maxParam)
	}
	return nil
}

// IsZero reports whether the filter restricts nothing.
func (f Filter) IsZero() bool { return f == Filter{} }

// Match reports whether an activity passes the filter.
func (ed *Edition) Match(a *Activity, f Filter) bool {
	if f.Day != "" && ed.Day(a) != f.Day {
		return false
	}
	if f.Section != "" && (ed.section[a.SectionID] == nil || ed.section[a.SectionID].Slug != f.Section) {
		return false
	}
	if f.Kind != "" && string(a.Kind) != f.Kind {
		return false
	}
	if f.Orientation != "" && string(a.Orientation) != f.Orientation {
		return false
	}
	if f.Room != "" && (ed.rooms[a.RoomID] == nil || ed.rooms[a.RoomID].Slug != f.Room) {
		return false
	}
	if f.Theme != "" && !slices.ContainsFunc(a.ThemeIDs, func(id string) bool { t := ed.themes[id]; return t != nil && t.Slug == f.Theme }) {
		return false
	}
	if f.Host != "" && !slices.ContainsFunc(a.Hosts, func(h Host) bool { o := ed.orgs[h.OrgID]; return o != nil && o.Slug == f.Host }) {
		return false
	}
	return true
}

// Filter returns the activities that pass f, in program order.
func (ed *Edition) Filter(f Filter) []*Activity {
	var out []*Activity
	for _, a := range ed.Activities {
		if ed.Match(a, f) {
			out = append(out, a)
		}
	}
	return out
}

// AgendaDay is one day of the agenda; activities starting at the same time
// form a slot and are shown side by side.
type AgendaDay struct {
	Date  string
	Slots []AgendaSlot
}

// AgendaSlot is the activities that start at one instant.
type AgendaSlot struct {
	Start      time.Time
	Activities []*Activity
}

// Agenda groups the filtered activities by local day and start time. Days
// without any matching activity are left out.
func (ed *Edition) Agenda(f Filter) []AgendaDay {
	var days []AgendaDay
	for _, a := range ed.Filter(f) {
		date := ed.Day(a)
		if len(days) == 0 || days[len(days)-1].Date != date {
			days = append(days, AgendaDay{Date: date})
		}
		d := &days[len(days)-1]
		if len(d.Slots) == 0 || !d.Slots[len(d.Slots)-1].Start.Equal(a.StartsAt) {
			d.Slots = append(d.Slots, AgendaSlot{Start: a.StartsAt})
		}
		s := &d.Slots[len(d.Slots)-1]
		s.Activities = append(s.Activities, a)
	}
	return days
}
