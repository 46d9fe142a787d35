package api

import (
	"net/http"
	"strconv"
	"strings"

	"convene/internal/accounts"
	"convene/internal/audit"
	"convene/internal/editing"
	"convene/internal/program"
	"convene/internal/registration"
)

// The write side of the program: the working copy of an activity, its
// changes with a version check, publication and the published versions.

// editor is whoever the bearer token acts for, if they may edit the program
// of the edition: an admin or editor account's API token, or the edition's
// admin staff token. Check-in staff and press are forbidden.
func (s *server) editor(r *http.Request) (*program.Edition, editing.Editor, error) {
	svc, ed, token, err := s.withToken(r)
	if err != nil {
		return nil, editing.Editor{}, err
	}
	if s.editing == nil {
		return nil, editing.Editor{}, errInternal("the API was built without program editing")
	}
	if strings.HasPrefix(token, accounts.UserTokenPrefix) && s.accounts != nil {
		u, err := s.accounts.TokenUser(r.Context(), token)
		if err != nil {
			return nil, editing.Editor{}, err
		}
		e, ok := editing.ForUser(u)
		if !ok {
			return nil, editing.Editor{}, program.Errorf(program.CodeForbidden, "a %s account cannot edit the program", u.Role)
		}
		return ed, e, nil
	}
	st, err := svc.Staff(r.Context(), ed, token, registration.RoleAdmin)
	if err != nil {
		return nil, editing.Editor{}, err
	}
	return ed, editing.Editor{Actor: st.Actor(), Admin: true}, nil
}

// activityDraft is the editable view of an activity of the working copy.
type activityDraft struct {
	Event          string            `json:"event"`
	Slug           string            `json:"slug"`
	Version        int64             `json:"version"`
	Title          program.Text      `json:"title"`
	Summary        program.Text      `json:"summary"`
	Languages      []string          `json:"languages"`
	Interpretation bool              `json:"interpretation"`
	Livestream     *livestreamDraft  `json:"livestream"`
	Speakers       []editing.Speaker `json:"speakers"`
	Room           string            `json:"room"`
	StartsAt       *jsTime           `json:"starts_at"`
	EndsAt         *jsTime           `json:"ends_at"`
	Capacity       int               `json:"capacity"`
	Status         program.Status    `json:"status"`
}

type livestreamDraft struct {
	URL      string  `json:"url"`
	StartsAt *jsTime `json:"starts_at"`
}

func draftOf(ed *program.Edition, rec program.ActivityRecord) activityDraft {
	v := view{ed: ed}
	d := activityDraft{
		Event: ed.Event.Slug, Slug: rec.Slug, Version: rec.Version, Title: rec.Title, Summary: rec.Summary,
		Languages: nonNil(rec.Languages), Interpretation: rec.Interpretation, Speakers: []editing.Speaker{},
		Room: rec.Room, Capacity: rec.Capacity, Status: rec.Status,
	}
	if !rec.StartsAt.IsZero() {
		st, en := v.time(rec.StartsAt), v.time(rec.EndsAt)
		d.StartsAt, d.EndsAt = &st, &en
	}
	if rec.Livestream != nil {
		d.Livestream = &livestreamDraft{URL: rec.Livestream.URL}
		if !rec.Livestream.StartsAt.IsZero() {
			t := v.time(rec.Livestream.StartsAt)
			d.Livestream.StartsAt = &t
		}
	}
	for _, sp := range rec.Speakers {
		d.Speakers = append(d.Speakers, editing.Speaker{Person: sp.Person, Role: sp.Role})
	}
	return d
}

// etagOf is the ETag of an item at a version.
func etagOf(version int64) string { return `"` + strconv.FormatInt(version, 10) + `"` }

// GET /api/v1/events/{event}/activities/{activity}/draft (admin or the host's editor)
func (s *server) getActivityDraft(w http.ResponseWriter, r *http.Request) error {
	ed, e, err := s.editor(r)
	if err != nil {
		return err
	}
	slug, err := pathParam(r, "activity")
	if err != nil {
		return err
	}
	draft, rec, err := s.editing.Activity(r.Context(), ed.Event.Slug, slug, e)
	if err != nil {
		return err
	}
	w.Header().Set("Cache-Control", "private, no-store")
	w.Header().Set("ETag", etagOf(rec.Version))
	return writeJSON(w, http.StatusOK, draftOf(draft, rec))
}

// PATCH /api/v1/events/{event}/activities/{activity} with If-Match: "<version>"
//
// A missing If-Match is refused (428): a write that does not say which
// version it changes could overwrite someone else's change unseen. A stale
// one is 412 and changes nothing.
func (s *server) patchActivity(w http.ResponseWriter, r *http.Request) error {
	ed, e, err := s.editor(r)
	if err != nil {
		return err
	}
	slug, err := pathParam(r, "activity")
	if err != nil {
		return err
	}
	base, ok := requireIfMatch(w, r, "the ETag of GET …/draft")
	if !ok {
		return nil
	}
	var patch editing.ActivityPatch
	if err := decodeJSON(w, r, &patch); err != nil {
		return err
	}
	rec, _, err := s.editing.UpdateActivity(r.Context(), ed.Event.Slug, slug, e, base, patch)
	if program.ErrorCode(err) == program.CodeConflict {
		preconditionFailed(w, err)
		return nil
	}
	if err != nil {
		return err
	}
	draft, err := s.editing.Draft(r.Context(), ed.Event.Slug)
	if err != nil {
		return err
	}
	w.Header().Set("Cache-Control", "private, no-store")
	w.Header().Set("ETag", etagOf(rec.Version))
	return writeJSON(w, http.StatusOK, draftOf(draft, rec))
}

// requireIfMatch reads If-Match, or answers 428 naming where the version
// is read (source) and reports false: a write that does not say which
// version it changes could overwrite someone else's change unseen.
func requireIfMatch(w http.ResponseWriter, r *http.Request, source string) (int64, bool) {
	base, ok := ifMatch(r)
	if !ok {
		writeProblem(w, problem{Type: "about:blank", Title: http.StatusText(http.StatusPreconditionRequired), Status: http.StatusPreconditionRequired,
			Code: string(program.CodeInvalid), Field: "If-Match",
			Detail: `send If-Match with the version you read (` + source + `, e.g. If-Match: "3")`})
	}
	return base, ok
}

// preconditionFailed answers 412 for err, a write refused as stale.
func preconditionFailed(w http.ResponseWriter, err error) {
	writeProblem(w, problem{Type: "about:blank", Title: http.StatusText(http.StatusPreconditionFailed), Status: http.StatusPreconditionFailed,
		Code: string(program.CodeConflict), Field: "If-Match", Detail: program.SafeError(err).Message})
}

// ifMatch reads If-Match: "<version>" (a weak W/ prefix is accepted).
func ifMatch(r *http.Request) (int64, bool) {
	v := strings.TrimPrefix(strings.TrimSpace(r.Header.Get("If-Match")), "W/")
	if len(v) < 3 || v[0] != '"' || v[len(v)-1] != '"' {
		return 0, false
	}
	n, err := strconv.ParseInt(v[1:len(v)-1], 10, 64)
	return n, err == nil && n > 0
}

// versionView is a published version with its changelog.
type versionView struct {
	Event       string       `json:"event"`
	Version     int64        `json:"version"`
	PublishedAt jsTime       `json:"published_at"`
	Changes     []changeView `json:"changes"`
}

type changeView struct {
	Kind     program.ChangeKind `json:"kind"`
	Activity string             `json:"activity"`
	Message  program.Text       `json:"message"`
}

// versionOf is v as the API shows it, with the changes shown says.
func versionOf(ed *program.Edition, v program.Version, shown func(program.Change) bool) versionView {
	out := versionView{Event: ed.Event.Slug, Version: v.Number, PublishedAt: view{ed: ed}.time(v.PublishedAt), Changes: []changeView{}}
	for _, c := range v.Changes {
		if !shown(c) {
			continue
		}
		out.Changes = append(out.Changes, changeView{Kind: c.Kind, Activity: c.Activity,
			Message: program.Text{ZH: c.Message("zh", ed.Location()), EN: c.Message("en", ed.Location())}})
	}
	return out
}

// POST /api/v1/events/{event}/publish (admin) — the working copy becomes
// the next published version; answers it with its changelog.
func (s *server) publish(w http.ResponseWriter, r *http.Request) error {
	ed, st, err := s.staff(r, registration.RoleAdmin)
	if err != nil {
		return err
	}
	if s.publisher == nil {
		return errInternal("the API was built without publishing")
	}
	v, err := s.publisher.Publish(audit.WithActor(r.Context(), st.Actor()), ed.Event.Slug, false)
	if err != nil {
		return err
	}
	w.Header().Set("Cache-Control", "private, no-store")
	// The admin sees every change, embargoed releases included.
	return writeJSON(w, http.StatusCreated, versionOf(ed, v, func(program.Change) bool { return true }))
}

// GET /api/v1/events/{event}/versions — the published versions, newest
// first, with their changelogs (changes about embargoed releases appear
// when the embargo lifts).
func (s *server) listVersions(w http.ResponseWriter, r *http.Request) error {
	ed, err := s.edition(r)
	if err != nil {
		return err
	}
	versions, err := s.cat.Versions(r.Context(), ed.Event.Slug)
	if err != nil {
		return err
	}
	now := s.cat.Now()
	out := struct {
		Event    string        `json:"event"`
		Versions []versionView `json:"versions"`
	}{Event: ed.Event.Slug, Versions: []versionView{}}
	for _, v := range versions {
		out.Versions = append(out.Versions, versionOf(ed, v, func(c program.Change) bool { return c.Public(now) }))
	}
	return writeJSON(w, http.StatusOK, out)
}
