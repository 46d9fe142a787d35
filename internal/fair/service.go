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

// Schedule schedules every accepted meeting of the fair as it stood at
// version base and stores the schedule, unpublished; it returns the new
// version and the solver's result. A stale base, bad input or a fair that
// cannot be scheduled whole changes nothing.
func (s *Service) Schedule(ctx context.Context, activityID string, base int64) (int64, *meetings.Result, error) {
	snap, err := s.Snapshot(ctx, activityID)
	if err != nil {
		return 0, nil, err
	}
	if base != snap.Data.Fair.Version {
		return 0, nil, program.FieldErrorf(program.CodeConflict, "version", "stale", "the fair changed since version %d (it is at version %d now): reload and try again", base, snap.Data.Fair.Version)
	}
	as, res, err := Schedule(ctx, &snap.Data.Fair, snap.Data.Participants, snap.Data.Meetings, SolverOptions())
	if err != nil {
		return 0, nil, err
	}
	v, err := s.store.SaveSchedule(ctx, activityID, base, as)
	return v, res, err
}
