package sqlstore_test

import (
	"context"
	"reflect"
	"slices"
	"testing"
	"time"

	"convene/internal/program"
	"convene/internal/sqlstore"
	"convene/internal/testkit"
)

func TestMigrationsHaveTheSameVersionsOnBothEngines(t *testing.T) {
	versions := map[string][]int{}
	for _, engine := range []string{"sqlite", "postgres"} {
		ms, err := sqlstore.Migrations(engine)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range ms {
			versions[engine] = append(versions[engine], m.Version)
		}
	}
	if len(versions["sqlite"]) == 0 || !slices.Equal(versions["sqlite"], versions["postgres"]) {
		t.Fatalf("migration versions differ: sqlite %v, postgres %v", versions["sqlite"], versions["postgres"])
	}
}

var (
	shanghai, _ = time.LoadLocation("Asia/Shanghai")
	at          = func(day, hour, min int) time.Time { return time.Date(2025, 3, day, hour, min, 0, 0, shanghai) }
	embargo     = at(29, 10, 0).UTC()
)

// tinyDataset is a small but complete program: two editions, every kind of
// reference, a draft, an embargoed release and an unplaced activity.
func tinyDataset() *program.Dataset {
	return &program.Dataset{
		Organisations: []program.Organisation{
			{Slug: "most", Name: program.Text{ZH: "科学技术部", EN: "Ministry of Science and Technology"}, Kind: program.OrgMinistry, Country: "CN"},
			{Slug: "unesco", Name: program.Text{ZH: "联合国教科文组织", EN: "UNESCO"}, Kind: program.OrgInternational, Country: "FR", Website: "https://www.unesco.org"},
		},
		People: []program.Person{
			{Slug: "li-hua", Name: program.Text{ZH: "李华", EN: "Li Hua"}, Country: "CN", Honours: []program.Honour{program.HonourAcademicianCAS}, Sample: true},
			{Slug: "ann-smith", Name: program.Text{ZH: "安·史密斯", EN: "Ann Smith"}, Country: "GB", Honours: []program.Honour{program.HonourTuringAward, program.HonourForeignAcademician}, Sample: true},
		},
		Venues: []program.Venue{{Slug: "zgc-center", Name: program.Text{ZH: "中关村国际创新中心", EN: "Zhongguancun International Innovation Center"}}},
		Rooms: []program.RoomRecord{
			{Venue: "zgc-center", Room: program.Room{Slug: "hall-a", Name: program.Text{ZH: "A厅", EN: "Hall A"}, Capacity: 300}},
			{Venue: "zgc-center", Room: program.Room{Slug: "hall-b", Name: program.Text{ZH: "B厅", EN: "Hall B"}, Capacity: 120}},
		},
		Themes: []program.Theme{
			{Slug: "quantum", Name: program.Text{ZH: "量子", EN: "Quantum"}},
			{Slug: "ai", Name: program.Text{ZH: "人工智能", EN: "Artificial Intelligence"}},
		},
		Editions: []program.EditionRecord{
			{
				Event:    program.Event{Slug: "zgc-2024", Name: program.Text{ZH: "2024年会", EN: "2024 Meeting"}, StartDate: "2024-04-25", EndDate: "2024-04-29", TimeZone: "Asia/Shanghai"},
				Sections: []program.Section{{Slug: "forums", Name: program.Text{ZH: "论坛会议", EN: "Forums"}}},
				Activities: []program.ActivityRecord{{
					Activity: program.Activity{Slug: "ai-forum", Kind: program.KindParallelForum, Title: program.Text{ZH: "人工智能论坛", EN: "AI Forum"},
						Series: "ai-forum", StartsAt: time.Date(2024, 4, 26, 1, 0, 0, 0, time.UTC), EndsAt: time.Date(2024, 4, 26, 4, 0, 0, 0, time.UTC), Status: program.StatusPublished},
					Section: "forums", Room: "hall-a", Themes: []string{"ai"}, Hosts: []program.HostRecord{{Org: "most", Role: program.RoleHost}},
				}},
			},
			{
				Event: program.Event{Slug: "zgc-2025", Name: program.Text{ZH: "2025年会", EN: "2025 Meeting"}, Theme: program.Text{ZH: "主题", EN: "Theme"},
					City: program.Text{ZH: "北京", EN: "Beijing"}, StartDate: "2025-03-27", EndDate: "2025-03-31", TimeZone: "Asia/Shanghai", PreviousSlug: "zgc-2024"},
				Sections: []program.Section{
					{Slug: "forums", Name: program.Text{ZH: "论坛会议", EN: "Forums"}, Position: 1},
					{Slug: "releases", Name: program.Text{ZH: "成果发布", EN: "Releases"}, Position: 2},
				},
				ThemeDays: []program.ThemeDayRecord{{Date: "2025-03-28", Theme: "ai", Name: program.Text{ZH: "人工智能主题日", EN: "AI Theme Day"}}},
				Activities: []program.ActivityRecord{
					{
						Activity: program.Activity{Slug: "quantum-forum", Kind: program.KindParallelForum, Title: program.Text{ZH: "量子科技创新发展论坛", EN: "Quantum Science and Technology Innovation and Development Forum"},
							Summary: program.Text{ZH: "量子计算与量子通信", EN: "Quantum computing"}, Series: "quantum-forum", Orientation: program.OrientFrontier,
							StartsAt: at(28, 9, 0).UTC(), EndsAt: at(28, 12, 0).UTC(), Capacity: 200, Languages: []string{"zh", "en"}, Interpretation: true,
							Livestream: &program.Livestream{URL: "https://live.example.org/q", StartsAt: at(28, 8, 55).UTC()}, Status: program.StatusPublished},
						Section: "forums", Room: "hall-a", Themes: []string{"quantum", "ai"},
						Hosts:    []program.HostRecord{{Org: "most", Role: program.RoleHost}, {Org: "unesco", Role: program.RoleCoOrganiser}},
						Speakers: []program.AppearanceRecord{{Person: "ann-smith", Role: program.SpeakerKeynote}, {Person: "li-hua", Role: program.SpeakerModerator}},
					},
					{
						Activity: program.Activity{Slug: "ai-forum", Kind: program.KindParallelForum, Title: program.Text{ZH: "人工智能论坛", EN: "AI Forum"}, Series: "ai-forum",
							StartsAt: at(28, 14, 0).UTC(), EndsAt: at(28, 17, 0).UTC(), Status: program.StatusPublished},
						Section: "forums", Room: "hall-b", Themes: []string{"ai"}, Hosts: []program.HostRecord{{Org: "most", Role: program.RoleHost}},
						Speakers: []program.AppearanceRecord{{Person: "li-hua", Role: program.SpeakerSpeaker}},
					},
					{
						Activity: program.Activity{Slug: "index-release", Kind: program.KindRelease, Title: program.Text{ZH: "发布会", EN: "Release"},
							StartsAt: at(29, 10, 0).UTC(), EndsAt: at(29, 11, 0).UTC(), Status: program.StatusPublished},
						Section: "releases", Room: "hall-b", Hosts: []program.HostRecord{{Org: "most", Role: program.RoleHost}},
					},
					{
						Activity: program.Activity{Slug: "secret-draft", Kind: program.KindSupporting, Title: program.Text{ZH: "草稿", EN: "Draft"}, Status: program.StatusDraft},
						Section:  "forums",
					},
				},
				Releases: []program.ReleaseRecord{{
					Release:  program.Release{Slug: "innovation-index", Title: program.Text{ZH: "国家创新指数报告", EN: "National Innovation Index Report"}, Kind: "report", EmbargoUntil: &embargo},
					Activity: "index-release", Publisher: "most",
				}},
			},
		},
	}
}

// forEngine runs a subtest on every engine with a fresh migrated database.
func forEngine(t *testing.T, fn func(t *testing.T, db *sqlstore.DB)) {
	for _, engine := range testkit.Engines(t) {
		t.Run(engine, func(t *testing.T) { fn(t, testkit.OpenDB(t, engine)) })
	}
}

func TestMigrateIsIdempotent(t *testing.T) {
	forEngine(t, func(t *testing.T, db *sqlstore.DB) {
		applied, err := db.Migrate(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if len(applied) != 0 {
			t.Fatalf("second migrate applied %v, want nothing", applied)
		}
	})
}

func TestImportAndLoadEdition(t *testing.T) {
	forEngine(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		res, err := db.ImportDataset(ctx, tinyDataset())
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(res.Created, []string{"zgc-2024", "zgc-2025"}) || len(res.Skipped) != 0 {
			t.Fatalf("import result %+v", res)
		}
		ed, err := db.LoadEdition(ctx, "zgc-2025")
		if err != nil {
			t.Fatal(err)
		}
		if ed.Event.Name.EN != "2025 Meeting" || ed.Event.PreviousSlug != "zgc-2024" || ed.Event.Version != 1 || ed.Event.ID == "" {
			t.Fatalf("event %+v", ed.Event)
		}
		if len(ed.Activities) != 3 {
			t.Fatalf("%d public activities, want 3 (the draft is not public)", len(ed.Activities))
		}
		if _, ok := ed.Activity("secret-draft"); ok {
			t.Fatal("a draft activity is in the public snapshot")
		}
		q, ok := ed.Activity("quantum-forum")
		if !ok {
			t.Fatal("quantum-forum missing")
		}
		if !q.StartsAt.Equal(at(28, 9, 0)) || !q.EndsAt.Equal(at(28, 12, 0)) || q.StartsAt.Location() != time.UTC {
			t.Errorf("times %v – %v, want 09:00–12:00 Beijing in UTC", q.StartsAt, q.EndsAt)
		}
		if q.Livestream == nil || q.Livestream.URL != "https://live.example.org/q" || !q.Livestream.StartsAt.Equal(at(28, 8, 55)) {
			t.Errorf("livestream %+v", q.Livestream)
		}
		if !slices.Equal(q.Languages, []string{"zh", "en"}) || !q.Interpretation || q.Capacity != 200 || q.Orientation != program.OrientFrontier {
			t.Errorf("activity fields %+v", q)
		}
		var themes []string
		for _, id := range q.ThemeIDs {
			themes = append(themes, ed.ThemeByID(id).Slug)
		}
		if !slices.Equal(themes, []string{"quantum", "ai"}) {
			t.Errorf("themes %v, want quantum, ai in order", themes)
		}
		if len(q.Hosts) != 2 || ed.OrgByID(q.Hosts[0].OrgID).Slug != "most" || q.Hosts[1].Role != program.RoleCoOrganiser {
			t.Errorf("hosts %+v", q.Hosts)
		}
		ann, ok := ed.Person("ann-smith")
		if !ok || !slices.Equal(ann.Honours, []program.Honour{program.HonourTuringAward, program.HonourForeignAcademician}) || ann.Country != "GB" {
			t.Errorf("person %+v", ann)
		}
		if len(q.Speakers) != 2 || q.Speakers[0].PersonID != ann.ID || q.Speakers[0].Role != program.SpeakerKeynote {
			t.Errorf("speakers %+v", q.Speakers)
		}
		if r := ed.RoomByID(q.RoomID); r == nil || r.Slug != "hall-a" || r.Capacity != 300 || ed.VenueByID(r.VenueID) == nil {
			t.Errorf("room %+v", r)
		}
		if len(ed.Releases) != 1 || ed.Releases[0].EmbargoUntil == nil || !ed.Releases[0].EmbargoUntil.Equal(embargo) {
			t.Fatalf("releases %+v", ed.Releases)
		}
		if len(ed.PublicReleases(embargo.Add(-time.Second))) != 0 || len(ed.PublicReleases(embargo)) != 1 {
			t.Error("embargo not respected")
		}
		if len(ed.ThemeDays) != 1 || ed.ThemeDays[0].Date != "2025-03-28" {
			t.Errorf("theme days %+v", ed.ThemeDays)
		}
		if got := len(ed.Organisations()); got != 2 {
			t.Errorf("%d organisations, want 2", got)
		}
	})
}

func TestImportTwiceChangesNothing(t *testing.T) {
	forEngine(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		if _, err := db.ImportDataset(ctx, tinyDataset()); err != nil {
			t.Fatal(err)
		}
		before, err := db.LoadEdition(ctx, "zgc-2025")
		if err != nil {
			t.Fatal(err)
		}
		res, err := db.ImportDataset(ctx, tinyDataset())
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Created) != 0 || len(res.Skipped) != 2 {
			t.Fatalf("second import %+v, want both editions skipped", res)
		}
		after, err := db.LoadEdition(ctx, "zgc-2025")
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(before.Activities, after.Activities) || !reflect.DeepEqual(before.People(), after.People()) || before.Event != after.Event {
			t.Fatal("a second import changed the edition")
		}
	})
}

func TestImportIsAllOrNothing(t *testing.T) {
	forEngine(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		ds := tinyDataset()
		bad := &ds.Editions[1].Activities[1]
		bad.Speakers = append(bad.Speakers, program.AppearanceRecord{Person: "nobody", Role: program.SpeakerSpeaker})
		_, err := db.ImportDataset(ctx, ds)
		if err == nil || program.ErrorCode(err) != program.CodeInvalid {
			t.Fatalf("import with a dangling speaker: err %v, want an invalid-input error", err)
		}
		events, err := db.ListEvents(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(events) != 0 {
			t.Fatalf("a failed import left %d editions behind", len(events))
		}
	})
}

func TestUnknownEdition(t *testing.T) {
	forEngine(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		if _, err := db.LoadEdition(ctx, "nope"); program.ErrorCode(err) != program.CodeNotFound {
			t.Errorf("LoadEdition: %v, want not found", err)
		}
		if versions, err := db.EventVersions(ctx); err != nil || len(versions) != 0 {
			t.Errorf("EventVersions of an empty database: %v, %v", versions, err)
		}
	})
}

func TestListEventsNewestFirst(t *testing.T) {
	forEngine(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		if _, err := db.ImportDataset(ctx, tinyDataset()); err != nil {
			t.Fatal(err)
		}
		events, err := db.ListEvents(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(events) != 2 || events[0].Slug != "zgc-2025" || events[1].Slug != "zgc-2024" {
			t.Fatalf("events %+v", events)
		}
	})
}

func TestStatsFromStore(t *testing.T) {
	forEngine(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		if _, err := db.ImportDataset(ctx, tinyDataset()); err != nil {
			t.Fatal(err)
		}
		cat := program.NewCatalog(db, func() time.Time { return embargo })
		s, prev, err := cat.Stats(ctx, "zgc-2025")
		if err != nil {
			t.Fatal(err)
		}
		if prev == nil || prev.Event != "zgc-2024" || prev.ParallelForums != 1 {
			t.Fatalf("previous stats %+v", prev)
		}
		most, ok := s.Host("most")
		if s.ParallelForums != 2 || s.NewParallelForums != 1 || !ok || most.ParallelForums != 2 || most.NewParallelForums != 1 || most.Releases != 1 {
			t.Fatalf("stats %+v, most %+v", s, most)
		}
		if s.Countries != 3 || s.InternationalOrganizations != 1 || s.Honours["turing-award"] != 1 || s.Releases != 1 {
			t.Fatalf("stats %+v", s)
		}
	})
}

// TestNodesStartingTogetherMigrateOnce opens two stores on one database and
// migrates them at the same moment, as two nodes starting together would:
// both succeed and the schema is applied exactly once.
func TestNodesStartingTogetherMigrateOnce(t *testing.T) {
	for _, engine := range testkit.Engines(t) {
		t.Run(engine, func(t *testing.T) {
			ctx := context.Background()
			cfg := sqlstore.Config{DataDir: t.TempDir()}
			if engine == "postgres" {
				cfg = sqlstore.Config{DatabaseURL: testkit.CreatePostgresDB(t)}
			}
			var nodes [2]*sqlstore.DB
			for i := range nodes {
				db, err := sqlstore.Open(ctx, cfg)
				if err != nil {
					t.Fatal(err)
				}
				t.Cleanup(func() { db.Close() })
				nodes[i] = db
			}
			applied := make(chan []int, len(nodes))
			errs := make(chan error, len(nodes))
			for _, db := range nodes {
				go func() {
					v, err := db.Migrate(ctx)
					applied <- v
					errs <- err
				}()
			}
			total := 0
			for range nodes {
				if err := <-errs; err != nil {
					t.Fatalf("migrate: %v", err)
				}
				total += len(<-applied)
			}
			ms, _ := sqlstore.Migrations(engine)
			if total != len(ms) {
				t.Fatalf("the two nodes applied %d migrations together, want %d", total, len(ms))
			}
		})
	}
}

// An import records when the program changed (Last-Modified of the feeds),
// from the store's clock, in whole seconds, and loading gives it back.
func TestImportSetsUpdatedAt(t *testing.T) {
	when := time.Date(2025, 3, 20, 8, 30, 15, 987654321, time.UTC)
	for _, engine := range testkit.Engines(t) {
		t.Run(engine, func(t *testing.T) {
			ctx := context.Background()
			cfg := sqlstore.Config{DataDir: t.TempDir(), Now: func() time.Time { return when }}
			if engine == "postgres" {
				cfg = sqlstore.Config{DatabaseURL: testkit.CreatePostgresDB(t), Now: cfg.Now}
			}
			db, err := sqlstore.Open(ctx, cfg)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			if _, err := db.Migrate(ctx); err != nil {
				t.Fatal(err)
			}
			if _, err := db.ImportDataset(ctx, tinyDataset()); err != nil {
				t.Fatal(err)
			}
			ed, err := db.LoadEdition(ctx, "zgc-2025")
			if err != nil {
				t.Fatal(err)
			}
			want := when.Truncate(time.Second)
			if !ed.Event.UpdatedAt.Equal(want) || ed.Event.UpdatedAt.Location() != time.UTC {
				t.Errorf("updated_at = %v, want %v in UTC", ed.Event.UpdatedAt, want)
			}
			evs, err := db.ListEvents(ctx)
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range evs {
				if !e.UpdatedAt.Equal(want) {
					t.Errorf("%s: updated_at = %v in the list, want %v", e.Slug, e.UpdatedAt, want)
				}
			}
		})
	}
}
