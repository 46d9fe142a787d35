package meetings_test

import (
	"context"
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"convene/internal/meetings"
)

// benchDir finds shared/benchdata/b2b-bofill-jair2022 beside the module root.
func benchDir(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the test")
		}
		dir = parent
	}
	b := filepath.Join(dir, "..", "shared", "benchdata", "b2b-bofill-jair2022")
	if _, err := os.Stat(b); err != nil {
		t.Skipf("benchmark data not found at %s", b)
	}
	return b
}

func readInstance(t testing.TB, path string) *meetings.Instance {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	in, err := meetings.ReadDZN(f, filepath.Base(path))
	if err != nil {
		t.Fatal(err)
	}
	return in
}

func readSchedule(t *testing.T, path string, nm int) []int {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	s, err := meetings.ReadScheduleCSV(f, nm)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return s
}

var publishedBreaks = regexp.MustCompile(`total_breaks=(\d+)`)

// The checker agrees with the published break count of every reference schedule.
func TestCheckerOnReferenceSolutions(t *testing.T) {
	dir := benchDir(t)
	sols, _ := filepath.Glob(filepath.Join(dir, "reference-solutions", "*.sol.csv"))
	if len(sols) != 50 {
		t.Fatalf("%d reference solutions, want 50", len(sols))
	}
	for _, sol := range sols {
		name := strings.TrimSuffix(filepath.Base(sol), ".sol.csv")
		raw, err := os.ReadFile(sol)
		if err != nil {
			t.Fatal(err)
		}
		m := publishedBreaks.FindSubmatch(raw)
		if m == nil {
			t.Fatalf("%s: no total_breaks in the header comment", sol)
		}
		want, _ := strconv.Atoi(string(m[1]))
		in := readInstance(t, filepath.Join(dir, "instances", name+".dzn"))
		v := meetings.Check(in, readSchedule(t, sol, len(in.Meetings)), 2)
		if !v.Feasible || v.Breaks != want {
			t.Errorf("%s: feasible=%v breaks=%d (published %d) violations %v", name, v.Feasible, v.Breaks, want, v.Violations)
		}
	}
}

// Violations planted in a reference schedule are all caught.
func TestCheckerCatchesPlantedViolations(t *testing.T) {
	dir := benchDir(t)
	in := readInstance(t, filepath.Join(dir, "instances", "forum-13.prec15.dzn"))
	ref := readSchedule(t, filepath.Join(dir, "reference-solutions", "forum-13.prec15.sol.csv"), len(in.Meetings))
	if v := meetings.Check(in, ref, 2); !v.Feasible {
		t.Fatalf("reference infeasible: %v", v.Violations)
	}
	// find meetings with the properties each plant needs
	var clashA, clashB int = -1, -1
	for a := range in.Meetings {
		for b := a + 1; b < len(in.Meetings); b++ {
			if in.Meetings[a].A == in.Meetings[b].A && clashA < 0 {
				clashA, clashB = a, b
			}
		}
	}
	morningOnly, prec := -1, -1
	for m, mt := range in.Meetings {
		if mt.Session == meetings.Morning && morningOnly < 0 {
			morningOnly = m
		}
		if len(mt.After) > 0 && prec < 0 {
			prec = m
		}
	}
	forbP, forbT := -1, 0
	for p, fs := range in.Forbidden {
		if len(fs) > 0 {
			forbP, forbT = p, fs[0]
			break
		}
	}
	forbM := slices.IndexFunc(in.Meetings, func(m meetings.Meeting) bool { return m.A == forbP || m.B == forbP })
	cases := []struct {
		name  string
		plant func(s []int)
		want  string
	}{
		{"unscheduled", func(s []int) { s[3] = 0 }, "not scheduled"},
		{"outside", func(s []int) { s[3] = in.Slots + 1 }, "outside"},
		{"double-booked", func(s []int) { s[clashB] = s[clashA] }, "has meetings"},
		{"session", func(s []int) { s[morningOnly] = in.Slots }, "morning-only"},
		{"forbidden", func(s []int) { s[forbM] = forbT }, "forbidden"},
		{"precedence", func(s []int) { s[in.Meetings[prec].After[0]] = s[prec] }, "must come after"},
		{"tables", func(s []int) {
			for m := range s {
				s[m] = 1
			}
		}, "tables"},
	}
	for _, c := range cases {
		s := slices.Clone(ref)
		c.plant(s)
		v := meetings.Check(in, s, 2)
		if v.Feasible || !slices.ContainsFunc(v.Violations, func(x string) bool { return strings.Contains(x, c.want) }) {
			t.Errorf("%s: not caught: %v", c.name, v.Violations)
		}
	}
	// fixed slots and fairness
	fx := &meetings.Instance{Participants: 4, Slots: 5, Morning: 5, Tables: 2, Meetings: []meetings.Meeting{
		{A: 0, B: 1, Fixed: 2}, {A: 0, B: 2}, {A: 1, B: 2}, {A: 0, B: 2},
	}, AllowRepeats: true}
	if v := meetings.Check(fx, []int{3, 1, 4, 5}, 2); !slices.ContainsFunc(v.Violations, func(x string) bool { return strings.Contains(x, "fixed") }) {
		t.Errorf("fixed slot not caught: %v", v.Violations)
	}
	// participants 0, 1, 2 have one break each, participant 3 none
	v := meetings.Check(fx, []int{2, 1, 4, 5}, 0)
	if !v.FairnessOver || v.Feasible || v.Breaks != 3 || v.MaxMinusMin != 1 {
		t.Errorf("fairness: %+v", v)
	}
}

func TestValidateExplains(t *testing.T) {
	in := &meetings.Instance{Participants: 3, Slots: 4, Morning: 2, Tables: 2, Meetings: []meetings.Meeting{
		{A: 0, B: 1, Fixed: 1}, {A: 1, B: 0}, {A: 0, B: 2, Fixed: 1}, {A: 1, B: 1},
		{A: 1, B: 2, After: []int{5}}, {A: 0, B: 2, After: []int{4}},
	}}
	err := in.Validate()
	var ve *meetings.ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("want a ValidationError, got %v", err)
	}
	for _, want := range []string{"already meet in meeting 1", "both fixed at slot 1", "meets itself"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("%q missing from %v", want, err)
		}
	}
	if _, err := meetings.Solve(context.Background(), in, meetings.Options{D: 2, MaxIterations: 10}); err == nil {
		t.Error("Solve accepted an invalid fair")
	}
	cyc := &meetings.Instance{Participants: 3, Slots: 4, Morning: 2, Tables: 2, Meetings: []meetings.Meeting{
		{A: 1, B: 2, After: []int{1}}, {A: 0, B: 2, After: []int{0}},
	}}
	if err := cyc.Validate(); err == nil || !strings.Contains(err.Error(), "cycle") {
		t.Errorf("cycle: %v", err)
	}
}

// When not all meetings fit, the most are scheduled by priority, with no
// hard rule broken, and the result says so.
func TestOverfullSchedulesByPriority(t *testing.T) {
	in := &meetings.Instance{Participants: 5, Slots: 3, Morning: 3, Tables: 4, Meetings: []meetings.Meeting{
		{A: 0, B: 1, Priority: 5}, {A: 0, B: 2, Priority: 5}, {A: 0, B: 3, Priority: 5}, {A: 0, B: 4, Priority: 1},
		{A: 1, B: 2},
	}}
	res, err := meetings.Solve(context.Background(), in, meetings.Options{D: 2, MaxIterations: 50_000, Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	if res.Complete || !res.ProvenInfeasible || !strings.Contains(res.Reason, "participants with more meetings") {
		t.Errorf("want a proven incomplete schedule, got complete=%v proven=%v reason=%q", res.Complete, res.ProvenInfeasible, res.Reason)
	}
	if !slices.Equal(res.Unscheduled, []int{3}) {
		t.Errorf("unscheduled %v, want [3] (the low-priority meeting)", res.Unscheduled)
	}
	v := meetings.Check(in, res.Slot, 2)
	if len(v.Violations) != v.Unscheduled {
		t.Errorf("hard violations besides unscheduled meetings: %v", v.Violations)
	}
}

func TestDeterministicForASeed(t *testing.T) {
	in := readInstance(t, filepath.Join(benchDir(t), "instances", "tic-13crafc.original.dzn"))
	opt := meetings.Options{D: 2, Seed: 7, MaxIterations: 50_000}
	a, err := meetings.Solve(context.Background(), in, opt)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := meetings.Solve(context.Background(), in, opt)
	if !slices.Equal(a.Slot, b.Slot) || !slices.Equal(a.Table, b.Table) || a.Iterations != b.Iterations {
		t.Error("two runs with the same seed differ")
	}
}

// Small original instances are solved to the published optimum and proven,
// and the result agrees with the checker.
func TestSolvesSmallOriginals(t *testing.T) {
	dir := benchDir(t)
	for _, name := range []string{"tic-12", "tic-13crafb"} {
		in := readInstance(t, filepath.Join(dir, "instances", name+".original.dzn"))
		calls := 0
		res, err := meetings.Solve(context.Background(), in, meetings.Options{D: 2, Seed: 1, MaxIterations: 20_000_000,
			Progress: func(meetings.Progress) { calls++ }})
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]int{"tic-12": 0, "tic-13crafb": 0, "forumt-14crafd": 4}[name]
		v := meetings.Check(in, res.Slot, 2)
		if !res.Optimal || res.Breaks != want || !v.Feasible || v.Breaks != want || calls == 0 {
			t.Errorf("%s: optimal=%v breaks=%d checker %d/%v, want %d; progress calls %d", name, res.Optimal, res.Breaks, v.Breaks, v.Feasible, want, calls)
		}
		for m, tb := range res.Table {
			if tb < 1 || tb > in.Tables {
				t.Fatalf("%s: meeting %d at table %d", name, m+1, tb)
			}
		}
	}
}

// After a short local search the exact method, run deterministically on a
// conflict budget, reports its conflicts and the bound as it goes, and what
// it ends with is what Solve returns.
func TestExactProgressAfterLocalSearch(t *testing.T) {
	in := readInstance(t, filepath.Join(benchDir(t), "instances", "forumt-14crafd.original.dzn"))
	var seen []meetings.Progress
	res, err := meetings.Solve(context.Background(), in, meetings.Options{D: 2, Seed: 1, MaxIterations: 20_000, ExactConflicts: 50_000,
		Progress: func(p meetings.Progress) { seen = append(seen, p) }})
	if err != nil {
		t.Fatal(err)
	}
	if !res.Optimal || res.Breaks != 4 {
		t.Fatalf("optimal=%v at %d breaks, want 4 proven", res.Optimal, res.Breaks)
	}
	exact := 0
	for i, p := range seen {
		if i > 0 && (p.Conflicts < seen[i-1].Conflicts || p.Iterations < seen[i-1].Iterations) {
			t.Fatalf("progress went back: %+v after %+v", p, seen[i-1])
		}
		if p.Conflicts > 0 {
			exact++
		}
	}
	last := seen[len(seen)-1]
	if exact < 2 || last.Best != res.Breaks || last.Bound != res.LowerBound || last.Iterations != 20_000 {
		t.Fatalf("%d reports from the exact method; last %+v, result %d breaks, bound %d", exact, last, res.Breaks, res.LowerBound)
	}
}

// randomInstance makes a small fair with every kind of constraint.
func randomInstance(rng *rand.Rand) *meetings.Instance {
	in := &meetings.Instance{Participants: 3 + rng.IntN(3), Slots: 3 + rng.IntN(3), Tables: 1 + rng.IntN(3), AllowRepeats: true}
	in.Morning = rng.IntN(in.Slots + 1)
	nm := 2 + rng.IntN(5)
	for range nm {
		a := rng.IntN(in.Participants)
		b := (a + 1 + rng.IntN(in.Participants-1)) % in.Participants
		m := meetings.Meeting{A: a, B: b, Priority: 1 + rng.IntN(3)}
		if in.Morning > 0 && in.Morning < in.Slots && rng.IntN(4) == 0 {
			m.Session = meetings.Session(1 + rng.IntN(2))
		}
		if rng.IntN(8) == 0 {
			m.Fixed = 1 + rng.IntN(in.Slots)
		}
		if len(in.Meetings) > 0 && rng.IntN(5) == 0 {
			m.After = []int{rng.IntN(len(in.Meetings))}
		}
		in.Meetings = append(in.Meetings, m)
	}
	in.Forbidden = make([][]int, in.Participants)
	for p := range in.Forbidden {
		if rng.IntN(3) == 0 {
			in.Forbidden[p] = []int{1 + rng.IntN(in.Slots)}
		}
	}
	return in
}

// bruteForce returns the least breaks of a feasible schedule, or -1.
func bruteForce(in *meetings.Instance, d int) int {
	slots := make([]int, len(in.Meetings))
	best := -1
	var rec func(i int)
	rec = func(i int) {
		if i == len(slots) {
			if v := meetings.Check(in, slots, d); v.Feasible && (best < 0 || v.Breaks < best) {
				best = v.Breaks
			}
			return
		}
		for t := 1; t <= in.Slots; t++ {
			slots[i] = t
			rec(i + 1)
		}
	}
	rec(0)
	return best
}

// Property: on small random fairs the solver never breaks a hard rule, its
// bound is a bound, and whatever it claims (optimal, infeasible) is true.
func TestPropertiesOnRandomFairs(t *testing.T) {
	rng := rand.New(rand.NewPCG(42, 1))
	n := 100
	if testing.Short() {
		n = 30
	}
	claims, exactClaims := 0, 0
	for i := range n {
		in := randomInstance(rng)
		if in.Validate() != nil {
			continue
		}
		d := rng.IntN(2)
		// every other fair also gets the exact method, whose claims are checked the same way
		var exact int64
		if i%2 == 1 {
			exact = 100_000
		}
		res, err := meetings.Solve(context.Background(), in, meetings.Options{D: d, Seed: uint64(i), MaxIterations: 20_000, ExactConflicts: exact})
		if err != nil {
			t.Fatal(err)
		}
		v := meetings.Check(in, res.Slot, d)
		if len(v.Violations) != v.Unscheduled {
			t.Fatalf("fair %d: hard violations %v", i, v.Violations)
		}
		if res.Complete != v.Feasible || (v.Feasible && v.Breaks != res.Breaks) {
			t.Fatalf("fair %d: solver says complete=%v breaks=%d, checker %v %d", i, res.Complete, res.Breaks, v.Feasible, v.Breaks)
		}
		opt := bruteForce(in, d)
		switch {
		case opt >= 0 && res.LowerBound > opt:
			t.Fatalf("fair %d: bound %d above the optimum %d", i, res.LowerBound, opt)
		case res.Optimal && res.Breaks != opt:
			t.Fatalf("fair %d: claims optimal %d, exhaustive search finds %d", i, res.Breaks, opt)
		case res.ProvenInfeasible && opt >= 0:
			t.Fatalf("fair %d: claims infeasible, exhaustive search finds %d breaks (%s)", i, opt, res.Reason)
		case opt < 0 && res.Complete:
			t.Fatalf("fair %d: complete schedule where exhaustive search finds none", i)
		}
		if res.Optimal || res.ProvenInfeasible {
			claims++
			if exact > 0 {
				exactClaims++
			}
		}
	}
	if claims == 0 || exactClaims == 0 {
		t.Errorf("claims made: %d, %d of them with the exact method: the test checks too little", claims, exactClaims)
	}
}

// The synthetic fair is the same for the same seed, valid, and keeps its
// promise: everybody has fewer meetings than the slots they can make.
func TestSyntheticFair(t *testing.T) {
	sf := meetings.SyntheticFair{Participants: 300, Meetings: 1500, Slots: 16, Tables: 80, Seed: 3}
	a, b := sf.Generate(), sf.Generate()
	same := slices.EqualFunc(a.Meetings, b.Meetings, func(x, y meetings.Meeting) bool { return x.A == y.A && x.B == y.B })
	if len(a.Meetings) != 1500 || !same || !slices.EqualFunc(a.Forbidden, b.Forbidden, slices.Equal) {
		t.Fatalf("%d meetings, want 1500; the same seed gives the same fair: %v", len(a.Meetings), same)
	}
	if err := a.Validate(); err != nil {
		t.Fatal(err)
	}
	if bd := meetings.LowerBound(a, 2); len(bd.Overfull) > 0 || len(bd.EmptyDomain) > 0 {
		t.Fatalf("over-full participants %v, meetings without a slot %v", bd.Overfull, bd.EmptyDomain)
	}
}

// BenchmarkExactConflicts measures the SAT solver's speed on the fair's
// formulas: ticf-13crafb, a short local search, then the exact method's two
// formulas taking turns for a fixed number of conflicts. Without a time
// limit the run is the same search every time, so time per op compares
// solver builds (docs/benchmarks.md).
func BenchmarkExactConflicts(b *testing.B) {
	in := readInstance(b, filepath.Join(benchDir(b), "instances", "ticf-13crafb.original.dzn"))
	for b.Loop() {
		res, err := meetings.Solve(context.Background(), in, meetings.Options{D: 2, Seed: 1, MaxIterations: 20_000, ExactConflicts: 40_000})
		if err != nil || !res.Complete {
			b.Fatalf("no complete schedule: %v", err)
		}
	}
}
