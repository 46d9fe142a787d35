// Package sat is a small conflict-driven clause-learning (CDCL) SAT solver:
// two watched literals, first-UIP learning with clause minimisation, VSIDS
// branching with phase saving and target phases, rare restarts (Luby's
// sequence), learnt-clause deletion by literal block distance, and solving
// under assumptions so that a caller can tighten a bound between calls and
// keep what was learnt.
//
// It exists because the exact schedulers need one and no solver that can be
// stopped on time resolves as a module here (see STACK.md); it follows the
// MiniSat design (Eén and Sörensson, SAT 2003) and Glucose's clause quality
// measure (Audemard and Simon, IJCAI 2009). It is not safe for concurrent use.
//
// The search's inner functions are marked //go:norace: a Solver belongs to
// one goroutine, and instrumented they doubled the race-detector test runs
// that schedule the sample fair (214 s against 108 s; the test suite runs
// under -race). What crosses goroutines — Solve, AddClause, Import and the
// OnLearnt callback — stays instrumented.
package sat

import (
	"context"
	"math"
	"slices"
	"unsafe"
)

// Lit is a literal: variable v (0-based) is Lit(2v), its negation Lit(2v+1).
type Lit int32

// Pos and Neg make the literals of variable v.
func Pos(v int) Lit { return Lit(2 * v) }
func Neg(v int) Lit { return Lit(2*v + 1) }

// Not is the negation of l.
func (l Lit) Not() Lit { return l ^ 1 }

// Var is l's variable.
func (l Lit) Var() int { return int(l >> 1) }

// Status is the answer of Solve.
type Status int8

const (
	Unknown Status = iota // stopped before an answer (context done or conflict budget spent)
	Sat
	Unsat // unsatisfiable under the assumptions given (or at all, when none)
)

const (
	lTrue    int8 = 1
	lFalse   int8 = -1
	noReason      = -1
	// binaryConflict names the two-literal clause in Solver.conflictPair;
	// a reason below it is a two-literal clause, see binaryReason
	binaryConflict = -2
)

// A clause of three or more literals lives in the solver's arena (two-literal
// clauses only in the binaries lists): a header word (its size shifted
// left by two, flagLearnt, flagDeleted), its literal block distance, its
// activity (float32 bits), then its literals; it is named by the offset of
// its header. Literals beside their header, all clauses in one slice, cost
// propagation one memory access per clause visited where a slice per clause
// cost two: the same search ran about 15% more conflicts per second.
const (
	clauseHeader = 3
	flagLearnt   = 1
	flagDeleted  = 2
)

// occurrences are the clauses of a literal's negation: the two-literal
// clauses apart (the other literal is implied without reading the clause;
// most clauses of the fair's encodings have two), the longer ones by their
// watches. Both lists' headers side by side cost propagation one cache
// miss per literal rather than two.
type occurrences struct {
	binaries []Lit
	watches  []watch
}

type watch struct {
	c       int32 // clause (offset in the arena)
	blocker Lit   // a literal of the clause: when true the clause needs no look
}

// varInfo is what the solver knows of an assigned variable: level and
// reason side by side, read together in analysis and written together on
// assignment (one cache miss rather than two).
type varInfo struct {
	level  int32
	reason int32
}

// Solver holds a formula and what it has learnt about it.
type Solver struct {
	arena        []Lit
	numClauses   int
	occurs       []occurrences // per literal: what to look at when its negation becomes true
	conflictPair [2]Lit        // the clause of the last binaryConflict
	pair         [2]Lit        // a two-literal reason, as clauseOf returns it

	vals     []int8    // per literal: lTrue, lFalse or 0
	vars     []varInfo // per variable (valid while it is assigned)
	polarity []bool    // saved phase: true = last value was false
	activity []float64
	heap     varHeap
	varInc   float64
	claInc   float32

	trail    []Lit
	trailLim []int
	qhead    int

	seen      []bool
	stack     []Lit
	toClear   []Lit
	learntBuf []Lit // analyze's result, reused (attach copies it)
	learnts   int
	maxLearn  int

	levelStamp []uint64 // per decision level: the lbd call that last saw it
	stamp      uint64

	// target phases (Biere and Fleury's, in CaDiCaL): the values of the
	// longest conflict-free assignment since the last restart, decided
	// before the saved phases. On forum-13crafb's "at most 6 breaks" they
	// found a model in 63,000 conflicts where phase saving alone found none
	// in 196,000.
	target    []int8 // per variable: lTrue, lFalse or 0 (none)
	targetLen int    // the length of the trail they were taken from

	lubyIndex    int // restarts by the Luby interval so far (the next one waits luby(lubyIndex) units)
	sinceRestart int // conflicts

	// paused: the last Solve stopped (context or budget) under pausedUnder
	// and left the search where it was
	paused      bool
	pausedUnder []Lit
	packed      bool // see pack

	ok        bool // false once the formula is unsatisfiable without assumptions
	Conflicts int64
	// OnLearnt, when set, is given every learnt clause worth passing to
	// another solver of the same problem: at most ShareLength literals and
	// literal block distance at most ShareLBD. The slice is reused after
	// the call.
	OnLearnt func(lits []Lit)
	imports  [][]Lit // clauses to add at the next restart (see Import)
	// ConflictBudget stops Solve with Unknown after that many conflicts in
	// one call (0 = none).
	ConflictBudget int64
}

// New returns an empty solver.
func New() *Solver {
	s := &Solver{ok: true, varInc: 1, claInc: 1, maxLearn: 4000}
	s.heap.act = &s.activity
	return s
}

// NewVar adds a variable and returns its index.
func (s *Solver) NewVar() int {
	v := len(s.vars)
	s.vars = append(s.vars, varInfo{reason: noReason})
	s.vals = append(s.vals, 0, 0)
	s.polarity = append(s.polarity, true)
	s.target = append(s.target, 0)
	s.activity = append(s.activity, 0)
	s.seen = append(s.seen, false)
	s.occurs = append(s.occurs, occurrences{}, occurrences{})
	s.heap.push(v)
	return v
}

// NumVars is the number of variables.
func (s *Solver) NumVars() int { return len(s.vars) }

// SetPhase makes the solver try value first for v when it branches on it
// (until a conflict teaches it otherwise; it replaces v's target phase): a
// known good assignment given as phases makes the search start next to it.
func (s *Solver) SetPhase(v int, value bool) { s.polarity[v], s.target[v] = !value, 0 }

func (s *Solver) value(l Lit) int8 { return s.vals[l] }

// Value is v's value in the last satisfying assignment.
func (s *Solver) Value(v int) bool { return s.vals[Pos(v)] == lTrue }

func (s *Solver) decisionLevel() int { return len(s.trailLim) }

// AddClause adds the disjunction of lits. It must be called between solves
// (the solver is then at level 0). It returns false when the formula has
// become unsatisfiable.
func (s *Solver) AddClause(lits ...Lit) bool {
	if !s.ok {
		return false
	}
	s.cancelUntil(0)
	ls := slices.Clone(lits)
	slices.Sort(ls)
	j := 0
	for i, l := range ls {
		switch {
		case s.value(l) == lTrue || (i > 0 && l == ls[i-1].Not()):
			return true // satisfied or a tautology
		case s.value(l) == lFalse || (i > 0 && l == ls[i-1]):
			continue
		}
		ls[j] = l
		j++
	}
	ls = ls[:j]
	switch len(ls) {
	case 0:
		s.ok = false
		return false
	case 1:
		s.enqueue(ls[0], noReason)
		if s.propagate() != noReason {
			s.ok = false
		}
		return s.ok
	}
	s.attach(ls, false, 0)
	return true
}

// attach stores a clause of at least two literals and watches its first
// two; it returns the clause's name as the reason of its first literal.
// Two-literal clauses live only in the binaries lists: a reason names the
// other literal, and propagating them reads no clause.
func (s *Solver) attach(lits []Lit, learnt bool, lbd int32) int32 {
	if len(lits) == 2 {
		s.numClauses++
		s.occurs[lits[0].Not()].binaries = append(s.occurs[lits[0].Not()].binaries, lits[1])
		s.occurs[lits[1].Not()].binaries = append(s.occurs[lits[1].Not()].binaries, lits[0])
		return binaryReason(lits[1])
	}
	ci := int32(len(s.arena))
	h := Lit(len(lits) << 2)
	if learnt {
		h |= flagLearnt
	}
	s.arena = append(s.arena, h, Lit(lbd), 0)
	s.arena = append(s.arena, lits...)
	s.numClauses++
	s.occurs[lits[0].Not()].watches = append(s.occurs[lits[0].Not()].watches, watch{ci, lits[1]})
	s.occurs[lits[1].Not()].watches = append(s.occurs[lits[1].Not()].watches, watch{ci, lits[0]})
	return ci
}

// binaryReason names the two-literal clause that implies a literal because
// other is false.
func binaryReason(other Lit) int32 { return binaryConflict - 1 - int32(other) }

// clauseOf is the clause that ref names, the implied literal p first when
// ref is p's reason; a two-literal clause comes in a buffer the next call
// overwrites.
func (s *Solver) clauseOf(ref int32, p Lit) []Lit {
	switch {
	case ref >= 0:
		return s.lits(ref)
	case ref == binaryConflict:
		return s.conflictPair[:]
	}
	s.pair = [2]Lit{p, Lit(binaryConflict - 1 - ref)}
	return s.pair[:]
}

// lits is clause c's literals (in the arena: writes change the clause).
func (s *Solver) lits(c int32) []Lit {
	end := s.clauseEnd(c)
	return s.arena[c+clauseHeader : end : end]
}

// clauseEnd is the offset after clause c (the next clause's header).
func (s *Solver) clauseEnd(c int32) int32 { return c + clauseHeader + int32(s.arena[c]>>2) }

func (s *Solver) learnt(c int32) bool { return s.arena[c]&flagLearnt != 0 }

func (s *Solver) clauseLBD(c int32) int32 { return int32(s.arena[c+1]) }

func (s *Solver) activityOf(c int32) float32 {
	return math.Float32frombits(uint32(s.arena[c+2]))
}

func (s *Solver) setActivity(c int32, a float32) { s.arena[c+2] = Lit(math.Float32bits(a)) }

func (s *Solver) enqueue(l Lit, from int32) {
	s.vals[l], s.vals[l^1] = lTrue, lFalse
	s.vars[l.Var()] = varInfo{level: int32(s.decisionLevel()), reason: from}
	s.trail = append(s.trail, l)
}

// propagate runs unit propagation and returns a conflicting clause or noReason.
//
// Its loop reads values, watches and clause literals through raw pointers
// rather than by index, which Go checks every time: the same search on
// ticf-13crafb ran 11% fewer instructions and took about 0.95 of the time
// (docs/benchmarks.md). Every literal read is below len(vals) (it is a
// literal of the formula), every clause offset names a clause in the arena,
// and j < i ≤ len(ws) in the watch loop; none of the three slices grows
// while it runs (no variable, clause or watch of p is added).
//
//go:norace
func (s *Solver) propagate() int32 {
	vals := unsafe.Pointer(unsafe.SliceData(s.vals))
	arena := unsafe.Pointer(unsafe.SliceData(s.arena))
	for s.qhead < len(s.trail) {
		p := s.trail[s.qhead] // p became true: look at clauses with ¬p
		s.qhead++
		occ := &s.occurs[p]
		for _, q := range occ.binaries {
			switch valueAt(vals, q) {
			case lTrue:
			case lFalse:
				s.qhead = len(s.trail)
				s.conflictPair = [2]Lit{q, p.Not()}
				return binaryConflict
			default:
				s.enqueue(q, binaryReason(p.Not()))
			}
		}
		ws := occ.watches
		wsp := unsafe.Pointer(unsafe.SliceData(ws))
		i, j := 0, 0
		falseLit := p.Not()
		for i < len(ws) {
			w := *watchAt(wsp, i)
			i++
			if valueAt(vals, w.blocker) == lTrue {
				*watchAt(wsp, j) = w
				j++
				continue
			}
			// (never a deleted clause: reduce compacts at once)
			lits := unsafe.Pointer(litAt(arena, int(w.c)+clauseHeader))
			size := int(*litAt(arena, int(w.c)) >> 2)
			if *litAt(lits, 0) == falseLit {
				*litAt(lits, 0), *litAt(lits, 1) = *litAt(lits, 1), falseLit
			}
			first := *litAt(lits, 0)
			if first != w.blocker && valueAt(vals, first) == lTrue {
				*watchAt(wsp, j) = watch{w.c, first}
				j++
				continue
			}
			moved := false
			for k := 2; k < size; k++ {
				if lk := *litAt(lits, k); valueAt(vals, lk) != lFalse {
					*litAt(lits, 1), *litAt(lits, k) = lk, falseLit
					o := &s.occurs[lk.Not()]
					o.watches = append(o.watches, watch{w.c, first})
					moved = true
					break
				}
			}
			if moved {
				continue
			}
			*watchAt(wsp, j) = watch{w.c, first}
			j++
			if valueAt(vals, first) == lFalse {
				j += copy(ws[j:], ws[i:]) // keep the remaining watches
				occ.watches = ws[:j]
				s.qhead = len(s.trail)
				return w.c
			}
			s.enqueue(first, w.c)
		}
		occ.watches = ws[:j]
	}
	return noReason
}

// valueAt, litAt and watchAt are propagate's reads without index checks
// (see propagate for why each index is in range).
func valueAt(vals unsafe.Pointer, l Lit) int8 { return *(*int8)(unsafe.Add(vals, int(l))) }

func litAt(lits unsafe.Pointer, k int) *Lit {
	return (*Lit)(unsafe.Add(lits, k*int(unsafe.Sizeof(Lit(0)))))
}

func watchAt(ws unsafe.Pointer, k int) *watch {
	return (*watch)(unsafe.Add(ws, k*int(unsafe.Sizeof(watch{}))))
}

//go:norace
func (s *Solver) cancelUntil(lvl int) {
	if s.decisionLevel() <= lvl {
		return
	}
	for i := len(s.trail) - 1; i >= s.trailLim[lvl]; i-- {
		l := s.trail[i]
		v := l.Var()
		s.polarity[v] = l&1 == 1
		s.vals[l], s.vals[l^1] = 0, 0
		if !s.heap.has(v) {
			s.heap.push(v)
		}
	}
	s.trail = s.trail[:s.trailLim[lvl]]
	s.trailLim = s.trailLim[:lvl]
	s.qhead = len(s.trail)
}

//go:norace
func (s *Solver) bumpVar(v int) {
	s.activity[v] += s.varInc
	if s.activity[v] > 1e100 {
		for i := range s.activity {
			s.activity[i] *= 1e-100
		}
		s.varInc *= 1e-100
	}
	s.heap.fix(v)
}

func (s *Solver) bumpClause(c int32) {
	a := s.activityOf(c) + s.claInc
	s.setActivity(c, a)
	if a > 1e20 {
		for c := int32(0); c < int32(len(s.arena)); c = s.clauseEnd(c) {
			s.setActivity(c, s.activityOf(c)*1e-20)
		}
		s.claInc *= 1e-20
	}
}

// analyze derives the first-UIP clause of conflict confl (in a buffer the
// next call reuses); learnt[0] is the asserting literal and the result's
// second value the level to go back to.
//
//go:norace
func (s *Solver) analyze(confl int32) ([]Lit, int) {
	learnt := append(s.learntBuf[:0], 0)
	pathC := 0
	var p Lit = -1
	idx := len(s.trail) - 1
	for {
		if confl >= 0 && s.learnt(confl) {
			s.bumpClause(confl)
		}
		start := 0
		if p != -1 {
			start = 1 // lits[0] is p itself
		}
		for _, q := range s.clauseOf(confl, p)[start:] {
			v := q.Var()
			if s.seen[v] || s.vars[v].level == 0 {
				continue
			}
			s.seen[v] = true
			s.bumpVar(v)
			if int(s.vars[v].level) >= s.decisionLevel() {
				pathC++
			} else {
				learnt = append(learnt, q)
			}
		}
		for !s.seen[s.trail[idx].Var()] {
			idx--
		}
		p = s.trail[idx]
		idx--
		confl = s.vars[p.Var()].reason
		s.seen[p.Var()] = false
		pathC--
		if pathC == 0 {
			break
		}
		// the reason clause of p has p as its first literal: propagate keeps it so
		s.fixReasonOrder(confl, p)
	}
	learnt[0] = p.Not()

	// minimise: drop literals implied by the others (recursively)
	s.toClear = append(s.toClear[:0], learnt...)
	var abstract uint32
	for _, l := range learnt[1:] {
		abstract |= 1 << (uint(s.vars[l.Var()].level) & 31)
	}
	j := 1
	for _, l := range learnt[1:] {
		if s.vars[l.Var()].reason == noReason || !s.redundant(l, abstract) {
			learnt[j] = l
			j++
		}
	}
	learnt = learnt[:j]
	for _, l := range s.toClear {
		s.seen[l.Var()] = false
	}

	back := 0
	if len(learnt) > 1 {
		maxI := 1
		for i := 2; i < len(learnt); i++ {
			if s.vars[learnt[i].Var()].level > s.vars[learnt[maxI].Var()].level {
				maxI = i
			}
		}
		learnt[1], learnt[maxI] = learnt[maxI], learnt[1]
		back = int(s.vars[learnt[1].Var()].level)
	}
	s.learntBuf = learnt
	return learnt, back
}

// fixReasonOrder puts p first in its reason clause (propagate puts the
// implied literal first; this keeps it so after clause rewrites).
func (s *Solver) fixReasonOrder(ci int32, p Lit) {
	if ci < 0 {
		return // a two-literal clause: clauseOf puts p first
	}
	lits := s.lits(ci)
	if lits[0] != p {
		for k := range lits {
			if lits[k] == p {
				lits[0], lits[k] = lits[k], lits[0]
				break
			}
		}
	}
}

// redundant reports whether l is implied by literals already in the learnt
// clause (marked seen), following reasons depth first.
//
//go:norace
func (s *Solver) redundant(l Lit, abstract uint32) bool {
	s.stack = append(s.stack[:0], l)
	top := len(s.toClear)
	for len(s.stack) > 0 {
		q := s.stack[len(s.stack)-1]
		s.stack = s.stack[:len(s.stack)-1]
		ci := s.vars[q.Var()].reason
		s.fixReasonOrder(ci, q.Not())
		for _, r := range s.clauseOf(ci, q.Not())[1:] {
			v := r.Var()
			if s.seen[v] || s.vars[v].level == 0 {
				continue
			}
			if s.vars[v].reason != noReason && abstract&(1<<(uint(s.vars[v].level)&31)) != 0 {
				s.seen[v] = true
				s.stack = append(s.stack, r)
				s.toClear = append(s.toClear, r)
				continue
			}
			for _, c := range s.toClear[top:] {
				s.seen[c.Var()] = false
			}
			s.toClear = s.toClear[:top]
			return false
		}
	}
	return true
}

// lbd is the number of distinct decision levels among lits.
//
//go:norace
func (s *Solver) lbd(lits []Lit) int32 {
	s.stamp++
	for len(s.levelStamp) <= s.decisionLevel() {
		s.levelStamp = append(s.levelStamp, 0)
	}
	n := int32(0)
	for _, l := range lits {
		if lv := s.vars[l.Var()].level; s.levelStamp[lv] != s.stamp {
			s.levelStamp[lv] = s.stamp
			n++
		}
	}
	return n
}

// reduce deletes the less useful half of the learnt clauses: those with a
// literal block distance above 2 that are not the reason of an assignment.
func (s *Solver) reduce() {
	var cand []int32
	for c := int32(0); c < int32(len(s.arena)); c = s.clauseEnd(c) {
		if s.learnt(c) && s.clauseLBD(c) > 2 && !s.locked(c) {
			cand = append(cand, c)
		}
	}
	slices.SortFunc(cand, func(a, b int32) int {
		if la, lb := s.clauseLBD(a), s.clauseLBD(b); la != lb {
			return int(lb - la)
		}
		switch aa, ab := s.activityOf(a), s.activityOf(b); {
		case aa < ab:
			return -1
		case aa > ab:
			return 1
		}
		return 0
	})
	for _, c := range cand[:len(cand)/2] {
		s.arena[c] |= flagDeleted
		s.learnts--
		s.numClauses--
	}
	s.compact()
}

func (s *Solver) locked(c int32) bool {
	first := s.lits(c)[0]
	return s.vars[first.Var()].reason == c && s.value(first) == lTrue
}

// compact copies the clauses not deleted into a new arena and renames them
// in the watches and reasons; while it runs, each old clause's LBD word
// holds its new offset.
func (s *Solver) compact() {
	old := s.arena
	s.arena = make([]Lit, 0, len(old))
	for c := int32(0); c < int32(len(old)); {
		end := c + clauseHeader + int32(old[c]>>2)
		if old[c]&flagDeleted == 0 {
			n := Lit(len(s.arena))
			s.arena = append(s.arena, old[c:end]...)
			old[c+1] = n
		}
		c = end
	}
	moved := func(c int32) int32 {
		if old[c]&flagDeleted != 0 {
			return -1
		}
		return int32(old[c+1])
	}
	for l := range s.occurs {
		ws := s.occurs[l].watches
		k := 0
		for _, w := range ws {
			if n := moved(w.c); n >= 0 {
				ws[k] = watch{n, w.blocker}
				k++
			}
		}
		s.occurs[l].watches = ws[:k]
	}
	for _, l := range s.trail {
		if r := s.vars[l.Var()].reason; r >= 0 {
			s.vars[l.Var()].reason = moved(r)
		}
	}
}

// Solve looks for an assignment satisfying every clause and the assumptions.
// It stops with Unknown when ctx is done (checked every 100 conflicts) or the
// ConflictBudget is spent. Clauses learnt stay for later calls.
func (s *Solver) Solve(ctx context.Context, assumptions ...Lit) Status {
	if !s.ok {
		return Unsat
	}
	if (!s.paused || !slices.Equal(assumptions, s.pausedUnder)) && !s.restart() {
		return Unsat
	}
	s.paused = false
	if !s.packed {
		s.pack()
	}
	start := s.Conflicts
	for {
		switch s.search(ctx, assumptions, start) {
		case Sat:
			return Sat // the model stays readable (Value) until the next call
		case Unsat:
			s.cancelUntil(0)
			return Unsat
		}
		if ctx.Err() != nil || (s.ConflictBudget > 0 && s.Conflicts-start >= s.ConflictBudget) {
			// stopped, not restarted: a caller that gives the solver its
			// budget in chunks would otherwise restart it at every chunk,
			// where restarts should be rare (see search)
			s.paused, s.pausedUnder = true, slices.Clone(assumptions)
			return Unknown
		}
		if !s.restart() {
			return Unsat
		}
	}
}

// pack copies every literal's occurrence lists into two blocks, literal
// by literal, at the first Solve: propagation then reads neighbouring lists
// from neighbouring memory rather than from wherever the appends that built
// them left each one. Watch lists get room to grow (watches move from list
// to list all the time); the two-literal clauses rarely change. With it and
// the occurrence and variable records, the same search on ticf-13crafb took
// 0.70–0.97 of the time (BenchmarkExactConflicts, docs/benchmarks.md).
func (s *Solver) pack() {
	nb, nw := 0, 0
	for _, o := range s.occurs {
		nb += len(o.binaries)
		nw += 2*len(o.watches) + 2
	}
	bins := make([]Lit, 0, nb)
	ws := make([]watch, 0, nw)
	for i := range s.occurs {
		o := &s.occurs[i]
		from := len(bins)
		bins = append(bins, o.binaries...)
		o.binaries = bins[from:len(bins):len(bins)]
		from = len(ws)
		ws = append(ws, o.watches...)
		ws = ws[:len(ws)+len(o.watches)+2]
		o.watches = ws[from : from+len(o.watches) : len(ws)]
	}
	s.packed = true
}

// restart goes back to level 0 and adds the imported clauses; it reports
// false when one of them makes the formula unsatisfiable.
func (s *Solver) restart() bool {
	s.cancelUntil(0)
	s.sinceRestart = 0
	s.targetLen = 0
	for _, c := range s.imports {
		s.AddClause(c...)
	}
	s.imports = s.imports[:0]
	return s.ok
}

// Import adds a clause implied by the formula (one another solver learnt)
// at the solver's next restart: adding it at once would undo the search
// under way, and restarts every few thousand conflicts were measured to
// keep the solver from finding schedules (see search).
func (s *Solver) Import(lits []Lit) {
	s.imports = append(s.imports, slices.Clone(lits))
}

// search runs until an answer, the budget or a restart. Restarts come after
// restartUnit·luby(i) conflicts: rare enough for the target phases to lead
// the search to a model, as in the stable mode of CaDiCaL and Kissat. Those
// alternate it with a focused mode of frequent restarts (Glucose's rule),
// meant for refutations; on the fair's formulas, without it, the crafted
// files' optimal schedules took fewer conflicts (forum-13crafb's "at most 6
// breaks" from 12 initial orders: median 45,000 against 66,000) and the
// benchmark's 44 infeasible files are still all proven so within 10 s each
// (docs/benchmarks.md).
//
//go:norace
func (s *Solver) search(ctx context.Context, assumptions []Lit, start int64) Status {
	for {
		confl := s.propagate()
		if confl != noReason {
			s.Conflicts++
			s.sinceRestart++
			if s.decisionLevel() == 0 {
				s.ok = false
				return Unsat
			}
			s.saveTarget()
			learnt, back := s.analyze(confl)
			lbd := s.lbd(learnt)
			if s.OnLearnt != nil && len(learnt) <= ShareLength && lbd <= ShareLBD {
				s.OnLearnt(learnt)
			}
			s.cancelUntil(back)
			if len(learnt) == 1 {
				s.enqueue(learnt[0], noReason)
			} else {
				ci := s.attach(learnt, true, lbd)
				if ci >= 0 {
					s.bumpClause(ci)
				}
				s.learnts++
				s.enqueue(learnt[0], ci)
			}
			s.varInc /= 0.95
			s.claInc /= 0.999
			if s.Conflicts%100 == 0 && ctx.Err() != nil {
				return Unknown
			}
			continue
		}
		if s.ConflictBudget > 0 && s.Conflicts-start >= s.ConflictBudget {
			return Unknown
		}
		if s.sinceRestart >= restartUnit*luby(s.lubyIndex) {
			s.lubyIndex++
			return Unknown // restart
		}
		if s.learnts >= s.maxLearn+len(s.trail) {
			s.reduce()
			s.maxLearn += 500
		}
		var next Lit = -1
		for s.decisionLevel() < len(assumptions) {
			a := assumptions[s.decisionLevel()]
			switch s.value(a) {
			case lTrue:
				s.trailLim = append(s.trailLim, len(s.trail)) // a dummy level keeps levels and assumptions aligned
				continue
			case lFalse:
				return Unsat
			}
			next = a
			break
		}
		if next == -1 {
			v := s.pickBranch()
			if v < 0 {
				return Sat
			}
			next = Pos(v)
			if t := s.target[v]; t == lFalse || (t == 0 && s.polarity[v]) {
				next = Neg(v)
			}
		}
		s.trailLim = append(s.trailLim, len(s.trail))
		s.enqueue(next, noReason)
	}
}

// ShareLength and ShareLBD bound the learnt clauses OnLearnt is given. On
// the fair's formulas, the "glue" clauses of parallel solvers (LBD at most
// 2, up to 8 literals) were a few hundred in 10 s; these bounds pass about
// 3,000 (docs/benchmarks.md).
const (
	ShareLength = 16
	ShareLBD    = 4
)

// restartUnit is the conflicts of Luby's unit interval (Kissat's stable
// mode's).
const restartUnit = 1024

// luby is the x-th term (from 0) of Luby's sequence 1 1 2 1 1 2 4 1 1 2 …
func luby(x int) int {
	size, seq := 1, 0
	for size < x+1 {
		seq++
		size = 2*size + 1
	}
	for size-1 != x {
		size = (size - 1) >> 1
		seq--
		x = x % size
	}
	return 1 << seq
}

// saveTarget takes the assignment below the conflict's decision level, free
// of conflicts, as the target when it is the longest since the restart.
func (s *Solver) saveTarget() {
	n := s.trailLim[s.decisionLevel()-1]
	if n <= s.targetLen {
		return
	}
	for _, l := range s.trail[:n] {
		s.target[l.Var()] = s.vals[Pos(l.Var())]
	}
	s.targetLen = n
}

func (s *Solver) pickBranch() int {
	for s.heap.len() > 0 {
		v := s.heap.pop()
		if s.vals[Pos(v)] == 0 {
			return v
		}
	}
	return -1
}

// varHeap is a max-heap of variables by activity.
type varHeap struct {
	act   *[]float64
	items []int
	index []int // per variable: position in items, -1 = absent
}

func (h *varHeap) len() int { return len(h.items) }

func (h *varHeap) has(v int) bool { return v < len(h.index) && h.index[v] >= 0 }

func (h *varHeap) less(a, b int) bool { return (*h.act)[h.items[a]] > (*h.act)[h.items[b]] }

func (h *varHeap) swap(a, b int) {
	h.items[a], h.items[b] = h.items[b], h.items[a]
	h.index[h.items[a]] = a
	h.index[h.items[b]] = b
}

func (h *varHeap) push(v int) {
	for len(h.index) <= v {
		h.index = append(h.index, -1)
	}
	h.index[v] = len(h.items)
	h.items = append(h.items, v)
	h.up(len(h.items) - 1)
}

func (h *varHeap) pop() int {
	v := h.items[0]
	last := len(h.items) - 1
	h.swap(0, last)
	h.items = h.items[:last]
	h.index[v] = -1
	if last > 0 {
		h.down(0)
	}
	return v
}

func (h *varHeap) fix(v int) {
	if h.has(v) {
		h.up(h.index[v])
	}
}

func (h *varHeap) up(i int) {
	for i > 0 {
		p := (i - 1) / 2
		if !h.less(i, p) {
			return
		}
		h.swap(i, p)
		i = p
	}
}

func (h *varHeap) down(i int) {
	for {
		l, best := 2*i+1, i
		if l < len(h.items) && h.less(l, best) {
			best = l
		}
		if r := l + 1; r < len(h.items) && h.less(r, best) {
			best = r
		}
		if best == i {
			return
		}
		h.swap(i, best)
		i = best
	}
}

// Inconsistent reports whether the clauses alone, without assumptions, are
// proven unsatisfiable.
func (s *Solver) Inconsistent() bool { return !s.ok }

// NumClauses is the number of clauses (original and learnt).
func (s *Solver) NumClauses() int { return s.numClauses }
