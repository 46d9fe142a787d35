package app

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"strings"

	"convene/internal/demo"
	"convene/internal/program"
	"convene/internal/sqlstore"
)

func runDemo(ctx context.Context, env Env, args []string) error {
	fs := newFlagSet("demo", env)
	var db dbFlags
	db.register(fs, env.Getenv)
	if err := parse(fs, args); err != nil {
		return err
	}
	store, err := db.open(ctx, slog.New(slog.NewTextHandler(env.Stderr, nil)))
	if err != nil {
		return err
	}
	defer store.Close()
	return loadDemo(ctx, store, env.Stdout)
}

// loadDemo loads the sample data; editions already present are left alone.
func loadDemo(ctx context.Context, store *sqlstore.DB, out io.Writer) error {
	ds := demo.Dataset()
	res, err := store.ImportDataset(ctx, ds)
	if err != nil {
		return fmt.Errorf("load sample data: %w", err)
	}
	if len(res.Created) > 0 {
		fmt.Fprintf(out, "sample data loaded: %s\n", strings.Join(res.Created, ", "))
	}
	if len(res.Skipped) > 0 {
		fmt.Fprintf(out, "already present, left unchanged: %s\n", strings.Join(res.Skipped, ", "))
	}
	if err := loadDemoTimetable(ctx, store, ds, out); err != nil {
		return fmt.Errorf("load sample data: %w", err)
	}
	return loadDemoFair(ctx, store, out)
}

// loadDemoTimetable adds the interests of the sample attendees, which
// scheduling the sample needs (the theme days' members come with the
// dataset). It runs once per database, when the edition has no declared
// interests yet.
func loadDemoTimetable(ctx context.Context, store *sqlstore.DB, ds *program.Dataset, out io.Writer) error {
	n, err := store.DeclaredInterests(ctx, demo.InterestEvent)
	if err != nil || n > 0 {
		return err
	}
	interests := demo.Interests(ds)
	if err := store.DeclareInterests(ctx, demo.InterestEvent, interests); err != nil {
		return err
	}
	fmt.Fprintf(out, "sample interests declared: %d attendees of %s\n", len(interests), demo.InterestEvent)
	return nil
}
