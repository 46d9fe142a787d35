package web

import (
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"convene/internal/editing"
	"convene/internal/program"
	"convene/internal/registration"
	"convene/internal/timetable"
)

// The program's edit pages: the secretariat edits everything, an editor the
// activities its organisations host, and what is saved is a draft until the
// secretariat publishes. Forms work without JavaScript; every form carries
// the version of the item it shows, so a save over someone else's newer
// change is refused and shown rather than overwriting it.

// editor returns who may edit the program of q's edition: an admin staff
// token, or a signed-in admin or editor. Otherwise (nil) it has sent the
// visitor to sign in or shown a 403 page.
func (s *site) editor(w http.ResponseWriter, r *http.Request, q req) *editing.Editor {
	st, err := s.tokenStaff(r, q, registration.RoleAdmin)
	switch {
	case st != nil:
		return &editing.Editor{Actor: st.Actor(), Admin: true}
	case err != nil && program.ErrorCode(err) != program.CodeForbidden:
		s.fail(w, r, q.lang, q.ed, err)
		return nil
	}
	// No staff token, or a check-in one: the signed-in account decides.
	u, err := s.sessionUser(r)
	if err != nil {
		s.fail(w, r, q.lang, q.ed, err)
		return nil
	}
	if u == nil {
		http.Redirect(w, r, loginURL(q.lang, r.URL.RequestURI()), http.StatusSeeOther)
		return nil
	}
	e, ok := editing.ForUser(u)
	if !ok {
		s.fail(w, r, q.lang, q.ed, program.Errorf(program.CodeForbidden, "a %s account cannot edit the program", u.Role))
		return nil
	}
	return &e
}

// editorDraft is editor with the working copy of q's edition: nil when the
// visitor may not edit, or the copy could not be read (answered either way).
func (s *site) editorDraft(w http.ResponseWriter, r *http.Request, q req) (*editing.Editor, *program.Edition) {
	e := s.editor(w, r, q)
	if e == nil {
		return nil, nil
	}
	draft, err := s.editing.Draft(r.Context(), q.ed.Event.Slug)
	if err != nil {
		s.fail(w, r, q.lang, q.ed, err)
		return nil, nil
	}
	return e, draft
}

// adminEditor is editor for what only the secretariat does.
func (s *site) adminEditor(w http.ResponseWriter, r *http.Request, q req) *editing.Editor {
	e := s.editor(w, r, q)
	if e != nil && !e.Admin {
		s.fail(w, r, q.lang, q.ed, program.Errorf(program.CodeForbidden, "only the secretariat does this"))
		return nil
	}
	return e
}

type adminHomeView struct {
	Page
	Admin                   bool
	Links                   []Link
	Registered, CheckedIn   int
	Drafts, Editable, Total int
	Published               int64
	Pending                 int // changes waiting to be published; -1 when unknown
}

// GET /{lang}/{event}/admin/ — where the secretariat and editors start.
func (s *site) adminHome(w http.ResponseWriter, r *http.Request, q req) {
	e, draft := s.editorDraft(w, r, q)
	if e == nil {
		return
	}
	v := adminHomeView{Page: s.page(r, q.lang, T(q.lang, "admin.title"), "", q.ed), Admin: e.Admin,
		Published: q.ed.Event.Version, Total: len(draft.Activities), Pending: -1}
	for _, a := range e.Activities(draft) {
		v.Editable++
		if a.Status == program.StatusDraft {
			v.Drafts++
		}
	}
	for _, k := range []string{"activities", "people", "orgs", "releases", "livestreams"} {
		v.Links = append(v.Links, Link{URL: q.page("admin/" + k), Label: T(q.lang, "admin."+k)})
	}
	if e.Admin {
		v.Links = append(v.Links,
			Link{URL: q.page("admin/timetable"), Label: T(q.lang, "admin.timetable")},
			Link{URL: q.page("admin/rooms"), Label: T(q.lang, "admin.rooms")},
			Link{URL: q.page("admin/publish"), Label: T(q.lang, "publish.title")},
			Link{URL: q.page("admin/program"), Label: T(q.lang, "program.title")},
			Link{URL: q.adminSeats(), Label: T(q.lang, "seats.title")},
			Link{URL: q.checkin(), Label: T(q.lang, "checkin.title")},
			Link{URL: q.page("admin/audit"), Label: T(q.lang, "audit.title")})
		if pv, err := s.publisher.Publish(r.Context(), q.ed.Event.Slug, true); err == nil {
			v.Pending = len(pv.Changes)
		} else if isUnchanged(err) {
			v.Pending = 0
		}
		if counts, err := s.reg.AllSeats(r.Context(), q.ed); err == nil {
			for _, c := range counts {
				if c.Activity == nil { // the gate row
					v.Registered, v.CheckedIn = c.Confirmed, c.CheckedIn
				}
			}
		}
	}
	v.Links = append(v.Links, Link{URL: q.page("changelog"), Label: T(q.lang, "changelog.title")})
	s.render(w, r, http.StatusOK, "admin", v)
}

// isUnchanged reports a publication refused because nothing public changed.
func isUnchanged(err error) bool {
	var e *program.Error
	return errors.As(err, &e) && e.Code == program.CodeConflict && errors.Unwrap(e) != nil
}

type activityListView struct {
	Page
	Rows []activityRow
}

type activityRow struct {
	Edit              Link
	When, Room, Hosts string
	Status            string
	Draft             bool
	Version           int64
}

// GET /{lang}/{event}/admin/activities — what the visitor may edit.
func (s *site) adminActivities(w http.ResponseWriter, r *http.Request, q req) {
	e, draft := s.editorDraft(w, r, q)
	if e == nil {
		return
	}
	v := activityListView{Page: s.page(r, q.lang, T(q.lang, "admin.activities"), "", q.ed)}
	for _, a := range e.Activities(draft) {
		row := activityRow{Edit: Link{URL: q.page("admin/activities/" + url.PathEscape(a.Slug)), Label: a.Title.In(q.lang)},
			Status: T(q.lang, "status."+string(a.Status)), Draft: a.Status == program.StatusDraft, Version: a.Version}
		if !a.StartsAt.IsZero() {
			row.When = fmtDate(q.lang, draft.Day(a)) + " " + fmtSpan(draft, a)
		}
		if room := draft.RoomByID(a.RoomID); room != nil {
			row.Room = room.Name.In(q.lang)
		}
		for _, o := range draft.HostsWithRole(a, program.RoleHost) {
			if row.Hosts != "" {
				row.Hosts += T(q.lang, "sep.list")
			}
			row.Hosts += o.Short(q.lang)
		}
		v.Rows = append(v.Rows, row)
	}
	s.render(w, r, http.StatusOK, "admin_activities", v)
}

// activityForm is the edit form's values as typed (or as stored).
type activityForm struct {
	TitleZH, TitleEN, SummaryZH, SummaryEN string
	Languages                              string
	Interpretation                         bool
	LivestreamURL, LivestreamStartsAt      string
	Speakers                               string
	Room, StartsAt, EndsAt, Capacity       string
	Status                                 string
	Version                                int64
}

type activityEditView struct {
	Page
	Admin     bool
	Action    string
	Public    string // the public page of the activity
	Form      activityForm
	Rooms     []option
	Statuses  []option
	Errors    map[string]string
	Problem   bool
	Stale     bool     // someone saved a newer version meanwhile
	Theirs    []string // the fields where that version differs from what was typed
	Saved     []string
	Conflicts []string // the timetable's conflicts this activity is in, after saving
}

func formOf(ed *program.Edition, rec program.ActivityRecord) activityForm {
	loc := ed.Location()
	f := activityForm{TitleZH: rec.Title.ZH, TitleEN: rec.Title.EN, SummaryZH: rec.Summary.ZH, SummaryEN: rec.Summary.EN,
		Interpretation: rec.Interpretation, Speakers: editing.SpeakersText(rec), Room: rec.Room,
		Capacity: strconv.Itoa(rec.Capacity), Status: string(rec.Status), Version: rec.Version}
	for i, l := range rec.Languages {
		if i > 0 {
			f.Languages += ", "
		}
		f.Languages += l
	}
	if !rec.StartsAt.IsZero() {
		f.StartsAt, f.EndsAt = rec.StartsAt.In(loc).Format(editing.LocalTimeLayout), rec.EndsAt.In(loc).Format(editing.LocalTimeLayout)
	}
	if rec.Livestream != nil {
		f.LivestreamURL = rec.Livestream.URL
		if !rec.Livestream.StartsAt.IsZero() {
			f.LivestreamStartsAt = rec.Livestream.StartsAt.In(loc).Format(editing.LocalTimeLayout)
		}
	}
	return f
}

// differences names the fields of f that differ from g, as the form names them.
func (f activityForm) differences(g activityForm) []string {
	var out []string
	for _, c := range []struct {
		name string
		same bool
	}{
		{"title_zh", f.TitleZH == g.TitleZH}, {"title_en", f.TitleEN == g.TitleEN},
		{"summary_zh", f.SummaryZH == g.SummaryZH}, {"summary_en", f.SummaryEN == g.SummaryEN},
		{"languages", f.Languages == g.Languages}, {"interpretation", f.Interpretation == g.Interpretation},
		{"livestream_url", f.LivestreamURL == g.LivestreamURL}, {"livestream_starts_at", f.LivestreamStartsAt == g.LivestreamStartsAt},
		{"speakers", strings.TrimSpace(f.Speakers) == strings.TrimSpace(g.Speakers)},
		{"room", f.Room == g.Room || g.Room == ""}, {"starts_at", f.StartsAt == g.StartsAt || g.StartsAt == ""},
		{"ends_at", f.EndsAt == g.EndsAt || g.EndsAt == ""}, {"capacity", f.Capacity == g.Capacity || g.Capacity == ""},
		{"status", f.Status == g.Status || g.Status == ""},
	} {
		if !c.same {
			out = append(out, c.name)
		}
	}
	return out
}

// typedForm is what the visitor typed, to show again with the errors.
func typedForm(form url.Values, version int64) activityForm {
	return activityForm{TitleZH: form.Get("title_zh"), TitleEN: form.Get("title_en"), SummaryZH: form.Get("summary_zh"), SummaryEN: form.Get("summary_en"),
		Languages: form.Get("languages"), Interpretation: form.Get("interpretation") != "", LivestreamURL: form.Get("livestream_url"),
		LivestreamStartsAt: form.Get("livestream_starts_at"), Speakers: form.Get("speakers"), Room: form.Get("room"),
		StartsAt: form.Get("starts_at"), EndsAt: form.Get("ends_at"), Capacity: form.Get("capacity"), Status: form.Get("status"), Version: version}
}

func (s *site) activityEditView(r *http.Request, q req, e *editing.Editor, draft *program.Edition, slug string, f activityForm) (activityEditView, error) {
	v := activityEditView{Page: s.page(r, q.lang, T(q.lang, "edit.activity"), "", q.ed), Admin: e.Admin,
		Action: q.page("admin/activities/" + url.PathEscape(slug)), Public: q.activity(slug), Form: f}
	if a, ok := draft.Activity(slug); ok {
		v.Page.Title = T(q.lang, "edit.activity") + T(q.lang, "sep.colon") + a.Title.In(q.lang)
	}
	if e.Admin {
		v.Rooms = []option{{Value: "", Label: T(q.lang, "edit.unplaced"), Selected: f.Room == ""}}
		rooms, err := s.editing.Rooms(r.Context())
		if err != nil {
			return v, err
		}
		for _, room := range rooms {
			v.Rooms = append(v.Rooms, option{Value: room.Slug, Label: room.Name.In(q.lang), Selected: room.Slug == f.Room})
		}
		for _, st := range program.Statuses {
			v.Statuses = append(v.Statuses, option{Value: string(st), Label: T(q.lang, "status."+string(st)), Selected: string(st) == f.Status})
		}
	}
	return v, nil
}

// GET /{lang}/{event}/admin/activities/{activity}
func (s *site) editActivityForm(w http.ResponseWriter, r *http.Request, q req) {
	e := s.editor(w, r, q)
	if e == nil {
		return
	}
	slug := r.PathValue("activity")
	draft, rec, err := s.editing.Activity(r.Context(), q.ed.Event.Slug, slug, *e)
	if err != nil {
		s.fail(w, r, q.lang, q.ed, err)
		return
	}
	v, err := s.activityEditView(r, q, e, draft, slug, formOf(draft, rec))
	if err != nil {
		s.fail(w, r, q.lang, q.ed, err)
		return
	}
	s.render(w, r, http.StatusOK, "activity_edit", v)
}

// POST /{lang}/{event}/admin/activities/{activity}
func (s *site) editActivity(w http.ResponseWriter, r *http.Request, q req) {
	e := s.editor(w, r, q)
	if e == nil {
		return
	}
	slug := r.PathValue("activity")
	if !s.parseForm(w, r, q) { // a size limit; a bad body is answered
		return
	}
	base, _ := strconv.ParseInt(r.PostForm.Get("version"), 10, 64)
	patch, err := editing.ActivityForm(r.PostForm, q.ed.Location())
	var saved program.ActivityRecord
	var diff editing.Diff
	if err == nil {
		saved, diff, err = s.editing.UpdateActivity(r.Context(), q.ed.Event.Slug, slug, *e, base, patch)
	}
	draft, rec, lerr := s.editing.Activity(r.Context(), q.ed.Event.Slug, slug, *e)
	if lerr != nil {
		s.fail(w, r, q.lang, q.ed, lerr)
		return
	}
	status, f := http.StatusOK, formOf(draft, saved)
	var pe *program.Error
	switch {
	case err == nil:
	case program.ErrorCode(err) == program.CodeConflict:
		// Keep what the visitor typed, name the fields the other save
		// changed, and take the newer version: saving again is a choice
		// made knowingly, never a silent overwrite.
		status, f = http.StatusConflict, typedForm(r.PostForm, rec.Version)
	case errors.As(err, &pe) && pe.Code == program.CodeInvalid:
		status, f = http.StatusBadRequest, typedForm(r.PostForm, base)
	default:
		s.fail(w, r, q.lang, q.ed, err)
		return
	}
	v, verr := s.activityEditView(r, q, e, draft, slug, f)
	if verr != nil {
		s.fail(w, r, q.lang, q.ed, verr)
		return
	}
	switch status {
	case http.StatusOK:
		for _, f := range diff.Fields() {
			v.Saved = append(v.Saved, T(q.lang, "edit.field."+f))
		}
		v.Conflicts = conflictsOf(q.lang, draft, slug)
	case http.StatusConflict:
		v.Stale = true
		for _, f := range formOf(draft, rec).differences(v.Form) {
			v.Theirs = append(v.Theirs, T(q.lang, "edit.field."+f))
		}
	case http.StatusBadRequest:
		v.Errors, v.Problem = fieldProblems(q.lang, pe), true
	}
	s.render(w, r, status, "activity_edit", v)
}

// conflictsOf is the timetable's conflicts in draft that involve the
// activity slug, in lang: shown after a save, since a move may pass
// through a conflict on its way to a good timetable.
func conflictsOf(lang string, draft *program.Edition, slug string) []string {
	var out []string
	for _, c := range timetable.CheckEdition(draft) {
		if slices.Contains(c.Activities, slug) {
			out = append(out, program.Text{ZH: c.ZH, EN: c.EN}.In(lang))
		}
	}
	return out
}
