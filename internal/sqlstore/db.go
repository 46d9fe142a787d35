// Package sqlstore is the only code that speaks SQL. One set of queries,
// written with ? placeholders, runs on SQLite (default, a file in the data
// directory) and PostgreSQL; dialect differences live in dialect.go and the
// per-dialect migration folders.
package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/google/uuid"
	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
	_ "modernc.org/sqlite"             // registers the "sqlite" driver
)

// Config says which database to open.
type Config struct {
	// DatabaseURL selects PostgreSQL (postgres://… or postgresql://…). Empty
	// selects SQLite in DataDir.
	DatabaseURL string
	// DataDir holds the SQLite file convene.db; created when missing.
	DataDir string
	// Now is the clock of the instants the store records (an edition's
	// updated_at); nil means time.Now.
	Now func() time.Time
}

// DB is the store. Reads and writes use separate pools: SQLite allows one
// writer at a time, so the write pool has a single connection (writers queue
// in Go instead of failing with SQLITE_BUSY), while readers run in parallel
// under WAL.
type DB struct {
	dialect dialect
	write   *sql.DB
	read    *sql.DB
	now     func() time.Time

	writer *groupWriter // SQLite only: batches the write transactions
	stmts  *stmtCache   // SQLite only: prepared statements

	keyMu     sync.Mutex
	ticketKey []byte // cached by TicketKey: once made, it never changes
}

// Open opens (and for SQLite creates) the database. It does not migrate.
func Open(ctx context.Context, cfg Config) (*DB, error) {
	if u := cfg.DatabaseURL; u != "" {
		if !strings.HasPrefix(u, "postgres://") && !strings.HasPrefix(u, "postgresql://") {
			return nil, fmt.Errorf("database URL must start with postgres:// (got %q)", redact(u))
		}
		pool, err := sql.Open("pgx", u)
		if err != nil {
			return nil, fmt.Errorf("open postgres: %w", err)
		}
		pool.SetMaxOpenConns(16)
		pool.SetMaxIdleConns(16)
		pool.SetConnMaxIdleTime(5 * time.Minute)
		db := &DB{dialect: postgres, write: pool, read: pool, now: clock(cfg.Now)}
		if err := pool.PingContext(ctx); err != nil {
			pool.Close()
			return nil, fmt.Errorf("connect to postgres %s: %w", redact(u), err)
		}
		return db, nil
	}
	if cfg.DataDir == "" {
		return nil, errors.New("no data directory and no database URL given")
	}
	if err := os.MkdirAll(cfg.DataDir, 0o750); err != nil {
		return nil, fmt.Errorf("create data directory: %w", err)
	}
	path := filepath.Join(cfg.DataDir, "convene.db")
	// busy_timeout must come first so that the other pragmas wait for a lock
	// instead of failing while another process holds the file.
	pragmas := "_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)&_pragma=foreign_keys(ON)"
	write, err := sql.Open("sqlite", "file:"+path+"?"+pragmas+"&_txlock=immediate")
	if err != nil {
		return nil, fmt.Errorf("open sqlite: %w", err)
	}
	write.SetMaxOpenConns(1)
	if err := write.PingContext(ctx); err != nil {
		write.Close()
		return nil, fmt.Errorf("open sqlite %s: %w", path, err)
	}
	read, err := sql.Open("sqlite", "file:"+path+"?"+pragmas+"&_pragma=query_only(ON)")
	if err != nil {
		write.Close()
		return nil, fmt.Errorf("open sqlite: %w", err)
	}
	n := max(4, runtime.NumCPU())
	read.SetMaxOpenConns(n)
	read.SetMaxIdleConns(n)
	db := &DB{dialect: sqlite, write: write, read: read, now: clock(cfg.Now), stmts: newStmtCache()}
	db.writer = newGroupWriter(db)
	return db, nil
}

func clock(now func() time.Time) func() time.Time {
	if now == nil {
		return time.Now
	}
	return now
}

// Engine names the database engine: "sqlite" or "postgres".
func (db *DB) Engine() string { return db.dialect.name() }

// Close closes both pools, after the writes already queued.
func (db *DB) Close() error {
	if db.writer != nil {
		db.writer.close()
	}
	if db.stmts != nil {
		db.stmts.close()
	}
	err := db.write.Close()
	if db.read != db.write {
		err = errors.Join(err, db.read.Close())
	}
	return err
}

// newID makes a time-ordered id (UUIDv7) in Go, so both engines store the same kind of key.
func newID() string { return uuid.Must(uuid.NewV7()).String() }

// redact hides the password of a database URL in messages.
func redact(u string) string {
	p, err := url.Parse(u)
	if err != nil {
		return "(unparsable URL)"
	}
	return p.Redacted()
}
