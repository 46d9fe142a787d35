package web

import (
	"cmp"
	"errors"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"time"

	"convene/internal/editing"
	"convene/internal/program"
	"convene/internal/timetable"
)

// The timetable board: one day at a time, a row per room with its
// activities in time order, every conflict of the working copy marked where
// it happens. Moving an item saves it to the working copy at once (it is a
// draft until published), so the board shows the conflicts a move makes as
// soon as it is made, and publishing warns while any remain.

type boardView struct {
	Page
	Days      []tab
	Day       string
	Rows      []boardRow
	Unplaced  []boardItem
	Rooms     []option // every room, for the move forms' list
	MoveURL   string
	Scheduler string   // the scheduler's page; "" without one
	Conflicts int      // in the whole working copy
	Moved     string   // the title of the item just moved
	MovedNote []string // its conflicts after the move
	Problem   string   // why the last move was refused
}

type boardRow struct {
	Room  string
	Items []boardItem
}

type boardItem struct {
	Slug, Title, When, EditURL string
	Start                      string // datetime-local value
	Room                       string // slug
	Minutes                    int
	Version                    int64
	Conflicts                  []string
	Draft                      bool
}

// defaultMinutes is the length given to an activity placed for the first
// time without one: a typical parallel forum's half day is longer, but two
// hours fit every block and the edit page sets the real end.
const defaultMinutes = 120

// GET /{lang}/{event}/admin/timetable?day=YYYY-MM-DD
func (s *site) board(w http.ResponseWriter, r *http.Request, q req) {
	if s.adminEditor(w, r, q) == nil {
		return
	}
	v, err := s.boardView(r, q, r.URL.Query().Get("day"))
	if err != nil {
		s.fail(w, r, q.lang, q.ed, err)
		return
	}
	if moved := r.URL.Query().Get("moved"); moved != "" {
		for _, row := range v.Rows {
			for _, it := range row.Items {
				if it.Slug == moved {
					v.Moved, v.MovedNote = it.Title, it.Conflicts
				}
			}
		}
	}
	s.render(w, r, http.StatusOK, "board", v)
}

func (s *site) boardView(r *http.Request, q req, day string) (boardView, error) {
	v := boardView{Page: s.page(r, q.lang, T(q.lang, "admin.timetable"), "", q.ed), MoveURL: q.page("admin/timetable/move")}
	if s.scheduler != nil {
		v.Scheduler = q.page("admin/timetable/schedule")
	}
	draft, err := s.editing.Draft(r.Context(), q.ed.Event.Slug)
	if err != nil {
		return v, err
	}
	days := draft.Days()
	if !slices.Contains(days, day) && len(days) > 0 {
		day = days[0]
	}
	v.Day = day
	for _, d := range days {
		v.Days = append(v.Days, tab{URL: q.page("admin/timetable") + "?day=" + d, Label: fmtDate(q.lang, d), Active: d == day})
	}
	rooms, err := s.editing.Rooms(r.Context())
	if err != nil {
		return v, err
	}
	for _, room := range rooms {
		v.Rooms = append(v.Rooms, option{Value: room.Slug, Label: room.Name.In(q.lang)})
	}
	conflicts := map[string][]string{}
	all := timetable.CheckEdition(draft)
	v.Conflicts = len(all)
	for _, c := range all {
		for _, a := range c.Activities {
			conflicts[a] = append(conflicts[a], program.Text{ZH: c.ZH, EN: c.EN}.In(q.lang))
		}
	}
	byRoom := map[string]*boardRow{}
	var order []string
	for _, a := range draft.Activities {
		if a.Status == program.StatusCancelled {
			continue
		}
		it := boardItem{Slug: a.Slug, Title: a.Title.In(q.lang), EditURL: q.page("admin/activities/" + url.PathEscape(a.Slug)),
			Version: a.Version, Conflicts: conflicts[a.Slug], Draft: a.Status == program.StatusDraft, Minutes: defaultMinutes}
		room := draft.RoomByID(a.RoomID)
		if a.StartsAt.IsZero() || room == nil {
			v.Unplaced = append(v.Unplaced, it)
			continue
		}
		if draft.Day(a) != day {
			continue
		}
		it.Room, it.Minutes = room.Slug, int(a.EndsAt.Sub(a.StartsAt)/time.Minute)
		it.Start = draft.Local(a.StartsAt).Format(editing.LocalTimeLayout)
		it.When = fmtSpan(draft, a)
		row := byRoom[room.Slug]
		if row == nil {
			row = &boardRow{Room: room.Name.In(q.lang)}
			byRoom[room.Slug] = row
			order = append(order, room.Slug)
		}
		row.Items = append(row.Items, it)
	}
	slices.Sort(order)
	for _, slug := range order {
		row := byRoom[slug]
		slices.SortFunc(row.Items, func(a, b boardItem) int { return cmp.Compare(a.Start, b.Start) })
		v.Rows = append(v.Rows, *row)
	}
	return v, nil
}

// POST /{lang}/{event}/admin/timetable/move (activity, version, room,
// starts_at, minutes) — place or move an item, keeping its length.
func (s *site) moveItem(w http.ResponseWriter, r *http.Request, q req) {
	e := s.adminEditor(w, r, q)
	if e == nil {
		return
	}
	if !s.parseForm(w, r, q) { // a size limit; a bad body is answered
		return
	}
	f := r.PostForm
	slug := f.Get("activity")
	base, _ := strconv.ParseInt(f.Get("version"), 10, 64)
	minutes, err := strconv.Atoi(f.Get("minutes"))
	if err != nil || minutes < 5 || minutes > 24*60 {
		minutes = defaultMinutes
	}
	form := url.Values{"room": {f.Get("room")}, "starts_at": {f.Get("starts_at")}}
	patch, err := editing.ActivityForm(form, q.ed.Location())
	if err == nil {
		if patch.StartsAt == nil {
			err = program.FieldErrorf(program.CodeInvalid, "starts_at", "required", "starts_at is required to place an activity")
		} else {
			end := patch.StartsAt.Add(time.Duration(minutes) * time.Minute)
			patch.EndsAt = &end
			_, _, err = s.editing.UpdateActivity(r.Context(), q.ed.Event.Slug, slug, *e, base, patch)
		}
	}
	day := f.Get("starts_at")
	if len(day) >= 10 {
		day = day[:10]
	}
	if err == nil {
		http.Redirect(w, r, q.page("admin/timetable")+"?day="+url.QueryEscape(day)+"&moved="+url.QueryEscape(slug)+"#"+url.QueryEscape(slug), http.StatusSeeOther)
		return
	}
	status := http.StatusBadRequest
	var pe *program.Error
	switch {
	case program.ErrorCode(err) == program.CodeConflict:
		status = http.StatusConflict
	case errors.As(err, &pe) && pe.Code == program.CodeInvalid:
	default:
		s.fail(w, r, q.lang, q.ed, err)
		return
	}
	v, verr := s.boardView(r, q, day)
	if verr != nil {
		s.fail(w, r, q.lang, q.ed, verr)
		return
	}
	if status == http.StatusConflict {
		v.Problem = T(q.lang, "board.stale")
	} else {
		problems := fieldProblems(q.lang, pe)
		for _, field := range slices.Sorted(maps.Keys(problems)) {
			if field != "" {
				v.Problem += T(q.lang, "edit.field."+field) + T(q.lang, "sep.colon")
			}
			v.Problem += problems[field] + " "
		}
	}
	s.render(w, r, status, "board", v)
}
