package sqlstore

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"
	"time"
)

//go:embed migrations
var migrationFS embed.FS

// Migration is one schema step; both dialects have the same versions.
type Migration struct {
	Version int
	Name    string
	SQL     string
}

// Migrations lists the migrations of a dialect ("sqlite" or "postgres") in order.
func Migrations(engine string) ([]Migration, error) {
	dir := path.Join("migrations", engine)
	entries, err := fs.ReadDir(migrationFS, dir)
	if err != nil {
		return nil, fmt.Errorf("read migrations of %s: %w", engine, err)
	}
	var out []Migration
	for _, e := range entries {
		num, _, ok := strings.Cut(e.Name(), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || !strings.HasSuffix(e.Name(), ".sql") {
			return nil, fmt.Errorf("migration file %s/%s is not named NNNN_name.sql", dir, e.Name())
		}
		body, err := fs.ReadFile(migrationFS, path.Join(dir, e.Name()))
		if err != nil {
			return nil, err
		}
		out = append(out, Migration{Version: v, Name: e.Name(), SQL: string(body)})
	}
	slices.SortFunc(out, func(a, b Migration) int { return a.Version - b.Version })
	return out, nil
}

// migrationSteps are the Go parts of migrations that SQL alone cannot do,
// run in the migration's transaction after its SQL.
var migrationSteps = map[int]func(context.Context, *tx) error{
	6: publishExisting,
}

// migrationLock is the PostgreSQL advisory lock key held while migrating, so
// that nodes starting together on one database migrate one after the other.
const migrationLock = 0x636f6e76 // "conv"

// Migrate applies the migrations not yet applied, each in its own
// transaction together with its row in schema_migrations, so a crash leaves
// the schema at a whole version. It returns the versions it applied.
func (db *DB) Migrate(ctx context.Context) ([]int, error) {
	migrations, err := Migrations(db.dialect.name())
	if err != nil {
		return nil, err
	}
	conn, err := db.write.Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("migrate: %w", err)
	}
	defer conn.Close()
	if db.dialect == postgres {
		if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_lock($1)`, migrationLock); err != nil {
			return nil, fmt.Errorf("migrate: take the migration lock: %w", err)
		}
		defer conn.ExecContext(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock($1)`, migrationLock)
	}
	if _, err := conn.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version    INTEGER PRIMARY KEY,
		name       TEXT NOT NULL,
		applied_at TEXT NOT NULL)`); err != nil {
		return nil, fmt.Errorf("create schema_migrations: %w", err)
	}
	var applied []int
	for _, m := range migrations {
		done, err := db.applyMigration(ctx, conn, m)
		if err != nil {
			return applied, err
		}
		if done {
			applied = append(applied, m.Version)
		}
	}
	return applied, nil
}

// applyMigration applies one migration unless it was applied before, and
// reports whether it applied it.
func (db *DB) applyMigration(ctx context.Context, conn *sql.Conn, m Migration) (bool, error) {
	sqlTx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return false, fmt.Errorf("migration %s: %w", m.Name, err)
	}
	defer sqlTx.Rollback()
	t := &tx{tx: sqlTx, d: db.dialect} // migrations run once: nothing to cache
	var n int
	if err := t.queryRow(ctx, `SELECT COUNT(*) FROM schema_migrations WHERE version = ?`, m.Version).Scan(&n); err != nil {
		return false, fmt.Errorf("migration %s: %w", m.Name, err)
	}
	if n > 0 {
		return false, nil
	}
	if _, err := t.exec(ctx, m.SQL); err != nil {
		return false, fmt.Errorf("migration %s: %w", m.Name, err)
	}
	if step := migrationSteps[m.Version]; step != nil {
		if err := step(ctx, t); err != nil {
			return false, fmt.Errorf("migration %s: %w", m.Name, err)
		}
	}
	if _, err := t.exec(ctx, `INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`,
		m.Version, m.Name, time.Now().UTC().Format(time.RFC3339)); err != nil {
		return false, fmt.Errorf("migration %s: %w", m.Name, err)
	}
	if err := sqlTx.Commit(); err != nil {
		return false, fmt.Errorf("migration %s: commit: %w", m.Name, err)
	}
	return true, nil
}
