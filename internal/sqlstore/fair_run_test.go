package sqlstore_test

import (
	"context"
	"testing"

	"convene/internal/audit"
	"convene/internal/fair"
	"convene/internal/meetings"
	"convene/internal/program"
	"convene/internal/sqlstore"
)

// TestFairScheduleRun: the fair's service schedules in one run with
// progress and stores the result at the version it started from; a fair
// that moves while the solver runs gets nothing stored.
func TestFairScheduleRun(t *testing.T) {
	forEngine(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := audit.WithActor(context.Background(), "account:admin@example.org")
		ds := smallFair(t, db)
		act := ds.Fair.ActivityID
		svc := fair.NewService(db)
		imported, err := db.FairDataset(ctx, act)
		if err != nil {
			t.Fatal(err)
		}
		v := imported.Fair.Version
		for _, pair := range [][2]string{{"p1", "p2"}, {"p1", "p3"}} {
			if v, err = db.AddMeeting(ctx, v, &fair.Meeting{ActivityID: act, From: pair[0], To: pair[1]}); err != nil {
				t.Fatal(err)
			}
		}

		// the organiser adds a meeting while the solver runs: the run's schedule is refused
		moved := false
		run, err := svc.Schedule(ctx, act, v, func(meetings.Progress) {
			if !moved {
				moved = true
				if _, err := db.AddMeeting(ctx, v, &fair.Meeting{ActivityID: act, From: "p2", To: "p3"}); err != nil {
					t.Errorf("add a meeting during the run: %v", err)
				}
			}
		})
		if e := program.SafeError(err); e == nil || e.Code != program.CodeConflict || e.Field != "version" || run == nil || run.Result == nil || run.Version != 0 {
			t.Fatalf("a run over a fair that moved: %+v %v, want a stale-version conflict and the solver's result", run, err)
		}
		after, err := db.FairDataset(ctx, act)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range after.Meetings {
			if m.Slot != 0 || m.Table != 0 {
				t.Errorf("meeting %s stored at %d/%d from a stale run", m.ID, m.Slot, m.Table)
			}
		}
		if after.Fair.ScheduledAt != nil || after.Fair.Version != v+1 {
			t.Fatalf("the stale run moved the fair: %+v", after.Fair)
		}

		// run again from the new version: stored, with progress reported
		var last meetings.Progress
		run, err = svc.Schedule(ctx, act, after.Fair.Version, func(p meetings.Progress) { last = p })
		if err != nil {
			t.Fatal(err)
		}
		if run.Version != after.Fair.Version+1 || !run.Result.Complete || len(run.Unscheduled) != 0 || last.Best != run.Result.Breaks {
			t.Errorf("run %+v, last progress %+v", run, last)
		}
		stored, _ := db.FairDataset(ctx, act)
		for _, m := range stored.Meetings {
			if m.Slot == 0 {
				t.Errorf("meeting %s without a slot after the run", m.ID)
			}
		}
		if _, err := svc.Schedule(ctx, act, after.Fair.Version, nil); program.ErrorCode(err) != program.CodeConflict {
			t.Errorf("a run from a stale version: %v", err)
		}
	})
}
