package registration_test

import (
	"context"
	"strings"
	"testing"

	"convene/internal/program"
	"convene/internal/registration"
	"convene/internal/testkit"
)

// TestFeedKeys: a feed's key opens that feed only, for its own id; an
// altered key opens nothing.
func TestFeedKeys(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, "sqlite")
	a := f.register(t, 1)[0].Attendee
	agenda, err := f.svc.CalendarKey(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	if got, err := f.svc.AttendeeByCalendarKey(ctx, f.ed, agenda); err != nil || got.ID != a.ID {
		t.Fatalf("agenda key: %v %v", got, err)
	}
	fairKey, err := f.svc.FeedKey(ctx, registration.FairFeed, "participant-1")
	if err != nil {
		t.Fatal(err)
	}
	if id, err := f.svc.FeedSubject(ctx, registration.FairFeed, fairKey); err != nil || id != "participant-1" {
		t.Errorf("fair key: %q %v", id, err)
	}
	id, mac, _ := strings.Cut(fairKey, ".")
	for _, c := range []struct {
		name string
		feed registration.Feed
		key  string
	}{
		{"the agenda's key for the fair", registration.FairFeed, agenda},
		{"the fair's MAC for the agenda", registration.AgendaFeed, a.ID + "." + mac},
		{"another id with the same MAC", registration.FairFeed, "participant-2." + mac},
		{"a key without its MAC", registration.FairFeed, id},
		{"a MAC in lower case", registration.FairFeed, id + "." + strings.ToLower(mac)},
	} {
		if _, err := f.svc.FeedSubject(ctx, c.feed, c.key); program.ErrorCode(err) != program.CodeNotFound {
			t.Errorf("%s: %v, want not found", c.name, err)
		}
	}
}

// TestAgendaKeysUnchanged: the agenda's keys are those made before feeds
// were generalised, so subscribed calendars keep working.
func TestAgendaKeysUnchanged(t *testing.T) {
	svc := registration.New(zeroKey{}, testkit.Clock)
	key, err := svc.FeedKey(context.Background(), registration.AgendaFeed, "att-1")
	if want := "att-1.7ISRYJZ2VOSILYIGJO7ZPKWN"; err != nil || key != want {
		t.Errorf("agenda key %q %v, want %q", key, err, want)
	}
}

// zeroKey is a store whose ticket-signing key is 32 zero bytes.
type zeroKey struct{ registration.Store }

func (zeroKey) TicketKey(context.Context) ([]byte, error) { return make([]byte, 32), nil }
