package web

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"convene/internal/program"
	"convene/internal/schedule"
	"convene/internal/timetable"
)

// The board's scheduler button: a run takes up to a minute, so it runs in
// the background (see jobs.go) and its page shows the progress.

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
	job := s.schedRuns.snapshot(q.ed.Event.Slug)
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
	started := s.schedRuns.start(s.log, event, e.Actor, func(ctx context.Context, progress func(timetable.Progress)) (schedule.Result, error) {
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
