package timetable

import (
	"fmt"
	"strings"
	"time"
)

// Unmet is a host's wish the timetable does not meet, and why.
type Unmet struct {
	Activity string `json:"activity"`
	Wish     string `json:"wish"` // WishDay or WishRoom
	Wanted   string `json:"wanted"`
	Got      string `json:"got"`
	ZH       string `json:"zh"`
	EN       string `json:"en"`
}

// Wishes.
const (
	WishDay  = "preferred-day"
	WishRoom = "preferred-room"
)

// explainWishes lists the wishes the current timetable misses, each with the
// reason: what makes the wished day or room impossible, or what it would
// cost there at best.
func (s *scheduler) explainWishes() []Unmet {
	var out []Unmet
	for _, i := range s.movable {
		a := s.acts[i]
		cur := s.cands[i][s.at[i]]
		if d := s.day(cur.start); a.PreferredDay != "" && d != a.PreferredDay {
			zh, en := s.whyNotDay(i)
			out = append(out, Unmet{Activity: a.ID, Wish: WishDay, Wanted: a.PreferredDay, Got: d,
				ZH: fmt.Sprintf("%s 希望安排在 %s，实际在 %s：%s", a.ID, a.PreferredDay, d, zh),
				EN: fmt.Sprintf("%s wished for %s and is on %s: %s", a.ID, a.PreferredDay, d, en)})
		}
		if got := s.rooms[cur.room].ID; a.PreferredRoom != "" && got != a.PreferredRoom {
			zh, en := s.whyNotRoom(i)
			out = append(out, Unmet{Activity: a.ID, Wish: WishRoom, Wanted: a.PreferredRoom, Got: got,
				ZH: fmt.Sprintf("%s 希望在 %s，实际在 %s：%s", a.ID, a.PreferredRoom, got, zh),
				EN: fmt.Sprintf("%s wished for %s and is in %s: %s", a.ID, a.PreferredRoom, got, en)})
		}
	}
	return out
}

func (s *scheduler) whyNotDay(i int) (zh, en string) {
	a := s.acts[i]
	if a.ThemeDay != "" {
		return fmt.Sprintf("它属于 %s 的主题日", a.ThemeDay), fmt.Sprintf("it belongs to the theme day of %s", a.ThemeDay)
	}
	var on []slot
	for _, sl := range s.cands[i] {
		if s.day(sl.start) == a.PreferredDay {
			on = append(on, sl)
		}
	}
	if len(on) == 0 {
		return "那天没有容量、设施和开放时间都合适的会议室，或嘉宾没空",
			"that day no room has the seats, features and opening hours it needs, or its people are unavailable"
	}
	return s.bestOf(i, on, "那天", "that day")
}

func (s *scheduler) whyNotRoom(i int) (zh, en string) {
	a := s.acts[i]
	cur := s.cands[i][s.at[i]]
	r := -1
	for k, room := range s.rooms {
		if room.ID == a.PreferredRoom {
			r = k
		}
	}
	if r < 0 {
		return "没有这个会议室", "there is no such room"
	}
	room := s.rooms[r]
	switch s.fits(i, r, cur.start) {
	case OverCapacity:
		return fmt.Sprintf("%s 只有 %d 个座位，预计 %d 人", room.ID, room.Capacity, a.Audience),
			fmt.Sprintf("%s seats %d and %d are expected", room.ID, room.Capacity, a.Audience)
	case MissingFeature:
		return fmt.Sprintf("%s 缺少 %s", room.ID, strings.Join(a.Needs, "、")), fmt.Sprintf("%s lacks %s", room.ID, strings.Join(a.Needs, ", "))
	}
	for _, j := range s.byRoom[r] {
		o := s.cands[j][s.at[j]]
		if j != i && cur.start < o.start+s.dur[j] && o.start < cur.start+s.dur[i] {
			return fmt.Sprintf("那个时间 %s 已被 %s 占用", room.ID, s.acts[j].ID),
				fmt.Sprintf("%s is taken by %s at that time", room.ID, s.acts[j].ID)
		}
	}
	var in []slot
	for _, sl := range s.cands[i] {
		if sl.room == r {
			in = append(in, sl)
		}
	}
	if len(in) == 0 {
		return fmt.Sprintf("%s 开放时嘉宾没空，或不在主题日", room.ID), fmt.Sprintf("whenever %s is open, its people are unavailable or it is not its theme day", room.ID)
	}
	return s.bestOf(i, in, "在 "+room.ID, "in "+room.ID)
}

// bestOf explains why none of the slots was taken: the best of them breaks a
// rule, or costs more audience conflicts than the slot the activity has.
func (s *scheduler) bestOf(i int, slots []slot, whereZH, whereEN string) (zh, en string) {
	best, bestCost := slots[0], int64(-1)
	for _, sl := range slots {
		h, soft := s.cost(i, sl, nil)
		if c := h*hardWeight + soft; bestCost < 0 || c < bestCost {
			best, bestCost = sl, c
		}
	}
	var why []clash
	s.cost(i, best, &why)
	when := time.Unix(best.start*60, 0).In(s.loc)
	for _, c := range why {
		other := s.acts[c.other].ID
		switch c.kind {
		case RoomDoubleBooked:
			return fmt.Sprintf("%s最好的时段（%s %s）已被 %s 占用", whereZH, s.rooms[best.room].ID, when.Format("01-02 15:04"), other),
				fmt.Sprintf("%s the best slot (%s at %s) is taken by %s", whereEN, s.rooms[best.room].ID, when.Format("Jan 2 15:04"), other)
		case PersonDoubleBooked:
			return fmt.Sprintf("%s每个时段都会让 %s 同时出现在 %s", whereZH, c.person, other),
				fmt.Sprintf("%s every slot would put %s in %s at the same time", whereEN, c.person, other)
		case PersonTravel:
			return fmt.Sprintf("%s每个时段都让 %s 来不及赶到 %s", whereZH, c.person, other),
				fmt.Sprintf("%s every slot would leave %s too little time to reach %s", whereEN, c.person, other)
		}
	}
	audience := func(sl slot) (n int64) {
		var w []clash
		s.cost(i, sl, &w)
		for _, c := range w {
			if c.kind == "" {
				n += c.n
			}
		}
		return n
	}
	there, here := audience(best), audience(s.cands[i][s.at[i]])
	return fmt.Sprintf("%s最好的时段会有 %d 人次听众冲突，现在是 %d", whereZH, there, here),
		fmt.Sprintf("%s the best slot would give %d audience conflicts against %d now", whereEN, there, here)
}
