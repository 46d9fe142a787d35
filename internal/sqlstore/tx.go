package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// tx wraps a transaction so that every statement is rebound for the dialect
// and, where the store caches statements (SQLite), prepared once.
type tx struct {
	tx    *sql.Tx
	d     dialect
	pool  *sql.DB    // the pool the transaction runs on
	stmts *stmtCache // nil: no statement cache
}

func (db *DB) newTx(sqlTx *sql.Tx, pool *sql.DB) *tx {
	return &tx{tx: sqlTx, d: db.dialect, pool: pool, stmts: db.stmts}
}

// stmt returns the cached statement of q bound to the transaction, or nil
// when there is none (yet).
func (t *tx) stmt(ctx context.Context, q string) *sql.Stmt {
	if t.stmts == nil {
		return nil
	}
	if st := t.stmts.lookup(t.pool, q); st != nil {
		return t.tx.StmtContext(ctx, st)
	}
	return nil
}

func (t *tx) exec(ctx context.Context, q string, args ...any) (sql.Result, error) {
	q = t.d.rebind(q)
	if st := t.stmt(ctx, q); st != nil {
		return st.ExecContext(ctx, args...)
	}
	return t.tx.ExecContext(ctx, q, args...)
}

func (t *tx) query(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	q = t.d.rebind(q)
	if st := t.stmt(ctx, q); st != nil {
		return st.QueryContext(ctx, args...)
	}
	return t.tx.QueryContext(ctx, q, args...)
}

func (t *tx) queryRow(ctx context.Context, q string, args ...any) *sql.Row {
	q = t.d.rebind(q)
	if st := t.stmt(ctx, q); st != nil {
		return st.QueryRowContext(ctx, args...)
	}
	return t.tx.QueryRowContext(ctx, q, args...)
}

// readRow runs a single-row query on the read pool outside a transaction.
func (db *DB) readRow(ctx context.Context, q string, args ...any) *sql.Row {
	q = db.dialect.rebind(q)
	if db.stmts != nil {
		if st := db.stmts.lookup(db.read, q); st != nil {
			return st.QueryRowContext(ctx, args...)
		}
	}
	return db.read.QueryRowContext(ctx, q, args...)
}

// maxAttempts bounds retries of transactions that lost a race.
const maxAttempts = 5

// inWriteTx runs fn in one write transaction, retrying when it lost to a
// concurrent transaction. fn must be safe to run again, and must set what it
// returns through captured variables from scratch each time. On SQLite, fn
// runs under a savepoint of a batch of writes (see groupWriter): it sees the
// writes of the batch before it, as if they had committed just before.
func (db *DB) inWriteTx(ctx context.Context, fn func(*tx) error) error {
	if db.writer != nil {
		return db.writer.do(ctx, fn)
	}
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
	if err := fn(db.newTx(sqlTx, pool)); err != nil {
		_ = sqlTx.Rollback()
		return err
	}
	if err := sqlTx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}
