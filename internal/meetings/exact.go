package meetings

import (
	"context"
	"math"
	"math/bits"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"convene/internal/sat"
)

// The exact method: the instance as a propositional formula, solved by the
// CDCL solver of internal/sat under a bound on the total breaks that tightens
// with every schedule found, until the solver proves that no schedule has
// fewer breaks. This is the approach of Bofill et al. (JAIR 2022), whose
// MaxSAT encoding solved every benchmark file; the local search finds good
// schedules fast and the formula proves them optimal or improves on them.
//
// Variables, per meeting m and allowed slot t: x(m,t) "m takes t"; per
// participant p and slot t: busy(p,t), after(p,t) "p has a meeting at t or
// later", brk(p,t) "p is busy at t, idle at t+1 and busy later" (a break
// starts after t). Breaks are counted per participant by a counter capped
// at d+1 (fairness: at most d), and the counters' outputs are
// summed by another; "at most K breaks in total" is an assumption on that
// sum, so the clauses learnt under one bound serve the next.

// satModel is the formula of one instance.
type satModel struct {
	in    *Instance
	s     *sat.Solver
	x     [][]int // per meeting, per slot index 0..Slots-1: variable or -1
	busy  [][]int // per participant, per slot index
	total []sat.Lit
	// busyCapped: the formula bounds the busy participants per slot
	// (addBusyCap)
	busyCapped bool
}

func (f *satModel) newVar() sat.Lit { return sat.Pos(f.s.NewVar()) }

// atMostOne adds a ladder encoding: 3n clauses instead of n²/2.
func (f *satModel) atMostOne(lits []sat.Lit) {
	if len(lits) <= 4 {
		for i := range lits {
			for j := i + 1; j < len(lits); j++ {
				f.s.AddClause(lits[i].Not(), lits[j].Not())
			}
		}
		return
	}
	prev := lits[0]
	for i := 1; i < len(lits); i++ {
		f.s.AddClause(prev.Not(), lits[i].Not())
		if i == len(lits)-1 {
			break
		}
		y := f.newVar() // some of lits[0..i] is true
		f.s.AddClause(prev.Not(), y)
		f.s.AddClause(lits[i].Not(), y)
		prev = y
	}
}

// counter returns out with out[j] implied when at least j+1 of lits are
// true, for j < width: a totalizer (Bailleux and Boufkhad 2003), one
// direction (the outputs are forced up by the inputs, which is all an upper
// bound needs), its outputs ordered (out[j] → out[j−1]) so that a bound
// fixes those above it. Against the sequential counter (Sinz 2005) it was
// measured on the fair's formulas with half the variables, a third fewer
// clauses and half the time per conflict: an input set true rises through
// log n nodes rather than along the n registers after it.
func (f *satModel) counter(lits []sat.Lit, width int) []sat.Lit {
	if len(lits) <= 1 {
		return lits[:len(lits):len(lits)] // one input counts itself
	}
	a := f.counter(lits[:len(lits)/2], width)
	b := f.counter(lits[len(lits)/2:], width)
	out := make([]sat.Lit, min(len(a)+len(b), width))
	for j := range out {
		out[j] = f.newVar()
		if j > 0 {
			f.s.AddClause(out[j].Not(), out[j-1])
		}
	}
	// i of a's and j of b's inputs true: at least i+j of lits
	for i := 0; i <= len(a); i++ {
		for j := 0; j <= len(b) && i+j <= len(out); j++ {
			if i+j == 0 {
				continue
			}
			c := []sat.Lit{out[i+j-1]}
			if i > 0 {
				c = append(c, a[i-1].Not())
			}
			if j > 0 {
				c = append(c, b[j-1].Not())
			}
			f.s.AddClause(c...)
		}
	}
	return out
}

// atMost forbids more than k of lits with a counter. Its auxiliary
// variables ("at least j of these inputs") let the solver learn clauses a
// native cardinality constraint cannot: one tried here (counting
// propagation, reasons read off the trail) lost three of the four hard
// benchmark files it was tried on within 30 s that the counter proves.
func (f *satModel) atMost(lits []sat.Lit, k int) {
	switch {
	case k < 0:
		f.s.AddClause() // unsatisfiable
		return
	case len(lits) <= k:
		return
	case k == 0:
		for _, l := range lits {
			f.s.AddClause(l.Not())
		}
		return
	}
	out := f.counter(lits, k+1)
	if len(out) > k {
		f.s.AddClause(out[k].Not())
	}
}

// newSATModel encodes the instance with fairness max breaks ≤ d and a total
// counter able to express bounds below width.
func newSATModel(in *Instance, d, width int) *satModel {
	f := &satModel{in: in, s: sat.New()}
	ns := in.Slots
	f.x = make([][]int, len(in.Meetings))
	tables := make([]int, ns)
	for t := range tables {
		tables[t] = in.Tables
	}
	for m := range in.Meetings {
		dom := in.domain(m)
		f.x[m] = make([]int, ns)
		var mine []sat.Lit
		for t := range ns {
			f.x[m][t] = -1
			if dom&(1<<t) != 0 {
				f.x[m][t] = f.s.NewVar()
				mine = append(mine, sat.Pos(f.x[m][t]))
			}
		}
		f.s.AddClause(mine...)
		if len(mine) == 1 {
			// a meeting with one allowed slot (a fixed one) surely takes a
			// table there: one table fewer to count beats counting a constant
			tables[bits.TrailingZeros64(dom)]--
			continue
		}
		f.atMostOne(mine)
	}
	for t, lits := range f.clusterLits() {
		f.atMost(lits, tables[t])
	}
	f.precedences()

	var perPerson []sat.Lit
	f.busy = make([][]int, in.Participants)
	for p, ms := range in.byParticipant() {
		f.busy[p] = make([]int, ns)
		for t := range ns {
			var at []sat.Lit
			for _, m := range ms {
				if f.x[m][t] >= 0 {
					at = append(at, sat.Pos(f.x[m][t]))
				}
			}
			f.busy[p][t] = -1
			if len(at) == 0 {
				continue
			}
			f.atMostOne(at)
			b := f.newVar()
			f.busy[p][t] = b.Var()
			f.s.AddClause(append([]sat.Lit{b.Not()}, at...)...)
			for _, x := range at {
				f.s.AddClause(x.Not(), b)
			}
		}
		if len(ms) < 2 {
			continue
		}
		// p is busy in exactly len(ms) slots: implied, but resolution
		// cannot count, and breaks are about which slots are busy
		var bs, idle []sat.Lit
		for _, v := range f.busy[p] {
			if v >= 0 {
				bs = append(bs, sat.Pos(v))
				idle = append(idle, sat.Neg(v))
			}
		}
		f.atMost(bs, len(ms))
		f.atMost(idle, len(bs)-len(ms))
		brks, after := f.breakLits(p)
		out := f.counter(brks, d+1)
		f.spanBreaks(p, len(ms), after, out)
		if len(out) > d {
			f.s.AddClause(out[d].Not())
			out = out[:d]
		}
		perPerson = append(perPerson, out...)
	}
	f.total = f.counter(perPerson, width)
	return f
}

// addBusyCap adds "at most two participants per table are busy in a slot":
// implied, and it bounds the busy slots, where breaks are reasoned about,
// before any meeting is placed (Bofill et al.'s implied constraint 2). It
// comes after the rest of the formula, so that formulas with and without it
// number every other variable alike and can pass each other clauses over
// them (see sharedClause).
func (f *satModel) addBusyCap() {
	f.busyCapped = true
	for t := range f.in.Slots {
		var bs []sat.Lit
		for p := range f.busy {
			if v := f.busy[p][t]; v >= 0 {
				bs = append(bs, sat.Pos(v))
			}
		}
		f.atMost(bs, 2*f.in.Tables)
	}
}

// clusterLits returns per slot the literals whose count the tables bound:
// meetings grouped by a shared participant, at most one of a group per slot.
// Groups are taken greedily, the participant with the most meetings not yet
// in a group first; meetings with one allowed slot are counted apart.
func (f *satModel) clusterLits() [][]sat.Lit {
	in := f.in
	by := in.byParticipant()
	free := make([]bool, len(in.Meetings)) // movable and in no group yet
	left := make([]int, in.Participants)   // per participant: free meetings
	for m, mt := range in.Meetings {
		if bits.OnesCount64(in.domain(m)) > 1 {
			free[m] = true
			left[mt.A]++
			left[mt.B]++
		}
	}
	out := make([][]sat.Lit, in.Slots)
	for {
		p := -1
		for q, n := range left {
			if n > 0 && (p < 0 || n > left[p]) {
				p = q
			}
		}
		if p < 0 {
			return out
		}
		var group []int
		for _, m := range by[p] {
			if free[m] {
				free[m] = false
				left[in.Meetings[m].A]--
				left[in.Meetings[m].B]--
				group = append(group, m)
			}
		}
		for t := range in.Slots {
			var at []sat.Lit
			for _, m := range group {
				if v := f.x[m][t]; v >= 0 {
					at = append(at, sat.Pos(v))
				}
			}
			switch len(at) {
			case 0:
			case 1:
				out[t] = append(out[t], at[0])
			default:
				c := f.newVar()
				for _, x := range at {
					f.s.AddClause(x.Not(), c)
				}
				out[t] = append(out[t], c)
			}
		}
	}
}

// breakLits defines brk(p,t) for participant p and returns them, with
// after(p,t) per slot (-1 where p can be busy at no slot from t on).
func (f *satModel) breakLits(p int) (brks, after []sat.Lit) {
	ns := f.in.Slots
	busy := f.busy[p]
	after = make([]sat.Lit, ns+1)
	after[ns] = -1
	for t := ns - 1; t >= 0; t-- {
		switch {
		case busy[t] < 0 && after[t+1] < 0:
			after[t] = -1
		case busy[t] >= 0 && after[t+1] < 0:
			after[t] = sat.Pos(busy[t])
		default:
			a := f.newVar()
			if busy[t] >= 0 {
				f.s.AddClause(sat.Neg(busy[t]), a)
			}
			f.s.AddClause(after[t+1].Not(), a)
			after[t] = a
		}
	}
	for t := 0; t+1 < ns; t++ {
		// a break starts after t: busy at t, idle at t+1, busy later
		if busy[t] < 0 || after[t+1] < 0 {
			continue
		}
		b := f.newVar()
		c := []sat.Lit{sat.Neg(busy[t]), after[t+1].Not(), b}
		if busy[t+1] >= 0 {
			c = append(c, sat.Pos(busy[t+1]))
		}
		f.s.AddClause(c...)
		brks = append(brks, b)
	}
	return brks, after
}

// spanBreaks adds, for participant p with k meetings, "busy at t and busy
// at t+k or later → at least one break" (someBreak[0], p's break counter's
// first output): k busy slots spread over more than k leave a gap. Implied
// by the break clauses, but those need the slot where a run ends, which
// unit propagation cannot name while the slots between are open. With these
// clauses the two crafted benchmark files whose full midday slots decide the
// optimum were proven optimal within 10 s in 17 and 16 of 21 runs, against 6
// and 4 of 20 without (docs/benchmarks.md).
func (f *satModel) spanBreaks(p, k int, after, someBreak []sat.Lit) {
	if len(someBreak) == 0 {
		return // no break possible: nothing to count
	}
	busy := f.busy[p]
	for t := 0; t+k < f.in.Slots; t++ {
		if busy[t] >= 0 && after[t+k] >= 0 {
			f.s.AddClause(sat.Neg(busy[t]), after[t+k].Not(), someBreak[0])
		}
	}
}

// precedences: q before m. Meetings in a precedence get order variables
// le(q,t) "q takes a slot ≤ t", defined both ways from the meeting's slot,
// and a precedence is "m ≤ t → q ≤ t−1" on them, a clause per slot, so that
// bounds travel along chains of precedences by unit propagation. (Stated as
// "m at t → q ≤ t−1", a bound on m reached q only once m's slot was chosen:
// the precedence files took half as long again.)
func (f *satModel) precedences() {
	ns := f.in.Slots
	le := map[int][]sat.Lit{}
	order := func(q int) []sat.Lit {
		if l, ok := le[q]; ok {
			return l
		}
		l := make([]sat.Lit, ns)
		for t := range ns {
			l[t] = f.newVar()
			// q ≤ t exactly when q ≤ t−1 or q takes t
			c := []sat.Lit{l[t].Not()}
			if t > 0 {
				f.s.AddClause(l[t-1].Not(), l[t])
				c = append(c, l[t-1])
			}
			if v := f.x[q][t]; v >= 0 {
				f.s.AddClause(sat.Neg(v), l[t])
				if t > 0 {
					f.s.AddClause(sat.Neg(v), l[t-1].Not())
				}
				c = append(c, sat.Pos(v))
			}
			f.s.AddClause(c...)
		}
		f.s.AddClause(l[ns-1])
		le[q] = l
		return l
	}
	for m, mt := range f.in.Meetings {
		for _, q := range mt.After {
			lq, lm := order(q), order(m)
			f.s.AddClause(lm[0].Not())
			for t := 1; t < ns; t++ {
				f.s.AddClause(lm[t].Not(), lq[t-1])
			}
		}
	}
}

// hint makes the solver start from a known schedule.
func (f *satModel) hint(slots []int) {
	for m, row := range f.x {
		for t, v := range row {
			if v >= 0 {
				f.s.SetPhase(v, slots[m] == t+1)
			}
		}
	}
}

// schedule reads the slots of the last satisfying assignment.
func (f *satModel) schedule() []int {
	slots := make([]int, len(f.x))
	for m, row := range f.x {
		for t, v := range row {
			if v >= 0 && f.s.Value(v) {
				slots[m] = t + 1
			}
		}
	}
	return slots
}

// incumbent is the best complete schedule any search has found; the
// local searches and the exact method share it.
type incumbent struct {
	mu     sync.Mutex
	slots  []int
	breaks int // -1 = none yet
}

// offer keeps slots when they beat the incumbent.
func (c *incumbent) offer(slots []int, breaks int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.breaks < 0 || breaks < c.breaks {
		c.slots, c.breaks = slices.Clone(slots), breaks
	}
}

func (c *incumbent) get() ([]int, int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.slots, c.breaks
}

// exactChunk is the conflicts the exact method spends between looks at the
// incumbent, the conflict budget and the other searches (about 0.1 s).
const exactChunk = 1000

// exactModelLimit caps the size of the formulas, measured by what counting
// tables over single meetings would cost (slots × meetings allowed there ×
// tables; grouping meetings cuts the inputs to a sixth on the benchmark,
// and the busy participants' counters cost at most twice it): beyond it the
// formulas would take more memory and time to build than the local search
// needs to do well, so large fairs are left to the local search alone.
const exactModelLimit = 3_000_000

func exactTooLarge(in *Instance) bool {
	per := make([]int, in.Slots)
	for m := range in.Meetings {
		d := in.domain(m)
		for t := range in.Slots {
			if d&(1<<t) != 0 {
				per[t]++
			}
		}
	}
	size := 0
	for _, n := range per {
		if n > in.Tables {
			size += n * in.Tables
		}
	}
	return size > exactModelLimit
}

// exactRun is the exact method as one search among the others.
type exactRun struct {
	in   *Instance
	d    int
	lb   int // the bound proven before searching
	best *incumbent
	done *atomic.Bool
	// budget caps the conflicts of the formulas taking turns (0 = none);
	// side by side they stop at the context's deadline
	budget int64
	wait   func() bool // true while it should wait for a first schedule

	parallel bool // the two formulas in goroutines of their own
	// progress, when set, is told the conflicts spent after each turn
	// (formulas taking turns only)
	progress  func(conflicts int64)
	conflicts int64 // spent by the formulas taking turns, when they stopped

	// clauses learnt by one formula for the other (guarded by mu)
	shared []sharedClause
	// sharedVars: the variables both formulas have from the start, all of
	// the one built without the busy bound (clauses over the busy bound's
	// counters, which come after them, are not passed)
	sharedVars int

	// what it proved (guarded by mu while the formulas run in parallel)
	mu         sync.Mutex
	lowerBound int
	optimal    bool // the incumbent meets lowerBound
	infeasible bool // no complete schedule exists
	broken     bool // the formula accepted an infeasible schedule: a bug, its claims are void
}

// ask spends f's chunk on "at most k breaks", as an assumption: a schedule
// found is offered, a refutation raises the bound to k+1. (A formula found
// inconsistent says more: not even the incumbent's bound minus one holds,
// which step reads as the incumbent proven optimal.) It returns the
// solver's answer, and false when the checker refused the schedule.
func (e *exactRun) ask(ctx context.Context, f *formula, k int) (sat.Status, bool) {
	st := f.s.Solve(ctx, f.total[k].Not())
	e.publish(f)
	switch {
	case st == sat.Sat:
		return st, e.offer(f, k)
	case st == sat.Unsat && !f.s.Inconsistent():
		e.refuted(k)
	}
	return st, true
}

// offer passes f's schedule, found under "at most atMost breaks", to the
// incumbent after the checker has accepted it; it reports false, and stops
// the run, when the checker refuses it or counts more breaks (the formula
// is wrong).
func (e *exactRun) offer(f *formula, atMost int) bool {
	slots := f.schedule()
	v := Check(e.in, slots, e.d)
	if !v.Feasible || v.Breaks > atMost {
		e.fail()
		return false
	}
	e.best.offer(slots, v.Breaks)
	return true
}

// refuted records that no schedule has at most k breaks.
func (e *exactRun) refuted(k int) {
	e.mu.Lock()
	e.lowerBound = max(e.lowerBound, k+1)
	e.mu.Unlock()
}

func (e *exactRun) bound() int {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.lowerBound
}

// fail records that a formula accepted an infeasible schedule.
func (e *exactRun) fail() {
	e.mu.Lock()
	e.broken = true
	e.mu.Unlock()
	e.done.Store(true)
}

// finish records what a formula proved and stops the other searches.
func (e *exactRun) finish(lowerBound int, optimal, infeasible bool) {
	e.mu.Lock()
	e.lowerBound = max(e.lowerBound, lowerBound)
	e.optimal = e.optimal || optimal
	e.infeasible = e.infeasible || infeasible
	e.mu.Unlock()
	e.done.Store(true)
}

// formula is one encoding of the fair under search, with the incumbent it
// was last given as phases and the bound last added as a clause.
type formula struct {
	*satModel
	hinted, bounded int
	// atBound: the formula asks for a schedule at the proven lower bound,
	// otherwise for one break more (see target); refutations raise the bound
	atBound bool

	learnt []sharedClause // clauses to pass on, gathered during a solve
	read   int            // exactRun.shared[:read] have been looked at
}

// run asks for schedules at and just above the proven lower bound (see
// target), with fewer breaks than the incumbent, until the incumbent meets
// the bound, the fair is proven infeasible, or it is told to stop. It reads
// the incumbent between chunks, so schedules the local searches find
// tighten its bound too.
//
// It searches two encodings that differ in the implied bound on busy
// participants per slot: on the benchmark each is many times faster than
// the other somewhere (with it, ticf-13crafb's and forum-13crafb's optima
// are proven and tic-12crafc.prec25's schedule without breaks is found in
// 6,000 conflicts instead of none in 100,000; without it, refuting a
// schedule without breaks on forum-13crafc takes 2,000 conflicts instead of
// 14,000). What one proves, both use. In parallel they run side by side;
// otherwise (a conflict budget, deterministic) they take turns, a chunk each.
func (e *exactRun) run(ctx context.Context) {
	e.lowerBound = e.lb
	for e.wait != nil && e.wait() {
		if e.done.Load() || ctx.Err() != nil {
			return
		}
		time.Sleep(5 * time.Millisecond)
	}
	_, ub := e.best.get()
	width := ub
	if ub < 0 {
		width = e.in.Participants * e.d // no schedule known: any total must be expressible
	}
	formulas := e.newFormulas(width)
	if e.parallel {
		var wg sync.WaitGroup
		for _, f := range formulas {
			wg.Go(func() {
				for !e.done.Load() && ctx.Err() == nil && !e.step(ctx, f) {
				}
			})
		}
		wg.Wait()
		return
	}
	conflicts := func() int64 { return formulas[0].s.Conflicts + formulas[1].s.Conflicts }
	defer func() { e.conflicts = conflicts() }()
	for turn := 0; !e.done.Load() && ctx.Err() == nil && (e.budget == 0 || conflicts() < e.budget); turn++ {
		if e.step(ctx, formulas[turn%2]) {
			return
		}
		if e.progress != nil {
			e.progress(conflicts())
		}
	}
}

// newFormulas builds the two encodings, passing clauses to each other.
func (e *exactRun) newFormulas(width int) []*formula {
	formulas := []*formula{
		{satModel: newSATModel(e.in, e.d, width), hinted: -2, bounded: noBound},
		// the busy bound's formula made most of the refutations and found
		// most of the optimal schedules in traces of the crafted files
		{satModel: newSATModel(e.in, e.d, width), hinted: -2, bounded: noBound, atBound: true},
	}
	formulas[1].addBusyCap()
	e.sharedVars = formulas[0].s.NumVars()
	for _, f := range formulas {
		f.s.OnLearnt = func(lits []sat.Lit) { e.collect(f, lits) }
	}
	return formulas
}

// step spends a chunk of conflicts on f and reports whether the run is over.
func (e *exactRun) step(ctx context.Context, f *formula) bool {
	hint, ub := e.best.get()
	lb := e.bound()
	if ub >= 0 && ub <= lb {
		e.finish(lb, true, false)
		return true
	}
	if ub != f.hinted && hint != nil {
		f.hint(hint)
		f.hinted = ub
	}
	// At most ub−1 breaks, as a clause rather than an assumption: the
	// bound only ever tightens, and a unit at level 0 takes the
	// counter's outputs above it out of the search (as assumptions
	// they were free decisions, and made conflicts five times dearer
	// on ticf-13crafc).
	if ub >= 0 && ub-1 < len(f.total) && ub != f.bounded {
		f.s.AddClause(f.total[ub-1].Not())
		f.bounded = ub
	}
	// With the incumbent one break above the bound, the query one above it
	// is answered and both formulas ask the same: at most the bound. The
	// formula without the busy bound then takes it too, the stronger formula
	// on that query (in twelve traced runs of ticf-13crafb, every 3-break
	// schedule found after the 4-break one came from a formula with it: 4
	// times from the busy-bound formula, 7 from the other once it had taken
	// it): two searches of it rather than one. Over runs at 15 s
	// with a seed each, in turns with the build before, ticf-13crafb was
	// proven optimal within 10 s in 12 of 30 runs against 9 (within 15 s:
	// 22 against 15) and forum-13crafb in 24 against 21; a session before,
	// 25 of 40 against 20 (docs/benchmarks.md).
	if !f.busyCapped && ub >= 0 && ub == lb+1 {
		f.addBusyCap()
	}
	e.receive(f)
	f.s.ConflictBudget = exactChunk
	if k := f.target(lb); ub >= 0 && k < ub-1 {
		st, ok := e.ask(ctx, f, k)
		if !ok {
			return true
		}
		if st == sat.Unsat && f.s.Inconsistent() {
			// not even ub−1 breaks: the incumbent is optimal
			e.finish(ub, true, false)
			return true
		}
		return false
	}
	st := f.s.Solve(ctx)
	e.publish(f)
	switch st {
	case sat.Sat:
		if ub < 0 {
			return !e.offer(f, math.MaxInt)
		}
		return !e.offer(f, ub-1)
	case sat.Unsat:
		if ub < 0 {
			e.finish(0, false, true)
		} else {
			e.finish(ub, true, false)
		}
		return true
	}
	return false
}

// target is the most breaks f asks for (an assumption on top of the clause
// "at most ub−1") when the proven bound is lb and the incumbent has ub.
//
// Each formula keeps one query: the busy-bound formula asks for a schedule
// at the bound, the other for one with at most one break more. Where the
// bound is the optimum (ticf-13crafb: 3, proven within about a second) the
// first may find it at once, but mostly the second finds a schedule one
// above it first and both then search "at most the bound" from that
// schedule (11 of 12 traced runs); where the optimum is one more and "at
// most the bound" is hard to refute (the 13crafb forb files: bound 4,
// optimum 5) the second finds it, and then "at most ub−1", a clause at
// level 0, proves it optimal where the same bound as an assumption did not
// within 10 s. The solver's schedules tend to meet the bound asked exactly,
// so asking near the bound skips the steps down from the local search's
// 8–11 breaks, each a hard query of its own (1.5–6 s on ticf-13crafb).
// Where the bound is far below the optimum, both refute their way up to it,
// the incumbent standing meanwhile. Before, each formula took turns at "at
// most the bound" and "halfway down from the incumbent", each change of
// query a restart; over runs at 15 s with a seed each, forum-13crafb was
// proven within 10 s in 43 of 43 runs against 83 of 86 and ticf-13crafb in
// 37 of 43 against 71 of 86, and two runs of the 120 variant files at 10 s
// agreed with the published optima on 120 and 119 against 117
// (docs/benchmarks.md).
func (f *formula) target(lb int) int {
	if f.atBound {
		return lb
	}
	return lb + 1
}

// Clause sharing. The two formulas are the same encoding but for the busy
// bound, built last, so their other variables are numbered alike; and the
// busy bound is implied by the rest, so a clause over those variables that
// one formula learns holds in the other too. Short learnt clauses of low
// LBD (sat.ShareLength, sat.ShareLBD) pass from each to the other between
// chunks, as in parallel portfolio SAT solvers: what one refutes, the other
// need not.
//
// A clause learnt under a bound on the total ("at most K breaks", a clause
// at level 0) holds only where that bound holds: it carries its bound and
// is taken only by a formula with the same bound or a tighter one.

// sharedClause is a learnt clause and the bound it was learnt under (the
// formula's bounded: K+1; noBound when none).
type sharedClause struct {
	lits  []sat.Lit
	bound int
	from  *formula
}

const noBound = -2 // formula.bounded before any bound is added

// looser reports whether bound a allows more breaks than bound b.
func looser(a, b int) bool {
	switch {
	case a == noBound:
		return b != noBound
	case b == noBound:
		return false
	}
	return a > b
}

// collect keeps a learnt clause of f over the variables both formulas have.
func (e *exactRun) collect(f *formula, lits []sat.Lit) {
	for _, l := range lits {
		if l.Var() >= e.sharedVars {
			return
		}
	}
	f.learnt = append(f.learnt, sharedClause{lits: slices.Clone(lits), bound: f.bounded, from: f})
}

// publish hands f's gathered clauses to the other formula.
func (e *exactRun) publish(f *formula) {
	if len(f.learnt) == 0 {
		return
	}
	e.mu.Lock()
	e.shared = append(e.shared, f.learnt...)
	e.mu.Unlock()
	f.learnt = f.learnt[:0]
}

// receive gives f the other formula's clauses published since its last
// look (added at f's next restart), those learnt under a bound no tighter
// than f's own; the rest are dropped (f adds the incumbent's bound before
// it looks, so few are).
func (e *exactRun) receive(f *formula) {
	e.mu.Lock()
	news := e.shared[f.read:]
	f.read = len(e.shared)
	e.mu.Unlock()
	for _, c := range news {
		if c.from != f && !looser(f.bounded, c.bound) {
			f.s.Import(c.lits)
		}
	}
}
