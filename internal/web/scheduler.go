package web

import (
	"context"
	"log/slog"
	"net/http"
	"strconv"
	"sync"
	"time"

	"convene/internal/audit"
	"convene/internal/program"
	"convene/internal/schedule"
	"convene/internal/timetable"
)

// The board's scheduler button. A run takes up to a minute, longer than a
// page should wait, so it runs in the background and its page shows the
// progress, refreshing itself (a meta refresh: no script needed) until the
// result is there. Runs are kept per edition on the node that started them;
// what they write is in the database, so every node's board shows it.

// scheduleJob is one run of the scheduler on an edition.
type scheduleJob struct {
	mu       sync.Mutex
	started  time.Time
	by       string
	progress timetable.Progress
	done     bool
	result   schedule.Result
	err      error
}

// scheduleJobs holds the last run of each edition.
type scheduleJobs struct {
	mu   sync.Mutex
	runs map[string]*scheduleJob
}

// start begins a run on event unless one is under way, and reports whether
// it began one.
func (j *scheduleJobs) start(log *slog.Logger, event, actor string, run func(ctx context.Context, progress func(timetable.Progress)) (schedule.Result, error)) bool {
	j.mu.Lock()
	defer j.mu.Unlock()
	if cur := j.runs[event]; cur != nil {
		cur.mu.Lock()
		busy := !cur.done
		cur.mu.Unlock()
		if busy {
			return false
		}
	}
	job := &scheduleJob{started: time.Now(), by: actor}
	if j.runs == nil {
		j.runs = map[string]*scheduleJob{}
	}
	j.runs[event] = job
	go func() {
		res, err := run(audit.WithActor(context.Background(), actor), func(p timetable.Progress) {
			job.mu.Lock()
			job.progress = p
			job.mu.Unlock()
		})
		if err != nil && program.ErrorCode(err) != program.CodeConflict {
			log.Error("web: scheduler run failed", "event", event, "err", err)
		}
		job.mu.Lock()
		job.done, job.result, job.err = true, res, err
		job.mu.Unlock()
	}()
	return true
}

// snapshot is the run of event as it stands (nil when none).
func (j *scheduleJobs) snapshot(event string) *scheduleJob {
	j.mu.Lock()
	job := j.runs[event]
	j.mu.Unlock()
	if job == nil {
		return nil
	}
	job.mu.Lock()
	defer job.mu.Unlock()
	return &scheduleJob{started: job.started, by: job.by, progress: job.progress, done: job.done, result: job.result, err: job.err}
}

type schedulerView struct {
	Page
	Action, BoardURL string
	Running, Done    bool
	Refresh          bool
	Elapsed          string
	Iterations       int64
	Objective, Hard  int64
	By               string
	Error            string
	Result           *schedule.Result
	Moves, Unmet     []string
	Infeasible       []string
	HardConflicts    []string
	Seconds          int
}

// GET /{lang}/{event}/admin/timetable/schedule — the form, or the run's
// progress and result.
func (s *site) schedulerPage(w http.ResponseWriter, r *http.Request, q req) {
	if s.adminEditor(w, r, q) == nil {
		return
	}
	v := s.schedulerView(r, q)
	if v.Refresh {
		w.Header().Set("Refresh", "1") // reload while the run goes on
	}
	s.render(w, r, http.StatusOK, "scheduler", v)
}

func (s *site) schedulerView(r *http.Request, q req) schedulerView {
	v := schedulerView{Page: s.page(r, q.lang, T(q.lang, "scheduler.title"), "", q.ed), Action: q.page("admin/timetable/schedule"),
		BoardURL: q.page("admin/timetable"), Seconds: schedule.DefaultSeconds}
	job := s.jobs.snapshot(q.ed.Event.Slug)
	if job == nil {
		return v
	}
	v.By, v.Iterations, v.Objective, v.Hard = job.by, job.progress.Iterations, job.progress.Objective, job.progress.Hard
	v.Elapsed = time.Since(job.started).Round(time.Second).String()
	if !job.done {
		v.Running, v.Refresh = true, true
		return v
	}
	v.Done = true
	switch {
	case program.ErrorCode(job.err) == program.CodeConflict:
		v.Error = T(q.lang, "scheduler.conflict")
		return v
	case job.err != nil:
		v.Error = T(q.lang, "error.internal") // logged when the run ended
		return v
	}
	res := job.result
	v.Result = &res
	draft, err := s.editing.Draft(r.Context(), q.ed.Event.Slug)
	for _, m := range res.Moves {
		line := m.Activity + " → " + m.Room + " " + m.StartsAt.In(q.ed.Location()).Format("01-02 15:04")
		if err == nil {
			if a, ok := draft.Activity(m.Activity); ok {
				line = a.Title.In(q.lang) + " → " + m.Room + " " + draft.Local(m.StartsAt).Format("01-02 15:04")
			}
		}
		v.Moves = append(v.Moves, line)
	}
	for _, u := range res.Unmet {
		v.Unmet = append(v.Unmet, program.Text{ZH: u.ZH, EN: u.EN}.In(q.lang))
	}
	for _, x := range res.Infeasible {
		v.Infeasible = append(v.Infeasible, program.Text{ZH: x.ZH, EN: x.EN}.In(q.lang))
	}
	for _, c := range res.Hard {
		v.HardConflicts = append(v.HardConflicts, program.Text{ZH: c.ZH, EN: c.EN}.In(q.lang))
	}
	return v
}

// POST /{lang}/{event}/admin/timetable/schedule (seconds, seed, from_empty,
// dry_run) — start a run; the page it leads to shows its progress.
func (s *site) startScheduler(w http.ResponseWriter, r *http.Request, q req) {
	e := s.adminEditor(w, r, q)
	if e == nil {
		return
	}
	if !s.parseForm(w, r, q) { // a size limit; a bad body is answered
		return
	}
	opt := schedule.Options{FromEmpty: r.PostForm.Get("from_empty") != "", DryRun: r.PostForm.Get("dry_run") != ""}
	var err error
	if opt.Seconds, err = strconv.Atoi(r.PostForm.Get("seconds")); err != nil || opt.Seconds < 1 || opt.Seconds > 60 {
		v := s.schedulerView(r, q)
		v.Error = T(q.lang, "scheduler.bad_seconds")
		s.render(w, r, http.StatusBadRequest, "scheduler", v)
		return
	}
	if seed := r.PostForm.Get("seed"); seed != "" {
		if opt.Seed, err = strconv.ParseUint(seed, 10, 64); err != nil {
			v := s.schedulerView(r, q)
			v.Error = T(q.lang, "scheduler.bad_seed")
			s.render(w, r, http.StatusBadRequest, "scheduler", v)
			return
		}
	}
	event := q.ed.Event.Slug
	started := s.jobs.start(s.log, event, e.Actor, func(ctx context.Context, progress func(timetable.Progress)) (schedule.Result, error) {
		opt.Progress = progress
		return s.scheduler(ctx, event, opt)
	})
	if !started {
		v := s.schedulerView(r, q)
		v.Error = T(q.lang, "scheduler.busy")
		s.render(w, r, http.StatusConflict, "scheduler", v)
		return
	}
	http.Redirect(w, r, q.page("admin/timetable/schedule"), http.StatusSeeOther)
}
