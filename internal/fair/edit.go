package fair

import (
	"fmt"

	"convene/internal/program"
)

// What editing and withdrawing mean for the rest of the fair (docs/fair.md):
// a withdrawn achievement or need leaves the listings and the suggestions,
// while the requests and meetings that named it stay, since a meeting is
// between two organisations; a participant who withdraws takes its items
// with it, its open requests and accepted meetings are cancelled (kept, with
// status cancelled), and the schedule, if one was made, is out of date. Rows
// are never deleted: the audit log and the outcomes refer to them.

// CheckSide checks that participant p, with the side it is changing to,
// leaves none of its posted items behind: an achievement belongs to the
// supply side and a need to the demand side, so a participant with
// achievements cannot become demand-only until it withdraws them (rather
// than having them vanish unseen from its partners' suggestions).
func (p *Participant) CheckSide(achievements, needs int) error {
	var errs problems
	if !p.Supplies() && achievements > 0 {
		errs.Add("side", "side_items", fmt.Sprintf("cannot leave the supply side with %d achievements posted; withdraw them first", achievements))
	}
	if !p.Demands() && needs > 0 {
		errs.Add("side", "side_items", fmt.Sprintf("cannot leave the demand side with %d needs posted; withdraw them first", needs))
	}
	return errs.err()
}

// Outdated lists why a stored schedule no longer fits the fair: an accepted
// meeting without a slot, a cancelled meeting still holding a table, a
// meeting at a slot a side can no longer make, or fixed elsewhere since. An
// empty list means the schedule still holds; the organiser's page shows the
// list so the scheduler is run again.
func Outdated(f *Fair, ps []Participant, ms []Meeting) []program.FieldError {
	if f.ScheduledAt == nil {
		return nil
	}
	free := make(map[string]map[int]bool, len(ps))
	for i := range ps {
		free[ps[i].ID] = map[int]bool{}
		for _, t := range f.FreeSlots(&ps[i]) {
			free[ps[i].ID][t] = true
		}
	}
	var out []program.FieldError
	add := func(problem, format string, a ...any) {
		out = append(out, program.FieldError{Field: "schedule", Problem: problem, Message: fmt.Sprintf(format, a...)})
	}
	for _, m := range ms {
		switch {
		case m.Status == StatusAccepted && m.Slot == 0:
			add("unplaced", "meeting %s is accepted but has no slot", m.ID)
		case m.Status == StatusCancelled && m.Slot > 0:
			add("cancelled", "meeting %s at slot %d, table %d was cancelled: a side withdrew", m.ID, m.Slot, m.Table)
		case m.Status != StatusAccepted:
		case !free[m.From][m.Slot] || !free[m.To][m.Slot]:
			add("unavailable", "meeting %s is at slot %d, which a side can no longer make", m.ID, m.Slot)
		case m.FixedSlot > 0 && m.FixedSlot != m.Slot:
			add("fixed_moved", "meeting %s is fixed to slot %d but scheduled at slot %d", m.ID, m.FixedSlot, m.Slot)
		}
	}
	return out
}
