package accounts

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"net/mail"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"

	"convene/internal/program"
)

// Service applies the account rules on top of a Store.
type Service struct {
	store Store
	now   func() time.Time
	// hashParams are argon2id's costs; tests lower them (a sign-in costs
	// ~50 ms of CPU with the defaults, on purpose).
	hashParams hashParams
}

// New returns the service; now is the clock (nil: time.Now).
func New(store Store, now func() time.Time) *Service {
	if now == nil {
		now = time.Now
	}
	return &Service{store: store, now: now, hashParams: defaultHashParams}
}

// Sign-in limits: after this many failures for one email, or from one
// client address, within the window, sign-ins are refused until the window
// has passed. Counted in the database, so they hold across nodes.
const (
	maxFailuresPerEmail  = 5
	maxFailuresPerClient = 20
	failureWindow        = 15 * time.Minute
	// SessionLength is how long a session lasts: a working day and a half.
	SessionLength = 36 * time.Hour
	// MinPassword is the shortest password accepted.
	MinPassword = 12
)

// AddUser creates an account. Editors must name at least one organisation
// (by slug); other roles name none.
func (s *Service) AddUser(ctx context.Context, email, name string, role Role, orgs []string, password string) (*User, error) {
	email = strings.ToLower(strings.TrimSpace(email))
	if addr, err := mail.ParseAddress(email); err != nil || addr.Address != email {
		return nil, program.Invalidf("email", "%q is not an email address", email)
	}
	if !role.valid() {
		return nil, program.Invalidf("role", "unknown role %q; want admin, editor, checkin or press", role)
	}
	if role == RoleEditor && len(orgs) == 0 {
		return nil, program.Invalidf("org", "an editor acts for at least one organisation")
	}
	if role != RoleEditor && len(orgs) > 0 {
		return nil, program.Invalidf("org", "only editors are scoped to organisations")
	}
	if err := checkPassword(password); err != nil {
		return nil, err
	}
	u := &User{Email: email, Name: strings.TrimSpace(name), Role: role, Orgs: orgs, CreatedAt: s.now().UTC()}
	if u.Name == "" {
		u.Name = email
	}
	return u, s.store.CreateUser(ctx, u, s.hashParams.hash(password))
}

// checkPassword bounds a new password's length: long enough to resist
// guessing, short enough that hashing it costs nothing unusual.
func checkPassword(password string) error {
	if n := utf8.RuneCountInString(password); n < MinPassword {
		return program.FieldErrorf(program.CodeInvalid, "password", "too_short", "a password needs at least %d characters", MinPassword)
	}
	if len(password) > 1024 {
		return program.FieldErrorf(program.CodeInvalid, "password", "too_long", "the password is longer than 1024 bytes")
	}
	return nil
}

// SignIn checks an email and password and opens a session, returning its
// token (for a cookie). client is the caller's address, for the limit.
func (s *Service) SignIn(ctx context.Context, email, password, client string) (*User, string, error) {
	email = strings.ToLower(strings.TrimSpace(email))
	now := s.now().UTC()
	since := now.Add(-failureWindow)
	for _, k := range []struct {
		key string
		max int
	}{{"email:" + email, maxFailuresPerEmail}, {"client:" + client, maxFailuresPerClient}} {
		n, err := s.store.Failures(ctx, k.key, since)
		if err != nil {
			return nil, "", err
		}
		if n >= k.max {
			return nil, "", ErrTooManyTries
		}
	}
	u, hash, err := s.store.UserByEmail(ctx, email)
	if program.ErrorCode(err) == program.CodeNotFound {
		u, hash, err = nil, dummyHash, nil // spend the same time as for a real account
	}
	if err != nil {
		return nil, "", err
	}
	if !verifyPassword(hash, password) || u == nil || u.DisabledAt != nil {
		for _, key := range []string{"email:" + email, "client:" + client} {
			if err := s.store.RecordFailure(ctx, key, now); err != nil {
				return nil, "", err
			}
		}
		return nil, "", ErrBadCredentials
	}
	token, tokenHash := newToken(sessionPrefix)
	if err := s.store.CreateSession(ctx, u.ID, tokenHash, now, now.Add(SessionLength)); err != nil {
		return nil, "", err
	}
	return u, token, nil
}

// SessionUser returns the user of a session token that has not expired.
func (s *Service) SessionUser(ctx context.Context, token string) (*User, error) {
	if !strings.HasPrefix(token, sessionPrefix) {
		return nil, errUnauthorized
	}
	u, err := s.store.SessionUser(ctx, hashToken(token), s.now().UTC())
	if program.ErrorCode(err) == program.CodeNotFound || (err == nil && u.DisabledAt != nil) {
		return nil, errUnauthorized
	}
	return u, err
}

// SignOut ends a session.
func (s *Service) SignOut(ctx context.Context, token string) error {
	return s.store.DeleteSession(ctx, hashToken(token))
}

// CreateToken makes an API token that acts as the user, for scripts; only
// its hash is stored.
func (s *Service) CreateToken(ctx context.Context, email, label string) (string, error) {
	u, _, err := s.store.UserByEmail(ctx, strings.ToLower(strings.TrimSpace(email)))
	if err != nil {
		return "", err
	}
	token, tokenHash := newToken(UserTokenPrefix)
	return token, s.store.CreateUserToken(ctx, u.ID, tokenHash, strings.TrimSpace(label), s.now().UTC())
}

// DisableUser shuts an account out at once: no sign-in, its sessions ended,
// its API tokens revoked. The account stays, for the audit log.
func (s *Service) DisableUser(ctx context.Context, email string) error {
	return s.store.DisableUser(ctx, strings.ToLower(strings.TrimSpace(email)), s.now().UTC())
}

// TokenUser returns the user an API token acts as.
func (s *Service) TokenUser(ctx context.Context, token string) (*User, error) {
	if !strings.HasPrefix(token, UserTokenPrefix) {
		return nil, errUnauthorized
	}
	u, err := s.store.TokenUser(ctx, hashToken(token))
	if program.ErrorCode(err) == program.CodeNotFound || (err == nil && u.DisabledAt != nil) {
		return nil, errUnauthorized
	}
	return u, err
}

var errUnauthorized = &program.Error{Code: program.CodeUnauthorized, Message: "sign in, or send a valid token"}

// Token prefixes tell a session from an API token at a glance.
const (
	sessionPrefix   = "cvsession_"
	UserTokenPrefix = "cvu_"
)

func newToken(prefix string) (token, hash string) {
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	token = prefix + base64.RawURLEncoding.EncodeToString(b)
	return token, hashToken(token)
}

func hashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// hashParams are argon2id's parameters (RFC 9106's second recommended set,
// with less memory: 19 MiB, 2 passes, as OWASP suggests for servers).
type hashParams struct {
	time, memory uint32
	threads      uint8
}

var defaultHashParams = hashParams{time: 2, memory: 19 * 1024, threads: 1}

// hash returns the password's argon2id hash in the PHC string format, which
// carries its parameters, so they can change without invalidating old hashes.
func (p hashParams) hash(password string) string {
	salt := make([]byte, 16)
	_, _ = rand.Read(salt)
	key := argon2.IDKey([]byte(password), salt, p.time, p.memory, p.threads, 32)
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, p.memory, p.time, p.threads,
		base64.RawStdEncoding.EncodeToString(salt), base64.RawStdEncoding.EncodeToString(key))
}

// verifyPassword checks a password against a PHC argon2id hash.
func verifyPassword(encoded, password string) bool {
	var version int
	var p hashParams
	parts := strings.Split(encoded, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return false
	}
	if _, err := fmt.Sscanf(parts[2], "v=%d", &version); err != nil || version != argon2.Version {
		return false
	}
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &p.memory, &p.time, &p.threads); err != nil {
		return false
	}
	salt, err1 := base64.RawStdEncoding.DecodeString(parts[4])
	want, err2 := base64.RawStdEncoding.DecodeString(parts[5])
	if err1 != nil || err2 != nil {
		return false
	}
	got := argon2.IDKey([]byte(password), salt, p.time, p.memory, p.threads, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1
}

// dummyHash is checked against when the email has no account, so that a
// sign-in takes as long for an unknown email as for a wrong password.
var dummyHash = defaultHashParams.hash("no account has this password")
