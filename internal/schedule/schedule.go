// Package schedule runs the timetable scheduler on the working copy of an
// edition and applies its answer as a draft: load the working copy and what
// the attendees want, build the problem, solve, explain, and write every
// placement in one version-checked transaction, or nothing. The CLI, the
// API and the secretariat's pages call Run; it knows no HTTP and no SQL.
package schedule

import (
	"context"
	"fmt"
	"time"

	"convene/internal/program"
	"convene/internal/timetable"
)

// Store is what Run needs from storage.
type Store interface {
	// LoadDraftEdition reads the working copy of an edition, drafts included.
	LoadDraftEdition(ctx context.Context, slug string) (*program.Edition, error)
	// AttendeeInterests reads what the attendees want (attendee key →
	// slugs of activities: declared interests together with sign-ups).
	AttendeeInterests(ctx context.Context, slug string) (map[string][]string, error)
	// ApplySchedule writes the moves into the working copy in one
	// transaction if the edition is still at version base, bumping it and
	// every moved activity's version, with an audit entry recording the
	// summary; otherwise it writes nothing and fails with
	// program.CodeConflict. It returns the edition's new version.
	ApplySchedule(ctx context.Context, slug string, base int64, moves []program.Placement, summary any) (int64, error)
}

// Summary is what the audit log records of a run besides the moves.
type Summary struct {
	Seed           uint64 `json:"seed"`
	Seconds        int    `json:"seconds"`
	FromEmpty      bool   `json:"from_empty"`
	AudienceBefore int    `json:"audience_before"`
	AudienceAfter  int    `json:"audience_after"`
}

// Options control Run.
type Options struct {
	// Seconds is the search's time limit (1–60; 0 = DefaultSeconds).
	Seconds int
	// MaxIters, when set, stops the search after that many iterations
	// (deterministic runs for tests); the time limit still applies.
	MaxIters int64
	Seed     uint64
	// DryRun computes and explains the timetable without writing it.
	DryRun bool
	// FromEmpty moves every parallel forum, placed or not (see Movable);
	// otherwise placed activities stay and only unplaced ones are placed.
	FromEmpty bool
	// Progress, when set, is called about once a second and at the end.
	Progress func(timetable.Progress)
}

// DefaultSeconds is the time limit when Options.Seconds is 0.
const DefaultSeconds = 10

// Result is the outcome of a run.
type Result struct {
	Event     string `json:"event"`
	Feasible  bool   `json:"feasible"`
	Applied   bool   `json:"applied"`
	DryRun    bool   `json:"dry_run"`
	FromEmpty bool   `json:"from_empty"`
	Seed      uint64 `json:"seed"`
	Seconds   int    `json:"seconds"`
	// Version is the edition's working-copy version after the run.
	Version int64 `json:"version"`
	// Activities is how many activities the problem has; Placed how many
	// the scheduler placed (the others are fixed).
	Activities int `json:"activities"`
	Placed     int `json:"placed"`
	// Moves are the activities whose room or time changes.
	Moves []program.Placement `json:"moves"`
	// AudienceBefore counts the audience conflicts of the working copy's
	// timetable before the run (placed activities only), AudienceAfter those
	// of the new timetable.
	AudienceBefore int                  `json:"audience_before"`
	AudienceAfter  int                  `json:"audience_after"`
	Hard           []timetable.Conflict `json:"hard"`
	Unmet          []timetable.Unmet    `json:"unmet"`
	Infeasible     []timetable.Reason   `json:"infeasible"`
	Iterations     int64                `json:"iterations"`
	ElapsedMS      int64                `json:"elapsed_ms"`
}

// Movable is which placed activities a run from an empty timetable moves:
// parallel forums only. The other kinds keep their place because others
// set it: the opening and the plenaries follow the leaders' agenda, release
// events are announced to the press with their embargo times, and fairs,
// the competition and supporting events run in exhibition halls, evenings
// or whole days outside the forums' half-days.
func Movable(a *program.Activity) bool { return a.Kind == program.KindParallelForum }

// Run schedules the working copy of edition slug. An infeasible problem is
// not an error: the Result says why (Infeasible) and nothing is written.
// Errors are bad options, storage failures and a concurrent change of the
// edition (program.CodeConflict), in which case nothing is written either.
func Run(ctx context.Context, store Store, slug string, opt Options) (Result, error) {
	if opt.Seconds == 0 {
		opt.Seconds = DefaultSeconds
	}
	if opt.Seconds < 1 || opt.Seconds > 60 {
		return Result{}, program.Invalidf("seconds", "seconds must be from 1 to 60, not %d", opt.Seconds)
	}
	ed, err := store.LoadDraftEdition(ctx, slug)
	if err != nil {
		return Result{}, err
	}
	interest, err := store.AttendeeInterests(ctx, slug)
	if err != nil {
		return Result{}, err
	}
	d := timetable.Draft{Interest: interest}
	if opt.FromEmpty {
		d.Movable = Movable
	}
	p, before := timetable.FromDraft(ed, d)
	plan, err := timetable.PlanTimetable(ctx, p, timetable.ScheduleOptions{
		Seed: opt.Seed, TimeLimit: time.Duration(opt.Seconds) * time.Second, MaxIters: opt.MaxIters, Progress: opt.Progress,
	})
	if err != nil {
		return Result{}, program.Invalidf("program", "%v", err)
	}
	res := Result{
		Event: slug, DryRun: opt.DryRun, FromEmpty: opt.FromEmpty, Seed: opt.Seed, Seconds: opt.Seconds, Version: ed.Event.Version,
		Feasible: plan.Feasible(), Activities: len(p.Activities), AudienceBefore: timetable.AudienceConflicts(p, before),
		AudienceAfter: plan.Audience, Hard: plan.Hard, Unmet: plan.Unmet, Infeasible: plan.Infeasible,
		Iterations: plan.Iterations, ElapsedMS: plan.Elapsed.Milliseconds(), Moves: []program.Placement{},
	}
	for _, a := range p.Activities {
		if a.Fixed == nil {
			res.Placed++
		}
	}
	if !res.Feasible {
		return res, nil // never half a timetable
	}
	res.Moves = moves(p, before, plan.Placements)
	if opt.DryRun || len(res.Moves) == 0 {
		return res, nil
	}
	res.Version, err = store.ApplySchedule(ctx, slug, ed.Event.Version, res.Moves, Summary{
		Seed: opt.Seed, Seconds: opt.Seconds, FromEmpty: opt.FromEmpty, AudienceBefore: res.AudienceBefore, AudienceAfter: res.AudienceAfter,
	})
	if err != nil {
		return Result{}, fmt.Errorf("apply the timetable of %s: %w", slug, err)
	}
	res.Applied = true
	return res, nil
}

// moves lists the placements that differ from the current timetable.
func moves(p *timetable.Problem, before, after []timetable.Placement) []program.Placement {
	was := map[string]timetable.Placement{}
	for _, pl := range before {
		was[pl.Activity] = pl
	}
	dur := map[string]time.Duration{}
	for _, a := range p.Activities {
		dur[a.ID] = a.Duration
	}
	out := []program.Placement{}
	for _, pl := range after {
		if old, ok := was[pl.Activity]; ok && old.Room == pl.Room && old.Start.Equal(pl.Start) {
			continue
		}
		out = append(out, program.Placement{Activity: pl.Activity, Room: pl.Room, StartsAt: pl.Start.UTC(), EndsAt: pl.Start.Add(dur[pl.Activity]).UTC()})
	}
	return out
}
