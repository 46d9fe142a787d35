// Package accounts is who may sign in to administer the forum: users with a
// role (the secretariat, editors scoped to host organisations, gate staff,
// press), their passwords, sessions and API tokens. It knows no HTTP and no
// SQL. Sessions and failed sign-ins live in the database, so that any node
// can serve any request and the sign-in limit holds across nodes.
package accounts

import (
	"context"
	"time"

	"convene/internal/program"
)

// Role says what a user may do.
type Role string

const (
	RoleAdmin   Role = "admin"   // the secretariat: everything
	RoleEditor  Role = "editor"  // the activities its organisations host
	RoleCheckin Role = "checkin" // gate and room staff
	RolePress   Role = "press"   // sees embargoed releases before the embargo lifts
)

// Roles lists the roles.
var Roles = []Role{RoleAdmin, RoleEditor, RoleCheckin, RolePress}

func (r Role) valid() bool {
	for _, x := range Roles {
		if r == x {
			return true
		}
	}
	return false
}

// User is an account.
type User struct {
	ID         string
	Email      string // lower-cased, unique
	Name       string
	Role       Role
	Orgs       []string // slugs of the organisations an editor acts for
	CreatedAt  time.Time
	DisabledAt *time.Time
}

// Store keeps accounts. Promises under concurrency, on every engine:
// emails are unique (a second AddUser of the same email is a CodeConflict
// error), and sign-in failures are counted in the database.
type Store interface {
	CreateUser(ctx context.Context, u *User, passwordHash string) error
	UserByEmail(ctx context.Context, email string) (*User, string, error) // with the password hash
	CreateSession(ctx context.Context, userID, tokenHash string, created, expires time.Time) error
	SessionUser(ctx context.Context, tokenHash string, now time.Time) (*User, error)
	DeleteSession(ctx context.Context, tokenHash string) error
	CreateUserToken(ctx context.Context, userID, tokenHash, label string, at time.Time) error
	// DisableUser marks the account disabled and, in the same transaction,
	// ends its sessions and revokes its API tokens.
	DisableUser(ctx context.Context, email string, at time.Time) error
	TokenUser(ctx context.Context, tokenHash string) (*User, error)
	// RecordFailure notes a failed sign-in for key (an email or a client
	// address); Failures counts those of key since a moment.
	RecordFailure(ctx context.Context, key string, at time.Time) error
	Failures(ctx context.Context, key string, since time.Time) (int, error)
	// CreateReset stores a password-reset token; Resets counts a user's
	// since a moment. UseReset, in one transaction, marks an unused,
	// unexpired token used, sets the password hash and ends the user's
	// sessions; a token that cannot be used is a CodeNotFound error.
	CreateReset(ctx context.Context, userID, tokenHash string, created, expires time.Time) error
	Resets(ctx context.Context, userID string, since time.Time) (int, error)
	UseReset(ctx context.Context, tokenHash string, now time.Time, passwordHash string) error
}

// Errors of sign-in. One message for a wrong email and a wrong password, so
// that the form does not tell which emails have accounts.
var (
	ErrBadCredentials = program.Errorf(program.CodeUnauthorized, "the email or the password is wrong")
	ErrTooManyTries   = program.Errorf(program.CodeTooMany, "too many failed sign-ins; wait a quarter of an hour and try again")
)
