package fair

import (
	"fmt"
	"net/mail"
	"slices"
	"strings"
	"unicode"

	"convene/internal/program"
)

// Limits of the fields, in characters.
const (
	maxName    = 200
	maxEmail   = 254
	maxPhone   = 32
	maxTitle   = 200
	maxSummary = 4000
	maxRegion  = 100
)

// Normalize trims and checks every field of a participant of fair f and
// returns the cleaned participant or one invalid error naming every field at
// fault, with the stable problem codes registration uses (required,
// too_long, control, …) and a few of its own (side, availability, slot).
func (p Participant) Normalize(f *Fair) (Participant, error) {
	out := p
	out.Organisation = trimText(p.Organisation)
	out.Contact = Contact{Name: strings.TrimSpace(p.Contact.Name), Email: strings.ToLower(strings.TrimSpace(p.Contact.Email)), Phone: strings.TrimSpace(p.Contact.Phone)}
	if out.Availability == "" {
		out.Availability = AvailableBoth
	}
	var errs problems
	errs.bilingual("organisation", out.Organisation, maxName)
	errs.Text("contact.name", out.Contact.Name, maxName, true)
	errs.Text("contact.email", out.Contact.Email, maxEmail, true)
	if !errs.Has("contact.email") {
		if a, err := mail.ParseAddress(out.Contact.Email); err != nil || a.Address != out.Contact.Email || a.Name != "" {
			errs.Add("contact.email", "email", "is not an email address like name@example.org")
		}
	}
	errs.Text("contact.phone", out.Contact.Phone, maxPhone, false)
	if !errs.Has("contact.phone") && strings.TrimFunc(out.Contact.Phone, func(r rune) bool { return unicode.IsDigit(r) || strings.ContainsRune("+-() ", r) }) != "" {
		errs.Add("contact.phone", "phone", "may hold only digits, spaces, +, - and brackets")
	}
	oneOf(&errs, "side", out.Side, SideSupply, SideDemand, SideBoth)
	oneOf(&errs, "availability", out.Availability, AvailableMorning, AvailableAfternoon, AvailableBoth)
	out.Unavailable = slices.Clone(p.Unavailable)
	slices.Sort(out.Unavailable)
	out.Unavailable = slices.Compact(out.Unavailable)
	for _, t := range out.Unavailable {
		if t < 1 || t > f.Slots {
			errs.Add("unavailable", "slot", fmt.Sprintf("lists slot %d; the fair has slots 1 to %d", t, f.Slots))
			break
		}
	}
	return out, errs.err()
}

// Normalize checks an achievement; owner is the participant offering it.
func (a Achievement) Normalize(owner *Participant) (Achievement, error) {
	out := a
	out.Title, out.Summary = trimText(a.Title), trimText(a.Summary)
	var errs problems
	errs.bilingual("title", out.Title, maxTitle)
	errs.summary("summary", out.Summary, maxSummary)
	errs.field(out.Field)
	if out.TRL < 1 || out.TRL > 9 {
		errs.Add("trl", "range", fmt.Sprintf("must be a technology readiness level from 1 to 9, not %d", out.TRL))
	}
	oneOf(&errs, "ip", out.IP, IPTypes...)
	oneOf(&errs, "transfer", out.Transfer, TransferModes...)
	if owner != nil && !owner.Supplies() {
		errs.Add("participant", "side", "is on the demand side; only supply participants offer achievements")
	}
	return out, errs.err()
}

// Normalize checks a need; owner is the enterprise that has it.
func (n Need) Normalize(owner *Participant) (Need, error) {
	out := n
	out.Title, out.Summary = trimText(n.Title), trimText(n.Summary)
	out.Region = strings.TrimSpace(n.Region)
	if out.MinTRL == 0 {
		out.MinTRL = 1
	}
	var errs problems
	errs.bilingual("title", out.Title, maxTitle)
	errs.summary("summary", out.Summary, maxSummary)
	errs.field(out.Field)
	if out.MinTRL < 1 || out.MinTRL > 9 {
		errs.Add("min_trl", "range", fmt.Sprintf("must be a technology readiness level from 1 to 9, not %d", out.MinTRL))
	}
	switch {
	case out.BudgetMin < 0 || out.BudgetMax < 0:
		errs.Add("budget", "range", "cannot be negative")
	case out.BudgetMax != 0 && out.BudgetMax < out.BudgetMin:
		errs.Add("budget", "range", fmt.Sprintf("maximum %d is below the minimum %d", out.BudgetMax, out.BudgetMin))
	}
	errs.Text("region", out.Region, maxRegion, false)
	if owner != nil && !owner.Demands() {
		errs.Add("participant", "side", "is on the supply side; only demand participants post needs")
	}
	return out, errs.err()
}

// CheckOutcome checks the outcome of a meeting: an amount goes with a
// signed contract only.
func CheckOutcome(o Outcome, amountCNY int64) error {
	var errs problems
	oneOf(&errs, "outcome", o, OutcomeNone, OutcomeIntention, OutcomeContract)
	switch {
	case amountCNY < 0:
		errs.Add("amount_cny", "range", "cannot be negative")
	case amountCNY > 0 && o != OutcomeContract:
		errs.Add("amount_cny", "amount_without_contract", "is only recorded with a signed contract")
	}
	return errs.err()
}

func trimText(t program.Text) program.Text {
	return program.Text{ZH: strings.TrimSpace(t.ZH), EN: strings.TrimSpace(t.EN)}
}

// problems collects every field at fault (program.FieldErrors) with the
// fair's own checks.
type problems struct{ program.FieldErrors }

// bilingual checks a required text given in at least one language.
func (f *problems) bilingual(field string, t program.Text, limit int) {
	if t.IsZero() {
		f.Add(field, "required", "is required in Chinese or English")
		return
	}
	f.optionalText(field, t, limit)
}

func (f *problems) optionalText(field string, t program.Text, limit int) {
	f.Text(field+".zh", t.ZH, limit, false)
	f.Text(field+".en", t.EN, limit, false)
}

// summary checks a text area in both languages: line breaks allowed.
func (f *problems) summary(field string, t program.Text, limit int) {
	f.LongText(field+".zh", t.ZH, limit, false)
	f.LongText(field+".en", t.EN, limit, false)
}

// err is the invalid error listing every field at fault, or nil.
func (f problems) err() error {
	if len(f.FieldErrors) == 0 {
		return nil
	}
	return f.Err()
}

func (f *problems) field(v string) {
	if _, ok := Fields[v]; !ok {
		keys := make([]string, 0, len(Fields))
		for k := range Fields {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		f.Add("field", "field", fmt.Sprintf("must be one of %s, not %q", strings.Join(keys, ", "), v))
	}
}

// oneOf checks that v is one of the allowed values.
func oneOf[T ~string](f *problems, field string, v T, allowed ...T) {
	if slices.Contains(allowed, v) {
		return
	}
	names := make([]string, len(allowed))
	for i, a := range allowed {
		names[i] = string(a)
	}
	f.Add(field, field, fmt.Sprintf("must be one of %s, not %q", strings.Join(names, ", "), v))
}
