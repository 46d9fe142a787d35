package fair

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"convene/internal/meetings"
	"convene/internal/program"
)

// Assignment is where and when one accepted meeting takes place.
type Assignment struct {
	MeetingID string
	Slot      int
	Table     int
}

// FreeSlots returns the slots participant p can make in fair f: those of the
// half-days it attends, minus the slots it declared unavailable.
func (f *Fair) FreeSlots(p *Participant) []int {
	var out []int
	gone := map[int]bool{}
	for _, t := range p.Unavailable {
		gone[t] = true
	}
	for t := 1; t <= f.Slots; t++ {
		morning := t <= f.MorningSlots
		if gone[t] || p.Availability == AvailableMorning && !morning || p.Availability == AvailableAfternoon && morning && f.MorningSlots < f.Slots {
			continue
		}
		out = append(out, t)
	}
	return out
}

// CanMeet reports whether a and b have a free slot in common.
func (f *Fair) CanMeet(a, b *Participant) bool {
	free := f.FreeSlots(b)
	return slices.ContainsFunc(f.FreeSlots(a), func(t int) bool { return slices.Contains(free, t) })
}

// Problems lists what keeps the accepted meetings of a fair from being
// scheduled as they stand, each naming the participants and meetings at
// fault: a meeting of a participant with itself or with a stranger, the same
// pair twice, no free slot in common, more meetings than
// free slots, fixed slots that clash or that a
// side cannot make. An empty list means the scheduler may run.
func Problems(f *Fair, ps []Participant, ms []Meeting) []program.FieldError {
	var out []program.FieldError
	add := func(problem, format string, a ...any) {
		out = append(out, program.FieldError{Field: "meetings", Problem: problem, Message: fmt.Sprintf(format, a...)})
	}
	byID := make(map[string]*Participant, len(ps))
	for i := range ps {
		byID[ps[i].ID] = &ps[i]
	}
	name := func(id string) string {
		if p := byID[id]; p != nil {
			return fmt.Sprintf("%q", p.Organisation.In(program.LangEN))
		}
		return id
	}
	pairs := map[[2]string]string{}
	count := map[string]int{}
	fixed := map[string]map[int]string{}
	for _, m := range ms {
		if m.Status != StatusAccepted {
			continue
		}
		if byID[m.From] == nil || byID[m.To] == nil {
			add("unknown_participant", "meeting %s: a side is not a participant of this fair", m.ID)
			continue
		}
		if m.From == m.To {
			add("self", "meeting %s: %s cannot meet itself", m.ID, name(m.From))
			continue
		}
		k := [2]string{min(m.From, m.To), max(m.From, m.To)}
		if other, ok := pairs[k]; ok {
			add("duplicate_pair", "meetings %s and %s: %s and %s meet twice", other, m.ID, name(m.From), name(m.To))
			continue
		}
		pairs[k] = m.ID
		count[m.From]++
		count[m.To]++
		if !f.CanMeet(byID[m.From], byID[m.To]) {
			add("no_common_slot", "meeting %s: %s and %s have no free slot in common", m.ID, name(m.From), name(m.To))
		}
		if m.FixedSlot == 0 {
			continue
		}
		if m.FixedSlot < 1 || m.FixedSlot > f.Slots {
			add("fixed_slot", "meeting %s: fixed at slot %d, the fair has slots 1 to %d", m.ID, m.FixedSlot, f.Slots)
			continue
		}
		for _, p := range []string{m.From, m.To} {
			if !slices.Contains(f.FreeSlots(byID[p]), m.FixedSlot) {
				add("fixed_unavailable", "meeting %s: fixed at slot %d, which %s cannot make", m.ID, m.FixedSlot, name(p))
			}
			if fixed[p] == nil {
				fixed[p] = map[int]string{}
			}
			if other, ok := fixed[p][m.FixedSlot]; ok {
				add("fixed_clash", "meetings %s and %s: both fixed at slot %d for %s", other, m.ID, m.FixedSlot, name(p))
			}
			fixed[p][m.FixedSlot] = m.ID
		}
	}
	for i := range ps {
		p := &ps[i]
		if free := len(f.FreeSlots(p)); count[p.ID] > free {
			add("overbooked", "%s has %d accepted meetings but only %d free slots", name(p.ID), count[p.ID], free)
		}
	}
	return out
}

// Schedule places every accepted meeting of the fair at a slot and a table
// with meetings.Solve. It returns all assignments or an error explaining why
// not, never a partial schedule: an invalid error listing every problem of
// the input (see Problems), or a conflict when the rules leave no room for
// every meeting.
func Schedule(ctx context.Context, f *Fair, ps []Participant, ms []Meeting, opt meetings.Options) ([]Assignment, *meetings.Result, error) {
	if probs := Problems(f, ps, ms); len(probs) > 0 {
		msgs := make([]string, len(probs))
		for i, p := range probs {
			msgs[i] = p.Message
		}
		return nil, nil, &program.Error{Code: program.CodeInvalid, Field: "meetings", Fields: probs,
			Message: "the meetings cannot be scheduled as they stand: " + strings.Join(msgs, "; ")}
	}
	in, ids := Instance(f, ps, ms)
	res, err := meetings.Solve(ctx, in, opt)
	if err != nil {
		return nil, nil, program.Errorf(program.CodeInvalid, "the meetings cannot be scheduled: %v", err)
	}
	if !res.Complete {
		left := make([]string, 0, len(res.Unscheduled))
		for _, m := range res.Unscheduled {
			left = append(left, ids[m])
		}
		why := res.Reason
		if why == "" {
			why = "the search found no schedule that fits every meeting in time"
		}
		return nil, res, program.Errorf(program.CodeConflict, "no schedule fits every accepted meeting (%s); %d meetings left over, e.g. %s; nothing was stored",
			why, len(left), strings.Join(left[:min(len(left), 5)], ", "))
	}
	out := make([]Assignment, len(ids))
	for i, id := range ids {
		out[i] = Assignment{MeetingID: id, Slot: res.Slot[i], Table: res.Table[i]}
	}
	return out, res, nil
}

// Instance turns the accepted meetings of a fair into the meetings.Instance
// that Schedule solves, with the meeting ids in the instance's order; a
// participant's forbidden slots are those outside its free slots.
func Instance(f *Fair, ps []Participant, ms []Meeting) (*meetings.Instance, []string) {
	in := &meetings.Instance{Name: f.ActivityID, Participants: len(ps), Slots: f.Slots, Morning: f.MorningSlots, Tables: f.Tables,
		Forbidden: make([][]int, len(ps))}
	index := make(map[string]int, len(ps))
	for i := range ps {
		index[ps[i].ID] = i
		free := f.FreeSlots(&ps[i])
		for t := 1; t <= f.Slots; t++ {
			if !slices.Contains(free, t) {
				in.Forbidden[i] = append(in.Forbidden[i], t)
			}
		}
	}
	var ids []string
	for _, m := range ms {
		if m.Status != StatusAccepted {
			continue
		}
		in.Meetings = append(in.Meetings, meetings.Meeting{A: index[m.From], B: index[m.To], Fixed: m.FixedSlot})
		ids = append(ids, m.ID)
	}
	return in, ids
}

// Fairness is the bound d of the fair's schedules: nobody waits through more
// than two idle slots between their first and last meeting.
const Fairness = 2

// SolverOptions are the settings the product schedules the fair's meetings
// ms with: deterministic (one search, a fixed seed and budgets of moves and
// conflicts rather than of time), so that the same requests always give the
// same schedule. The local search's budget grows with the accepted
// meetings, 2,000 moves each and at least 1,000,000: a fixed million left
// 10,000 meetings of a synthetic fair (2,000 participants, 24 slots, 500
// tables) with clashes that only removing meetings would settle, where
// 20,000,000 moves gave a complete schedule in 34 s. Then the exact method
// (fairs whose formula is not too large; meetings.Options) searches for
// fewer breaks and a proof of optimality, for at most exactConflicts.
func SolverOptions(ms []Meeting) meetings.Options {
	accepted := 0
	for _, m := range ms {
		if m.Status == StatusAccepted {
			accepted++
		}
	}
	return meetings.Options{D: Fairness, Seed: 1, MaxIterations: max(1_000_000, 2_000*int64(accepted)),
		ExactConflicts: exactConflicts, Workers: 1}
}

// exactConflicts bounds the exact method's work in a run of the product's
// scheduler. On the sample fair (200 participants, 641 meetings, 60 tables,
// 14 slots) the local search leaves 21 breaks against a lower bound of 6;
// the exact method then finds a schedule with 6, optimal, in about 41,000
// conflicts (13 s after the local search's 2 s on a slow 2-core machine;
// docs/benchmarks.md), and 20,000 or 40,000 conflicts found nothing better
// than 21. 100,000 leaves
// room for fairs somewhat harder than the sample and caps the wait on
// those it cannot settle.
const exactConflicts = 100_000

// Place writes the assignments into the dataset's meetings.
func (ds *Dataset) Place(as []Assignment) {
	at := make(map[string]Assignment, len(as))
	for _, a := range as {
		at[a.MeetingID] = a
	}
	for i := range ds.Meetings {
		m := &ds.Meetings[i]
		a := at[m.ID]
		m.Slot, m.Table = a.Slot, a.Table
	}
}
