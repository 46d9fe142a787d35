package meetings

import (
	"context"
	"math/rand/v2"
	"sync/atomic"
	"testing"
)

// The exact method alone, from no schedule, on random fairs of up to 12
// meetings (some fixed): what it proves (optimum or infeasibility) must match the
// package's exhaustive search, an independent method, whether its formulas
// take turns or run side by side, and with the clauses they pass each other.
func TestExactMatchesExhaustiveSearch(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	var optimal, infeasible, shared int
	for i := range 300 {
		in := &Instance{Participants: 4 + rng.IntN(4), Slots: 4 + rng.IntN(3), Tables: 1 + rng.IntN(3), AllowRepeats: true}
		in.Morning = rng.IntN(in.Slots + 1)
		for range 5 + rng.IntN(8) {
			a := rng.IntN(in.Participants)
			m := Meeting{A: a, B: (a + 1 + rng.IntN(in.Participants-1)) % in.Participants}
			if in.Morning > 0 && in.Morning < in.Slots && rng.IntN(4) == 0 {
				m.Session = Session(1 + rng.IntN(2))
			}
			if len(in.Meetings) > 0 && rng.IntN(6) == 0 {
				m.After = []int{rng.IntN(len(in.Meetings))}
			}
			if rng.IntN(6) == 0 {
				m.Fixed = 1 + rng.IntN(in.Slots) // fixed meetings take tables the formula does not count
			}
			in.Meetings = append(in.Meetings, m)
		}
		in.Forbidden = make([][]int, in.Participants)
		for p := range in.Forbidden {
			if rng.IntN(3) == 0 {
				in.Forbidden[p] = []int{1 + rng.IntN(in.Slots)}
			}
		}
		d := rng.IntN(3)
		b := LowerBound(in, d)
		if in.Validate() != nil || !b.FairnessIsMax {
			continue
		}
		want, wantBreaks, finished := exhaustive(in, d)
		if !finished {
			continue
		}
		best := &incumbent{breaks: -1}
		var done atomic.Bool
		// every other fair with the two formulas side by side, as with a time limit
		e := &exactRun{in: in, d: d, lb: 0, best: best, done: &done, parallel: i%2 == 1}
		e.run(context.Background())
		shared += len(e.shared)
		slots, breaks := best.get()
		switch {
		case e.broken:
			t.Fatalf("fair %d: the formula accepted a schedule the checker refuses", i)
		case e.infeasible != (want == nil):
			t.Fatalf("fair %d: exact says infeasible=%v, exhaustive search finds %v", i, e.infeasible, want)
		case e.infeasible:
			infeasible++
		case !e.optimal || breaks != wantBreaks || e.lowerBound != wantBreaks:
			t.Fatalf("fair %d: exact optimal=%v breaks %d bound %d, exhaustive search %d", i, e.optimal, breaks, e.lowerBound, wantBreaks)
		default:
			if v := Check(in, slots, d); !v.Feasible || v.Breaks != breaks {
				t.Fatalf("fair %d: checker %+v for a schedule claimed at %d breaks", i, v, breaks)
			}
			optimal++
		}
	}
	if optimal < 40 || infeasible < 5 || shared < 100 {
		t.Fatalf("too few fairs settled to mean much: %d optimal, %d infeasible, %d clauses passed between formulas", optimal, infeasible, shared)
	}
	t.Logf("%d fairs proven optimal, %d proven infeasible, all as exhaustive search says; %d clauses passed between formulas", optimal, infeasible, shared)
}

// A clause learnt under "at most K breaks" may pass only to a formula whose
// own bound is K or tighter; one learnt under no bound, to any.
func TestSharedClauseBounds(t *testing.T) {
	for _, c := range []struct {
		receiver, learntUnder int
		takes                 bool
	}{
		{noBound, noBound, true}, {noBound, 5, false}, {5, noBound, true},
		{5, 5, true}, {4, 5, true}, {6, 5, false}, {0, 1, true},
	} {
		if got := !looser(c.receiver, c.learntUnder); got != c.takes {
			t.Errorf("formula bounded %d, clause learnt under %d: takes=%v, want %v", c.receiver, c.learntUnder, got, c.takes)
		}
	}
}
