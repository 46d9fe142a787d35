package editing

import (
	"fmt"
	"net/url"
	"slices"
	"strings"
	"time"

	"convene/internal/program"
)

// ActivityPatch is a change of an activity's editable fields; nil leaves a
// field as it is. It is the body of PATCH …/activities/{activity} and what
// the edit form decodes to.
type ActivityPatch struct {
	TitleZH        *string          `json:"title_zh,omitempty"`
	TitleEN        *string          `json:"title_en,omitempty"`
	SummaryZH      *string          `json:"summary_zh,omitempty"`
	SummaryEN      *string          `json:"summary_en,omitempty"`
	Languages      *[]string        `json:"languages,omitempty"`
	Interpretation *bool            `json:"interpretation,omitempty"`
	Livestream     *LivestreamPatch `json:"livestream,omitempty"`
	Speakers       *[]Speaker       `json:"speakers,omitempty"`

	// The secretariat's fields: where, when, how many seats, and whether the
	// activity is public at all.
	Room     *string         `json:"room,omitempty"` // slug; "" takes the activity out of its room
	StartsAt *time.Time      `json:"starts_at,omitempty"`
	EndsAt   *time.Time      `json:"ends_at,omitempty"`
	Capacity *int            `json:"capacity,omitempty"`
	Status   *program.Status `json:"status,omitempty"`
}

// LivestreamPatch sets the broadcast; an empty URL removes it.
type LivestreamPatch struct {
	URL      string     `json:"url"`
	StartsAt *time.Time `json:"starts_at,omitempty"` // default: the activity's start
}

// Speaker names a person by slug in a role.
type Speaker struct {
	Person string              `json:"person"`
	Role   program.SpeakerRole `json:"role"`
}

// adminFields names the fields of p only the secretariat may set.
func (p ActivityPatch) adminFields() []string {
	var out []string
	for _, f := range []struct {
		name string
		set  bool
	}{{"room", p.Room != nil}, {"starts_at", p.StartsAt != nil}, {"ends_at", p.EndsAt != nil}, {"capacity", p.Capacity != nil}, {"status", p.Status != nil}} {
		if f.set {
			out = append(out, f.name)
		}
	}
	return out
}

// Limits of the text fields, in characters.
const (
	maxTitle   = 200
	maxSummary = 4000
	maxURL     = 1000
	maxSpeaker = 100 // people on one activity
)

// Known reports whether the database holds a register row of kind ("room",
// "person") with slug: rooms and people are shared by editions, so an
// edition's snapshot does not list them all.
type Known func(kind, slug string) bool

// ApplyActivity checks patch as e's change of rec, an activity of the
// working copy ed, and returns the changed record. Fields only the
// secretariat may set are refused for an editor (forbidden, naming them);
// every invalid field is reported at once; rec itself is not modified.
func ApplyActivity(ed *program.Edition, known Known, e Editor, rec program.ActivityRecord, patch ActivityPatch) (program.ActivityRecord, error) {
	if f := patch.adminFields(); len(f) > 0 && !e.Admin {
		return rec, program.Errorf(program.CodeForbidden, "only the secretariat changes %s; ask it to", strings.Join(f, ", "))
	}
	out := rec
	var errs program.FieldErrors
	text := func(check func(field, v string, limit int, required bool), field string, v *string, dst *string, limit int, required bool) {
		if v == nil {
			return
		}
		s := strings.TrimSpace(*v)
		check(field, s, limit, required)
		*dst = s
	}
	text(errs.Text, "title_zh", patch.TitleZH, &out.Title.ZH, maxTitle, true)
	text(errs.Text, "title_en", patch.TitleEN, &out.Title.EN, maxTitle, true)
	text(errs.LongText, "summary_zh", patch.SummaryZH, &out.Summary.ZH, maxSummary, false)
	text(errs.LongText, "summary_en", patch.SummaryEN, &out.Summary.EN, maxSummary, false)
	if patch.Languages != nil {
		out.Languages = nil
		for _, l := range *patch.Languages {
			l = strings.ToLower(strings.TrimSpace(l))
			if l == "" || slices.Contains(out.Languages, l) {
				continue
			}
			if len(l) != 2 || strings.Trim(l, "abcdefghijklmnopqrstuvwxyz") != "" {
				errs.Add("languages", "language", fmt.Sprintf("must be two-letter codes such as zh, en; %q is not", l))
				break
			}
			out.Languages = append(out.Languages, l)
		}
	}
	if patch.Interpretation != nil {
		out.Interpretation = *patch.Interpretation
	}
	if patch.Speakers != nil {
		out.Speakers = nil
		if len(*patch.Speakers) > maxSpeaker {
			errs.Add("speakers", "too_many", fmt.Sprintf("lists more than %d people", maxSpeaker))
		}
		for _, s := range *patch.Speakers {
			switch {
			case !slices.Contains(program.SpeakerRoles, s.Role):
				errs.Add("speakers", "speaker_role", fmt.Sprintf("role %q of %s is not one of keynote, speaker, moderator, panelist", s.Role, s.Person))
			case !known("person", s.Person):
				errs.Add("speakers", "unknown_person", fmt.Sprintf("%q is not a person of the register", s.Person))
			case slices.ContainsFunc(out.Speakers, func(x program.AppearanceRecord) bool { return x.Person == s.Person }):
				errs.Add("speakers", "speaker_twice", fmt.Sprintf("lists %s twice", s.Person))
			default:
				out.Speakers = append(out.Speakers, program.AppearanceRecord{Person: s.Person, Role: s.Role})
			}
		}
	}
	if patch.Room != nil {
		out.Room = strings.TrimSpace(*patch.Room)
	}
	if patch.StartsAt != nil {
		out.StartsAt = patch.StartsAt.UTC()
	}
	if patch.EndsAt != nil {
		out.EndsAt = patch.EndsAt.UTC()
	}
	if patch.Capacity != nil {
		if *patch.Capacity < 0 || *patch.Capacity > 100000 {
			errs.Add("capacity", "capacity", "must be a number of seats from 0 (the room's) to 100000")
		}
		out.Capacity = *patch.Capacity
	}
	if patch.Status != nil {
		if !slices.Contains(program.Statuses, *patch.Status) {
			errs.Add("status", "status", fmt.Sprintf("must be draft, published or cancelled, not %q", *patch.Status))
		}
		out.Status = *patch.Status
	}
	if out.Room != "" && !known("room", out.Room) {
		errs.Add("room", "unknown_room", fmt.Sprintf("%q is not a room", out.Room))
	}
	checkPlacement(ed, &out, &errs)
	if patch.Livestream != nil {
		out.Livestream = nil
		if u := strings.TrimSpace(patch.Livestream.URL); u != "" {
			// url.Parse lets through what is not text (bytes that are not
			// UTF-8, control characters beyond ASCII): check it as text first.
			errs.Text("livestream_url", u, maxURL, false)
			if !errs.Has("livestream_url") && !webURL(u) {
				errs.Add("livestream_url", "url", "must be an http or https address such as https://live.example.org/forum")
			}
			live := &program.Livestream{URL: u, StartsAt: out.StartsAt}
			if patch.Livestream.StartsAt != nil {
				live.StartsAt = patch.Livestream.StartsAt.UTC()
			}
			out.Livestream = live
		}
	}
	if len(errs) > 0 {
		return rec, errs.Err()
	}
	return out, nil
}

// checkPlacement checks the times of a: an end after the start, inside the
// edition's days. The
// timetable's own rules (double bookings, capacity) are the conflict
// checker's: they are shown, not refused, since moving two items past each
// other passes through a conflict.
func checkPlacement(ed *program.Edition, a *program.ActivityRecord, errs *program.FieldErrors) {
	if a.StartsAt.IsZero() != a.EndsAt.IsZero() {
		errs.Add("ends_at", "time_pair", "and starts_at are given together or not at all")
		return
	}
	if a.StartsAt.IsZero() {
		return
	}
	if !a.EndsAt.After(a.StartsAt) {
		errs.Add("ends_at", "end_before_start", "must be after the start")
	}
	loc := ed.Location()
	first, last := ed.Event.StartDate, ed.Event.EndDate
	if d := a.StartsAt.In(loc).Format(time.DateOnly); d < first || d > last {
		errs.Add("starts_at", "outside_edition", fmt.Sprintf("must fall on the edition's days, %s to %s", first, last))
	}
}

func webURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "https" || u.Scheme == "http") && u.Host != ""
}

// RecordOf is a of ed with its references as slugs, as the store writes it.
func RecordOf(ed *program.Edition, a *program.Activity) program.ActivityRecord {
	rec := program.ActivityRecord{Activity: *a}
	if s := ed.SectionByID(a.SectionID); s != nil {
		rec.Section = s.Slug
	}
	if r := ed.RoomByID(a.RoomID); r != nil {
		rec.Room = r.Slug
	}
	for _, id := range a.ThemeIDs {
		if t := ed.ThemeByID(id); t != nil {
			rec.Themes = append(rec.Themes, t.Slug)
		}
	}
	for _, h := range a.Hosts {
		if o := ed.OrgByID(h.OrgID); o != nil {
			rec.Hosts = append(rec.Hosts, program.HostRecord{Org: o.Slug, Role: h.Role})
		}
	}
	for _, s := range a.Speakers {
		if p := ed.PersonByID(s.PersonID); p != nil {
			rec.Speakers = append(rec.Speakers, program.AppearanceRecord{Person: p.Slug, Role: s.Role})
		}
	}
	return rec
}
