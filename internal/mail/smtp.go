package mail

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"mime"
	"mime/quotedprintable"
	"net"
	"net/smtp"
	"net/url"
	"strings"
	"time"
)

// SMTPSender sends through an SMTP server (the forum's relay). net/smtp
// upgrades to TLS with STARTTLS when the server offers it, and refuses to
// send a password over a connection that is not encrypted, except to
// localhost.
type SMTPSender struct {
	Addr     string // host:port
	From     string
	Username string // "" sends without authentication (a relay that trusts the host)
	Password string
	now      func() time.Time
}

// ParseSMTPURL reads smtp://[user:password@]host[:port]?from=address; the
// port defaults to 587 (submission).
func ParseSMTPURL(s string) (*SMTPSender, error) {
	u, err := url.Parse(s)
	if err != nil || u.Scheme != "smtp" || u.Hostname() == "" {
		return nil, fmt.Errorf("want smtp://[user:password@]host[:port]?from=address, not %q", redact(s))
	}
	from := u.Query().Get("from")
	if from == "" || !strings.Contains(from, "@") {
		return nil, fmt.Errorf("the SMTP URL needs ?from=address (the sender of the mails)")
	}
	port := u.Port()
	if port == "" {
		port = "587"
	}
	s2 := &SMTPSender{Addr: net.JoinHostPort(u.Hostname(), port), From: from}
	if u.User != nil {
		s2.Username = u.User.Username()
		s2.Password, _ = u.User.Password()
	}
	return s2, nil
}

func redact(s string) string {
	if u, err := url.Parse(s); err == nil {
		return u.Redacted()
	}
	return "(unparsable)"
}

// Send delivers m as a UTF-8 plain-text mail. The context bounds nothing
// here: net/smtp has no context; the server's own timeouts apply.
func (s *SMTPSender) Send(_ context.Context, m Message) error {
	var auth smtp.Auth
	if s.Username != "" {
		host, _, _ := net.SplitHostPort(s.Addr)
		auth = smtp.PlainAuth("", s.Username, s.Password, host)
	}
	msg, err := s.format(m)
	if err != nil {
		return err
	}
	if err := smtp.SendMail(s.Addr, auth, s.From, []string{m.To}, msg); err != nil {
		return fmt.Errorf("send mail to %s through %s: %w", m.To, s.Addr, err)
	}
	return nil
}

// format writes the headers (the subject encoded for non-ASCII text) and
// the body as quoted-printable, so any line length and script arrive intact.
func (s *SMTPSender) format(m Message) ([]byte, error) {
	if strings.ContainsAny(m.To+m.Subject, "\r\n") {
		return nil, fmt.Errorf("mail header with a line break")
	}
	now := time.Now
	if s.now != nil {
		now = s.now
	}
	id := make([]byte, 12)
	_, _ = rand.Read(id)
	domain := s.From[strings.LastIndexByte(s.From, '@')+1:]
	var b bytes.Buffer
	fmt.Fprintf(&b, "From: %s\r\nTo: %s\r\nSubject: %s\r\nDate: %s\r\nMessage-ID: <%s@%s>\r\n",
		s.From, m.To, mime.QEncoding.Encode("utf-8", m.Subject), now().Format(time.RFC1123Z), hex.EncodeToString(id), domain)
	b.WriteString("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n")
	qp := quotedprintable.NewWriter(&b)
	if _, err := qp.Write([]byte(strings.ReplaceAll(m.Body, "\n", "\r\n"))); err != nil {
		return nil, err
	}
	if err := qp.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
