package timetable

import (
	"bytes"
	"testing"
)

// plantedInstance: 3 sessions (2, 2 and 3 slots; the last one at 22:00
// local time), 3 rooms, 5 tracks, every weight 1.
func plantedInstance() *Instance {
	in := &Instance{
		Name: "planted",
		Sessions: []Session{
			{Name: "S1", MaxSlots: 2, Start: 9 * 60, End: 10 * 60},
			{Name: "S2", MaxSlots: 2, Start: 11 * 60, End: 12 * 60},
			{Name: "S3", MaxSlots: 3, Start: 22 * 60, End: 23 * 60},
		},
		Rooms: []string{"A", "B", "C"},
		Tracks: []Track{
			{Name: "T0", Chairs: []string{"k"}}, {Name: "T1", Chairs: []string{"k"}}, {Name: "T2", Chairs: []string{"chair"}}, {Name: "T3"}, {Name: "T4"},
		},
		Submissions: []Submission{
			{Ref: "a", Track: 0, Slots: 1, Presenters: []string{"p"}},                           // 0
			{Ref: "b", Track: 1, Slots: 1, Presenters: []string{"p"}},                           // 1: shares p with a
			{Ref: "c", Track: 1, Slots: 1, Presenters: []string{"q"}, Attendees: []string{"r"}}, // 2
			{Ref: "d", Track: 0, Slots: 1, Presenters: []string{"r"}},                           // 3: r attends c
			{Ref: "e", Track: 3, Slots: 1, Order: 2, Presenters: []string{"chair"}},             // 4: chair of T2 presents
			{Ref: "f", Track: 3, Slots: 1, Order: 1},                                            // 5
			{Ref: "g", Track: 4, Slots: 2},                                                      // 6: two slots
			{Ref: "h", Track: 2, Slots: 1},                                                      // 7
			{Ref: "i", Track: 4, Slots: 1},                                                      // 8: never scheduled
		},
		SuitableFrom: 8 * 60, SuitableTo: 20 * 60, LessSuitableFrom: 7 * 60, LessSuitableTo: 23 * 60,
		SmallTZPenalty: 1, BigTZPenalty: 10,
	}
	for k := range in.Weights {
		in.Weights[k] = 1
	}
	in.Init()
	in.Similar[0][1], in.Similar[1][0] = 5, 5
	in.TrackSession[3][1] = 7
	in.TrackRoom[2][2] = 3
	in.SessionRoom[2][0] = 11
	in.SubSession[6][2] = 2
	in.SubRoom[7][2] = 4
	return in
}

func TestCheckerFindsPlantedConflicts(t *testing.T) {
	in := plantedInstance()
	sc := NewSchedule(in)
	put := func(s, r, t int, subs ...int) {
		sc.Tracks[s][r] = t
		copy(sc.Subs[s][r], subs)
	}
	// S1: a (T0) in A, b and c (T1) in B: presenter p in two rooms (session
	// and slot level).
	put(0, 0, 0, 0, -1)
	put(0, 1, 1, 1, 2)
	// S1 room C: d of T0 again -> T0 in parallel with itself; r attends c (B) and presents d (C): attendee conflict.
	put(0, 2, 0, 3, -1)
	// S2: e (order 2) before f (order 1) in T3 — order violated twice; T3 in S2 costs 7.
	put(1, 0, 3, 4, 5)
	// S2 room C: h of T2, whose chair presents e of T3 in parallel: a presenter conflict; room penalty 3, sub-room penalty 4.
	put(1, 2, 2, 7, -1)
	// S3 (22:00-23:00 local, presenter time zones = local): g split over rooms A and B.
	put(2, 0, 4, 6, -1, -1)
	put(2, 1, 4, 6, -1, -1)
	// T1 only in S1 but T0 in S1; T4 in S3; track T0 rooms A and C -> rooms per track 1.

	res := Score(in, sc)
	want := map[Criterion]int64{
		PresentersConflicts:     2,  // a (A) and b (B) in S1; e (A) and h (C) in S2
		PresentersConflictsSlot: 2,  // both pairs in slot 0
		AttendeesConflicts:      1,  // c (B) and d (C) in S1
		AttendeesConflictsSlot:  0,  // c is in slot 1, d in slot 0
		SimilarTracks:           10, // T0 (A) with T1 (B), T1 (B) with T0 (C)
		ParallelTracks:          2,  // T0 twice in S1, T4 twice in S3
		RoomsPerTrack:           2,  // T0 in A and C; T4 in A and B
		ConsecutiveTracks:       0,
		SubmissionsOrder:        2, // e at position 1 wants 2, f at 2 wants 1
		TracksSessions:          7,
		TracksRooms:             3,
		SessionsRooms:           11, // (S3, A) is used
		SubmissionsSessions:     4,  // g in S3, counted for each of its two slots in the schedule
		SubmissionsRooms:        4,
		ChairsConflicts:         2, // k chairs T0 and T1, in parallel in S1: (T0 A, T1 B) and (T1 B, T0 C)
		SubmissionsTimezones:    0, // filled below
	}
	// g occupies one slot in each of two rooms: 2 × 2 for its session.
	// Time zones: S3 ends at 23:00 = LessSuitableTo, starts 22:00 after SuitableTo -> small penalty per scheduled slot.
	want[SubmissionsTimezones] = 2
	for c, n := range want {
		if res.Counts[c] != n {
			t.Errorf("%s: got %d, want %d", c.Key(), res.Counts[c], n)
		}
	}
	if res.HardDetail["submission not scheduled"] != 1 {
		t.Errorf("unscheduled submission i not found: %v", res.HardDetail)
	}
	if res.HardDetail["presenter in two rooms in one session"] != 2 {
		t.Errorf("presenter conflict not reported as hard: %v", res.HardDetail)
	}
	if res.Structural != 2*10_000_000 {
		t.Errorf("split two-slot submission: structural %d, want 2×10^7", res.Structural)
	}
	// consecutive: move T1 to S1 and S3 (room C of S3)
	put(2, 2, 1, 2, -1, -1)
	sc.Subs[0][1][1] = -1
	if res := Score(in, sc); res.Counts[ConsecutiveTracks] != 1 {
		t.Errorf("consecutive tracks: got %d, want 1", res.Counts[ConsecutiveTracks])
	}
	// a submission in a room of another track
	sc.Subs[1][0][1] = 3
	if res := Score(in, sc); res.HardDetail["submission in a room of another track"] != 1 {
		t.Errorf("wrong-track placement not found: %v", res.HardDetail)
	}
}

func TestSolWriteReadRoundTrip(t *testing.T) {
	in := plantedInstance()
	sc := NewSchedule(in)
	sc.Tracks[0][0], sc.Subs[0][0][0], sc.Subs[0][0][1] = 0, 0, 3
	sc.Tracks[2][1], sc.Subs[2][1][0], sc.Subs[2][1][1] = 4, 6, 6
	var buf bytes.Buffer
	if err := WriteSol(in, sc, &buf); err != nil {
		t.Fatal(err)
	}
	back, err := ReadSol(in, &buf)
	if err != nil {
		t.Fatal(err)
	}
	if a, b := Score(in, sc), Score(in, back); a.Objective != b.Objective || a.Hard != b.Hard {
		t.Fatalf("round trip changed the score: %v vs %v", a, b)
	}
	for s := range sc.Subs {
		for r := range sc.Subs[s] {
			for k := range sc.Subs[s][r] {
				if sc.Subs[s][r][k] != back.Subs[s][r][k] || sc.Tracks[s][r] != back.Tracks[s][r] {
					t.Fatalf("cell (%d,%d,%d) differs", s, r, k)
				}
			}
		}
	}
}
