package timetable

import "math/rand/v2"

// lateAcceptance is the acceptance rule shared by both searches of this
// package (Solve for CoSPLib instances, PlanTimetable for editions): late-
// acceptance hill climbing with kicks. A candidate is accepted when it is no
// worse than the current cost or than the cost L iterations ago. When
// nothing has improved for a while the search has converged to plain hill
// climbing; a kick then accepts a few random moves whatever they cost, and
// the caller keeps the best solution seen.
//
// The caller owns the state and the moves: each iteration it calls begin,
// applies a move, and asks accept with the move's cost (undoing the move
// when refused).
type lateAcceptance struct {
	hist        []int64
	cur         int64
	iter        int64
	lastImprove int64
	stall       int64
	kick        int
	kickSize    func(rng *rand.Rand) int
}

// newLateAcceptance starts at cost cur with a history of length L; a kick
// starts after stall iterations without improvement and lasts kickSize
// moves.
func newLateAcceptance(L int, cur, stall int64, kickSize func(*rand.Rand) int) *lateAcceptance {
	la := &lateAcceptance{hist: make([]int64, L), cur: cur, stall: stall, kickSize: kickSize}
	for i := range la.hist {
		la.hist[i] = cur
	}
	return la
}

// begin starts an iteration and reports whether a kick is running.
func (la *lateAcceptance) begin(rng *rand.Rand) bool {
	if la.kick == 0 && la.iter-la.lastImprove > la.stall {
		la.kick = la.kickSize(rng)
	}
	return la.kick > 0
}

// skip ends an iteration whose move could not be made.
func (la *lateAcceptance) skip() { la.iter++ }

// accept decides on a candidate of cost cand and ends the iteration.
func (la *lateAcceptance) accept(cand int64) bool {
	v := int(la.iter % int64(len(la.hist)))
	ok := la.kick > 0 || cand <= la.cur || cand <= la.hist[v]
	if ok {
		if cand < la.cur {
			la.lastImprove = la.iter
		}
		la.cur = cand
		if la.kick > 0 {
			if la.kick--; la.kick == 0 {
				for i := range la.hist {
					la.hist[i] = la.cur
				}
				la.lastImprove = la.iter
			}
		}
	}
	la.hist[v] = la.cur
	la.iter++
	return ok
}
