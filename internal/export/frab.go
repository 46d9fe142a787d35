package export

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"convene/internal/program"
)

// The frab/c3voc schedule (schedule.xml and schedule.json) of an edition,
// valid against the schemas of the voc/schedule repository (see
// shared/schemas/c3voc-schedule and the tests).
//
// Mapping, decided once:
//   - days: the edition's days, plus any day an activity starts on outside
//     them, so nothing scheduled is lost; a day runs from its first start to
//     its last end (midnight to midnight when it has no activity).
//   - rooms: the rooms used that day, by slug. Parallel forums each take a
//     room for a half day, so apps show them side by side as rooms.
//   - track: the section (板块) of the activity: the organisers' own grouping,
//     one per activity and a handful per edition, so apps can colour by it.
//   - type: the kind of activity (opening, parallel-forum …).
//   - cancelled and unscheduled activities are left out (frab has no status;
//     the iCal feed carries cancellations).
//   - guid: ActivityGUID; id: a stable 31-bit integer hashed from the same
//     slugs (numericIDs); persons likewise from the person's slug.
//   - subtitle: the title in the other language.
//   - acronym: the edition's slug with "-" replaced by "_" (zgc_2025):
//     schema.json allows a hyphen only in the form "name-2NNN-word".
//   - slug: acronym + "-" + the activity's slug, the pattern both schemas ask.

// schedule is the language-neutral outline both renderings share.
type schedule struct {
	version  string
	acronym  string
	title    string
	start    string
	end      string
	tz       string
	baseURL  string
	url      string
	days     []day
	tracks   []track
	rooms    []room
	events   int
	lang     string
	duration string
}

type track struct{ name, slug string }

type room struct {
	name, slug, guid string
	capacity         int
}

type day struct {
	index      int
	date       string
	start, end time.Time
	rooms      []dayRoom
}

type dayRoom struct {
	room   room
	events []event
}

type event struct {
	id                     int
	guid                   string
	date                   time.Time
	endAt                  time.Time
	start, duration        string
	room, slug, url        string
	title, subtitle, track string
	kind, language         string
	abstract, description  string
	persons                []person
	links                  []link
}

type person struct {
	id         int
	guid, name string
	url        string
}

type link struct{ url, title, typ string }

var (
	acronymOK  = regexp.MustCompile(`^[a-z0-9_-][a-z0-9_]{3,}(-2[0-9]{3}-[a-z]+)?$`)
	slugOK     = regexp.MustCompile(`^[a-z0-9_]{4,}-[a-z0-9\-_]{3,}[a-z0-9]$`)
	trackOK    = regexp.MustCompile(`^[a-z][a-z0-9-]*[a-z0-9]$`)
	httpURL    = regexp.MustCompile(`^https?://\S+$`)
	tzNameOK   = regexp.MustCompile(`^(([A-Z][a-z]+/[A-Z][a-z]+)|UTC)$`)
	notAcronym = regexp.MustCompile(`[^a-z0-9_]+`)
)

func acronym(ed *program.Edition) string {
	a := notAcronym.ReplaceAllString(strings.ToLower(ed.Event.Slug), "_")
	if acronymOK.MatchString(a) {
		return a
	}
	return "convene_" + strings.Trim(a, "_")
}

func build(ed *program.Edition, o Options) schedule {
	lang := o.lang()
	loc := ed.Location()
	acts := scheduled(ed.Activities, false)
	keys := make([]string, 0, len(acts))
	for _, a := range acts {
		keys = append(keys, a.Slug)
	}
	ids := numericIDs(keys)
	var personKeys []string
	for _, p := range ed.People() {
		personKeys = append(personKeys, p.Slug)
	}
	personIDs := numericIDs(personKeys)

	s := schedule{
		version: strconv.FormatInt(ed.Event.Version, 10), acronym: acronym(ed), title: ed.Event.Name.In(lang),
		start: ed.Event.StartDate, end: ed.Event.EndDate, tz: ed.Event.TimeZone, baseURL: o.base() + "/",
		url: o.editionURL(ed), lang: lang, duration: "00:15", events: len(acts),
	}
	for _, sec := range ed.Sections {
		s.tracks = append(s.tracks, track{name: sec.Name.In(lang), slug: sec.Slug})
	}

	// Room names are the keys of frab's rooms; two rooms of one name (in
	// different venues) get the venue's name added.
	nameCount := map[string]int{}
	for _, r := range ed.Rooms() {
		nameCount[r.Name.In(lang)]++
	}
	rooms := map[string]room{}
	for _, r := range ed.Rooms() {
		name := r.Name.In(lang)
		if nameCount[name] > 1 {
			if v := ed.VenueByID(r.VenueID); v != nil {
				name += " (" + v.Name.In(lang) + ")"
			}
		}
		rm := room{name: name, slug: r.Slug, guid: roomGUID(r), capacity: r.Capacity}
		rooms[r.ID] = rm
		s.rooms = append(s.rooms, rm)
	}
	tba := room{name: label("tba", lang), slug: "tba", guid: uuidNS("room/tba")}

	dates := slices.Clone(ed.Days())
	byDate := map[string][]*program.Activity{}
	for _, a := range acts {
		d := ed.Day(a)
		if !slices.Contains(dates, d) {
			dates = append(dates, d)
		}
		byDate[d] = append(byDate[d], a)
	}
	slices.Sort(dates)
	for i, date := range dates {
		d := day{index: i + 1, date: date}
		midnight, _ := time.ParseInLocation(time.DateOnly, date, loc)
		d.start, d.end = midnight, midnight.AddDate(0, 0, 1).Add(-time.Minute)
		list := byDate[date]
		if len(list) > 0 {
			d.start, d.end = list[0].StartsAt.In(loc), end(list[0]).In(loc)
			for _, a := range list {
				if a.StartsAt.Before(d.start) {
					d.start = a.StartsAt.In(loc)
				}
				if end(a).After(d.end) {
					d.end = end(a).In(loc)
				}
			}
		}
		roomOf := func(a *program.Activity) room {
			if r, ok := rooms[a.RoomID]; ok {
				return r
			}
			return tba
		}
		var order []string
		events := map[string][]event{}
		byRoom := map[string]room{}
		for _, a := range list {
			r := roomOf(a)
			if _, ok := events[r.slug]; !ok {
				order = append(order, r.slug)
				byRoom[r.slug] = r
			}
			events[r.slug] = append(events[r.slug], s.event(ed, a, o, r, ids[a.Slug], personIDs))
		}
		slices.Sort(order)
		for _, slug := range order {
			d.rooms = append(d.rooms, dayRoom{room: byRoom[slug], events: events[slug]})
		}
		s.days = append(s.days, d)
	}
	return s
}

func (s *schedule) event(ed *program.Edition, a *program.Activity, o Options, r room, id int, personIDs map[string]int) event {
	lang := o.lang()
	loc := ed.Location()
	start, stop := a.StartsAt.In(loc), end(a).In(loc)
	dur := stop.Sub(start)
	slug := s.acronym + "-" + a.Slug
	if !slugOK.MatchString(slug) {
		slug = fmt.Sprintf("%s-event-%d", s.acronym, id)
	}
	e := event{
		id: id, guid: ActivityGUID(ed, a), date: start, endAt: stop,
		start: start.Format("15:04"), duration: fmt.Sprintf("%02d:%02d", int(dur.Hours()), int(dur.Minutes())%60),
		room: r.name, slug: slug, url: o.PageURL(ed, a), title: a.Title.In(lang), subtitle: subtitle(a, lang),
		kind: string(a.Kind), abstract: a.Summary.In(lang),
	}
	if sec := ed.SectionByID(a.SectionID); sec != nil {
		e.track = sec.Name.In(lang)
	}
	if len(a.Languages) > 0 {
		e.language = a.Languages[0]
	}
	var lines []string
	if e.abstract != "" {
		lines = append(lines, e.abstract, "")
	}
	lines = append(lines, hostLines(ed, a, lang)...)
	if loc := location(ed, a, lang); loc != "" {
		lines = append(lines, loc)
	}
	e.description = strings.TrimSpace(strings.Join(lines, "\n"))
	for _, sp := range a.Speakers {
		p := ed.PersonByID(sp.PersonID)
		if p == nil || slices.ContainsFunc(e.persons, func(x person) bool { return x.guid == personGUID(p) }) {
			continue
		}
		e.persons = append(e.persons, person{id: personIDs[p.Slug], guid: personGUID(p), name: p.Name.In(lang), url: o.personURL(ed, p)})
	}
	e.links = append(e.links, link{url: e.url, title: label("page", lang), typ: "web"})
	if a.Livestream != nil && httpURL.MatchString(a.Livestream.URL) {
		e.links = append(e.links, link{url: a.Livestream.URL, title: label("livestream", lang), typ: "media"})
	}
	return e
}

const generatorName = "convene"

// ScheduleXML renders schedule.xml.
func ScheduleXML(ed *program.Edition, o Options) ([]byte, error) {
	s := build(ed, o)
	var b bytes.Buffer
	b.WriteString(xml.Header)
	enc := xml.NewEncoder(&b)
	enc.Indent("", "  ")
	x := xmlSchedule{
		Generator: xmlGenerator{Name: generatorName},
		Version:   s.version,
		Conference: xmlConference{
			Title: s.title, Acronym: s.acronym, Start: s.start, End: s.end, Days: len(s.days),
			TimeslotDuration: s.duration, TimeZoneName: s.tz,
		},
	}
	if httpURL.MatchString(s.url) {
		x.URL, x.Conference.BaseURL, x.Conference.URL = s.url, s.baseURL, s.url
	}
	for _, t := range s.tracks {
		xt := xmlTrack{Name: t.name}
		if trackOK.MatchString(t.slug) {
			xt.Slug = t.slug
		}
		x.Conference.Tracks = append(x.Conference.Tracks, xt)
	}
	for _, d := range s.days {
		xd := xmlDay{Index: d.index, Date: d.date, Start: d.start.Format(time.RFC3339), End: d.end.Format(time.RFC3339)}
		for _, dr := range d.rooms {
			xr := xmlRoom{Name: dr.room.name, GUID: dr.room.guid}
			for _, e := range dr.events {
				xe := xmlEvent{
					ID: e.id, GUID: e.guid, Room: e.room, Title: e.title, Subtitle: e.subtitle, Type: e.kind,
					Date: e.date.Format(time.RFC3339), Start: e.start, Duration: e.duration, Abstract: e.abstract,
					Slug: e.slug, Track: e.track, Language: e.language, Description: e.description,
				}
				if httpURL.MatchString(e.url) {
					xe.URL = e.url
				}
				xe.Persons = &xmlPersons{}
				for _, p := range e.persons {
					xe.Persons.Person = append(xe.Persons.Person, xmlPerson{ID: p.id, GUID: p.guid, Name: p.name})
				}
				xe.Links = &xmlLinks{}
				for _, l := range e.links {
					xe.Links.Link = append(xe.Links.Link, xmlLink{Href: l.url, Type: l.typ, Title: l.title})
				}
				xr.Events = append(xr.Events, xe)
			}
			xd.Rooms = append(xd.Rooms, xr)
		}
		x.Days = append(x.Days, xd)
	}
	if err := enc.Encode(x); err != nil {
		return nil, fmt.Errorf("schedule.xml of %s: %w", ed.Event.Slug, err)
	}
	b.WriteByte('\n')
	return b.Bytes(), nil
}

type xmlSchedule struct {
	XMLName    xml.Name      `xml:"schedule"`
	Generator  xmlGenerator  `xml:"generator"`
	URL        string        `xml:"url,omitempty"`
	Version    string        `xml:"version"`
	Conference xmlConference `xml:"conference"`
	Days       []xmlDay      `xml:"day"`
}

type xmlGenerator struct {
	Name string `xml:"name,attr"`
}

type xmlConference struct {
	Title            string     `xml:"title"`
	Acronym          string     `xml:"acronym"`
	Start            string     `xml:"start"`
	End              string     `xml:"end"`
	Days             int        `xml:"days"`
	TimeslotDuration string     `xml:"timeslot_duration"`
	BaseURL          string     `xml:"base_url,omitempty"`
	URL              string     `xml:"url,omitempty"`
	TimeZoneName     string     `xml:"time_zone_name"`
	Tracks           []xmlTrack `xml:"track"`
}

type xmlTrack struct {
	Name string `xml:"name,attr"`
	Slug string `xml:"slug,attr,omitempty"`
}

type xmlDay struct {
	Index int       `xml:"index,attr"`
	Date  string    `xml:"date,attr"`
	Start string    `xml:"start,attr"`
	End   string    `xml:"end,attr"`
	Rooms []xmlRoom `xml:"room"`
}

type xmlRoom struct {
	Name   string     `xml:"name,attr"`
	GUID   string     `xml:"guid,attr"`
	Events []xmlEvent `xml:"event"`
}

type xmlEvent struct {
	ID          int         `xml:"id,attr"`
	GUID        string      `xml:"guid,attr"`
	Date        string      `xml:"date"`
	Start       string      `xml:"start"`
	Duration    string      `xml:"duration"`
	Room        string      `xml:"room"`
	Slug        string      `xml:"slug"`
	URL         string      `xml:"url,omitempty"`
	Title       string      `xml:"title"`
	Subtitle    string      `xml:"subtitle"`
	Track       string      `xml:"track"`
	Type        string      `xml:"type"`
	Language    string      `xml:"language"`
	Abstract    string      `xml:"abstract"`
	Description string      `xml:"description"`
	Persons     *xmlPersons `xml:"persons"`
	Links       *xmlLinks   `xml:"links"`
}

type xmlPersons struct {
	Person []xmlPerson `xml:"person"`
}

type xmlPerson struct {
	ID   int    `xml:"id,attr"`
	GUID string `xml:"guid,attr"`
	Name string `xml:",chardata"`
}

type xmlLinks struct {
	Link []xmlLink `xml:"link"`
}

type xmlLink struct {
	Href  string `xml:"href,attr"`
	Type  string `xml:"type,attr,omitempty"`
	Title string `xml:",chardata"`
}

// ScheduleJSON renders schedule.json.
func ScheduleJSON(ed *program.Edition, o Options) ([]byte, error) {
	s := build(ed, o)
	conf := jsonConference{
		Acronym: s.acronym, Title: s.title, Start: s.start, End: s.end, DaysCount: len(s.days),
		TimeslotDuration: s.duration, Tracks: []jsonTrack{}, Rooms: []jsonRoom{}, Days: []jsonDay{},
	}
	if tzNameOK.MatchString(s.tz) {
		conf.TimeZoneName = s.tz
	}
	if httpURL.MatchString(s.url) {
		conf.URL = s.url
	}
	for _, t := range s.tracks {
		jt := jsonTrack{Name: t.name}
		if trackOK.MatchString(t.slug) {
			jt.Slug = t.slug
		}
		conf.Tracks = append(conf.Tracks, jt)
	}
	for _, r := range s.rooms {
		conf.Rooms = append(conf.Rooms, jsonRoom{Name: r.name, Slug: r.slug, GUID: r.guid, Capacity: r.capacity})
	}
	for _, d := range s.days {
		jd := jsonDay{Index: d.index, Date: d.date, DayStart: d.start.Format(time.RFC3339), DayEnd: d.end.Format(time.RFC3339), Rooms: orderedRooms{}}
		for _, dr := range d.rooms {
			evs := make([]jsonEvent, 0, len(dr.events))
			for _, e := range dr.events {
				je := jsonEvent{
					GUID: e.guid, ID: e.id, Date: e.date.Format(time.RFC3339), End: e.endAt.Format(time.RFC3339),
					Start: e.start, Duration: e.duration, Room: e.room, Slug: e.slug, URL: e.url, Title: e.title,
					Subtitle: e.subtitle, Track: e.track, Type: e.kind, Language: e.language, Abstract: e.abstract,
					Description: e.description, Persons: []jsonPerson{}, Links: []jsonLink{},
				}
				for _, p := range e.persons {
					je.Persons = append(je.Persons, jsonPerson{ID: p.id, GUID: p.guid, PublicName: p.name, URL: p.url})
				}
				for _, l := range e.links {
					je.Links = append(je.Links, jsonLink{Type: l.typ, URL: l.url, Title: l.title})
				}
				evs = append(evs, je)
			}
			jd.Rooms = append(jd.Rooms, roomEvents{name: dr.room.name, events: evs})
		}
		conf.Days = append(conf.Days, jd)
	}
	doc := jsonDoc{
		Schema:    "https://c3voc.de/schedule/schema.json",
		Generator: jsonGenerator{Name: generatorName},
		Schedule:  jsonSchedule{Version: s.version, BaseURL: s.baseURL, Conference: conf},
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return nil, fmt.Errorf("schedule.json of %s: %w", ed.Event.Slug, err)
	}
	return b.Bytes(), nil
}

type jsonDoc struct {
	Schema    string        `json:"$schema"`
	Generator jsonGenerator `json:"generator"`
	Schedule  jsonSchedule  `json:"schedule"`
}

type jsonGenerator struct {
	Name string `json:"name"`
}

type jsonSchedule struct {
	Version    string         `json:"version"`
	BaseURL    string         `json:"base_url,omitempty"`
	Conference jsonConference `json:"conference"`
}

type jsonConference struct {
	Acronym          string      `json:"acronym"`
	Title            string      `json:"title"`
	Start            string      `json:"start"`
	End              string      `json:"end"`
	DaysCount        int         `json:"daysCount"`
	TimeslotDuration string      `json:"timeslot_duration"`
	TimeZoneName     string      `json:"time_zone_name,omitempty"`
	URL              string      `json:"url,omitempty"`
	Tracks           []jsonTrack `json:"tracks"`
	Rooms            []jsonRoom  `json:"rooms"`
	Days             []jsonDay   `json:"days"`
}

type jsonTrack struct {
	Name string `json:"name"`
	Slug string `json:"slug,omitempty"`
}

type jsonRoom struct {
	Name     string `json:"name"`
	Slug     string `json:"slug,omitempty"`
	GUID     string `json:"guid"`
	Capacity int    `json:"capacity,omitempty"`
}

type jsonDay struct {
	Index    int          `json:"index"`
	Date     string       `json:"date"`
	DayStart string       `json:"day_start"`
	DayEnd   string       `json:"day_end"`
	Rooms    orderedRooms `json:"rooms"`
}

// orderedRooms is a JSON object of room name → events that keeps the rooms
// in their order (encoding/json would sort a map's keys, which happens to be
// fine, but the order is the program's decision, not the encoder's).
type orderedRooms []roomEvents

type roomEvents struct {
	name   string
	events []jsonEvent
}

func (rs orderedRooms) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, r := range rs {
		if i > 0 {
			b.WriteByte(',')
		}
		k, err := json.Marshal(r.name)
		if err != nil {
			return nil, err
		}
		v, err := json.Marshal(r.events)
		if err != nil {
			return nil, err
		}
		b.Write(k)
		b.WriteByte(':')
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

type jsonEvent struct {
	GUID        string       `json:"guid"`
	ID          int          `json:"id"`
	Date        string       `json:"date"`
	Start       string       `json:"start"`
	End         string       `json:"end"`
	Duration    string       `json:"duration"`
	Room        string       `json:"room"`
	Slug        string       `json:"slug"`
	URL         string       `json:"url"`
	Title       string       `json:"title"`
	Subtitle    string       `json:"subtitle"`
	Track       string       `json:"track"`
	Type        string       `json:"type"`
	Language    string       `json:"language"`
	Abstract    string       `json:"abstract"`
	Description string       `json:"description"`
	Persons     []jsonPerson `json:"persons"`
	Links       []jsonLink   `json:"links"`
}

// jsonPerson is frab's person (id and public_name), which is what the
// pretalx example carries; schema.json accepts either it or pretalx's
// {name} form, but not both at once.
type jsonPerson struct {
	ID         int    `json:"id"`
	GUID       string `json:"guid"`
	PublicName string `json:"public_name"`
	URL        string `json:"url,omitempty"`
}

type jsonLink struct {
	Type  string `json:"type"`
	URL   string `json:"url"`
	Title string `json:"title"`
}
