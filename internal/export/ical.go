package export

import (
	"strings"
	"time"

	ics "github.com/arran4/golang-ical"

	"convene/internal/program"
)

// Times in the calendars are UTC ("DTSTART:20250327T010000Z", RFC 5545
// §3.3.5 form 2). A UTC instant is exact without any time-zone definition;
// the alternative, TZID=Asia/Shanghai with a VTIMEZONE, is only as correct as
// the VTIMEZONE we would have to derive from Go's zone database for any
// edition's zone (rules with daylight saving included), and calendar apps
// show every event in the viewer's own zone either way. X-WR-TIMEZONE tells
// the apps that honour it which zone the calendar belongs to.

// Calendar is the whole public program of an edition: every scheduled
// activity, cancelled ones included with STATUS:CANCELLED so that calendars
// which subscribed earlier drop them.
func Calendar(ed *program.Edition, o Options) []byte {
	lang := o.lang()
	return calendar(ed, o, ed.Event.Name.In(lang), scheduled(ed.Activities, true))
}

// ActivityCalendar is one activity.
func ActivityCalendar(ed *program.Edition, a *program.Activity, o Options) []byte {
	lang := o.lang()
	return calendar(ed, o, a.Title.In(lang)+" · "+ed.Event.Name.In(lang), scheduled([]*program.Activity{a}, true))
}

// PersonCalendar is the activities a person appears in.
func PersonCalendar(ed *program.Edition, p *program.Person, o Options) []byte {
	lang := o.lang()
	return calendar(ed, o, p.Name.In(lang)+" · "+ed.Event.Name.In(lang), scheduled(ed.ActivitiesWith(p.ID), true))
}

// AgendaCalendar is an attendee's personal agenda: the activities where
// they have a seat, named after the attendee.
func AgendaCalendar(ed *program.Edition, owner string, acts []*program.Activity, o Options) []byte {
	return calendar(ed, o, owner+" · "+ed.Event.Name.In(o.lang()), scheduled(acts, true))
}

// stamp is the DTSTAMP and LAST-MODIFIED of every event: when the program
// last changed. It is a property of the program, not of the request, so a
// rendering is the same whenever it is made.
func stamp(ed *program.Edition) time.Time {
	if !ed.Event.UpdatedAt.IsZero() {
		return ed.Event.UpdatedAt.UTC()
	}
	if d, err := time.ParseInLocation(time.DateOnly, ed.Event.StartDate, ed.Location()); err == nil {
		return d.UTC()
	}
	return time.Unix(0, 0).UTC()
}

func calendar(ed *program.Edition, o Options, name string, acts []*program.Activity) []byte {
	cal := newCalendar(ed, o, name)
	dtstamp := stamp(ed)
	for _, a := range acts {
		cal.AddVEvent(vevent(ed, a, o, dtstamp))
	}
	return []byte(cal.Serialize(ics.WithNewLine("\r\n")))
}

// newCalendar is a calendar of the edition named name, without events.
func newCalendar(ed *program.Edition, o Options, name string) *ics.Calendar {
	lang := o.lang()
	cal := ics.NewCalendarFor("convene")
	cal.SetProductId("-//convene//" + ed.Event.Slug + "//" + strings.ToUpper(lang))
	cal.SetCalscale("GREGORIAN")
	cal.SetMethod(ics.MethodPublish)
	cal.SetName(name)
	cal.SetXWRCalName(name)
	cal.SetXWRTimezone(ed.Event.TimeZone)
	cal.SetXWRCalDesc(ed.Event.Theme.In(lang))
	cal.SetRefreshInterval("PT1H")
	cal.SetXPublishedTTL("PT1H")
	cal.SetUrl(o.editionURL(ed))
	return cal
}

func vevent(ed *program.Edition, a *program.Activity, o Options, dtstamp time.Time) *ics.VEvent {
	lang := o.lang()
	e := ics.NewEvent(ActivityUID(ed, a))
	e.SetDtStampTime(dtstamp)
	e.SetModifiedAt(dtstamp)
	e.SetSequence(int(ed.Event.Version))
	e.SetStartAt(a.StartsAt)
	e.SetEndAt(end(a))
	summary := a.Title.In(lang)
	if a.Status == program.StatusCancelled {
		summary = "[" + label("cancelled", lang) + "] " + summary
		e.SetStatus(ics.ObjectStatusCancelled)
	} else {
		e.SetStatus(ics.ObjectStatusConfirmed)
	}
	e.SetSummary(summary)
	if loc := location(ed, a, lang); loc != "" {
		e.SetLocation(loc)
	}
	page := o.PageURL(ed, a)
	e.SetURL(page)
	e.SetDescription(description(ed, a, lang, page))
	e.SetClass(ics.ClassificationPublic)
	e.SetTimeTransparency(ics.TransparencyOpaque)
	// One CATEGORIES line a category: a comma inside a theme's name stays text.
	e.AddProperty(ics.ComponentPropertyCategories, KindLabel(a.Kind, lang))
	for _, t := range themeNames(ed, a, lang) {
		e.AddProperty(ics.ComponentPropertyCategories, t)
	}
	if a.Livestream != nil && a.Livestream.URL != "" {
		// RFC 7986 §5.11: how to join; clients that know it show a button.
		e.AddProperty(ics.ComponentProperty("CONFERENCE"), a.Livestream.URL,
			ics.WithValue(string(ics.ValueDataTypeUri)), &ics.KeyValues{Key: "FEATURE", Value: []string{"VIDEO"}},
			&ics.KeyValues{Key: "LABEL", Value: []string{label("livestream", lang)}})
	}
	return e
}

// description is the plain-text body of an event: summary, hosts, speakers,
// livestream and page.
func description(ed *program.Edition, a *program.Activity, lang, page string) string {
	var parts []string
	if sub := subtitle(a, lang); sub != "" {
		parts = append(parts, sub)
	}
	if s := a.Summary.In(lang); s != "" {
		parts = append(parts, s)
	}
	var lines []string
	lines = append(lines, hostLines(ed, a, lang)...)
	if names := speakerNames(ed, a, lang); len(names) > 0 {
		lines = append(lines, label("speakers", lang)+colon(lang)+strings.Join(names, listSep(lang)))
	}
	if a.Livestream != nil && a.Livestream.URL != "" {
		lines = append(lines, label("livestream", lang)+colon(lang)+a.Livestream.URL)
	}
	lines = append(lines, label("page", lang)+colon(lang)+page)
	parts = append(parts, strings.Join(lines, "\n"))
	return strings.Join(parts, "\n\n")
}

// Filename is the download name of a feed: the edition's slug, an optional
// qualifier, the language.
func Filename(ed *program.Edition, qualifier, lang, ext string) string {
	name := ed.Event.Slug
	if qualifier != "" {
		name += "-" + qualifier
	}
	if lang == program.LangEN {
		name += "-en"
	} else {
		name += "-zh"
	}
	return name + "." + ext
}
