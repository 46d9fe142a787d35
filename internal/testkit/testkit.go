// Package testkit gives tests real databases: SQLite in a temporary directory
// and PostgreSQL in a database made for the test and dropped after it.
package testkit

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"testing"
	"time"

	"convene/internal/demo"
	"convene/internal/program"
	"convene/internal/sqlstore"
)

// PostgresEnv names the variable holding a PostgreSQL URL whose user may
// create databases (scripts/test.sh sets it). Without it the suites run on
// SQLite only, except under CI, where its absence is a failure.
const PostgresEnv = "CONVENE_TEST_POSTGRES"

// Now is the fixed clock of tests: the morning the 2025 edition opens
// (27 March 2025, 08:00 in Beijing), before the sample embargo lifts.
var Now = time.Date(2025, 3, 27, 0, 0, 0, 0, time.UTC)

// Clock returns Now, always.
func Clock() time.Time { return Now }

// Engines lists the engines a suite must run on.
func Engines(t testing.TB) []string {
	t.Helper()
	if os.Getenv(PostgresEnv) != "" {
		return []string{"sqlite", "postgres"}
	}
	if os.Getenv("CI") != "" {
		t.Fatalf("%s is not set: CI must run the store suites on PostgreSQL too (scripts/test.sh sets it)", PostgresEnv)
	}
	return []string{"sqlite"}
}

// OpenDB opens a new, migrated, empty database of the engine, removed when
// the test ends.
func OpenDB(t testing.TB, engine string) *sqlstore.DB {
	t.Helper()
	ctx := context.Background()
	cfg := sqlstore.Config{DataDir: t.TempDir()}
	if engine == "postgres" {
		cfg = sqlstore.Config{DatabaseURL: CreatePostgresDB(t)}
	}
	db, err := sqlstore.Open(ctx, cfg)
	if err != nil {
		t.Fatalf("open %s: %v", engine, err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatalf("migrate %s: %v", engine, err)
	}
	return db
}

// CreatePostgresDB creates an empty PostgreSQL database for the test, drops
// it when the test ends, and returns its URL.
func CreatePostgresDB(t testing.TB) string {
	t.Helper()
	base := os.Getenv(PostgresEnv)
	if base == "" {
		t.Fatalf("%s is not set", PostgresEnv)
	}
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("%s: %v", PostgresEnv, err)
	}
	var b [6]byte
	_, _ = rand.Read(b[:])
	name := "convene_test_" + hex.EncodeToString(b[:])
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatalf("connect to postgres: %v", err)
	}
	defer admin.Close()
	if _, err := admin.Exec(`CREATE DATABASE ` + name); err != nil {
		t.Fatalf("create database %s: %v", name, err)
	}
	t.Cleanup(func() {
		admin, err := sql.Open("pgx", base)
		if err != nil {
			t.Errorf("connect to postgres: %v", err)
			return
		}
		defer admin.Close()
		if _, err := admin.Exec(`DROP DATABASE IF EXISTS ` + name + ` WITH (FORCE)`); err != nil {
			t.Errorf("drop database %s: %v", name, err)
		}
	})
	u.Path = "/" + name
	return u.String()
}

// DemoDB opens a database of the engine loaded with the sample data.
func DemoDB(t testing.TB, engine string) *sqlstore.DB {
	t.Helper()
	db := OpenDB(t, engine)
	if _, err := db.ImportDataset(context.Background(), demo.Dataset()); err != nil {
		t.Fatalf("load sample data on %s: %v", engine, err)
	}
	return db
}

// DemoCatalog is a catalogue over a database of the engine loaded with the
// sample data, on the fixed clock.
func DemoCatalog(t testing.TB, engine string) *program.Catalog {
	t.Helper()
	return program.NewCatalog(DemoDB(t, engine), Clock)
}
