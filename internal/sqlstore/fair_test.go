package sqlstore_test

import (
	"context"
	"strings"
	"sync"
	"testing"

	"convene/internal/audit"
	"convene/internal/demo"
	"convene/internal/fair"
	"convene/internal/program"
	"convene/internal/sqlstore"
	"convene/internal/testkit"
)

func TestFairMigrationsDifferOnlyInTimestamps(t *testing.T) {
	find := func(engine string, version int) string {
		ms, err := sqlstore.Migrations(engine)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range ms {
			if m.Version == version {
				return m.SQL
			}
		}
		t.Fatalf("%s has no migration %d", engine, version)
		return ""
	}
	norm := func(s string) string {
		var keep []string
		for _, l := range strings.Split(s, "\n") {
			if !strings.HasPrefix(strings.TrimSpace(l), "--") {
				keep = append(keep, strings.ReplaceAll(l, "TIMESTAMPTZ", "TIMESTAMP"))
			}
		}
		return strings.Join(keep, "\n")
	}
	for _, version := range []int{8, 9} {
		if norm(find("sqlite", version)) != norm(find("postgres", version)) {
			t.Errorf("migration %d differs between the engines beyond TIMESTAMP/TIMESTAMPTZ", version)
		}
	}
}

// smallFair loads the sample edition and a fair of three participants on its
// matchmaking activity.
func smallFair(t *testing.T, db *sqlstore.DB) *fair.Dataset {
	t.Helper()
	ctx := context.Background()
	if _, err := db.ImportDataset(ctx, demo.Dataset()); err != nil {
		t.Fatal(err)
	}
	ed, err := db.LoadDraftEdition(ctx, demo.FairEvent)
	if err != nil {
		t.Fatal(err)
	}
	act, ok := ed.Activity(demo.FairActivity)
	if !ok {
		t.Fatal("no matchmaking activity")
	}
	ds := &fair.Dataset{Fair: fair.Fair{ActivityID: act.ID, EventID: ed.Event.ID, StartsAt: testkit.Now, SlotMinutes: 30, Slots: 4, MorningSlots: 4, Tables: 2}}
	for i, side := range []fair.Side{fair.SideSupply, fair.SideDemand, fair.SideDemand} {
		ds.Participants = append(ds.Participants, fair.Participant{ID: "p" + string(rune('1'+i)), ActivityID: act.ID, Organisation: program.Text{EN: "Org " + string(rune('A'+i))},
			Contact: fair.Contact{Name: "N", Email: "n@example.org"}, Side: side, Availability: fair.AvailableBoth})
	}
	created, err := db.ImportFair(audit.WithActor(ctx, audit.CommandLine), ds)
	if err != nil || !created {
		t.Fatalf("import fair: %v %v", created, err)
	}
	if again, err := db.ImportFair(ctx, ds); err != nil || again {
		t.Fatalf("second import: %v %v, want nothing done", again, err)
	}
	return ds
}

func TestFairRequestsAndSchedule(t *testing.T) {
	forEngine(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := audit.WithActor(context.Background(), "account:admin@example.org")
		ds := smallFair(t, db)
		act := ds.Fair.ActivityID
		// the same pair asked from both sides at once: exactly one request wins
		var wg sync.WaitGroup
		errs := make([]error, 6)
		for i := range errs {
			from, to := "p1", "p2"
			if i%2 == 1 {
				from, to = to, from
			}
			wg.Go(func() { errs[i] = db.RequestMeeting(ctx, &fair.Meeting{ActivityID: act, From: from, To: to}) })
		}
		wg.Wait()
		for _, err := range errs {
			if err != nil && program.ErrorCode(err) != program.CodeConflict {
				t.Fatalf("request: %v", err)
			}
		}
		got, err := db.FairDataset(ctx, act)
		if err != nil {
			t.Fatal(err)
		}
		if len(got.Meetings) != 1 {
			t.Fatalf("%d requests stored for one pair, want 1", len(got.Meetings))
		}
		m := got.Meetings[0]
		if _, err := db.AnswerMeeting(ctx, act, m.ID, m.From, fair.StatusAccepted); program.ErrorCode(err) != program.CodeForbidden {
			t.Errorf("the asker answers: %v", err)
		}
		if _, err := db.AnswerMeeting(ctx, act, m.ID, m.To, fair.StatusAccepted); err != nil {
			t.Fatal(err)
		}
		if _, err := db.AnswerMeeting(ctx, act, m.ID, m.To, fair.StatusDeclined); program.ErrorCode(err) != program.CodeConflict {
			t.Errorf("second answer: %v", err)
		}
		got, _ = db.FairDataset(ctx, act)
		base := got.Fair.Version
		v, err := db.AddMeeting(ctx, base, &fair.Meeting{ActivityID: act, From: "p3", To: "p1"})
		if err != nil || v != base+1 {
			t.Fatalf("add meeting: %d %v", v, err)
		}
		// a stale organiser write changes nothing
		if _, err := db.PublishSchedule(ctx, act, base); program.ErrorCode(err) != program.CodeConflict || !strings.Contains(err.Error(), "changed since") {
			t.Errorf("stale publish: %v", err)
		}
		if _, err := db.PublishSchedule(ctx, act, v); program.ErrorCode(err) != program.CodeConflict {
			t.Errorf("publish before scheduling: %v", err)
		}
		got, _ = db.FairDataset(ctx, act)
		var ids []string
		for _, m := range got.Meetings {
			ids = append(ids, m.ID)
		}
		// all or nothing: a schedule naming an unknown meeting writes nothing
		bad := []fair.Assignment{{MeetingID: ids[0], Slot: 1, Table: 1}, {MeetingID: "nope", Slot: 2, Table: 1}}
		if _, err := db.SaveSchedule(ctx, act, got.Fair.Version, bad); program.ErrorCode(err) != program.CodeConflict {
			t.Errorf("bad schedule: %v", err)
		}
		twice := []fair.Assignment{{MeetingID: ids[0], Slot: 1, Table: 1}, {MeetingID: ids[0], Slot: 2, Table: 1}}
		if _, err := db.SaveSchedule(ctx, act, got.Fair.Version, twice); program.ErrorCode(err) != program.CodeInvalid {
			t.Errorf("a meeting placed twice: %v", err)
		}
		clash := []fair.Assignment{{MeetingID: ids[0], Slot: 1, Table: 1}, {MeetingID: ids[1], Slot: 1, Table: 1}}
		if _, err := db.SaveSchedule(ctx, act, got.Fair.Version, clash); program.ErrorCode(err) != program.CodeConflict {
			t.Errorf("two meetings at one table: %v", err)
		}
		after, _ := db.FairDataset(ctx, act)
		for _, m := range after.Meetings {
			if m.Slot != 0 || m.Table != 0 {
				t.Errorf("meeting %s half-scheduled at %d/%d", m.ID, m.Slot, m.Table)
			}
		}
		if after.Fair.Version != got.Fair.Version || after.Fair.ScheduledAt != nil {
			t.Errorf("refused schedules moved the fair: %+v", after.Fair)
		}
		as, _, err := fair.Schedule(ctx, &after.Fair, after.Participants, after.Meetings, fair.SolverOptions(after.Meetings))
		if err != nil {
			t.Fatal(err)
		}
		v, err = db.SaveSchedule(ctx, act, after.Fair.Version, as)
		if err != nil {
			t.Fatal(err)
		}
		if v, err = db.PublishSchedule(ctx, act, v); err != nil {
			t.Fatal(err)
		}
		if _, err := db.SetOutcome(ctx, act, v, ids[0], fair.OutcomeContract, 3_000_000); err != nil {
			t.Fatal(err)
		}
		if _, err := db.SetOutcome(ctx, act, v, ids[0], fair.OutcomeIntention, 0); program.ErrorCode(err) != program.CodeConflict {
			t.Errorf("an outcome recorded on a stale fair version: %v", err)
		}
		if _, err := db.SetOutcome(ctx, act, v+1, ids[1], fair.OutcomeIntention, 5); program.ErrorCode(err) != program.CodeInvalid {
			t.Errorf("amount with an intention: %v", err)
		}
		st, err := db.MatchmakingStats(ctx, demo.FairEvent)
		if err != nil || *st != (program.MatchmakingStats{Participants: 3, Meetings: 2, Agreements: 1, Contracts: 1, AmountCNY: 3_000_000}) {
			t.Errorf("stats %+v %v", st, err)
		}
		log, err := db.AuditLog(ctx, ds.Fair.EventID, 20, "")
		if err != nil {
			t.Fatal(err)
		}
		var actions []string
		for _, e := range log {
			actions = append(actions, e.Action)
		}
		want := []string{audit.FairOutcome, audit.FairPublish, audit.FairSchedule, audit.FairMeetingAdd, audit.FairImport}
		if strings.Join(actions[:len(want)], " ") != strings.Join(want, " ") {
			t.Errorf("audit %v, want %v first", actions, want)
		}
	})
}
