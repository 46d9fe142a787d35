package editing

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	"convene/internal/audit"
	"convene/internal/program"
)

// The other items of the program an edit form changes field by field:
// people, organisations, rooms and releases. Each kind lists its fields; a
// field's name is its form name and its database column.

// FieldType says how a field is read and checked.
type FieldType int

const (
	Text     FieldType = iota // free text, trimmed
	URL                       // an http(s) address or empty
	Country                   // ISO 3166-1 alpha-2 or empty
	Count                     // a whole number ≥ 0
	Instant                   // a local date and time (datetime-local), or empty
	LongText                  // free text shown in a text area
)

// Field is one editable field of an item.
type Field struct {
	Name     string
	Type     FieldType
	Limit    int  // characters, for text
	Required bool // may not be empty
}

// Kind is a kind of item with its editable fields.
type Kind struct {
	Name   string // people, orgs, rooms, releases: the path segment of its pages
	Table  string
	Action string // the audit action of an update
	Fields []Field
}

// Kinds are the items besides activities that edit forms change.
var Kinds = map[string]Kind{
	"people": {Name: "people", Table: "people", Action: audit.PersonUpdate, Fields: []Field{
		{"name_zh", Text, 100, true}, {"name_en", Text, 100, true}, {"position_zh", Text, 200, false}, {"position_en", Text, 200, false},
		{"affiliation_zh", Text, 200, false}, {"affiliation_en", Text, 200, false}, {"country", Country, 2, false}}},
	"orgs": {Name: "orgs", Table: "organisations", Action: audit.OrganisationUpdate, Fields: []Field{
		{"name_zh", Text, 200, true}, {"name_en", Text, 200, true}, {"short_zh", Text, 50, false}, {"short_en", Text, 80, false},
		{"website", URL, 500, false}}},
	"rooms": {Name: "rooms", Table: "rooms", Action: audit.RoomUpdate, Fields: []Field{
		{"name_zh", Text, 100, true}, {"name_en", Text, 100, true}, {"capacity", Count, 0, false}}},
	"releases": {Name: "releases", Table: "releases", Action: audit.ReleaseUpdate, Fields: []Field{
		{"title_zh", Text, 200, true}, {"title_en", Text, 200, true}, {"summary_zh", LongText, 4000, false}, {"summary_en", LongText, 4000, false},
		{"embargo_until", Instant, 0, false}}},
}

// Values are an item's fields as form text.
type Values map[string]string

// ItemValues is the form text of an item's fields: a *program.Person,
// *program.Organisation, *program.Room or *program.Release; times in loc.
func ItemValues(item any, loc *time.Location) Values {
	switch x := item.(type) {
	case *program.Person:
		return Values{"name_zh": x.Name.ZH, "name_en": x.Name.EN, "position_zh": x.Position.ZH, "position_en": x.Position.EN,
			"affiliation_zh": x.Affiliation.ZH, "affiliation_en": x.Affiliation.EN, "country": x.Country}
	case *program.Organisation:
		return Values{"name_zh": x.Name.ZH, "name_en": x.Name.EN, "short_zh": x.ShortName.ZH, "short_en": x.ShortName.EN, "website": x.Website}
	case *program.Room:
		return Values{"name_zh": x.Name.ZH, "name_en": x.Name.EN, "capacity": strconv.Itoa(x.Capacity)}
	case *program.Release:
		v := Values{"title_zh": x.Title.ZH, "title_en": x.Title.EN, "summary_zh": x.Summary.ZH, "summary_en": x.Summary.EN, "embargo_until": ""}
		if x.EmbargoUntil != nil {
			v["embargo_until"] = x.EmbargoUntil.In(loc).Format(LocalTimeLayout)
		}
		return v
	}
	panic(fmt.Sprintf("editing: no fields for %T", item))
}

// Update is a checked change of an item: the columns to write with their
// values, and what the audit log keeps.
type Update struct {
	Columns []string
	Args    []any
	Diff    Diff
}

// ApplyItem checks the posted form of an item of kind k whose fields are
// now cur, and returns what to write: only the fields the form holds and
// that changed. Every invalid field is reported at once.
func ApplyItem(k Kind, cur Values, form url.Values, loc *time.Location) (Update, error) {
	var u Update
	var errs program.FieldErrors
	next := Values{}
	for _, f := range k.Fields {
		raw, ok := form[f.Name]
		if !ok {
			continue
		}
		v := strings.TrimSpace(raw[0]) // as url.Values.Get: the first value
		var arg any = v
		switch f.Type {
		case Text:
			errs.Text(f.Name, v, f.Limit, f.Required)
		case LongText:
			errs.LongText(f.Name, v, f.Limit, f.Required)
		case URL:
			errs.Text(f.Name, v, f.Limit, f.Required) // url.Parse alone lets non-text through
			if v != "" && !errs.Has(f.Name) && !webURL(v) {
				errs.Add(f.Name, "url", "must be an http or https address such as https://www.example.org")
			}
		case Country:
			v = strings.ToUpper(v)
			arg = v
			if v != "" && (len(v) != 2 || strings.Trim(v, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != "") {
				errs.Add(f.Name, "country", "must be a two-letter ISO 3166 code such as CN or DE")
			}
		case Count:
			n, err := strconv.Atoi(v)
			if v == "" {
				n, err = 0, nil
			}
			if err != nil || n < 0 || n > 100000 {
				errs.Add(f.Name, "number", "must be a whole number from 0 to 100000")
			}
			v, arg = strconv.Itoa(n), n
		case Instant:
			if v == "" {
				arg = nil
				break
			}
			t, err := time.ParseInLocation(LocalTimeLayout, v, loc)
			if err != nil {
				errs.Add(f.Name, "time", "must be a date and time such as 2025-03-28T09:00")
				break
			}
			arg = t.UTC()
		}
		next[f.Name] = v
		if v != cur[f.Name] {
			u.Columns = append(u.Columns, f.Name)
			u.Args = append(u.Args, arg)
		}
	}
	if len(errs) > 0 {
		return Update{}, errs.Err()
	}
	u.Diff = diffFields(cur, next)
	return u, nil
}
