package fair

import "convene/internal/program"

// CheckRequest checks a meeting request of from to to, about an optional
// achievement and need, which must belong to one of the two sides. The rule
// of one request per pair holds in the store, where concurrent requests meet.
func CheckRequest(from, to *Participant, ach *Achievement, need *Need) error {
	var errs problems
	if from.ID == to.ID {
		errs.Add("to", "self", "is yourself; request a meeting with another participant")
	}
	sides := func(owner string) bool { return owner == from.ID || owner == to.ID }
	if ach != nil && !sides(ach.ParticipantID) {
		errs.Add("achievement", "not_theirs", "belongs to neither side of the meeting")
	}
	if need != nil && !sides(need.ParticipantID) {
		errs.Add("need", "not_theirs", "belongs to neither side of the meeting")
	}
	return errs.err()
}

// CheckAnswer checks that participant by may answer meeting m with status.
func CheckAnswer(m *Meeting, by string, status Status) error {
	switch {
	case m.To != by:
		return program.Errorf(program.CodeForbidden, "only the participant asked may answer a meeting request")
	case status != StatusAccepted && status != StatusDeclined:
		return program.FieldErrorf(program.CodeInvalid, "status", "status", "status must be accepted or declined, not %q", status)
	case m.Status != StatusRequested:
		return program.Errorf(program.CodeConflict, "this request was already %s", m.Status)
	}
	return nil
}
