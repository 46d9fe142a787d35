package api

import (
	"context"
	"time"

	"convene/internal/program"
)

// fixtureStore is a tiny in-memory program.Store for tests that need no
// database: two editions, the second comparing with the first.
type fixtureStore struct {
	editions map[string]*program.Edition
	events   []program.Event
}

func (s *fixtureStore) ListEvents(ctx context.Context) ([]program.Event, error) { return s.events, nil }

func (s *fixtureStore) EventVersions(ctx context.Context) (map[string]int64, error) {
	versions := map[string]int64{}
	for slug, ed := range s.editions {
		versions[slug] = ed.Event.Version
	}
	return versions, nil
}

func (s *fixtureStore) LoadEdition(ctx context.Context, slug string) (*program.Edition, error) {
	ed, ok := s.editions[slug]
	if !ok {
		return nil, program.Errorf(program.CodeNotFound, "no edition %q", slug)
	}
	return ed, nil
}

// ProgramVersions: each fixture edition is its first published version.
func (s *fixtureStore) ProgramVersions(ctx context.Context, slug string) ([]program.Version, error) {
	ed, err := s.LoadEdition(ctx, slug)
	if err != nil {
		return nil, err
	}
	return []program.Version{{Number: ed.Event.Version, PublishedAt: ed.Event.UpdatedAt}}, nil
}

var fixtureNow = time.Date(2025, 3, 27, 0, 0, 0, 0, time.UTC) // 08:00 in Beijing

func fixtureCatalog() (*program.Catalog, *fixtureStore) {
	orgs := []program.Organisation{
		{ID: "o1", Slug: "most", Name: program.Text{ZH: "科技部", EN: "Ministry of Science and Technology"}, Kind: program.OrgMinistry, Country: "CN"},
		{ID: "o2", Slug: "pku", Name: program.Text{ZH: "北京大学", EN: "Peking University"}, Kind: program.OrgUniversity, Country: "CN", Website: "https://www.pku.edu.cn"},
		{ID: "o3", Slug: "unesco", Name: program.Text{ZH: "联合国教科文组织", EN: "UNESCO"}, Kind: program.OrgInternational, Sample: true},
	}
	people := []program.Person{
		{ID: "p1", Slug: "ada", Name: program.Text{ZH: "艾达", EN: "Ada"}, Affiliation: program.Text{ZH: "北京大学", EN: "Peking University"}, Country: "GB", Honours: []program.Honour{program.HonourTuringAward}},
		{ID: "p2", Slug: "li-lei", Name: program.Text{ZH: "李雷", EN: "Li Lei"}, Country: "CN"},
	}
	venues := []program.Venue{{ID: "v1", Slug: "zgc-center", Name: program.Text{ZH: "中关村国际创新中心", EN: "ZGC International Innovation Center"}}}
	rooms := []program.Room{{ID: "r1", VenueID: "v1", Slug: "hall-a", Name: program.Text{ZH: "A厅", EN: "Hall A"}, Capacity: 300}}
	themes := []program.Theme{{ID: "t1", Slug: "quantum", Name: program.Text{ZH: "量子", EN: "Quantum"}}, {ID: "t2", Slug: "ai", Name: program.Text{ZH: "人工智能", EN: "AI"}}}
	shanghai := time.FixedZone("CST", 8*3600)
	at := func(day, hour int) time.Time { return time.Date(2025, 3, day, hour, 0, 0, 0, shanghai).UTC() }

	prev := program.NewEdition(program.Parts{
		Event:         program.Event{ID: "e1", Slug: "t-2024", Name: program.Text{ZH: "2024年会", EN: "2024 Meeting"}, StartDate: "2024-04-25", EndDate: "2024-04-29", TimeZone: "Asia/Shanghai", Version: 1},
		Sections:      []program.Section{{ID: "s0", EventID: "e1", Slug: "forums", Name: program.Text{ZH: "论坛", EN: "Forums"}, Position: 1}},
		Activities:    []program.Activity{{ID: "a0", EventID: "e1", SectionID: "s0", Slug: "ai-forum-2024", Kind: program.KindParallelForum, Title: program.Text{ZH: "人工智能论坛", EN: "AI Forum"}, Series: "ai", Status: program.StatusPublished, Hosts: []program.Host{{OrgID: "o2", Role: program.RoleHost}}}},
		Organisations: orgs, Themes: themes,
	})
	embargo := at(27, 15)
	cur := program.NewEdition(program.Parts{
		Event: program.Event{ID: "e2", Slug: "t-2025", Name: program.Text{ZH: "2025年会", EN: "2025 Meeting"}, Theme: program.Text{ZH: "创新", EN: "Innovation"}, City: program.Text{ZH: "北京", EN: "Beijing"},
			StartDate: "2025-03-27", EndDate: "2025-03-31", TimeZone: "Asia/Shanghai", PreviousSlug: "t-2024", Version: 7,
			UpdatedAt: time.Date(2025, 3, 20, 8, 30, 0, 0, time.UTC)},
		Sections:  []program.Section{{ID: "s1", EventID: "e2", Slug: "forums", Name: program.Text{ZH: "论坛", EN: "Forums"}, Position: 1}, {ID: "s2", EventID: "e2", Slug: "releases", Name: program.Text{ZH: "发布", EN: "Releases"}, Position: 2}},
		ThemeDays: []program.ThemeDay{{EventID: "e2", Date: "2025-03-28", ThemeID: "t1", Name: program.Text{ZH: "量子日", EN: "Quantum Day"}}},
		Activities: []program.Activity{
			{ID: "a1", EventID: "e2", SectionID: "s1", Slug: "ai-forum", Kind: program.KindParallelForum, Title: program.Text{ZH: "人工智能论坛", EN: "AI Forum"}, Series: "ai",
				Orientation: program.OrientEconomy, ThemeIDs: []string{"t2"}, RoomID: "r1", StartsAt: at(27, 9), EndsAt: at(27, 12), Languages: []string{"zh"}, Status: program.StatusPublished,
				Hosts: []program.Host{{OrgID: "o2", Role: program.RoleOrganiser}, {OrgID: "o2", Role: program.RoleHost}}, Speakers: []program.Appearance{{PersonID: "p2", Role: program.SpeakerModerator}}},
			{ID: "a2", EventID: "e2", SectionID: "s1", Slug: "quantum-forum", Kind: program.KindParallelForum, Title: program.Text{ZH: "量子科技创新发展论坛", EN: "Quantum Science and Technology Innovation Forum"},
				Summary: program.Text{ZH: "量子计算", EN: "Quantum computing"}, Series: "quantum", Orientation: program.OrientFrontier, ThemeIDs: []string{"t1"}, RoomID: "r1",
				StartsAt: at(28, 9), EndsAt: at(28, 12), Capacity: 120, Languages: []string{"zh", "en"}, Interpretation: true, Status: program.StatusPublished, Sample: true,
				Livestream: &program.Livestream{URL: "https://live.example/q", StartsAt: at(28, 9)},
				Hosts:      []program.Host{{OrgID: "o1", Role: program.RoleHost}, {OrgID: "o3", Role: program.RoleSupporter}},
				Speakers:   []program.Appearance{{PersonID: "p1", Role: program.SpeakerKeynote}}},
			{ID: "a3", EventID: "e2", SectionID: "s2", Slug: "release-event", Kind: program.KindRelease, Title: program.Text{ZH: "成果发布会", EN: "Release Event"},
				StartsAt: at(27, 14), EndsAt: at(27, 16), Status: program.StatusPublished, Hosts: []program.Host{{OrgID: "o1", Role: program.RoleHost}},
				Livestream: &program.Livestream{URL: "https://live.example/r", StartsAt: at(27, 14)}},
		},
		Releases: []program.Release{
			{ID: "rel1", EventID: "e2", ActivityID: "a3", Slug: "index-2025", Title: program.Text{ZH: "指数", EN: "Index"}, Kind: "index", PublisherID: "o1"},
			{ID: "rel2", EventID: "e2", ActivityID: "a3", Slug: "secret-report", Title: program.Text{ZH: "报告", EN: "Report"}, Kind: "report", PublisherID: "o1", EmbargoUntil: &embargo},
		},
		Organisations: orgs, People: people, Rooms: rooms, Venues: venues, Themes: themes,
	})
	st := &fixtureStore{
		editions: map[string]*program.Edition{"t-2024": prev, "t-2025": cur},
		events:   []program.Event{cur.Event, prev.Event},
	}
	return program.NewCatalog(st, func() time.Time { return fixtureNow }), st
}
