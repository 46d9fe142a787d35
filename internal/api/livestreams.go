package api

import (
	"net/http"

	"convene/internal/program"
)

// livestreamItem is one line of the livestream schedule (开播时间 / title / link).
type livestreamItem struct {
	StartsAt jsTime               `json:"starts_at"`
	Stream   string               `json:"stream_url"`
	Activity string               `json:"activity"`
	Title    program.Text         `json:"title"`
	Kind     program.ActivityKind `json:"kind"`
	Room     *roomRef             `json:"room"`
	URL      string               `json:"url"`
	APIURL   string               `json:"api_url"`
}

type livestreamList struct {
	Event       string           `json:"event"`
	Count       int              `json:"count"`
	Livestreams []livestreamItem `json:"livestreams"`
}

// GET /api/v1/events/{event}/livestreams — ordered by broadcast start.
func (s *server) listLivestreams(w http.ResponseWriter, r *http.Request) error {
	ed, err := s.edition(r)
	if err != nil {
		return err
	}
	v := view{ed: ed}
	acts := ed.Livestreams()
	out := livestreamList{Event: ed.Event.Slug, Count: len(acts), Livestreams: make([]livestreamItem, 0, len(acts))}
	for _, a := range acts {
		out.Livestreams = append(out.Livestreams, livestreamItem{
			StartsAt: v.time(a.Livestream.StartsAt), Stream: a.Livestream.URL,
			Activity: a.Slug, Title: a.Title, Kind: a.Kind, Room: v.room(a.RoomID),
			URL: pageURL(v.event(), "activities", a.Slug), APIURL: apiURL(v.event(), "activities", a.Slug),
		})
	}
	return writeJSON(w, http.StatusOK, out)
}
