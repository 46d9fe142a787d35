package web

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"convene/internal/audit"
	"convene/internal/program"
)

// Long runs started from a page (the timetable's scheduler, a fair's
// scheduler) take longer than a page should wait, so they run in the
// background and their page shows the progress, refreshing itself (a meta
// refresh: no script needed) until the result is there. Runs are kept per
// key (an edition, a fair) on the node that started them; what they write is
// in the database, so every node's pages show it.

// job is one run: P is its progress, R its result.
type job[P, R any] struct {
	started  time.Time
	by       string
	progress P
	done     bool
	result   R
	err      error
}

// jobs holds the last run of each key.
type jobs[P, R any] struct {
	name string // for the log
	mu   sync.Mutex
	runs map[string]*job[P, R]
}

func newJobs[P, R any](name string) *jobs[P, R] {
	return &jobs[P, R]{name: name, runs: map[string]*job[P, R]{}}
}

// start begins a run on key unless one is under way, and reports whether it
// began one. work gets a context with actor as the audit log's actor.
func (j *jobs[P, R]) start(log *slog.Logger, key, actor string, work func(ctx context.Context, progress func(P)) (R, error)) bool {
	j.mu.Lock()
	defer j.mu.Unlock()
	if cur := j.runs[key]; cur != nil && !cur.done {
		return false
	}
	run := &job[P, R]{started: time.Now(), by: actor}
	j.runs[key] = run
	go func() {
		res, err := work(audit.WithActor(context.Background(), actor), func(p P) {
			j.mu.Lock()
			run.progress = p
			j.mu.Unlock()
		})
		if err != nil && program.ErrorCode(err) == program.CodeInternal { // the others are answers the page shows
			log.Error("web: background run failed", "run", j.name, "key", key, "err", err)
		}
		j.mu.Lock()
		run.done, run.result, run.err = true, res, err
		j.mu.Unlock()
	}()
	return true
}

// snapshot is a copy of the run of key as it stands (nil when none).
func (j *jobs[P, R]) snapshot(key string) *job[P, R] {
	j.mu.Lock()
	defer j.mu.Unlock()
	cur := j.runs[key]
	if cur == nil {
		return nil
	}
	c := *cur
	return &c
}
