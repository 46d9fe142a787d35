package schedule_test

import (
	"context"
	"strings"
	"testing"

	"convene/internal/demo"
	"convene/internal/program"
	"convene/internal/schedule"
	"convene/internal/sqlstore"
	"convene/internal/testkit"
	"convene/internal/timetable"
)

// sampleDB is the sample data with its theme-day members and the sample
// attendees' interests, as convene demo loads them.
func sampleDB(t *testing.T, engine string) *sqlstore.DB {
	t.Helper()
	ctx := context.Background()
	db := testkit.DemoDB(t, engine)
	for _, d := range demo.ThemeDays() {
		if err := db.SetThemeDay(ctx, d.Event, d.Day, d.Activities); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.DeclareInterests(ctx, demo.InterestEvent, demo.Interests(demo.Dataset())); err != nil {
		t.Fatal(err)
	}
	return db
}

// The comparison of docs/benchmarks.md at a small budget: scheduling the
// sample edition from an empty timetable keeps every hard rule, and both
// audience figures are computed; applied, the working copy is clean and
// the published edition unchanged.
func TestScheduleSampleFromEmpty(t *testing.T) {
	for _, engine := range testkit.Engines(t) {
		t.Run(engine, func(t *testing.T) {
			ctx := context.Background()
			db := sampleDB(t, engine)
			before, _ := db.LoadDraftEdition(ctx, "zgc-2025")
			dry, err := schedule.Run(ctx, db, "zgc-2025", schedule.Options{Seconds: 10, MaxIters: 100000, Seed: 1, FromEmpty: true, DryRun: true})
			if err != nil {
				t.Fatal(err)
			}
			if !dry.Feasible || len(dry.Hard) != 0 || dry.Applied || dry.Placed != 60 || dry.AudienceBefore == 0 || dry.AudienceAfter == 0 || len(dry.Moves) == 0 {
				t.Fatalf("dry run: %+v", dry)
			}
			t.Logf("zgc-2025 from empty: audience conflicts %d hand-made, %d scheduled (%d iterations)", dry.AudienceBefore, dry.AudienceAfter, dry.Iterations)
			if ed, _ := db.LoadDraftEdition(ctx, "zgc-2025"); ed.Event.Version != before.Event.Version {
				t.Fatal("a dry run wrote")
			}
			res, err := schedule.Run(ctx, db, "zgc-2025", schedule.Options{Seconds: 10, MaxIters: 100000, Seed: 1, FromEmpty: true})
			if err != nil || !res.Applied || res.Version != before.Event.Version+1 || res.AudienceAfter != dry.AudienceAfter {
				t.Fatalf("apply: %v %+v", err, res)
			}
			ed, err := db.LoadDraftEdition(ctx, "zgc-2025")
			if err != nil {
				t.Fatal(err)
			}
			interest, _ := db.AttendeeInterests(ctx, "zgc-2025")
			p, placements := timetable.FromDraft(ed, timetable.Draft{Interest: interest})
			if cs := timetable.Check(p, placements); len(cs) != 0 {
				t.Errorf("the applied working copy has conflicts: %+v", cs)
			}
			if n := timetable.AudienceConflicts(p, placements); n != res.AudienceAfter {
				t.Errorf("working copy has %d audience conflicts, the run said %d", n, res.AudienceAfter)
			}
			// the public still sees the hand-made timetable
			if pub, _ := db.LoadEdition(ctx, "zgc-2025"); len(timetable.CheckEdition(pub)) != 0 {
				t.Error("the published edition changed")
			}
			// nothing left to place: a second run without from-empty moves nothing
			again, err := schedule.Run(ctx, db, "zgc-2025", schedule.Options{Seconds: 1, MaxIters: 1000})
			if err != nil || !again.Feasible || again.Placed != 0 || len(again.Moves) != 0 || again.Applied {
				t.Errorf("second run: %v %+v", err, again)
			}
		})
	}
}

// A theme day with more forums than its rooms can hold is explained, and
// nothing is written.
func TestScheduleInfeasibleIsExplained(t *testing.T) {
	ctx := context.Background()
	db := sampleDB(t, "sqlite")
	ed, _ := db.LoadDraftEdition(ctx, "zgc-2025")
	var forums []string
	for _, a := range ed.Activities {
		if a.Kind == program.KindParallelForum {
			forums = append(forums, a.Slug)
		}
	}
	if err := db.SetThemeDay(ctx, "zgc-2025", "2025-03-28", forums); err != nil {
		t.Fatal(err)
	}
	res, err := schedule.Run(ctx, db, "zgc-2025", schedule.Options{Seconds: 2, FromEmpty: true})
	if err != nil {
		t.Fatal(err)
	}
	if res.Feasible || res.Applied || len(res.Infeasible) == 0 || len(res.Moves) != 0 {
		t.Fatalf("%+v", res)
	}
	if r := res.Infeasible[0]; !strings.Contains(r.EN, "on the theme day 2025-03-28") || !strings.Contains(r.ZH, "2025-03-28 主题日") {
		t.Errorf("reason %+v", r)
	}
	if after, _ := db.LoadDraftEdition(ctx, "zgc-2025"); after.Event.Version != ed.Event.Version {
		t.Error("an infeasible run wrote")
	}
	if _, err := schedule.Run(ctx, db, "zgc-2025", schedule.Options{Seconds: 61}); program.ErrorCode(err) != program.CodeInvalid {
		t.Errorf("61 seconds: %v", err)
	}
	if _, err := schedule.Run(ctx, db, "zgc-1999", schedule.Options{}); program.ErrorCode(err) != program.CodeNotFound {
		t.Errorf("unknown edition: %v", err)
	}
}
