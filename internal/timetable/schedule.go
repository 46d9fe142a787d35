package timetable

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"time"
)

// The scheduler of the edition model: it places the activities of a Problem
// that are not fixed so that every hard rule of Check holds and the weighted
// soft penalties (audience conflicts, host wishes) are as small as it can
// find. It uses the late-acceptance core of Solve (lahc.go) with its own
// moves and delta evaluation.

// Weights of the soft penalties. An audience conflict is one attendee
// wanting two activities that overlap; a missed wish is one activity off its
// preferred day or room.
type Weights struct {
	Audience      int64
	PreferredDay  int64
	PreferredRoom int64
}

// DefaultWeights: a host's preferred day is worth 50 attendees' conflicts,
// a preferred room 20. Wishes are usually about who can come (day) or
// about prestige (room), and should yield only to many attendees.
var DefaultWeights = Weights{Audience: 1, PreferredDay: 50, PreferredRoom: 20}

// hardWeight makes one hard violation cost more than any sum of soft
// penalties, so the search removes violations first.
const hardWeight = int64(1) << 40

// ScheduleOptions control PlanTimetable.
type ScheduleOptions struct {
	Seed      uint64
	TimeLimit time.Duration // 0 = no limit (then MaxIters must be set)
	MaxIters  int64         // 0 = no limit
	// Step is the grid of start times inside blocks (default 30 minutes).
	Step    time.Duration
	Weights Weights // zero = DefaultWeights
	// Progress, when set, is called about every ProgressEvery (default 1 s)
	// and once at the end, with the best so far; not at all when the
	// pre-checks fail (there is no search).
	Progress      func(Progress)
	ProgressEvery time.Duration
	Now           func() time.Time // default time.Now
}

// Plan is the scheduler's answer.
type Plan struct {
	// Placements of every activity, fixed ones included, in the order of
	// Problem.Activities; nil when the problem failed the pre-checks.
	Placements []Placement
	// Hard are the conflicts Check finds in Placements; empty when feasible.
	Hard []Conflict
	// Audience is the number of audience conflicts of Placements.
	Audience int
	// Unmet lists the hosts' wishes the plan does not meet, with the reason.
	Unmet []Unmet
	// Infeasible explains why no timetable without hard conflicts was
	// found: the rules that cannot all hold (pre-checks), or the conflicts
	// left when the time ran out. Empty when Hard is empty.
	Infeasible []Reason
	Iterations int64
	Elapsed    time.Duration
}

// Feasible reports whether the plan breaks no hard rule.
func (p *Plan) Feasible() bool { return p.Placements != nil && len(p.Hard) == 0 }

// PlanTimetable places the activities of p that are not fixed. Fixed activities
// never move. It first runs the pre-checks (Precheck) and returns their
// reasons without searching when a rule can never hold; otherwise it builds
// a greedy timetable and improves it by late acceptance until the time
// limit, the iteration limit or ctx ends it, and returns the best timetable
// seen (anytime). The run is deterministic for a seed and an iteration
// count; with only a time limit it depends on the machine's speed.
func PlanTimetable(ctx context.Context, p *Problem, opt ScheduleOptions) (*Plan, error) {
	now := opt.Now
	if now == nil {
		now = time.Now
	}
	start := now()
	s, err := compile(p, opt)
	if err != nil {
		return nil, err
	}
	if reasons := s.precheck(); len(reasons) > 0 {
		return &Plan{Infeasible: reasons, Elapsed: now().Sub(start)}, nil // no search: nothing to report
	}
	s.construct()
	best := s.search(ctx, opt, now, start)
	for i := range s.acts { // back to the best timetable seen, room lists included
		s.place(i, -1)
	}
	for i, k := range best {
		s.place(i, k)
	}
	plan := &Plan{Placements: s.placements(), Elapsed: now().Sub(start)}
	plan.Iterations = s.iters
	plan.Hard = Check(p, plan.Placements)
	plan.Audience = AudienceConflicts(p, plan.Placements)
	plan.Unmet = s.explainWishes()
	for _, c := range plan.Hard {
		plan.Infeasible = append(plan.Infeasible, Reason{Rule: string(c.Kind), Activities: c.Activities, Rooms: c.Rooms, People: c.People,
			ZH: "排程结束时仍有冲突：" + c.ZH, EN: "still broken when the search ended: " + c.EN})
	}
	return plan, nil
}

// slot is one place an activity may take: a room and a start, in minutes
// since the Unix epoch.
type slot struct {
	room  int
	start int64
}

// scheduler holds a Problem compiled to indexes and minutes.
type scheduler struct {
	p     *Problem
	w     Weights
	loc   *time.Location
	step  int64
	acts  []*Activity
	rooms []*Room
	dur   []int64
	// cands lists the slots each activity may take without breaking a
	// rule that concerns it alone (capacity, features, availability,
	// blocks, theme day); a fixed activity has exactly its own slot.
	cands   [][]slot
	fixed   []bool
	movable []int
	// at is the index in cands of each activity's slot; -1 while unplaced.
	at     []int
	roomOf []int
	// byRoom lists the placed activities of each room.
	byRoom [][]int
	// people[i] lists, per other activity, how many people i shares with it;
	// co[i] how many attendees want both.
	people [][]pair
	co     [][]pair
	// travel between the rooms' buildings, minutes.
	travel      [][]int64
	unavailable map[string][]Window // person -> windows
	iters       int64
}

type pair struct {
	j int
	n int64
}

func minutes(t time.Time) int64 { return t.Unix() / 60 }

func compile(p *Problem, opt ScheduleOptions) (*scheduler, error) {
	s := &scheduler{p: p, w: opt.Weights, loc: p.Location, step: int64(opt.Step / time.Minute)}
	if s.w == (Weights{}) {
		s.w = DefaultWeights
	}
	if s.loc == nil {
		s.loc = time.UTC
	}
	if s.step <= 0 {
		s.step = 30
	}
	s.unavailable = map[string][]Window{}
	for _, pe := range p.People {
		s.unavailable[pe.ID] = append(s.unavailable[pe.ID], pe.Unavailable...)
	}
	idx := map[string]int{}
	for i := range p.Activities {
		a := &p.Activities[i]
		if _, dup := idx[a.ID]; dup || a.ID == "" {
			return nil, fmt.Errorf("timetable: activity id %q is empty or repeated", a.ID)
		}
		if a.Duration <= 0 {
			return nil, fmt.Errorf("timetable: activity %s has no duration", a.ID)
		}
		idx[a.ID] = i
		s.acts = append(s.acts, a)
		s.dur = append(s.dur, int64((a.Duration+time.Minute-1)/time.Minute))
	}
	roomIdx := map[string]int{}
	buildings := map[string]int{}
	var bOf []int
	for i := range p.Rooms {
		r := &p.Rooms[i]
		if _, dup := roomIdx[r.ID]; dup || r.ID == "" {
			return nil, fmt.Errorf("timetable: room id %q is empty or repeated", r.ID)
		}
		roomIdx[r.ID] = i
		s.rooms = append(s.rooms, r)
		if _, ok := buildings[r.Building]; !ok {
			buildings[r.Building] = len(buildings)
		}
		bOf = append(bOf, buildings[r.Building])
	}
	s.travel = make([][]int64, len(s.rooms))
	for a := range s.rooms {
		s.travel[a] = make([]int64, len(s.rooms))
		for b := range s.rooms {
			if bOf[a] != bOf[b] {
				s.travel[a][b] = int64(travel(p, s.rooms[a].Building, s.rooms[b].Building) / time.Minute)
			}
		}
	}
	n := len(s.acts)
	s.cands, s.fixed, s.at, s.roomOf = make([][]slot, n), make([]bool, n), make([]int, n), make([]int, n)
	s.byRoom = make([][]int, len(s.rooms))
	for i, a := range s.acts {
		s.at[i], s.roomOf[i] = -1, -1
		if a.Fixed != nil {
			r, ok := roomIdx[a.Fixed.Room]
			if !ok {
				return nil, fmt.Errorf("timetable: fixed activity %s is in an unknown room %q", a.ID, a.Fixed.Room)
			}
			s.fixed[i] = true
			s.cands[i] = []slot{{r, minutes(a.Fixed.Start)}}
			continue
		}
		s.movable = append(s.movable, i)
		s.cands[i] = s.slotsOf(i)
	}
	// pairs sharing people or attendees
	s.people, s.co = make([][]pair, n), make([][]pair, n)
	byPerson := map[string][]int{}
	for i, a := range s.acts {
		for _, pid := range dedupe(a.People) {
			byPerson[pid] = append(byPerson[pid], i)
		}
	}
	addPairs(s.people, byPerson)
	wants := map[string][]int{}
	for att, list := range p.Interest {
		for _, id := range dedupe(list) {
			if i, ok := idx[id]; ok { // interest in an activity not in the problem (cancelled …) does not count
				wants[att] = append(wants[att], i)
			}
		}
	}
	addPairs(s.co, wants)
	return s, nil
}

func dedupe(xs []string) []string {
	out := slices.Clone(xs)
	slices.Sort(out)
	return slices.Compact(out)
}

// addPairs counts, for every two activities of a group, the groups they
// share, into sorted per-activity lists (sorted so the run is deterministic
// whatever the map order).
func addPairs(out [][]pair, groups map[string][]int) {
	count := map[[2]int]int64{}
	for _, g := range groups {
		for x := range g {
			for y := x + 1; y < len(g); y++ {
				a, b := min(g[x], g[y]), max(g[x], g[y])
				if a != b {
					count[[2]int{a, b}]++
				}
			}
		}
	}
	for k, n := range count {
		out[k[0]] = append(out[k[0]], pair{k[1], n})
		out[k[1]] = append(out[k[1]], pair{k[0], n})
	}
	for i := range out {
		slices.SortFunc(out[i], func(a, b pair) int { return a.j - b.j })
	}
}

// starts lists the starts on the grid at which an activity of dur minutes
// lies inside a block.
func (s *scheduler) starts(dur int64) []int64 {
	var out []int64
	for _, b := range s.p.Blocks {
		from, to := minutes(b.Start), minutes(b.End)
		for t := from; t+dur <= to; t += s.step {
			out = append(out, t)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// fits reports the first rule of activity i alone that slot (r, t) breaks
// ("" = none): the rules Check applies to one placement.
func (s *scheduler) fits(i, r int, t int64) ConflictKind {
	a, room := s.acts[i], s.rooms[r]
	if a.Audience > room.Capacity {
		return OverCapacity
	}
	for _, f := range a.Needs {
		if !slices.Contains(room.Features, f) {
			return MissingFeature
		}
	}
	w := Window{time.Unix(t*60, 0), time.Unix((t+s.dur[i])*60, 0)}
	if len(room.Available) > 0 && !inside(w, room.Available) {
		return RoomUnavailable
	}
	if a.ThemeDay != "" && w.Start.In(s.loc).Format(time.DateOnly) != a.ThemeDay {
		return ThemeDaySplit
	}
	for _, pid := range a.People {
		for _, u := range s.unavailable[pid] {
			if u.overlaps(w) {
				return PersonUnavailable
			}
		}
	}
	return ""
}

func (s *scheduler) slotsOf(i int) []slot {
	var out []slot
	for _, t := range s.starts(s.dur[i]) {
		for r := range s.rooms {
			if s.fits(i, r, t) == "" {
				out = append(out, slot{r, t})
			}
		}
	}
	return out
}

// place puts activity i in its candidate slot k (-1 takes it out).
func (s *scheduler) place(i, k int) {
	if r := s.roomOf[i]; r >= 0 {
		list := s.byRoom[r]
		p := slices.Index(list, i)
		s.byRoom[r] = slices.Delete(list, p, p+1)
	}
	s.at[i], s.roomOf[i] = k, -1
	if k >= 0 {
		r := s.cands[i][k].room
		s.roomOf[i] = r
		s.byRoom[r] = append(s.byRoom[r], i)
	}
}

// clash is one reason a slot costs: a hard rule broken with another
// activity, or attendees who want both.
type clash struct {
	kind   ConflictKind // "" for audience conflicts
	other  int
	person string // for person rules
	n      int64
}

// cost is the cost activity i adds in slot sl, given where the others are:
// hard violations with placed activities, audience conflicts and missed
// wishes. With why set it also lists the clashes.
func (s *scheduler) cost(i int, sl slot, why *[]clash) (hard, soft int64) {
	end := sl.start + s.dur[i]
	overlaps := func(j int) bool {
		o := s.cands[j][s.at[j]]
		return sl.start < o.start+s.dur[j] && o.start < end
	}
	for _, j := range s.byRoom[sl.room] {
		if j != i && overlaps(j) {
			hard++
			if why != nil {
				*why = append(*why, clash{kind: RoomDoubleBooked, other: j, n: 1})
			}
		}
	}
	for _, pr := range s.people[i] {
		j := pr.j
		if s.at[j] < 0 {
			continue
		}
		kind := ConflictKind("")
		if overlaps(j) {
			kind = PersonDoubleBooked
		} else if o := s.cands[j][s.at[j]]; s.travel[sl.room][o.room] > 0 {
			gap := o.start - end
			if o.start < sl.start {
				gap = sl.start - (o.start + s.dur[j])
			}
			if gap < s.travel[sl.room][o.room] {
				kind = PersonTravel
			}
		}
		if kind != "" {
			hard += pr.n
			if why != nil {
				*why = append(*why, clash{kind: kind, other: j, person: s.sharedPerson(i, j), n: pr.n})
			}
		}
	}
	for _, pr := range s.co[i] {
		if s.at[pr.j] >= 0 && overlaps(pr.j) {
			soft += pr.n * s.w.Audience
			if why != nil {
				*why = append(*why, clash{other: pr.j, n: pr.n})
			}
		}
	}
	a := s.acts[i]
	if a.PreferredDay != "" && time.Unix(sl.start*60, 0).In(s.loc).Format(time.DateOnly) != a.PreferredDay {
		soft += s.w.PreferredDay
	}
	if a.PreferredRoom != "" && s.rooms[sl.room].ID != a.PreferredRoom {
		soft += s.w.PreferredRoom
	}
	return hard, soft
}

func (s *scheduler) sharedPerson(i, j int) string {
	for _, p := range s.acts[i].People {
		if slices.Contains(s.acts[j].People, p) {
			return p
		}
	}
	return ""
}

func (s *scheduler) costAt(i int) int64 {
	h, soft := s.cost(i, s.cands[i][s.at[i]], nil)
	return h*hardWeight + soft
}

// total is the cost of the whole timetable: each pair counted once.
func (s *scheduler) total() (hard, soft int64) {
	for i := range s.acts {
		h, so := s.cost(i, s.cands[i][s.at[i]], nil)
		hard += h
		soft += so
	}
	// pair terms were counted from both sides; wishes once
	var wishes int64
	for i := range s.acts {
		wishes += s.wishCost(i)
	}
	return hard / 2, (soft-wishes)/2 + wishes
}

func (s *scheduler) wishCost(i int) int64 {
	a, sl := s.acts[i], s.cands[i][s.at[i]]
	var v int64
	if a.PreferredDay != "" && time.Unix(sl.start*60, 0).In(s.loc).Format(time.DateOnly) != a.PreferredDay {
		v += s.w.PreferredDay
	}
	if a.PreferredRoom != "" && s.rooms[sl.room].ID != a.PreferredRoom {
		v += s.w.PreferredRoom
	}
	return v
}

// construct places the fixed activities, then the others greedily, those
// with the fewest slots first, each in its cheapest slot.
func (s *scheduler) construct() {
	for i := range s.acts {
		if s.fixed[i] {
			s.place(i, 0)
		}
	}
	order := slices.Clone(s.movable)
	slices.SortStableFunc(order, func(a, b int) int { return len(s.cands[a]) - len(s.cands[b]) })
	for _, i := range order {
		best, bestCost := 0, int64(-1)
		for k, sl := range s.cands[i] {
			h, soft := s.cost(i, sl, nil)
			if c := h*hardWeight + soft; bestCost < 0 || c < bestCost {
				best, bestCost = k, c
			}
		}
		s.place(i, best)
	}
}

// search improves the timetable by late acceptance over two moves (put one
// activity in another of its slots; exchange the slots of two activities
// when each fits the other's) and returns the best assignment seen.
func (s *scheduler) search(ctx context.Context, opt ScheduleOptions, now func() time.Time, start time.Time) []int {
	elapsed := func() time.Duration { return now().Sub(start) }
	hard, soft := s.total()
	cur := hard*hardWeight + soft
	best, bestCost := slices.Clone(s.at), cur
	every := opt.ProgressEvery
	if every <= 0 {
		every = time.Second
	}
	report := func(done bool) {
		if opt.Progress != nil {
			opt.Progress(Progress{Iterations: s.iters, Elapsed: elapsed(), Objective: bestCost % hardWeight, Hard: bestCost / hardWeight, Done: done})
		}
	}
	n := len(s.movable)
	if n == 0 {
		report(true)
		return best
	}
	rng := rand.New(rand.NewPCG(opt.Seed, opt.Seed^0x9e3779b97f4a7c15))
	L := min(2000, max(100, 10*n))
	la := newLateAcceptance(L, cur, int64(max(20*L, 2000)), func(rng *rand.Rand) int { return 2 + rng.IntN(3+n/10) })
	slotIndex := make([]map[slot]int, len(s.acts))
	for _, i := range s.movable {
		slotIndex[i] = make(map[slot]int, len(s.cands[i]))
		for k, sl := range s.cands[i] {
			slotIndex[i][sl] = k
		}
	}
	var lastReport time.Duration
	for opt.MaxIters == 0 || la.iter < opt.MaxIters {
		s.iters = la.iter
		la.begin(rng)
		if la.iter&255 == 0 {
			if ctx.Err() != nil || (opt.TimeLimit > 0 && elapsed() >= opt.TimeLimit) || (opt.TimeLimit == 0 && opt.MaxIters == 0) {
				break
			}
			if e := elapsed(); e-lastReport >= every {
				lastReport = e
				report(false)
			}
		}
		i := s.movable[rng.IntN(n)]
		var delta int64
		var undo func()
		if rng.IntN(3) > 0 || n < 2 { // move
			k := rng.IntN(len(s.cands[i]))
			old := s.at[i]
			if k == old {
				la.skip()
				continue
			}
			delta = s.moveDelta(i, k)
			undo = func() { s.place(i, old) }
		} else { // swap
			j := s.movable[rng.IntN(n)]
			ki, okI := slotIndex[i][s.cands[j][s.at[j]]]
			kj, okJ := slotIndex[j][s.cands[i][s.at[i]]]
			if i == j || !okI || !okJ {
				la.skip()
				continue
			}
			oldI, oldJ := s.at[i], s.at[j]
			delta = s.moveDelta(i, ki) + s.moveDelta(j, kj)
			undo = func() { s.place(j, oldJ); s.place(i, oldI) }
		}
		if la.accept(la.cur + delta) {
			if la.cur < bestCost {
				bestCost = la.cur
				copy(best, s.at)
			}
		} else {
			undo()
		}
	}
	s.iters = la.iter
	report(true)
	return best
}

// moveDelta moves activity i to its slot k and returns the change of cost.
func (s *scheduler) moveDelta(i, k int) int64 {
	before := s.costAt(i)
	s.place(i, k)
	return s.costAt(i) - before
}

// placements lists where every activity is.
func (s *scheduler) placements() []Placement {
	out := make([]Placement, len(s.acts))
	for i, a := range s.acts {
		sl := s.cands[i][s.at[i]]
		out[i] = Placement{Activity: a.ID, Room: s.rooms[sl.room].ID, Start: time.Unix(sl.start*60, 0).UTC()}
	}
	return out
}
