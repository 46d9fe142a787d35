package meetings

import "math/bits"

// participantBound is what per-participant reasoning proves about one
// participant: the fewest breaks any schedule gives them, and whether their
// meetings fit at all.
type participantBound struct {
	breaks int  // lower bound on H(p)
	fits   bool // p's meetings can get distinct allowed slots
	exact  bool // breaks is the exact minimum for p alone (search finished)
}

// boundBudget caps the matchings tried per participant.
const boundBudget = 200_000

// boundParticipant computes, for the meetings ms of one participant with slot
// domains dom, the least number of runs of consecutive slots that can hold all
// of them with a perfect matching meeting → slot, minus one. The search over
// sets of runs stops after boundBudget matchings; what was refuted so far is
// still a valid bound.
func boundParticipant(ms []int, dom []uint64, nslots int) participantBound {
	k := len(ms)
	ds := make([]uint64, k)
	var union uint64
	for i, m := range ms {
		ds[i] = dom[m]
		union |= dom[m]
	}
	if !matchAll(ds, union) {
		return participantBound{fits: false}
	}
	if k <= 1 {
		return participantBound{fits: true, exact: true}
	}
	budget := boundBudget
	for r := 1; r <= k; r++ {
		found, out := runsFit(ds, union, nslots, k, r, &budget)
		if found {
			return participantBound{breaks: r - 1, fits: true, exact: true}
		}
		if out {
			return participantBound{breaks: r - 1, fits: true}
		}
	}
	return participantBound{breaks: k - 1, fits: true, exact: true}
}

// runsFit reports whether some set of exactly r disjoint, non-adjacent runs
// of slots with k slots in total admits a perfect matching; out is set when
// the budget ran out first.
func runsFit(ds []uint64, union uint64, nslots, k, r int, budget *int) (found, out bool) {
	var rec func(start, left, runs int, set uint64) bool
	rec = func(start, left, runs int, set uint64) bool {
		if *budget <= 0 {
			out = true
			return false
		}
		if runs == 0 {
			if left != 0 {
				return false
			}
			*budget--
			return matchAll(ds, set)
		}
		// each remaining run needs ≥1 slot and a gap after all but the last
		for s := start; s < nslots; s++ {
			maxLen := left - (runs - 1)
			for l := 1; l <= maxLen && s+l <= nslots; l++ {
				run := uint64((1<<l)-1) << s
				if run&union != run {
					break // a slot in the run is allowed for no meeting: longer runs fail too
				}
				if rec(s+l+1, left-l, runs-1, set|run) {
					return true
				}
				if out {
					return false
				}
			}
		}
		return false
	}
	found = rec(0, k, r, 0)
	return found, out
}

// matchAll reports whether every domain ds[i] ∩ set can get a distinct slot.
func matchAll(ds []uint64, set uint64) bool {
	if bits.OnesCount64(set) < len(ds) {
		return false
	}
	owner := make(map[int]int, len(ds)) // slot -> index
	var try func(i int, seen uint64) (bool, uint64)
	try = func(i int, seen uint64) (bool, uint64) {
		cand := ds[i] & set &^ seen
		for cand != 0 {
			t := bits.TrailingZeros64(cand)
			cand &^= 1 << t
			seen |= 1 << t
			j, taken := owner[t]
			if !taken {
				owner[t] = i
				return true, seen
			}
			var ok bool
			if ok, seen = try(j, seen); ok {
				owner[t] = i
				return true, seen
			}
		}
		return false, seen
	}
	for i := range ds {
		if ok, _ := try(i, 0); !ok {
			return false
		}
	}
	return true
}

// Bound is what the package can prove before searching.
type Bound struct {
	Breaks      int   // lower bound on the total breaks of a complete schedule
	PerPerson   []int // lower bound per participant
	Overfull    []int // participants whose meetings cannot all get an allowed slot
	EmptyDomain []int // meetings with no allowed slot at all
	// FairnessInfeasible is set when some participant must have more than d
	// breaks while another is sure to have none.
	FairnessInfeasible bool
	// FairnessIsMax is set when some participant has at most one meeting,
	// hence no break: then max − min ≤ d is max ≤ d, which is what the
	// searches enforce.
	FairnessIsMax bool
}

// LowerBound computes per-participant bounds (see boundParticipant) and
// their sum, with fairness bound d.
func LowerBound(in *Instance, d int) Bound {
	dom := make([]uint64, len(in.Meetings))
	var b Bound
	for m := range in.Meetings {
		dom[m] = in.domain(m)
		if dom[m] == 0 {
			b.EmptyDomain = append(b.EmptyDomain, m)
		}
	}
	by := in.byParticipant()
	b.PerPerson = make([]int, in.Participants)
	someoneFree := false
	for p, ms := range by {
		if len(ms) <= 1 {
			someoneFree = true
		}
		pb := boundParticipant(ms, dom, in.Slots)
		if !pb.fits {
			b.Overfull = append(b.Overfull, p)
			continue
		}
		b.PerPerson[p] = pb.breaks
		b.Breaks += pb.breaks
	}
	b.FairnessIsMax = someoneFree
	if someoneFree {
		for _, h := range b.PerPerson {
			if h > d {
				b.FairnessInfeasible = true
			}
		}
	}
	return b
}
