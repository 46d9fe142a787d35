package registration

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"time"

	"convene/internal/program"
	"convene/internal/spreadsheet"
)

// The secretariat's lists, as CSV or XLSX in the spreadsheet package's
// format (headers in zh or en; CSV in UTF-8 with a byte-order mark). Times
// are in the edition's time zone.

var (
	sheetAttendees = &spreadsheet.Sheet{Key: "attendees", ZH: "参会人员", Columns: []spreadsheet.Column{
		{Key: "id", ZH: "编号"}, {Key: "name", ZH: "姓名"}, {Key: "email", ZH: "邮箱"}, {Key: "phone", ZH: "电话"},
		{Key: "organisation", ZH: "单位"}, {Key: "country", ZH: "国家或地区"}, {Key: "kind", ZH: "类别"},
		{Key: "registered", ZH: "注册时间"}, {Key: "checked_in", ZH: "入场时间"}, {Key: "withdrawn", ZH: "撤销时间"},
	}}
	sheetSignups = &spreadsheet.Sheet{Key: "signups", ZH: "活动报名", Columns: []spreadsheet.Column{
		{Key: "activity", ZH: "活动标识"}, {Key: "title_zh", ZH: "活动（中文）"}, {Key: "title_en", ZH: "活动（英文）"},
		{Key: "attendee", ZH: "参会人编号"}, {Key: "name", ZH: "姓名"}, {Key: "email", ZH: "邮箱"}, {Key: "organisation", ZH: "单位"},
		{Key: "status", ZH: "状态"}, {Key: "position", ZH: "候补位次"}, {Key: "signed_up", ZH: "报名时间"}, {Key: "checked_in", ZH: "签到时间"},
	}}
)

// ExportTables are the attendees and the sign-ups per activity (in program
// order, confirmed first, then the waiting list in order).
func (s *Service) ExportTables(ctx context.Context, ed *program.Edition) ([]spreadsheet.Table, error) {
	checkins := map[checkinKey]time.Time{}
	err := s.store.Checkins(ctx, ed.Event.ID, func(c *Checkin) error {
		checkins[checkinKey{c.AttendeeID, c.ActivityID}] = c.At
		return nil
	})
	if err != nil {
		return nil, err
	}
	stamp := func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return ed.Local(t).Format("2006-01-02 15:04:05")
	}
	people := map[string]*Attendee{}
	attendees := spreadsheet.Table{Sheet: sheetAttendees}
	err = s.store.Attendees(ctx, ed.Event.ID, func(a *Attendee) error {
		people[a.ID] = a
		var withdrawn string
		if a.RevokedAt != nil {
			withdrawn = stamp(*a.RevokedAt)
		}
		attendees.Rows = append(attendees.Rows, []string{a.ID, a.Name, a.Email, a.Phone, a.Organisation, a.Country, string(a.Kind),
			stamp(a.CreatedAt), stamp(checkins[checkinKey{a.ID, ""}]), withdrawn})
		return nil
	})
	if err != nil {
		return nil, err
	}
	byActivity := map[string][]*Signup{}
	err = s.store.AllSignups(ctx, ed.Event.ID, func(su *Signup) error {
		byActivity[su.ActivityID] = append(byActivity[su.ActivityID], su)
		return nil
	})
	if err != nil {
		return nil, err
	}
	signups := spreadsheet.Table{Sheet: sheetSignups}
	for _, act := range ed.Activities {
		for _, su := range byActivity[act.ID] {
			a := people[su.AttendeeID]
			if a == nil {
				continue
			}
			pos := ""
			if su.Status == Waitlisted {
				pos = strconv.Itoa(su.Position)
			}
			signups.Rows = append(signups.Rows, []string{act.Slug, act.Title.ZH, act.Title.EN, a.ID, a.Name, a.Email, a.Organisation,
				string(su.Status), pos, stamp(su.CreatedAt), stamp(checkins[checkinKey{a.ID, act.ID}])})
		}
	}
	return []spreadsheet.Table{attendees, signups}, nil
}

// WriteExport writes the export tables as a file of the format with headers
// in lang.
func (s *Service) WriteExport(ctx context.Context, w io.Writer, ed *program.Edition, format spreadsheet.Format, lang string) error {
	tables, err := s.ExportTables(ctx, ed)
	if err != nil {
		return err
	}
	return spreadsheet.Write(w, tables, format, lang)
}

// checkinKey is an attendee and a place ("" for the gate).
type checkinKey struct{ attendee, place string }

// ExportName is the download file name of an edition's export.
func ExportName(ed *program.Edition, format spreadsheet.Format) string {
	return fmt.Sprintf("%s-registrations.%s", ed.Event.Slug, format)
}
