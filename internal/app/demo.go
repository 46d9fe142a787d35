package app

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"strings"

	"convene/internal/demo"
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
	res, err := store.ImportDataset(ctx, demo.Dataset())
	if err != nil {
		return fmt.Errorf("load sample data: %w", err)
	}
	if len(res.Created) > 0 {
		fmt.Fprintf(out, "sample data loaded: %s\n", strings.Join(res.Created, ", "))
	}
	if len(res.Skipped) > 0 {
		fmt.Fprintf(out, "already present, left unchanged: %s\n", strings.Join(res.Skipped, ", "))
	}
	return loadDemoFair(ctx, store, out)
}
