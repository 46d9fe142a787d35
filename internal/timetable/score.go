package timetable

import (
	"fmt"
	"strconv"
)

// Schedule is a solution in the checker's layout: Tracks[session][room] is a
// track index or -1; Subs[session][room][slot] a submission index or -1 (a
// submission needing k slots fills k consecutive slots of one room).
type Schedule struct {
	Tracks [][]int
	Subs   [][][]int
}

// NewSchedule returns an empty schedule for in.
func NewSchedule(in *Instance) *Schedule {
	sc := &Schedule{Tracks: make([][]int, len(in.Sessions)), Subs: make([][][]int, len(in.Sessions))}
	for s, ses := range in.Sessions {
		sc.Tracks[s] = make([]int, len(in.Rooms))
		sc.Subs[s] = make([][]int, len(in.Rooms))
		for r := range in.Rooms {
			sc.Tracks[s][r] = -1
			sc.Subs[s][r] = make([]int, ses.MaxSlots)
			for k := range sc.Subs[s][r] {
				sc.Subs[s][r][k] = -1
			}
		}
	}
	return sc
}

// Breakdown holds the unweighted violation count of each criterion.
type Breakdown [NumCriteria]int64

// Result is the score of a schedule.
type Result struct {
	Objective int64     // Σ weight × count, plus Structural (the checker's objective)
	Counts    Breakdown // unweighted
	Weighted  Breakdown // weight × count
	// Structural is what the checker adds for broken multi-slot submissions
	// (10^7 per room holding part of one, 10^9 per split one).
	Structural int64
	// Hard counts violations of the MILP models' hard constraints and of the
	// presenter-conflict rule: unscheduled or twice-scheduled submissions,
	// submissions in a room of another track, broken multi-slot submissions,
	// and presenter conflicts (session and time-slot level).
	Hard int64
	// HardDetail names each kind of hard violation found, with its count.
	HardDetail map[string]int64
	// SimilarPairs counts pairs of tracks in parallel with a non-zero
	// similarity entry (the published solution sheets count these, not the
	// entries' values).
	SimilarPairs int64
}

// WeightedMap returns the non-zero weighted penalties keyed by criterion.
func (r Result) WeightedMap() map[string]int64 {
	m := map[string]int64{}
	for c := range NumCriteria {
		if r.Weighted[c] != 0 {
			m[c.Key()] = r.Weighted[c]
		}
	}
	if r.Structural != 0 {
		m["multi_slot_structure"] = r.Structural
	}
	return m
}

// Score evaluates sc exactly as the published checker does
// (Solver/solution.py evaluate_solution of CoSPLib), criterion by criterion,
// and counts hard violations.
func Score(in *Instance, sc *Schedule) Result {
	var res Result
	res.HardDetail = map[string]int64{}
	S, R := len(in.Sessions), len(in.Rooms)
	c := &res.Counts

	for s := range S {
		for r := range R {
			t := sc.Tracks[s][r]
			if t < 0 {
				continue
			}
			c[TracksSessions] += in.TrackSession[t][s]
			c[TracksRooms] += in.TrackRoom[t][r]
			c[SessionsRooms] += in.SessionRoom[s][r]
		}
		for r := range R {
			for r2 := r; r2 < R; r2++ {
				a, b := sc.Tracks[s][r], sc.Tracks[s][r2]
				if a != b && a >= 0 && b >= 0 {
					c[SimilarTracks] += in.Similar[a][b]
					if in.Similar[a][b] != 0 {
						res.SimilarPairs++
					}
				}
			}
		}
	}
	// rooms per track, consecutive tracks
	roomsOf := make([][]int, len(in.Tracks))
	sessionsOf := make([][]int, len(in.Tracks))
	for s := range S {
		for r := range R {
			t := sc.Tracks[s][r]
			if t < 0 {
				continue
			}
			if !containsInt(roomsOf[t], r) {
				roomsOf[t] = append(roomsOf[t], r)
			}
			if !containsInt(sessionsOf[t], s) {
				sessionsOf[t] = append(sessionsOf[t], s)
			}
		}
	}
	for t := range in.Tracks {
		if n := len(roomsOf[t]); n > 1 {
			c[RoomsPerTrack] += int64(n - 1)
		}
		ss := sessionsOf[t]
		if len(ss) > 1 {
			sum, want := 0, 0
			for _, s := range ss {
				sum += s
			}
			for s := ss[0]; s <= ss[len(ss)-1]; s++ {
				want += s
			}
			if sum != want {
				c[ConsecutiveTracks]++
			}
		}
	}
	// parallel tracks
	for s := range S {
		count := map[int]int{}
		for r := range R {
			if t := sc.Tracks[s][r]; t >= 0 {
				count[t]++
			}
		}
		for _, n := range count {
			if n > 1 {
				c[ParallelTracks] += int64(n - 1)
			}
		}
	}
	// per-submission penalties
	for s := range S {
		for r := range R {
			for _, x := range sc.Subs[s][r] {
				if x < 0 {
					continue
				}
				c[SubmissionsTimezones] += in.SubTimezone[x][s]
				c[SubmissionsSessions] += in.SubSession[x][s]
				c[SubmissionsRooms] += in.SubRoom[x][r]
			}
		}
	}
	c[SubmissionsOrder] = scoreOrder(in, sc)
	c[PresentersConflicts] = sessionConflicts(in, sc, in.PresenterConflicts)
	c[AttendeesConflicts] = sessionConflicts(in, sc, in.AttendeeConflicts)
	c[PresentersConflictsSlot] = slotConflicts(in, sc, in.PresenterConflicts)
	c[AttendeesConflictsSlot] = slotConflicts(in, sc, in.AttendeeConflicts)
	// chairs
	for s := range S {
		var ts []int
		for r := range R {
			if t := sc.Tracks[s][r]; t >= 0 && len(in.ChairConflicts[t]) > 0 {
				ts = append(ts, t)
			}
		}
		for i := range ts {
			for j := i + 1; j < len(ts); j++ {
				if containsSorted(in.ChairConflicts[ts[j]], ts[i]) {
					c[ChairsConflicts]++
				}
			}
		}
	}
	for k := range NumCriteria {
		if in.Weights[k] > 0 {
			res.Weighted[k] = in.Weights[k] * c[k]
			res.Objective += res.Weighted[k]
		}
	}

	// structure: multi-slot submissions, coverage, tracks of rooms
	var broken int64
	res.Structural, broken = multiSlotStructure(in, sc)
	res.Objective += res.Structural
	seen := make([]int, len(in.Submissions))
	for s := range S {
		for r := range R {
			for _, x := range sc.Subs[s][r] {
				if x < 0 {
					continue
				}
				seen[x]++
				if sc.Tracks[s][r] != in.Submissions[x].Track {
					res.HardDetail["submission in a room of another track"]++
				}
			}
		}
	}
	for x, n := range seen {
		if n != in.Submissions[x].Slots {
			if n == 0 {
				res.HardDetail["submission not scheduled"]++
			} else {
				res.HardDetail["submission scheduled with the wrong number of slots"]++
			}
		}
	}
	if broken > 0 {
		res.HardDetail["multi-slot submission split"] = broken
	}
	if c[PresentersConflicts] > 0 {
		res.HardDetail["presenter in two rooms in one session"] = c[PresentersConflicts]
	}
	if c[PresentersConflictsSlot] > 0 && in.Weights[PresentersConflictsSlot] > 0 && in.Weights[PresentersConflicts] == 0 {
		res.HardDetail["presenter in two rooms in one time slot"] = c[PresentersConflictsSlot]
	}
	for _, n := range res.HardDetail {
		res.Hard += n
	}
	return res
}

func containsInt(a []int, v int) bool {
	for _, x := range a {
		if x == v {
			return true
		}
	}
	return false
}

func containsSorted(a []int, v int) bool {
	lo, hi := 0, len(a)
	for lo < hi {
		m := (lo + hi) / 2
		if a[m] < v {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo < len(a) && a[lo] == v
}

// slotKey reproduces the checker's key for a time slot: the session's name
// followed by the slot number (two sessions can share a key, as there).
func slotKey(in *Instance, s, k int) string { return in.Sessions[s].Name + strconv.Itoa(k) }

func scoreOrder(in *Instance, sc *Schedule) int64 {
	var v int64
	perTrack := make([][]int, len(in.Tracks))
	perSlot := map[string][]int{}
	var keys []string
	for s := range in.Sessions {
		for k := range in.Sessions[s].MaxSlots {
			key := slotKey(in, s, k)
			if _, ok := perSlot[key]; !ok {
				perSlot[key] = nil
				keys = append(keys, key)
			}
		}
	}
	for s := range in.Sessions {
		for r := range in.Rooms {
			t := sc.Tracks[s][r]
			if t < 0 {
				continue
			}
			for k, x := range sc.Subs[s][r] {
				if x < 0 {
					continue
				}
				if !containsInt(perTrack[t], x) {
					perTrack[t] = append(perTrack[t], x)
				}
				key := slotKey(in, s, k)
				if !containsInt(perSlot[key], x) {
					perSlot[key] = append(perSlot[key], x)
				}
			}
		}
	}
	for _, key := range keys {
		subs := perSlot[key]
		for i := range subs {
			for j := i + 1; j < len(subs); j++ {
				a, b := in.Submissions[subs[i]], in.Submissions[subs[j]]
				if a.Track == b.Track && a.Order != 0 && b.Order != 0 {
					v++
				}
			}
		}
	}
	for t := range in.Tracks {
		for i, x := range perTrack[t] {
			if o := in.Submissions[x].Order; o != 0 && o != i+1 {
				v++
			}
		}
	}
	return v
}

func sessionConflicts(in *Instance, sc *Schedule, conf [][]int) int64 {
	var v int64
	type pair struct{ x, r int }
	for s := range in.Sessions {
		var ps []pair
		for r := range in.Rooms {
			for _, x := range sc.Subs[s][r] {
				if x < 0 || len(conf[x]) == 0 {
					continue
				}
				p := pair{x, r}
				dup := false
				for _, q := range ps {
					if q == p {
						dup = true
						break
					}
				}
				if !dup {
					ps = append(ps, p)
				}
			}
		}
		for i := range ps {
			for j := i + 1; j < len(ps); j++ {
				if ps[i].r != ps[j].r && containsSorted(conf[ps[j].x], ps[i].x) {
					v++
				}
			}
		}
	}
	return v
}

func slotConflicts(in *Instance, sc *Schedule, conf [][]int) int64 {
	var v int64
	perSlot := map[string][]int{}
	for s := range in.Sessions {
		for r := range in.Rooms {
			for k, x := range sc.Subs[s][r] {
				if x < 0 || len(conf[x]) == 0 {
					continue
				}
				key := slotKey(in, s, k)
				if !containsInt(perSlot[key], x) {
					perSlot[key] = append(perSlot[key], x)
				}
			}
		}
	}
	for s := range in.Sessions {
		for k := range in.Sessions[s].MaxSlots {
			subs := perSlot[slotKey(in, s, k)]
			for i := range subs {
				for j := i + 1; j < len(subs); j++ {
					if containsSorted(conf[subs[j]], subs[i]) {
						v++
					}
				}
			}
		}
	}
	return v
}

// multiSlotStructure returns the checker's structural penalty and how many
// placements of multi-slot submissions are broken (part of one in a room,
// or its slots not contiguous); unscheduled ones are counted elsewhere.
func multiSlotStructure(in *Instance, sc *Schedule) (int64, int64) {
	var v, broken int64
	unscheduled := false
	slotsOf := map[int][]int{}
	for x, sub := range in.Submissions {
		if sub.Slots > 1 {
			slotsOf[x] = nil
		}
	}
	for s := range in.Sessions {
		for r := range in.Rooms {
			count := map[int]int{}
			for k, x := range sc.Subs[s][r] {
				if x >= 0 && in.Submissions[x].Slots > 1 {
					count[x]++
					slotsOf[x] = append(slotsOf[x], k)
				}
			}
			for x, n := range count {
				if n != in.Submissions[x].Slots {
					v += 10_000_000
					broken++
				}
			}
		}
	}
	for x := range in.Submissions {
		ks, ok := slotsOf[x]
		if !ok {
			continue
		}
		if len(ks) == 0 {
			unscheduled = true // the checker then returns 10^9 alone
			continue
		}
		sum, want := 0, 0
		for _, k := range ks {
			sum += k
		}
		for k := ks[0]; k <= ks[len(ks)-1]; k++ {
			want += k
		}
		if sum != want {
			v += 1_000_000_000
			broken++
		}
	}
	if unscheduled {
		return 1_000_000_000, broken
	}
	return v, broken
}

// PublishedObjective is the objective as the solution workbooks published
// with the EJOR 2024 paper compute it (sheet `violations`). Those sheets were
// written by an earlier evaluator than the checker at HEAD: they itemise 12
// criteria (no parallel tracks, submission order, sessions-rooms
// unavailability, chair conflicts or time-slot conflicts), charge 10 per track
// whose sessions are not consecutive whatever the workbook's weight, and 1 ×
// weight per pair of similar tracks in parallel whatever the matrix entry.
func (r Result) PublishedObjective(in *Instance) int64 {
	w := in.Weights
	v := r.Weighted[TracksSessions] + r.Weighted[TracksRooms] +
		r.Weighted[SubmissionsTimezones] + r.Weighted[SubmissionsSessions] + r.Weighted[SubmissionsRooms] +
		10*r.Counts[ConsecutiveTracks] + w[SimilarTracks]*r.SimilarPairs +
		r.Weighted[RoomsPerTrack] + r.Weighted[PresentersConflicts] + r.Weighted[AttendeesConflicts]
	return v + r.Structural
}

// String formats a result briefly.
func (r Result) String() string {
	return fmt.Sprintf("objective %d, hard %d", r.Objective, r.Hard)
}
