package registration

import (
	"fmt"
	"net/mail"
	"strings"
	"unicode"
	"unicode/utf8"

	"convene/internal/program"
)

// Application is what a person types to register. Normalize checks it.
type Application struct {
	Name         string `json:"name"`
	Email        string `json:"email"`
	Phone        string `json:"phone"`
	Organisation string `json:"organisation"`
	Country      string `json:"country"`
	Kind         string `json:"kind"`       // default attendee
	Invitation   string `json:"invitation"` // needed for every kind but attendee
}

// Limits of the fields, in characters. They are generous for real names and
// organisations in any script and small enough that nobody stores a novel.
const (
	maxName         = 100
	maxEmail        = 254 // RFC 5321 path limit
	maxPhone        = 32
	maxOrganisation = 200
	maxInvitation   = 64
)

// Normalize trims and checks every field and returns the cleaned application
// (email lower-cased, country upper-cased, kind defaulted) or one invalid
// error listing every field at fault.
func (in Application) Normalize() (Application, error) {
	out := Application{
		Name:         strings.TrimSpace(in.Name),
		Email:        strings.ToLower(strings.TrimSpace(in.Email)),
		Phone:        strings.TrimSpace(in.Phone),
		Organisation: strings.TrimSpace(in.Organisation),
		Country:      strings.ToUpper(strings.TrimSpace(in.Country)),
		Kind:         strings.TrimSpace(in.Kind),
		Invitation:   normalizeInvitation(in.Invitation),
	}
	if out.Kind == "" {
		out.Kind = string(KindAttendee)
	}
	var errs fieldErrors
	errs.text("name", out.Name, maxName, true)
	errs.text("email", out.Email, maxEmail, true)
	if !errs.has("email") && !validEmail(out.Email) {
		errs.add("email", "email", "is not an email address like name@example.org")
	}
	errs.text("phone", out.Phone, maxPhone, false)
	if !errs.has("phone") && strings.TrimFunc(out.Phone, func(r rune) bool { return unicode.IsDigit(r) || strings.ContainsRune("+-() ", r) }) != "" {
		errs.add("phone", "phone", "may hold only digits, spaces, +, - and brackets")
	}
	errs.text("organisation", out.Organisation, maxOrganisation, false)
	if out.Country != "" && (len(out.Country) != 2 || strings.TrimFunc(out.Country, func(r rune) bool { return r >= 'A' && r <= 'Z' }) != "") {
		errs.add("country", "country", "must be a two-letter ISO 3166 code such as CN or DE")
	}
	errs.text("invitation", out.Invitation, maxInvitation, false)
	switch k := Kind(out.Kind); {
	case !k.valid():
		errs.add("kind", "kind", fmt.Sprintf("must be one of attendee, guest, media, staff, exhibitor, not %q", out.Kind))
	case k != KindAttendee && out.Invitation == "":
		errs.add("invitation", "invitation_required", fmt.Sprintf("registering as %s needs an invitation code", k))
	}
	if len(errs) > 0 {
		return out, errs.err()
	}
	return out, nil
}

func validEmail(s string) bool {
	addr, err := mail.ParseAddress(s)
	return err == nil && addr.Address == s && addr.Name == "" && strings.Contains(s[strings.LastIndexByte(s, '@'):], ".")
}

// normalizeInvitation lets people type codes in either case and with the
// spaces or dashes they were printed with.
func normalizeInvitation(s string) string {
	return strings.ToUpper(strings.NewReplacer(" ", "", "-", "").Replace(strings.TrimSpace(s)))
}

type fieldErrors []program.FieldError

func (f *fieldErrors) add(field, problem, msg string) {
	*f = append(*f, program.FieldError{Field: field, Problem: problem, Message: field + " " + msg})
}

func (f fieldErrors) has(field string) bool {
	for _, e := range f {
		if e.Field == field {
			return true
		}
	}
	return false
}

// text checks presence, length and control characters of a free-text field.
func (f *fieldErrors) text(field, v string, limit int, required bool) {
	switch {
	case v == "" && required:
		f.add(field, "required", "is required")
	case !utf8.ValidString(v):
		f.add(field, "encoding", "is not valid UTF-8")
	case utf8.RuneCountInString(v) > limit:
		f.add(field, "too_long", fmt.Sprintf("is longer than %d characters", limit))
	case strings.IndexFunc(v, unicode.IsControl) >= 0:
		f.add(field, "control", "contains control characters")
	}
}

func (f fieldErrors) err() error {
	fields := make([]string, len(f))
	for i, e := range f {
		fields[i] = e.Field
	}
	return &program.Error{
		Code: program.CodeInvalid, Field: f[0].Field, Fields: f,
		Message: fmt.Sprintf("check %s: %s", strings.Join(fields, ", "), f[0].Message),
	}
}
