package web

import (
	"context"
	"net/http"
	"net/url"
	"time"

	"convene/internal/fair"
	"convene/internal/meetings"
	"convene/internal/program"
)

// The fair's scheduler button. On a large fair the run takes minutes, so it
// runs in the background like the timetable's (jobs.go), one run per fair at
// a time, and the organiser's page shows its progress and then its result.
// The run stores its schedule when it ends, all or nothing, and only if the
// fair is still at the version the page showed.

// fairRunView is the scheduler's last run on the organiser's page.
type fairRunView struct {
	Running     bool
	Elapsed, By string
	Searching   bool  // the search has reported progress
	Iterations  int64 // moves tried
	Conflicts   int64 // the exact method's, once it runs (after the moves)
	Best        int   // fewest breaks of a complete schedule so far; -1 for none yet
	Bound       int   // no schedule has fewer breaks
	Stored      bool
	Outcome     string // what came of the run, in the page's language
	Detail      string // the refusal's own words, when refused
	Solved      bool   // the solver ran: Breaks, LowerBound and Optimal say what it found
	Breaks      int
	LowerBound  int
	Optimal     bool
	Unscheduled []fairMeetingView
	Problems    []fairProblemView
}

// POST /{lang}/{event}/admin/fair/{activity}/schedule, with the version the
// page showed: start a run; the organiser's page shows its progress.
func (s *site) fairSchedule(w http.ResponseWriter, r *http.Request, q req) {
	st, act, snap, base := s.organiserForm(w, r, q)
	if st == nil {
		return
	}
	if s.refuseOnAdminPage(w, r, q, act, snap, snap.CheckBase(base)) {
		return
	}
	started := s.fairRuns.start(s.log, act.ID, st.Actor(), func(ctx context.Context, progress func(meetings.Progress)) (*fair.Run, error) {
		return s.fairs.Schedule(ctx, act.ID, base, progress)
	})
	if !started {
		v := s.fairAdminView(r, q, act, snap, s.fairRuns.snapshot(act.ID))
		v.Problems = append(v.Problems, fairProblemView{Kind: T(q.lang, "fair.refused"), Detail: T(q.lang, "fair.run.busy")})
		s.render(w, r, http.StatusConflict, "fairadmin", v)
		return
	}
	http.Redirect(w, r, fairAdminURL(q, act.Slug), http.StatusSeeOther)
}

// fairJob is a run of a fair's scheduler.
type fairJob = job[meetings.Progress, *fair.Run]

// fairRunOf is job, the fair's run, with the meetings it names looked up
// in snap (nil when no run was started on this node).
func fairRunOf(q req, act *program.Activity, snap *fair.Snapshot, job *fairJob) *fairRunView {
	if job == nil {
		return nil
	}
	v := &fairRunView{By: job.by}
	if !job.done {
		p := job.progress
		v.Running, v.Elapsed = true, time.Since(job.started).Round(time.Second).String()
		v.Searching, v.Iterations, v.Conflicts, v.Best, v.Bound = p != (meetings.Progress{}), p.Iterations, p.Conflicts, p.Best, p.Bound
		return v
	}
	run := job.result
	if run != nil && run.Result != nil {
		res := run.Result
		v.Solved, v.Breaks, v.LowerBound, v.Optimal = true, res.Breaks, res.LowerBound, res.Optimal
	}
	if run != nil && len(run.Unscheduled) > 0 {
		byID := make(map[string]*fair.Meeting, len(snap.Data.Meetings))
		for i := range snap.Data.Meetings {
			byID[snap.Data.Meetings[i].ID] = &snap.Data.Meetings[i]
		}
		base := fairAdminURL(q, act.Slug)
		for _, id := range run.Unscheduled {
			mv := fairMeetingView{ID: id, Partner: id, URL: base + "/meetings/" + url.PathEscape(id)}
			if m := byID[id]; m != nil {
				mv.Partner = orgName(snap, q.lang, m.From) + " × " + orgName(snap, q.lang, m.To)
			}
			v.Unscheduled = append(v.Unscheduled, mv)
		}
	}
	e := program.SafeError(job.err)
	switch {
	case job.err == nil:
		v.Stored, v.Outcome = true, T(q.lang, "fair.run.stored")
	case e != nil && e.Field == "version":
		v.Outcome = T(q.lang, "fair.run.changed")
	case e != nil && e.Code == program.CodeInvalid:
		v.Outcome = T(q.lang, "fair.run.invalid")
		if len(e.Fields) == 0 {
			v.Detail = e.Message
		}
		for _, p := range e.Fields {
			v.Problems = append(v.Problems, fairProblemView{Kind: T(q.lang, "fair.problem."+p.Problem), Detail: p.Message})
		}
	case e != nil && e.Code == program.CodeConflict:
		v.Outcome, v.Detail = T(q.lang, "fair.run.incomplete"), e.Message
	default:
		v.Outcome = T(q.lang, "error.internal") // logged when the run ended
	}
	return v
}
