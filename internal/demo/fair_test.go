package demo_test

import (
	"context"
	"reflect"
	"testing"
	"time"

	"convene/internal/demo"
	"convene/internal/fair"
	"convene/internal/meetings"
)

func TestSampleFair(t *testing.T) {
	ds := demo.Fair("act", "ev")
	if !reflect.DeepEqual(ds, demo.Fair("act", "ev")) {
		t.Fatal("two calls give two fairs")
	}
	if n := len(ds.Participants); n < 150 || n > 300 {
		t.Errorf("%d participants, want 150 to 300", n)
	}
	if len(ds.Achievements) < 200 || len(ds.Needs) < 200 {
		t.Errorf("%d achievements and %d needs, want several hundred", len(ds.Achievements), len(ds.Needs))
	}
	byID := map[string]*fair.Participant{}
	for i := range ds.Participants {
		p := &ds.Participants[i]
		if _, err := p.Normalize(&ds.Fair); err != nil || !p.Sample {
			t.Errorf("participant %s: %v", p.ID, err)
		}
		byID[p.ID] = p
	}
	for _, a := range ds.Achievements {
		if _, err := a.Normalize(byID[a.ParticipantID]); err != nil {
			t.Errorf("achievement %s: %v", a.ID, err)
		}
	}
	for _, n := range ds.Needs {
		if _, err := n.Normalize(byID[n.ParticipantID]); err != nil {
			t.Errorf("need %s: %v", n.ID, err)
		}
	}
	accepted, outcomes := 0, 0
	for _, m := range ds.Meetings {
		if m.Status == fair.StatusAccepted {
			accepted++
		}
		if m.Outcome != fair.OutcomeNone {
			outcomes++
		}
		if err := fair.CheckOutcome(m.Outcome, m.AmountCNY); err != nil {
			t.Errorf("meeting %s: %v", m.ID, err)
		}
	}
	if accepted < 600 || outcomes == 0 {
		t.Errorf("%d accepted meetings, %d outcomes; want 600 or more and some", accepted, outcomes)
	}
	if probs := fair.Problems(&ds.Fair, ds.Participants, ds.Meetings); len(probs) > 0 {
		t.Errorf("problems: %v", probs)
	}
	start := time.Now()
	as, res, err := fair.Schedule(context.Background(), &ds.Fair, ds.Participants, ds.Meetings, fair.SolverOptions(ds.Meetings))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d meetings scheduled in %v, %d breaks (bound %d), %d iterations", len(as), time.Since(start), res.Breaks, res.LowerBound, res.Iterations)
	if !res.Optimal {
		t.Errorf("the sample schedule is not proven optimal: %d breaks, bound %d", res.Breaks, res.LowerBound)
	}
	in, _ := fair.Instance(&ds.Fair, ds.Participants, ds.Meetings)
	slots := make([]int, len(as))
	for i, a := range as {
		slots[i] = a.Slot
	}
	if v := meetings.Check(in, slots, fair.Fairness); !v.Feasible {
		t.Errorf("the sample schedule breaks rules: %v", v.Violations)
	}
}
