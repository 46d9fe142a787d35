package web

import (
	"context"
	"testing"
	"time"

	"convene/internal/program"
)

// memStore serves hand-built editions, for tests that need content the
// sample data does not have (hostile titles, for one).
type memStore struct{ eds map[string]*program.Edition }

func (m memStore) ListEvents(context.Context) ([]program.Event, error) {
	var out []program.Event
	for _, ed := range m.eds {
		out = append(out, ed.Event)
	}
	return out, nil
}

func (m memStore) EventVersions(context.Context) (map[string]int64, error) {
	versions := map[string]int64{}
	for slug, ed := range m.eds {
		versions[slug] = ed.Event.Version
	}
	return versions, nil
}

// ProgramVersions: each edition is its first published version.
func (m memStore) ProgramVersions(_ context.Context, slug string) ([]program.Version, error) {
	ed, ok := m.eds[slug]
	if !ok {
		return nil, program.Errorf(program.CodeNotFound, "no edition %q", slug)
	}
	return []program.Version{{Number: ed.Event.Version, PublishedAt: ed.Event.UpdatedAt}}, nil
}

func (m memStore) LoadEdition(_ context.Context, slug string) (*program.Edition, error) {
	ed, ok := m.eds[slug]
	if !ok {
		return nil, program.Errorf(program.CodeNotFound, "no edition %q", slug)
	}
	return ed, nil
}

const hostile = `<script>alert("x")</script>`

// hostileEdition is a tiny edition whose texts try to break out of HTML.
func hostileEdition(t testing.TB) *program.Edition {
	t.Helper()
	loc, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		t.Fatal(err)
	}
	start := time.Date(2025, 3, 27, 9, 0, 0, 0, loc).UTC()
	return program.NewEdition(program.Parts{
		Event: program.Event{ID: "e1", Slug: "x-2025", Name: program.Text{ZH: "测试年会" + hostile, EN: "Test meeting" + hostile},
			StartDate: "2025-03-27", EndDate: "2025-03-28", TimeZone: "Asia/Shanghai", Version: 1},
		Sections: []program.Section{{ID: "s1", EventID: "e1", Slug: "forums", Name: program.Text{ZH: "论坛", EN: "Forums"}, Position: 1}},
		Organisations: []program.Organisation{
			{ID: "o1", Slug: "org-1", Name: program.Text{ZH: "机构" + hostile, EN: "Org" + hostile}, Kind: program.OrgMinistry, Country: "CN", Website: `javascript:alert(1)`},
		},
		People: []program.Person{
			{ID: "p1", Slug: "p-1", Name: program.Text{ZH: "张三" + hostile, EN: "Zhang San" + hostile}, Country: "CN", Honours: []program.Honour{program.HonourTuringAward}},
		},
		Venues: []program.Venue{{ID: "v1", Slug: "hall", Name: program.Text{ZH: "会展中心", EN: "Hall"}}},
		Rooms:  []program.Room{{ID: "r1", VenueID: "v1", Slug: "room-a", Name: program.Text{ZH: "A厅", EN: "Room A"}, Capacity: 100}},
		Themes: []program.Theme{{ID: "t1", Slug: "ai", Name: program.Text{ZH: "人工智能", EN: "AI"}}},
		Activities: []program.Activity{{
			ID: "a1", EventID: "e1", SectionID: "s1", Slug: "forum-1", Kind: program.KindParallelForum,
			Title:    program.Text{ZH: "论坛" + hostile, EN: "Forum" + hostile},
			Summary:  program.Text{ZH: "简介" + hostile, EN: "About" + hostile},
			ThemeIDs: []string{"t1"}, RoomID: "r1", StartsAt: start, EndsAt: start.Add(3 * time.Hour),
			Languages: []string{"zh", "en"}, Interpretation: true, Status: program.StatusPublished,
			Livestream: &program.Livestream{URL: `javascript:alert(1)`, StartsAt: start},
			Hosts:      []program.Host{{OrgID: "o1", Role: program.RoleHost}},
			Speakers:   []program.Appearance{{PersonID: "p1", Role: program.SpeakerKeynote}},
		}},
	})
}

func hostileCatalog(t testing.TB) *program.Catalog {
	ed := hostileEdition(t)
	now := func() time.Time { return time.Date(2025, 3, 27, 0, 0, 0, 0, time.UTC) }
	return program.NewCatalog(memStore{eds: map[string]*program.Edition{ed.Event.Slug: ed}}, now)
}
