package app_test

import (
	"context"
	"encoding/json"
	"testing"

	"convene/internal/demo"
	"convene/internal/fair"
	"convene/internal/meetings"
	"convene/internal/program"
	"convene/internal/sqlstore"
)

// TestDemoFair: `convene demo` loads the sample matchmaking fair scheduled
// and published; the stored schedule holds every rule; the figures of
// `convene stats` agree with the stored meetings.
func TestDemoFair(t *testing.T) {
	data := t.TempDir()
	if code, out, errOut := run(t, nil, "demo", "--data", data); code != 0 {
		t.Fatalf("demo: exit %d: %s %s", code, out, errOut)
	}
	_, out, _ := run(t, nil, "stats", "--event", demo.FairEvent, "--json", "--data", data)
	var report program.StatsReport
	if err := json.Unmarshal([]byte(out), &report); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	db, err := sqlstore.Open(ctx, sqlstore.Config{DataDir: data})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ed, err := db.LoadDraftEdition(ctx, demo.FairEvent)
	if err != nil {
		t.Fatal(err)
	}
	act, _ := ed.Activity(demo.FairActivity)
	ds, err := db.FairDataset(ctx, act.ID)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(ds.Participants); n < 150 || n > 300 || ds.Fair.PublishedAt == nil {
		t.Errorf("%d participants, published %v", n, ds.Fair.PublishedAt)
	}
	in, ids := fair.Instance(&ds.Fair, ds.Participants, ds.Meetings)
	slot := map[string]int{}
	want := program.MatchmakingStats{Participants: len(ds.Participants)}
	for _, m := range ds.Meetings {
		slot[m.ID] = m.Slot
		if m.Slot > 0 {
			want.Meetings++
		}
		switch m.Outcome {
		case fair.OutcomeContract:
			want.Contracts++
			want.AmountCNY += m.AmountCNY
			fallthrough
		case fair.OutcomeIntention:
			want.Agreements++
		}
	}
	slots := make([]int, len(ids))
	for i, id := range ids {
		slots[i] = slot[id]
	}
	if v := meetings.Check(in, slots, fair.Fairness); !v.Feasible || len(ids) < 600 {
		t.Errorf("%d accepted meetings; the stored schedule breaks rules: %v", len(ids), v.Violations)
	}
	if report.Matchmaking == nil || *report.Matchmaking != want {
		t.Errorf("stats matchmaking %+v, want %+v", report.Matchmaking, want)
	}
}
