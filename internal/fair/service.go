package fair

import (
	"context"
	"sync"

	"convene/internal/meetings"
	"convene/internal/program"
)

// Store is what the fair's service needs of storage; the writes keep the
// rules concurrency could break (see sqlstore/fair.go).
type Store interface {
	FairVersion(ctx context.Context, activityID string) (int64, error)
	FairDataset(ctx context.Context, activityID string) (*Dataset, error)
	SaveSchedule(ctx context.Context, activityID string, base int64, as []Assignment) (int64, error)
}

// Snapshot is a fair read at one version, with its suggestion index and
// lookups by id.
type Snapshot struct {
	Data         *Dataset
	Index        *Index
	Participants map[string]*Participant
	Achievements map[string]*Achievement
	Needs        map[string]*Need
}

// NewSnapshot indexes a fair read at one version.
func NewSnapshot(ds *Dataset) *Snapshot {
	s := &Snapshot{Data: ds, Index: NewIndex(ds.Achievements, ds.Needs), Participants: map[string]*Participant{},
		Achievements: map[string]*Achievement{}, Needs: map[string]*Need{}}
	for i := range ds.Participants {
		s.Participants[ds.Participants[i].ID] = &ds.Participants[i]
	}
	for i := range ds.Achievements {
		s.Achievements[ds.Achievements[i].ID] = &ds.Achievements[i]
	}
	for i := range ds.Needs {
		s.Needs[ds.Needs[i].ID] = &ds.Needs[i]
	}
	return s
}

// ParticipantOf returns the participant the attendee acts for, or a
// forbidden error when the attendee has not joined the fair.
func (s *Snapshot) ParticipantOf(attendeeID string) (*Participant, error) {
	for i := range s.Data.Participants {
		if p := &s.Data.Participants[i]; p.AttendeeID != "" && p.AttendeeID == attendeeID {
			return p, nil
		}
	}
	return nil, program.Errorf(program.CodeForbidden, "you have not joined this fair")
}

// Service reads fairs through a cache of snapshots, one per fair, rebuilt
// when the fair's version moves, and schedules them.
type Service struct {
	store Store
	mu    sync.Mutex
	snaps map[string]*Snapshot
}

// NewService returns the fair service over store.
func NewService(store Store) *Service { return &Service{store: store, snaps: map[string]*Snapshot{}} }

// Snapshot returns the current snapshot of the fair of an activity.
func (s *Service) Snapshot(ctx context.Context, activityID string) (*Snapshot, error) {
	v, err := s.store.FairVersion(ctx, activityID)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	snap := s.snaps[activityID]
	s.mu.Unlock()
	if snap != nil && snap.Data.Fair.Version == v {
		return snap, nil
	}
	ds, err := s.store.FairDataset(ctx, activityID)
	if err != nil {
		return nil, err
	}
	snap = NewSnapshot(ds)
	s.mu.Lock()
	s.snaps[activityID] = snap
	s.mu.Unlock()
	return snap, nil
}

// CheckBase refuses a write based on a version of the fair other than the
// snapshot's.
func (s *Snapshot) CheckBase(base int64) error {
	if v := s.Data.Fair.Version; base != v {
		return program.FieldErrorf(program.CodeConflict, "version", "stale", "the fair changed since version %d (it is at version %d now): reload and try again", base, v)
	}
	return nil
}

// Run is what a run of the scheduler came to.
type Run struct {
	Version     int64            // the fair's version with the schedule stored; 0 when nothing was stored
	Result      *meetings.Result // the solver's; nil when the meetings were refused before solving
	Unscheduled []string         // the accepted meetings the solver left without a slot, by id
}

// Schedule schedules every accepted meeting of the fair as it stood at
// version base and stores the schedule, unpublished. progress (nil for
// none) follows the search. A stale base, bad input, a fair that cannot be
// scheduled whole or one that moved during the run changes nothing; the
// run is returned with the error when the solver ran.
func (s *Service) Schedule(ctx context.Context, activityID string, base int64, progress func(meetings.Progress)) (*Run, error) {
	snap, err := s.Snapshot(ctx, activityID)
	if err != nil {
		return nil, err
	}
	if err := snap.CheckBase(base); err != nil {
		return nil, err
	}
	d := snap.Data
	opt := SolverOptions(d.Meetings)
	opt.Progress = progress
	as, res, err := Schedule(ctx, &d.Fair, d.Participants, d.Meetings, opt)
	run := &Run{Result: res}
	if res != nil && len(res.Unscheduled) > 0 {
		_, ids := Instance(&d.Fair, d.Participants, d.Meetings) // the order Schedule solved in
		for _, m := range res.Unscheduled {
			run.Unscheduled = append(run.Unscheduled, ids[m])
		}
	}
	if err != nil {
		return run, err
	}
	// the store refuses the schedule if the fair moved since base
	v, err := s.store.SaveSchedule(ctx, activityID, base, as)
	if err != nil {
		return run, err
	}
	run.Version = v
	return run, nil
}
