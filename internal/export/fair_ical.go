package export

import (
	"strconv"
	"time"

	ics "github.com/arran4/golang-ical"

	"convene/internal/program"
)

// FairMeeting is one scheduled 1:1 meeting of a matchmaking participant.
type FairMeeting struct {
	ID         string // the meeting's id: its calendar UID
	Start, End time.Time
	Table      int
	Partner    string // the other side's organisation, in the calendar's language
	Place      string // the fair's activity title
}

// FairCalendar is a participant's published meeting schedule, named after
// the participant's organisation.
func FairCalendar(ed *program.Edition, owner string, ms []FairMeeting, o Options) []byte {
	lang := o.lang()
	cal := newCalendar(ed, o, owner+" · "+ed.Event.Name.In(lang))
	dtstamp := stamp(ed)
	table := map[string]string{program.LangZH: "桌号 ", program.LangEN: "Table "}[lang]
	for _, m := range ms {
		e := cal.AddEvent("fair-meeting-" + m.ID + "@convene")
		e.SetDtStampTime(dtstamp)
		e.SetStartAt(m.Start)
		e.SetEndAt(m.End)
		e.SetSummary(m.Partner)
		e.SetLocation(m.Place + " · " + table + strconv.Itoa(m.Table))
		e.SetStatus(ics.ObjectStatusConfirmed)
	}
	return []byte(cal.Serialize(ics.WithNewLine("\r\n")))
}
