package registration

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base32"
	"encoding/base64"
	"encoding/hex"
	"strings"
)

// Ticket codes are "CV1" + a random ticket id + a MAC over the edition and
// the id, both 16 base32 characters (80 bits). The id makes a code
// unguessable; the MAC, keyed with a secret only the server knows, makes it
// unforgeable, binds it to its edition and lets the gate refuse a forged or
// mistyped code before touching the database. A code shows no personal data.
const ticketPrefix = "CV1"

var b32 = base32.StdEncoding.WithPadding(base32.NoPadding)

func randomBytes(n int) []byte {
	b := make([]byte, n)
	_, _ = rand.Read(b) // crypto/rand.Read never fails (Go 1.24+)
	return b
}

func newTicketID() string { return b32.EncodeToString(randomBytes(10)) }

func ticketMAC(key []byte, eventID, ticketID string) string {
	m := hmac.New(sha256.New, key)
	m.Write([]byte("convene ticket v1\x00" + eventID + "\x00" + ticketID))
	return b32.EncodeToString(m.Sum(nil)[:10])
}

func signTicket(key []byte, eventID, ticketID string) string {
	return ticketPrefix + ticketID + ticketMAC(key, eventID, ticketID)
}

// feedMAC signs an id for a calendar feed's secret URL. The URL is a secret
// of its own, not the bearer token: calendar apps store and sometimes share
// subscription URLs, and one must not grant access to the registration. The
// feed is part of the signed text, so a key of one feed opens no other.
func feedMAC(key []byte, feed Feed, id string) string {
	m := hmac.New(sha256.New, key)
	m.Write([]byte("convene " + string(feed) + " v1\x00" + id))
	return b32.EncodeToString(m.Sum(nil)[:15])
}

// NormalizeCode accepts a code as typed: any case, with spaces or dashes.
func NormalizeCode(code string) string {
	return strings.ToUpper(strings.NewReplacer(" ", "", "-", "", "\t", "").Replace(strings.TrimSpace(code)))
}

// verifyTicket returns the ticket id of a genuine code of this edition.
func verifyTicket(key []byte, eventID, code string) (string, bool) {
	code = NormalizeCode(code)
	if len(code) != len(ticketPrefix)+32 || !strings.HasPrefix(code, ticketPrefix) {
		return "", false
	}
	id, mac := code[len(ticketPrefix):len(ticketPrefix)+16], code[len(ticketPrefix)+16:]
	want := ticketMAC(key, eventID, id)
	return id, hmac.Equal([]byte(mac), []byte(want))
}

// GroupCode splits a code into groups of five for people to read and type.
func GroupCode(code string) string {
	var b strings.Builder
	for i := 0; i < len(code); i += 5 {
		if i > 0 {
			b.WriteByte('-')
		}
		b.WriteString(code[i:min(i+5, len(code))])
	}
	return b.String()
}

// Token prefixes say what a bearer token is, so that a token pasted in the
// wrong place is refused without a lookup and secret scanners can spot them.
const (
	attendeePrefix = "cva_"
	staffPrefix    = "cvs_"
)

// NewToken makes a bearer token (256 random bits) and the hash under which
// it is stored: a stolen database yields no usable tokens.
func NewToken(prefix string) (token, hash string) {
	token = prefix + base64.RawURLEncoding.EncodeToString(randomBytes(32))
	return token, HashToken(token)
}

// HashToken is the stored form of a token. A fast hash suffices: the token
// has 256 bits of entropy, so there is nothing to brute-force.
func HashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// NewKey makes a ticket-signing key.
func NewKey() []byte { return randomBytes(32) }

// newInvitationCode is 12 base32 characters (60 bits), printed in groups.
func newInvitationCode() string { return b32.EncodeToString(randomBytes(8))[:12] }
