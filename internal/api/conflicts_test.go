package api

import (
	"encoding/json"
	"net/http"
	"slices"
	"testing"
	"time"

	"convene/internal/program"
	"convene/internal/testkit"
	"convene/internal/timetable"
)

// The sample editions are conflict-free on every engine; the answer is an
// empty list (not null) and carries an ETag that a repeat answers 304.
func TestConflictsDemo(t *testing.T) {
	for _, engine := range testkit.Engines(t) {
		t.Run(engine, func(t *testing.T) {
			h := New(Config{Catalog: testkit.DemoCatalog(t, engine)})
			for _, slug := range []string{"zgc-2025", "zgc-2024"} {
				target := "/api/v1/events/" + slug + "/conflicts"
				res, body := call(t, h, http.MethodGet, target, nil)
				if res.StatusCode != http.StatusOK {
					t.Fatalf("%s: %d %s", target, res.StatusCode, body)
				}
				var got struct {
					Event     string            `json:"event"`
					Count     *int              `json:"count"`
					Conflicts []json.RawMessage `json:"conflicts"`
				}
				if err := json.Unmarshal(body, &got); err != nil {
					t.Fatal(err)
				}
				if got.Event != slug || got.Count == nil || *got.Count != 0 || got.Conflicts == nil || len(got.Conflicts) != 0 {
					t.Errorf("%s: want an empty list, got %s", target, body)
				}
				tag := res.Header.Get("ETag")
				if tag == "" {
					t.Fatalf("%s: no ETag", target)
				}
				if res, _ := call(t, h, http.MethodGet, target, http.Header{"If-None-Match": {tag}}); res.StatusCode != http.StatusNotModified {
					t.Errorf("%s with If-None-Match: %d, want 304", target, res.StatusCode)
				}
			}
		})
	}
}

// conflictStore is an in-memory store with one edition that has a room
// double-booked, a speaker in two places and an over-capacity activity.
func conflictCatalog(t *testing.T) *program.Catalog {
	t.Helper()
	sh := time.FixedZone("CST", 8*3600)
	at := func(h, m int) time.Time { return time.Date(2025, 3, 27, h, m, 0, 0, sh).UTC() }
	act := func(id string, room string, from, to time.Time, capacity int, people ...string) program.Activity {
		a := program.Activity{ID: id, EventID: "e", Slug: "forum-" + id, Kind: program.KindParallelForum,
			Title: program.Text{ZH: "论坛" + id, EN: "Forum " + id}, RoomID: room, StartsAt: from, EndsAt: to,
			Capacity: capacity, Status: program.StatusPublished}
		for _, p := range people {
			a.Speakers = append(a.Speakers, program.Appearance{PersonID: p, Role: program.SpeakerSpeaker})
		}
		return a
	}
	ed := program.NewEdition(program.Parts{
		Event: program.Event{ID: "e", Slug: "c-2025", Name: program.Text{ZH: "年会", EN: "Meeting"},
			StartDate: "2025-03-27", EndDate: "2025-03-27", TimeZone: "Asia/Shanghai", Version: 3},
		Activities: []program.Activity{
			act("a", "r1", at(9, 0), at(10, 0), 0),
			act("b", "r1", at(9, 30), at(10, 30), 0),
			act("c", "r2", at(11, 0), at(12, 0), 0, "p1"),
			act("d", "r3", at(11, 30), at(12, 30), 0, "p1"),
			act("e", "r2", at(14, 0), at(15, 0), 500),
		},
		Rooms: []program.Room{
			{ID: "r1", VenueID: "v1", Slug: "hall-1", Name: program.Text{ZH: "一厅", EN: "Hall 1"}, Capacity: 1000},
			{ID: "r2", VenueID: "v1", Slug: "room-2", Name: program.Text{ZH: "二室", EN: "Room 2"}, Capacity: 100},
			{ID: "r3", VenueID: "v1", Slug: "room-3", Name: program.Text{ZH: "三室", EN: "Room 3"}, Capacity: 200},
		},
		Venues: []program.Venue{{ID: "v1", Slug: "centre", Name: program.Text{ZH: "中心", EN: "Centre"}}},
		People: []program.Person{{ID: "p1", Slug: "ada", Name: program.Text{ZH: "艾达", EN: "Ada"}}},
	})
	store := &fixtureStore{editions: map[string]*program.Edition{ed.Event.Slug: ed}, events: []program.Event{ed.Event}}
	return program.NewCatalog(store, func() time.Time { return fixtureNow })
}

func TestConflictsPlanted(t *testing.T) {
	h := New(Config{Catalog: conflictCatalog(t)})
	res, body := call(t, h, http.MethodGet, "/api/v1/events/c-2025/conflicts", nil) // checked against openapi.json
	if res.StatusCode != http.StatusOK {
		t.Fatalf("%d %s", res.StatusCode, body)
	}
	var got conflictList
	if err := json.Unmarshal(body, &got); err != nil {
		t.Fatal(err)
	}
	if got.Event != "c-2025" || got.Count != 3 || len(got.Conflicts) != 3 {
		t.Fatalf("want 3 conflicts, got %s", body)
	}
	want := map[timetable.ConflictKind]conflictItem{
		timetable.RoomDoubleBooked:   {Activities: []string{"forum-a", "forum-b"}, People: []string{}, Rooms: []string{"hall-1"}},
		timetable.PersonDoubleBooked: {Activities: []string{"forum-c", "forum-d"}, People: []string{"ada"}, Rooms: []string{}},
		timetable.OverCapacity:       {Activities: []string{"forum-e"}, People: []string{}, Rooms: []string{"room-2"}},
	}
	for _, c := range got.Conflicts {
		w, ok := want[c.Kind]
		if !ok {
			t.Errorf("unexpected %s: %+v", c.Kind, c)
			continue
		}
		delete(want, c.Kind)
		if !slices.Equal(c.Activities, w.Activities) || !slices.Equal(c.People, w.People) || !slices.Equal(c.Rooms, w.Rooms) {
			t.Errorf("%s names %v %v %v, want %v %v %v", c.Kind, c.Activities, c.People, c.Rooms, w.Activities, w.People, w.Rooms)
		}
		if c.Message.ZH == "" || c.Message.EN == "" || c.Message.ZH == c.Message.EN {
			t.Errorf("%s: message not bilingual: %+v", c.Kind, c.Message)
		}
	}
	for k := range want {
		t.Errorf("%s not reported", k)
	}
	// Unknown edition: a documented 404.
	problemOf(t, h, http.MethodGet, "/api/v1/events/nope/conflicts", http.StatusNotFound)
}

// The OpenAPI enum of conflict kinds is exactly the kinds the checker reports.
func TestOpenAPIConflictKinds(t *testing.T) {
	doc := apiDoc(t)
	schema := doc["components"].(map[string]any)["schemas"].(map[string]any)["ConflictKind"].(map[string]any)
	var got []string
	for _, e := range schema["enum"].([]any) {
		got = append(got, e.(string))
	}
	if want := strs(timetable.ConflictKinds); !slices.Equal(got, want) {
		t.Errorf("ConflictKind enum = %v, want %v", got, want)
	}
}
