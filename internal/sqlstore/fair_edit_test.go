package sqlstore_test

import (
	"context"
	"slices"
	"sync"
	"testing"

	"convene/internal/audit"
	"convene/internal/demo"
	"convene/internal/fair"
	"convene/internal/program"
	"convene/internal/registration"
	"convene/internal/sqlstore"
	"convene/internal/testkit"
)

// joined registers an attendee and joins the fair of ds on side.
func joined(t *testing.T, db *sqlstore.DB, ds *fair.Dataset, name string, side fair.Side) *fair.Participant {
	t.Helper()
	ctx := context.Background()
	a := &registration.Attendee{EventID: ds.Fair.EventID, Email: name + "@example.org", Name: name, Kind: registration.Kinds[0], CreatedAt: testkit.Now, TicketID: "ticket-" + name}
	if err := db.CreateAttendee(ctx, a, "hash-"+name, ""); err != nil {
		t.Fatal(err)
	}
	p := &fair.Participant{ActivityID: ds.Fair.ActivityID, AttendeeID: a.ID, Organisation: program.Text{EN: name}, Contact: fair.Contact{Name: name, Email: a.Email},
		Side: side, Availability: fair.AvailableBoth}
	if err := db.AddParticipant(ctx, p); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestFairEditOwnItems(t *testing.T) {
	forEngine(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		ds := smallFair(t, db)
		act := ds.Fair.ActivityID
		lab, firm := joined(t, db, ds, "lab", fair.SideSupply), joined(t, db, ds, "firm", fair.SideDemand)
		ach := &fair.Achievement{ActivityID: act, ParticipantID: lab.ID, Title: program.Text{ZH: "金刚石量子传感器"}, Field: "quantum-sensing", TRL: 6, IP: "patent", Transfer: "licence"}
		need := &fair.Need{ActivityID: act, ParticipantID: firm.ID, Title: program.Text{ZH: "管道量子传感检测"}, Field: "quantum-sensing", MinTRL: 5}
		if err := db.AddAchievement(ctx, ach); err != nil {
			t.Fatal(err)
		}
		if err := db.AddNeed(ctx, need); err != nil {
			t.Fatal(err)
		}

		edit := *ach
		edit.TRL = 7
		if err := db.UpdateAchievement(ctx, &edit, 1); err != nil || edit.Version != 2 {
			t.Fatalf("edit own: version %d, %v", edit.Version, err)
		}
		// someone else's, or at a stale version: refused, nothing changed
		theirs := edit
		theirs.ParticipantID, theirs.TRL = firm.ID, 1
		if err := db.UpdateAchievement(ctx, &theirs, 2); program.ErrorCode(err) != program.CodeForbidden {
			t.Errorf("edit someone else's: %v, want forbidden", err)
		}
		stale := edit
		stale.TRL = 2
		if err := db.UpdateAchievement(ctx, &stale, 1); program.ErrorCode(err) != program.CodeConflict || program.SafeError(err).Field != "version" {
			t.Errorf("edit at a stale version: %v, want a conflict on the version", err)
		}
		if err := db.WithdrawNeed(ctx, act, lab.ID, need.ID, 1); program.ErrorCode(err) != program.CodeForbidden {
			t.Errorf("withdraw someone else's: %v, want forbidden", err)
		}
		// a side that would leave achievements behind is refused, naming the side
		moved := *lab
		moved.Side = fair.SideDemand
		if err := db.UpdateParticipant(ctx, &moved, 1); program.ErrorCode(err) != program.CodeInvalid || program.SafeError(err).Fields[0].Field != "side" {
			t.Errorf("supply to demand with an achievement: %v", err)
		}
		got, _ := db.FairDataset(ctx, act)
		if a := byID(got.Achievements, func(a *fair.Achievement) string { return a.ID }, ach.ID); a == nil || a.TRL != 7 || a.Version != 2 {
			t.Errorf("after refused edits: %+v, want TRL 7 at version 2", a)
		}
		if p := byID(got.Participants, func(p *fair.Participant) string { return p.ID }, lab.ID); p.Side != fair.SideSupply || p.Version != 1 {
			t.Errorf("refused side change stored: %+v", p)
		}

		// two edits of one version at once: exactly one wins
		var wg sync.WaitGroup
		errs := make([]error, 4)
		for i := range errs {
			n := *need
			n.Region = "region " + string(rune('A'+i))
			wg.Go(func() { errs[i] = db.UpdateNeed(ctx, &n, 1) })
		}
		wg.Wait()
		won := 0
		for _, err := range errs {
			if err == nil {
				won++
			} else if program.ErrorCode(err) != program.CodeConflict {
				t.Errorf("concurrent edit: %v", err)
			}
		}
		if won != 1 {
			t.Errorf("%d concurrent edits of version 1 won, want 1", won)
		}

		// the suggestions follow: a withdrawn need is suggested no more
		svc := fair.NewService(db)
		if snap, _ := svc.Snapshot(ctx, act); !suggests(snap, ach.ID, need.ID) {
			t.Fatal("the need is not suggested for the achievement before it is withdrawn")
		}
		if err := db.WithdrawNeed(ctx, act, firm.ID, need.ID, 2); err != nil {
			t.Fatal(err)
		}
		snap, _ := svc.Snapshot(ctx, act)
		if suggests(snap, ach.ID, need.ID) || snap.Needs[need.ID] != nil {
			t.Error("a withdrawn need is still listed or suggested")
		}
		if err := db.WithdrawNeed(ctx, act, firm.ID, need.ID, 3); program.ErrorCode(err) != program.CodeNotFound {
			t.Errorf("withdraw twice: %v, want not found", err)
		}
		// with the achievement withdrawn the lab may leave the supply side
		if err := db.WithdrawAchievement(ctx, act, lab.ID, ach.ID, 2); err != nil {
			t.Fatal(err)
		}
		if err := db.UpdateParticipant(ctx, &moved, 1); err != nil || moved.Version != 2 {
			t.Errorf("side change without achievements: %d %v", moved.Version, err)
		}
		if err := db.AddAchievement(ctx, &fair.Achievement{ActivityID: act, ParticipantID: lab.ID, Title: program.Text{EN: "x"}, Field: "robotics", TRL: 3, IP: "patent", Transfer: "sale"}); program.ErrorCode(err) != program.CodeInvalid {
			t.Errorf("an achievement of the demand side: %v", err)
		}
		wantActions(t, db, ds.Fair.EventID, audit.FairParticipantUpdate, audit.FairAchievementWithdraw, audit.FairNeedWithdraw, audit.FairNeedUpdate, audit.FairAchievementUpdate)
	})
}

func TestFairWithdrawParticipant(t *testing.T) {
	forEngine(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := audit.WithActor(context.Background(), "account:admin@example.org")
		ds := smallFair(t, db)
		act := ds.Fair.ActivityID
		lab, firm, other := joined(t, db, ds, "lab", fair.SideSupply), joined(t, db, ds, "firm", fair.SideDemand), joined(t, db, ds, "other", fair.SideDemand)
		for _, p := range []*fair.Participant{firm, other} {
			m := &fair.Meeting{ActivityID: act, From: p.ID, To: lab.ID}
			if err := db.RequestMeeting(ctx, m); err != nil {
				t.Fatal(err)
			}
			if _, err := db.AnswerMeeting(ctx, act, m.ID, lab.ID, fair.StatusAccepted); err != nil {
				t.Fatal(err)
			}
		}
		open := &fair.Meeting{ActivityID: act, From: firm.ID, To: "p1"}
		if err := db.RequestMeeting(ctx, open); err != nil {
			t.Fatal(err)
		}
		svc := fair.NewService(db)
		snap, _ := svc.Snapshot(ctx, act)
		run, err := svc.Schedule(ctx, act, snap.Data.Fair.Version, nil)
		if err != nil {
			t.Fatal(err)
		}
		v, err := db.PublishSchedule(ctx, act, run.Version)
		if err != nil {
			t.Fatal(err)
		}
		withOther := snap.Data.Meetings[slices.IndexFunc(snap.Data.Meetings, func(m fair.Meeting) bool { return m.Involves(other.ID) })]
		if _, err := db.SetOutcome(ctx, act, v, withOther.ID, fair.OutcomeIntention, 0); err != nil {
			t.Fatal(err)
		}
		// outcomes are the fair's record: their sides cannot withdraw
		if err := db.WithdrawParticipant(ctx, other, 1); program.ErrorCode(err) != program.CodeConflict {
			t.Errorf("withdraw with an outcome recorded: %v", err)
		}
		if err := db.WithdrawParticipant(ctx, &fair.Participant{ID: firm.ID, ActivityID: act, AttendeeID: lab.AttendeeID}, 1); program.ErrorCode(err) != program.CodeForbidden {
			t.Errorf("withdraw someone else: %v", err)
		}
		before, _ := svc.Snapshot(ctx, act)
		if len(fair.Outdated(&before.Data.Fair, before.Data.Participants, before.Data.Meetings)) != 0 {
			t.Fatal("a fresh schedule reported out of date")
		}
		if err := db.WithdrawParticipant(ctx, firm, 1); err != nil {
			t.Fatal(err)
		}
		after, _ := svc.Snapshot(ctx, act)
		if after.Data.Fair.Version <= before.Data.Fair.Version || after.Participants[firm.ID] != nil {
			t.Errorf("withdrawal: version %d → %d, participant still listed: %v", before.Data.Fair.Version, after.Data.Fair.Version, after.Participants[firm.ID] != nil)
		}
		for _, m := range after.Data.Meetings {
			if m.Involves(firm.ID) && m.Status != fair.StatusCancelled {
				t.Errorf("meeting %s of the withdrawn participant is %s", m.ID, m.Status)
			}
		}
		if out := fair.Outdated(&after.Data.Fair, after.Data.Participants, after.Data.Meetings); len(out) != 1 || out[0].Problem != "cancelled" {
			t.Errorf("outdated after the withdrawal: %v", out)
		}
		st, _ := db.MatchmakingStats(ctx, demo.FairEvent)
		if st.Participants != 5 || st.Meetings != 1 {
			t.Errorf("figures after the withdrawal %+v, want 5 participants and 1 meeting", st)
		}
		// the next schedule leaves the cancelled meetings out
		run, err = svc.Schedule(ctx, act, after.Data.Fair.Version, nil)
		if err != nil || len(run.Result.Slot) != 1 {
			t.Fatalf("schedule after the withdrawal: %+v, %v", run, err)
		}
		final, _ := svc.Snapshot(ctx, act)
		if out := fair.Outdated(&final.Data.Fair, final.Data.Participants, final.Data.Meetings); len(out) != 0 || final.Data.Fair.Version != run.Version {
			t.Errorf("after rescheduling: outdated %v", out)
		}
		// a withdrawn participant posts, asks and joins no more
		if err := db.AddNeed(ctx, &fair.Need{ActivityID: act, ParticipantID: firm.ID, Title: program.Text{EN: "x"}, Field: "robotics", MinTRL: 1}); program.ErrorCode(err) != program.CodeForbidden {
			t.Errorf("a need after withdrawing: %v", err)
		}
		if err := db.RequestMeeting(ctx, &fair.Meeting{ActivityID: act, From: other.ID, To: firm.ID}); program.ErrorCode(err) != program.CodeConflict {
			t.Errorf("a request to a withdrawn participant: %v", err)
		}
		again := *firm
		if err := db.AddParticipant(ctx, &again); program.ErrorCode(err) != program.CodeConflict {
			t.Errorf("joining again: %v", err)
		}
		wantActions(t, db, ds.Fair.EventID, audit.FairSchedule, audit.FairParticipantWithdraw)
	})
}

// byID returns the element of xs whose id is id, or nil.
func byID[T any](xs []T, idOf func(*T) string, id string) *T {
	for i := range xs {
		if idOf(&xs[i]) == id {
			return &xs[i]
		}
	}
	return nil
}

func suggests(snap *fair.Snapshot, achievementID, needID string) bool {
	ss, _ := snap.Index.ForAchievement(achievementID, 10)
	return slices.ContainsFunc(ss, func(s fair.Suggestion) bool { return s.ID == needID })
}

// wantActions checks the newest audit entries of the edition, newest first.
func wantActions(t *testing.T, db *sqlstore.DB, eventID string, want ...string) {
	t.Helper()
	log, err := db.AuditLog(context.Background(), eventID, len(want), "")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range log {
		got = append(got, e.Action)
	}
	if !slices.Equal(got, want) {
		t.Errorf("audit %v, want %v", got, want)
	}
}
