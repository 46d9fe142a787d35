package editing

import (
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"convene/internal/program"
)

// Diff is the fields an edit changed, old and new values as text: what the
// audit log keeps and the form confirms.
type Diff struct {
	Before map[string]string `json:"before"`
	After  map[string]string `json:"after"`
}

// Empty reports whether nothing changed.
func (d Diff) Empty() bool { return len(d.After) == 0 }

// Fields lists the changed fields in a stable order.
func (d Diff) Fields() []string { return slices.Sorted(maps.Keys(d.After)) }

// diffFields compares two flattened records.
func diffFields(old, cur map[string]string) Diff {
	d := Diff{Before: map[string]string{}, After: map[string]string{}}
	for k, v := range cur {
		if old[k] != v {
			d.Before[k], d.After[k] = old[k], v
		}
	}
	return d
}

// ActivityDiff compares two versions of an activity's record.
func ActivityDiff(old, cur program.ActivityRecord) Diff {
	return diffFields(activityFields(old), activityFields(cur))
}

func activityFields(a program.ActivityRecord) map[string]string {
	live, liveStart := "", ""
	if a.Livestream != nil {
		live, liveStart = a.Livestream.URL, timeText(a.Livestream.StartsAt)
	}
	var speakers []string
	for _, s := range a.Speakers {
		speakers = append(speakers, s.Person+" "+string(s.Role))
	}
	return map[string]string{
		"title_zh": a.Title.ZH, "title_en": a.Title.EN, "summary_zh": a.Summary.ZH, "summary_en": a.Summary.EN,
		"languages": strings.Join(a.Languages, ","), "interpretation": strconv.FormatBool(a.Interpretation),
		"livestream_url": live, "livestream_starts_at": liveStart, "speakers": strings.Join(speakers, "; "),
		"room": a.Room, "starts_at": timeText(a.StartsAt), "ends_at": timeText(a.EndsAt),
		"capacity": strconv.Itoa(a.Capacity), "status": string(a.Status),
	}
}

func timeText(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}
