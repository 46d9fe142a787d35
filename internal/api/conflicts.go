package api

import (
	"net/http"

	"convene/internal/program"
	"convene/internal/timetable"
)

// conflictItem is one broken timetabling rule of an edition's timetable. The
// activities, people and rooms involved are named by slug; the lists are
// never null.
type conflictItem struct {
	Kind       timetable.ConflictKind `json:"kind"`
	Message    program.Text           `json:"message"`
	Activities []string               `json:"activities"`
	People     []string               `json:"people"`
	Rooms      []string               `json:"rooms"`
}

type conflictList struct {
	Event     string         `json:"event"`
	Count     int            `json:"count"`
	Conflicts []conflictItem `json:"conflicts"`
}

// GET /api/v1/events/{event}/conflicts — the hard-rule conflicts of the
// edition's current timetable (timetable.CheckEdition): an empty list means
// it can be published.
//
// Like the activity list, the answer is a function of the catalogue's stamp
// of the edition, so its ETag is derived from the stamp, a matching
// If-None-Match is answered 304, and the body is checked once per program
// version and kept in the body cache.
func (s *server) listConflicts(w http.ResponseWriter, r *http.Request) error {
	ed, err := s.edition(r)
	if err != nil {
		return err
	}
	_, stamp, err := s.cat.Stamp(r.Context(), ed)
	if err != nil {
		return err
	}
	return s.serveStamped(w, r, versionKey("conflicts", stamp), func() any {
		cs := timetable.CheckEdition(ed)
		out := conflictList{Event: ed.Event.Slug, Count: len(cs), Conflicts: make([]conflictItem, 0, len(cs))}
		for _, c := range cs {
			out.Conflicts = append(out.Conflicts, conflictItem{
				Kind: c.Kind, Message: program.Text{ZH: c.ZH, EN: c.EN},
				Activities: nonNil(c.Activities), People: nonNil(c.People), Rooms: nonNil(c.Rooms),
			})
		}
		return out
	})
}
