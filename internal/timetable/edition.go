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
//   - its theme day is the one it is declared a member of
//     (program.Activity.ThemeDay), never inferred from its themes: the
//     sample's 28 March AI theme day has AI forums on other days too.
//
// No activity is Fixed and there are no blocks or unavailable windows: the
// edition records none of them.
func FromEdition(ed *program.Edition) (*Problem, []Placement) {
	return fromEdition(ed, Scheduled, Scheduled, false, nil)
}

// fromEdition maps the activities of ed that include accepts, with the
// rooms they are in (and every room of the edition when allRooms is set);
// the placed ones (placed) get a placement, and add completes each
// Activity (nil: nothing to add).
func fromEdition(ed *program.Edition, include, placed func(*program.Activity) bool, allRooms bool, add func(a *program.Activity, act *Activity)) (*Problem, []Placement) {
	p := &Problem{Location: ed.Location(), Travel: map[[2]string]time.Duration{}}
	var placements []Placement
	rooms := map[string]bool{}
	people := map[string]bool{}
	var venues []string
	addRoom := func(r *program.Room) {
		if rooms[r.Slug] {
			return
		}
		rooms[r.Slug] = true
		building := ""
		if v := ed.VenueByID(r.VenueID); v != nil {
			building = v.Slug
			if !slices.Contains(venues, building) {
				venues = append(venues, building)
			}
		}
		p.Rooms = append(p.Rooms, Room{ID: r.Slug, Building: building, Capacity: r.Capacity})
	}
	for _, a := range ed.Activities {
		if !include(a) {
			continue
		}
		roomID := a.RoomID
		r := ed.RoomByID(a.RoomID)
		if r != nil {
			roomID = r.Slug
			addRoom(r)
		}
		act := Activity{ID: a.Slug, Duration: a.EndsAt.Sub(a.StartsAt), ThemeDay: a.ThemeDay}
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
		if add != nil {
			add(a, &act)
		}
		p.Activities = append(p.Activities, act)
		if placed(a) {
			placements = append(placements, Placement{Activity: a.Slug, Room: roomID, Start: a.StartsAt})
		}
	}
	if allRooms {
		for _, r := range ed.Rooms() {
			addRoom(r)
		}
	}
	slices.Sort(venues)
	for i, a := range venues {
		for _, b := range venues[i+1:] {
			p.Travel[[2]string{a, b}] = VenueTravel
		}
	}
	return p, placements
}

// Draft is what scheduling the working copy of an edition needs besides
// the edition itself.
type Draft struct {
	// Interest lists, per attendee, the slugs of the activities they want.
	Interest map[string][]string
	// Movable says which placed activities the scheduler may move; nil
	// means none: placed activities are fixed, unplaced ones are placed.
	Movable func(*program.Activity) bool
	// Blocks are where movable activities may be held (nil: HalfDays).
	Blocks []Window
	// Duration is the length of an activity that has no times yet
	// (default 3 hours, a half-day forum).
	Duration time.Duration
}

// FromDraft builds the scheduling problem of an edition's working copy
// (drafts included, cancelled activities left out) and the placements of
// its current timetable. An activity placed (a room and a start before its
// end) is Fixed there unless Movable says otherwise; the others are to be
// placed, for their own duration when they have times, else Draft.Duration.
// The audience of an activity to place is the seats it declares (0: any
// room); rooms are every room the working copy uses, in their venues, with
// VenueTravel between venues, as in FromEdition.
func FromDraft(ed *program.Edition, d Draft) (*Problem, []Placement) {
	if d.Duration <= 0 {
		d.Duration = 3 * time.Hour
	}
	include := func(a *program.Activity) bool { return a.Status != program.StatusCancelled }
	p, placements := fromEdition(ed, include, placed, true, func(a *program.Activity, act *Activity) {
		movable := !placed(a) || (d.Movable != nil && d.Movable(a))
		if !movable {
			room := a.RoomID // an unknown room keeps its id, and scheduling says so
			if r := ed.RoomByID(a.RoomID); r != nil {
				room = r.Slug
			}
			act.Fixed = &Placement{Activity: a.Slug, Room: room, Start: a.StartsAt}
			return
		}
		act.Audience = a.Capacity
		if act.Duration <= 0 {
			act.Duration = d.Duration
		}
	})
	p.Interest = d.Interest
	p.Blocks = d.Blocks
	if p.Blocks == nil {
		p.Blocks = HalfDays(ed)
	}
	return p, placements
}

// placed reports whether an activity of the working copy has a room known
// to the edition and a start before its end.
func placed(a *program.Activity) bool {
	return a.RoomID != "" && !a.StartsAt.IsZero() && a.EndsAt.After(a.StartsAt)
}

// HalfDays are the default blocks of an edition: every day from its start
// to its end date, 09:00–12:00 and 14:00–17:30 in its time zone, the
// half-days the sample's parallel forums use.
func HalfDays(ed *program.Edition) []Window {
	loc := ed.Location()
	first, err1 := time.ParseInLocation(time.DateOnly, ed.Event.StartDate, loc)
	last, err2 := time.ParseInLocation(time.DateOnly, ed.Event.EndDate, loc)
	if err1 != nil || err2 != nil {
		return nil
	}
	var out []Window
	for d := first; !d.After(last); d = d.AddDate(0, 0, 1) {
		at := func(h, m int) time.Time { return time.Date(d.Year(), d.Month(), d.Day(), h, m, 0, 0, loc) }
		out = append(out, Window{at(9, 0), at(12, 0)}, Window{at(14, 0), at(17, 30)})
	}
	return out
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
