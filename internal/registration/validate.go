package registration

import (
	"fmt"
	"net/mail"
	"strings"
	"unicode"

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
	var errs program.FieldErrors
	errs.Text("name", out.Name, maxName, true)
	errs.Text("email", out.Email, maxEmail, true)
	if !errs.Has("email") && !validEmail(out.Email) {
		errs.Add("email", "email", "is not an email address like name@example.org")
	}
	errs.Text("phone", out.Phone, maxPhone, false)
	if !errs.Has("phone") && strings.TrimFunc(out.Phone, func(r rune) bool { return unicode.IsDigit(r) || strings.ContainsRune("+-() ", r) }) != "" {
		errs.Add("phone", "phone", "may hold only digits, spaces, +, - and brackets")
	}
	errs.Text("organisation", out.Organisation, maxOrganisation, false)
	if out.Country != "" && (len(out.Country) != 2 || strings.TrimFunc(out.Country, func(r rune) bool { return r >= 'A' && r <= 'Z' }) != "") {
		errs.Add("country", "country", "must be a two-letter ISO 3166 code such as CN or DE")
	}
	errs.Text("invitation", out.Invitation, maxInvitation, false)
	switch k := Kind(out.Kind); {
	case !k.valid():
		errs.Add("kind", "kind", fmt.Sprintf("must be one of attendee, guest, media, staff, exhibitor, not %q", out.Kind))
	case k != KindAttendee && out.Invitation == "":
		errs.Add("invitation", "invitation_required", fmt.Sprintf("registering as %s needs an invitation code", k))
	}
	if len(errs) > 0 {
		return out, errs.Err()
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
