package spreadsheet

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"convene/internal/program"
)

// Table is one sheet's rows, each with a cell per column of the sheet.
type Table struct {
	Sheet *Sheet
	Rows  [][]string
}

// Tables lays out the first edition of ds and the registers of ds as the
// sheets of the layout. The edition's slug is not written: the file can be
// imported under any slug.
func Tables(ds *program.Dataset) []Table {
	ed := &ds.Editions[0]
	ev := ed.Event
	loc := ev.Location()
	out := []Table{{Sheet: SheetEdition, Rows: [][]string{{ev.Name.ZH, ev.Name.EN, ev.Theme.ZH, ev.Theme.EN, ev.City.ZH, ev.City.EN,
		ev.StartDate, ev.EndDate, ev.TimeZone, ev.PreviousSlug}}}}
	t := Table{Sheet: SheetSections}
	for _, s := range ed.Sections {
		t.Rows = append(t.Rows, []string{s.Slug, s.Name.ZH, s.Name.EN, strconv.Itoa(s.Position)})
	}
	out = append(out, t)
	t = Table{Sheet: SheetActivities}
	for _, a := range ed.Activities {
		date, start, end := "", "", ""
		if !a.StartsAt.IsZero() {
			s := a.StartsAt.In(loc)
			date, start = s.Format(dateLayout), clock(s)
		}
		if !a.EndsAt.IsZero() {
			e := a.EndsAt.In(loc)
			end = clock(e)
			if date == "" || e.Format(dateLayout) != date {
				end = e.Format(dateLayout) + " " + end
			}
		}
		liveURL, liveStart := "", ""
		if a.Livestream != nil {
			liveURL = a.Livestream.URL
			liveStart = stamp(a.Livestream.StartsAt, loc)
		}
		hosts := make([]string, len(a.Hosts))
		for i, h := range a.Hosts {
			hosts[i] = h.Org + ":" + string(h.Role)
		}
		speakers := make([]string, len(a.Speakers))
		for i, s := range a.Speakers {
			speakers[i] = s.Person + ":" + string(s.Role)
		}
		capacity := ""
		if a.Capacity != 0 {
			capacity = strconv.Itoa(a.Capacity)
		}
		t.Rows = append(t.Rows, []string{a.Slug, string(a.Kind), a.Section, a.Title.ZH, a.Title.EN, a.Summary.ZH, a.Summary.EN,
			a.Series, string(a.Orientation), strings.Join(a.Themes, listSep), a.Room, date, start, end, capacity,
			strings.Join(a.Languages, listSep), yesNo(a.Interpretation), liveURL, liveStart, string(a.Status),
			strings.Join(hosts, listSep), strings.Join(speakers, listSep), yesNo(a.Sample)})
	}
	out = append(out, t)
	t = Table{Sheet: SheetOrganisations}
	for _, o := range ds.Organisations {
		t.Rows = append(t.Rows, []string{o.Slug, o.Name.ZH, o.Name.EN, o.ShortName.ZH, o.ShortName.EN, string(o.Kind), o.Country, o.Website, yesNo(o.Sample)})
	}
	out = append(out, t)
	t = Table{Sheet: SheetPeople}
	for _, p := range ds.People {
		honours := make([]string, len(p.Honours))
		for i, h := range p.Honours {
			honours[i] = string(h)
		}
		t.Rows = append(t.Rows, []string{p.Slug, p.Name.ZH, p.Name.EN, p.Position.ZH, p.Position.EN, p.Affiliation.ZH, p.Affiliation.EN,
			p.Country, strings.Join(honours, listSep), yesNo(p.Sample)})
	}
	out = append(out, t)
	t = Table{Sheet: SheetVenues}
	for _, v := range ds.Venues {
		t.Rows = append(t.Rows, []string{v.Slug, v.Name.ZH, v.Name.EN, v.Address.ZH, v.Address.EN, yesNo(v.Sample)})
	}
	out = append(out, t)
	t = Table{Sheet: SheetRooms}
	for _, r := range ds.Rooms {
		t.Rows = append(t.Rows, []string{r.Slug, r.Venue, r.Name.ZH, r.Name.EN, strconv.Itoa(r.Capacity), yesNo(r.Sample)})
	}
	out = append(out, t)
	t = Table{Sheet: SheetThemes}
	for _, th := range ds.Themes {
		t.Rows = append(t.Rows, []string{th.Slug, th.Name.ZH, th.Name.EN})
	}
	out = append(out, t)
	t = Table{Sheet: SheetThemeDays}
	for _, d := range ed.ThemeDays {
		t.Rows = append(t.Rows, []string{d.Date, d.Theme, d.Name.ZH, d.Name.EN})
	}
	out = append(out, t)
	t = Table{Sheet: SheetReleases}
	for _, r := range ed.Releases {
		embargo := ""
		if r.EmbargoUntil != nil {
			embargo = stamp(*r.EmbargoUntil, loc)
		}
		t.Rows = append(t.Rows, []string{r.Slug, r.Activity, r.Title.ZH, r.Title.EN, r.Summary.ZH, r.Summary.EN, r.Kind, r.Publisher,
			embargo, yesNo(r.Sample)})
	}
	out = append(out, t)
	return out
}

// Template is the empty layout: every sheet with its header row only.
func Template() []Table {
	out := make([]Table, len(Sheets))
	for i, s := range Sheets {
		out[i] = Table{Sheet: s}
	}
	return out
}

const (
	dateLayout = "2006-01-02"
	listSep    = ";"
)

func clock(t time.Time) string {
	if t.Second() != 0 {
		return t.Format("15:04:05")
	}
	return t.Format("15:04")
}

// stamp formats an instant as local date and time; the zero time is empty.
func stamp(t time.Time, loc *time.Location) string {
	if t.IsZero() {
		return ""
	}
	l := t.In(loc)
	return l.Format(dateLayout) + " " + clock(l)
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

func header(s *Sheet, lang string) []string {
	h := make([]string, len(s.Columns))
	for i, c := range s.Columns {
		h[i] = c.Header(lang)
	}
	return h
}

// WriteCSV writes the tables as one CSV file in UTF-8 with a byte-order mark
// (so that spreadsheet programs read the Chinese text right). Each table
// starts with a marker row holding "#" and the sheet name, then its header
// row, then its rows; a blank row separates tables.
func WriteCSV(w io.Writer, tables []Table, lang string) error {
	var buf bytes.Buffer
	buf.WriteString("\ufeff")
	cw := csv.NewWriter(&buf)
	cw.UseCRLF = true
	for i, t := range tables {
		if i > 0 {
			cw.Write([]string{""})
		}
		cw.Write([]string{"#" + t.Sheet.Name(lang)})
		cw.Write(header(t.Sheet, lang))
		for _, r := range t.Rows {
			cw.Write(r)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// fixedTime is written as the workbook's creation and modification time so
// that the same program always gives the same bytes.
const fixedTime = "2000-01-01T00:00:00Z"

// WriteXLSX writes the tables as a workbook, one sheet per table, every cell
// as text. The same tables always give the same bytes.
func WriteXLSX(w io.Writer, tables []Table, lang string) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetDocProps(&excelize.DocProperties{Created: fixedTime, Modified: fixedTime, Creator: "convene", LastModifiedBy: "convene"}); err != nil {
		return err
	}
	first := true
	for _, t := range tables {
		name := t.Sheet.Name(lang)
		if first {
			if err := f.SetSheetName("Sheet1", name); err != nil {
				return err
			}
			first = false
		} else if _, err := f.NewSheet(name); err != nil {
			return err
		}
		sw, err := f.NewStreamWriter(name)
		if err != nil {
			return err
		}
		if err := sw.SetRow("A1", cells(header(t.Sheet, lang)), excelize.RowOpts{}); err != nil {
			return err
		}
		for i, r := range t.Rows {
			cell, _ := excelize.CoordinatesToCellName(1, i+2)
			if err := sw.SetRow(cell, cells(r)); err != nil {
				return err
			}
		}
		if err := sw.Flush(); err != nil {
			return err
		}
	}
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		return fmt.Errorf("write workbook: %w", err)
	}
	return stripZipTimes(w, buf.Bytes())
}

// stripZipTimes copies a zip archive with its entries in a fixed order
// ([Content_Types].xml first, then by name; excelize writes them in map
// order) and without modification times.
func stripZipTimes(w io.Writer, data []byte) error {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return err
	}
	files := slices.Clone(zr.File)
	sort.SliceStable(files, func(i, j int) bool {
		a, b := files[i].Name, files[j].Name
		if (a == "[Content_Types].xml") != (b == "[Content_Types].xml") {
			return a == "[Content_Types].xml"
		}
		return a < b
	})
	zw := zip.NewWriter(w)
	for _, f := range files {
		rc, err := f.Open()
		if err != nil {
			return err
		}
		dst, err := zw.CreateHeader(&zip.FileHeader{Name: f.Name, Method: zip.Deflate})
		if err == nil {
			_, err = io.Copy(dst, rc)
		}
		rc.Close()
		if err != nil {
			return err
		}
	}
	return zw.Close()
}

// cells makes every value an explicit string cell, so that "09:00" and
// "300" stay text and no value is ever read as a formula.
func cells(r []string) []any {
	out := make([]any, len(r))
	for i, v := range r {
		out[i] = excelize.Cell{Value: v}
	}
	return out
}
