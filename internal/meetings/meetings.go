// Package meetings schedules the 1:1 meetings of a matchmaking fair (B2B
// meeting scheduling): every requested meeting gets a time slot so that nobody
// has two meetings at once, no slot holds more meetings than there are tables,
// and availability, morning/afternoon sessions, fixed slots and precedences
// hold. Among those schedules it minimises the total number of breaks (idle
// gaps between a participant's first and last meeting) under a fairness bound,
// then assigns tables so that participants move as little as possible.
//
// The problem and its scoring follow Bofill et al., "Constraint Solving
// Approaches to the Business-to-Business Meeting Scheduling Problem" (JAIR
// 2022); ReadDZN reads their instance files. The package is pure: no I/O
// beyond the readers it is handed, no clock but the one in Options.
//
// Slots are numbered 1..Slots as in the paper; slot 0 means "not scheduled".
// Participants and meetings are 0-based indexes.
package meetings

import (
	"errors"
	"fmt"
	"strings"
)

// Session restricts a meeting to a half of the day.
type Session int8

const (
	AnySession Session = iota // any slot
	Morning                   // slots 1..Instance.Morning
	Afternoon                 // slots Instance.Morning+1..Instance.Slots
)

// MaxSlots is the largest number of slots a fair may have (one bit per slot
// and participant in the solver).
const MaxSlots = 64

// Meeting is a requested 1:1 meeting between participants A and B.
type Meeting struct {
	A, B    int
	Session Session
	// Fixed is the slot the meeting must take (1-based); 0 = free.
	Fixed int
	// After lists meetings that must take place strictly before this one.
	After []int
	// Priority orders meetings when not all of them fit: higher is kept
	// first. Zero counts as 1.
	Priority int
}

// Instance is a fair to schedule.
type Instance struct {
	Name         string
	Participants int
	Slots        int // slots 1..Slots, consecutive
	Morning      int // slots 1..Morning are the morning; Morning = Slots when there is no split
	Tables       int // meetings that can run in parallel
	Meetings     []Meeting
	// Forbidden[p] lists the slots participant p cannot make (1-based).
	// It may be shorter than Participants (missing = none).
	Forbidden [][]int
	// AllowRepeats accepts two meetings of the same pair (the crafted
	// benchmark instances have some); a fair's requests normally reject them.
	AllowRepeats bool
}

// ValidationError lists everything wrong with an instance, one problem a line.
type ValidationError struct{ Problems []string }

func (e *ValidationError) Error() string {
	return "invalid fair: " + strings.Join(e.Problems, "; ")
}

// Validate reports every structural problem of the instance: out-of-range
// participants, slots and meetings, a meeting of a participant with itself,
// the same pair requested twice, fixed slots that clash, precedence cycles.
// Problems that only make the instance over-full (more meetings than free
// slots) are not errors: Solve schedules as many meetings as fit.
func (in *Instance) Validate() error {
	var probs []string
	add := func(format string, a ...any) { probs = append(probs, fmt.Sprintf(format, a...)) }
	if in.Participants < 0 {
		add("participants: %d is negative", in.Participants)
	}
	if in.Slots < 1 || in.Slots > MaxSlots {
		add("slots: %d, want 1..%d", in.Slots, MaxSlots)
	}
	if in.Morning < 0 || in.Morning > in.Slots {
		add("morning slots: %d, want 0..%d", in.Morning, in.Slots)
	}
	if in.Tables < 1 {
		add("tables: %d, want at least 1", in.Tables)
	}
	if len(in.Forbidden) > in.Participants {
		add("forbidden: %d rows for %d participants", len(in.Forbidden), in.Participants)
	}
	for p, fs := range in.Forbidden {
		for _, t := range fs {
			if t < 1 || t > in.Slots {
				add("participant %d: forbidden slot %d outside 1..%d", p+1, t, in.Slots)
			}
		}
	}
	type pair struct{ a, b int }
	seen := map[pair]int{}
	fixedAt := map[[2]int]int{} // (participant, slot) -> meeting
	for i, m := range in.Meetings {
		if m.A < 0 || m.A >= in.Participants || m.B < 0 || m.B >= in.Participants {
			add("meeting %d: participants %d and %d, want 1..%d", i+1, m.A+1, m.B+1, in.Participants)
			continue
		}
		if m.A == m.B {
			add("meeting %d: participant %d meets itself", i+1, m.A+1)
		}
		k := pair{min(m.A, m.B), max(m.A, m.B)}
		if j, ok := seen[k]; ok && !in.AllowRepeats {
			add("meeting %d: participants %d and %d already meet in meeting %d", i+1, m.A+1, m.B+1, j+1)
		} else {
			seen[k] = i
		}
		if m.Session < AnySession || m.Session > Afternoon {
			add("meeting %d: session %d, want 0 (any), 1 (morning) or 2 (afternoon)", i+1, m.Session)
		}
		if m.Fixed != 0 {
			if m.Fixed < 1 || m.Fixed > in.Slots {
				add("meeting %d: fixed slot %d outside 1..%d", i+1, m.Fixed, in.Slots)
			} else {
				for _, p := range []int{m.A, m.B} {
					if j, ok := fixedAt[[2]int{p, m.Fixed}]; ok {
						add("meetings %d and %d are both fixed at slot %d for participant %d", j+1, i+1, m.Fixed, p+1)
					}
					fixedAt[[2]int{p, m.Fixed}] = i
				}
			}
		}
		for _, q := range m.After {
			if q < 0 || q >= len(in.Meetings) || q == i {
				add("meeting %d: precedence on meeting %d, want another meeting of 1..%d", i+1, q+1, len(in.Meetings))
			}
		}
	}
	if len(probs) == 0 {
		if c := precedenceCycle(in); c != nil {
			s := make([]string, len(c))
			for i, m := range c {
				s[i] = fmt.Sprint(m + 1)
			}
			add("precedences form a cycle: meetings %s", strings.Join(s, " → "))
		}
	}
	if len(probs) > 0 {
		return &ValidationError{probs}
	}
	return nil
}

// precedenceCycle returns the meetings of one precedence cycle, or nil.
func precedenceCycle(in *Instance) []int {
	const (
		white = iota
		grey
		black
	)
	color := make([]int8, len(in.Meetings))
	var stack []int
	var found []int
	var visit func(m int) bool
	visit = func(m int) bool {
		color[m] = grey
		stack = append(stack, m)
		for _, q := range in.Meetings[m].After {
			if color[q] == grey {
				i := len(stack) - 1
				for stack[i] != q {
					i--
				}
				found = append([]int(nil), stack[i:]...)
				return true
			}
			if color[q] == white && visit(q) {
				return true
			}
		}
		stack = stack[:len(stack)-1]
		color[m] = black
		return false
	}
	for m := range in.Meetings {
		if color[m] == white && visit(m) {
			return found
		}
	}
	return nil
}

// domain returns the bit set of slots meeting m may take given its session,
// the forbidden slots of both participants and its fixed slot (bit t-1 = slot t).
func (in *Instance) domain(m int) uint64 {
	mt := in.Meetings[m]
	var d uint64
	for t := 1; t <= in.Slots; t++ {
		switch {
		case mt.Session == Morning && t > in.Morning:
			continue
		case mt.Session == Afternoon && t <= in.Morning:
			continue
		case mt.Fixed != 0 && t != mt.Fixed:
			continue
		}
		d |= 1 << (t - 1)
	}
	for _, p := range []int{mt.A, mt.B} {
		if p < len(in.Forbidden) {
			for _, t := range in.Forbidden[p] {
				d &^= 1 << (t - 1)
			}
		}
	}
	return d
}

// byParticipant returns the meetings of each participant.
func (in *Instance) byParticipant() [][]int {
	by := make([][]int, in.Participants)
	for i, m := range in.Meetings {
		by[m.A] = append(by[m.A], i)
		by[m.B] = append(by[m.B], i)
	}
	return by
}

var errNotDZN = errors.New("not a B2B .dzn file")
