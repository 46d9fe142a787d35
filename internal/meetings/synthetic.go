package meetings

import (
	"math"
	"math/rand/v2"
)

// SyntheticFair describes a random fair shaped like a large matchmaking day,
// for measuring the scheduler where no published instance is that large.
type SyntheticFair struct {
	Participants, Meetings, Slots, Tables int
	Seed                                  uint64
}

// Generate builds the fair, the same for the same description: about 45 % of
// the participants offer technology and the rest look for it, meetings pair
// the two sides; popularity is skewed (a few owners are asked by many, as at a
// real fair); 15 % come only in the morning and 15 % only in the afternoon,
// one in ten cannot make one or two other slots. Everybody has fewer meetings
// than the slots they can make, so a complete schedule can exist; when such
// pairs run out before Meetings, the fair has fewer meetings.
func (sf SyntheticFair) Generate() *Instance {
	rng := rand.New(rand.NewPCG(sf.Seed, 0xfa17))
	in := &Instance{Name: "synthetic", Participants: sf.Participants, Slots: sf.Slots, Morning: sf.Slots / 2, Tables: sf.Tables}
	in.Forbidden = make([][]int, sf.Participants)
	free := make([]int, sf.Participants) // slots a participant can still give
	for p := range in.Forbidden {
		switch r := rng.IntN(100); {
		case r < 15: // morning only
			for t := in.Morning + 1; t <= in.Slots; t++ {
				in.Forbidden[p] = append(in.Forbidden[p], t)
			}
		case r < 30: // afternoon only
			for t := 1; t <= in.Morning; t++ {
				in.Forbidden[p] = append(in.Forbidden[p], t)
			}
		case r < 40:
			for range 1 + rng.IntN(2) {
				in.Forbidden[p] = append(in.Forbidden[p], 1+rng.IntN(in.Slots))
			}
		}
		blocked := map[int]bool{}
		for _, t := range in.Forbidden[p] {
			blocked[t] = true
		}
		free[p] = in.Slots - len(blocked)
	}
	supply := sf.Participants * 45 / 100
	// popularity weight of the i-th participant of a side: 1/(i+1)^0.6
	pick := func(lo, hi int) int {
		for {
			i := lo + rng.IntN(hi-lo)
			if rng.Float64() < 1/math.Pow(float64(i-lo+1), 0.6) {
				return i
			}
		}
	}
	type pair struct{ a, b int }
	seen := map[pair]bool{}
	for tries := 0; len(in.Meetings) < sf.Meetings && tries < 50*sf.Meetings; tries++ {
		a, b := pick(0, supply), pick(supply, sf.Participants)
		if seen[pair{a, b}] || free[a] <= 1 || free[b] <= 1 || !shareSlot(in, a, b) {
			continue
		}
		seen[pair{a, b}] = true
		free[a]--
		free[b]--
		in.Meetings = append(in.Meetings, Meeting{A: a, B: b})
	}
	return in
}

// shareSlot reports whether a and b can both make some slot.
func shareSlot(in *Instance, a, b int) bool {
	blocked := map[int]bool{}
	for _, t := range in.Forbidden[a] {
		blocked[t] = true
	}
	for _, t := range in.Forbidden[b] {
		blocked[t] = true
	}
	return len(blocked) < in.Slots
}
