package timetable

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"
)

// The edition model: what the program of a forum needs from a timetable.
// It is independent of storage; the edition's activities, rooms and people
// are mapped onto it by the caller.

// Window is a half-open interval of time [Start, End).
type Window struct{ Start, End time.Time }

func (w Window) overlaps(v Window) bool { return w.Start.Before(v.End) && v.Start.Before(w.End) }

// Activity is anything placed on the timetable: a forum, a release event, a plenary.
type Activity struct {
	ID       string
	Duration time.Duration
	Audience int      // expected attendance
	Needs    []string // room features it needs (interpretation booths, livestream …)
	People   []string // speakers, moderators, host representatives
	// ThemeDay is the date (YYYY-MM-DD, in the problem's Location) of the
	// theme day the activity belongs to ("" = none); it must be held that day.
	// Membership is declared, never inferred from the activity's themes: a
	// forum on AI may run on another day than the AI theme day.
	ThemeDay string
	// Fixed, when set, is where and when the activity must stay.
	Fixed *Placement
	// Wishes of the host (soft): a preferred day (YYYY-MM-DD) and room.
	PreferredDay  string
	PreferredRoom string
}

// Room is a place with a capacity, features, a building and the windows
// when it can be used (none = always).
type Room struct {
	ID        string
	Building  string
	Capacity  int
	Features  []string
	Available []Window
}

// Person takes part in activities and is unavailable at times.
type Person struct {
	ID          string
	Unavailable []Window
}

// Problem is an edition's timetabling problem.
type Problem struct {
	Activities []Activity
	Rooms      []Room
	People     []Person
	// Blocks are the windows activities may be held in (a placed activity
	// must lie inside one). Fixed activities are exempt: they were placed by
	// hand (an evening reception, a day-long fair) and stay where they are.
	Blocks []Window
	// Travel is the time needed between two buildings (either order).
	Travel map[[2]string]time.Duration
	// Interest lists, per attendee, the activities they want to attend.
	Interest map[string][]string
	// Location is the edition's time zone (days of theme days are taken there).
	Location *time.Location
}

// Placement puts an activity in a room from Start for its duration.
type Placement struct {
	Activity string
	Room     string
	Start    time.Time
}

// ConflictKind names a rule.
type ConflictKind string

const (
	RoomDoubleBooked   ConflictKind = "room-double-booked"
	PersonDoubleBooked ConflictKind = "person-double-booked"
	PersonTravel       ConflictKind = "person-travel-time"
	OverCapacity       ConflictKind = "over-capacity"
	MissingFeature     ConflictKind = "missing-feature"
	PersonUnavailable  ConflictKind = "person-unavailable"
	RoomUnavailable    ConflictKind = "room-unavailable"
	OutsideBlocks      ConflictKind = "outside-blocks"
	ThemeDaySplit      ConflictKind = "theme-day-split"
	FixedMoved         ConflictKind = "fixed-moved"
	UnknownReference   ConflictKind = "unknown-reference"
)

// Conflict is one broken rule, naming what is involved, in Chinese and English.
type Conflict struct {
	Kind       ConflictKind `json:"kind"`
	Activities []string     `json:"activities"`
	People     []string     `json:"people,omitempty"`
	Rooms      []string     `json:"rooms,omitempty"`
	ZH         string       `json:"zh"`
	EN         string       `json:"en"`
}

// Check returns every hard-rule conflict of a timetable, in a stable order.
// An empty result means the timetable can be published.
func Check(p *Problem, placements []Placement) []Conflict {
	var out []Conflict
	add := func(c Conflict) { out = append(out, c) }
	loc := p.Location
	if loc == nil {
		loc = time.UTC
	}
	acts := map[string]*Activity{}
	for i := range p.Activities {
		acts[p.Activities[i].ID] = &p.Activities[i]
	}
	rooms := map[string]*Room{}
	for i := range p.Rooms {
		rooms[p.Rooms[i].ID] = &p.Rooms[i]
	}
	people := map[string]*Person{}
	for i := range p.People {
		people[p.People[i].ID] = &p.People[i]
	}
	type placed struct {
		a *Activity
		r *Room
		w Window
	}
	var ps []placed
	for _, pl := range placements {
		a, r := acts[pl.Activity], rooms[pl.Room]
		if a == nil || r == nil {
			add(Conflict{Kind: UnknownReference, Activities: []string{pl.Activity}, Rooms: []string{pl.Room},
				ZH: fmt.Sprintf("排程引用了不存在的活动或场地：%s / %s", pl.Activity, pl.Room),
				EN: fmt.Sprintf("the timetable names an unknown activity or room: %s / %s", pl.Activity, pl.Room)})
			continue
		}
		ps = append(ps, placed{a, r, Window{pl.Start, pl.Start.Add(a.Duration)}})
	}
	sort.SliceStable(ps, func(i, j int) bool { return ps[i].w.Start.Before(ps[j].w.Start) })
	for _, x := range ps {
		a, r, w := x.a, x.r, x.w
		if a.Fixed != nil && (a.Fixed.Room != r.ID || !a.Fixed.Start.Equal(w.Start)) {
			add(Conflict{Kind: FixedMoved, Activities: []string{a.ID}, Rooms: []string{r.ID},
				ZH: fmt.Sprintf("固定活动 %s 被移动（应在 %s，%s）", a.ID, a.Fixed.Room, a.Fixed.Start.In(loc).Format("01-02 15:04")),
				EN: fmt.Sprintf("fixed activity %s was moved (it belongs in %s at %s)", a.ID, a.Fixed.Room, a.Fixed.Start.In(loc).Format("Jan 2 15:04"))})
		}
		if a.Audience > r.Capacity {
			add(Conflict{Kind: OverCapacity, Activities: []string{a.ID}, Rooms: []string{r.ID},
				ZH: fmt.Sprintf("%s 预计 %d 人，%s 只有 %d 个座位", a.ID, a.Audience, r.ID, r.Capacity),
				EN: fmt.Sprintf("%s expects %d people, %s seats %d", a.ID, a.Audience, r.ID, r.Capacity)})
		}
		for _, f := range a.Needs {
			if !slices.Contains(r.Features, f) {
				add(Conflict{Kind: MissingFeature, Activities: []string{a.ID}, Rooms: []string{r.ID},
					ZH: fmt.Sprintf("%s 需要 %s，%s 没有", a.ID, f, r.ID),
					EN: fmt.Sprintf("%s needs %s, which %s lacks", a.ID, f, r.ID)})
			}
		}
		if len(r.Available) > 0 && !inside(w, r.Available) {
			add(Conflict{Kind: RoomUnavailable, Activities: []string{a.ID}, Rooms: []string{r.ID},
				ZH: fmt.Sprintf("%s 在 %s 不可用", r.ID, w.Start.In(loc).Format("01-02 15:04")),
				EN: fmt.Sprintf("%s is not available at %s", r.ID, w.Start.In(loc).Format("Jan 2 15:04"))})
		}
		if len(p.Blocks) > 0 && a.Fixed == nil && !inside(w, p.Blocks) {
			add(Conflict{Kind: OutsideBlocks, Activities: []string{a.ID}, Rooms: []string{r.ID},
				ZH: fmt.Sprintf("%s 不在任何时间段内", a.ID), EN: fmt.Sprintf("%s falls outside every block of time", a.ID)})
		}
		for _, pid := range a.People {
			if pe := people[pid]; pe != nil {
				for _, u := range pe.Unavailable {
					if u.overlaps(w) {
						add(Conflict{Kind: PersonUnavailable, Activities: []string{a.ID}, People: []string{pid},
							ZH: fmt.Sprintf("%s 在 %s 时没空", pid, a.ID), EN: fmt.Sprintf("%s is unavailable during %s", pid, a.ID)})
						break
					}
				}
			}
		}
	}
	for i := range ps {
		for j := i + 1; j < len(ps); j++ {
			x, y := ps[i], ps[j]
			if x.r.ID == y.r.ID && x.w.overlaps(y.w) {
				add(Conflict{Kind: RoomDoubleBooked, Activities: []string{x.a.ID, y.a.ID}, Rooms: []string{x.r.ID},
					ZH: fmt.Sprintf("%s 同时安排了 %s 和 %s", x.r.ID, x.a.ID, y.a.ID),
					EN: fmt.Sprintf("%s holds both %s and %s at once", x.r.ID, x.a.ID, y.a.ID)})
			}
			for _, pid := range x.a.People {
				if !slices.Contains(y.a.People, pid) {
					continue
				}
				if x.w.overlaps(y.w) {
					add(Conflict{Kind: PersonDoubleBooked, Activities: []string{x.a.ID, y.a.ID}, People: []string{pid},
						ZH: fmt.Sprintf("%s 同时出现在 %s 和 %s", pid, x.a.ID, y.a.ID),
						EN: fmt.Sprintf("%s is in %s and %s at the same time", pid, x.a.ID, y.a.ID)})
					continue
				}
				if x.r.Building != y.r.Building {
					need := travel(p, x.r.Building, y.r.Building)
					first, second := x, y
					if second.w.Start.Before(first.w.Start) {
						first, second = second, first
					}
					if gap := second.w.Start.Sub(first.w.End); gap < need {
						add(Conflict{Kind: PersonTravel, Activities: []string{first.a.ID, second.a.ID}, People: []string{pid},
							Rooms: []string{first.r.ID, second.r.ID},
							ZH:    fmt.Sprintf("%s 从 %s 到 %s 需要 %v，只有 %v", pid, first.r.Building, second.r.Building, need, gap),
							EN:    fmt.Sprintf("%s needs %v from %s to %s, has %v", pid, need, first.r.Building, second.r.Building, gap)})
					}
				}
			}
		}
	}
	// theme days: every member of a theme day is held on that day
	split := map[string][]string{} // theme day -> members placed on another day
	var tdays []string
	for _, x := range ps {
		if x.a.ThemeDay == "" || x.w.Start.In(loc).Format(time.DateOnly) == x.a.ThemeDay {
			continue
		}
		if split[x.a.ThemeDay] == nil {
			tdays = append(tdays, x.a.ThemeDay)
		}
		split[x.a.ThemeDay] = append(split[x.a.ThemeDay], x.a.ID)
	}
	slices.Sort(tdays)
	for _, d := range tdays {
		ids := split[d]
		slices.Sort(ids)
		add(Conflict{Kind: ThemeDaySplit, Activities: ids,
			ZH: fmt.Sprintf("主题日 %s 被拆分：%s 安排在其他日期", d, strings.Join(ids, "、")),
			EN: fmt.Sprintf("theme day %s is split: %s held on another day", d, strings.Join(ids, ", "))})
	}
	return out
}

func inside(w Window, ws []Window) bool {
	for _, v := range ws {
		if !w.Start.Before(v.Start) && !v.End.Before(w.End) {
			return true
		}
	}
	return false
}

func travel(p *Problem, a, b string) time.Duration {
	if d, ok := p.Travel[[2]string{a, b}]; ok {
		return d
	}
	return p.Travel[[2]string{b, a}]
}

// AudienceConflicts counts, over all attendees, the pairs of wanted
// activities that overlap in time (the soft objective of the scheduler).
func AudienceConflicts(p *Problem, placements []Placement) int {
	win := map[string]Window{}
	dur := map[string]time.Duration{}
	for _, a := range p.Activities {
		dur[a.ID] = a.Duration
	}
	for _, pl := range placements {
		win[pl.Activity] = Window{pl.Start, pl.Start.Add(dur[pl.Activity])}
	}
	n := 0
	for _, wants := range p.Interest {
		for i := range wants {
			wi, ok := win[wants[i]]
			if !ok {
				continue
			}
			for j := i + 1; j < len(wants); j++ {
				if wj, ok := win[wants[j]]; ok && wi.overlaps(wj) {
					n++
				}
			}
		}
	}
	return n
}
