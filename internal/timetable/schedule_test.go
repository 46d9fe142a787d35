package timetable

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"
)

var day0 = time.Date(2025, 3, 27, 0, 0, 0, 0, time.UTC)

func at(day, h, m int) time.Time {
	return day0.AddDate(0, 0, day).Add(time.Duration(h)*time.Hour + time.Duration(m)*time.Minute)
}

// randomProblem is a tiny edition: 2–3 rooms in two buildings, two days of
// two blocks, 3–5 activities of one or two hours with random audiences,
// features, shared speakers, a theme day, an unavailable speaker and
// sometimes a fixed activity.
func randomProblem(rng *rand.Rand) *Problem {
	p := &Problem{Location: time.UTC, Travel: map[[2]string]time.Duration{{"A", "B"}: 30 * time.Minute}, Interest: map[string][]string{}}
	p.Blocks = []Window{{at(0, 9, 0), at(0, 11, 0)}, {at(0, 14, 0), at(0, 16, 0)}, {at(1, 9, 0), at(1, 11, 0)}}
	for r := range 2 + rng.IntN(2) {
		room := Room{ID: fmt.Sprintf("r%d", r), Building: []string{"A", "B"}[r%2], Capacity: 50 + 50*rng.IntN(4)}
		if rng.IntN(2) == 0 {
			room.Features = []string{"booths"}
		}
		if rng.IntN(4) == 0 {
			room.Available = []Window{{at(0, 0, 0), at(1, 0, 0)}}
		}
		p.Rooms = append(p.Rooms, room)
	}
	people := []string{"p0", "p1", "p2"}
	p.People = []Person{{ID: "p0", Unavailable: []Window{{at(0, 9, 0), at(0, 10, 0)}}}}
	n := 3 + rng.IntN(3)
	for i := range n {
		a := Activity{ID: fmt.Sprintf("a%d", i), Duration: time.Duration(1+rng.IntN(2)) * time.Hour, Audience: 40 + 40*rng.IntN(5)}
		if rng.IntN(3) == 0 {
			a.Needs = []string{"booths"}
		}
		for _, pe := range people {
			if rng.IntN(3) == 0 {
				a.People = append(a.People, pe)
			}
		}
		if rng.IntN(4) == 0 {
			a.ThemeDay = "2025-03-28"
		}
		if rng.IntN(3) == 0 {
			a.PreferredRoom = p.Rooms[rng.IntN(len(p.Rooms))].ID
		}
		if i == 0 && rng.IntN(2) == 0 {
			a.Fixed = &Placement{Activity: a.ID, Room: "r0", Start: at(0, 9, 0)}
			a.ThemeDay, a.Needs, a.People = "", nil, nil
			a.Audience = min(a.Audience, p.Rooms[0].Capacity)
		}
		p.Activities = append(p.Activities, a)
	}
	for u := range 20 {
		var wants []string
		for _, a := range p.Activities {
			if rng.IntN(2) == 0 {
				wants = append(wants, a.ID)
			}
		}
		p.Interest[fmt.Sprintf("u%d", u)] = wants
	}
	return p
}

// exhaustive returns the fewest audience conflicts of a timetable without
// hard conflicts (Check is the judge), or -1 when there is none. It tries
// every room and every start on a 30-minute grid for each activity that is
// not fixed.
func exhaustive(p *Problem) int {
	var starts []time.Time
	for _, b := range p.Blocks {
		for t := b.Start; !t.After(b.End); t = t.Add(30 * time.Minute) {
			starts = append(starts, t)
		}
	}
	pl := make([]Placement, len(p.Activities))
	best := -1
	var rec func(i int)
	rec = func(i int) {
		if i == len(p.Activities) {
			if len(Check(p, pl)) == 0 {
				if n := AudienceConflicts(p, pl); best < 0 || n < best {
					best = n
				}
			}
			return
		}
		a := p.Activities[i]
		if a.Fixed != nil {
			pl[i] = *a.Fixed
			rec(i + 1)
			return
		}
		for _, r := range p.Rooms {
			for _, t := range starts {
				pl[i] = Placement{Activity: a.ID, Room: r.ID, Start: t}
				if len(Check(p, pl[:i+1])) == 0 { // prune: the prefix must be clean
					rec(i + 1)
				}
			}
		}
	}
	rec(0)
	return best
}

func TestPlanNeverBreaksAHardRuleWhenAFeasibleTimetableExists(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	feasible, infeasible := 0, 0
	for k := range 60 {
		p := randomProblem(rng)
		opt := exhaustive(p)
		plan, err := PlanTimetable(context.Background(), p, ScheduleOptions{Seed: uint64(k), MaxIters: 20000})
		if err != nil {
			t.Fatal(err)
		}
		if opt < 0 {
			infeasible++
			if plan.Feasible() || len(plan.Infeasible) == 0 {
				t.Errorf("instance %d: no timetable exists, yet the plan is feasible or unexplained: %+v", k, plan)
			}
			continue
		}
		feasible++
		if !plan.Feasible() {
			t.Errorf("instance %d: a feasible timetable exists (%d audience conflicts), the plan has %+v / %+v", k, opt, plan.Hard, plan.Infeasible)
			continue
		}
		if cs := Check(p, plan.Placements); len(cs) != 0 || len(plan.Infeasible) != 0 {
			t.Errorf("instance %d: conflicts %+v, reasons %+v", k, cs, plan.Infeasible)
		}
		for i, a := range p.Activities {
			if a.Fixed != nil && plan.Placements[i] != *a.Fixed {
				t.Errorf("instance %d: fixed %s moved to %+v", k, a.ID, plan.Placements[i])
			}
		}
		if plan.Audience < opt {
			t.Errorf("instance %d: %d audience conflicts, below the optimum %d: the judge and the plan disagree", k, plan.Audience, opt)
		}
	}
	if feasible < 10 || infeasible < 3 {
		t.Errorf("the random instances should mix both cases: %d feasible, %d infeasible", feasible, infeasible)
	}
}

// booths is a theme day whose forums need interpretation booths: more
// forums than rooms with booths in its only block.
func booths() *Problem {
	p := &Problem{Location: time.UTC,
		Blocks: []Window{{at(1, 9, 0), at(1, 12, 0)}, {at(2, 9, 0), at(2, 12, 0)}},
		Rooms: []Room{
			{ID: "hall-a", Capacity: 500, Features: []string{"interpretation-booths"}},
			{ID: "hall-b", Capacity: 500, Features: []string{"interpretation-booths"}},
			{ID: "room-c", Capacity: 500},
		},
	}
	for i := range 3 {
		p.Activities = append(p.Activities, Activity{ID: fmt.Sprintf("ai-%d", i), Duration: 3 * time.Hour, Audience: 200,
			Needs: []string{"interpretation-booths"}, ThemeDay: "2025-03-28"})
	}
	return p
}

func TestInfeasibleInputsAreExplained(t *testing.T) {
	p := booths()
	plan, err := PlanTimetable(context.Background(), p, ScheduleOptions{Seed: 1, MaxIters: 1000})
	if err != nil {
		t.Fatal(err)
	}
	if plan.Feasible() || plan.Placements != nil || len(plan.Infeasible) != 1 {
		t.Fatalf("want one reason and no timetable, got %+v", plan)
	}
	r := plan.Infeasible[0]
	if r.Rule != RuleFeatureTime || !strings.Contains(r.EN, "3 activities need interpretation-booths on the theme day 2025-03-28") ||
		!strings.Contains(r.EN, "only 2 rooms") || !strings.Contains(r.ZH, "interpretation-booths") || len(r.Activities) != 3 {
		t.Errorf("reason %+v", r)
	}

	p = booths()
	p.Activities[1].Audience = 900
	reasons, err := Precheck(p)
	if err != nil {
		t.Fatal(err)
	}
	if len(reasons) != 1 || reasons[0].Rule != RuleCapacity || reasons[0].ZH != "活动 ai-1 需要 900 个座位，但没有任何会议室容量达到 900（最大 500）" {
		t.Errorf("capacity reasons %+v", reasons)
	}

	p = booths()
	p.Activities = p.Activities[:2]
	p.Activities[0].People, p.Activities[1].People = []string{"ada"}, []string{"ada"}
	reasons, _ = Precheck(p)
	if len(reasons) != 0 {
		t.Fatalf("the pre-checks cannot see this one: %+v", reasons)
	}
	plan, _ = PlanTimetable(context.Background(), p, ScheduleOptions{Seed: 1, MaxIters: 2000})
	if plan.Feasible() || len(plan.Infeasible) != 1 || plan.Infeasible[0].Rule != string(PersonDoubleBooked) || plan.Infeasible[0].People[0] != "ada" {
		t.Errorf("a person in both theme-day forums: want the conflict left as the reason, got %+v", plan.Infeasible)
	}

	p = booths()
	p.Activities = p.Activities[:1]
	p.People = []Person{{ID: "ada", Unavailable: []Window{{at(0, 0, 0), at(5, 0, 0)}}}}
	p.Activities[0].People = []string{"ada"}
	reasons, _ = Precheck(p)
	if len(reasons) != 1 || reasons[0].Rule != RuleNoSlot {
		t.Errorf("unavailable speaker: %+v", reasons)
	}
	p.Blocks = nil
	if reasons, _ = Precheck(p); len(reasons) != 1 || reasons[0].Rule != RuleNoBlocks {
		t.Errorf("no blocks: %+v", reasons)
	}
	p.Rooms = nil
	if reasons, _ = Precheck(p); len(reasons) != 1 || reasons[0].Rule != RuleNoBlocks {
		t.Errorf("no blocks nor rooms: %+v", reasons)
	}
	p.Blocks = booths().Blocks
	if reasons, _ = Precheck(p); len(reasons) != 1 || reasons[0].Rule != RuleNoRooms {
		t.Errorf("no rooms: %+v", reasons)
	}
	p.Activities[0].Duration = 0
	if _, err := Precheck(p); err == nil || !strings.Contains(err.Error(), "ai-0 has no duration") {
		t.Errorf("bad input: %v", err)
	}
}

// sample is a mid-sized problem: 30 forums over three days in 8 rooms,
// audiences that want forums of their theme.
func sample(seed uint64) *Problem {
	rng := rand.New(rand.NewPCG(seed, 1))
	p := &Problem{Location: time.UTC, Interest: map[string][]string{}}
	for d := range 3 {
		p.Blocks = append(p.Blocks, Window{at(d, 9, 0), at(d, 12, 0)}, Window{at(d, 14, 0), at(d, 17, 30)})
	}
	for r := range 8 {
		p.Rooms = append(p.Rooms, Room{ID: fmt.Sprintf("room-%d", r), Capacity: 100 * (1 + r%4), Building: []string{"A", "B"}[r/4]})
	}
	themes := []string{"ai", "quantum", "ocean", "health", "energy"}
	for i := range 30 {
		p.Activities = append(p.Activities, Activity{ID: fmt.Sprintf("%s-%d", themes[i%5], i), Duration: 3 * time.Hour,
			Audience: 50 + rng.IntN(300), People: []string{fmt.Sprintf("chair-%d", i%12)}})
	}
	p.Activities[0].PreferredRoom = "room-3"
	p.Activities[1].PreferredRoom = "room-3"
	p.Activities[2].PreferredDay = "2025-03-29"
	for u := range 400 {
		th := themes[u%5]
		var wants []string
		for _, a := range p.Activities {
			if strings.HasPrefix(a.ID, th) && rng.IntN(3) > 0 || rng.IntN(15) == 0 {
				wants = append(wants, a.ID)
			}
		}
		p.Interest[fmt.Sprintf("u%d", u)] = wants
	}
	return p
}

func TestPlanIsDeterministicForASeed(t *testing.T) {
	run := func(seed uint64) []Placement {
		plan, err := PlanTimetable(context.Background(), sample(1), ScheduleOptions{Seed: seed, MaxIters: 30000})
		if err != nil || !plan.Feasible() {
			t.Fatalf("%v %+v", err, plan)
		}
		return plan.Placements
	}
	a, b := run(5), run(5)
	if !slices.Equal(a, b) {
		t.Error("the same seed gave two timetables")
	}
}

func TestPlanIsAnytimeAndReportsProgress(t *testing.T) {
	p := sample(2)
	greedy, _ := PlanTimetable(context.Background(), p, ScheduleOptions{MaxIters: 1})
	ctx, cancel := context.WithCancel(context.Background())
	var reports []Progress
	plan, err := PlanTimetable(ctx, p, ScheduleOptions{Seed: 1, TimeLimit: time.Minute, ProgressEvery: time.Nanosecond, Progress: func(pr Progress) {
		reports = append(reports, pr)
		if pr.Iterations > 20000 {
			cancel()
		}
	}})
	if err != nil {
		t.Fatal(err)
	}
	if !plan.Feasible() || plan.Iterations < 20000 || len(reports) < 2 || !reports[len(reports)-1].Done {
		t.Fatalf("cancelled run: feasible %v after %d iterations, %d reports", plan.Feasible(), plan.Iterations, len(reports))
	}
	last := reports[len(reports)-1]
	if last.Hard != 0 || last.Objective > reports[0].Objective {
		t.Errorf("progress should end without hard violations and no worse than it began: %+v … %+v", reports[0], last)
	}
	if plan.Audience > greedy.Audience {
		t.Errorf("search made it worse: %d audience conflicts, greedy %d", plan.Audience, greedy.Audience)
	}
	t.Logf("audience conflicts: greedy %d, after %d iterations %d", greedy.Audience, plan.Iterations, plan.Audience)
}

func TestUnmetWishesAreExplained(t *testing.T) {
	p := &Problem{Location: time.UTC, Blocks: []Window{{at(0, 9, 0), at(0, 13, 0)}},
		Rooms: []Room{{ID: "hall-a", Capacity: 300}, {ID: "room-b", Capacity: 300}, {ID: "tiny", Capacity: 10}},
		Activities: []Activity{
			{ID: "keynote", Duration: 3 * time.Hour, Fixed: &Placement{Activity: "keynote", Room: "hall-a", Start: at(0, 9, 0)}},
			{ID: "quantum", Duration: 3 * time.Hour, Audience: 100, PreferredRoom: "hall-a", PreferredDay: "2025-03-29"},
			{ID: "ocean", Duration: time.Hour, Audience: 100, PreferredRoom: "tiny"},
		},
	}
	plan, err := PlanTimetable(context.Background(), p, ScheduleOptions{Seed: 1, MaxIters: 2000})
	if err != nil || !plan.Feasible() {
		t.Fatalf("%v %+v", err, plan)
	}
	got := map[string]Unmet{}
	for _, u := range plan.Unmet {
		got[u.Activity+" "+u.Wish] = u
	}
	if u := got["quantum preferred-room"]; !strings.Contains(u.EN, "hall-a is taken by keynote at that time") || !strings.Contains(u.ZH, "已被 keynote 占用") {
		t.Errorf("room wish: %+v", u)
	}
	if u := got["quantum preferred-day"]; u.Got != "2025-03-27" || !strings.Contains(u.EN, "that day no room") {
		t.Errorf("day wish: %+v", u)
	}
	if u := got["ocean preferred-room"]; !strings.Contains(u.EN, "tiny seats 10 and 100 are expected") {
		t.Errorf("capacity: %+v", u)
	}
	if len(plan.Unmet) != 3 {
		t.Errorf("unmet %+v", plan.Unmet)
	}
}
