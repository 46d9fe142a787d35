package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// tx wraps a transaction so that every statement is rebound for the dialect.
type tx struct {
	tx *sql.Tx
	d  dialect
}

func (t *tx) exec(ctx context.Context, q string, args ...any) (sql.Result, error) {
	return t.tx.ExecContext(ctx, t.d.rebind(q), args...)
}

func (t *tx) query(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	return t.tx.QueryContext(ctx, t.d.rebind(q), args...)
}

func (t *tx) queryRow(ctx context.Context, q string, args ...any) *sql.Row {
	return t.tx.QueryRowContext(ctx, t.d.rebind(q), args...)
}

// maxAttempts bounds retries of transactions that lost a race.
const maxAttempts = 5

// inWriteTx runs fn in one write transaction, retrying when it lost to a
// concurrent transaction. fn must be safe to run again.
func (db *DB) inWriteTx(ctx context.Context, fn func(*tx) error) error {
	return db.inTx(ctx, db.write, nil, fn)
}

// inReadTx runs fn in one read transaction on the read pool.
func (db *DB) inReadTx(ctx context.Context, fn func(*tx) error) error {
	return db.inTx(ctx, db.read, db.dialect.readTxOptions(), fn)
}

func (db *DB) inTx(ctx context.Context, pool *sql.DB, opts *sql.TxOptions, fn func(*tx) error) error {
	var err error
	for attempt := 1; ; attempt++ {
		err = db.runTx(ctx, pool, opts, fn)
		if err == nil || !retryable(err) || attempt == maxAttempts {
			return err
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(time.Duration(attempt*attempt) * 5 * time.Millisecond):
		}
	}
}

func (db *DB) runTx(ctx context.Context, pool *sql.DB, opts *sql.TxOptions, fn func(*tx) error) error {
	sqlTx, err := pool.BeginTx(ctx, opts)
	if err != nil {
		return fmt.Errorf("begin transaction: %w", err)
	}
	if err := fn(&tx{tx: sqlTx, d: db.dialect}); err != nil {
		_ = sqlTx.Rollback()
		return err
	}
	if err := sqlTx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}
