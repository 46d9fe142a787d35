package app_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"convene/internal/program"
	"convene/internal/sqlstore"
	"convene/internal/testkit"
)

// convene schedule on the sample data: progress on stderr, a summary, the
// JSON result, a draft written only without --dry-run, usage errors.
func TestScheduleCommand(t *testing.T) {
	for _, engine := range testkit.Engines(t) {
		t.Run(engine, func(t *testing.T) {
			storage := storageArgs(t, engine)
			cli := cliOn(t, storage)
			if out := cli("demo"); !strings.Contains(out, "sample interests declared: 3000 attendees of zgc-2025") {
				t.Errorf("demo: %q", out)
			}
			if out := cli("demo"); strings.Contains(out, "interests") {
				t.Errorf("demo again declared interests again: %q", out)
			}
			code, out, errOut := run(t, nil, append([]string{"schedule", "--event", "zgc-2025", "--from-empty", "--dry-run", "--seconds", "1", "--seed", "3"}, storage...)...)
			if code != 0 || !strings.Contains(out, "hard conflicts: 0") || !strings.Contains(out, "audience conflicts: 4746 before,") ||
				!strings.Contains(out, "would move (dry run: nothing written)") || !strings.Contains(errOut, "hard 0  score") {
				t.Fatalf("dry run: exit %d\n%s\n%s", code, out, errOut)
			}
			var res struct {
				Feasible bool `json:"feasible"`
				Applied  bool `json:"applied"`
				Placed   int  `json:"placed"`
				Moves    []struct {
					Activity string `json:"activity"`
				} `json:"moves"`
			}
			raw := cli("schedule", "--event", "zgc-2025", "--from-empty", "--seconds", "1", "--json")
			if err := json.Unmarshal([]byte(raw), &res); err != nil || !res.Feasible || !res.Applied || res.Placed != 60 || len(res.Moves) == 0 {
				t.Fatalf("--json: %v %+v", err, res)
			}
			if out := cli("schedule", "--event", "zgc-2025", "--seconds", "1"); !strings.Contains(out, "0 to place") || !strings.Contains(out, "nothing to change") {
				t.Errorf("nothing left to place: %q", out)
			}
			for _, bad := range [][]string{{"schedule"}, {"schedule", "--event", "zgc-2025", "--seconds", "0"}, {"schedule", "--event", "zgc-2025", "--lang", "fr"}} {
				if code, _, _ := run(t, nil, append(bad, storage...)...); code != 2 {
					t.Errorf("%v: exit %d, want 2", bad, code)
				}
			}
			if code, _, errOut := run(t, nil, append([]string{"schedule", "--event", "zgc-1999", "--seconds", "1"}, storage...)...); code != 1 || !strings.Contains(errOut, "zgc-1999") {
				t.Errorf("unknown edition: exit %d %s", code, errOut)
			}
		})
	}
}

// An edition no timetable fits exits 1 naming the rule, and writes nothing.
func TestScheduleCommandInfeasible(t *testing.T) {
	dir := t.TempDir()
	cli := cliOn(t, []string{"--data", dir})
	cli("demo")
	ctx := context.Background()
	db, err := sqlstore.Open(ctx, sqlstore.Config{DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	ed, err := db.LoadDraftEdition(ctx, "zgc-2025")
	if err != nil {
		t.Fatal(err)
	}
	var forums []string
	for _, a := range ed.Activities {
		if a.Kind == program.KindParallelForum {
			forums = append(forums, a.Slug)
		}
	}
	err = db.SetThemeDay(ctx, "zgc-2025", "2025-03-28", forums) // sixty forums on one day
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	code, out, errOut := run(t, nil, "schedule", "--data", dir, "--event", "zgc-2025", "--from-empty", "--seconds", "1", "--lang", "zh")
	if code != 1 || !strings.Contains(out, "nothing written") || !strings.Contains(errOut, "无法排出没有硬冲突的日程") || !strings.Contains(errOut, "2025-03-28 主题日有") || strings.Contains(errOut, "score") {
		t.Errorf("exit %d\n%s\n%s", code, out, errOut)
	}
}
