package web

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"convene/internal/editing"
	"convene/internal/program"
	"convene/internal/registration"
)

// TestMessagesParity checks the catalogue: every key in both languages,
// every key a template or handler uses present, and a display name for
// every enum value of the program.
func TestMessagesParity(t *testing.T) {
	verbs := regexp.MustCompile(`%[a-z]`)
	for key, m := range messages {
		if strings.TrimSpace(m.zh) == "" || strings.TrimSpace(m.en) == "" {
			t.Errorf("message %q lacks a language: zh %q, en %q", key, m.zh, m.en)
		}
		// Formats (see Tf) take the same arguments in both languages.
		if zh, en := verbs.FindAllString(m.zh, -1), verbs.FindAllString(m.en, -1); strings.Join(zh, "") != strings.Join(en, "") {
			t.Errorf("message %q: zh has verbs %q, en %q", key, zh, en)
		}
	}

	// Keys used by templates: {{t <lang> "key"}}.
	tmplKey := regexp.MustCompile(`\bt\s+\$?[.\w]*\s+"([^"]+)"`)
	files, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil || len(files) == 0 {
		t.Fatalf("no templates: %v", err)
	}
	used := 0
	for _, f := range files {
		b, err := fs.ReadFile(templateFS, f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range tmplKey.FindAllStringSubmatch(string(b), -1) {
			used++
			if _, ok := messages[m[1]]; !ok {
				t.Errorf("%s uses unknown message key %q", f, m[1])
			}
		}
		// Every {{t call must have been understood by the scan above.
		if n := strings.Count(string(b), "{{t "); n > len(tmplKey.FindAllString(string(b), -1)) {
			t.Errorf("%s: %d {{t calls but only %d with a literal key", f, n, len(tmplKey.FindAllString(string(b), -1)))
		}
	}
	if used == 0 {
		t.Fatal("the scan found no message keys in the templates")
	}

	// Keys used by handlers: T(lang, "key").
	goKey := regexp.MustCompile(`\bTf?\([\w.]+,\s*"([^"]+)"[,)]`)
	goFiles, _ := filepath.Glob("*.go")
	for _, f := range goFiles {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range goKey.FindAllStringSubmatch(string(b), -1) {
			if _, ok := messages[m[1]]; !ok {
				t.Errorf("%s uses unknown message key %q", f, m[1])
			}
		}
	}

	// Enum values.
	need := []string{}
	for _, k := range program.ActivityKinds {
		need = append(need, "kind."+string(k))
	}
	for _, k := range program.OrgKinds {
		need = append(need, "orgkind."+string(k))
	}
	for _, r := range program.HostRoles {
		need = append(need, "role."+string(r))
	}
	for _, r := range program.SpeakerRoles {
		need = append(need, "speaker."+string(r))
	}
	for _, o := range program.Orientations {
		need = append(need, "orient."+string(o))
	}
	for _, h := range program.Honours {
		need = append(need, "honour."+string(h))
	}
	for _, k := range []string{program.HitActivity, program.HitPerson, program.HitOrganisation} {
		need = append(need, "hit."+k)
	}
	for _, k := range registration.Kinds {
		need = append(need, "regkind."+string(k))
	}
	for _, r := range []registration.Role{registration.RoleCheckin, registration.RoleAdmin} {
		need = append(need, "staffrole."+string(r))
	}
	for _, o := range []registration.Outcome{registration.Admitted, registration.AlreadyIn, registration.NotRegistered, registration.UnknownTicket, registration.RevokedTicket} {
		need = append(need, "outcome."+string(o))
	}
	for _, p := range []string{"required", "too_long", "email", "phone", "country", "kind", "invitation_required", "encoding", "control"} {
		need = append(need, "register.problem."+p)
	}
	for _, l := range []string{program.LangZH, program.LangEN} {
		need = append(need, "lang."+l)
	}
	for _, key := range need {
		if _, ok := messages[key]; !ok {
			t.Errorf("no display name %q", key)
		}
	}
}

func TestT(t *testing.T) {
	if got := T("zh", "kind.parallel-forum"); got != "平行论坛" {
		t.Errorf("zh parallel-forum = %q", got)
	}
	if got := T("en", "kind.parallel-forum"); got != "Parallel forum" {
		t.Errorf("en parallel-forum = %q", got)
	}
	if got := enum("zh", "orient", program.OrientFrontier); got != "面向世界科技前沿" {
		t.Errorf("zh frontier = %q", got)
	}
	if got := enum("en", "orient", program.OrientFrontier); got != "World science frontier" {
		t.Errorf("en frontier = %q", got)
	}
	if got := enum("en", "kind", program.ActivityKind("unheard-of")); got != "unheard-of" {
		t.Errorf("unknown enum = %q, want the raw value", got)
	}
}

func TestFormats(t *testing.T) {
	for _, c := range []struct{ got, want string }{
		{fmtDate("zh", "2025-03-27"), "3月27日"},
		{fmtDate("en", "2025-03-27"), "27 March"},
		{fmtDateWeekday("zh", "2025-03-27"), "3月27日 周四"},
		{fmtDateWeekday("en", "2025-03-27"), "Thu 27 March"},
		{fmtDateRange("zh", "2025-03-27", "2025-03-31"), "2025年3月27日—31日"},
		{fmtDateRange("en", "2025-03-27", "2025-03-31"), "27–31 March 2025"},
		{fmtDateRange("en", "2025-03-30", "2025-04-02"), "30 March – 2 April 2025"},
		{countryName("zh", "US"), "美国"},
		{countryName("en", "GB"), "United Kingdom"},
		{languageNames("zh", []string{"zh", "en", "fr"}), "中文、英文、fr"},
		{externalURL("javascript:alert(1)"), ""},
		{externalURL("https://example.org/live"), "https://example.org/live"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}

// TestEditingMessages: every problem code the editing package reports and
// every field its forms show has a message in both languages, so an edit
// form never answers in English only. The codes are read from the source,
// so a new one cannot be added without its message.
func TestEditingMessages(t *testing.T) {
	files, err := filepath.Glob("../editing/*.go")
	if err != nil || len(files) == 0 {
		t.Fatalf("editing sources: %v %v", files, err)
	}
	codes := map[string]bool{}
	add := regexp.MustCompile(`\.Add\((?:"[a-z_]+"|f\.Name), "([a-z_]+)"`)
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range add.FindAllSubmatch(src, -1) {
			codes[string(m[1])] = true
		}
	}
	if len(codes) < 10 {
		t.Fatalf("found only %d problem codes in internal/editing: the pattern no longer matches the source", len(codes))
	}
	for code := range codes {
		if !hasMessage("register.problem." + code) {
			t.Errorf("no message for the editing problem %q", code)
		}
	}
	fields := []string{"title_zh", "title_en", "summary_zh", "summary_en", "languages", "interpretation", "livestream_url",
		"livestream_starts_at", "speakers", "room", "starts_at", "ends_at", "capacity", "status"}
	for _, k := range editing.Kinds {
		for _, f := range k.Fields {
			fields = append(fields, f.Name)
		}
		if !hasMessage("admin." + k.Name) {
			t.Errorf("no message for the list of %s", k.Name)
		}
	}
	for _, f := range fields {
		if !hasMessage("edit.field." + f) {
			t.Errorf("no label for the field %q", f)
		}
	}
}
