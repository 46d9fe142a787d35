package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"convene/internal/audit"
)

// recordAudit writes the audit entry of a change in the change's own
// transaction; the actor comes from ctx. before and after are marshalled to
// JSON (nil: null).
func recordAudit(ctx context.Context, t *tx, at time.Time, action, eventID, subject string, before, after any) error {
	enc := func(v any) (sql.NullString, error) {
		if v == nil {
			return sql.NullString{}, nil
		}
		b, err := json.Marshal(v)
		return sql.NullString{String: string(b), Valid: true}, err
	}
	b, err := enc(before)
	if err != nil {
		return fmt.Errorf("audit %s: %w", action, err)
	}
	a, err := enc(after)
	if err != nil {
		return fmt.Errorf("audit %s: %w", action, err)
	}
	var ev sql.NullString
	if eventID != "" {
		ev = sql.NullString{String: eventID, Valid: true}
	}
	_, err = t.exec(ctx, `INSERT INTO audit_log (id, at, actor, action, event_id, subject, before, after) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		newID(), at, audit.Actor(ctx), action, ev, subject, b, a)
	if err != nil {
		return fmt.Errorf("audit %s: %w", action, err)
	}
	return nil
}

// AuditLog returns the entries of an edition and those outside any edition
// (accounts), newest first: at most limit, older than the entry before when
// it is given (for paging).
func (db *DB) AuditLog(ctx context.Context, eventID string, limit int, before string) ([]audit.Entry, error) {
	q := `SELECT id, at, actor, action, COALESCE(event_id, ''), subject, before, after FROM audit_log
		WHERE (event_id = ? OR event_id IS NULL)`
	args := []any{eventID}
	if before != "" {
		q += ` AND id < ?`
		args = append(args, before)
	}
	q += ` ORDER BY id DESC LIMIT ?`
	args = append(args, limit)
	var out []audit.Entry
	err := db.inReadTx(ctx, func(t *tx) error {
		out = nil
		return queryEach(ctx, t, q, args, func(rows *sql.Rows) error {
			var e audit.Entry
			var at sql.NullTime
			var b, a sql.NullString
			if err := rows.Scan(&e.ID, &at, &e.Actor, &e.Action, &e.EventID, &e.Subject, &b, &a); err != nil {
				return err
			}
			e.At, e.Before, e.After = utc(at), rawJSON(b), rawJSON(a)
			out = append(out, e)
			return nil
		})
	})
	return out, err
}

func rawJSON(s sql.NullString) json.RawMessage {
	if !s.Valid {
		return json.RawMessage("null")
	}
	return json.RawMessage(s.String)
}
