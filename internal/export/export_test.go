package export_test

import (
	"bytes"
	"context"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	ics "github.com/arran4/golang-ical"
	"github.com/santhosh-tekuri/jsonschema/v6"

	"convene/internal/export"
	"convene/internal/program"
	"convene/internal/testkit"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

const base = "https://forum.example"

// tinyEdition is a small hand-built edition for the golden files: two days,
// two rooms of the same name in different venues, a cancelled activity, a
// livestream, a summary with the characters iCalendar must escape, and a
// title long enough to be folded.
func tinyEdition() *program.Edition {
	cst := time.FixedZone("CST", 8*3600)
	at := func(day, hour, min int) time.Time { return time.Date(2025, 3, day, hour, min, 0, 0, cst).UTC() }
	return program.NewEdition(program.Parts{
		Event: program.Event{ID: "e1", Slug: "zgc-2025", Name: program.Text{ZH: "2025中关村论坛年会", EN: "2025 Zhongguancun Forum"},
			Theme: program.Text{ZH: "新质生产力", EN: "New quality productive forces"}, StartDate: "2025-03-27", EndDate: "2025-03-28",
			TimeZone: "Asia/Shanghai", Version: 3, UpdatedAt: time.Date(2025, 3, 20, 8, 30, 0, 0, time.UTC)},
		Sections: []program.Section{
			{ID: "s1", Slug: "forums", Name: program.Text{ZH: "论坛会议", EN: "Forums and Conferences"}, Position: 1},
			{ID: "s2", Slug: "releases", Name: program.Text{ZH: "成果发布", EN: "Achievement Releases"}, Position: 2},
		},
		Venues: []program.Venue{
			{ID: "v1", Slug: "iic", Name: program.Text{ZH: "中关村国际创新中心", EN: "ZGC International Innovation Center"}},
			{ID: "v2", Slug: "hotel", Name: program.Text{ZH: "会议酒店", EN: "Conference Hotel"}, Address: program.Text{ZH: "北京市海淀区", EN: "Haidian, Beijing"}},
		},
		Rooms: []program.Room{
			{ID: "r1", VenueID: "v1", Slug: "iic-main-hall", Name: program.Text{ZH: "主会场", EN: "Main Hall"}, Capacity: 1500},
			{ID: "r2", VenueID: "v2", Slug: "hotel-main-hall", Name: program.Text{ZH: "主会场", EN: "Main Hall"}, Capacity: 400},
		},
		Themes:        []program.Theme{{ID: "t1", Slug: "ai", Name: program.Text{ZH: "人工智能", EN: "AI, machine learning"}}},
		Organisations: []program.Organisation{{ID: "o1", Slug: "most", Name: program.Text{ZH: "科学技术部", EN: "Ministry of Science and Technology"}, Kind: program.OrgMinistry}},
		People: []program.Person{
			{ID: "p1", Slug: "li-hua", Name: program.Text{ZH: "李华", EN: "Li Hua"}},
			{ID: "p2", Slug: "ann-smith", Name: program.Text{ZH: "安·史密斯", EN: "Ann Smith"}},
		},
		Activities: []program.Activity{
			{ID: "a1", SectionID: "s1", Slug: "opening", Kind: program.KindOpening, Title: program.Text{ZH: "开幕式", EN: "Opening Ceremony"},
				Summary: program.Text{ZH: "年会开幕；发布重大成果，并邀请嘉宾致辞。", EN: "Opening; keynotes, awards, and a \\ backslash.\nSecond line."},
				RoomID:  "r1", StartsAt: at(27, 9, 0), EndsAt: at(27, 11, 30), Languages: []string{"zh", "en"}, Status: program.StatusPublished,
				Livestream: &program.Livestream{URL: "https://live.example/opening?a=1,b=2", StartsAt: at(27, 9, 0)},
				Hosts:      []program.Host{{OrgID: "o1", Role: program.RoleHost}},
				Speakers:   []program.Appearance{{PersonID: "p1", Role: program.SpeakerKeynote}, {PersonID: "p2", Role: program.SpeakerSpeaker}}},
			{ID: "a2", SectionID: "s1", Slug: "ai-forum", Kind: program.KindParallelForum, ThemeIDs: []string{"t1"},
				Title:  program.Text{ZH: "人工智能与新型工业化融合发展论坛暨产业创新成果交流对接与人才培养合作签约仪式", EN: "Forum on the Integrated Development of Artificial Intelligence and New Industrialisation"},
				RoomID: "r2", StartsAt: at(28, 14, 0), EndsAt: at(28, 17, 30), Languages: []string{"zh"}, Status: program.StatusPublished,
				Speakers: []program.Appearance{{PersonID: "p2", Role: program.SpeakerModerator}}},
			{ID: "a3", SectionID: "s2", Slug: "index-release", Kind: program.KindRelease, Title: program.Text{ZH: "指数发布", EN: "Index Release"},
				RoomID: "r1", StartsAt: at(28, 9, 30), EndsAt: at(28, 11, 0), Status: program.StatusCancelled},
			{ID: "a4", SectionID: "s2", Slug: "unplaced", Kind: program.KindRelease, Title: program.Text{ZH: "待定", EN: "Unplaced"}, Status: program.StatusPublished},
		},
	})
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./internal/export -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file; if the change is intended run go test ./internal/export -update and review the diff", path)
	}
}

func TestGolden(t *testing.T) {
	ed := tinyEdition()
	for _, lang := range []string{"zh", "en"} {
		o := export.Options{Lang: lang, BaseURL: base}
		golden(t, "tiny-"+lang+".ics", export.Calendar(ed, o))
		xmlBody, err := export.ScheduleXML(ed, o)
		if err != nil {
			t.Fatal(err)
		}
		golden(t, "tiny-"+lang+".xml", xmlBody)
		jsonBody, err := export.ScheduleJSON(ed, o)
		if err != nil {
			t.Fatal(err)
		}
		golden(t, "tiny-"+lang+".json", jsonBody)
		checkXML(t, "tiny-"+lang, xmlBody)
		checkJSON(t, "tiny-"+lang, jsonBody)
		checkICS(t, "tiny-"+lang, export.Calendar(ed, o))
	}
	p, _ := ed.Person("ann-smith")
	golden(t, "tiny-person.ics", export.PersonCalendar(ed, p, export.Options{BaseURL: base}))
	a, _ := ed.Activity("index-release")
	golden(t, "tiny-cancelled.ics", export.ActivityCalendar(ed, a, export.Options{Lang: "en", BaseURL: base}))
}

func TestTinyContent(t *testing.T) {
	ed := tinyEdition()
	cal := parseICS(t, export.Calendar(ed, export.Options{Lang: "en", BaseURL: base}))
	events := cal.Events()
	if len(events) != 3 { // the unplaced activity has no time
		t.Fatalf("%d VEVENTs, want 3", len(events))
	}
	byUID := map[string]*ics.VEvent{}
	for _, e := range events {
		byUID[e.Id()] = e
	}
	open, _ := ed.Activity("opening")
	e := byUID[export.ActivityUID(ed, open)]
	if e == nil {
		t.Fatalf("no VEVENT with the opening's UID %s", export.ActivityUID(ed, open))
	}
	prop := func(e *ics.VEvent, p ics.ComponentProperty) string {
		if x := e.GetProperty(p); x != nil {
			return x.Value
		}
		return ""
	}
	for p, want := range map[ics.ComponentProperty]string{
		ics.ComponentPropertyDtStart:  "20250327T010000Z",
		ics.ComponentPropertyDtEnd:    "20250327T033000Z",
		ics.ComponentPropertySummary:  "Opening Ceremony",
		ics.ComponentPropertyLocation: "Main Hall, ZGC International Innovation Center",
		ics.ComponentPropertyUrl:      base + "/en/zgc-2025/activities/opening",
		ics.ComponentPropertyStatus:   "CONFIRMED",
	} {
		if got := prop(e, p); got != want {
			t.Errorf("opening %s = %q, want %q", p, got, want)
		}
	}
	desc := ics.FromText(prop(e, ics.ComponentPropertyDescription))
	for _, want := range []string{"Opening; keynotes, awards, and a \\ backslash.\nSecond line.", "Livestream: https://live.example/opening?a=1,b=2", "Speakers: Li Hua, Ann Smith", "Host: Ministry of Science and Technology"} {
		if !strings.Contains(desc, want) {
			t.Errorf("description %q lacks %q", desc, want)
		}
	}
	start, err := e.GetStartAt()
	if err != nil || !start.Equal(time.Date(2025, 3, 27, 9, 0, 0, 0, ed.Location())) {
		t.Errorf("opening starts %v (%v), want 09:00 in Beijing", start, err)
	}
	cancelled, _ := ed.Activity("index-release")
	if c := byUID[export.ActivityUID(ed, cancelled)]; c == nil || prop(c, ics.ComponentPropertyStatus) != "CANCELLED" {
		t.Errorf("the cancelled activity is not STATUS:CANCELLED")
	}
	var cats []string
	for _, p := range byUID[export.ActivityUID(ed, mustActivity(t, ed, "ai-forum"))].Properties {
		if p.IANAToken == "CATEGORIES" {
			cats = append(cats, ics.FromText(p.Value))
		}
	}
	if strings.Join(cats, "|") != "Parallel forum|AI, machine learning" {
		t.Errorf("categories = %q", cats)
	}
}

func mustActivity(t *testing.T, ed *program.Edition, slug string) *program.Activity {
	a, ok := ed.Activity(slug)
	if !ok {
		t.Fatalf("no activity %s", slug)
	}
	return a
}

// TestDemo renders the sample edition on every engine and checks the
// renderings with the real validators; the identities must not depend on the
// engine (ids made at import differ; slugs do not).
func TestDemo(t *testing.T) {
	renders := map[string][]byte{}
	for _, engine := range testkit.Engines(t) {
		t.Run(engine, func(t *testing.T) {
			cat := testkit.DemoCatalog(t, engine)
			ed, err := cat.Edition(context.Background(), "zgc-2025")
			if err != nil {
				t.Fatal(err)
			}
			public := 0
			for _, a := range ed.Activities {
				if !a.StartsAt.IsZero() {
					public++
				}
			}
			for _, lang := range []string{"zh", "en"} {
				o := export.Options{Lang: lang, BaseURL: base}
				body := export.Calendar(ed, o)
				if again := export.Calendar(ed, o); !bytes.Equal(body, again) {
					t.Fatalf("%s: two renders of the calendar differ", lang)
				}
				checkICS(t, engine+"-"+lang, body)
				cal := parseICS(t, body)
				if n := len(cal.Events()); n != public {
					t.Errorf("%s: %d VEVENTs, want %d public activities", lang, n, public)
				}
				opening := mustActivity(t, ed, "opening")
				for _, e := range cal.Events() {
					if e.Id() == export.ActivityUID(ed, opening) {
						start, err := e.GetStartAt()
						if err != nil || !start.Equal(time.Date(2025, 3, 27, 9, 0, 0, 0, ed.Location())) {
							t.Errorf("%s: opening DTSTART %v (%v), want 2025-03-27 09:00 Asia/Shanghai", lang, start, err)
						}
					}
				}
				x, err := export.ScheduleXML(ed, o)
				if err != nil {
					t.Fatal(err)
				}
				checkXML(t, engine+"-"+lang, x)
				j, err := export.ScheduleJSON(ed, o)
				if err != nil {
					t.Fatal(err)
				}
				checkJSON(t, engine+"-"+lang, j)
				key := lang
				if engine == "postgres" {
					// The calendars differ only in DTSTAMP and LAST-MODIFIED: the
					// moment each database imported the sample.
					for name, b := range map[string][]byte{".ics": withoutStamps(body), ".xml": x, ".json": j} {
						if !bytes.Equal(b, renders["sqlite"+key+name]) {
							t.Errorf("%s%s differs between sqlite and postgres", key, name)
						}
					}
				} else {
					renders["sqlite"+key+".ics"], renders["sqlite"+key+".xml"], renders["sqlite"+key+".json"] = withoutStamps(body), x, j
				}
			}
			// A person's calendar has their activities.
			for _, p := range ed.People()[:3] {
				cal := parseICS(t, export.PersonCalendar(ed, p, export.Options{BaseURL: base}))
				if len(cal.Events()) != len(ed.ActivitiesWith(p.ID)) {
					t.Errorf("%s: %d events, want %d", p.Slug, len(cal.Events()), len(ed.ActivitiesWith(p.ID)))
				}
			}
		})
	}
}

func parseICS(t *testing.T, body []byte) *ics.Calendar {
	t.Helper()
	cal, err := ics.ParseCalendar(bytes.NewReader(body))
	if err != nil {
		t.Fatalf("golang-ical cannot parse the calendar: %v", err)
	}
	return cal
}

// checkICS is a second, independent reading of RFC 5545's lexical rules:
// CRLF line ends only, no line longer than 75 octets, folds never split a
// UTF-8 character, no control characters, TEXT values escaped, every
// BEGIN matched by its END, and the required properties present.
func checkICS(t *testing.T, name string, body []byte) {
	t.Helper()
	if !bytes.HasSuffix(body, []byte("\r\n")) {
		t.Errorf("%s: does not end with CRLF", name)
	}
	raw := strings.Split(strings.TrimSuffix(string(body), "\r\n"), "\r\n")
	var lines []string
	for i, l := range raw {
		if strings.ContainsAny(l, "\r\n") {
			t.Errorf("%s:%d: bare CR or LF", name, i+1)
		}
		if len(l) > 75 {
			t.Errorf("%s:%d: %d octets, more than 75", name, i+1, len(l))
		}
		if !utf8.ValidString(l) {
			t.Errorf("%s:%d: a fold splits a UTF-8 character", name, i+1)
		}
		for _, r := range l {
			if r < 0x20 && r != '\t' || r == 0x7f {
				t.Errorf("%s:%d: control character %U", name, i+1, r)
			}
		}
		if strings.HasPrefix(l, " ") || strings.HasPrefix(l, "\t") {
			if len(lines) == 0 {
				t.Fatalf("%s: starts with a continuation line", name)
			}
			lines[len(lines)-1] += l[1:]
			continue
		}
		lines = append(lines, l)
	}
	var stack []string
	uids := map[string]bool{}
	var inEvent map[string]int
	for i, l := range lines {
		nameParams, value, ok := strings.Cut(l, ":")
		if !ok {
			t.Errorf("%s: logical line %d has no colon: %q", name, i+1, l)
			continue
		}
		prop, _, _ := strings.Cut(nameParams, ";")
		switch prop {
		case "BEGIN":
			stack = append(stack, value)
			if value == "VEVENT" {
				inEvent = map[string]int{}
			}
			continue
		case "END":
			if len(stack) == 0 || stack[len(stack)-1] != value {
				t.Fatalf("%s: END:%s does not close %v", name, value, stack)
			}
			stack = stack[:len(stack)-1]
			if value == "VEVENT" {
				for _, req := range []string{"UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY"} {
					if inEvent[req] != 1 {
						t.Errorf("%s: a VEVENT has %d %s", name, inEvent[req], req)
					}
				}
				inEvent = nil
			}
			continue
		}
		if inEvent != nil {
			inEvent[prop]++
			if prop == "UID" {
				if uids[value] {
					t.Errorf("%s: UID %s twice", name, value)
				}
				uids[value] = true
			}
			if prop == "DTSTART" || prop == "DTEND" || prop == "DTSTAMP" {
				if _, err := time.Parse("20060102T150405Z", value); err != nil {
					t.Errorf("%s: %s %q is not a UTC date-time", name, prop, value)
				}
			}
		}
		switch prop {
		case "SUMMARY", "DESCRIPTION", "LOCATION", "CATEGORIES", "X-WR-CALNAME", "NAME":
			// TEXT: ; and , only escaped, backslash only before \ ; , n N.
			for j := 0; j < len(value); j++ {
				switch value[j] {
				case '\\':
					if j+1 >= len(value) || !strings.ContainsRune(`\;,nN`, rune(value[j+1])) {
						t.Errorf("%s: %s has a bad escape: %q", name, prop, value)
					}
					j++
				case ';', ',':
					t.Errorf("%s: %s has an unescaped %q: %q", name, prop, value[j], value)
				}
			}
		}
	}
	if len(stack) != 0 || len(lines) == 0 || lines[0] != "BEGIN:VCALENDAR" {
		t.Errorf("%s: unbalanced components %v", name, stack)
	}
}

// schemaDir is shared/schemas/c3voc-schedule: beside the module in this
// workspace (../shared) and beside the clone in CI.
func schemaDir(t *testing.T) string {
	t.Helper()
	for _, dir := range []string{"../../../shared/schemas/c3voc-schedule", "../../shared/schemas/c3voc-schedule"} {
		if _, err := os.Stat(filepath.Join(dir, "schedule.xml.xsd")); err == nil {
			abs, _ := filepath.Abs(dir)
			return abs
		}
	}
	t.Fatal("shared/schemas/c3voc-schedule not found beside the module")
	return ""
}

func checkXML(t *testing.T, name string, body []byte) {
	t.Helper()
	xmllint, err := exec.LookPath("xmllint")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("xmllint is missing (scripts/deps.sh installs libxml2-utils)")
		}
		t.Skip("xmllint is not installed")
	}
	file := filepath.Join(t.TempDir(), name+".xml")
	if err := os.WriteFile(file, body, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(xmllint, "--noout", "--schema", filepath.Join(schemaDir(t), "schedule.xml.xsd"), file).CombinedOutput()
	if err != nil {
		t.Errorf("%s: schedule.xml is not valid: %v\n%s", name, err, out)
	}
}

func checkJSON(t *testing.T, name string, body []byte) {
	t.Helper()
	if err := validateJSON(t, body); err != nil {
		t.Errorf("%s: schedule.json is not valid: %v", name, err)
	}
}

func validateJSON(t *testing.T, body []byte) error {
	t.Helper()
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	sch, err := c.Compile(filepath.Join(schemaDir(t), "schema.json"))
	if err != nil {
		t.Fatal(err)
	}
	if sch.DraftVersion != 6 {
		t.Fatalf("schema.json compiled as draft %d, want draft-06", sch.DraftVersion)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(body))
	if err != nil {
		return err
	}
	return sch.Validate(doc)
}

// The validators do bite: the edition's slug as acronym, a duplicate
// guid, or a person in both frab and pretalx form fail.
func TestValidatorsRejectMistakes(t *testing.T) {
	good, err := export.ScheduleJSON(tinyEdition(), export.Options{BaseURL: base})
	if err != nil {
		t.Fatal(err)
	}
	if err := validateJSON(t, good); err != nil {
		t.Fatal(err)
	}
	for _, bad := range []struct{ from, to string }{
		{`"acronym": "zgc_2025"`, `"acronym": "zgc-2025"`},
		{`"public_name": "李华"`, `"public_name": "李华", "name": "李华"`},
		{`"duration": "02:30"`, `"duration": "2h30"`},
	} {
		body := bytes.Replace(good, []byte(bad.from), []byte(bad.to), 1)
		if bytes.Equal(body, good) {
			t.Fatalf("%s not in the rendering", bad.from)
		}
		if validateJSON(t, body) == nil {
			t.Errorf("schema.json accepts %s", bad.to)
		}
	}
}

// withoutStamps drops the DTSTAMP and LAST-MODIFIED lines of a calendar.
func withoutStamps(body []byte) []byte {
	var out []string
	for _, l := range strings.Split(string(body), "\r\n") {
		if !strings.HasPrefix(l, "DTSTAMP:") && !strings.HasPrefix(l, "LAST-MODIFIED:") {
			out = append(out, l)
		}
	}
	return []byte(strings.Join(out, "\r\n"))
}
