package meetings

import (
	"fmt"
	"slices"
)

// Verdict is what Check finds in a schedule.
type Verdict struct {
	Violations   []string // hard-rule violations, one per line; empty = feasible
	Unscheduled  int      // meetings without a slot (counted as violations too)
	Breaks       int      // total breaks of the scheduled meetings
	PerPerson    []int    // breaks per participant
	MaxMinusMin  int      // max − min breaks over all participants
	Feasible     bool     // no violation and MaxMinusMin ≤ d
	FairnessOver bool     // MaxMinusMin > d
}

// Check verifies a schedule (slot per meeting, 1-based; 0 = unscheduled)
// against the instance with fairness bound d and computes its breaks. It is
// written apart from the solver, straight from the definition in the
// benchmark README, and shares no code with it but the Instance type.
func Check(in *Instance, slots []int, d int) Verdict {
	var v Verdict
	bad := func(format string, a ...any) { v.Violations = append(v.Violations, fmt.Sprintf(format, a...)) }
	if len(slots) != len(in.Meetings) {
		bad("schedule has %d meetings, the fair %d", len(slots), len(in.Meetings))
		return v
	}
	perSlot := map[int]int{}
	busy := map[[2]int]int{} // (participant, slot) -> meeting
	mine := make([][]int, in.Participants)
	for m, t := range slots {
		mt := in.Meetings[m]
		if t == 0 {
			v.Unscheduled++
			bad("meeting %d is not scheduled", m+1)
			continue
		}
		if t < 1 || t > in.Slots {
			bad("meeting %d at slot %d outside 1..%d", m+1, t, in.Slots)
			continue
		}
		perSlot[t]++
		for _, p := range []int{mt.A, mt.B} {
			if o, ok := busy[[2]int{p, t}]; ok {
				bad("participant %d has meetings %d and %d at slot %d", p+1, o+1, m+1, t)
			}
			busy[[2]int{p, t}] = m
			mine[p] = append(mine[p], t)
			if p < len(in.Forbidden) && slices.Contains(in.Forbidden[p], t) {
				bad("meeting %d at slot %d, forbidden for participant %d", m+1, t, p+1)
			}
		}
		if mt.Session == Morning && t > in.Morning {
			bad("meeting %d is morning-only but at slot %d (morning is 1..%d)", m+1, t, in.Morning)
		}
		if mt.Session == Afternoon && t <= in.Morning {
			bad("meeting %d is afternoon-only but at slot %d (morning is 1..%d)", m+1, t, in.Morning)
		}
		if mt.Fixed != 0 && t != mt.Fixed {
			bad("meeting %d is fixed at slot %d but at slot %d", m+1, mt.Fixed, t)
		}
		for _, q := range mt.After {
			if slots[q] != 0 && slots[q] >= t {
				bad("meeting %d (slot %d) must come after meeting %d (slot %d)", m+1, t, q+1, slots[q])
			}
		}
	}
	for t, n := range perSlot {
		if n > in.Tables {
			bad("slot %d has %d meetings for %d tables", t, n, in.Tables)
		}
	}
	slices.Sort(v.Violations)
	v.PerPerson = make([]int, in.Participants)
	lo, hi := 0, 0
	for p, ts := range mine {
		slices.Sort(ts)
		h := 0
		for i := 0; i+1 < len(ts); i++ {
			if ts[i+1] != ts[i]+1 {
				h++
			}
		}
		v.PerPerson[p] = h
		v.Breaks += h
		if p == 0 || h < lo {
			lo = h
		}
		if p == 0 || h > hi {
			hi = h
		}
	}
	v.MaxMinusMin = hi - lo
	v.FairnessOver = v.MaxMinusMin > d
	v.Feasible = len(v.Violations) == 0 && !v.FairnessOver
	return v
}
