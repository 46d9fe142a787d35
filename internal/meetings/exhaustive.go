package meetings

import "slices"

// exhaustiveLimit caps the nodes of the exhaustive search.
const exhaustiveLimit = 2_000_000

// exhaustiveMeetings is the largest fair the exhaustive search is tried on.
const exhaustiveMeetings = 14

// exhaustive enumerates every schedule that breaks no clash, capacity,
// domain or precedence rule, and returns the one with the fewest breaks that
// also meets fairness. finished is false when the node limit cut it short;
// best is nil when no complete schedule was found.
func exhaustive(in *Instance, d int) (best []int, bestBreaks int, finished bool) {
	s := newState(in, d)
	order := make([]int, s.nm)
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return len(s.domList[a]) - len(s.domList[b]) })
	nodes := 0
	bestBreaks = -1
	var rec func(i int) bool
	rec = func(i int) bool {
		if i == len(order) {
			if s.hard-s.fair == 0 && fair(s, d) && (bestBreaks < 0 || s.breaks < bestBreaks) {
				bestBreaks = s.breaks
				best = slices.Clone(s.slot)
			}
			return true
		}
		m := order[i]
	next:
		for _, t := range s.domList[m] {
			nodes++
			if nodes > exhaustiveLimit {
				return false
			}
			bit := uint64(1) << (t - 1)
			if s.occ[s.parts[m][0]]&bit != 0 || s.occ[s.parts[m][1]]&bit != 0 || s.load[t] >= s.cap {
				continue
			}
			for _, q := range s.pred[m] {
				if s.slot[q] != 0 && s.slot[q] >= t {
					continue next
				}
			}
			for _, q := range s.succ[m] {
				if s.slot[q] != 0 && s.slot[q] <= t {
					continue next
				}
			}
			s.place(m, t)
			ok := rec(i + 1)
			s.place(m, 0)
			if !ok {
				return false
			}
		}
		return true
	}
	finished = rec(0)
	return best, bestBreaks, finished
}

// fair reports whether max − min breaks over all participants is at most d
// (the exact rule, not the solver's stricter max ≤ d).
func fair(s *state, d int) bool {
	lo, hi := -1, 0
	for _, o := range s.occ {
		h := hOf(o)
		if lo < 0 || h < lo {
			lo = h
		}
		hi = max(hi, h)
	}
	return hi-max(lo, 0) <= d
}
