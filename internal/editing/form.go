package editing

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	"convene/internal/program"
)

// LocalTimeLayout is how edit forms show and read times: the value of an
// HTML datetime-local input, in the edition's time zone.
const LocalTimeLayout = "2006-01-02T15:04"

// ActivityForm decodes the activity edit form. The form always posts every
// field it shows, so a field is changed exactly when it is present; the
// secretariat's fields are read only for an admin's form (an editor's form
// does not show them, and a crafted one is refused by ApplyActivity).
func ActivityForm(form url.Values, loc *time.Location) (ActivityPatch, error) {
	var p ActivityPatch
	var errs program.FieldErrors
	str := func(name string) *string {
		if _, ok := form[name]; !ok {
			return nil
		}
		v := form.Get(name)
		return &v
	}
	p.TitleZH, p.TitleEN = str("title_zh"), str("title_en")
	p.SummaryZH, p.SummaryEN = str("summary_zh"), str("summary_en")
	if v := str("languages"); v != nil {
		langs := strings.FieldsFunc(*v, func(r rune) bool { return r == ',' || r == ' ' || r == '，' || r == '、' })
		p.Languages = &langs
	}
	if _, ok := form["interpretation_shown"]; ok { // an unticked checkbox posts nothing
		on := form.Get("interpretation") != ""
		p.Interpretation = &on
	}
	if v := str("livestream_url"); v != nil {
		p.Livestream = &LivestreamPatch{URL: *v}
		p.Livestream.StartsAt = localTime(form, "livestream_starts_at", loc, &errs)
	}
	if v := str("speakers"); v != nil {
		speakers, err := parseSpeakers(*v)
		if err != "" {
			errs.Add("speakers", "speaker_line", err)
		}
		p.Speakers = &speakers
	}
	p.Room = str("room")
	p.StartsAt = localTime(form, "starts_at", loc, &errs)
	p.EndsAt = localTime(form, "ends_at", loc, &errs)
	if v := str("capacity"); v != nil {
		n, err := strconv.Atoi(strings.TrimSpace(*v))
		if strings.TrimSpace(*v) == "" {
			n, err = 0, nil
		}
		if err != nil {
			errs.Add("capacity", "number", "must be a whole number of seats (0 or empty: the room's)")
		}
		p.Capacity = &n
	}
	if v := str("status"); v != nil {
		st := program.Status(*v)
		p.Status = &st
	}
	if len(errs) > 0 {
		return p, errs.Err()
	}
	return p, nil
}

// localTime reads a datetime-local field in loc; nil when absent or empty.
func localTime(form url.Values, name string, loc *time.Location, errs *program.FieldErrors) *time.Time {
	v := strings.TrimSpace(form.Get(name))
	if v == "" {
		return nil
	}
	t, err := time.ParseInLocation(LocalTimeLayout, v, loc)
	if err != nil {
		errs.Add(name, "time", "must be a date and time such as 2025-03-28T09:00")
		return nil
	}
	return &t
}

// parseSpeakers reads one person per line: "slug role", the role optional
// (speaker). It returns the problem of the first bad line, if any.
func parseSpeakers(text string) ([]Speaker, string) {
	var out []Speaker
	for i, line := range strings.Split(text, "\n") {
		f := strings.Fields(line)
		switch len(f) {
		case 0:
			continue
		case 1:
			out = append(out, Speaker{Person: f[0], Role: program.SpeakerSpeaker})
		case 2:
			out = append(out, Speaker{Person: f[0], Role: program.SpeakerRole(f[1])})
		default:
			return out, fmt.Sprintf("line %d: write one person per line as \"slug role\", e.g. \"wang-fang keynote\"", i+1)
		}
	}
	return out, ""
}

// SpeakersText is the speakers of rec as the form's text.
func SpeakersText(rec program.ActivityRecord) string {
	var b strings.Builder
	for _, s := range rec.Speakers {
		fmt.Fprintf(&b, "%s %s\n", s.Person, s.Role)
	}
	return b.String()
}
