package api

import (
	"net/http"

	"convene/internal/program"
)

// statsResponse is program.Stats exactly as the catalogue computes it, plus
// the previous edition's figures (null when there is none).
type statsResponse struct {
	program.Stats
	Previous *program.Stats `json:"previous"`
}

// GET /api/v1/events/{event}/stats
func (s *server) getStats(w http.ResponseWriter, r *http.Request) error {
	slug, err := pathParam(r, "event")
	if err != nil {
		return err
	}
	cur, prev, err := s.cat.Stats(r.Context(), slug)
	if err != nil {
		return err
	}
	if s.fair != nil {
		if err := program.AddMatchmaking(r.Context(), s.fair, &cur, prev); err != nil {
			return err
		}
	}
	return writeJSON(w, http.StatusOK, statsResponse{Stats: cur, Previous: prev})
}
