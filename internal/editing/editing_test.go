package editing_test

import (
	"errors"
	"net/url"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"convene/internal/editing"
	"convene/internal/program"
)

var edShanghai, _ = time.LoadLocation("Asia/Shanghai")

func edAt(day, hour, min int) time.Time {
	return time.Date(2025, 3, day, hour, min, 0, 0, edShanghai).UTC()
}

// edEdition: four activities, each with one organisation in one role (pku
// hosts, most organises, cas co-organises, un supports), and a release at
// the hosted one; people appear on the hosted and the supported activity.
func edEdition() *program.Edition {
	return program.NewEdition(program.Parts{
		Event:    program.Event{ID: "e1", Slug: "t-2025", StartDate: "2025-03-27", EndDate: "2025-03-31", TimeZone: "Asia/Shanghai"},
		Sections: []program.Section{{ID: "s1", EventID: "e1", Slug: "forums", Position: 1}},
		Organisations: []program.Organisation{
			{ID: "o1", Slug: "pku", Name: program.Text{ZH: "北京大学", EN: "PKU"}},
			{ID: "o2", Slug: "most", Name: program.Text{ZH: "科技部", EN: "MOST"}},
			{ID: "o3", Slug: "cas", Name: program.Text{ZH: "中科院", EN: "CAS"}},
			{ID: "o4", Slug: "un", Name: program.Text{ZH: "联合国", EN: "UN"}},
		},
		People: []program.Person{
			{ID: "p1", Slug: "ada", Name: program.Text{ZH: "艾达", EN: "Ada"}},
			{ID: "p2", Slug: "li-lei", Name: program.Text{ZH: "李雷", EN: "Li Lei"}},
			{ID: "p3", Slug: "han-mei", Name: program.Text{ZH: "韩梅", EN: "Han Mei"}},
		},
		Venues: []program.Venue{{ID: "v1", Slug: "center"}},
		Rooms: []program.Room{
			{ID: "r1", VenueID: "v1", Slug: "hall-a", Name: program.Text{ZH: "A厅", EN: "Hall A"}, Capacity: 300},
			{ID: "r2", VenueID: "v1", Slug: "hall-b", Name: program.Text{ZH: "B厅", EN: "Hall B"}, Capacity: 100},
		},
		Activities: []program.Activity{
			{ID: "a1", EventID: "e1", SectionID: "s1", Slug: "hosted", Title: program.Text{ZH: "主办", EN: "Hosted"}, RoomID: "r1",
				StartsAt: edAt(28, 9, 0), EndsAt: edAt(28, 11, 30), Languages: []string{"zh"}, Status: program.StatusPublished,
				Hosts:    []program.Host{{OrgID: "o1", Role: program.RoleHost}},
				Speakers: []program.Appearance{{PersonID: "p1", Role: program.SpeakerKeynote}}},
			{ID: "a2", EventID: "e1", SectionID: "s1", Slug: "organised", Title: program.Text{ZH: "承办", EN: "Organised"}, RoomID: "r2",
				StartsAt: edAt(28, 14, 0), EndsAt: edAt(28, 16, 0), Status: program.StatusPublished,
				Hosts: []program.Host{{OrgID: "o2", Role: program.RoleOrganiser}}},
			{ID: "a3", EventID: "e1", SectionID: "s1", Slug: "co-organised", Title: program.Text{ZH: "协办", EN: "Co-organised"},
				StartsAt: edAt(29, 9, 0), EndsAt: edAt(29, 10, 0), Status: program.StatusPublished,
				Hosts: []program.Host{{OrgID: "o3", Role: program.RoleCoOrganiser}}},
			{ID: "a4", EventID: "e1", SectionID: "s1", Slug: "supported", Title: program.Text{ZH: "支持", EN: "Supported"},
				StartsAt: edAt(30, 9, 0), EndsAt: edAt(30, 10, 0), Status: program.StatusDraft,
				Hosts:    []program.Host{{OrgID: "o4", Role: program.RoleSupporter}},
				Speakers: []program.Appearance{{PersonID: "p2", Role: program.SpeakerSpeaker}}},
		},
		Releases: []program.Release{
			{ID: "rel1", EventID: "e1", ActivityID: "a1", Slug: "report", Title: program.Text{ZH: "报告", EN: "Report"}, PublisherID: "o1"},
			{ID: "rel2", EventID: "e1", ActivityID: "a3", Slug: "list", Title: program.Text{ZH: "名单", EN: "List"}, PublisherID: "o3"},
		},
	})
}

// edKnown is the register of edEdition's rooms and people.
func edKnown(kind, slug string) bool {
	switch kind {
	case "room":
		return slug == "hall-a" || slug == "hall-b"
	case "person":
		return slug == "ada" || slug == "li-lei" || slug == "han-mei"
	}
	return false
}

func edActivity(t *testing.T, ed *program.Edition, slug string) *program.Activity {
	t.Helper()
	a, ok := ed.Activity(slug)
	if !ok {
		t.Fatalf("no activity %s", slug)
	}
	return a
}

func edSlugs(as []*program.Activity) []string {
	var out []string
	for _, a := range as {
		out = append(out, a.Slug)
	}
	return out
}

func ptr[T any](v T) *T { return &v }

var (
	admin = editing.Editor{Actor: "staff:sec", Admin: true}
	pku   = editing.Editor{Actor: "account:pku@example.org", Orgs: []string{"pku"}}
)

func TestMayEditActivityByRole(t *testing.T) {
	ed := edEdition()
	for _, c := range []struct {
		orgs []string
		want []string
	}{
		{[]string{"pku"}, []string{"hosted"}},
		{[]string{"most"}, []string{"organised"}},
		{[]string{"cas"}, nil},
		{[]string{"un"}, nil},
		{[]string{"cas", "most", "pku"}, []string{"hosted", "organised"}},
		{nil, nil},
	} {
		e := editing.Editor{Actor: "x", Orgs: c.orgs}
		var may []string
		for _, a := range ed.Activities {
			if e.MayEditActivity(ed, a) {
				may = append(may, a.Slug)
			}
		}
		if !slices.Equal(may, c.want) {
			t.Errorf("editor for %v may edit %v; want %v", c.orgs, may, c.want)
		}
		if got := edSlugs(e.Activities(ed)); !slices.Equal(got, c.want) {
			t.Errorf("Activities of editor for %v: %v; want %v", c.orgs, got, c.want)
		}
	}
	if got, want := edSlugs(admin.Activities(ed)), edSlugs(ed.Activities); !slices.Equal(got, want) {
		t.Errorf("admin may edit %v; want every activity %v", got, want)
	}
}

func TestMayEditPeopleReleasesOrganisations(t *testing.T) {
	ed := edEdition()
	person := func(slug string) *program.Person {
		p, ok := ed.Person(slug)
		if !ok {
			t.Fatalf("no person %s", slug)
		}
		return p
	}
	release := func(slug string) *program.Release {
		for _, r := range ed.Releases {
			if r.Slug == slug {
				return r
			}
		}
		t.Fatalf("no release %s", slug)
		return nil
	}
	org := func(slug string) *program.Organisation {
		o, ok := ed.Organisation(slug)
		if !ok {
			t.Fatalf("no organisation %s", slug)
		}
		return o
	}
	un := editing.Editor{Actor: "y", Orgs: []string{"un"}}
	cas := editing.Editor{Actor: "z", Orgs: []string{"cas"}}
	for _, c := range []struct {
		what string
		got  bool
		want bool
	}{
		{"pku edits ada (speaks at its activity)", pku.MayEditPerson(ed, person("ada")), true},
		{"pku edits li-lei (speaks elsewhere)", pku.MayEditPerson(ed, person("li-lei")), false},
		{"pku edits han-mei (speaks nowhere)", pku.MayEditPerson(ed, person("han-mei")), false},
		{"un edits li-lei (at the activity it only supports)", un.MayEditPerson(ed, person("li-lei")), false},
		{"admin edits han-mei", admin.MayEditPerson(ed, person("han-mei")), true},
		{"pku edits its activity's release", pku.MayEditRelease(ed, release("report")), true},
		{"pku edits another release", pku.MayEditRelease(ed, release("list")), false},
		{"cas edits the release of the activity it co-organises", cas.MayEditRelease(ed, release("list")), false},
		{"admin edits a release", admin.MayEditRelease(ed, release("list")), true},
		{"pku edits pku", pku.MayEditOrganisation(org("pku")), true},
		{"pku edits most", pku.MayEditOrganisation(org("most")), false},
		{"admin edits most", admin.MayEditOrganisation(org("most")), true},
		{"pku edits rooms", pku.MayEditRooms(), false},
		{"admin edits rooms", admin.MayEditRooms(), true},
	} {
		if c.got != c.want {
			t.Errorf("%s: %v; want %v", c.what, c.got, c.want)
		}
	}
	// A release of an activity the edition does not hold: only the secretariat.
	orphan := &program.Release{ID: "x", ActivityID: "missing", Slug: "orphan"}
	if pku.MayEditRelease(ed, orphan) || !admin.MayEditRelease(ed, orphan) {
		t.Error("a release without its activity: only the secretariat may edit it")
	}
}

func TestApplyActivityEditorMayNotSetTheSecretariatsFields(t *testing.T) {
	ed := edEdition()
	rec := editing.RecordOf(ed, edActivity(t, ed, "hosted"))
	patch := editing.ActivityPatch{TitleEN: ptr("New"), Room: ptr("hall-b"), StartsAt: ptr(edAt(28, 10, 0)), Capacity: ptr(10), Status: ptr(program.StatusDraft)}
	out, err := editing.ApplyActivity(ed, edKnown, pku, rec, patch)
	if program.ErrorCode(err) != program.CodeForbidden {
		t.Fatalf("editor setting room, times, capacity, status: %v; want forbidden", err)
	}
	for _, f := range []string{"room", "starts_at", "capacity", "status"} {
		if !strings.Contains(err.Error(), f) {
			t.Errorf("forbidden error %q does not name %s", err, f)
		}
	}
	if strings.Contains(err.Error(), "ends_at") || strings.Contains(err.Error(), "title") {
		t.Errorf("forbidden error %q names fields not set", err)
	}
	if !reflect.DeepEqual(out, rec) {
		t.Error("a refused patch returned a changed record")
	}
	for name, p := range map[string]editing.ActivityPatch{
		"ends_at": {EndsAt: ptr(edAt(28, 12, 0))}, "room": {Room: ptr("")}, "capacity": {Capacity: ptr(0)}, "status": {Status: ptr(program.StatusPublished)},
	} {
		if _, err := editing.ApplyActivity(ed, edKnown, pku, rec, p); program.ErrorCode(err) != program.CodeForbidden || !strings.Contains(err.Error(), name) {
			t.Errorf("editor setting only %s: %v; want forbidden naming it", name, err)
		}
	}
	// The secretariat may.
	if _, err := editing.ApplyActivity(ed, edKnown, admin, rec, patch); err != nil {
		t.Errorf("admin: %v", err)
	}
}

// edProblems maps field → problem codes of an invalid error.
func edProblems(t *testing.T, err error) map[string][]string {
	t.Helper()
	var pe *program.Error
	if !errors.As(err, &pe) || pe.Code != program.CodeInvalid {
		t.Fatalf("error %v; want an invalid program error", err)
	}
	out := map[string][]string{}
	for _, f := range pe.Fields {
		out[f.Field] = append(out[f.Field], f.Problem)
	}
	return out
}

func TestApplyActivityReportsEveryInvalidField(t *testing.T) {
	ed := edEdition()
	rec := editing.RecordOf(ed, edActivity(t, ed, "hosted"))
	patch := editing.ActivityPatch{
		TitleZH:    ptr("   "),
		TitleEN:    ptr(strings.Repeat("长", 201)),
		SummaryEN:  ptr("bad\x00byte"),
		Languages:  &[]string{"zh", "english"},
		Livestream: &editing.LivestreamPatch{URL: "javascript:alert(1)"},
		Speakers: &[]editing.Speaker{
			{Person: "ada", Role: program.SpeakerKeynote},
			{Person: "nobody", Role: program.SpeakerSpeaker},
			{Person: "ada", Role: program.SpeakerModerator},
			{Person: "li-lei", Role: "chair"},
		},
		Room:     ptr("hall-z"),
		StartsAt: ptr(edAt(26, 10, 0)),
		EndsAt:   ptr(edAt(26, 9, 0)),
		Capacity: ptr(-1),
		Status:   ptr(program.Status("secret")),
	}
	out, err := editing.ApplyActivity(ed, edKnown, admin, rec, patch)
	got := edProblems(t, err)
	want := map[string][]string{
		"title_zh":       {"required"},
		"title_en":       {"too_long"},
		"summary_en":     {"control"},
		"languages":      {"language"},
		"livestream_url": {"url"},
		"speakers":       {"unknown_person", "speaker_twice", "speaker_role"},
		"room":           {"unknown_room"},
		"starts_at":      {"outside_edition"},
		"ends_at":        {"end_before_start"},
		"capacity":       {"capacity"},
		"status":         {"status"},
	}
	for f, problems := range want {
		for _, p := range problems {
			if !slices.Contains(got[f], p) {
				t.Errorf("%s: problems %v; want %s", f, got[f], p)
			}
		}
	}
	for f := range got {
		if _, ok := want[f]; !ok {
			t.Errorf("unexpected problem of %s: %v", f, got[f])
		}
	}
	if !reflect.DeepEqual(out, rec) {
		t.Error("an invalid patch returned a changed record")
	}
	// The message names every field at fault.
	for f := range want {
		if !strings.Contains(err.Error(), f) {
			t.Errorf("error %q does not name %s", err, f)
		}
	}
}

func TestApplyActivityTimeChecks(t *testing.T) {
	ed := edEdition()
	hosted := editing.RecordOf(ed, edActivity(t, ed, "hosted"))
	for _, c := range []struct {
		name  string
		rec   program.ActivityRecord
		patch editing.ActivityPatch
		field string
		code  string // "" valid
	}{
		{"start only, clearing the end", hosted, editing.ActivityPatch{EndsAt: ptr(time.Time{})}, "ends_at", "time_pair"},
		{"end equals start", hosted, editing.ActivityPatch{EndsAt: ptr(hosted.StartsAt)}, "ends_at", "end_before_start"},
		{"after the last day, Beijing time", hosted, editing.ActivityPatch{StartsAt: ptr(edAt(31, 23, 0)), EndsAt: ptr(edAt(31, 23, 30))}, "", ""},
		{"the day after the last", hosted, editing.ActivityPatch{StartsAt: ptr(edAt(32, 0, 30)), EndsAt: ptr(edAt(32, 1, 0))}, "starts_at", "outside_edition"},
		// 07:30 on the first day in Beijing is the day before in UTC.
		{"early on the first day", hosted, editing.ActivityPatch{StartsAt: ptr(edAt(27, 7, 30)), EndsAt: ptr(edAt(27, 8, 0))}, "", ""},
		{"the day before the first", hosted, editing.ActivityPatch{StartsAt: ptr(edAt(26, 23, 0)), EndsAt: ptr(edAt(26, 23, 30))}, "starts_at", "outside_edition"},
		{"unplacing both", hosted, editing.ActivityPatch{StartsAt: ptr(time.Time{}), EndsAt: ptr(time.Time{})}, "", ""},
	} {
		_, err := editing.ApplyActivity(ed, edKnown, admin, c.rec, c.patch)
		if c.code == "" {
			if err != nil {
				t.Errorf("%s: %v", c.name, err)
			}
			continue
		}
		if got := edProblems(t, err); !slices.Contains(got[c.field], c.code) {
			t.Errorf("%s: problems %v; want %s %s", c.name, got, c.field, c.code)
		}
	}
}

func TestApplyActivityChangesExactlyTheGivenFields(t *testing.T) {
	ed := edEdition()
	rec := editing.RecordOf(ed, edActivity(t, ed, "hosted"))
	pristine := editing.RecordOf(ed, edActivity(t, ed, "hosted"))
	patch := editing.ActivityPatch{
		TitleEN:        ptr("  Hosted Forum "),
		SummaryZH:      ptr("简介"),
		Languages:      &[]string{" ZH", "en", "zh", ""},
		Interpretation: ptr(true),
		Speakers:       &[]editing.Speaker{{Person: "li-lei", Role: program.SpeakerModerator}, {Person: "ada", Role: program.SpeakerKeynote}},
		Livestream:     &editing.LivestreamPatch{URL: " https://live.example.org/h "},
	}
	out, err := editing.ApplyActivity(ed, edKnown, pku, rec, patch)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(rec, pristine) {
		t.Errorf("ApplyActivity modified its input record:\n%+v\nwas\n%+v", rec, pristine)
	}
	d := editing.ActivityDiff(rec, out)
	if got, want := d.Fields(), []string{"interpretation", "languages", "livestream_starts_at", "livestream_url", "speakers", "summary_zh", "title_en"}; !slices.Equal(got, want) {
		t.Errorf("changed fields %v; want %v", got, want)
	}
	if out.Title.EN != "Hosted Forum" || out.Title.ZH != rec.Title.ZH || out.Summary.ZH != "简介" || out.Summary.EN != "" {
		t.Errorf("texts: title %v summary %v", out.Title, out.Summary)
	}
	if !slices.Equal(out.Languages, []string{"zh", "en"}) {
		t.Errorf("languages %v; want [zh en]", out.Languages)
	}
	if want := []program.AppearanceRecord{{Person: "li-lei", Role: program.SpeakerModerator}, {Person: "ada", Role: program.SpeakerKeynote}}; !slices.Equal(out.Speakers, want) {
		t.Errorf("speakers %v; want %v", out.Speakers, want)
	}
	if out.Livestream == nil || out.Livestream.URL != "https://live.example.org/h" || !out.Livestream.StartsAt.Equal(rec.StartsAt) {
		t.Errorf("livestream %+v; want the URL trimmed, starting with the activity", out.Livestream)
	}
	if out.Room != rec.Room || !out.StartsAt.Equal(rec.StartsAt) || out.Capacity != rec.Capacity || out.Status != rec.Status || out.Version != rec.Version {
		t.Error("fields not in the patch changed")
	}
	if d.Before["title_en"] != "Hosted" || d.After["title_en"] != "Hosted Forum" || d.After["speakers"] != "li-lei moderator; ada keynote" {
		t.Errorf("diff %+v", d)
	}

	// An empty patch changes nothing; an empty livestream URL removes it.
	same, err := editing.ApplyActivity(ed, edKnown, pku, out, editing.ActivityPatch{})
	if err != nil || !editing.ActivityDiff(out, same).Empty() {
		t.Errorf("empty patch: %v, diff %v", err, editing.ActivityDiff(out, same).Fields())
	}
	off, err := editing.ApplyActivity(ed, edKnown, pku, out, editing.ActivityPatch{Livestream: &editing.LivestreamPatch{URL: "  "}})
	if err != nil || off.Livestream != nil || out.Livestream == nil {
		t.Errorf("removing the livestream: %v, livestream %+v (input's %+v)", err, off.Livestream, out.Livestream)
	}

	// The secretariat moves it: the livestream's start is set explicitly.
	moved, err := editing.ApplyActivity(ed, edKnown, admin, rec, editing.ActivityPatch{
		Room: ptr(" hall-b "), StartsAt: ptr(edAt(29, 14, 0)), EndsAt: ptr(edAt(29, 16, 0)), Capacity: ptr(80), Status: ptr(program.StatusCancelled),
		Livestream: &editing.LivestreamPatch{URL: "http://live.example.org/x", StartsAt: ptr(edAt(29, 13, 50))},
	})
	if err != nil {
		t.Fatal(err)
	}
	if moved.Room != "hall-b" || !moved.StartsAt.Equal(edAt(29, 14, 0)) || moved.StartsAt.Location() != time.UTC || moved.Capacity != 80 ||
		moved.Status != program.StatusCancelled || !moved.Livestream.StartsAt.Equal(edAt(29, 13, 50)) {
		t.Errorf("admin move: %+v", moved)
	}
	if moved.Title != rec.Title || !slices.Equal(moved.Speakers, rec.Speakers) {
		t.Error("admin move changed fields not in the patch")
	}
}

// A summary is written in a text area: its paragraphs are lines, which a
// browser posts as CR LF.
func TestApplyActivityAcceptsMultiLineSummary(t *testing.T) {
	ed := edEdition()
	rec := editing.RecordOf(ed, edActivity(t, ed, "hosted"))
	out, err := editing.ApplyActivity(ed, edKnown, pku, rec, editing.ActivityPatch{SummaryEN: ptr("First paragraph.\r\n\r\nSecond paragraph.")})
	if err != nil {
		t.Fatalf("a two-paragraph summary from the form's textarea is refused: %v", err)
	}
	if !strings.Contains(out.Summary.EN, "Second paragraph.") {
		t.Errorf("summary %q", out.Summary.EN)
	}
}

func TestActivityFormAbsentFieldsAreNil(t *testing.T) {
	p, err := editing.ActivityForm(url.Values{}, edShanghai)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(p, editing.ActivityPatch{}) {
		t.Errorf("empty form: %+v; want an empty patch", p)
	}
	// interpretation alone (without interpretation_shown) is ignored too.
	p, err = editing.ActivityForm(url.Values{"interpretation": {"on"}, "version": {"3"}}, edShanghai)
	if err != nil || p.Interpretation != nil {
		t.Errorf("interpretation without interpretation_shown: %v, %v", err, p.Interpretation)
	}
}

func TestActivityFormDecodes(t *testing.T) {
	form, _ := url.ParseQuery("title_zh=量子论坛&title_en=Quantum+Forum&summary_zh=&summary_en=x" +
		"&languages=zh,+en，fr、de&interpretation_shown=1&livestream_url=https://live.example.org&livestream_starts_at=" +
		"&speakers=ada+keynote%0D%0A%0D%0Ali-lei%0D%0A+han-mei+moderator+&room=hall-a&starts_at=2025-03-28T09:00&ends_at=2025-03-28T11:30" +
		"&capacity=+120+&status=cancelled")
	p, err := editing.ActivityForm(form, edShanghai)
	if err != nil {
		t.Fatal(err)
	}
	if p.TitleZH == nil || *p.TitleZH != "量子论坛" || p.TitleEN == nil || *p.TitleEN != "Quantum Forum" || p.SummaryZH == nil || *p.SummaryZH != "" {
		t.Errorf("texts: %v %v %v", p.TitleZH, p.TitleEN, p.SummaryZH)
	}
	if p.Languages == nil || !slices.Equal(*p.Languages, []string{"zh", "en", "fr", "de"}) {
		t.Errorf("languages %v", p.Languages)
	}
	if p.Interpretation == nil || *p.Interpretation {
		t.Errorf("unticked interpretation: %v; want false", p.Interpretation)
	}
	if p.Livestream == nil || p.Livestream.URL != "https://live.example.org" || p.Livestream.StartsAt != nil {
		t.Errorf("livestream %+v", p.Livestream)
	}
	want := []editing.Speaker{{Person: "ada", Role: program.SpeakerKeynote}, {Person: "li-lei", Role: program.SpeakerSpeaker}, {Person: "han-mei", Role: program.SpeakerModerator}}
	if p.Speakers == nil || !slices.Equal(*p.Speakers, want) {
		t.Errorf("speakers %v; want %v", p.Speakers, want)
	}
	if p.Room == nil || *p.Room != "hall-a" {
		t.Errorf("room %v", p.Room)
	}
	if p.StartsAt == nil || !p.StartsAt.Equal(time.Date(2025, 3, 28, 1, 0, 0, 0, time.UTC)) {
		t.Errorf("starts_at %v; want 01:00 UTC (09:00 in Beijing)", p.StartsAt)
	}
	if p.EndsAt == nil || !p.EndsAt.Equal(time.Date(2025, 3, 28, 3, 30, 0, 0, time.UTC)) {
		t.Errorf("ends_at %v", p.EndsAt)
	}
	if p.Capacity == nil || *p.Capacity != 120 || p.Status == nil || *p.Status != program.StatusCancelled {
		t.Errorf("capacity %v status %v", p.Capacity, p.Status)
	}

	ticked, _ := editing.ActivityForm(url.Values{"interpretation_shown": {"1"}, "interpretation": {"on"}}, edShanghai)
	if ticked.Interpretation == nil || !*ticked.Interpretation {
		t.Errorf("ticked interpretation: %v", ticked.Interpretation)
	}
	live, _ := editing.ActivityForm(url.Values{"livestream_url": {"https://l.example"}, "livestream_starts_at": {"2025-03-28T08:50"}}, edShanghai)
	if live.Livestream == nil || live.Livestream.StartsAt == nil || !live.Livestream.StartsAt.Equal(edAt(28, 8, 50)) {
		t.Errorf("livestream start %+v", live.Livestream)
	}
	empty, err := editing.ActivityForm(url.Values{"capacity": {" "}, "starts_at": {""}, "speakers": {""}}, edShanghai)
	if err != nil || empty.Capacity == nil || *empty.Capacity != 0 || empty.StartsAt != nil || empty.Speakers == nil || len(*empty.Speakers) != 0 {
		t.Errorf("empty capacity, start and speakers: %v, %+v", err, empty)
	}
}

func TestActivityFormErrors(t *testing.T) {
	form := url.Values{
		"capacity":  {"a dozen"},
		"starts_at": {"28/03/2025 09:00"},
		"ends_at":   {"2025-03-28T25:00"},
		"speakers":  {"ada keynote\nli lei moderator"},
		"title_en":  {"ok"},
	}
	p, err := editing.ActivityForm(form, edShanghai)
	got := edProblems(t, err)
	for f, want := range map[string]string{"capacity": "number", "starts_at": "time", "ends_at": "time", "speakers": "speaker_line"} {
		if !slices.Contains(got[f], want) {
			t.Errorf("%s: problems %v; want %s", f, got[f], want)
		}
	}
	if len(got) != 4 {
		t.Errorf("problems %v; want four fields", got)
	}
	var pe *program.Error
	errors.As(err, &pe)
	for _, f := range pe.Fields {
		if f.Field == "speakers" && !strings.Contains(f.Message, "line 2") {
			t.Errorf("speaker error %q does not name line 2", f.Message)
		}
	}
	if p.TitleEN == nil || *p.TitleEN != "ok" {
		t.Error("the valid fields of a bad form are still decoded")
	}
}

func TestActivityDiff(t *testing.T) {
	ed := edEdition()
	rec := editing.RecordOf(ed, edActivity(t, ed, "hosted"))
	if d := editing.ActivityDiff(rec, rec); !d.Empty() || len(d.Fields()) != 0 {
		t.Errorf("same record: %+v", d)
	}
	cur := rec
	cur.Title.EN = "Other"
	cur.Capacity = 40
	cur.Livestream = &program.Livestream{URL: "https://l.example", StartsAt: edAt(28, 9, 0)}
	cur.Speakers = nil
	d := editing.ActivityDiff(rec, cur)
	if got, want := d.Fields(), []string{"capacity", "livestream_starts_at", "livestream_url", "speakers", "title_en"}; !slices.Equal(got, want) {
		t.Fatalf("fields %v; want %v", got, want)
	}
	for f, ba := range map[string][2]string{
		"title_en":             {"Hosted", "Other"},
		"capacity":             {"0", "40"},
		"livestream_url":       {"", "https://l.example"},
		"livestream_starts_at": {"", "2025-03-28T01:00:00Z"},
		"speakers":             {"ada keynote", ""},
	} {
		if d.Before[f] != ba[0] || d.After[f] != ba[1] {
			t.Errorf("%s: %q → %q; want %q → %q", f, d.Before[f], d.After[f], ba[0], ba[1])
		}
	}
	if len(d.Before) != len(d.After) {
		t.Errorf("before has %d fields, after %d", len(d.Before), len(d.After))
	}
}

// A URL is text too: invalid UTF-8 and control characters are refused in
// it like in any other field (found by FuzzActivityForm for the livestream).
func TestURLFieldsRefuseBadText(t *testing.T) {
	ed := edEdition()
	rec := editing.RecordOf(ed, edActivity(t, ed, "hosted"))
	for _, u := range []string{"http://0\x80", "https://live.example.org/a\u0085b"} {
		if _, err := editing.ApplyActivity(ed, edKnown, pku, rec, editing.ActivityPatch{Livestream: &editing.LivestreamPatch{URL: u}}); program.ErrorCode(err) != program.CodeInvalid {
			t.Errorf("livestream URL %q: %v; want invalid", u, err)
		}
		if _, err := editing.ApplyItem(editing.Kinds["orgs"], editing.Values{}, url.Values{"website": {u}}, edShanghai); program.ErrorCode(err) != program.CodeInvalid {
			t.Errorf("organisation website %q: %v; want invalid", u, err)
		}
	}
}
