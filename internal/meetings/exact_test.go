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
	var optimal, infeasible, shared, poor int
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
		if i%4 < 2 && want != nil { // half of them, in turns and side by side
			// from a poor schedule, as the local search hands over (the
			// refutations of the query above the bound are tested apart:
			// TestQueryAboveBound)
			if slots, breaks := poorSchedule(in, d, wantBreaks+2, rand.New(rand.NewPCG(uint64(i), 9))); slots != nil {
				best.offer(slots, breaks)
				poor++
			}
		}
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
	if optimal < 40 || infeasible < 5 || shared < 100 || poor < 10 {
		t.Fatalf("too few fairs settled to mean much: %d optimal (%d from a poor schedule), %d infeasible, %d clauses passed between formulas", optimal, poor, infeasible, shared)
	}
	t.Logf("%d fairs proven optimal (%d from a poor schedule), %d proven infeasible, all as exhaustive search says; %d clauses passed between formulas", optimal, poor, infeasible, shared)
}

// The query one break above the bound: its refutations raise the bound by
// two. Run alone (both formulas asking it: the query at the bound settles
// these small fairs at once) from a poor schedule, it must never claim a
// bound above the optimum and must end at it.
func TestQueryAboveBound(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 11))
	var settled, raised int
	for i := 0; settled < 30 && i < 3000; i++ {
		// the last participant meets nobody (so fairness is a bound on the
		// most breaks); slots the others cannot make force breaks
		n := 3 + rng.IntN(3)
		in := &Instance{Participants: n + 1, Slots: 5 + rng.IntN(3), Tables: 2, AllowRepeats: true}
		for range 8 + rng.IntN(6) {
			a := rng.IntN(n)
			in.Meetings = append(in.Meetings, Meeting{A: a, B: (a + 1 + rng.IntN(n-1)) % n})
		}
		in.Forbidden = make([][]int, in.Participants)
		for p := range n {
			in.Forbidden[p] = []int{2 + rng.IntN(in.Slots-2)}
		}
		d := 2 + rng.IntN(2)
		if in.Validate() != nil || !LowerBound(in, d).FairnessIsMax {
			continue
		}
		want, wantBreaks, finished := exhaustive(in, d)
		if !finished || want == nil || wantBreaks < 2 {
			continue
		}
		slots, breaks := poorSchedule(in, d, wantBreaks+1, rng)
		if slots == nil {
			continue
		}
		best := &incumbent{breaks: -1}
		best.offer(slots, breaks)
		var done atomic.Bool
		e := &exactRun{in: in, d: d, best: best, done: &done}
		fs := e.newFormulas(breaks)
		for _, f := range fs {
			f.atBound = false
		}
		for step := 0; !done.Load(); step++ {
			if step == 1000 {
				t.Fatalf("fair %d: not settled in 1,000 chunks", i)
			}
			before := e.bound()
			e.step(context.Background(), fs[step%2])
			if e.bound() > before {
				raised++
			}
			if e.bound() > wantBreaks || e.broken {
				t.Fatalf("fair %d: bound %d above the optimum %d (broken=%v)", i, e.bound(), wantBreaks, e.broken)
			}
		}
		if _, got := best.get(); !e.optimal || got != wantBreaks {
			t.Fatalf("fair %d: optimal=%v at %d breaks, exhaustive search %d", i, e.optimal, got, wantBreaks)
		}
		settled++
	}
	if settled < 30 || raised < 5 {
		t.Fatalf("too few fairs to mean much: %d settled, %d bounds raised by the query above the bound", settled, raised)
	}
	t.Logf("%d fairs settled from a poor schedule, %d bounds raised by the query above the bound", settled, raised)
}

// poorSchedule returns a feasible schedule with at least minBreaks breaks
// found by placing meetings at random, or nil.
func poorSchedule(in *Instance, d, minBreaks int, rng *rand.Rand) ([]int, int) {
	s := newState(in, d)
	slots := make([]int, len(in.Meetings))
	for range 2000 {
		for m, dom := range s.domList {
			slots[m] = dom[rng.IntN(len(dom))]
		}
		if v := Check(in, slots, d); v.Feasible && v.Breaks >= minBreaks {
			return slots, v.Breaks
		}
	}
	return nil, 0
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
