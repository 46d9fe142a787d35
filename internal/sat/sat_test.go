package sat

import (
	"context"
	"math/rand/v2"
	"testing"
)

// bruteForce reports whether some assignment of n variables satisfies cnf.
func bruteForce(n int, cnf [][]Lit) bool {
	for a := 0; a < 1<<n; a++ {
		ok := true
		for _, c := range cnf {
			sat := false
			for _, l := range c {
				if (a>>l.Var()&1 == 1) == (l&1 == 0) {
					sat = true
					break
				}
			}
			if !sat {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

func satisfies(s *Solver, cnf [][]Lit) bool {
	for _, c := range cnf {
		sat := false
		for _, l := range c {
			if s.Value(l.Var()) == (l&1 == 0) {
				sat = true
			}
		}
		if !sat {
			return false
		}
	}
	return true
}

func randomCNF(rng *rand.Rand, n, m int) [][]Lit {
	cnf := make([][]Lit, m)
	for i := range cnf {
		k := 1 + rng.IntN(4)
		for range k {
			v := rng.IntN(n)
			if rng.IntN(2) == 0 {
				cnf[i] = append(cnf[i], Pos(v))
			} else {
				cnf[i] = append(cnf[i], Neg(v))
			}
		}
	}
	return cnf
}

// TestAgreesWithBruteForce solves random formulas near the 3-SAT threshold
// and compares the answer with enumeration; a Sat answer must satisfy every clause.
func TestAgreesWithBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	var sats, unsats int
	for range 3000 {
		n := 3 + rng.IntN(12)
		cnf := randomCNF(rng, n, 2+rng.IntN(5*n))
		s := New()
		for range n {
			s.NewVar()
		}
		for _, c := range cnf {
			s.AddClause(c...)
		}
		got := s.Solve(context.Background())
		want := bruteForce(n, cnf)
		if (got == Sat) != want || got == Unknown {
			t.Fatalf("n=%d %v: solver %v, brute force sat=%v", n, cnf, got, want)
		}
		if got == Sat {
			sats++
			if !satisfies(s, cnf) {
				t.Fatalf("model does not satisfy %v", cnf)
			}
		} else {
			unsats++
		}
	}
	if sats < 300 || unsats < 300 {
		t.Fatalf("the random formulas are too one-sided: %d sat, %d unsat", sats, unsats)
	}
}

// TestSharedClauses: every clause OnLearnt passes on is implied by the
// formula (the formula and the clause's negation have no model), and a
// second solver of the same formula given them by Import, in chunks so that
// they arrive at its restarts, answers as brute force does.
func TestSharedClauses(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	var passed int
	for range 600 {
		n := 10 + rng.IntN(6)
		cnf := make([][]Lit, 4*n+rng.IntN(n)) // random 3-SAT near the threshold: conflicts deep in the search
		for i := range cnf {
			for range 3 {
				cnf[i] = append(cnf[i], Lit(rng.IntN(2*n)))
			}
		}
		a, b := New(), New()
		for range n {
			a.NewVar()
			b.NewVar()
		}
		for _, c := range cnf {
			a.AddClause(c...)
			b.AddClause(c...)
		}
		var learnt [][]Lit
		a.OnLearnt = func(lits []Lit) { learnt = append(learnt, append([]Lit(nil), lits...)) }
		a.Solve(context.Background())
		for _, c := range learnt {
			negated := append([][]Lit(nil), cnf...)
			for _, l := range c {
				negated = append(negated, []Lit{l.Not()})
			}
			if bruteForce(n, negated) {
				t.Fatalf("%v: learnt clause %v is not implied", cnf, c)
			}
			b.Import(c)
		}
		passed += len(learnt)
		want := bruteForce(n, cnf)
		if got := solveInChunks(b, 1); (got == Sat) != want || (got == Sat && !satisfies(b, cnf)) {
			t.Fatalf("%v with %d clauses imported: %v, brute force sat=%v", cnf, len(learnt), got, want)
		}
	}
	if passed < 1000 {
		t.Fatalf("only %d clauses passed on: too few to mean much", passed)
	}
}

// TestAssumptionsAndIncrements solves one formula under many assumption sets
// and with clauses added between calls, against brute force each time: in
// one call each, and with the conflicts given one at a time as the exact
// schedulers give them in chunks (a call out of budget leaves the search
// paused and the next call with the same assumptions goes on from there;
// other assumptions or a new clause in between must not carry a stale
// search over).
func TestAssumptionsAndIncrements(t *testing.T) {
	for _, chunked := range []bool{false, true} {
		rng := rand.New(rand.NewPCG(3, 4))
		for range 300 {
			n := 4 + rng.IntN(10)
			cnf := randomCNF(rng, n, 2*n)
			s := New()
			for range n {
				s.NewVar()
			}
			for _, c := range cnf {
				s.AddClause(c...)
			}
			for range 6 {
				var as []Lit
				for range rng.IntN(4) {
					as = append(as, Lit(rng.IntN(2*n)))
				}
				withUnits := append([][]Lit{}, cnf...)
				for _, a := range as {
					withUnits = append(withUnits, []Lit{a})
				}
				var got Status
				if chunked {
					// a first chunk under other assumptions leaves a paused search behind
					s.ConflictBudget = 1
					s.Solve(context.Background(), Lit(rng.IntN(2*n)))
					got = solveInChunks(s, 1, as...)
				} else {
					got = s.Solve(context.Background(), as...)
				}
				if want := bruteForce(n, withUnits); (got == Sat) != want {
					t.Fatalf("assumptions %v on %v (chunked %v): solver %v, brute force %v", as, cnf, chunked, got, want)
				}
				if got == Sat && !satisfies(s, withUnits) {
					t.Fatalf("model breaks the formula or the assumptions")
				}
				extra := randomCNF(rng, n, 1)[0]
				cnf = append(cnf, extra)
				s.AddClause(extra...)
			}
		}
	}
}

// solveInChunks calls Solve with a budget of chunk conflicts until it answers.
func solveInChunks(s *Solver, chunk int64, as ...Lit) Status {
	s.ConflictBudget = chunk
	for {
		if st := s.Solve(context.Background(), as...); st != Unknown {
			return st
		}
	}
}

// pigeonhole is a solver holding n+1 pigeons in n holes: unsatisfiable and
// hard for resolution.
func pigeonhole(holes int) *Solver {
	s := New()
	x := func(p, h int) Lit { return Pos(p*holes + h) }
	for range (holes + 1) * holes {
		s.NewVar()
	}
	for p := range holes + 1 {
		var c []Lit
		for h := range holes {
			c = append(c, x(p, h))
		}
		s.AddClause(c...)
	}
	for h := range holes {
		for p := range holes + 1 {
			for q := p + 1; q <= holes; q++ {
				s.AddClause(x(p, h).Not(), x(q, h).Not())
			}
		}
	}
	return s
}

func TestPigeonholeUnsat(t *testing.T) {
	if got := pigeonhole(7).Solve(context.Background()); got != Unsat {
		t.Fatalf("pigeonhole 7: %v, want Unsat", got)
	}
}

func TestBudgetStops(t *testing.T) {
	s := pigeonhole(10)
	s.ConflictBudget = 500
	if got := s.Solve(context.Background()); got != Unknown {
		t.Fatalf("with a budget of 500 conflicts: %v, want Unknown", got)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	s.ConflictBudget = 0
	if got := s.Solve(ctx); got != Unknown {
		t.Fatalf("cancelled: %v, want Unknown", got)
	}
}

// TestChunkedSolving gives the solver its conflicts a few at a time in
// searches long enough to pass through restarts: planted models must be
// found, pigeonholes refuted.
func TestChunkedSolving(t *testing.T) {
	// random 3-SAT with a planted model, 250 variables at 4.2 clauses each
	for seed := range uint64(3) {
		rng := rand.New(rand.NewPCG(seed, 9))
		const n = 250
		model := make([]bool, n)
		for v := range model {
			model[v] = rng.IntN(2) == 0
		}
		s := New()
		for range n {
			s.NewVar()
		}
		var cnf [][]Lit
		for len(cnf) < 42*n/10 {
			c := make([]Lit, 3)
			kept := false
			for i := range c {
				v := rng.IntN(n)
				c[i] = Pos(v)
				if rng.IntN(2) == 0 {
					c[i] = Neg(v)
				}
				kept = kept || model[v] == (c[i]&1 == 0)
			}
			if kept {
				cnf = append(cnf, c)
				s.AddClause(c...)
			}
		}
		if got := solveInChunks(s, 7); got != Sat || !satisfies(s, cnf) {
			t.Fatalf("planted 3-SAT %d: %v in chunks of 7 conflicts, or a model that breaks it", seed, got)
		}
		t.Logf("planted 3-SAT %d: %d conflicts", seed, s.Conflicts)
	}

	const holes = 8
	s := pigeonhole(holes)
	if got := solveInChunks(s, 7); got != Unsat {
		t.Fatalf("pigeonhole %d in chunks: %v, want Unsat", holes, got)
	}
	if s.lubyIndex < 3 {
		t.Fatalf("pigeonhole %d took %d conflicts, too few to pass through restarts", holes, s.Conflicts)
	}
}

func TestLuby(t *testing.T) {
	want := []int{1, 1, 2, 1, 1, 2, 4, 1, 1, 2, 1, 1, 2, 4, 8, 1}
	for i, w := range want {
		if got := luby(i); got != w {
			t.Fatalf("luby(%d) = %d, want %d", i, got, w)
		}
	}
}
