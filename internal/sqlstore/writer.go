package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"
	"time"
)

// groupWriter runs the write transactions of an SQLite database in batches
// (group commit). SQLite has one writer at a time anyway; what costs is each
// transaction's BEGIN and COMMIT (the WAL write and, at checkpoints, fsync):
// measured at about half of a sign-up's time in the writer. So one goroutine
// takes every write waiting at that moment, runs each under its own
// SAVEPOINT inside one transaction, and commits once. A write that fails is
// rolled back to its savepoint and reported to its caller alone; the others
// commit. Writers are served in arrival order, which keeps the latency tail
// short under load (database/sql hands a freed connection to a random
// waiter).
type groupWriter struct {
	db   *DB
	jobs chan *writeJob
	done chan struct{}

	mu     sync.RWMutex // held for reading while sending a job, for writing to close jobs
	closed bool
}

type writeJob struct {
	ctx    context.Context
	fn     func(*tx) error
	result chan error
}

// maxBatch bounds a batch: enough to amortise a commit over many writes,
// few enough that a batch never holds the lock for long.
const maxBatch = 64

func newGroupWriter(db *DB) *groupWriter {
	g := &groupWriter{db: db, jobs: make(chan *writeJob, maxBatch), done: make(chan struct{})}
	go g.run()
	return g
}

// do runs fn in a batch and returns its own outcome once the batch has
// committed. Once queued, a write is not abandoned when ctx ends during the
// wait (it may already be committing); the writer skips it if ctx ended
// before its turn.
func (g *groupWriter) do(ctx context.Context, fn func(*tx) error) error {
	job := &writeJob{ctx: ctx, fn: fn, result: make(chan error, 1)}
	g.mu.RLock()
	if g.closed {
		g.mu.RUnlock()
		return errClosed
	}
	select {
	case g.jobs <- job:
	case <-ctx.Done():
		g.mu.RUnlock()
		return ctx.Err()
	}
	g.mu.RUnlock()
	return <-job.result
}

var errClosed = errors.New("the database is closed")

// close stops the writer after the writes already queued; it may be called
// more than once.
func (g *groupWriter) close() {
	g.mu.Lock()
	if !g.closed {
		g.closed = true
		close(g.jobs)
	}
	g.mu.Unlock()
	<-g.done
}

func (g *groupWriter) run() {
	defer close(g.done)
	for first := range g.jobs {
		batch := append(make([]*writeJob, 0, maxBatch), first)
	fill:
		for len(batch) < maxBatch {
			select {
			case j, ok := <-g.jobs:
				if !ok {
					break fill
				}
				batch = append(batch, j)
			default:
				break fill
			}
		}
		g.commit(batch)
	}
}

// commit runs a batch, retrying the whole of it when the transaction lost
// to another process (SQLITE_BUSY beyond the busy timeout); every write is
// safe to run again by inWriteTx's contract.
func (g *groupWriter) commit(batch []*writeJob) {
	var results []error
	var err error
	for attempt := 1; ; attempt++ {
		results, err = g.runBatch(batch)
		if err == nil || !retryable(err) || attempt == maxAttempts {
			break
		}
		time.Sleep(time.Duration(attempt*attempt) * 5 * time.Millisecond)
	}
	for i, j := range batch {
		if err != nil {
			j.result <- err
		} else {
			j.result <- results[i]
		}
	}
}

func (g *groupWriter) runBatch(batch []*writeJob) ([]error, error) {
	// The batch's transaction is not tied to any one caller's context.
	ctx := context.Background()
	sqlTx, err := g.db.write.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("begin transaction: %w", err)
	}
	t := g.db.newTx(sqlTx, g.db.write)
	results := make([]error, len(batch))
	for i, j := range batch {
		if err := j.ctx.Err(); err != nil {
			results[i] = err
			continue
		}
		results[i], err = runSavepoint(ctx, sqlTx, t, j.fn)
		if err != nil { // the savepoint itself failed: the transaction is unusable
			_ = sqlTx.Rollback()
			return nil, err
		}
	}
	if err := sqlTx.Commit(); err != nil {
		return nil, fmt.Errorf("commit: %w", err)
	}
	return results, nil
}

// runSavepoint runs fn under a savepoint: fn's error is its own result and
// undoes only fn's writes; the second error is a failure of the savepoint
// statements themselves.
func runSavepoint(ctx context.Context, sqlTx *sql.Tx, t *tx, fn func(*tx) error) (error, error) {
	if _, err := sqlTx.ExecContext(ctx, "SAVEPOINT write"); err != nil {
		return nil, fmt.Errorf("savepoint: %w", err)
	}
	if ferr := fn(t); ferr != nil {
		if _, err := sqlTx.ExecContext(ctx, "ROLLBACK TO write"); err != nil {
			return nil, fmt.Errorf("rollback to savepoint: %w", err)
		}
		if _, err := sqlTx.ExecContext(ctx, "RELEASE write"); err != nil {
			return nil, fmt.Errorf("release savepoint: %w", err)
		}
		return ferr, nil
	}
	if _, err := sqlTx.ExecContext(ctx, "RELEASE write"); err != nil {
		return nil, fmt.Errorf("release savepoint: %w", err)
	}
	return nil, nil
}
