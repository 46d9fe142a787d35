package editing_test

import (
	"net/url"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"convene/internal/editing"
	"convene/internal/program"
)

// FuzzActivityForm: whatever the activity edit form posts, decoding it and
// applying it never panics, and what ApplyActivity accepts is clean text
// within limits, names only known people in known roles, and, for an
// editor, leaves the secretariat's fields (room, times, seats, status) alone.
func FuzzActivityForm(f *testing.F) {
	for _, seed := range []string{
		"title_zh=量子论坛&title_en=Quantum+Forum&summary_zh=简介&summary_en=About%0D%0A%0D%0Amore&languages=zh,en&interpretation_shown=1&interpretation=on",
		"title_zh=&title_en=x&livestream_url=javascript:alert(1)&livestream_starts_at=2025-03-28T09:00",
		"speakers=ada+keynote%0D%0Ali-lei%0D%0Anobody+chair&languages=zh，en、fr",
		"room=hall-b&starts_at=2025-03-28T09:00&ends_at=2025-03-28T11:30&capacity=120&status=cancelled",
		"starts_at=2025-03-26T23:00&ends_at=2025-03-26T22:00&capacity=-5&status=secret",
		"title_en=A%00B&summary_en=%ff%fe&livestream_url=https://live.example.org/%ff",
		"livestream_url=https://live.example.org/q&livestream_starts_at=2025-03-28T08:50&version=3",
		"capacity=&room=&starts_at=&ends_at=",
		// Found by fuzzing: the livestream URL is checked as a URL only, so
		// invalid UTF-8 and C1 control characters got through.
		"livestream_url=http://0%80",
		"livestream_url=https://live.example.org/a%C2%85b",
	} {
		f.Add(seed, false)
		f.Add(seed, true)
	}
	ed := edEdition()
	a, _ := ed.Activity("hosted")
	rec := editing.RecordOf(ed, a)
	editor := editing.Editor{Actor: "account:pku@example.org", Orgs: []string{"pku"}}
	secretariat := editing.Editor{Actor: "staff:sec", Admin: true}
	f.Fuzz(func(t *testing.T, body string, isAdmin bool) {
		form, err := url.ParseQuery(body)
		if err != nil {
			return
		}
		e := editor
		if isAdmin {
			e = secretariat
		}
		patch, err := editing.ActivityForm(form, ed.Location())
		if err != nil {
			if program.ErrorCode(err) != program.CodeInvalid {
				t.Fatalf("form error %v is not invalid", err)
			}
			return
		}
		out, err := editing.ApplyActivity(ed, edKnown, e, rec, patch)
		if err != nil {
			if c := program.ErrorCode(err); c != program.CodeInvalid && c != program.CodeForbidden {
				t.Fatalf("error %v is neither invalid nor forbidden", err)
			}
			return
		}
		checkText := func(field, s string, limit int, required, multiLine bool) {
			if !utf8.ValidString(s) {
				t.Fatalf("%s accepted invalid UTF-8 %q", field, s)
			}
			if required && s == "" {
				t.Fatalf("%s accepted empty", field)
			}
			if n := utf8.RuneCountInString(s); n > limit {
				t.Fatalf("%s accepted %d characters, limit %d", field, n, limit)
			}
			if i := strings.IndexFunc(s, func(r rune) bool {
				return unicode.IsControl(r) && !(multiLine && strings.ContainsRune("\n\r\t", r))
			}); i >= 0 {
				t.Fatalf("%s accepted a control character in %q", field, s)
			}
		}
		checkText("title_zh", out.Title.ZH, 200, true, false)
		checkText("title_en", out.Title.EN, 200, true, false)
		checkText("summary_zh", out.Summary.ZH, 4000, false, true)
		checkText("summary_en", out.Summary.EN, 4000, false, true)
		for _, l := range out.Languages {
			if len(l) != 2 || strings.Trim(l, "abcdefghijklmnopqrstuvwxyz") != "" {
				t.Fatalf("language %q accepted", l)
			}
		}
		if out.Livestream != nil {
			checkText("livestream_url", out.Livestream.URL, 1000, true, false)
			if u, err := url.Parse(out.Livestream.URL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
				t.Fatalf("livestream URL %q accepted", out.Livestream.URL)
			}
		}
		if len(out.Speakers) > 100 {
			t.Fatalf("%d speakers accepted", len(out.Speakers))
		}
		var seen []string
		for _, s := range out.Speakers {
			if !edKnown("person", s.Person) || !slices.Contains(program.SpeakerRoles, s.Role) || slices.Contains(seen, s.Person) {
				t.Fatalf("speaker %+v accepted (after %v)", s, seen)
			}
			seen = append(seen, s.Person)
		}
		if out.Room != "" && !edKnown("room", out.Room) {
			t.Fatalf("room %q accepted", out.Room)
		}
		if !slices.Contains(program.Statuses, out.Status) || out.Capacity < 0 {
			t.Fatalf("status %q, capacity %d accepted", out.Status, out.Capacity)
		}
		if !isAdmin && (out.Room != rec.Room || !out.StartsAt.Equal(rec.StartsAt) || !out.EndsAt.Equal(rec.EndsAt) ||
			out.Capacity != rec.Capacity || out.Status != rec.Status) {
			t.Fatalf("an editor changed the secretariat's fields: room %q, %v–%v, capacity %d, status %q", out.Room, out.StartsAt, out.EndsAt, out.Capacity, out.Status)
		}
		if out.Slug != rec.Slug || out.Version != rec.Version || out.Section != rec.Section || !slices.Equal(out.Hosts, rec.Hosts) {
			t.Fatalf("fields no form may change changed: %+v", out)
		}
	})
}
