package api

import (
	"context"
	"net/http"

	"convene/internal/audit"
	"convene/internal/fair"
	"convene/internal/program"
)

// A participant edits or withdraws its participation and its own
// achievements and needs, with the attendee token it acts with. Every write
// names in If-Match the version it read (the "version" of GET …/fair/me):
// without one 428, a stale one 412, someone else's item 403, nothing changed.
// A PUT sends the whole item, as the POST that made it; a DELETE withdraws,
// which keeps the row for the record (docs/fair.md says what it means).

// ownWrite resolves the participant and the If-Match version and runs
// write as the attendee; it answers the request itself when something
// failed and reports whether write succeeded.
func (s *server) ownWrite(w http.ResponseWriter, r *http.Request, write func(ctx context.Context, snap *fair.Snapshot, p *fair.Participant, base int64) error) (bool, error) {
	_, snap, p, err := s.participant(r)
	if err != nil {
		return false, err
	}
	base, ok := requireIfMatch(w, r, `the "version" of GET …/fair/me`)
	if !ok {
		return false, nil
	}
	err = write(audit.WithActor(r.Context(), audit.Attendee(p.AttendeeID)), snap, p, base)
	if e := program.SafeError(err); e != nil && e.Code == program.CodeConflict && e.Field == "version" {
		preconditionFailed(w, err)
		return false, nil
	}
	return err == nil, err
}

// writeOwn answers an edited item with its new version as the ETag.
func writeOwn(w http.ResponseWriter, version int64, v any) error {
	w.Header().Set("Cache-Control", "private, no-store")
	w.Header().Set("ETag", etagOf(version))
	return writeJSON(w, http.StatusOK, v)
}

// PUT …/fair/me (participant): edit the participation
func (s *server) editParticipation(w http.ResponseWriter, r *http.Request) error {
	var out fair.Participant
	ok, err := s.ownWrite(w, r, func(ctx context.Context, snap *fair.Snapshot, p *fair.Participant, base int64) error {
		var in participantInput
		if err := decodeJSON(w, r, &in); err != nil {
			return err
		}
		edited, err := in.participant(p.ActivityID, p.AttendeeID).Normalize(&snap.Data.Fair)
		if err != nil {
			return err
		}
		edited.ID = p.ID
		out = edited
		return s.fair.UpdateParticipant(ctx, &out, base)
	})
	if !ok {
		return err
	}
	return writeOwn(w, out.Version, participantOf(&out))
}

// DELETE …/fair/me (participant): withdraw from the fair
func (s *server) withdrawFromFair(w http.ResponseWriter, r *http.Request) error {
	ok, err := s.ownWrite(w, r, func(ctx context.Context, _ *fair.Snapshot, p *fair.Participant, base int64) error {
		return s.fair.WithdrawParticipant(ctx, p, base)
	})
	if ok {
		w.WriteHeader(http.StatusNoContent)
	}
	return err
}

// PUT …/fair/achievements/{item} (its owner)
func (s *server) editAchievement(w http.ResponseWriter, r *http.Request) error {
	var out fair.Achievement
	var shown *fair.Snapshot
	ok, err := s.ownWrite(w, r, func(ctx context.Context, snap *fair.Snapshot, p *fair.Participant, base int64) error {
		id, err := pathParam(r, "item")
		if err != nil {
			return err
		}
		var in achievementInput
		if err := decodeJSON(w, r, &in); err != nil {
			return err
		}
		if out, err = in.achievement(p).Normalize(nil); err != nil { // the store checks the owner, who keeps the side of its items
			return err
		}
		out.ID, shown = id, snap
		return s.fair.UpdateAchievement(ctx, &out, base)
	})
	if !ok {
		return err
	}
	return writeOwn(w, out.Version, achievementOf(shown, &out))
}

// PUT …/fair/needs/{item} (its owner)
func (s *server) editNeed(w http.ResponseWriter, r *http.Request) error {
	var out fair.Need
	var shown *fair.Snapshot
	ok, err := s.ownWrite(w, r, func(ctx context.Context, snap *fair.Snapshot, p *fair.Participant, base int64) error {
		id, err := pathParam(r, "item")
		if err != nil {
			return err
		}
		var in needInput
		if err := decodeJSON(w, r, &in); err != nil {
			return err
		}
		if out, err = in.need(p).Normalize(nil); err != nil { // as for an achievement
			return err
		}
		out.ID, shown = id, snap
		return s.fair.UpdateNeed(ctx, &out, base)
	})
	if !ok {
		return err
	}
	return writeOwn(w, out.Version, needOf(shown, &out))
}

// DELETE …/fair/achievements/{item} (its owner): withdraw it
func (s *server) withdrawAchievement(w http.ResponseWriter, r *http.Request) error {
	return s.withdrawItem(w, r, s.fair.WithdrawAchievement)
}

// DELETE …/fair/needs/{item} (its owner): withdraw it
func (s *server) withdrawNeed(w http.ResponseWriter, r *http.Request) error {
	return s.withdrawItem(w, r, s.fair.WithdrawNeed)
}

func (s *server) withdrawItem(w http.ResponseWriter, r *http.Request, withdraw func(ctx context.Context, activityID, owner, id string, base int64) error) error {
	ok, err := s.ownWrite(w, r, func(ctx context.Context, _ *fair.Snapshot, p *fair.Participant, base int64) error {
		id, err := pathParam(r, "item")
		if err != nil {
			return err
		}
		return withdraw(ctx, p.ActivityID, p.ID, id, base)
	})
	if ok {
		w.WriteHeader(http.StatusNoContent)
	}
	return err
}
