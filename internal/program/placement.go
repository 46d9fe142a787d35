package program

import "time"

// Placement puts an activity (by slug) in a room (by slug) for a time:
// what a timetabling tool writes into the working copy of an edition.
type Placement struct {
	Activity string    `json:"activity"`
	Room     string    `json:"room"`
	StartsAt time.Time `json:"starts_at"`
	EndsAt   time.Time `json:"ends_at"`
}
