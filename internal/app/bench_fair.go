package app

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"convene/internal/meetings"
)

// fairBenchResult is what `convene bench fair` prints (also as JSON).
type fairBenchResult struct {
	Participants int     `json:"participants"`
	Meetings     int     `json:"meetings"`
	Slots        int     `json:"slots"`
	Tables       int     `json:"tables"`
	Complete     bool    `json:"complete"`
	Breaks       int     `json:"breaks"`
	MaxMinusMin  int     `json:"max_minus_min"`
	LowerBound   int     `json:"lower_bound"`
	Optimal      bool    `json:"optimal"`
	Unscheduled  int     `json:"unscheduled"`
	TableChanges int     `json:"table_changes"`
	Iterations   int64   `json:"iterations"`
	Seconds      float64 `json:"seconds"`
	// FirstComplete is when the first search held a complete schedule, as
	// its progress reports (every 262,144 moves) show it; -1 = never

	FirstComplete float64 `json:"first_complete_seconds"`
}

// runBenchFair schedules a synthetic fair far larger than the published
// instances (the goal: 2,000 participants, 10,000 meetings in under
// a minute) and has the independent checker verify the schedule.
func runBenchFair(ctx context.Context, env Env, args []string) error {
	fs := newFlagSet("bench fair", env)
	participants := fs.Int("participants", 2000, "participants (45 % on the supply side)")
	nm := fs.Int("meetings", 10000, "meetings requested")
	slots := fs.Int("slots", 24, "slots of the day (half of them in the morning)")
	tables := fs.Int("tables", 500, "tables")
	d := fs.Int("d", 2, "fairness bound: max − min breaks per participant")
	seconds := fs.Float64("seconds", 60, "time limit in seconds (the search stops sooner at a proven optimum)")
	seed := fs.Uint64("seed", 1, "random seed of the fair and of the search")
	workers := fs.Int("workers", 2, "parallel searches")
	asJSON := fs.Bool("json", false, "print the result as JSON")
	if err := parse(fs, args); err != nil {
		return err
	}
	switch {
	case *participants < 2:
		return usageError{fmt.Errorf("--participants %d: want 2 or more", *participants)}
	case *nm < 1:
		return usageError{fmt.Errorf("--meetings %d: want 1 or more", *nm)}
	case *slots < 2 || *slots > meetings.MaxSlots:
		return usageError{fmt.Errorf("--slots %d: want 2..%d", *slots, meetings.MaxSlots)}
	case *tables < 1:
		return usageError{fmt.Errorf("--tables %d: want 1 or more", *tables)}
	case *d < 0:
		return usageError{fmt.Errorf("--d %d: want 0 or more", *d)}
	case *seconds <= 0:
		return usageError{fmt.Errorf("--seconds %v: want more than 0", *seconds)}
	case *workers < 1:
		return usageError{fmt.Errorf("--workers %d: want 1 or more", *workers)}
	}
	in := meetings.SyntheticFair{Participants: *participants, Meetings: *nm, Slots: *slots, Tables: *tables, Seed: *seed}.Generate()
	if !*asJSON {
		fmt.Fprintf(env.Stdout, "fair: %d participants, %d meetings, %d slots, %d tables, d=%d, %gs, seed %d, %d workers\n",
			in.Participants, len(in.Meetings), in.Slots, in.Tables, *d, *seconds, *seed, *workers)
	}
	firstComplete := -1.0
	progress := func(p meetings.Progress) {
		if p.Best >= 0 && firstComplete < 0 {
			firstComplete = p.Elapsed.Seconds()
		}
	}
	res, err := meetings.Solve(ctx, in, meetings.Options{D: *d, Seed: *seed, Workers: *workers,
		TimeLimit: time.Duration(*seconds * float64(time.Second)), Progress: progress})
	if err != nil {
		return err
	}
	v := meetings.Check(in, res.Slot, *d)
	if v.Feasible != res.Complete || (v.Feasible && v.Breaks != res.Breaks) {
		return fmt.Errorf("checker disagrees with the solver: checker feasible=%v breaks=%d %v, solver complete=%v breaks=%d",
			v.Feasible, v.Breaks, v.Violations, res.Complete, res.Breaks)
	}
	r := fairBenchResult{Participants: in.Participants, Meetings: len(in.Meetings), Slots: in.Slots, Tables: in.Tables,
		Complete: res.Complete, Breaks: res.Breaks, MaxMinusMin: res.MaxMinusMin, LowerBound: res.LowerBound, Optimal: res.Optimal,
		Unscheduled: len(res.Unscheduled), TableChanges: res.TableChanges, Iterations: res.Iterations, Seconds: res.Elapsed.Seconds(),
		FirstComplete: firstComplete}
	if *asJSON {
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(r)
	}
	fmt.Fprintf(env.Stdout, "complete %v (checked), breaks %d, max−min %d, lower bound %d, optimal %v, unscheduled %d, table changes %d, %d moves, %.2f s; first complete schedule at %.2f s\n",
		r.Complete, r.Breaks, r.MaxMinusMin, r.LowerBound, r.Optimal, r.Unscheduled, r.TableChanges, r.Iterations, r.Seconds, r.FirstComplete)
	return nil
}
