package program

import (
	"slices"
	"strings"
	"testing"
	"time"
)

var cst = time.FixedZone("CST", 8*3600)

func at(day, hour int) time.Time { return time.Date(2025, 3, day, hour, 0, 0, 0, cst).UTC() }

// fixture builds a small edition with ids equal to slugs, and its previous edition.
func fixture() (*Edition, *Edition) {
	orgs := []Organisation{
		{ID: "most", Slug: "most", Name: Text{ZH: "科学技术部", EN: "Ministry of Science and Technology"}, Kind: OrgMinistry, Country: "CN"},
		{ID: "nsfc", Slug: "nsfc", Name: Text{ZH: "国家自然科学基金委员会", EN: "NSFC"}, Kind: OrgAgency, Country: "CN"},
		{ID: "tsinghua", Slug: "tsinghua", Name: Text{ZH: "清华大学", EN: "Tsinghua University"}, Kind: OrgUniversity, Country: "CN"},
		{ID: "unesco", Slug: "unesco", Name: Text{ZH: "联合国教科文组织", EN: "UNESCO"}, Kind: OrgInternational, Country: "FR"},
	}
	people := []Person{
		{ID: "p1", Slug: "ann", Name: Text{ZH: "安", EN: "Ann Lee"}, Country: "US", Honours: []Honour{HonourTuringAward}},
		{ID: "p2", Slug: "wang", Name: Text{ZH: "王芳", EN: "Wang Fang"}, Country: "CN", Honours: []Honour{HonourAcademicianCAS}, Affiliation: Text{ZH: "中国科学院量子信息重点实验室", EN: "CAS Key Lab of Quantum Information"}},
	}
	themes := []Theme{{ID: "ai", Slug: "ai", Name: Text{ZH: "人工智能", EN: "AI"}}, {ID: "quantum", Slug: "quantum", Name: Text{ZH: "量子", EN: "Quantum"}}}
	rooms := []Room{{ID: "hall-a", Slug: "hall-a", Capacity: 300}, {ID: "hall-b", Slug: "hall-b", Capacity: 100}}
	sections := []Section{{ID: "forums", Slug: "forums", Position: 1}, {ID: "releases", Slug: "releases", Position: 2}}
	embargo := at(29, 10)
	cur := NewEdition(Parts{
		Event:    Event{ID: "e25", Slug: "zgc-2025", StartDate: "2025-03-27", EndDate: "2025-03-31", TimeZone: "Asia/Shanghai", PreviousSlug: "zgc-2024", Version: 3},
		Sections: sections, Organisations: orgs, People: people, Themes: themes, Rooms: rooms,
		Activities: []Activity{
			{ID: "q", Slug: "quantum-forum", SectionID: "forums", Kind: KindParallelForum, Series: "quantum", Title: Text{ZH: "量子科技创新发展论坛", EN: "Quantum Science and Technology Innovation and Development Forum"},
				ThemeIDs: []string{"quantum"}, Orientation: OrientFrontier, RoomID: "hall-a", StartsAt: at(28, 9), EndsAt: at(28, 12), Status: StatusPublished,
				Hosts: []Host{{OrgID: "most", Role: RoleHost}, {OrgID: "unesco", Role: RoleSupporter}}, Speakers: []Appearance{{PersonID: "p1", Role: SpeakerKeynote}}},
			{ID: "ai", Slug: "ai-forum", SectionID: "forums", Kind: KindParallelForum, Series: "ai", Title: Text{ZH: "未来人工智能先锋论坛", EN: "Future AI Pioneers Forum"},
				ThemeIDs: []string{"ai"}, Orientation: OrientFrontier, RoomID: "hall-b", StartsAt: at(28, 9), EndsAt: at(28, 12), Status: StatusPublished,
				Hosts: []Host{{OrgID: "most", Role: RoleHost}, {OrgID: "tsinghua", Role: RoleHost}}, Speakers: []Appearance{{PersonID: "p2", Role: SpeakerSpeaker}},
				Livestream: &Livestream{URL: "https://live.example.org/ai", StartsAt: at(28, 9)}},
			{ID: "c", Slug: "cancelled-forum", SectionID: "forums", Kind: KindParallelForum, Series: "gone", Title: Text{ZH: "取消的论坛", EN: "Cancelled"},
				RoomID: "hall-a", StartsAt: at(29, 14), EndsAt: at(29, 17), Status: StatusCancelled, Hosts: []Host{{OrgID: "tsinghua", Role: RoleHost}}},
			{ID: "r", Slug: "top10", SectionID: "releases", Kind: KindRelease, Title: Text{ZH: "中国科学十大进展发布", EN: "Top 10 Advances"},
				RoomID: "hall-a", StartsAt: at(29, 10), EndsAt: at(29, 11), Status: StatusPublished, Hosts: []Host{{OrgID: "nsfc", Role: RoleHost}},
				Livestream: &Livestream{URL: "https://live.example.org/top10", StartsAt: at(29, 9)}},
		},
		Releases: []Release{{ID: "rel", ActivityID: "r", Slug: "top10-2024", Title: Text{ZH: "2024年度中国科学十大进展", EN: "Top 10"}, PublisherID: "nsfc", EmbargoUntil: &embargo}},
	})
	prev := NewEdition(Parts{
		Event:    Event{ID: "e24", Slug: "zgc-2024", StartDate: "2024-04-25", EndDate: "2024-04-29", TimeZone: "Asia/Shanghai"},
		Sections: sections, Organisations: orgs, Rooms: rooms,
		Activities: []Activity{{ID: "old", Slug: "ai-forum", SectionID: "forums", Kind: KindParallelForum, Series: "ai", RoomID: "hall-a",
			StartsAt: time.Date(2024, 4, 26, 1, 0, 0, 0, time.UTC), EndsAt: time.Date(2024, 4, 26, 4, 0, 0, 0, time.UTC), Status: StatusPublished,
			Hosts: []Host{{OrgID: "most", Role: RoleHost}}}},
	})
	return cur, prev
}

func slugs(as []*Activity) []string {
	var out []string
	for _, a := range as {
		out = append(out, a.Slug)
	}
	return out
}

func TestTextFallsBackToTheOtherLanguage(t *testing.T) {
	if got := (Text{ZH: "论坛"}).In(LangEN); got != "论坛" {
		t.Errorf("en of zh-only text = %q", got)
	}
	if got := (Text{EN: "Forum"}).In(LangZH); got != "Forum" {
		t.Errorf("zh of en-only text = %q", got)
	}
	if got := (Text{ZH: "论坛", EN: "Forum"}).In(LangEN); got != "Forum" {
		t.Errorf("en = %q", got)
	}
}

func TestParseFilter(t *testing.T) {
	ed, _ := fixture()
	tests := []struct {
		query     map[string]string
		wantField string // "" when valid
		want      []string
	}{
		{map[string]string{}, "", []string{"quantum-forum", "ai-forum", "top10", "cancelled-forum"}}, // by start, then room
		{map[string]string{"theme": "quantum"}, "", []string{"quantum-forum"}},
		{map[string]string{"host": "most", "room": "hall-b"}, "", []string{"ai-forum"}},
		{map[string]string{"day": "2025-03-29", "kind": "release"}, "", []string{"top10"}},
		{map[string]string{"section": "releases"}, "", []string{"top10"}},
		{map[string]string{"orientation": "frontier"}, "", []string{"quantum-forum", "ai-forum"}},
		{map[string]string{"theme": "ocean"}, "theme", nil},
		{map[string]string{"kind": "party"}, "kind", nil},
		{map[string]string{"day": "2025-04-01"}, "day", nil},
		{map[string]string{"orientation": "Frontier"}, "orientation", nil},
		{map[string]string{"host": "\xff"}, "host", nil},
		{map[string]string{"room": strings.Repeat("a", 500)}, "room", nil},
	}
	for _, tt := range tests {
		f, err := ed.ParseFilter(func(k string) string { return tt.query[k] })
		if tt.wantField != "" {
			e := SafeError(err)
			if e == nil || e.Code != CodeInvalid || e.Field != tt.wantField {
				t.Errorf("%v: err %v, want invalid %s", tt.query, err, tt.wantField)
			}
			continue
		}
		if err != nil {
			t.Errorf("%v: %v", tt.query, err)
			continue
		}
		if got := slugs(ed.Filter(f)); !slices.Equal(got, tt.want) {
			t.Errorf("%v: got %v, want %v", tt.query, got, tt.want)
		}
	}
}

func TestAgendaGroupsByDayAndStart(t *testing.T) {
	ed, _ := fixture()
	days := ed.Agenda(Filter{})
	if len(days) != 2 || days[0].Date != "2025-03-28" || days[1].Date != "2025-03-29" {
		t.Fatalf("days %+v", days)
	}
	if len(days[0].Slots) != 1 || len(days[0].Slots[0].Activities) != 2 {
		t.Fatalf("28 March should have one slot with two forums side by side: %+v", days[0].Slots)
	}
	if len(days[1].Slots) != 2 {
		t.Fatalf("29 March should have two slots: %+v", days[1].Slots)
	}
	if got := ed.Days(); len(got) != 5 || got[0] != "2025-03-27" || got[4] != "2025-03-31" {
		t.Errorf("days of the edition %v", got)
	}
}

func TestSearchChineseAndEnglish(t *testing.T) {
	ed, _ := fixture()
	tests := []struct{ q, want string }{
		{"量子", "quantum-forum"},
		{"quantum", "quantum-forum"},
		{"QUANTUM forum", "quantum-forum"},
		{"ｑｕａｎｔｕｍ", "quantum-forum"}, // full-width letters
		{"人工智能", "ai-forum"},
		{"先锋", "ai-forum"},
	}
	for _, tt := range tests {
		hits, err := ed.Search(tt.q)
		if err != nil {
			t.Fatalf("%q: %v", tt.q, err)
		}
		if len(hits) == 0 || hits[0].Kind != HitActivity || hits[0].Activity.Slug != tt.want {
			t.Errorf("%q: first hit %+v, want activity %s", tt.q, hits, tt.want)
		}
	}
	// A person found by affiliation ranks after the activity found by title.
	hits, _ := ed.Search("量子")
	if len(hits) != 2 || hits[1].Kind != HitPerson || hits[1].Person.Slug != "wang" {
		t.Errorf("量子: hits %+v, want the forum then the person", hits)
	}
	if hits, _ := ed.Search("量子 nothing-like-this"); len(hits) != 0 {
		t.Errorf("all terms must match: %+v", hits)
	}
	if _, err := ed.Search("\xff\xfe"); ErrorCode(err) != CodeInvalid {
		t.Errorf("malformed UTF-8: %v", err)
	}
	if _, err := ed.Search(strings.Repeat("量", 100)); ErrorCode(err) != CodeInvalid {
		t.Errorf("over-long query: %v", err)
	}
}

func TestStats(t *testing.T) {
	cur, prev := fixture()
	s := ComputeStats(cur, prev, at(29, 10))
	if s.Activities != 3 || s.ParallelForums != 2 || s.ByKind["release"] != 1 || s.ByKind["parallel-forum"] != 2 {
		t.Errorf("counts %+v (the cancelled forum must not count)", s)
	}
	if s.NewParallelForums != 1 {
		t.Errorf("new forums %d, want 1 (ai ran in 2024, quantum did not)", s.NewParallelForums)
	}
	most, _ := s.Host("most")
	if most.ParallelForums != 2 || most.NewParallelForums != 1 || len(most.NewForums) != 1 || most.NewForums[0].Slug != "quantum-forum" {
		t.Errorf("most %+v", most)
	}
	if nsfc, _ := s.Host("nsfc"); nsfc.Releases != 1 {
		t.Errorf("nsfc %+v", nsfc)
	}
	if _, ok := s.Host("unesco"); ok {
		t.Error("a supporter is not a host")
	}
	if s.ByHostKind["ministry"] != 2 || s.ByHostKind["university"] != 1 || s.GovernmentParallelForums != 2 {
		t.Errorf("by host kind %v, government %d", s.ByHostKind, s.GovernmentParallelForums)
	}
	if s.ByOrientation["frontier"] != 2 || s.ByTheme["quantum"] != 1 || s.ByTheme["ai"] != 1 {
		t.Errorf("orientation %v theme %v", s.ByOrientation, s.ByTheme)
	}
	if s.Countries != 3 || !slices.Equal(s.CountryList, []string{"CN", "FR", "US"}) || s.InternationalOrganizations != 1 {
		t.Errorf("countries %v, intl %d", s.CountryList, s.InternationalOrganizations)
	}
	if s.Speakers != 2 || s.ForeignSpeakers != 1 || s.Honours["turing-award"] != 1 || s.Livestreams != 2 {
		t.Errorf("speakers %+v", s)
	}
	if s.Releases != 1 || ComputeStats(cur, prev, at(29, 9)).Releases != 0 {
		t.Error("an embargoed release counts only once the embargo lifts")
	}
	if ComputeStats(cur, nil, at(29, 10)).NewParallelForums != 0 {
		t.Error("without a previous edition nothing is new")
	}
}

func TestLivestreamsOrderedByStart(t *testing.T) {
	ed, _ := fixture()
	if got := slugs(ed.Livestreams()); !slices.Equal(got, []string{"ai-forum", "top10"}) {
		t.Errorf("livestreams %v", got)
	}
}
