package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"convene/internal/accounts"
	"convene/internal/audit"
	"convene/internal/program"
)

var _ accounts.Store = (*DB)(nil)

// CreateUser stores a new account with the organisations (slugs) an editor
// acts for.
func (db *DB) CreateUser(ctx context.Context, u *accounts.User, passwordHash string) error {
	u.ID = newID()
	return db.inWriteTx(ctx, func(t *tx) error {
		_, err := t.exec(ctx, `INSERT INTO users (id, email, name, role, password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
			u.ID, u.Email, u.Name, string(u.Role), passwordHash, u.CreatedAt)
		if isUniqueViolation(err) {
			return program.FieldErrorf(program.CodeConflict, "email", "taken", "%s already has an account", u.Email)
		}
		if err != nil {
			return fmt.Errorf("insert user: %w", err)
		}
		for _, slug := range u.Orgs {
			res, err := t.exec(ctx, `INSERT INTO user_organisations (user_id, organisation_id) SELECT ?, id FROM organisations WHERE slug = ?`, u.ID, slug)
			if err != nil {
				return fmt.Errorf("insert user organisation: %w", err)
			}
			if n, _ := res.RowsAffected(); n != 1 {
				return program.Invalidf("org", "no organisation %q", slug)
			}
		}
		return recordAudit(ctx, t, u.CreatedAt, audit.UserAdd, "", u.Email, nil, map[string]any{"role": u.Role, "name": u.Name, "orgs": u.Orgs})
	})
}

const userColumns = `u.id, u.email, u.name, u.role, u.created_at, u.disabled_at`

// readUser reads the user of one row of q (which selects userColumns, then
// extra) with the organisations it acts for.
func (db *DB) readUser(ctx context.Context, q string, args []any, extra ...any) (*accounts.User, error) {
	var u accounts.User
	var created, disabled sql.NullTime
	err := db.inReadTx(ctx, func(t *tx) error {
		dest := append([]any{&u.ID, &u.Email, &u.Name, &u.Role, &created, &disabled}, extra...)
		if err := t.queryRow(ctx, q, args...).Scan(dest...); err != nil {
			return err
		}
		u.Orgs = nil
		return queryEach(ctx, t, `SELECT o.slug FROM user_organisations uo JOIN organisations o ON o.id = uo.organisation_id
			WHERE uo.user_id = ? ORDER BY o.slug`, []any{u.ID}, func(rows *sql.Rows) error {
			var slug string
			err := rows.Scan(&slug)
			u.Orgs = append(u.Orgs, slug)
			return err
		})
	})
	if errors.Is(err, sql.ErrNoRows) {
		return nil, program.Errorf(program.CodeNotFound, "no such user")
	}
	if err != nil {
		return nil, fmt.Errorf("read user: %w", err)
	}
	u.CreatedAt = utc(created)
	u.DisabledAt = optTime(disabled)
	return &u, nil
}

// UserByEmail finds an account and its password hash.
func (db *DB) UserByEmail(ctx context.Context, email string) (*accounts.User, string, error) {
	var hash string
	u, err := db.readUser(ctx, `SELECT `+userColumns+`, u.password_hash FROM users u WHERE u.email = ?`, []any{email}, &hash)
	return u, hash, err
}

// CreateSession stores a session by its token's hash.
func (db *DB) CreateSession(ctx context.Context, userID, tokenHash string, created, expires time.Time) error {
	return db.inWriteTx(ctx, func(t *tx) error {
		_, err := t.exec(ctx, `INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)`, tokenHash, userID, created, expires)
		return err
	})
}

// SessionUser finds the user of a session that has not expired at now.
func (db *DB) SessionUser(ctx context.Context, tokenHash string, now time.Time) (*accounts.User, error) {
	return db.readUser(ctx, `SELECT `+userColumns+` FROM sessions s JOIN users u ON u.id = s.user_id
		WHERE s.token_hash = ? AND s.expires_at > ?`, []any{tokenHash, now})
}

// DeleteSession ends a session (nothing happens for an unknown one).
func (db *DB) DeleteSession(ctx context.Context, tokenHash string) error {
	return db.inWriteTx(ctx, func(t *tx) error {
		_, err := t.exec(ctx, `DELETE FROM sessions WHERE token_hash = ?`, tokenHash)
		return err
	})
}

// CreateUserToken stores an API token of a user by its hash.
func (db *DB) CreateUserToken(ctx context.Context, userID, tokenHash, label string, at time.Time) error {
	return db.inWriteTx(ctx, func(t *tx) error {
		var email string
		if err := t.queryRow(ctx, `SELECT email FROM users WHERE id = ?`, userID).Scan(&email); err != nil {
			return fmt.Errorf("read user: %w", err)
		}
		if _, err := t.exec(ctx, `INSERT INTO user_tokens (token_hash, user_id, label, created_at) VALUES (?, ?, ?, ?)`, tokenHash, userID, label, at); err != nil {
			return err
		}
		return recordAudit(ctx, t, at, audit.UserTokenCreate, "", email, nil, map[string]string{"label": label})
	})
}

// TokenUser finds the user of an API token that is not revoked.
func (db *DB) TokenUser(ctx context.Context, tokenHash string) (*accounts.User, error) {
	return db.readUser(ctx, `SELECT `+userColumns+` FROM user_tokens k JOIN users u ON u.id = k.user_id
		WHERE k.token_hash = ? AND k.revoked_at IS NULL`, []any{tokenHash})
}

// RecordFailure notes a failed sign-in for key and forgets the key's
// failures older than a day, so the table stays small.
func (db *DB) RecordFailure(ctx context.Context, key string, at time.Time) error {
	return db.inWriteTx(ctx, func(t *tx) error {
		if _, err := t.exec(ctx, `DELETE FROM signin_failures WHERE key = ? AND at < ?`, key, at.Add(-24*time.Hour)); err != nil {
			return err
		}
		_, err := t.exec(ctx, `INSERT INTO signin_failures (key, at) VALUES (?, ?)`, key, at)
		return err
	})
}

// Failures counts the failed sign-ins of key since a moment.
func (db *DB) Failures(ctx context.Context, key string, since time.Time) (int, error) {
	var n int
	err := db.readRow(ctx, `SELECT COUNT(*) FROM signin_failures WHERE key = ? AND at >= ?`, key, since).Scan(&n)
	return n, err
}

// CreateReset stores a password-reset token by its hash.
func (db *DB) CreateReset(ctx context.Context, userID, tokenHash string, created, expires time.Time) error {
	return db.inWriteTx(ctx, func(t *tx) error {
		_, err := t.exec(ctx, `INSERT INTO password_resets (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)`, tokenHash, userID, created, expires)
		return err
	})
}

// Resets counts the reset tokens made for a user since a moment.
func (db *DB) Resets(ctx context.Context, userID string, since time.Time) (int, error) {
	var n int
	err := db.readRow(ctx, `SELECT COUNT(*) FROM password_resets WHERE user_id = ? AND created_at >= ?`, userID, since).Scan(&n)
	return n, err
}

// UseReset marks a usable reset token used, sets the password and ends the
// user's sessions, in one transaction.
func (db *DB) UseReset(ctx context.Context, tokenHash string, now time.Time, passwordHash string) error {
	return db.inWriteTx(ctx, func(t *tx) error {
		var userID string
		err := t.queryRow(ctx, `UPDATE password_resets SET used_at = ? WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?
			RETURNING user_id`, now, tokenHash, now).Scan(&userID)
		if errors.Is(err, sql.ErrNoRows) {
			return program.Errorf(program.CodeNotFound, "no usable reset token")
		}
		if err != nil {
			return fmt.Errorf("use reset token: %w", err)
		}
		if _, err := t.exec(ctx, `UPDATE users SET password_hash = ? WHERE id = ?`, passwordHash, userID); err != nil {
			return fmt.Errorf("set password: %w", err)
		}
		_, err = t.exec(ctx, `DELETE FROM sessions WHERE user_id = ?`, userID)
		return err
	})
}

// DisableUser disables an account, ends its sessions and revokes its API
// tokens in one transaction.
func (db *DB) DisableUser(ctx context.Context, email string, at time.Time) error {
	return db.inWriteTx(ctx, func(t *tx) error {
		var id string
		err := t.queryRow(ctx, `UPDATE users SET disabled_at = ? WHERE email = ? AND disabled_at IS NULL RETURNING id`, at, email).Scan(&id)
		if errors.Is(err, sql.ErrNoRows) {
			return program.Errorf(program.CodeNotFound, "no enabled account %s", email)
		}
		if err != nil {
			return fmt.Errorf("disable user: %w", err)
		}
		if _, err := t.exec(ctx, `DELETE FROM sessions WHERE user_id = ?`, id); err != nil {
			return err
		}
		if _, err := t.exec(ctx, `UPDATE user_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL`, at, id); err != nil {
			return err
		}
		return recordAudit(ctx, t, at, audit.UserDisable, "", email, map[string]string{"status": "enabled"}, map[string]string{"status": "disabled"})
	})
}
