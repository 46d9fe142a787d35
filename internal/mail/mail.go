// Package mail sends the few messages convene sends (password-reset links).
// It is the edge of the system: tests and development use LogSender, which
// writes the message to the log instead of sending it.
package mail

import (
	"context"
	"log/slog"
)

// Message is one plain-text mail.
type Message struct {
	To, Subject, Body string
}

// Sender delivers messages.
type Sender interface {
	Send(ctx context.Context, m Message) error
}

// LogSender logs each message (development mode: the reset link appears in
// the server's log).
type LogSender struct{ Log *slog.Logger }

// Send logs m.
func (s LogSender) Send(ctx context.Context, m Message) error {
	s.Log.InfoContext(ctx, "mail (development mode: logged, not sent)", "to", m.To, "subject", m.Subject, "body", m.Body)
	return nil
}
