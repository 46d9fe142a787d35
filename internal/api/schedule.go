package api

import (
	"cmp"
	"context"
	"net/http"
	"time"

	"convene/internal/audit"
	"convene/internal/program"
	"convene/internal/registration"
	"convene/internal/schedule"
)

// Scheduler runs the timetable scheduler on an edition's working copy
// (schedule.Run bound to a store).
type Scheduler func(ctx context.Context, slug string, opt schedule.Options) (schedule.Result, error)

// scheduleRequest is the body of POST …/schedule; every field is optional.
type scheduleRequest struct {
	Seconds   int    `json:"seconds"` // 1–60, default schedule.DefaultSeconds
	Seed      uint64 `json:"seed"`
	DryRun    bool   `json:"dry_run"`
	FromEmpty bool   `json:"from_empty"`
}

// POST /api/v1/events/{event}/schedule (admin) — places the unscheduled
// activities of the edition's working copy (every parallel forum with
// from_empty) and writes them as a draft unless dry_run; synchronous, at
// most 60 seconds. An infeasible program answers 200 with feasible false
// and the reasons, and nothing is written.
func (s *server) runSchedule(w http.ResponseWriter, r *http.Request) error {
	ed, st, err := s.staff(r, registration.RoleAdmin)
	if err != nil {
		return err
	}
	if s.scheduler == nil {
		return errInternal("the API was built without the scheduler")
	}
	var in scheduleRequest
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	// The server's write timeout (60 s) is shorter than the longest run plus
	// loading and writing: this answer gets its own deadline. Writers that
	// cannot set one (tests' recorders) need none.
	seconds := cmp.Or(in.Seconds, schedule.DefaultSeconds)
	_ = http.NewResponseController(w).SetWriteDeadline(time.Now().Add(time.Duration(seconds)*time.Second + time.Minute))
	res, err := s.scheduler(audit.WithActor(r.Context(), st.Actor()), ed.Event.Slug, schedule.Options{
		Seconds: in.Seconds, Seed: in.Seed, DryRun: in.DryRun, FromEmpty: in.FromEmpty,
	})
	if err != nil {
		return err
	}
	w.Header().Set("Cache-Control", "no-store")
	return writeJSON(w, http.StatusOK, scheduleViewOf(view{ed: ed}, res))
}

// scheduleView is schedule.Result in the API's style: times in the
// edition's zone, bilingual messages as Text, lists never null.
type scheduleView struct {
	Event          string         `json:"event"`
	Feasible       bool           `json:"feasible"`
	Applied        bool           `json:"applied"`
	DryRun         bool           `json:"dry_run"`
	FromEmpty      bool           `json:"from_empty"`
	Seed           uint64         `json:"seed"`
	Seconds        int            `json:"seconds"`
	Version        int64          `json:"version"`
	Activities     int            `json:"activities"`
	Placed         int            `json:"placed"`
	Moves          []moveView     `json:"moves"`
	AudienceBefore int            `json:"audience_before"`
	AudienceAfter  int            `json:"audience_after"`
	Hard           []conflictItem `json:"hard"`
	Unmet          []unmetView    `json:"unmet"`
	Infeasible     []reasonView   `json:"infeasible"`
	Iterations     int64          `json:"iterations"`
	ElapsedMS      int64          `json:"elapsed_ms"`
}

type moveView struct {
	Activity string `json:"activity"`
	Room     string `json:"room"`
	StartsAt jsTime `json:"starts_at"`
	EndsAt   jsTime `json:"ends_at"`
}

type unmetView struct {
	Activity string       `json:"activity"`
	Wish     string       `json:"wish"`
	Wanted   string       `json:"wanted"`
	Got      string       `json:"got"`
	Message  program.Text `json:"message"`
}

type reasonView struct {
	Rule       string       `json:"rule"`
	Message    program.Text `json:"message"`
	Activities []string     `json:"activities"`
	People     []string     `json:"people"`
	Rooms      []string     `json:"rooms"`
}

func scheduleViewOf(v view, r schedule.Result) scheduleView {
	out := scheduleView{Event: r.Event, Feasible: r.Feasible, Applied: r.Applied, DryRun: r.DryRun, FromEmpty: r.FromEmpty,
		Seed: r.Seed, Seconds: r.Seconds, Version: r.Version, Activities: r.Activities, Placed: r.Placed,
		AudienceBefore: r.AudienceBefore, AudienceAfter: r.AudienceAfter, Iterations: r.Iterations, ElapsedMS: r.ElapsedMS,
		Moves: []moveView{}, Hard: []conflictItem{}, Unmet: []unmetView{}, Infeasible: []reasonView{}}
	for _, m := range r.Moves {
		out.Moves = append(out.Moves, moveView{Activity: m.Activity, Room: m.Room, StartsAt: v.time(m.StartsAt), EndsAt: v.time(m.EndsAt)})
	}
	for _, c := range r.Hard {
		out.Hard = append(out.Hard, conflictItem{Kind: c.Kind, Message: program.Text{ZH: c.ZH, EN: c.EN},
			Activities: nonNil(c.Activities), People: nonNil(c.People), Rooms: nonNil(c.Rooms)})
	}
	for _, u := range r.Unmet {
		out.Unmet = append(out.Unmet, unmetView{Activity: u.Activity, Wish: u.Wish, Wanted: u.Wanted, Got: u.Got, Message: program.Text{ZH: u.ZH, EN: u.EN}})
	}
	for _, x := range r.Infeasible {
		out.Infeasible = append(out.Infeasible, reasonView{Rule: x.Rule, Message: program.Text{ZH: x.ZH, EN: x.EN},
			Activities: nonNil(x.Activities), People: nonNil(x.People), Rooms: nonNil(x.Rooms)})
	}
	return out
}
