package meetings

import (
	"context"
	"math"
	"math/bits"
	"math/rand/v2"
	"slices"
	"sync"
	"sync/atomic"
	"time"
)

// Options control Solve.
type Options struct {
	// D is the fairness bound: max − min breaks over participants ≤ D.
	// The solver enforces the stricter max ≤ D (equivalent whenever some
	// participant has at most one meeting, as in every benchmark file).
	D int
	// Seed makes the search reproducible.
	Seed uint64
	// TimeLimit stops the search (0 = none). The search also stops as soon
	// as it reaches the lower bound.
	TimeLimit time.Duration
	// MaxIterations stops the search after that many moves (0 = none).
	// With a MaxIterations and no TimeLimit, Solve is deterministic for a seed.
	MaxIterations int64
	// ExactConflicts, when there is no TimeLimit, runs the exact method
	// after the local search for at most that many conflicts (0 = not at
	// all). With a TimeLimit the exact method runs beside the local search
	// until the limit, in one worker's place (its two formulas in goroutines
	// of their own), and the local search stops after a tenth of the limit
	// (see localShareOfExact).
	ExactConflicts int64
	// Progress, when set, is called now and then (by one local search
	// goroutine, then once at the end; never concurrently). Beside the exact
	// method the calls pause once the local search stops.
	Progress func(Progress)
	// Workers is the number of independent searches run in parallel (at
	// least 1); the best schedule wins. With MaxIterations and no TimeLimit
	// the result is deterministic for a seed whatever the number of workers,
	// unless a worker reaches the bound and stops the others.
	Workers int
	// Now is the clock (time.Now when nil).
	Now func() time.Time
}

// Progress is a snapshot of a running search.
type Progress struct {
	Iterations int64
	// Conflicts are those the exact method has spent when it runs after
	// the local search (Options.ExactConflicts without a TimeLimit).
	Conflicts int64
	Elapsed   time.Duration
	Best      int // best total breaks of a complete, feasible schedule; -1 = none yet
	Bound     int // no schedule has fewer breaks
}

// Result is a schedule and what is known about it.
type Result struct {
	Slot  []int // per meeting: slot 1..Slots; 0 = not scheduled
	Table []int // per meeting: table 1..Tables; 0 = not scheduled

	Breaks      int   // total breaks
	PerPerson   []int // breaks per participant
	MaxMinusMin int
	// Unscheduled lists the meetings left out because not all fit (lowest
	// priority first out).
	Unscheduled []int
	// Complete: every meeting has a slot, all hard rules hold and fairness holds.
	Complete bool
	// Optimal: Complete and Breaks equals a proven lower bound.
	Optimal    bool
	LowerBound int
	// ProvenInfeasible: no complete schedule exists (a participant's meetings
	// cannot get distinct allowed slots, a meeting has no allowed slot, or
	// fairness cannot hold); Reason says which.
	ProvenInfeasible bool
	Reason           string
	// TableChanges counts, over participants, how often consecutive meetings
	// of a participant are at different tables.
	TableChanges int
	Iterations   int64
	Elapsed      time.Duration
}

// weights of the search cost: a hard violation, a break, an idle slot
const (
	hardWeight  = 20
	breakWeight = 4
	idleWeight  = 1
)

type state struct {
	in      *Instance
	nm, ns  int
	cap     int
	d       int
	dom     []uint64
	domList [][]int
	parts   [][2]int
	pred    [][]int
	succ    [][]int
	by      [][]int

	slot   []int
	cnt    []int16 // participant*ns + (t-1)
	occ    []uint64
	conf   []int // per participant: Σ max(0, cnt−1)
	load   []int // per slot 1..ns
	inSlot [][]int
	pos    []int // position of meeting in inSlot[slot]

	breaks, hard int
	fair         int // the fairness part of hard
	idle         int // idle slots inside participants' days: shapes the search
	wb, wi       int

	hw, chainMax int
	seen         []uint32
	mark         uint32
}

func newState(in *Instance, d int) *state {
	s := &state{in: in, nm: len(in.Meetings), ns: in.Slots, cap: in.Tables, d: d}
	s.dom = make([]uint64, s.nm)
	s.domList = make([][]int, s.nm)
	s.parts = make([][2]int, s.nm)
	s.pred = make([][]int, s.nm)
	s.succ = make([][]int, s.nm)
	for m, mt := range in.Meetings {
		s.dom[m] = in.domain(m)
		for t := 1; t <= s.ns; t++ {
			if s.dom[m]&(1<<(t-1)) != 0 {
				s.domList[m] = append(s.domList[m], t)
			}
		}
		s.parts[m] = [2]int{mt.A, mt.B}
		for _, q := range mt.After {
			s.pred[m] = append(s.pred[m], q)
			s.succ[q] = append(s.succ[q], m)
		}
	}
	s.by = in.byParticipant()
	s.slot = make([]int, s.nm)
	s.cnt = make([]int16, in.Participants*s.ns)
	s.occ = make([]uint64, in.Participants)
	s.conf = make([]int, in.Participants)
	s.load = make([]int, s.ns+1)
	s.inSlot = make([][]int, s.ns+1)
	s.pos = make([]int, s.nm)
	s.seen = make([]uint32, s.nm)
	s.hw, s.wb, s.wi, s.chainMax = hardWeight, breakWeight, idleWeight, 1000
	return s
}

func hOf(occ uint64) int {
	runs := bits.OnesCount64(occ &^ (occ << 1))
	if runs <= 1 {
		return 0
	}
	return runs - 1
}

// pcost is the cost attributed to participant p.
func (s *state) pcost(p int) (br, hard, fair, idle int) {
	o := s.occ[p]
	h := hOf(o)
	if o != 0 {
		idle = 64 - bits.LeadingZeros64(o) - bits.TrailingZeros64(o) - bits.OnesCount64(o)
	}
	hard = s.conf[p]
	if h > s.d {
		fair = h - s.d
	}
	return h, hard + fair, fair, idle
}

func (s *state) loadHard(t int) int {
	if t == 0 || s.load[t] <= s.cap {
		return 0
	}
	return s.load[t] - s.cap
}

func (s *state) precHard(m int) int {
	t := s.slot[m]
	if t == 0 {
		return 0
	}
	v := 0
	for _, q := range s.pred[m] {
		if s.slot[q] != 0 && s.slot[q] >= t {
			v++
		}
	}
	for _, q := range s.succ[m] {
		if s.slot[q] != 0 && s.slot[q] <= t {
			v++
		}
	}
	return v
}

func (s *state) local(m, t0, t1 int) (br, hard, fair, idle int) {
	for _, p := range s.parts[m] {
		b, h, f, i := s.pcost(p)
		br += b
		hard += h
		fair += f
		idle += i
	}
	hard += s.loadHard(t0) + s.precHard(m)
	if t1 != t0 {
		hard += s.loadHard(t1)
	}
	return br, hard, fair, idle
}

// place moves meeting m to slot t (0 = unscheduled) and updates the totals.
func (s *state) place(m, t int) {
	old := s.slot[m]
	if old == t {
		return
	}
	b0, h0, f0, i0 := s.local(m, old, t)
	if old != 0 {
		for _, p := range s.parts[m] {
			i := p*s.ns + old - 1
			s.cnt[i]--
			if s.cnt[i] >= 1 {
				s.conf[p]--
			} else {
				s.occ[p] &^= 1 << (old - 1)
			}
		}
		s.load[old]--
		l := s.inSlot[old]
		last := l[len(l)-1]
		l[s.pos[m]] = last
		s.pos[last] = s.pos[m]
		s.inSlot[old] = l[:len(l)-1]
	}
	s.slot[m] = t
	if t != 0 {
		for _, p := range s.parts[m] {
			i := p*s.ns + t - 1
			s.cnt[i]++
			if s.cnt[i] >= 2 {
				s.conf[p]++
			} else {
				s.occ[p] |= 1 << (t - 1)
			}
		}
		s.load[t]++
		s.pos[m] = len(s.inSlot[t])
		s.inSlot[t] = append(s.inSlot[t], m)
	}
	b1, h1, f1, i1 := s.local(m, old, t)
	s.idle += i1 - i0
	s.breaks += b1 - b0
	s.hard += h1 - h0
	s.fair += f1 - f0
}

// cost is what the search minimises: breaks, shaped by the idle slots so
// that shrinking a gap pays before it closes, and hard violations.
func (s *state) cost() int { return s.wb*s.breaks + s.wi*s.idle + s.hw*s.hard }

// better reports whether the current schedule beats (hard, breaks).
func (s *state) better(hard, breaks int) bool {
	return s.hard < hard || s.hard == hard && s.breaks < breaks
}

// greedy places meetings one by one, most constrained first, each where it
// adds the least cost.
func (s *state) greedy(rng *rand.Rand) {
	order := make([]int, s.nm)
	for i := range order {
		order[i] = i
	}
	rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
	slices.SortStableFunc(order, func(a, b int) int { return len(s.domList[a]) - len(s.domList[b]) })
	for _, m := range order {
		if len(s.domList[m]) == 0 {
			continue
		}
		best, bestC := 0, math.MaxInt
		for _, t := range s.domList[m] {
			s.place(m, t)
			c := s.cost()*16 + rng.IntN(16)
			if c < bestC {
				best, bestC = t, c
			}
		}
		s.place(m, best)
	}
}

// localShareOfExact: beside the exact method, the local search runs for
// the first 1/localShareOfExact of the time limit and then leaves the cores
// to the two formulas. Its first schedules start the formulas off; after
// that, on the hard benchmark files, it stalls (8 and 11 breaks on the two
// crafted originals, whose optima are 3 and 6) while the formulas improve:
// with a tenth of the time the 20 originals were all proven optimal in two
// runs of 10 s each (18 with the local search to the end); forum-13crafb
// within 10 s in 14 of 17 runs, ticf-13crafb in 8 of 17, on the build that
// made this change (docs/benchmarks.md).
const localShareOfExact = 10

// Solve schedules the instance. It returns an error only for an invalid
// instance (see Instance.Validate); an instance that cannot be scheduled
// completely yields a Result with Complete false, the meetings left out in
// Unscheduled and, when the package can prove it, ProvenInfeasible. A
// cancelled context stops the search early with the best schedule so far.
func Solve(ctx context.Context, in *Instance, opt Options) (*Result, error) {
	if err := in.Validate(); err != nil {
		return nil, err
	}
	now := opt.Now
	if now == nil {
		now = time.Now
	}
	start := now()
	res := &Result{}
	b := LowerBound(in, opt.D)
	res.LowerBound = b.Breaks
	switch {
	case len(b.EmptyDomain) > 0:
		res.ProvenInfeasible = true
		res.Reason = reasonMeetings("meetings with no allowed slot", b.EmptyDomain)
	case len(b.Overfull) > 0:
		res.ProvenInfeasible = true
		res.Reason = reasonMeetings("participants with more meetings than allowed slots", b.Overfull)
	case b.FairnessInfeasible:
		res.ProvenInfeasible = true
		res.Reason = "fairness: some participant cannot have fewer breaks than the bound d allows"
	}

	deadline := time.Time{}
	if opt.TimeLimit > 0 {
		limit := opt.TimeLimit
		if res.ProvenInfeasible {
			// no complete schedule exists: spend a tenth of the time on the best partial one
			limit /= 10
		}
		deadline = start.Add(limit)
	}
	best := &incumbent{breaks: -1}
	useExact := !res.ProvenInfeasible && b.FairnessIsMax && (opt.TimeLimit > 0 || opt.ExactConflicts > 0) && !exactTooLarge(in)
	concurrent := useExact && opt.TimeLimit > 0
	workers := max(opt.Workers, 1)
	if concurrent && workers > 1 {
		workers-- // the exact method takes one worker's place
	}
	localEnd := deadline
	if concurrent {
		localEnd = start.Add(opt.TimeLimit / localShareOfExact)
	}
	var done atomic.Bool
	runs := make([]*search, workers)
	var wg sync.WaitGroup
	for w := range runs {
		runs[w] = &search{
			s: newState(in, opt.D), rng: rand.New(rand.NewPCG(opt.Seed, 0x9e3779b97f4a7c15+uint64(w))),
			target: b.Breaks, proven: res.ProvenInfeasible, deadline: localEnd, now: now, done: &done,
			maxIter: opt.MaxIterations, shared: best,
			kempePct: moveMixes[w%len(moveMixes)][0], focusPct: moveMixes[w%len(moveMixes)][1],
		}
		if w == 0 && opt.Progress != nil {
			runs[w].progress = func(iters int64, best int) {
				opt.Progress(Progress{Iterations: iters, Elapsed: now().Sub(start), Best: best, Bound: b.Breaks})
			}
		}
		wg.Go(func() { runs[w].run(ctx) })
	}
	var ex *exactRun
	if useExact {
		ex = &exactRun{in: in, d: opt.D, lb: b.Breaks, best: best, done: &done, parallel: concurrent}
		if concurrent {
			// give the local search a moment to find a first schedule: the
			// formula starts from it and counts breaks only up to it
			waitUntil := start.Add(opt.TimeLimit / 20)
			ex.wait = func() bool { _, ub := best.get(); return ub < 0 && now().Before(waitUntil) }
			// the deadline stops the formulas through their context,
			// which the solver reads every 100 conflicts
			exCtx, cancel := context.WithTimeout(ctx, deadline.Sub(now()))
			wg.Go(func() { defer cancel(); ex.run(exCtx) })
		} else {
			ex.budget = opt.ExactConflicts
		}
	}
	wg.Wait()
	win := runs[0]
	var iters int64
	for _, r := range runs {
		iters += r.iters
		if r.bestHard < win.bestHard || r.bestHard == win.bestHard && r.bestBreaks < win.bestBreaks {
			win = r
		}
	}
	if useExact && !concurrent {
		if opt.Progress != nil {
			ex.progress = func(conflicts int64) {
				_, ub := best.get()
				opt.Progress(Progress{Iterations: iters, Conflicts: conflicts, Elapsed: now().Sub(start), Best: ub, Bound: ex.bound()})
			}
		}
		ex.run(ctx) // after the local search, so that the result is deterministic
	}
	s := win.s
	for m, t := range win.best {
		s.place(m, t)
	}
	if slots, breaks := best.get(); breaks >= 0 && (s.hard > 0 || breaks < s.breaks) {
		for m, t := range slots {
			s.place(m, t)
		}
	}
	if ex != nil && !ex.broken {
		res.LowerBound = max(res.LowerBound, ex.lowerBound)
		if ex.infeasible {
			res.ProvenInfeasible = true
			res.Reason = "no schedule meets every rule (proven by the exact method)"
		}
	}
	// small fairs: settle optimality (or infeasibility) by exhaustive search
	settled := s.hard == 0 && s.breaks == res.LowerBound || res.ProvenInfeasible
	if len(in.Meetings) <= exhaustiveMeetings && !settled {
		ex, exBreaks, finished := exhaustive(in, opt.D)
		switch {
		case finished && ex == nil:
			res.ProvenInfeasible = true
			res.Reason = "exhaustive search: no schedule meets every rule"
		case finished:
			for m, t := range ex {
				s.place(m, t)
			}
			res.LowerBound = exBreaks
		case ex != nil && (s.hard > 0 || exBreaks < s.breaks):
			for m, t := range ex {
				s.place(m, t)
			}
		}
	}
	s.repair(in)
	res.Slot = slices.Clone(s.slot)
	res.Iterations = iters
	finish(in, s, res, opt.D)
	res.Optimal = res.Complete && res.Breaks == res.LowerBound
	res.Elapsed = now().Sub(start)
	if opt.Progress != nil {
		best := -1
		if res.Complete {
			best = res.Breaks
		}
		var conflicts int64
		if ex != nil {
			conflicts = ex.conflicts
		}
		opt.Progress(Progress{Iterations: iters, Conflicts: conflicts, Elapsed: res.Elapsed, Best: best, Bound: res.LowerBound})
	}
	return res, nil
}

// repair removes meetings until no hard rule is broken (lowest priority and
// most conflicting first), then puts back every removed meeting that fits.
func (s *state) repair(in *Instance) {
	prio := func(m int) int {
		if p := in.Meetings[m].Priority; p > 0 {
			return p
		}
		return 1
	}
	// fairness is not repaired by dropping meetings: a schedule that
	// breaks only fairness is reported incomplete as it is
	for s.hard-s.fair > 0 {
		worst, worstScore := -1, 0
		for m := range s.slot {
			if s.slot[m] == 0 {
				continue
			}
			// only clashes, capacity and precedences count here
			before := s.hard - s.fair
			t := s.slot[m]
			s.place(m, 0)
			gain := before - (s.hard - s.fair)
			s.place(m, t)
			if gain <= 0 {
				continue
			}
			score := gain * 1000 / prio(m)
			if score > worstScore {
				worst, worstScore = m, score
			}
		}
		if worst < 0 {
			break
		}
		s.place(worst, 0)
	}
	for m := range s.slot {
		if s.slot[m] != 0 || len(s.domList[m]) == 0 {
			continue
		}
		bestT, bestB := 0, math.MaxInt
		for _, t := range s.domList[m] {
			s.place(m, t)
			if s.hard-s.fair == 0 && s.breaks < bestB {
				bestT, bestB = t, s.breaks
			}
			s.place(m, 0)
		}
		s.place(m, bestT)
	}
}

func finish(in *Instance, s *state, res *Result, d int) {
	res.PerPerson = make([]int, in.Participants)
	lo, hi := math.MaxInt, 0
	for p := range res.PerPerson {
		h := hOf(s.occ[p])
		res.PerPerson[p] = h
		res.Breaks += h
		lo, hi = min(lo, h), max(hi, h)
	}
	if in.Participants > 0 {
		res.MaxMinusMin = hi - lo
	}
	for m, t := range s.slot {
		if t == 0 {
			res.Unscheduled = append(res.Unscheduled, m)
		}
	}
	res.Complete = len(res.Unscheduled) == 0 && s.hard-s.fair == 0 && res.MaxMinusMin <= d
	res.Table, res.TableChanges = assignTables(in, s.slot)
}

func reasonMeetings(what string, xs []int) string {
	s := what + ":"
	for i, x := range xs {
		if i == 8 {
			s += " …"
			break
		}
		s += " " + itoa(x+1)
	}
	return s
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b [20]byte
	i := len(b)
	neg := n < 0
	if neg {
		n = -n
	}
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	if neg {
		i--
		b[i] = '-'
	}
	return string(b[i:])
}

// kempe returns the Kempe chain of meeting m between slots a (its slot) and
// b: the meetings of both slots connected to m through shared participants.
// Swapping the chain's slots keeps a conflict-free schedule conflict-free.
// It returns nil when a meeting of the chain may not take the other slot.
func (s *state) kempe(m, a, b int, buf []int) []int {
	chain := append(buf, m)
	s.mark++
	s.seen[m] = s.mark
	for i := 0; i < len(chain); i++ {
		x := chain[i]
		other := a
		if s.slot[x] == a {
			other = b
		}
		if s.dom[x]&(1<<(other-1)) == 0 {
			return nil
		}
		if len(chain) > s.chainMax {
			return nil
		}
		for _, p := range s.parts[x] {
			if s.occ[p]&(1<<(other-1)) == 0 {
				continue
			}
			for _, y := range s.by[p] {
				if s.slot[y] == other && s.seen[y] != s.mark {
					s.seen[y] = s.mark
					chain = append(chain, y)
				}
			}
		}
	}
	return chain
}

// search is one simulated-annealing run on its own state.
type search struct {
	s        *state
	rng      *rand.Rand
	target   int
	proven   bool // proven infeasible: never stop at the target
	deadline time.Time
	now      func() time.Time
	done     *atomic.Bool // set by the run that reaches the bound
	shared   *incumbent   // where complete schedules are offered to the exact method
	maxIter  int64
	progress func(iters int64, best int)

	kempePct, focusPct int

	best                 []int
	bestBreaks, bestHard int
	iters                int64
}

// Simulated annealing in cycles: cool from t0 to t1, then restart from the
// best. The parameters were tuned on the benchmark's original files. The
// search accepts on a shaped cost (see state.cost) and keeps the best schedule
// by (hard violations, breaks).
// Workers alternate between two mixes of moves (percent of Kempe-chain moves,
// percent of moves that start from a participant with a break or a clash):
// on the benchmark each mix reached optima the other missed.
var moveMixes = [][2]int{{80, 30}, {60, 50}}

const (
	cycle  = 5_000_000
	t0, t1 = 2.0, 0.08
)

func (r *search) run(ctx context.Context) {
	s, rng := r.s, r.rng
	s.greedy(rng)
	r.best = slices.Clone(s.slot)
	r.bestBreaks, r.bestHard = s.breaks, s.hard
	movable := make([]int, 0, s.nm)
	for m := range s.domList {
		if len(s.domList[m]) > 1 {
			movable = append(movable, m)
		}
	}
	record := func() {
		if s.better(r.bestHard, r.bestBreaks) {
			r.bestBreaks, r.bestHard = s.breaks, s.hard
			copy(r.best, s.slot)
			if s.hard == 0 {
				r.shared.offer(s.slot, s.breaks)
			}
			if r.bestHard == 0 && r.bestBreaks == r.target && !r.proven {
				r.done.Store(true)
			}
		}
	}
	stop := func() bool {
		if r.bestHard == 0 && r.bestBreaks == r.target && !r.proven {
			r.done.Store(true)
			return true
		}
		if r.maxIter > 0 && r.iters >= r.maxIter {
			return true
		}
		if r.iters&4095 == 0 {
			if r.done.Load() || ctx.Err() != nil {
				return true
			}
			if !r.deadline.IsZero() && !r.now().Before(r.deadline) {
				return true
			}
			if r.iters&(1<<18-1) == 0 && r.progress != nil {
				best := -1
				if r.bestHard == 0 {
					best = r.bestBreaks
				}
				r.progress(r.iters, best)
			}
		}
		return false
	}
	if len(movable) == 0 {
		return
	}
	var k int64
	var chainBuf []int
	for !stop() {
		r.iters++
		k++
		if k == cycle {
			k = 0
			for m, t := range r.best {
				s.place(m, t)
			}
		}
		temp := t0 * math.Pow(t1/t0, float64(k)/cycle)
		m := movable[rng.IntN(len(movable))]
		if rng.IntN(100) < r.focusPct {
			// a meeting of a participant with a break or a clash
			for range 8 {
				p := rng.IntN(len(s.by))
				if len(s.by[p]) > 1 && (s.conf[p] > 0 || hOf(s.occ[p]) > 0) {
					x := s.by[p][rng.IntN(len(s.by[p]))]
					if len(s.domList[x]) > 1 {
						m = x
					}
					break
				}
			}
		}
		old := s.slot[m]
		var nt int
		if rng.IntN(2) == 0 {
			dl := s.domList[m]
			nt = dl[rng.IntN(len(dl))]
		} else {
			// next to another meeting of one of its participants
			p := s.parts[m][rng.IntN(2)]
			ms := s.by[p]
			o := ms[rng.IntN(len(ms))]
			nt = s.slot[o] + 1 - 2*rng.IntN(2)
			if nt < 1 || nt > s.ns || s.dom[m]&(1<<(nt-1)) == 0 {
				continue
			}
		}
		if nt == old {
			continue
		}
		before := s.cost()
		if rng.IntN(100) < r.kempePct {
			chain := s.kempe(m, old, nt, chainBuf[:0])
			chainBuf = chain
			if chain == nil {
				continue
			}
			flip := func() {
				for _, x := range chain {
					if s.slot[x] == old {
						s.place(x, nt)
					} else {
						s.place(x, old)
					}
				}
			}
			flip()
			if delta := s.cost() - before; delta <= 0 || rng.Float64() < math.Exp(-float64(delta)/temp) {
				record()
				continue
			}
			flip()
			continue
		}
		// swap with a meeting in the target slot when it is full or by chance
		swap := -1
		if l := s.inSlot[nt]; len(l) > 0 && (s.load[nt] >= s.cap || rng.IntN(4) == 0) {
			o := l[rng.IntN(len(l))]
			if s.dom[o]&(1<<(old-1)) != 0 {
				swap = o
			}
		}
		s.place(m, nt)
		if swap >= 0 {
			s.place(swap, old)
		}
		if delta := s.cost() - before; delta <= 0 || rng.Float64() < math.Exp(-float64(delta)/temp) {
			record()
			continue
		}
		if swap >= 0 {
			s.place(swap, nt)
		}
		s.place(m, old)
	}
}
