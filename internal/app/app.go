// Package app wires convene together and runs its sub-commands. It is the
// only package that knows every other one.
package app

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"runtime/debug"
	"strings"
	"time"

	"convene/internal/audit"
	"convene/internal/sqlstore"
)

// Env holds what a command receives from its process; tests pass their own.
type Env struct {
	Args   []string // without the program name
	Getenv func(string) string
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	Now    func() time.Time
	// Ready, when set, receives the address serve listens on (tests use :0).
	Ready func(addr string)
}

type command struct {
	name, summary string
	run           func(ctx context.Context, env Env, args []string) error
}

func commands() []command {
	return []command{
		{"serve", "serve the public site and the API", runServe},
		{"migrate", "create or upgrade the database schema", runMigrate},
		{"demo", "load the sample data (running it again changes nothing)", runDemo},
		{"stats", "print the press-briefing figures of an edition", runStats},
		{"import", "import an edition's program from an XLSX or CSV file (all or nothing)", runImport},
		{"publish", "publish the working copy of an edition's program as its next public version, with its changelog", runPublish},
		{"export", "export an edition's program, or its registrations, as XLSX or CSV (or --template)", runExport},
		{"user", "add or disable an account of the secretariat, an editor, gate staff or press (user add|disable -h)", runUser},
		{"token", "create an account's API token or an edition's staff token; list or revoke staff tokens (token create|list|revoke -h)", runToken},
		{"invitation", "create an invitation code for guests, media … (invitation create -h)", runInvitation},
		{"schedule", "place an edition's unscheduled activities as a draft, fewest audience conflicts first (--dry-run, --from-empty)", runSchedule},
		{"bench", "run a benchmark on public instances (convene bench -h lists them)", runBench},
		{"version", "print the version", runVersion},
	}
}

// Main runs the command named by env.Args[0] and returns the process exit code.
func Main(ctx context.Context, env Env) int {
	if env.Now == nil {
		env.Now = time.Now
	}
	if len(env.Args) == 0 || env.Args[0] == "help" || env.Args[0] == "-h" || env.Args[0] == "--help" {
		usage(env.Stderr)
		if len(env.Args) == 0 {
			return 2
		}
		return 0
	}
	for _, c := range commands() {
		if c.name == env.Args[0] {
			// Changes made by a command are the command line's in the audit log.
			err := c.run(audit.WithActor(ctx, audit.CommandLine), env, env.Args[1:])
			if errors.Is(err, flag.ErrHelp) {
				return 0
			}
			var ue usageError
			if errors.As(err, &ue) {
				fmt.Fprintf(env.Stderr, "convene %s: %v\n", c.name, err)
				return 2
			}
			if err != nil {
				fmt.Fprintf(env.Stderr, "convene %s: %v\n", c.name, err)
				return 1
			}
			return 0
		}
	}
	fmt.Fprintf(env.Stderr, "convene: unknown command %q\n\n", env.Args[0])
	usage(env.Stderr)
	return 2
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: convene <command> [flags]\n\ncommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun 'convene <command> -h' for the flags of a command.")
}

// usageError is a mistake in the command line (exit code 2).
type usageError struct{ error }

// dbFlags are the storage flags shared by the commands that open the database.
// Each has an environment-variable twin; a flag given on the command line wins.
type dbFlags struct {
	data, databaseURL string
}

func (f *dbFlags) register(fs *flag.FlagSet, getenv func(string) string) {
	fs.StringVar(&f.data, "data", envOr(getenv, "CONVENE_DATA", "data"), "data directory for the SQLite database (env CONVENE_DATA)")
	fs.StringVar(&f.databaseURL, "database-url", getenv("CONVENE_DATABASE_URL"), "PostgreSQL URL postgres://…; empty for SQLite (env CONVENE_DATABASE_URL)")
}

func (f *dbFlags) openUnmigrated(ctx context.Context) (*sqlstore.DB, error) {
	return sqlstore.Open(ctx, sqlstore.Config{DataDir: f.data, DatabaseURL: f.databaseURL})
}

// open opens and migrates the database.
func (f *dbFlags) open(ctx context.Context, log *slog.Logger) (*sqlstore.DB, error) {
	db, err := f.openUnmigrated(ctx)
	if err != nil {
		return nil, err
	}
	applied, err := db.Migrate(ctx)
	if err != nil {
		db.Close()
		return nil, err
	}
	if len(applied) > 0 {
		log.Info("migrated", "engine", db.Engine(), "versions", applied)
	}
	return db, nil
}

func envOr(getenv func(string) string, key, def string) string {
	if v := getenv(key); v != "" {
		return v
	}
	return def
}

func newFlagSet(name string, env Env) *flag.FlagSet {
	fs := flag.NewFlagSet("convene "+name, flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	return fs
}

func parse(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return usageError{err}
	}
	if fs.NArg() > 0 {
		return usageError{fmt.Errorf("unexpected arguments: %s", strings.Join(fs.Args(), " "))}
	}
	return nil
}

func newLogger(w io.Writer, level string) (*slog.Logger, error) {
	var l slog.Level
	if err := l.UnmarshalText([]byte(level)); err != nil {
		return nil, usageError{fmt.Errorf("log level %q: want debug, info, warn or error", level)}
	}
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: l})), nil
}

// Version is the module version and VCS revision the binary was built from.
func Version() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "convene (unknown build)"
	}
	v := "convene " + info.Main.Version
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			v += " " + s.Value
		case "vcs.modified":
			if s.Value == "true" {
				v += "+dirty"
			}
		}
	}
	return v + " " + info.GoVersion
}

func runVersion(_ context.Context, env Env, args []string) error {
	if err := parse(newFlagSet("version", env), args); err != nil {
		return err
	}
	fmt.Fprintln(env.Stdout, Version())
	return nil
}
