package meetings

import "slices"

// assignTables gives every scheduled meeting a table 1..Tables so that
// participants change tables as little as possible: slot by slot, a meeting
// first tries the table where one of its participants sat last (the one
// whose participants both sat there first), then the lowest free table. It
// returns the tables and the number of table changes.
func assignTables(in *Instance, slot []int) ([]int, int) {
	table := make([]int, len(slot))
	last := make([]int, in.Participants) // last table of each participant, 0 = none yet
	perSlot := make([][]int, in.Slots+1)
	for m, t := range slot {
		if t > 0 {
			perSlot[t] = append(perSlot[t], m)
		}
	}
	changes := 0
	for t := 1; t <= in.Slots; t++ {
		ms := perSlot[t]
		used := make([]bool, in.Tables+1)
		// meetings whose participants agree on a previous table go first
		score := func(m int) int {
			a, b := last[in.Meetings[m].A], last[in.Meetings[m].B]
			switch {
			case a != 0 && a == b:
				return 0
			case a != 0 || b != 0:
				return 1
			}
			return 2
		}
		slices.SortStableFunc(ms, func(x, y int) int { return score(x) - score(y) })
		var rest []int
		for _, m := range ms {
			placed := false
			for _, c := range []int{last[in.Meetings[m].A], last[in.Meetings[m].B]} {
				if c != 0 && c <= in.Tables && !used[c] {
					table[m], used[c], placed = c, true, true
					break
				}
			}
			if !placed {
				rest = append(rest, m)
			}
		}
		free := 1
		for _, m := range rest {
			for free <= in.Tables && used[free] {
				free++
			}
			if free > in.Tables {
				break // more meetings than tables: the schedule is not feasible anyway
			}
			table[m], used[free] = free, true
		}
		for _, m := range ms {
			for _, p := range []int{in.Meetings[m].A, in.Meetings[m].B} {
				if last[p] != 0 && last[p] != table[m] {
					changes++
				}
				last[p] = table[m]
			}
		}
	}
	return table, changes
}
