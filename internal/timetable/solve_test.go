package timetable

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"testing"
	"time"
)

// internalObjective is what the search's delta evaluation says a schedule
// costs, without the hard-rule surcharges.
func internalObjective(in *Instance, sc *Schedule) (int64, int) {
	st := stateOf(in, sc)
	v := st.total() - int64(st.unplaced)*unplacedPenalty
	return v % presenterPenalty, st.unplaced
}

func TestSolveCosplibSmall(t *testing.T) {
	dir := dataDir(t)
	for _, name := range []string{"N2OR", "GECCO20", "GECCO21"} {
		in, err := LoadCosplib(filepath.Join(dir, "csv", name))
		if err != nil {
			t.Fatal(err)
		}
		out := Solve(context.Background(), in, Options{Seed: 1, MaxIters: 200000})
		if out.Result.Hard != 0 {
			t.Errorf("%s: hard violations %v", name, out.Result.HardDetail)
		}
		got, left := internalObjective(in, out.Schedule)
		if left != 0 || got != out.Result.Objective {
			t.Errorf("%s: delta evaluation says %d (%d unplaced), checker %d %v", name, got, left, out.Result.Objective, out.Result.WeightedMap())
		}
		t.Logf("%s: objective %d %v after %d iterations in %v", name, out.Result.Objective, out.Result.WeightedMap(), out.Iterations, out.Elapsed.Round(time.Millisecond))
	}
}

// randomFeasible builds a random instance together with a schedule that
// breaks no hard rule: cells are filled (most of them completely) with
// submissions of random tracks, and a presenter gets a second talk only where
// the planted schedule keeps them out of parallel rooms.
func randomFeasible(rng *rand.Rand, id int) *Instance {
	S, R := 2+rng.IntN(4), 2+rng.IntN(3)
	in := &Instance{Name: fmt.Sprintf("random%d", id), LessSuitableTo: 24*60 - 1, SuitableTo: 24*60 - 1, SmallTZPenalty: 1, BigTZPenalty: 10}
	for s := range S {
		in.Sessions = append(in.Sessions, Session{Name: fmt.Sprintf("S%d", s), MaxSlots: 1 + rng.IntN(3), Start: 9 * 60, End: 10 * 60})
	}
	for r := range R {
		in.Rooms = append(in.Rooms, fmt.Sprintf("R%d", r))
	}
	busy := map[[2]int]string{} // (session, person) -> room name
	people := 0
	for s := range S {
		for r := range R {
			if rng.IntN(10) == 0 {
				continue // an empty cell
			}
			t := len(in.Tracks)
			if t > 0 && rng.IntN(3) > 0 {
				t = rng.IntN(len(in.Tracks))
			} else {
				in.Tracks = append(in.Tracks, Track{Name: fmt.Sprintf("T%d", t)})
			}
			free := in.Sessions[s].MaxSlots
			for free > 0 && rng.IntN(8) > 0 {
				k := 1 + rng.IntN(min(2, free))
				free -= k
				var p string
				if people > 0 && rng.IntN(2) == 0 {
					cand := rng.IntN(people)
					if room, ok := busy[[2]int{s, cand}]; !ok || room == in.Rooms[r] {
						p = fmt.Sprintf("P%d", cand)
						busy[[2]int{s, cand}] = in.Rooms[r]
					}
				}
				if p == "" {
					p = fmt.Sprintf("P%d", people)
					busy[[2]int{s, people}] = in.Rooms[r]
					people++
				}
				in.Submissions = append(in.Submissions, Submission{
					Ref: fmt.Sprintf("x%d", len(in.Submissions)), Track: t, Slots: k, Presenters: []string{p},
				})
			}
		}
	}
	if len(in.Submissions) == 0 {
		in.Tracks = append(in.Tracks, Track{Name: "T"})
		in.Submissions = append(in.Submissions, Submission{Ref: "x0", Track: 0, Slots: 1, Presenters: []string{"P0"}})
	}
	// tracks with no submission would be dropped by the workbook's checks
	var tracks []Track
	remap := map[int]int{}
	for t := range in.Tracks {
		for _, s := range in.Submissions {
			if s.Track == t {
				remap[t] = len(tracks)
				tracks = append(tracks, in.Tracks[t])
				break
			}
		}
	}
	in.Tracks = tracks
	for i := range in.Submissions {
		in.Submissions[i].Track = remap[in.Submissions[i].Track]
	}
	for k := range in.Weights {
		in.Weights[k] = int64(rng.IntN(5))
	}
	in.Weights[PresentersConflicts] = 1 // as GECCO21: a low weight, still a hard rule
	in.Init()
	for t := range in.Tracks {
		for s := range S {
			in.TrackSession[t][s] = int64(rng.IntN(3))
		}
	}
	return in
}

func TestSolverNeverReturnsHardViolationsWhenFeasible(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	for i := range 25 {
		in := randomFeasible(rng, i)
		out := Solve(context.Background(), in, Options{Seed: uint64(i), MaxIters: 40000})
		if out.Result.Hard != 0 {
			t.Errorf("%s (%d sessions, %d rooms, %d submissions, %d slots needed): hard violations %v",
				in.Name, len(in.Sessions), len(in.Rooms), len(in.Submissions), in.RequiredSlots(), out.Result.HardDetail)
		}
		if got, left := internalObjective(in, out.Schedule); left != 0 || got != out.Result.Objective {
			t.Errorf("%s: delta evaluation %d, checker %d", in.Name, got, out.Result.Objective)
		}
	}
}

func TestSolveIsDeterministicForASeed(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 3))
	in := randomFeasible(rng, 0)
	for range 3 {
		if len(in.Submissions) >= 8 {
			break
		}
		in = randomFeasible(rng, 0)
	}
	var sols []string
	for range 2 {
		out := Solve(context.Background(), in, Options{Seed: 42, MaxIters: 20000})
		var buf bytes.Buffer
		if err := WriteSol(in, out.Schedule, &buf); err != nil {
			t.Fatal(err)
		}
		sols = append(sols, buf.String())
	}
	if sols[0] != sols[1] {
		t.Fatalf("two runs with seed 42 differ:\n%s\n%s", sols[0], sols[1])
	}
}

func TestSolveReportsProgressAndStopsAtTheTimeLimit(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 5))
	in := randomFeasible(rng, 0)
	var calls []Progress
	start := time.Now()
	out := Solve(context.Background(), in, Options{Seed: 1, TimeLimit: 300 * time.Millisecond, ProgressEvery: 50 * time.Millisecond,
		Progress: func(p Progress) { calls = append(calls, p) }})
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("ran %v with a 300 ms limit", d)
	}
	if len(calls) < 2 || !calls[len(calls)-1].Done {
		t.Fatalf("progress calls %v", calls)
	}
	if last := calls[len(calls)-1]; last.Objective != out.Result.Objective || last.Hard != out.Result.Hard {
		t.Errorf("final progress %+v, result %v", last, out.Result)
	}
}
