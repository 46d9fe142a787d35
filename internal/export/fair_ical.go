package export

import (
	"strconv"
	"strings"
	"time"

	ics "github.com/arran4/golang-ical"

	"convene/internal/fair"
	"convene/internal/program"
)

// FairCalendar is participant p's published meeting schedule at the fair of
// activity act, named after the participant's organisation: one event a
// meeting, with the partner, the table and the fair's room. Before the
// schedule is published it is a valid calendar without events. Contacts are
// left out: a subscription URL is kept by calendar apps and sometimes shared.
func FairCalendar(ed *program.Edition, act *program.Activity, snap *fair.Snapshot, p *fair.Participant, o Options) []byte {
	lang := o.lang()
	f := &snap.Data.Fair
	cal := newCalendar(ed, o, p.Organisation.In(lang)+" · "+ed.Event.Name.In(lang))
	dtstamp := fairStamp(ed, f)
	place := location(ed, act, lang)
	if place == "" {
		place = act.Title.In(lang)
	}
	page := o.PageURL(ed, act)
	for _, m := range snap.Published(p) {
		partner := m.Other(p.ID)
		if other := snap.Participants[partner]; other != nil {
			partner = other.Organisation.In(lang)
		}
		table := label("table", lang) + " " + strconv.Itoa(m.Table)
		start, end := f.SlotStart(m.Slot), f.SlotEnd(m.Slot)
		e := cal.AddEvent("fair-meeting-" + m.ID + "@convene")
		e.SetDtStampTime(dtstamp)
		e.SetModifiedAt(dtstamp)
		e.SetStartAt(start)
		e.SetEndAt(end)
		e.SetSummary(partner)
		e.SetLocation(place + " · " + table)
		e.SetURL(page)
		e.SetDescription(strings.Join([]string{
			act.Title.In(lang),
			localSpan(ed, start, end) + " · " + table,
			label("partner", lang) + colon(lang) + partner,
			label("page", lang) + colon(lang) + page,
		}, "\n"))
		e.SetStatus(ics.ObjectStatusConfirmed)
	}
	return []byte(cal.Serialize(ics.WithNewLine("\r\n")))
}

// fairStamp is the DTSTAMP of a fair's meetings: the later of when the
// schedule was published and when the program (the fair's room, say) last
// changed, so a rendering is the same whenever it is made.
func fairStamp(ed *program.Edition, f *fair.Fair) time.Time {
	if f.PublishedAt != nil && f.PublishedAt.After(stamp(ed)) {
		return f.PublishedAt.UTC()
	}
	return stamp(ed)
}

// localSpan is a meeting's time in the edition's time zone, for readers of
// the description: the event's own times are UTC, which apps convert.
func localSpan(ed *program.Edition, start, end time.Time) string {
	return ed.Local(start).Format("2006-01-02 15:04") + "–" + ed.Local(end).Format("15:04") + " (" + ed.Event.TimeZone + ")"
}
