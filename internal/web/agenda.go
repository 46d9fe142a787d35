package web

import (
	"net/http"
	"slices"

	"convene/internal/program"
)

// agendaView is the agenda: days, slots, and the activities of a slot side by side.
type agendaView struct {
	Page
	Selects  []filterSelect
	Tabs     []tab
	Days     []agendaDay
	Count    int
	Filtered bool
	ResetURL string
	Action   string
}

type filterSelect struct {
	Name, Label string
	Options     []option
}

type option struct {
	Value, Label string
	Selected     bool
}

type tab struct {
	URL, Label string
	Active     bool
}

type agendaDay struct {
	ID, Label, ThemeDay string
	Slots               []agendaSlot
}

type agendaSlot struct {
	Time  string
	Cards []Card
}

// Card is an activity in a list: the agenda, a person's or an organisation's
// activities, search results.
type Card struct {
	URL, Title, Kind, Day, Time, Room string
	Role                              string // the person's or organisation's role, where it applies
	Hosts                             []Link
	Themes                            []Link
	Live, Cancelled, New, Sample      bool
}

// card builds the card of an activity; prev decides the "new" badge.
func card(q req, prev *program.Edition, a *program.Activity) Card {
	ed, lang := q.ed, q.lang
	c := Card{
		URL:       q.activity(a.Slug),
		Title:     a.Title.In(lang),
		Kind:      enum(lang, "kind", a.Kind),
		Time:      fmtSpan(ed, a),
		Live:      a.Livestream != nil && a.Status != program.StatusCancelled,
		Cancelled: a.Status == program.StatusCancelled,
		New:       program.IsNew(a, prev),
		Sample:    a.Sample,
	}
	if !a.StartsAt.IsZero() {
		c.Day = fmtDate(lang, ed.Day(a))
	}
	if room := ed.RoomByID(a.RoomID); room != nil {
		c.Room = room.Name.In(lang)
	}
	for _, o := range ed.HostsWithRole(a, program.RoleHost) {
		c.Hosts = append(c.Hosts, Link{URL: q.org(o.Slug), Label: o.Name.In(lang)})
	}
	for _, id := range a.ThemeIDs {
		if t := ed.ThemeByID(id); t != nil {
			c.Themes = append(c.Themes, Link{URL: q.agenda("theme", t.Slug), Label: t.Name.In(lang)})
		}
	}
	return c
}

func (s *site) agenda(w http.ResponseWriter, r *http.Request, q req) {
	ed, lang := q.ed, q.lang
	f, err := ed.ParseFilter(r.URL.Query().Get)
	if err != nil {
		s.fail(w, r, lang, ed, err)
		return
	}
	// The filter form sends every field, most of them empty; send the browser
	// on to the clean address the day tabs and theme links use, so that each
	// filter has one URL (and one cache entry).
	if clean := q.agenda(filterPairs(f)...); r.URL.RawQuery != "" && clean != r.URL.Path+"?"+r.URL.RawQuery {
		http.Redirect(w, r, clean, http.StatusSeeOther)
		return
	}
	prev := q.prev
	view := agendaView{
		Page:     s.page(r, lang, T(lang, "agenda.title"), "agenda", ed),
		Selects:  filterSelects(q, f),
		Filtered: !f.IsZero(),
		ResetURL: q.agenda(),
		Action:   q.agenda(),
	}

	// Day tabs keep the other filters.
	noDay := f
	noDay.Day = ""
	view.Tabs = append(view.Tabs, tab{URL: q.agenda(filterPairs(noDay)...), Label: T(lang, "agenda.alldays"), Active: f.Day == ""})
	// Only days with a matching activity get a tab (and the chosen one).
	hasDay := map[string]bool{f.Day: true}
	for _, a := range ed.Filter(noDay) {
		hasDay[ed.Day(a)] = true
	}
	for _, d := range ed.Days() {
		if !hasDay[d] {
			continue
		}
		withDay := noDay
		withDay.Day = d
		view.Tabs = append(view.Tabs, tab{URL: q.agenda(filterPairs(withDay)...), Label: fmtDateWeekday(lang, d), Active: f.Day == d})
	}

	themeDay := map[string]string{}
	for _, td := range ed.ThemeDays {
		themeDay[td.Date] = td.Name.In(lang)
	}
	for _, d := range ed.Agenda(f) {
		day := agendaDay{ID: "d" + d.Date, Label: fmtDateWeekday(lang, d.Date), ThemeDay: themeDay[d.Date]}
		for _, sl := range d.Slots {
			slot := agendaSlot{Time: fmtClock(ed.Local(sl.Start))}
			if sl.Start.IsZero() {
				slot.Time = T(lang, "card.unscheduled")
			}
			for _, a := range sl.Activities {
				c := card(q, prev, a)
				c.Day = "" // the day heading says it
				slot.Cards = append(slot.Cards, c)
			}
			view.Count += len(sl.Activities)
			day.Slots = append(day.Slots, slot)
		}
		view.Days = append(view.Days, day)
	}
	s.render(w, r, http.StatusOK, "agenda", view)
}

// filterPairs lists a filter's non-empty values as name, value pairs in the
// order of program.FilterFields.
func filterPairs(f program.Filter) []string {
	return []string{
		"day", f.Day, "section", f.Section, "kind", f.Kind, "theme", f.Theme,
		"host", f.Host, "orientation", f.Orientation, "room", f.Room,
	}
}

// filterSelects builds the agenda's filter form; every option is a value of
// the edition, so every choice is a valid filter.
func filterSelects(q req, f program.Filter) []filterSelect {
	ed, lang := q.ed, q.lang
	mk := func(name, label, cur string, opts []option) filterSelect {
		all := option{Value: "", Label: T(lang, "agenda.all"), Selected: cur == ""}
		for i := range opts {
			opts[i].Selected = opts[i].Value == cur
		}
		return filterSelect{Name: name, Label: T(lang, label), Options: append([]option{all}, opts...)}
	}
	var days, sections, kinds, themes, hosts, orients, rooms []option
	for _, d := range ed.Days() {
		days = append(days, option{Value: d, Label: fmtDateWeekday(lang, d)})
	}
	for _, sec := range ed.Sections {
		sections = append(sections, option{Value: sec.Slug, Label: sec.Name.In(lang)})
	}
	present := map[program.ActivityKind]bool{}
	for _, a := range ed.Activities {
		present[a.Kind] = true
	}
	for _, k := range program.ActivityKinds {
		if present[k] {
			kinds = append(kinds, option{Value: string(k), Label: enum(lang, "kind", k)})
		}
	}
	for _, t := range ed.Themes {
		themes = append(themes, option{Value: t.Slug, Label: t.Name.In(lang)})
	}
	for _, o := range hostOrgs(ed) {
		hosts = append(hosts, option{Value: o.Slug, Label: o.Name.In(lang)})
	}
	coll := collator(lang)
	slices.SortFunc(hosts, func(a, b option) int { return coll.CompareString(a.Label, b.Label) })
	for _, o := range program.Orientations {
		orients = append(orients, option{Value: string(o), Label: enum(lang, "orient", o)})
	}
	for _, rm := range ed.Rooms() {
		label := rm.Name.In(lang)
		if v := ed.VenueByID(rm.VenueID); v != nil {
			label += " · " + v.Name.In(lang)
		}
		rooms = append(rooms, option{Value: rm.Slug, Label: label})
	}
	return []filterSelect{
		mk("day", "filter.day", f.Day, days),
		mk("section", "filter.section", f.Section, sections),
		mk("kind", "filter.kind", f.Kind, kinds),
		mk("theme", "filter.theme", f.Theme, themes),
		mk("host", "filter.host", f.Host, hosts),
		mk("orientation", "filter.orient", f.Orientation, orients),
		mk("room", "filter.room", f.Room, rooms),
	}
}

// hostOrgs lists the organisations hosting (主办) any activity of the edition.
func hostOrgs(ed *program.Edition) []*program.Organisation {
	var out []*program.Organisation
	for _, o := range ed.Organisations() {
		for _, a := range ed.ActivitiesOf(o.ID) {
			if slices.ContainsFunc(a.Hosts, func(h program.Host) bool { return h.OrgID == o.ID && h.Role == program.RoleHost }) {
				out = append(out, o)
				break
			}
		}
	}
	return out
}
