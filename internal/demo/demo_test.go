package demo

import (
	"fmt"
	"reflect"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode"

	"convene/internal/program"
)

var (
	dataOnce sync.Once
	dataVal  *program.Dataset
)

// data returns one shared Dataset; tests must not modify it.
func data(t *testing.T) *program.Dataset {
	t.Helper()
	dataOnce.Do(func() { dataVal = Dataset() })
	return dataVal
}

func ed(t *testing.T, slug string) program.EditionRecord {
	t.Helper()
	for _, e := range data(t).Editions {
		if e.Event.Slug == slug {
			return e
		}
	}
	t.Fatalf("edition %s missing", slug)
	return program.EditionRecord{}
}

func orgsBySlug(ds *program.Dataset) map[string]program.Organisation {
	m := map[string]program.Organisation{}
	for _, o := range ds.Organisations {
		m[o.Slug] = o
	}
	return m
}

func peopleBySlug(ds *program.Dataset) map[string]program.Person {
	m := map[string]program.Person{}
	for _, p := range ds.People {
		m[p.Slug] = p
	}
	return m
}

func roomsBySlug(ds *program.Dataset) map[string]program.RoomRecord {
	m := map[string]program.RoomRecord{}
	for _, r := range ds.Rooms {
		m[r.Slug] = r
	}
	return m
}

func hasHost(a program.ActivityRecord, org string) bool {
	for _, h := range a.Hosts {
		if h.Org == org && h.Role == program.RoleHost {
			return true
		}
	}
	return false
}

func hasTheme(a program.ActivityRecord, theme string) bool {
	for _, s := range a.Themes {
		if s == theme {
			return true
		}
	}
	return false
}

func ofKind(e program.EditionRecord, k program.ActivityKind) []program.ActivityRecord {
	var out []program.ActivityRecord
	for _, a := range e.Activities {
		if a.Kind == k {
			out = append(out, a)
		}
	}
	return out
}

func byTitle(t *testing.T, e program.EditionRecord, zh string) program.ActivityRecord {
	t.Helper()
	for _, a := range e.Activities {
		if a.Title.ZH == zh {
			return a
		}
	}
	t.Fatalf("%s: no activity titled %q", e.Event.Slug, zh)
	return program.ActivityRecord{}
}

func local(t *testing.T, ts time.Time) time.Time {
	t.Helper()
	loc, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		t.Fatal(err)
	}
	return ts.In(loc)
}

func TestDeterministic(t *testing.T) {
	a, b := Dataset(), Dataset()
	if !reflect.DeepEqual(a, b) {
		t.Fatal("two calls of Dataset differ")
	}
	if a == b || &a.People[0] == &b.People[0] {
		t.Fatal("Dataset must return a fresh value each time")
	}
}

var slugRE = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

func TestSlugsWellFormedAndUnique(t *testing.T) {
	ds := data(t)
	global := map[string]map[string]bool{}
	check := func(scope, slug string) {
		t.Helper()
		if !slugRE.MatchString(slug) {
			t.Errorf("%s: bad slug %q", scope, slug)
		}
		if global[scope] == nil {
			global[scope] = map[string]bool{}
		}
		if global[scope][slug] {
			t.Errorf("%s: duplicate slug %q", scope, slug)
		}
		global[scope][slug] = true
	}
	for _, o := range ds.Organisations {
		check("organisation", o.Slug)
	}
	for _, p := range ds.People {
		check("person", p.Slug)
	}
	for _, v := range ds.Venues {
		check("venue", v.Slug)
	}
	for _, r := range ds.Rooms {
		check("room", r.Slug)
	}
	for _, th := range ds.Themes {
		check("theme", th.Slug)
	}
	for _, e := range ds.Editions {
		check("edition", e.Event.Slug)
		for _, s := range e.Sections {
			check(e.Event.Slug+"/section", s.Slug)
		}
		for _, a := range e.Activities {
			check(e.Event.Slug+"/activity", a.Slug)
			if !slugRE.MatchString(a.Series) {
				t.Errorf("%s: bad series %q", a.Slug, a.Series)
			}
		}
		for _, r := range e.Releases {
			check(e.Event.Slug+"/release", r.Slug)
		}
	}
}

func TestReferencesResolve(t *testing.T) {
	ds := data(t)
	orgs, people, rooms := orgsBySlug(ds), peopleBySlug(ds), roomsBySlug(ds)
	venues, themes := map[string]bool{}, map[string]bool{}
	for _, v := range ds.Venues {
		venues[v.Slug] = true
	}
	for _, th := range ds.Themes {
		themes[th.Slug] = true
	}
	for _, r := range ds.Rooms {
		if !venues[r.Venue] {
			t.Errorf("room %s: unknown venue %q", r.Slug, r.Venue)
		}
	}
	editions := map[string]bool{}
	for _, e := range ds.Editions {
		editions[e.Event.Slug] = true
	}
	for _, e := range ds.Editions {
		ev := e.Event.Slug
		if e.Event.PreviousSlug != "" && !editions[e.Event.PreviousSlug] {
			t.Errorf("%s: previous edition %q missing", ev, e.Event.PreviousSlug)
		}
		sections := map[string]bool{}
		for _, s := range e.Sections {
			sections[s.Slug] = true
		}
		for _, d := range e.ThemeDays {
			if !themes[d.Theme] {
				t.Errorf("%s: theme day with unknown theme %q", ev, d.Theme)
			}
		}
		acts := map[string]program.ActivityRecord{}
		for _, a := range e.Activities {
			acts[a.Slug] = a
			if !sections[a.Section] {
				t.Errorf("%s/%s: unknown section %q", ev, a.Slug, a.Section)
			}
			if _, ok := rooms[a.Room]; !ok {
				t.Errorf("%s/%s: unknown room %q", ev, a.Slug, a.Room)
			}
			for _, th := range a.Themes {
				if !themes[th] {
					t.Errorf("%s/%s: unknown theme %q", ev, a.Slug, th)
				}
			}
			for _, h := range a.Hosts {
				if _, ok := orgs[h.Org]; !ok {
					t.Errorf("%s/%s: unknown host organisation %q", ev, a.Slug, h.Org)
				}
			}
			seen := map[string]bool{}
			for _, s := range a.Speakers {
				if _, ok := people[s.Person]; !ok {
					t.Errorf("%s/%s: unknown speaker %q", ev, a.Slug, s.Person)
				}
				if seen[s.Person] {
					t.Errorf("%s/%s: speaker %s listed twice", ev, a.Slug, s.Person)
				}
				seen[s.Person] = true
			}
		}
		for _, r := range e.Releases {
			a, ok := acts[r.Activity]
			if !ok {
				t.Errorf("%s: release %s: unknown activity %q", ev, r.Slug, r.Activity)
			} else if a.Kind != program.KindRelease {
				t.Errorf("%s: release %s is released at %s of kind %s", ev, r.Slug, a.Slug, a.Kind)
			}
			if _, ok := orgs[r.Publisher]; !ok {
				t.Errorf("%s: release %s: unknown publisher %q", ev, r.Slug, r.Publisher)
			}
		}
		for _, a := range ofKind(e, program.KindRelease) {
			n := 0
			for _, r := range e.Releases {
				if r.Activity == a.Slug {
					n++
				}
			}
			if n == 0 {
				t.Errorf("%s: release event %s releases nothing", ev, a.Slug)
			}
		}
	}
}

func TestEnumsAreKnown(t *testing.T) {
	ds := data(t)
	set := func(vals ...string) map[string]bool {
		m := map[string]bool{}
		for _, v := range vals {
			m[v] = true
		}
		return m
	}
	var kinds, roles, orients, honours, orgKinds []string
	for _, k := range program.ActivityKinds {
		kinds = append(kinds, string(k))
	}
	for _, r := range program.HostRoles {
		roles = append(roles, string(r))
	}
	for _, o := range program.Orientations {
		orients = append(orients, string(o))
	}
	for _, h := range program.Honours {
		honours = append(honours, string(h))
	}
	for _, k := range program.OrgKinds {
		orgKinds = append(orgKinds, string(k))
	}
	kindSet, roleSet, orientSet, honourSet, orgKindSet := set(kinds...), set(roles...), set(orients...), set(honours...), set(orgKinds...)
	speakerRoles := set(string(program.SpeakerKeynote), string(program.SpeakerSpeaker), string(program.SpeakerModerator), string(program.SpeakerPanelist))
	for _, o := range ds.Organisations {
		if !orgKindSet[string(o.Kind)] {
			t.Errorf("organisation %s: kind %q", o.Slug, o.Kind)
		}
	}
	for _, p := range ds.People {
		for _, h := range p.Honours {
			if !honourSet[string(h)] {
				t.Errorf("person %s: honour %q", p.Slug, h)
			}
		}
	}
	for _, e := range ds.Editions {
		for _, a := range e.Activities {
			if !kindSet[string(a.Kind)] {
				t.Errorf("%s: kind %q", a.Slug, a.Kind)
			}
			if a.Orientation != "" && !orientSet[string(a.Orientation)] {
				t.Errorf("%s: orientation %q", a.Slug, a.Orientation)
			}
			if a.Status != program.StatusPublished {
				t.Errorf("%s: status %q, want published", a.Slug, a.Status)
			}
			for _, h := range a.Hosts {
				if !roleSet[string(h.Role)] {
					t.Errorf("%s: host role %q", a.Slug, h.Role)
				}
			}
			for _, s := range a.Speakers {
				if !speakerRoles[string(s.Role)] {
					t.Errorf("%s: speaker role %q", a.Slug, s.Role)
				}
			}
			for _, l := range a.Languages {
				if l != program.LangZH && l != program.LangEN {
					t.Errorf("%s: language %q", a.Slug, l)
				}
			}
		}
	}
}

// walkTexts calls f for every program.Text in v, with a path for messages.
func walkTexts(v reflect.Value, path string, f func(path string, t program.Text)) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			walkTexts(v.Elem(), path, f)
		}
	case reflect.Struct:
		if !v.CanInterface() {
			return
		}
		if t, ok := v.Interface().(program.Text); ok {
			f(path, t)
			return
		}
		for i := 0; i < v.NumField(); i++ {
			walkTexts(v.Field(i), path+"."+v.Type().Field(i).Name, f)
		}
	case reflect.Slice:
		for i := 0; i < v.Len(); i++ {
			walkTexts(v.Index(i), fmt.Sprintf("%s[%d]", path, i), f)
		}
	}
}

func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

func TestEveryTextIsBilingual(t *testing.T) {
	n := 0
	walkTexts(reflect.ValueOf(data(t)), "Dataset", func(path string, tx program.Text) {
		n++
		switch {
		case tx.IsZero() && strings.HasSuffix(path, ".ShortName"):
			// optional: most organisations have no shorter name
		case strings.TrimSpace(tx.ZH) == "" || strings.TrimSpace(tx.EN) == "":
			t.Errorf("%s: missing a language: %+v", path, tx)
		case !hasHan(tx.ZH):
			t.Errorf("%s: zh text has no Chinese characters: %q", path, tx.ZH)
		case hasHan(tx.EN):
			t.Errorf("%s: en text has Chinese characters: %q", path, tx.EN)
		case strings.Contains(tx.ZH+tx.EN, "{"):
			t.Errorf("%s: unexpanded placeholder: %+v", path, tx)
		}
	})
	if n < 1000 {
		t.Errorf("only %d texts walked", n)
	}
}

// walkIDs reports every non-empty field named ID or ending in ID/IDs.
func walkIDs(v reflect.Value, path string, f func(path string)) {
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			walkIDs(v.Elem(), path, f)
		}
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			name := v.Type().Field(i).Name
			fv := v.Field(i)
			if strings.HasSuffix(name, "ID") || strings.HasSuffix(name, "IDs") {
				if !fv.IsZero() {
					f(path + "." + name)
				}
				continue
			}
			walkIDs(fv, path+"."+name, f)
		}
	case reflect.Slice:
		for i := 0; i < v.Len(); i++ {
			walkIDs(v.Index(i), fmt.Sprintf("%s[%d]", path, i), f)
		}
	}
}

func TestIDsLeftEmpty(t *testing.T) {
	ds := data(t)
	walkIDs(reflect.ValueOf(ds), "Dataset", func(path string) { t.Errorf("%s is set; the store assigns ids", path) })
	for _, e := range ds.Editions {
		for _, a := range e.Activities {
			if a.Activity.Hosts != nil || a.Activity.Speakers != nil || a.RoomID != "" {
				t.Errorf("%s: id-based Activity fields must stay empty; use the slug records", a.Slug)
			}
		}
	}
}

func TestEvents(t *testing.T) {
	want := []program.Event{
		{Slug: "zgc-2024", Name: program.Text{ZH: "2024中关村论坛年会", EN: "2024 Zhongguancun Forum Annual Meeting"},
			Theme: program.Text{ZH: "创新：建设更加美好的世界", EN: "Innovation: Building a Better World"},
			City:  program.Text{ZH: "北京", EN: "Beijing"}, StartDate: "2024-04-25", EndDate: "2024-04-29", TimeZone: "Asia/Shanghai"},
		{Slug: "zgc-2025", Name: program.Text{ZH: "2025中关村论坛年会", EN: "2025 Zhongguancun Forum Annual Meeting"},
			Theme: program.Text{ZH: "新质生产力与全球科技合作", EN: "New Quality Productive Forces and Global S&T Cooperation"},
			City:  program.Text{ZH: "北京", EN: "Beijing"}, StartDate: "2025-03-27", EndDate: "2025-03-31", TimeZone: "Asia/Shanghai", PreviousSlug: "zgc-2024"},
	}
	for _, w := range want {
		if got := ed(t, w.Slug).Event; !reflect.DeepEqual(got, w) {
			t.Errorf("event %s:\n got %+v\nwant %+v", w.Slug, got, w)
		}
	}
}

func TestSections(t *testing.T) {
	want := []struct{ slug, zh string }{
		{"forums", "论坛会议"}, {"tech-trading", "技术交易"}, {"releases", "成果发布"}, {"competition", "前沿大赛"}, {"supporting", "配套活动"},
	}
	for _, e := range data(t).Editions {
		if len(e.Sections) != len(want) {
			t.Fatalf("%s: %d sections, want 5", e.Event.Slug, len(e.Sections))
		}
		for i, w := range want {
			if s := e.Sections[i]; s.Slug != w.slug || s.Name.ZH != w.zh || s.Position != i+1 {
				t.Errorf("%s: section %d = %s %q pos %d, want %s %q", e.Event.Slug, i, s.Slug, s.Name.ZH, s.Position, w.slug, w.zh)
			}
		}
		// Kinds sit in their sections.
		for _, a := range e.Activities {
			want := map[program.ActivityKind]string{
				program.KindOpening: "forums", program.KindPlenary: "forums", program.KindParallelForum: "forums",
				program.KindRelease: "releases", program.KindMatchmaking: "tech-trading", program.KindCompetition: "competition",
			}[a.Kind]
			if want != "" && a.Section != want {
				t.Errorf("%s/%s: kind %s in section %s, want %s", e.Event.Slug, a.Slug, a.Kind, a.Section, want)
			}
		}
	}
}

func TestActivityCounts(t *testing.T) {
	tests := []struct {
		edition              string
		total, min, max      int
		forumsMin, forumsMax int
	}{
		{"zgc-2025", 128, 128, 128, 55, 65},
		{"zgc-2024", 0, 100, 120, 50, 60},
	}
	for _, tc := range tests {
		e := ed(t, tc.edition)
		n := len(e.Activities)
		if n < tc.min || n > tc.max {
			t.Errorf("%s: %d activities, want %d..%d", tc.edition, n, tc.min, tc.max)
		}
		if f := len(ofKind(e, program.KindParallelForum)); f < tc.forumsMin || f > tc.forumsMax {
			t.Errorf("%s: %d parallel forums, want %d..%d", tc.edition, f, tc.forumsMin, tc.forumsMax)
		}
		minPerKind := map[program.ActivityKind]int{
			program.KindOpening: 1, program.KindPlenary: 2, program.KindRelease: 3, program.KindMatchmaking: 3,
			program.KindCompetition: 3, program.KindSupporting: 5,
		}
		for _, k := range program.ActivityKinds {
			if got := len(ofKind(e, k)); got < minPerKind[k] {
				t.Errorf("%s: %d activities of kind %s, want at least %d", tc.edition, got, k, minPerKind[k])
			}
		}
		if got := len(ofKind(e, program.KindOpening)); got != 1 {
			t.Errorf("%s: %d openings, want 1", tc.edition, got)
		}
	}
}

func TestOpening(t *testing.T) {
	ds := data(t)
	rooms := roomsBySlug(ds)
	for _, tc := range []struct{ edition, date string }{{"zgc-2025", "2025-03-27"}, {"zgc-2024", "2024-04-25"}} {
		o := ofKind(ed(t, tc.edition), program.KindOpening)[0]
		if o.Title.ZH != "开幕式" {
			t.Errorf("%s: opening titled %q", tc.edition, o.Title.ZH)
		}
		start := local(t, o.StartsAt)
		if start.Format("2006-01-02") != tc.date || start.Hour() >= 12 {
			t.Errorf("%s: opening starts %v, want the morning of %s", tc.edition, start, tc.date)
		}
		if r := rooms[o.Room]; r.Venue != "zgc-iic" || r.Capacity < 1500 {
			t.Errorf("%s: opening in %s (%s, %d seats), want the main hall of the main venue", tc.edition, o.Room, r.Venue, r.Capacity)
		}
	}
}

func TestActivityBasics(t *testing.T) {
	for _, e := range data(t).Editions {
		inRange := 0
		for _, a := range e.Activities {
			id := e.Event.Slug + "/" + a.Slug
			if a.Section == "" || a.Room == "" || a.Series == "" || len(a.Languages) == 0 {
				t.Errorf("%s: section %q room %q series %q languages %v", id, a.Section, a.Room, a.Series, a.Languages)
			}
			if a.Interpretation && len(a.Languages) < 2 {
				t.Errorf("%s: interpretation with one language", id)
			}
			hosted := false
			for _, h := range a.Hosts {
				hosted = hosted || h.Role == program.RoleHost
			}
			if !hosted {
				t.Errorf("%s: no host with role host", id)
			}
			if n := len(a.Speakers); n < 1 || n > 12 {
				t.Errorf("%s: %d speakers", id, n)
			} else if n >= 3 && n <= 10 {
				inRange++
			}
			if a.Kind == program.KindParallelForum && (len(a.Themes) < 1 || len(a.Themes) > 2) {
				t.Errorf("%s: %d themes, want 1..2", id, len(a.Themes))
			}
		}
		if inRange*10 < len(e.Activities)*9 {
			t.Errorf("%s: only %d of %d activities have 3–10 speakers", e.Event.Slug, inRange, len(e.Activities))
		}
	}
}

func TestTimesInsideEdition(t *testing.T) {
	for _, e := range data(t).Editions {
		first, _ := time.Parse("2006-01-02", e.Event.StartDate)
		last, _ := time.Parse("2006-01-02", e.Event.EndDate)
		for _, a := range e.Activities {
			id := e.Event.Slug + "/" + a.Slug
			if a.StartsAt.Location() != time.UTC || a.EndsAt.Location() != time.UTC {
				t.Errorf("%s: times not in UTC", id)
			}
			s, en := local(t, a.StartsAt), local(t, a.EndsAt)
			if !s.Before(en) {
				t.Errorf("%s: starts %v, ends %v", id, s, en)
			}
			day := s.Format("2006-01-02")
			if day != en.Format("2006-01-02") {
				t.Errorf("%s: spans two days", id)
			}
			d, _ := time.Parse("2006-01-02", day)
			if d.Before(first) || d.After(last) {
				t.Errorf("%s: on %s, outside %s..%s", id, day, e.Event.StartDate, e.Event.EndDate)
			}
			if m := s.Hour()*60 + s.Minute(); m < 8*60+30 {
				t.Errorf("%s: starts %s, before 08:30", id, s.Format("15:04"))
			}
			if m := en.Hour()*60 + en.Minute(); m > 21*60 {
				t.Errorf("%s: ends %s, after 21:00", id, en.Format("15:04"))
			}
		}
	}
}

func TestNoDoubleBooking(t *testing.T) {
	overlap := func(a, b program.ActivityRecord) bool {
		return a.StartsAt.Before(b.EndsAt) && b.StartsAt.Before(a.EndsAt)
	}
	for _, e := range data(t).Editions {
		acts := e.Activities
		for i := range acts {
			for j := i + 1; j < len(acts); j++ {
				a, b := acts[i], acts[j]
				if !overlap(a, b) {
					continue
				}
				if a.Room == b.Room {
					t.Errorf("%s: room %s double-booked by %s and %s", e.Event.Slug, a.Room, a.Slug, b.Slug)
				}
				for _, sa := range a.Speakers {
					for _, sb := range b.Speakers {
						if sa.Person == sb.Person {
							t.Errorf("%s: %s speaks at %s and %s at the same time", e.Event.Slug, sa.Person, a.Slug, b.Slug)
						}
					}
				}
			}
		}
	}
}

func TestCapacities(t *testing.T) {
	rooms := roomsBySlug(data(t))
	for _, e := range data(t).Editions {
		for _, a := range e.Activities {
			if c := rooms[a.Room].Capacity; a.Capacity < 0 || a.Capacity > c {
				t.Errorf("%s/%s: capacity %d in room %s of %d seats", e.Event.Slug, a.Slug, a.Capacity, a.Room, c)
			}
		}
	}
}

func TestVenuesAndRooms(t *testing.T) {
	ds := data(t)
	if n := len(ds.Rooms); n < 18 || n > 25 {
		t.Errorf("%d rooms, want 18..25", n)
	}
	if n := len(ds.Venues); n < 3 || n > 4 {
		t.Errorf("%d venues, want 3..4", n)
	}
	var main *program.Venue
	for i, v := range ds.Venues {
		if v.Slug == "zgc-iic" {
			main = &ds.Venues[i]
		}
	}
	if main == nil || main.Name.ZH != "中关村国际创新中心" || main.Name.EN != "Zhongguancun International Innovation Center" {
		t.Fatalf("main venue missing or misnamed: %+v", main)
	}
	var hall, halls, meeting, mainRooms int
	for _, r := range ds.Rooms {
		if r.Capacity <= 0 {
			t.Errorf("room %s: capacity %d", r.Slug, r.Capacity)
		}
		if r.Venue != "zgc-iic" {
			continue
		}
		mainRooms++
		switch c := r.Capacity; {
		case c >= 1800:
			hall++
		case c >= 300 && c <= 800:
			halls++
		case c >= 80 && c <= 200:
			meeting++
		}
	}
	if hall != 1 || halls < 3 || meeting < 5 || mainRooms < 10 {
		t.Errorf("main venue: %d rooms: %d main halls, %d halls, %d meeting rooms", mainRooms, hall, halls, meeting)
	}
}

func TestThemes(t *testing.T) {
	ds := data(t)
	have := map[string]program.Theme{}
	for _, th := range ds.Themes {
		have[th.Slug] = th
	}
	for _, s := range []string{"ai", "quantum", "ocean", "earth-science", "life-health", "energy", "materials", "space", "digital-economy", "manufacturing"} {
		if _, ok := have[s]; !ok {
			t.Errorf("theme %s missing", s)
		}
	}
	if ai := have["ai"]; ai.Name.ZH != "人工智能" || ai.Name.EN != "Artificial Intelligence" {
		t.Errorf("theme ai named %+v", ai.Name)
	}
}

func TestOrganisations(t *testing.T) {
	orgs := orgsBySlug(data(t))
	tests := []struct {
		slug, zh, en string
		kind         program.OrgKind
	}{
		{"most", "科学技术部", "Ministry of Science and Technology (MOST)", program.OrgMinistry},
		{"casted", "中国科学技术发展战略研究院", "Chinese Academy of Science and Technology for Development (CASTED)", program.OrgResearchInstitute},
		{"nsfc", "国家自然科学基金委员会", "National Natural Science Foundation of China (NSFC)", program.OrgAgency},
		{"ndrc", "", "", program.OrgMinistry},
		{"miit", "", "", program.OrgMinistry},
		{"moe", "", "", program.OrgMinistry},
		{"nhc", "", "", program.OrgMinistry},
		{"cas", "中国科学院", "", program.OrgAcademy},
		{"cae", "中国工程院", "", program.OrgAcademy},
		{"cast", "中国科学技术协会", "", program.OrgAssociation},
		{"sasac", "", "", program.OrgAgency},
		{"cnipa", "", "", program.OrgAgency},
		{"cdpf", "中国残疾人联合会", "", program.OrgAssociation},
		{"beijing", "", "", program.OrgLocalGovernment},
		{"haidian", "", "", program.OrgLocalGovernment},
		{"tsinghua", "清华大学", "Tsinghua University", program.OrgUniversity},
		{"pku", "北京大学", "Peking University", program.OrgUniversity},
		{"unesco", "", "", program.OrgInternational},
		{"iiasa", "", "", program.OrgInternational},
	}
	for _, tc := range tests {
		o, ok := orgs[tc.slug]
		if !ok {
			t.Errorf("organisation %s missing", tc.slug)
			continue
		}
		if o.Kind != tc.kind || (tc.zh != "" && o.Name.ZH != tc.zh) || (tc.en != "" && o.Name.EN != tc.en) {
			t.Errorf("organisation %s = %+v", tc.slug, o)
		}
		if o.Sample {
			t.Errorf("organisation %s is real but marked Sample", tc.slug)
		}
		if tc.kind != program.OrgInternational && o.Country != "CN" {
			t.Errorf("organisation %s: country %q", tc.slug, o.Country)
		}
	}
	kinds := map[program.OrgKind]int{}
	for _, o := range orgs {
		kinds[o.Kind]++
		if o.Country != "" && !regexp.MustCompile(`^[A-Z]{2}$`).MatchString(o.Country) {
			t.Errorf("organisation %s: country %q", o.Slug, o.Country)
		}
	}
	for _, k := range program.OrgKinds {
		if kinds[k] == 0 {
			t.Errorf("no organisation of kind %s", k)
		}
	}
}

var mostNew2025 = []string{"环喜马拉雅地球科学国际合作论坛", "AI for Science 青年论坛", "量子科技创新发展论坛", "海洋科学与发展论坛"}

func TestMOSTForums(t *testing.T) {
	e25, e24 := ed(t, "zgc-2025"), ed(t, "zgc-2024")
	series24 := map[string]program.ActivityRecord{}
	for _, a := range e24.Activities {
		series24[a.Series] = a
	}
	var forums []program.ActivityRecord
	for _, a := range ofKind(e25, program.KindParallelForum) {
		if hasHost(a, "most") {
			forums = append(forums, a)
		}
	}
	if len(forums) != 10 {
		t.Fatalf("MOST hosts %d parallel forums in 2025, want 10", len(forums))
	}
	var fresh []string
	for _, a := range forums {
		prev, ran := series24[a.Series]
		if !ran {
			fresh = append(fresh, a.Title.ZH)
			continue
		}
		if prev.Kind != program.KindParallelForum || !hasHost(prev, "most") {
			t.Errorf("2024 %s (series %s) is not a MOST parallel forum", prev.Slug, a.Series)
		}
	}
	if !reflect.DeepEqual(fresh, mostNew2025) {
		t.Errorf("new MOST forums = %q, want %q", fresh, mostNew2025)
	}
	wantEN := map[string]string{
		"环喜马拉雅地球科学国际合作论坛":     "Trans-Himalaya Earth Science International Cooperation Forum",
		"AI for Science 青年论坛": "AI for Science Youth Forum",
		"量子科技创新发展论坛":          "Quantum Science and Technology Innovation and Development Forum",
		"海洋科学与发展论坛":           "Ocean Science and Development Forum",
	}
	for _, zh := range mostNew2025 {
		a := byTitle(t, e25, zh)
		if a.Title.EN != wantEN[zh] || a.Sample {
			t.Errorf("%s: en %q sample %v", zh, a.Title.EN, a.Sample)
		}
	}
	q := byTitle(t, e25, "量子科技创新发展论坛")
	if !strings.Contains(q.Title.ZH, "量子") || !strings.Contains(q.Title.EN, "Quantum") || !hasTheme(q, "quantum") {
		t.Errorf("quantum forum: %+v themes %v", q.Title, q.Themes)
	}

	var mm []program.ActivityRecord
	for _, a := range ofKind(e25, program.KindMatchmaking) {
		if hasHost(a, "most") {
			mm = append(mm, a)
		}
	}
	if len(mm) != 1 || mm[0].Title.ZH != "重点领域科技成果转化应用对接会" ||
		mm[0].Title.EN != "Matchmaking Fair for Applying S&T Achievements in Key Fields" || mm[0].Sample {
		t.Errorf("MOST matchmaking in 2025 = %+v", mm)
	}

	n24 := 0
	for _, a := range ofKind(e24, program.KindParallelForum) {
		if hasHost(a, "most") {
			n24++
		}
	}
	if n24 != 6 {
		t.Errorf("MOST hosts %d parallel forums in 2024, want 6", n24)
	}
}

func TestMinistriesAndAgencies(t *testing.T) {
	orgs := orgsBySlug(data(t))
	n := 0
	for _, a := range ofKind(ed(t, "zgc-2025"), program.KindParallelForum) {
		for _, h := range a.Hosts {
			if k := orgs[h.Org].Kind; h.Role == program.RoleHost && (k == program.OrgMinistry || k == program.OrgAgency) {
				n++
				break
			}
		}
	}
	if n < 20 {
		t.Errorf("ministries and agencies host %d parallel forums in 2025, want 20+", n)
	}
}

func TestReleases(t *testing.T) {
	e := ed(t, "zgc-2025")
	tests := []struct {
		org, kind, zh, en string
	}{
		{"casted", "report", "《国家创新指数报告》", "National Innovation Index Report"},
		{"nsfc", "list", "2024年度“中国科学十大进展”", "2024 Top 10 Advances in Chinese Science"},
	}
	for _, tc := range tests {
		var acts []program.ActivityRecord
		for _, a := range ofKind(e, program.KindRelease) {
			if hasHost(a, tc.org) {
				acts = append(acts, a)
			}
		}
		if len(acts) != 1 {
			t.Errorf("%s hosts %d release events, want 1", tc.org, len(acts))
			continue
		}
		if acts[0].Sample || acts[0].Livestream == nil {
			t.Errorf("%s release event: sample %v livestream %v", tc.org, acts[0].Sample, acts[0].Livestream)
		}
		found := false
		for _, r := range e.Releases {
			if r.Activity == acts[0].Slug && r.Publisher == tc.org && r.Kind == tc.kind && r.Title.ZH == tc.zh && r.Title.EN == tc.en && !r.Sample {
				found = true
			}
		}
		if !found {
			t.Errorf("release %q by %s at %s not found", tc.zh, tc.org, acts[0].Slug)
		}
	}
	embargoed := 0
	for _, r := range e.Releases {
		if r.EmbargoUntil != nil {
			embargoed++
			a := byTitleSlug(t, e, r.Activity)
			if r.EmbargoUntil.Location() != time.UTC || r.EmbargoUntil.Before(a.StartsAt) || r.EmbargoUntil.After(a.EndsAt) {
				t.Errorf("release %s: embargo %v outside its event %v–%v", r.Slug, r.EmbargoUntil, a.StartsAt, a.EndsAt)
			}
		}
		if r.Sample == (r.Publisher == "casted" || r.Publisher == "nsfc") {
			t.Errorf("release %s by %s: sample %v", r.Slug, r.Publisher, r.Sample)
		}
	}
	if embargoed == 0 {
		t.Error("no release has an embargo")
	}
}

func byTitleSlug(t *testing.T, e program.EditionRecord, slug string) program.ActivityRecord {
	t.Helper()
	for _, a := range e.Activities {
		if a.Slug == slug {
			return a
		}
	}
	t.Fatalf("%s: no activity %s", e.Event.Slug, slug)
	return program.ActivityRecord{}
}

func TestOrientationExamples(t *testing.T) {
	e := ed(t, "zgc-2025")
	people := peopleBySlug(data(t))
	tests := []struct {
		zh, en string
		orient program.Orientation
		theme  string
		turing int
	}{
		{"未来人工智能先锋论坛", "Future AI Pioneers Forum", program.OrientFrontier, "ai", 2},
		{"企业发现和发明论坛", "Enterprise Discovery and Invention Forum", program.OrientEconomy, "", 0},
		{"京津冀协同创新与高质量发展论坛", "Beijing–Tianjin–Hebei Coordinated Innovation and High-Quality Development Forum", program.OrientNationalNeeds, "", 0},
		{"科技助残论坛", "Technology for Persons with Disabilities Forum", program.OrientHealth, "", 0},
	}
	for _, tc := range tests {
		a := byTitle(t, e, tc.zh)
		if a.Title.EN != tc.en || a.Orientation != tc.orient || a.Kind != program.KindParallelForum || a.Sample {
			t.Errorf("%s: en %q orientation %q kind %s sample %v", tc.zh, a.Title.EN, a.Orientation, a.Kind, a.Sample)
		}
		if tc.theme != "" && !hasTheme(a, tc.theme) {
			t.Errorf("%s: themes %v, want %s", tc.zh, a.Themes, tc.theme)
		}
		turing := 0
		for _, s := range a.Speakers {
			for _, h := range people[s.Person].Honours {
				if h == program.HonourTuringAward {
					turing++
				}
			}
		}
		if turing < tc.turing {
			t.Errorf("%s: %d Turing Award laureates speak, want %d+", tc.zh, turing, tc.turing)
		}
	}
	oriented := 0
	forums := ofKind(e, program.KindParallelForum)
	for _, a := range forums {
		if a.Orientation != "" {
			oriented++
		}
	}
	if oriented*4 < len(forums)*3 {
		t.Errorf("only %d of %d forums have an orientation", oriented, len(forums))
	}
}

func TestAIThemeDay(t *testing.T) {
	e := ed(t, "zgc-2025")
	want := []program.ThemeDayRecord{{Date: "2025-03-28", Theme: "ai", Name: program.Text{ZH: "人工智能主题日", EN: "AI Theme Day"}}}
	if !reflect.DeepEqual(e.ThemeDays, want) {
		t.Fatalf("theme days = %+v", e.ThemeDays)
	}
	var day []string
	for _, a := range ofKind(e, program.KindParallelForum) {
		if hasTheme(a, "ai") && local(t, a.StartsAt).Format("2006-01-02") == "2025-03-28" {
			day = append(day, a.Title.ZH)
		}
	}
	if len(day) != 7 {
		t.Errorf("%d AI forums on 28 March, want 7 (2 core + 5 special): %q", len(day), day)
	}
	found := false
	for _, zh := range day {
		found = found || zh == "未来人工智能先锋论坛"
	}
	if !found {
		t.Errorf("Future AI Pioneers Forum is not on the AI theme day: %q", day)
	}
}

func TestPeople(t *testing.T) {
	ds := data(t)
	if n := len(ds.People); n < 300 || n > 400 {
		t.Errorf("%d people, want 300..400", n)
	}
	countries := map[string]bool{}
	honours := map[program.Honour]int{}
	foreign := 0
	cc := regexp.MustCompile(`^[A-Z]{2}$`)
	for _, p := range ds.People {
		if !p.Sample {
			t.Errorf("person %s is not marked Sample; all people are invented", p.Slug)
		}
		if !cc.MatchString(p.Country) {
			t.Errorf("person %s: country %q", p.Slug, p.Country)
		}
		countries[p.Country] = true
		if p.Country != "CN" {
			foreign++
		}
		for _, h := range p.Honours {
			honours[h]++
		}
		if p.Position.IsZero() || p.Affiliation.IsZero() {
			t.Errorf("person %s: position or affiliation missing", p.Slug)
		}
	}
	if len(countries) < 25 {
		t.Errorf("%d countries, want 25+", len(countries))
	}
	if share := float64(foreign) / float64(len(ds.People)); share < 0.25 || share > 0.45 {
		t.Errorf("foreign share %.2f, want about a third", share)
	}
	for h, min := range map[program.Honour]int{
		program.HonourTuringAward: 3, program.HonourFieldsMedal: 2, program.HonourNobelPrize: 2,
		program.HonourAcademicianCAS: 20, program.HonourAcademicianCAE: 20, program.HonourForeignAcademician: 5,
	} {
		if honours[h] < min {
			t.Errorf("%d people with honour %s, want %d+", honours[h], h, min)
		}
	}
}

func TestEveryoneSpeaks(t *testing.T) {
	spoke := map[string]bool{}
	for _, e := range data(t).Editions {
		for _, a := range e.Activities {
			for _, s := range a.Speakers {
				spoke[s.Person] = true
			}
		}
	}
	for _, p := range data(t).People {
		if !spoke[p.Slug] {
			t.Errorf("person %s never speaks", p.Slug)
		}
	}
}

func TestSampleFlags(t *testing.T) {
	real2025 := map[string]bool{
		"开幕式": true, "重点领域科技成果转化应用对接会": true, "《国家创新指数报告》发布会": true, "2024年度“中国科学十大进展”发布会": true,
		"未来人工智能先锋论坛": true, "企业发现和发明论坛": true, "京津冀协同创新与高质量发展论坛": true, "科技助残论坛": true,
	}
	for _, zh := range mostNew2025 {
		real2025[zh] = true
	}
	n := 0
	for _, a := range ed(t, "zgc-2025").Activities {
		if a.Sample == real2025[a.Title.ZH] {
			t.Errorf("2025 %s (%s): sample %v", a.Slug, a.Title.ZH, a.Sample)
		}
		if !a.Sample {
			n++
		}
	}
	if n != len(real2025) {
		t.Errorf("%d real 2025 activities, want %d", n, len(real2025))
	}
	for _, a := range ed(t, "zgc-2024").Activities {
		if !a.Sample {
			t.Errorf("2024 %s is invented but not marked Sample", a.Slug)
		}
	}
	for _, r := range ed(t, "zgc-2024").Releases {
		if !r.Sample {
			t.Errorf("2024 release %s is invented but not marked Sample", r.Slug)
		}
	}
}

func TestLivestreams(t *testing.T) {
	for _, e := range data(t).Editions {
		streamed, forums := 0, 0
		for _, a := range e.Activities {
			if a.Kind == program.KindParallelForum {
				forums++
			}
			ls := a.Livestream
			if ls == nil {
				if a.Kind == program.KindOpening || a.Kind == program.KindRelease {
					t.Errorf("%s/%s: %s without livestream", e.Event.Slug, a.Slug, a.Kind)
				}
				continue
			}
			if a.Kind == program.KindParallelForum {
				streamed++
			}
			if want := "https://live.example.org/" + e.Event.Slug + "/" + a.Slug; ls.URL != want {
				t.Errorf("%s: livestream %q, want %q", a.Slug, ls.URL, want)
			}
			if ls.StartsAt.After(a.StartsAt) || ls.StartsAt.Before(a.StartsAt.Add(-30*time.Minute)) || ls.StartsAt.Location() != time.UTC {
				t.Errorf("%s: livestream starts %v, activity %v", a.Slug, ls.StartsAt, a.StartsAt)
			}
		}
		if streamed*10 < forums*7 {
			t.Errorf("%s: %d of %d forums streamed, want most", e.Event.Slug, streamed, forums)
		}
	}
}

func TestContinuedSeries(t *testing.T) {
	e24 := ed(t, "zgc-2024")
	kind24 := map[string]program.ActivityKind{}
	for _, a := range e24.Activities {
		kind24[a.Series] = a.Kind
	}
	continued := 0
	for _, a := range ed(t, "zgc-2025").Activities {
		if k, ok := kind24[a.Series]; ok {
			continued++
			if k != a.Kind {
				t.Errorf("series %s: kind %s in 2024, %s in 2025", a.Series, k, a.Kind)
			}
		}
	}
	if continued < 60 {
		t.Errorf("only %d 2025 activities continue a 2024 series", continued)
	}
}

func TestHostRolesVaried(t *testing.T) {
	orgs := orgsBySlug(data(t))
	roles := map[program.HostRole]int{}
	intlHosted := 0
	for _, a := range ed(t, "zgc-2025").Activities {
		intl := false
		for _, h := range a.Hosts {
			roles[h.Role]++
			if orgs[h.Org].Kind == program.OrgInternational && (h.Role == program.RoleHost || h.Role == program.RoleCoOrganiser) {
				intl = true
			}
		}
		if intl {
			intlHosted++
		}
	}
	for _, r := range program.HostRoles {
		if roles[r] < 3 {
			t.Errorf("role %s used %d times in 2025", r, roles[r])
		}
	}
	if intlHosted < 5 {
		t.Errorf("international organisations host or co-host %d activities, want 5+", intlHosted)
	}
}
