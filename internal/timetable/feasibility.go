package timetable

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// Reason is one rule, or a small set of rules, that cannot all hold, naming
// what is involved, in Chinese and English.
type Reason struct {
	Rule       string   `json:"rule"`
	Activities []string `json:"activities"`
	Rooms      []string `json:"rooms,omitempty"`
	People     []string `json:"people,omitempty"`
	ZH         string   `json:"zh"`
	EN         string   `json:"en"`
}

// Rules the pre-checks name (a Reason found after the search names the
// ConflictKind still broken instead).
const (
	RuleNoBlocks     = "no-blocks"
	RuleNoRooms      = "no-rooms"
	RuleCapacity     = "capacity"
	RuleFeature      = "feature"
	RuleNoSlot       = "no-slot"
	RuleFeatureTime  = "feature-time"
	RuleCapacityTime = "capacity-time"
	RulePersonTime   = "person-time"
)

// Precheck returns the reasons why no timetable of p can keep every hard
// rule, found without searching: an activity without any room and time it
// may take; more hours of activities needing a feature, or a room of some
// size, than the rooms offering it have free (per theme day and over the
// whole edition); a person with more hours of activities than time to
// attend them. These are necessary conditions only: an empty answer does
// not prove a timetable exists.
func Precheck(p *Problem) ([]Reason, error) {
	s, err := compile(p, ScheduleOptions{})
	if err != nil {
		return nil, err
	}
	return s.precheck(), nil
}

func (s *scheduler) precheck() []Reason {
	var out []Reason
	if len(s.movable) > 0 && len(s.p.Blocks) == 0 {
		return []Reason{{Rule: RuleNoBlocks, Activities: s.ids(s.movable),
			ZH: fmt.Sprintf("有 %d 个活动待排，但没有可用的时间段", len(s.movable)),
			EN: fmt.Sprintf("%d activities are to be placed but there are no blocks of time", len(s.movable))}}
	}
	if len(s.movable) > 0 && len(s.rooms) == 0 {
		return []Reason{{Rule: RuleNoRooms, Activities: s.ids(s.movable),
			ZH: fmt.Sprintf("有 %d 个活动待排，但没有会议室", len(s.movable)),
			EN: fmt.Sprintf("%d activities are to be placed but there are no rooms", len(s.movable))}}
	}
	for _, i := range s.movable {
		if len(s.cands[i]) == 0 {
			out = append(out, s.whyNoSlot(i))
		}
	}
	if len(out) > 0 {
		return out // the volume checks below assume every activity has a slot
	}
	days := []string{""} // "" = the whole edition
	for _, i := range s.movable {
		if d := s.acts[i].ThemeDay; d != "" && !slices.Contains(days, d) {
			days = append(days, d)
		}
	}
	slices.Sort(days[1:])
	for _, day := range days {
		out = append(out, s.featureTime(day)...)
		out = append(out, s.capacityTime(day)...)
	}
	return append(out, s.personTime()...)
}

func (s *scheduler) ids(is []int) []string {
	out := make([]string, len(is))
	for k, i := range is {
		out[k] = s.acts[i].ID
	}
	return out
}

// whyNoSlot explains an activity that has no slot at all.
func (s *scheduler) whyNoSlot(i int) Reason {
	a := s.acts[i]
	maxCap := 0
	for _, r := range s.rooms {
		maxCap = max(maxCap, r.Capacity)
	}
	if a.Audience > maxCap {
		return Reason{Rule: RuleCapacity, Activities: []string{a.ID},
			ZH: fmt.Sprintf("活动 %s 需要 %d 个座位，但没有任何会议室容量达到 %d（最大 %d）", a.ID, a.Audience, a.Audience, maxCap),
			EN: fmt.Sprintf("activity %s needs %d seats, but no room holds %d (the largest holds %d)", a.ID, a.Audience, a.Audience, maxCap)}
	}
	for _, f := range a.Needs {
		if !slices.ContainsFunc(s.rooms, func(r *Room) bool { return slices.Contains(r.Features, f) }) {
			return Reason{Rule: RuleFeature, Activities: []string{a.ID},
				ZH: fmt.Sprintf("活动 %s 需要 %s，但没有任何会议室具备", a.ID, f),
				EN: fmt.Sprintf("activity %s needs %s, but no room has it", a.ID, f)}
		}
	}
	fitting := 0
	for r := range s.rooms {
		if k := s.fits(i, r, 0); k != OverCapacity && k != MissingFeature {
			fitting++
		}
	}
	if fitting == 0 {
		return Reason{Rule: RuleFeature, Activities: []string{a.ID},
			ZH: fmt.Sprintf("活动 %s 需要 %d 个座位和 %s，没有任何会议室同时满足", a.ID, a.Audience, strings.Join(a.Needs, "、")),
			EN: fmt.Sprintf("activity %s needs %d seats and %s; no room has both", a.ID, a.Audience, strings.Join(a.Needs, ", "))}
	}
	starts := s.starts(s.dur[i])
	if len(starts) == 0 {
		return Reason{Rule: RuleNoSlot, Activities: []string{a.ID},
			ZH: fmt.Sprintf("活动 %s 时长 %v，比任何时间段都长", a.ID, a.Duration),
			EN: fmt.Sprintf("activity %s lasts %v, longer than any block of time", a.ID, a.Duration)}
	}
	if a.ThemeDay != "" && !slices.ContainsFunc(starts, func(t int64) bool { return s.day(t) == a.ThemeDay }) {
		return Reason{Rule: RuleNoSlot, Activities: []string{a.ID},
			ZH: fmt.Sprintf("活动 %s 属于 %s 的主题日，但那天没有足够长的时间段", a.ID, a.ThemeDay),
			EN: fmt.Sprintf("activity %s belongs to the theme day of %s, but that day has no block long enough", a.ID, a.ThemeDay)}
	}
	return Reason{Rule: RuleNoSlot, Activities: []string{a.ID}, People: a.People,
		ZH: fmt.Sprintf("活动 %s 找不到合适的时间和会议室：合适的会议室开放时，总有嘉宾没空（或不在主题日）", a.ID),
		EN: fmt.Sprintf("activity %s has no room and time: whenever a suitable room is open, one of its people is unavailable (or it is not the theme day)", a.ID)}
}

func (s *scheduler) day(t int64) string { return time.Unix(t*60, 0).In(s.loc).Format(time.DateOnly) }

// free is the time, in minutes, room r offers inside the blocks (of day,
// or all days when day is ""), less its fixed activities there.
func (s *scheduler) free(r int, day string) int64 {
	room := s.rooms[r]
	var v int64
	for _, b := range s.p.Blocks {
		if day != "" && b.Start.In(s.loc).Format(time.DateOnly) != day {
			continue
		}
		wins := []Window{b}
		if len(room.Available) > 0 {
			wins = nil
			for _, av := range room.Available {
				if w := (Window{laterOf(b.Start, av.Start), earlierOf(b.End, av.End)}); w.Start.Before(w.End) {
					wins = append(wins, w)
				}
			}
		}
		for _, w := range wins {
			v += int64(w.End.Sub(w.Start) / time.Minute)
			for i := range s.acts {
				if !s.fixed[i] || s.cands[i][0].room != r {
					continue
				}
				fs, fe := s.cands[i][0].start, s.cands[i][0].start+s.dur[i]
				if lo, hi := max(fs, minutes(w.Start)), min(fe, minutes(w.End)); hi > lo {
					v -= hi - lo
				}
			}
		}
	}
	return v
}

func laterOf(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

func earlierOf(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

// onDay lists the movable activities bound to day (its theme-day members),
// or all movable activities when day is "".
func (s *scheduler) onDay(day string) []int {
	var out []int
	for _, i := range s.movable {
		if day == "" || s.acts[i].ThemeDay == day {
			out = append(out, i)
		}
	}
	return out
}

// volume compares the hours the activities need in a kind of room with the
// hours those rooms have free.
func (s *scheduler) volume(acts []int, rooms []int, day string) (need, offer int64) {
	for _, i := range acts {
		need += s.dur[i]
	}
	for _, r := range rooms {
		offer += s.free(r, day)
	}
	return need, offer
}

func hours(m int64) string { return fmt.Sprintf("%.1f h", float64(m)/60) }

func dayWords(day string) (zh, en string) {
	if day == "" {
		return "整个会期", "over the whole edition"
	}
	return day + " 主题日", "on the theme day " + day
}

func (s *scheduler) featureTime(day string) []Reason {
	var out []Reason
	acts := s.onDay(day)
	var feats []string
	for _, i := range acts {
		feats = append(feats, s.acts[i].Needs...)
	}
	for _, f := range dedupe(feats) {
		var need []int
		for _, i := range acts {
			if slices.Contains(s.acts[i].Needs, f) {
				need = append(need, i)
			}
		}
		var rooms []int
		var names []string
		for r, room := range s.rooms {
			if slices.Contains(room.Features, f) {
				rooms, names = append(rooms, r), append(names, room.ID)
			}
		}
		if n, o := s.volume(need, rooms, day); n > o {
			zh, en := dayWords(day)
			out = append(out, Reason{Rule: RuleFeatureTime, Activities: s.ids(need), Rooms: names,
				ZH: fmt.Sprintf("%s有 %d 个活动需要 %s（共 %s），但只有 %d 个会议室具备，可用时间共 %s", zh, len(need), f, hours(n), len(rooms), hours(o)),
				EN: fmt.Sprintf("%d activities need %s %s (%s in all), but only %d rooms have it, with %s free", len(need), f, en, hours(n), len(rooms), hours(o))})
		}
	}
	return out
}

// capacityTime checks, for each audience size of the day's activities, the
// activities at least that large against the rooms at least that large.
func (s *scheduler) capacityTime(day string) []Reason {
	acts := s.onDay(day)
	var sizes []int
	for _, i := range acts {
		sizes = append(sizes, s.acts[i].Audience)
	}
	slices.Sort(sizes)
	sizes = slices.Compact(sizes)
	for k := len(sizes) - 1; k >= 0; k-- { // the largest size first: the tightest
		size := sizes[k]
		var need, rooms []int
		for _, i := range acts {
			if s.acts[i].Audience >= size {
				need = append(need, i)
			}
		}
		for r, room := range s.rooms {
			if room.Capacity >= size {
				rooms = append(rooms, r)
			}
		}
		if n, o := s.volume(need, rooms, day); n > o {
			zh, en := dayWords(day)
			return []Reason{{Rule: RuleCapacityTime, Activities: s.ids(need),
				ZH: fmt.Sprintf("%s有 %d 个活动需要至少 %d 个座位（共 %s），但容量达到 %d 的 %d 个会议室可用时间只有 %s", zh, len(need), size, hours(n), size, len(rooms), hours(o)),
				EN: fmt.Sprintf("%d activities need at least %d seats %s (%s in all), but the %d rooms that large have only %s free", len(need), size, en, hours(n), len(rooms), hours(o))}}
		}
	}
	return nil
}

// personTime compares, for each person, the hours of their activities to
// place with the hours of blocks they are available in.
func (s *scheduler) personTime() []Reason {
	byPerson := map[string][]int{}
	var people []string
	for _, i := range s.movable {
		for _, pid := range dedupe(s.acts[i].People) {
			if byPerson[pid] == nil {
				people = append(people, pid)
			}
			byPerson[pid] = append(byPerson[pid], i)
		}
	}
	slices.Sort(people)
	var out []Reason
	for _, pid := range people {
		var need, offer int64
		for _, i := range byPerson[pid] {
			need += s.dur[i]
		}
		for _, b := range s.p.Blocks {
			offer += int64(b.End.Sub(b.Start) / time.Minute)
			for _, u := range s.unavailable[pid] {
				if lo, hi := laterOf(b.Start, u.Start), earlierOf(b.End, u.End); lo.Before(hi) {
					offer -= int64(hi.Sub(lo) / time.Minute)
				}
			}
		}
		if need > offer {
			out = append(out, Reason{Rule: RulePersonTime, Activities: s.ids(byPerson[pid]), People: []string{pid},
				ZH: fmt.Sprintf("%s 要参加 %d 个活动（共 %s），但在各时间段内只有 %s 有空", pid, len(byPerson[pid]), hours(need), hours(offer)),
				EN: fmt.Sprintf("%s takes part in %d activities (%s in all) but is available for only %s of the blocks", pid, len(byPerson[pid]), hours(need), hours(offer))})
		}
	}
	return out
}
