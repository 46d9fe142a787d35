package timetable

import (
	"testing"
	"time"
)

func TestCheckFindsEveryPlantedConflict(t *testing.T) {
	sh, _ := time.LoadLocation("Asia/Shanghai")
	if sh == nil {
		sh = time.FixedZone("CST", 8*3600)
	}
	at := func(day, h, m int) time.Time { return time.Date(2025, 3, day, h, m, 0, 0, sh) }
	p := &Problem{
		Location: sh,
		Activities: []Activity{
			{ID: "quantum-1", Duration: time.Hour, Audience: 300, People: []string{"alice"}, ThemeDay: "2025-03-27"},
			{ID: "quantum-2", Duration: time.Hour, Audience: 80, People: []string{"alice"}, ThemeDay: "2025-03-27", Needs: []string{"booths"}},
			{ID: "ai", Duration: time.Hour, Audience: 50, People: []string{"bob"}},
			{ID: "ocean", Duration: time.Hour, Audience: 50, People: []string{"bob"}},
			{ID: "opening", Duration: time.Hour, Audience: 100, Fixed: &Placement{Activity: "opening", Room: "hall", Start: at(27, 9, 0)}},
			{ID: "quiet", Duration: time.Hour, Audience: 10, People: []string{"carol"}},
		},
		Rooms: []Room{
			{ID: "hall", Building: "A", Capacity: 1000},
			{ID: "small", Building: "A", Capacity: 120},
			{ID: "far", Building: "B", Capacity: 120, Available: []Window{{at(27, 8, 0), at(27, 18, 0)}}},
		},
		People: []Person{{ID: "carol", Unavailable: []Window{{at(28, 9, 0), at(28, 12, 0)}}}},
		Blocks: []Window{{at(27, 8, 0), at(27, 20, 0)}, {at(28, 8, 0), at(28, 20, 0)}},
		Travel: map[[2]string]time.Duration{{"A", "B"}: 30 * time.Minute},
		Interest: map[string][]string{
			"u1": {"ai", "quantum-1"},
			"u2": {"ai", "ocean", "quiet"},
		},
	}
	timetable := []Placement{
		{Activity: "quantum-1", Room: "small", Start: at(27, 10, 0)}, // 300 in 120 seats
		{Activity: "quantum-2", Room: "small", Start: at(28, 10, 0)}, // no booths; theme split over two days
		{Activity: "ai", Room: "hall", Start: at(27, 10, 0)},         // same room as ocean below at once
		{Activity: "ocean", Room: "hall", Start: at(27, 10, 30)},     // bob twice, room twice
		{Activity: "opening", Room: "hall", Start: at(27, 14, 0)},    // fixed item moved
		{Activity: "quiet", Room: "far", Start: at(28, 10, 0)},       // carol unavailable, room closed that day
	}
	got := map[ConflictKind]int{}
	for _, c := range Check(p, timetable) {
		got[c.Kind]++
		if c.ZH == "" || c.EN == "" || len(c.Activities) == 0 {
			t.Errorf("conflict without names or text: %+v", c)
		}
	}
	for _, k := range []ConflictKind{OverCapacity, MissingFeature, ThemeDaySplit, RoomDoubleBooked, PersonDoubleBooked,
		FixedMoved, PersonUnavailable, RoomUnavailable} {
		if got[k] == 0 {
			t.Errorf("%s not found (found %v)", k, got)
		}
	}
	// travel: alice in A then B with 10 minutes between
	p.Activities[1].Needs = nil
	tt := []Placement{
		{Activity: "quantum-1", Room: "hall", Start: at(27, 10, 0)},
		{Activity: "quantum-2", Room: "far", Start: at(27, 11, 10)},
	}
	cs := Check(p, tt)
	if len(cs) != 1 || cs[0].Kind != PersonTravel {
		t.Errorf("want one travel-time conflict, got %+v", cs)
	}
	tt[1].Start = at(27, 11, 30)
	if cs := Check(p, tt); len(cs) != 0 {
		t.Errorf("a clean timetable has conflicts: %+v", cs)
	}
	if n := AudienceConflicts(p, timetable); n != 2 { // u1: ai/quantum-1; u2: ai/ocean
		t.Errorf("audience conflicts %d, want 2", n)
	}
	// outside every block
	if cs := Check(p, []Placement{{Activity: "ai", Room: "hall", Start: at(27, 23, 0)}}); len(cs) != 1 || cs[0].Kind != OutsideBlocks {
		t.Errorf("want outside-blocks, got %+v", cs)
	}
}
