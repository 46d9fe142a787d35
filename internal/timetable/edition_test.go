package timetable

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"convene/internal/program"
	"convene/internal/testkit"
)

// The sample editions are conflict-free on every engine.
func TestSampleEditionsHaveNoConflicts(t *testing.T) {
	for _, engine := range testkit.Engines(t) {
		t.Run(engine, func(t *testing.T) {
			cat := testkit.DemoCatalog(t, engine)
			for _, slug := range []string{"zgc-2025", "zgc-2024"} {
				ed, err := cat.Edition(context.Background(), slug)
				if err != nil {
					t.Fatal(err)
				}
				p, pls := FromEdition(ed)
				if len(pls) == 0 || len(p.Rooms) == 0 || len(p.People) == 0 {
					t.Fatalf("%s: nothing mapped: %d placements, %d rooms, %d people", slug, len(pls), len(p.Rooms), len(p.People))
				}
				for _, c := range Check(p, pls) {
					t.Errorf("%s: %s %v %v %v: %s", slug, c.Kind, c.Activities, c.People, c.Rooms, c.EN)
				}
			}
		})
	}
}

// plantedEdition is a small edition with one of each planted conflict, and
// activities that must not be flagged (draft, cancelled, unplaced, the same
// person in back-to-back activities in one venue).
func plantedEdition(t *testing.T) *program.Edition {
	t.Helper()
	sh, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		t.Fatal(err)
	}
	at := func(h, m int) time.Time { return time.Date(2025, 3, 27, h, m, 0, 0, sh).UTC() }
	act := func(id, room string, from, to time.Time, capacity int, people ...string) program.Activity {
		a := program.Activity{ID: id, Slug: "act-" + id, RoomID: room, StartsAt: from, EndsAt: to, Capacity: capacity,
			Status: program.StatusPublished}
		for _, p := range people {
			a.Speakers = append(a.Speakers, program.Appearance{PersonID: p, Role: program.SpeakerSpeaker})
		}
		return a
	}
	draft := act("draft", "r1", at(9, 0), at(10, 0), 0, "p1")
	draft.Status = program.StatusDraft
	cancelled := act("cancelled", "r1", at(9, 0), at(10, 0), 0, "p1")
	cancelled.Status = program.StatusCancelled
	// p3 both speaks and moderates in "solo": one person, not a conflict with themself
	solo := act("solo", "r3", at(14, 0), at(15, 0), 0, "p3", "p3")
	return program.NewEdition(program.Parts{
		Event: program.Event{ID: "e", Slug: "t-2025", TimeZone: "Asia/Shanghai", StartDate: "2025-03-27", EndDate: "2025-03-27"},
		Activities: []program.Activity{
			act("a", "r1", at(9, 0), at(10, 0), 0),              // r1 twice: a and b
			act("b", "r1", at(9, 30), at(10, 30), 0),            //
			act("c", "r2", at(11, 0), at(12, 0), 0, "p1", "p1"), // p1 in c and d at once (listed twice in c: one conflict)
			act("d", "r3", at(11, 30), at(12, 30), 0, "p1"),     //
			act("e", "r2", at(14, 0), at(15, 0), 500),           // 500 seats in a 100-seat room
			act("f", "r2", at(15, 0), at(16, 0), 80, "p2"),      // p2 back to back in one venue: fine
			act("g", "r3", at(16, 0), at(17, 0), 0, "p2"),       //
			act("h", "r4", at(9, 0), at(10, 0), 50),             // r4's capacity is unknown: not checked
			act("unplaced", "", time.Time{}, time.Time{}, 0, "p1"),
			draft, cancelled, solo,
		},
		Rooms: []program.Room{
			{ID: "r1", VenueID: "v1", Slug: "hall-1", Capacity: 1000},
			{ID: "r2", VenueID: "v1", Slug: "room-2", Capacity: 100},
			{ID: "r3", VenueID: "v1", Slug: "room-3", Capacity: 200},
			{ID: "r4", VenueID: "v1", Slug: "room-4"},
		},
		Venues: []program.Venue{{ID: "v1", Slug: "centre"}},
		People: []program.Person{{ID: "p1", Slug: "ada"}, {ID: "p2", Slug: "bo"}, {ID: "p3", Slug: "cy"}},
	})
}

func TestCheckEditionFindsPlantedConflicts(t *testing.T) {
	ed := plantedEdition(t)
	got := CheckEdition(ed)
	type key struct {
		kind                      ConflictKind
		activities, people, rooms string
	}
	want := []key{
		{RoomDoubleBooked, "act-a,act-b", "", "hall-1"},
		{PersonDoubleBooked, "act-c,act-d", "ada", ""},
		{OverCapacity, "act-e", "", "room-2"},
	}
	var keys []key
	for _, c := range got {
		keys = append(keys, key{c.Kind, strings.Join(c.Activities, ","), strings.Join(c.People, ","), strings.Join(c.Rooms, ",")})
		if c.ZH == "" || c.EN == "" || c.ZH == c.EN {
			t.Errorf("%s: not bilingual: zh %q en %q", c.Kind, c.ZH, c.EN)
		}
	}
	slices.SortFunc(keys, func(a, b key) int { return strings.Compare(string(a.kind)+a.activities, string(b.kind)+b.activities) })
	slices.SortFunc(want, func(a, b key) int { return strings.Compare(string(a.kind)+a.activities, string(b.kind)+b.activities) })
	if !slices.Equal(keys, want) {
		t.Errorf("conflicts:\n got %+v\nwant %+v", keys, want)
	}
	for _, c := range got {
		if c.Kind == OverCapacity && (!strings.Contains(c.EN, "500") || !strings.Contains(c.ZH, "100")) {
			t.Errorf("over-capacity message lacks the figures: %q / %q", c.ZH, c.EN)
		}
	}
}

func TestFromEditionTravelBetweenVenues(t *testing.T) {
	sh, _ := time.LoadLocation("Asia/Shanghai")
	at := func(h, m int) time.Time { return time.Date(2025, 3, 27, h, m, 0, 0, sh).UTC() }
	mk := func(gap time.Duration) *program.Edition {
		return program.NewEdition(program.Parts{
			Event: program.Event{ID: "e", Slug: "t-2025", TimeZone: "Asia/Shanghai"},
			Activities: []program.Activity{
				{ID: "x", Slug: "x", RoomID: "r1", StartsAt: at(9, 0), EndsAt: at(10, 0), Speakers: []program.Appearance{{PersonID: "p"}}},
				{ID: "y", Slug: "y", RoomID: "r2", StartsAt: at(10, 0).Add(gap), EndsAt: at(11, 0).Add(gap), Speakers: []program.Appearance{{PersonID: "p"}}},
			},
			Rooms:  []program.Room{{ID: "r1", VenueID: "v1", Slug: "one"}, {ID: "r2", VenueID: "v2", Slug: "two"}},
			Venues: []program.Venue{{ID: "v1", Slug: "north"}, {ID: "v2", Slug: "south"}},
			People: []program.Person{{ID: "p", Slug: "pat"}},
		})
	}
	cs := CheckEdition(mk(10 * time.Minute))
	if len(cs) != 1 || cs[0].Kind != PersonTravel || !slices.Equal(cs[0].People, []string{"pat"}) ||
		!slices.Equal(cs[0].Rooms, []string{"one", "two"}) || !slices.Equal(cs[0].Activities, []string{"x", "y"}) {
		t.Errorf("10 minutes between venues: %+v", cs)
	}
	if cs := CheckEdition(mk(VenueTravel)); len(cs) != 0 {
		t.Errorf("%v between venues: %+v", VenueTravel, cs)
	}
}

// Theme days do not flag activities of the theme on other days: the data
// cannot tell which activities belong to a theme day.
func TestFromEditionThemeDayOnOtherDays(t *testing.T) {
	sh, _ := time.LoadLocation("Asia/Shanghai")
	d := func(day int) time.Time { return time.Date(2025, 3, day, 9, 0, 0, 0, sh).UTC() }
	ed := program.NewEdition(program.Parts{
		Event:     program.Event{ID: "e", Slug: "t-2025", TimeZone: "Asia/Shanghai"},
		ThemeDays: []program.ThemeDay{{EventID: "e", Date: "2025-03-28", ThemeID: "ai"}},
		Themes:    []program.Theme{{ID: "ai", Slug: "ai"}},
		Activities: []program.Activity{
			{ID: "x", Slug: "x", RoomID: "r", StartsAt: d(28), EndsAt: d(28).Add(time.Hour), ThemeIDs: []string{"ai"}},
			{ID: "y", Slug: "y", RoomID: "r", StartsAt: d(29), EndsAt: d(29).Add(time.Hour), ThemeIDs: []string{"ai"}},
		},
		Rooms: []program.Room{{ID: "r", Slug: "r", Capacity: 100}},
	})
	if cs := CheckEdition(ed); len(cs) != 0 {
		t.Errorf("conflicts: %+v", cs)
	}
}

// A room the edition cannot resolve is reported, under its raw id (it has
// no slug), rather than silently dropped.
func TestFromEditionUnknownRoom(t *testing.T) {
	start := time.Date(2025, 3, 27, 1, 0, 0, 0, time.UTC)
	ed := program.NewEdition(program.Parts{
		Event:      program.Event{ID: "e", Slug: "t-2025", TimeZone: "Asia/Shanghai"},
		Activities: []program.Activity{{ID: "x", Slug: "x", RoomID: "ghost", StartsAt: start, EndsAt: start.Add(time.Hour)}},
	})
	cs := CheckEdition(ed)
	if len(cs) != 1 || cs[0].Kind != UnknownReference || !slices.Equal(cs[0].Activities, []string{"x"}) || !slices.Equal(cs[0].Rooms, []string{"ghost"}) {
		t.Errorf("conflicts: %+v", cs)
	}
}
