package registration_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"convene/internal/program"
	"convene/internal/registration"
)

// FuzzApplicationNormalize: the registration form's decoder never panics;
// what it accepts is clean (trimmed, valid UTF-8, within limits, a known
// kind), and what it refuses names at least one field.
func FuzzApplicationNormalize(f *testing.F) {
	f.Add("李雷", "li.lei@example.org", "+86 10 1234 5678", "清华大学", "cn", "", "")
	f.Add(" ", "not an email", "call me", strings.Repeat("x", 300), "China", "vip", "NOPE")
	f.Add("A\x00B", "a@b.c", "", "", "", "guest", "abcd-efgh-ijkl")
	f.Fuzz(func(t *testing.T, name, email, phone, org, country, kind, invitation string) {
		in := registration.Application{Name: name, Email: email, Phone: phone, Organisation: org, Country: country, Kind: kind, Invitation: invitation}
		out, err := in.Normalize()
		if err != nil {
			e := program.SafeError(err)
			if e == nil || e.Code != program.CodeInvalid || len(e.Fields) == 0 {
				t.Fatalf("refused without naming a field: %v", err)
			}
			return
		}
		for field, v := range map[string]string{"name": out.Name, "email": out.Email, "phone": out.Phone, "organisation": out.Organisation} {
			if !utf8.ValidString(v) || strings.TrimSpace(v) != v || utf8.RuneCountInString(v) > 254 {
				t.Fatalf("accepted %s %q", field, v)
			}
		}
		if out.Name == "" || !strings.Contains(out.Email, "@") || out.Email != strings.ToLower(out.Email) {
			t.Fatalf("accepted name %q email %q", out.Name, out.Email)
		}
		if out.Kind != string(registration.KindAttendee) && out.Invitation == "" {
			t.Fatalf("accepted kind %q without an invitation", out.Kind)
		}
		if len(out.Country) != 0 && len(out.Country) != 2 {
			t.Fatalf("accepted country %q", out.Country)
		}
	})
}
