package api

import (
	"net/http"

	"convene/internal/export"
	"convene/internal/registration"
)

// GET /api/v1/events/{event}/activities/{activity}/fair/agenda/{key}/calendar.ics?lang=
//
// A participant's meeting schedule as a calendar feed by secret URL, as the
// attendee's agenda is (calendar apps send no Authorization header): the
// key is signed for this feed only, so it opens neither the agenda nor the
// registration. Before the schedule is published the calendar has no events.
func (s *server) fairCalendar(w http.ResponseWriter, r *http.Request) error {
	svc, err := s.registrationService()
	if err != nil {
		return err
	}
	ed, act, snap, err := s.fairOf(r)
	if err != nil {
		return err
	}
	lang, err := feedLang(r)
	if err != nil {
		return err
	}
	key, err := pathParam(r, "key")
	if err != nil {
		return err
	}
	id, err := svc.FeedSubject(r.Context(), registration.FairFeed, key)
	if err != nil {
		return err
	}
	p := snap.Participants[id]
	if p == nil { // a participant of another fair, or one since removed
		return errNotFound("key", "no personal calendar at this address")
	}
	body := export.FairCalendar(ed, act, snap, p, export.Options{Lang: lang, BaseURL: s.baseURL(r)})
	writePersonalCalendar(w, r, body, export.Filename(ed, act.Slug+"-fair", fileLang(r), "ics"))
	return nil
}
