package timetable

import (
	"slices"
	"time"

	"convene/internal/program"
)

// The bridge from a published edition (program.Edition) to the model, so the
// conflict checker runs on the real program. program never imports this
// package; the dependency goes one way.
//
// Identifiers: the Problem built here names activities, rooms and people by
// their slugs (unique within an edition, and what the API and pages use), so
// the conflicts Check returns can be shown as they are. A reference the
// edition cannot resolve (a room or person id without a record) keeps its
// raw id.

// VenueTravel is the time assumed to get from a room of one venue to a room
// of another. The data has no travel matrix between venues, so every pair of
// distinct venues gets the same fixed time; rooms of the same venue need
// none, and a room without a venue is never charged travel time.
const VenueTravel = 30 * time.Minute

// FromEdition builds the timetabling problem of an edition and the
// placements of its current timetable.
//
// Mapping:
//   - every public (not draft), non-cancelled, placed activity (a room and a
//     start before its end) becomes an Activity placed in its room at its
//     start, for its own duration; unplaced, draft and cancelled activities
//     are left out, since they occupy no room and no person;
//   - its people are its speakers (every role), each counted once;
//   - its audience is the seats it offers (Edition.Seats): an activity
//     declaring more seats than its room holds is over capacity. A room
//     whose capacity is unknown (0) is not checked;
//   - a room's building is its venue, with VenueTravel between venues;
//   - theme days are not mapped (Activity.Theme stays empty). The data
//     records which day is a theme day (ThemeDay: a date and a theme), not
//     which activities belong to it, and an activity carrying the theme is
//     not evidence of membership: the sample's 28 March AI theme day has AI
//     forums on other days too, legitimately. Guessing membership from the
//     theme would flag those, and taking the activities of the theme on the
//     theme day itself can never be split; either rule would be invented.
//     The rule applies once activities record membership of a theme day.
//
// No activity is Fixed and there are no blocks or unavailable windows: the
// edition records none of them.
func FromEdition(ed *program.Edition) (*Problem, []Placement) {
	p := &Problem{Location: ed.Location(), Travel: map[[2]string]time.Duration{}}
	var placements []Placement
	rooms := map[string]bool{}
	people := map[string]bool{}
	var venues []string
	for _, a := range ed.Activities {
		if !Scheduled(a) {
			continue
		}
		roomID := a.RoomID
		r := ed.RoomByID(a.RoomID)
		if r != nil {
			roomID = r.Slug
			if !rooms[roomID] {
				rooms[roomID] = true
				building := ""
				if v := ed.VenueByID(r.VenueID); v != nil {
					building = v.Slug
					if !slices.Contains(venues, building) {
						venues = append(venues, building)
					}
				}
				p.Rooms = append(p.Rooms, Room{ID: roomID, Building: building, Capacity: r.Capacity})
			}
		}
		act := Activity{ID: a.Slug, Duration: a.EndsAt.Sub(a.StartsAt)}
		if r != nil && r.Capacity > 0 {
			act.Audience = ed.Seats(a)
		}
		for _, s := range a.Speakers {
			id := s.PersonID
			if pe := ed.PersonByID(s.PersonID); pe != nil {
				id = pe.Slug
			}
			if slices.Contains(act.People, id) {
				continue
			}
			act.People = append(act.People, id)
			if !people[id] {
				people[id] = true
				p.People = append(p.People, Person{ID: id})
			}
		}
		p.Activities = append(p.Activities, act)
		placements = append(placements, Placement{Activity: a.Slug, Room: roomID, Start: a.StartsAt})
	}
	slices.Sort(venues)
	for i, a := range venues {
		for _, b := range venues[i+1:] {
			p.Travel[[2]string{a, b}] = VenueTravel
		}
	}
	return p, placements
}

// Scheduled reports whether an activity is on the public timetable: not a
// draft, not cancelled, and placed in a room with a start before its end.
func Scheduled(a *program.Activity) bool {
	return a.Status != program.StatusDraft && a.Status != program.StatusCancelled &&
		a.RoomID != "" && !a.StartsAt.IsZero() && a.EndsAt.After(a.StartsAt)
}

// CheckEdition returns the conflicts of an edition's current timetable
// (FromEdition, then Check), naming activities, people and rooms by slug.
func CheckEdition(ed *program.Edition) []Conflict {
	p, placements := FromEdition(ed)
	return Check(p, placements)
}

// ConflictKinds lists every kind of conflict Check reports, for what must
// name them all (the enum of the API's OpenAPI document is tested against
// it). A new kind in model.go belongs here too.
var ConflictKinds = []ConflictKind{
	RoomDoubleBooked, PersonDoubleBooked, PersonTravel, OverCapacity, MissingFeature, PersonUnavailable,
	RoomUnavailable, OutsideBlocks, ThemeDaySplit, FixedMoved, UnknownReference,
}
