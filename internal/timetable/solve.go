package timetable

import (
	"context"
	"math/rand/v2"
	"slices"
	"time"
)

// Options control Solve.
type Options struct {
	Seed      uint64
	TimeLimit time.Duration // 0 = no limit (then MaxIters must be set)
	MaxIters  int64         // 0 = no limit
	// History is the length of the late-acceptance list (default 5 per
	// submission, between 50 and 2000).
	History int
	// Progress, when set, is called about every ProgressEvery (default 1 s)
	// and once at the end with the best so far.
	Progress      func(Progress)
	ProgressEvery time.Duration
	// Now is the clock (default time.Now).
	Now func() time.Time
}

// Progress reports the state of a running search.
type Progress struct {
	Iterations int64
	Elapsed    time.Duration
	Objective  int64 // checker objective of the best schedule so far
	Hard       int64 // hard violations of the best schedule so far
	Done       bool
}

// Outcome is what Solve returns: the best schedule found and its score.
type Outcome struct {
	Schedule   *Schedule
	Result     Result
	Iterations int64
	Elapsed    time.Duration
}

const (
	// penalties the search adds on top of the checker's objective so that
	// hard rules dominate whatever the instance's weights are.
	unplacedPenalty  = int64(1) << 50
	presenterPenalty = int64(1) << 40
)

// state is the search's representation: each (session, room) cell holds an
// ordered list of submissions packed from the first slot; a cell's track is
// the track of its submissions (-1 when empty).
type state struct {
	in       *Instance
	S, R     int
	capOf    []int   // cell -> max slots
	track    []int   // cell -> track or -1
	subs     [][]int // cell -> submissions in slot order
	load     []int   // cell -> slots used
	loc      []int   // sub -> cell or -1
	tcells   [][]int // track -> its cells
	ordered  []bool  // track -> some of its talks have an order
	sessCost []int64 // session -> cost of everything local to it
	trkCost  []int64 // track -> rooms/consecutive/order cost
	unplaced int

	// scratch
	slotOf   []int // sub -> first slot (valid for subs of the session being evaluated)
	cnt      []int // track -> count (zeroed after use)
	sessSubs []int
}

func newState(in *Instance) *state {
	S, R := len(in.Sessions), len(in.Rooms)
	st := &state{in: in, S: S, R: R,
		capOf: make([]int, S*R), track: make([]int, S*R), subs: make([][]int, S*R), load: make([]int, S*R),
		loc: make([]int, len(in.Submissions)), tcells: make([][]int, len(in.Tracks)),
		sessCost: make([]int64, S), trkCost: make([]int64, len(in.Tracks)),
		slotOf: make([]int, len(in.Submissions)), cnt: make([]int, len(in.Tracks)),
	}
	for c := range st.track {
		st.track[c] = -1
		st.capOf[c] = in.Sessions[c/R].MaxSlots
	}
	for x := range st.loc {
		st.loc[x] = -1
	}
	st.ordered = make([]bool, len(in.Tracks))
	for _, sub := range in.Submissions {
		st.ordered[sub.Track] = st.ordered[sub.Track] || sub.Order != 0
	}
	st.unplaced = len(in.Submissions)
	return st
}

func (st *state) total() int64 {
	var v int64
	for _, c := range st.sessCost {
		v += c
	}
	for _, c := range st.trkCost {
		v += c
	}
	return v + int64(st.unplaced)*unplacedPenalty
}

func (st *state) recomputeAll() {
	for s := range st.S {
		st.sessCost[s] = st.sessionCost(s)
	}
	for t := range st.trkCost {
		st.trkCost[t] = st.trackCost(t)
	}
}

// insert puts x at position i of cell c.
func (st *state) insert(c, i, x int) {
	if len(st.subs[c]) == 0 {
		t := st.in.Submissions[x].Track
		st.track[c] = t
		st.tcells[t] = append(st.tcells[t], c)
	}
	st.subs[c] = slices.Insert(st.subs[c], i, x)
	st.load[c] += st.in.Submissions[x].Slots
	st.loc[x] = c
	st.unplaced--
}

// remove takes the submission at position i out of cell c.
func (st *state) remove(c, i int) int {
	x := st.subs[c][i]
	st.subs[c] = slices.Delete(st.subs[c], i, i+1)
	st.load[c] -= st.in.Submissions[x].Slots
	st.loc[x] = -1
	st.unplaced++
	if len(st.subs[c]) == 0 {
		t := st.track[c]
		st.track[c] = -1
		tc := st.tcells[t]
		for k, cc := range tc {
			if cc == c {
				tc[k] = tc[len(tc)-1]
				st.tcells[t] = tc[:len(tc)-1]
				break
			}
		}
	}
	return x
}

// swapCells exchanges the contents of two cells.
func (st *state) swapCells(a, b int) {
	ta, tb := st.track[a], st.track[b]
	st.subs[a], st.subs[b] = st.subs[b], st.subs[a]
	st.load[a], st.load[b] = st.load[b], st.load[a]
	st.track[a], st.track[b] = tb, ta
	for _, x := range st.subs[a] {
		st.loc[x] = a
	}
	for _, x := range st.subs[b] {
		st.loc[x] = b
	}
	if ta >= 0 {
		replaceCell(st.tcells[ta], a, -2)
	}
	if tb >= 0 {
		replaceCell(st.tcells[tb], b, a)
	}
	if ta >= 0 {
		replaceCell(st.tcells[ta], -2, b)
	}
}

func replaceCell(cells []int, from, to int) {
	for k, c := range cells {
		if c == from {
			cells[k] = to
			return
		}
	}
}

func (st *state) sessionCost(s int) int64 {
	in, R := st.in, st.R
	w := &in.Weights
	var v int64
	base := s * R
	st.sessSubs = st.sessSubs[:0]
	for r := range R {
		c := base + r
		t := st.track[c]
		if t < 0 {
			continue
		}
		v += w[TracksSessions]*in.TrackSession[t][s] + w[TracksRooms]*in.TrackRoom[t][r] + w[SessionsRooms]*in.SessionRoom[s][r]
		k := 0
		for _, x := range st.subs[c] {
			st.slotOf[x] = k
			k += in.Submissions[x].Slots
			v += w[SubmissionsTimezones]*in.SubTimezone[x][s] + w[SubmissionsSessions]*in.SubSession[x][s] + w[SubmissionsRooms]*in.SubRoom[x][r]
			st.sessSubs = append(st.sessSubs, x)
		}
	}
	if w[SimilarTracks] > 0 {
		var sim int64
		for r := range R {
			a := st.track[base+r]
			if a < 0 {
				continue
			}
			row := in.Similar[a]
			for r2 := r + 1; r2 < R; r2++ {
				if b := st.track[base+r2]; b >= 0 && b != a {
					sim += row[b]
				}
			}
		}
		v += w[SimilarTracks] * sim
	}
	if w[ParallelTracks] > 0 {
		var par int64
		for r := range R {
			if t := st.track[base+r]; t >= 0 {
				if st.cnt[t] > 0 {
					par++
				}
				st.cnt[t]++
			}
		}
		for r := range R {
			if t := st.track[base+r]; t >= 0 {
				st.cnt[t] = 0
			}
		}
		v += w[ParallelTracks] * par
	}
	if w[ChairsConflicts] > 0 {
		var ch int64
		for r := range R {
			a := st.track[base+r]
			if a < 0 || len(in.ChairConflicts[a]) == 0 {
				continue
			}
			for r2 := r + 1; r2 < R; r2++ {
				if b := st.track[base+r2]; b >= 0 && containsSorted(in.ChairConflicts[a], b) {
					ch++
				}
			}
		}
		v += w[ChairsConflicts] * ch
	}
	// conflicts between submissions of this session
	conflicts := func(lists [][]int, wS, wT int64, hard bool) {
		var ses, slot int64
		for _, x := range st.sessSubs {
			cx := st.loc[x]
			for _, y := range lists[x] {
				if y <= x {
					continue
				}
				cy := st.loc[y]
				if cy < 0 || cy/R != s || cy == cx {
					continue
				}
				ses++
				if wT > 0 {
					a0, a1 := st.slotOf[x], st.slotOf[x]+in.Submissions[x].Slots
					b0, b1 := st.slotOf[y], st.slotOf[y]+in.Submissions[y].Slots
					if lo, hi := max(a0, b0), min(a1, b1); hi > lo {
						slot += int64(hi - lo)
					}
				}
			}
		}
		v += wS*ses + wT*slot
		if hard {
			v += presenterPenalty * ses
		}
	}
	conflicts(in.PresenterConflicts, w[PresentersConflicts], w[PresentersConflictsSlot], true)
	if w[AttendeesConflicts] > 0 || w[AttendeesConflictsSlot] > 0 {
		conflicts(in.AttendeeConflicts, w[AttendeesConflicts], w[AttendeesConflictsSlot], false)
	}
	if w[SubmissionsOrder] > 0 {
		// pairs of ordered submissions of one track in the same time slot
		var o int64
		subs := st.sessSubs
		for i, x := range subs {
			sx := in.Submissions[x]
			if sx.Order == 0 {
				continue
			}
			for _, y := range subs[i+1:] {
				sy := in.Submissions[y]
				if sy.Order == 0 || sy.Track != sx.Track || st.loc[x] == st.loc[y] {
					continue
				}
				a0, a1 := st.slotOf[x], st.slotOf[x]+sx.Slots
				b0, b1 := st.slotOf[y], st.slotOf[y]+sy.Slots
				if lo, hi := max(a0, b0), min(a1, b1); hi > lo {
					o += int64(hi - lo)
				}
			}
		}
		v += w[SubmissionsOrder] * o
	}
	return v
}

func (st *state) trackCost(t int) int64 {
	cells := st.tcells[t]
	if len(cells) == 0 {
		return 0
	}
	slices.Sort(cells)
	w := &st.in.Weights
	var v int64
	R := st.R
	if w[RoomsPerTrack] > 0 && len(cells) > 1 {
		n := 0
		for i, c := range cells {
			seen := false
			for _, d := range cells[:i] {
				if d%R == c%R {
					seen = true
					break
				}
			}
			if !seen {
				n++
			}
		}
		v += w[RoomsPerTrack] * int64(n-1)
	}
	if w[ConsecutiveTracks] > 0 && len(cells) > 1 {
		prev := cells[0] / R
		for _, c := range cells[1:] {
			s := c / R
			if s > prev+1 {
				v += w[ConsecutiveTracks]
				break
			}
			prev = s
		}
	}
	if w[SubmissionsOrder] > 0 {
		i := 0
		var o int64
		for _, c := range cells {
			for _, x := range st.subs[c] {
				i++
				if ord := st.in.Submissions[x].Order; ord != 0 && ord != i {
					o++
				}
			}
		}
		v += w[SubmissionsOrder] * o
	}
	return v
}

// schedule converts the state to the checker's layout.
func (st *state) schedule() *Schedule {
	sc := NewSchedule(st.in)
	for c, t := range st.track {
		s, r := c/st.R, c%st.R
		sc.Tracks[s][r] = t
		k := 0
		for _, x := range st.subs[c] {
			for range st.in.Submissions[x].Slots {
				sc.Subs[s][r][k] = x
				k++
			}
		}
	}
	return sc
}

// construct places the submissions track by track, biggest first, keeping a
// track in one room and in adjacent sessions where it can. It tries several
// random orders and keeps the one that leaves the fewest slots unplaced.
func construct(in *Instance, rng *rand.Rand, deadline func() bool) *state {
	var best *state
	bestLeft := -1
	order := make([]int, len(in.Tracks))
	for i := range order {
		order[i] = i
	}
	need := make([]int, len(in.Tracks))
	for t, tr := range in.Tracks {
		for _, x := range tr.Subs {
			need[t] += in.Submissions[x].Slots
		}
	}
	for attempt := 0; attempt < 500; attempt++ {
		st := newState(in)
		if attempt == 0 {
			slices.SortStableFunc(order, func(a, b int) int { return need[b] - need[a] })
		} else {
			rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
			slices.SortStableFunc(order, func(a, b int) int { return (need[b] - need[a]) / 3 })
		}
		left := 0
		for _, t := range order {
			subs := slices.Clone(in.Tracks[t].Subs)
			slices.SortStableFunc(subs, func(a, b int) int { return in.Submissions[b].Slots - in.Submissions[a].Slots })
			for _, x := range subs {
				k := in.Submissions[x].Slots
				c := st.pickCell(t, k, rng, attempt > 0)
				if c < 0 {
					left += k
					continue
				}
				st.insert(c, len(st.subs[c]), x)
			}
		}
		if bestLeft < 0 || left < bestLeft {
			best, bestLeft = st, left
		}
		if left == 0 || deadline() {
			break
		}
	}
	// order within cells by the submissions' Order
	for c := range best.subs {
		slices.SortStableFunc(best.subs[c], func(a, b int) int { return in.Submissions[a].Order - in.Submissions[b].Order })
	}
	best.recomputeAll()
	return best
}

// pickCell chooses where a submission of track t needing k slots goes: an
// open cell of the track with room (tightest fit), else an empty cell, in the
// track's room and next to its sessions if possible.
func (st *state) pickCell(t, k int, rng *rand.Rand, random bool) int {
	best, bestFree := -1, 1<<30
	for _, c := range st.tcells[t] {
		if free := st.capOf[c] - st.load[c]; free >= k && free < bestFree {
			best, bestFree = c, free
		}
	}
	if best >= 0 {
		return best
	}
	bestScore := -1 << 62
	for c := range st.track {
		if st.track[c] >= 0 || st.capOf[c] < k {
			continue
		}
		s, r := c/st.R, c%st.R
		score := 0
		for _, d := range st.tcells[t] {
			if d%st.R == r {
				score += 100
			}
			if ds := d/st.R - s; ds == 1 || ds == -1 {
				score += 50
			}
			if d/st.R == s {
				score -= 200
			}
		}
		score -= int(st.in.TrackSession[t][s]+st.in.TrackRoom[t][r]+st.in.SessionRoom[s][r]) * 1000
		score -= st.capOf[c] // prefer small cells, keep big ones for big tracks
		if random {
			score += rng.IntN(60)
		}
		if score > bestScore {
			best, bestScore = c, score
		}
	}
	return best
}

// Solve constructs a schedule and improves it by late-acceptance hill
// climbing over four moves (move a submission, swap two submissions of a
// track, swap two (session, room) cells, reorder within a cell), evaluating
// each move by recomputing only the sessions and tracks it touches. The run is
// deterministic for a seed and iteration count; with a time limit it stops at
// the limit and returns the best schedule seen.
func Solve(ctx context.Context, in *Instance, opt Options) Outcome {
	now := opt.Now
	if now == nil {
		now = time.Now
	}
	start := now()
	elapsed := func() time.Duration { return now().Sub(start) }
	over := func() bool {
		return (opt.TimeLimit > 0 && elapsed() >= opt.TimeLimit) || ctx.Err() != nil
	}
	rng := rand.New(rand.NewPCG(opt.Seed, opt.Seed^0x9e3779b97f4a7c15))
	st := construct(in, rng, func() bool { return opt.TimeLimit > 0 && elapsed() >= opt.TimeLimit/10 })

	L := opt.History
	if L <= 0 {
		L = min(2000, max(50, 5*len(in.Submissions)))
	}
	cur := st.total()
	// When the search has not improved for a while it is stuck (late
	// acceptance has converged to hill climbing): a kick of random moves,
	// accepted whatever they cost, moves it elsewhere; the best is kept.
	la := newLateAcceptance(L, cur, int64(max(20*L, 1000)), func(rng *rand.Rand) int { return 3 + rng.IntN(8+len(in.Submissions)/20) })
	bestTotal := cur
	bestSched := st.schedule()
	every := opt.ProgressEvery
	if every <= 0 {
		every = time.Second
	}
	lastReport := time.Duration(0)
	report := func(iter int64, done bool) {
		if opt.Progress == nil {
			return
		}
		res := Score(in, bestSched)
		opt.Progress(Progress{Iterations: iter, Elapsed: elapsed(), Objective: res.Objective, Hard: res.Hard, Done: done})
	}

	nsub := len(in.Submissions)
	ncell := st.S * st.R
	sessTouched, oldSess := make([]int, 0, st.S), make([]int64, 0, st.S)
	trkTouched, oldTrk := make([]int, 0, len(in.Tracks)), make([]int64, 0, len(in.Tracks))
	sessMark, trkMark := make([]int64, st.S), make([]int64, len(in.Tracks))
	for opt.MaxIters == 0 || la.iter < opt.MaxIters {
		iter := la.iter
		kicking := la.begin(rng)
		if iter&1023 == 0 {
			if over() || (opt.TimeLimit == 0 && opt.MaxIters == 0) {
				break
			}
			if e := elapsed(); e-lastReport >= every {
				lastReport = e
				report(iter, false)
			}
		}
		// choose and apply a move; undo restores it
		var undo func()
		stamp := iter + 1
		sessTouched, oldSess = sessTouched[:0], oldSess[:0]
		trkTouched, oldTrk = trkTouched[:0], oldTrk[:0]
		touchS := func(s int) {
			if sessMark[s] != stamp {
				sessMark[s] = stamp
				sessTouched = append(sessTouched, s)
				oldSess = append(oldSess, st.sessCost[s])
			}
		}
		touchT := func(t int) {
			if t >= 0 && trkMark[t] != stamp {
				trkMark[t] = stamp
				trkTouched = append(trkTouched, t)
				oldTrk = append(oldTrk, st.trkCost[t])
			}
		}
		oldUnplaced := st.unplaced
		switch m := rng.IntN(10); {
		case kicking && m < 3: // during a kick: take a submission out (it is put back by later moves)
			x := rng.IntN(nsub)
			from := st.loc[x]
			if from < 0 {
				la.skip()
				continue
			}
			pos := slices.Index(st.subs[from], x)
			touchS(from / st.R)
			touchT(in.Submissions[x].Track)
			st.remove(from, pos)
			undo = func() { st.insert(from, pos, x) }
		case m < 5: // move one submission
			x := rng.IntN(nsub)
			if st.unplaced > 0 && rng.IntN(3) == 0 {
				for y := range nsub {
					if st.loc[(x+y)%nsub] < 0 {
						x = (x + y) % nsub
						break
					}
				}
			}
			sub := in.Submissions[x]
			from := st.loc[x]
			var to int
			if cells := st.tcells[sub.Track]; len(cells) > 0 && rng.IntN(4) != 0 {
				to = cells[rng.IntN(len(cells))]
			} else {
				to = rng.IntN(ncell)
				if st.track[to] >= 0 && st.track[to] != sub.Track {
					la.skip()
					continue
				}
			}
			free := st.capOf[to] - st.load[to]
			if to != from && free < sub.Slots {
				la.skip()
				continue
			}
			fromPos := -1
			if from >= 0 {
				fromPos = slices.Index(st.subs[from], x)
				touchS(from / st.R)
			}
			touchS(to / st.R)
			touchT(sub.Track)
			if from >= 0 {
				st.remove(from, fromPos)
			}
			pos := rng.IntN(len(st.subs[to]) + 1)
			st.insert(to, pos, x)
			undo = func() {
				st.remove(to, pos)
				if from >= 0 {
					st.insert(from, fromPos, x)
				}
			}
		case m < 7: // swap two submissions of one track
			x := rng.IntN(nsub)
			t := in.Submissions[x].Track
			ts := in.Tracks[t].Subs
			y := ts[rng.IntN(len(ts))]
			a, b := st.loc[x], st.loc[y]
			if x == y || a < 0 || b < 0 {
				la.skip()
				continue
			}
			sx, sy := in.Submissions[x].Slots, in.Submissions[y].Slots
			if a != b && (st.load[a]-sx+sy > st.capOf[a] || st.load[b]-sy+sx > st.capOf[b]) {
				la.skip()
				continue
			}
			touchS(a / st.R)
			touchS(b / st.R)
			touchT(t)
			i, j := slices.Index(st.subs[a], x), slices.Index(st.subs[b], y)
			swap := func() {
				st.subs[a][i], st.subs[b][j] = st.subs[b][j], st.subs[a][i]
				st.loc[st.subs[a][i]], st.loc[st.subs[b][j]] = a, b
				if a != b {
					d := sy - sx
					if st.subs[a][i] == x {
						d = -d
					}
					st.load[a] += d
					st.load[b] -= d
				}
			}
			swap()
			undo = swap
		case m == 7: // move a track into one room: swap its cells with the cells of that room in the same sessions
			x := rng.IntN(nsub)
			t := in.Submissions[x].Track
			if len(st.tcells[t]) == 0 {
				la.skip()
				continue
			}
			var r2 int
			if rng.IntN(2) == 0 {
				r2 = st.tcells[t][rng.IntN(len(st.tcells[t]))] % st.R
			} else {
				r2 = rng.IntN(st.R)
			}
			var pairs [][2]int
			for _, c := range slices.Clone(st.tcells[t]) {
				s := c / st.R
				d := s*st.R + r2
				if d == c || st.track[d] == t {
					continue
				}
				pairs = append(pairs, [2]int{c, d})
			}
			if len(pairs) == 0 {
				la.skip()
				continue
			}
			touchT(t)
			for _, pr := range pairs {
				touchS(pr[0] / st.R)
				touchT(st.track[pr[1]])
				st.swapCells(pr[0], pr[1])
			}
			undo = func() {
				for k := len(pairs) - 1; k >= 0; k-- {
					st.swapCells(pairs[k][0], pairs[k][1])
				}
			}
		default: // swap two cells
			var a, b int
			switch rng.IntN(3) {
			case 0: // bring a cell of a track next to another of its cells, in that cell's room
				t := in.Submissions[rng.IntN(nsub)].Track
				cells := st.tcells[t]
				if len(cells) < 2 {
					la.skip()
					continue
				}
				a = cells[rng.IntN(len(cells))]
				o := cells[rng.IntN(len(cells))]
				s2 := o/st.R + 2*rng.IntN(2) - 1
				if a == o || s2 < 0 || s2 >= st.S {
					la.skip()
					continue
				}
				b = s2*st.R + o%st.R
			case 1:
				a, b = st.loc[rng.IntN(nsub)], rng.IntN(ncell)
			default:
				a, b = rng.IntN(ncell), rng.IntN(ncell)
			}
			if a < 0 || a == b || (st.track[a] < 0 && st.track[b] < 0) {
				la.skip()
				continue
			}
			if st.load[a] > st.capOf[b] || st.load[b] > st.capOf[a] {
				la.skip()
				continue
			}
			touchS(a / st.R)
			touchS(b / st.R)
			touchT(st.track[a])
			touchT(st.track[b])
			st.swapCells(a, b)
			// A cell that changes session suits other talks of its track
			// than the ones it holds: reassign the talks of both tracks
			// among their cells before judging the move.
			var swaps [][4]int
			for _, t := range [2]int{st.track[a], st.track[b]} {
				if t >= 0 {
					swaps = st.repairTrack(t, swaps)
				}
			}
			for _, m := range swaps { // the cached costs are still those before the move
				touchS(m[0] / st.R)
				touchS(m[2] / st.R)
			}
			undo = func() {
				for k := len(swaps) - 1; k >= 0; k-- {
					st.swapSubs(swaps[k])
				}
				st.swapCells(a, b)
			}
		}
		var delta int64
		for i, s := range sessTouched {
			st.sessCost[s] = st.sessionCost(s)
			delta += st.sessCost[s] - oldSess[i]
		}
		for i, t := range trkTouched {
			st.trkCost[t] = st.trackCost(t)
			delta += st.trkCost[t] - oldTrk[i]
		}
		delta += int64(st.unplaced-oldUnplaced) * unplacedPenalty
		if la.accept(la.cur + delta) {
			if la.cur < bestTotal {
				bestTotal = la.cur
				bestSched = st.schedule()
			}
		} else {
			undo()
			for i, s := range sessTouched {
				st.sessCost[s] = oldSess[i]
			}
			for i, t := range trkTouched {
				st.trkCost[t] = oldTrk[i]
			}
		}
	}
	iter := la.iter
	res := Score(in, bestSched)
	out := Outcome{Schedule: bestSched, Result: res, Iterations: iter, Elapsed: elapsed()}
	if opt.Progress != nil {
		opt.Progress(Progress{Iterations: iter, Elapsed: out.Elapsed, Objective: res.Objective, Hard: res.Hard, Done: true})
	}
	return out
}

// placeCost is what talk x costs in cell c by itself (time zone, session
// and room preferences).
func (st *state) placeCost(x, c int) int64 {
	in, w := st.in, &st.in.Weights
	s, r := c/st.R, c%st.R
	return w[SubmissionsTimezones]*in.SubTimezone[x][s] + w[SubmissionsSessions]*in.SubSession[x][s] + w[SubmissionsRooms]*in.SubRoom[x][r]
}

// swapSubs exchanges talk i of cell a with talk j of cell b (same length).
func (st *state) swapSubs(m [4]int) {
	a, i, b, j := m[0], m[1], m[2], m[3]
	st.subs[a][i], st.subs[b][j] = st.subs[b][j], st.subs[a][i]
	st.loc[st.subs[a][i]], st.loc[st.subs[b][j]] = a, b
}

// repairTrack reassigns the talks of track t among its cells by exchanges
// of talks of the same length that lower their own costs, until none does
// (at most a few passes), appending the exchanges made to swaps. Tracks
// whose talks have an order are left alone.
func (st *state) repairTrack(t int, swaps [][4]int) [][4]int {
	if st.ordered[t] {
		return swaps // exchanges would break the order of its talks
	}
	cells := st.tcells[t]
	for pass := 0; pass < 3; pass++ {
		improved := false
		for ai, a := range cells {
			for _, b := range cells[ai+1:] {
				for i, x := range st.subs[a] {
					for j, y := range st.subs[b] {
						if st.in.Submissions[x].Slots != st.in.Submissions[y].Slots {
							continue
						}
						if st.placeCost(x, b)+st.placeCost(y, a) < st.placeCost(x, a)+st.placeCost(y, b) {
							m := [4]int{a, i, b, j}
							st.swapSubs(m)
							swaps = append(swaps, m)
							improved = true
							x = st.subs[a][i]
						}
					}
				}
			}
		}
		if !improved {
			break
		}
	}
	return swaps
}

// stateOf builds the search state of a schedule in the checker's layout
// (submissions of a cell taken in slot order). Submissions in a cell of
// another track or split across cells are left unplaced.
func stateOf(in *Instance, sc *Schedule) *state {
	st := newState(in)
	for s := range in.Sessions {
		for r := range in.Rooms {
			c := s*st.R + r
			for _, x := range sc.Subs[s][r] {
				if x < 0 || st.loc[x] >= 0 || in.Submissions[x].Track != sc.Tracks[s][r] {
					continue
				}
				if st.load[c]+in.Submissions[x].Slots > st.capOf[c] {
					continue
				}
				st.insert(c, len(st.subs[c]), x)
			}
		}
	}
	st.recomputeAll()
	return st
}
