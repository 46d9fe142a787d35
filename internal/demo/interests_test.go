package demo

import (
	"reflect"
	"slices"
	"strings"
	"testing"
)

func TestInterestsArePlausibleAndDeterministic(t *testing.T) {
	ds := Dataset()
	got := Interests(ds)
	if !reflect.DeepEqual(got, Interests(Dataset())) {
		t.Fatal("two calls gave different interests")
	}
	if len(got) != InterestAttendees {
		t.Fatalf("%d attendees, want %d", len(got), InterestAttendees)
	}
	quantum := map[string]bool{}
	for _, a := range ds.Editions[1].Activities {
		if slices.Contains(a.Themes, "quantum") {
			quantum[a.Slug] = true
		}
	}
	// who wants one quantum activity wants another far more often than
	// attendees at large want a quantum activity
	one, more := 0, 0
	for who, wants := range got {
		if len(wants) < 3 || len(wants) > 8 || !strings.HasPrefix(who, "sample-attendee-") {
			t.Errorf("%s wants %d activities", who, len(wants))
		}
		n := 0
		for _, a := range wants {
			if quantum[a] {
				n++
			}
		}
		if n >= 1 {
			one++
		}
		if n >= 2 {
			more++
		}
	}
	if len(quantum) < 2 || one == 0 || float64(more)/float64(one) < 3*float64(one)/float64(len(got)) {
		t.Errorf("%d quantum activities; %d attendees want one, %d want two or more", len(quantum), one, more)
	}
	for _, d := range ThemeDays() {
		for _, slug := range d.Activities {
			found := false
			for _, a := range ds.Editions[1].Activities {
				found = found || a.Slug == slug
			}
			if !found {
				t.Errorf("theme day member %s is not an activity of %s", slug, d.Event)
			}
		}
	}
}
