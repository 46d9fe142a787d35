package registration

import (
	"context"
	"crypto/hmac"
	"strings"

	"convene/internal/program"
)

// Feed names a calendar feed served at a secret URL: the key in the URL is
// the id of what the feed is about (an attendee, a fair participant) and a
// MAC over the feed and the id, with the server's ticket-signing secret.
type Feed string

const (
	// AgendaFeed is the attendee's personal agenda. Its name is the signed
	// text of the first feed keys, kept so subscribed URLs keep working.
	AgendaFeed Feed = "calendar"
	// FairFeed is a fair participant's meeting schedule.
	FairFeed Feed = "fair calendar"
)

// errNoFeed is the one answer to a key that is forged, mistyped or names
// nothing: it does not tell which.
var errNoFeed = program.Errorf(program.CodeNotFound, "no personal calendar at this address")

// FeedKey is the secret of feed's URL for id.
func (s *Service) FeedKey(ctx context.Context, feed Feed, id string) (string, error) {
	key, err := s.store.TicketKey(ctx)
	if err != nil {
		return "", err
	}
	return id + "." + feedMAC(key, feed, id), nil
}

// FeedSubject returns the id a genuine key of feed was made for, and a
// not-found error for any other key. The caller still looks the id up: a
// genuine key may name something since removed.
func (s *Service) FeedSubject(ctx context.Context, feed Feed, feedKey string) (string, error) {
	id, mac, ok := strings.Cut(feedKey, ".")
	if !ok {
		return "", errNoFeed
	}
	key, err := s.store.TicketKey(ctx)
	if err != nil {
		return "", err
	}
	if !hmac.Equal([]byte(mac), []byte(feedMAC(key, feed, id))) {
		return "", errNoFeed
	}
	return id, nil
}
