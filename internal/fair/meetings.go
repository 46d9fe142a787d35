package fair

import (
	"slices"

	"convene/internal/program"
)

// NewRequest resolves on the snapshot and checks a meeting request of
// participant from to participant to, about an optional achievement and
// need (ids, "" for none): what the API and the site both send to the
// store's RequestMeeting.
func (s *Snapshot) NewRequest(from *Participant, to, achievement, need string) (Meeting, error) {
	other := s.Participants[to]
	if other == nil {
		return Meeting{}, program.FieldErrorf(program.CodeInvalid, "to", "unknown", "no participant %q in this fair", to)
	}
	var ach *Achievement
	if achievement != "" {
		if ach = s.Achievements[achievement]; ach == nil {
			return Meeting{}, program.FieldErrorf(program.CodeInvalid, "achievement", "unknown", "no achievement %q in this fair", achievement)
		}
	}
	var n *Need
	if need != "" {
		if n = s.Needs[need]; n == nil {
			return Meeting{}, program.FieldErrorf(program.CodeInvalid, "need", "unknown", "no need %q in this fair", need)
		}
	}
	if err := CheckRequest(from, other, ach, n); err != nil {
		return Meeting{}, err
	}
	return Meeting{ActivityID: s.Data.Fair.ActivityID, From: from.ID, To: other.ID, AchievementID: achievement, NeedID: need}, nil
}

// NewMeeting resolves on the snapshot and checks a meeting the organiser
// adds between participants from and to, fixed to a slot (0 = free): what
// the API and the site both send to the store's AddMeeting.
func (s *Snapshot) NewMeeting(from, to string, fixedSlot int) (Meeting, error) {
	a, b := s.Participants[from], s.Participants[to]
	switch {
	case a == nil:
		return Meeting{}, program.FieldErrorf(program.CodeInvalid, "from", "unknown", "no participant %q in this fair", from)
	case b == nil:
		return Meeting{}, program.FieldErrorf(program.CodeInvalid, "to", "unknown", "no participant %q in this fair", to)
	}
	if err := CheckRequest(a, b, nil, nil); err != nil {
		return Meeting{}, err
	}
	if err := s.Data.Fair.CheckSlot("fixed_slot", fixedSlot); err != nil {
		return Meeting{}, err
	}
	return Meeting{ActivityID: s.Data.Fair.ActivityID, From: a.ID, To: b.ID, FixedSlot: fixedSlot}, nil
}

// CheckSlot checks a slot a meeting is fixed to: one of the fair's, or 0 to
// free it.
func (f *Fair) CheckSlot(field string, slot int) error {
	if slot < 0 || slot > f.Slots {
		return program.FieldErrorf(program.CodeInvalid, field, "slot", "%s %d: the fair has slots 1 to %d (0 frees the meeting)", field, slot, f.Slots)
	}
	return nil
}

// Published returns participant p's scheduled meetings by slot once the
// schedule is published, and none before: an unpublished schedule may still
// change, so participants do not see it. Cancelled meetings keep their slot
// for the record until the next run but are not on anyone's schedule.
func (s *Snapshot) Published(p *Participant) []*Meeting {
	if s.Data.Fair.PublishedAt == nil {
		return nil
	}
	var out []*Meeting
	for i := range s.Data.Meetings {
		if m := &s.Data.Meetings[i]; m.Involves(p.ID) && m.Slot > 0 && m.Status == StatusAccepted {
			out = append(out, m)
		}
	}
	slices.SortFunc(out, func(a, b *Meeting) int { return a.Slot - b.Slot })
	return out
}
