package app

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"convene/internal/program"
	"convene/internal/sqlstore"
)

func runPublish(ctx context.Context, env Env, args []string) error {
	fs := newFlagSet("publish", env)
	var db dbFlags
	db.register(fs, env.Getenv)
	event := fs.String("event", "", "edition slug, e.g. zgc-2025 (required)")
	dryRun := fs.Bool("dry-run", false, "list what publishing would change, publish nothing")
	lang := fs.String("lang", "en", "language of the changelog: zh or en")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *event == "" {
		return usageError{fmt.Errorf("--event is required")}
	}
	if *lang != program.LangZH && *lang != program.LangEN {
		return usageError{fmt.Errorf("--lang %q: want zh or en", *lang)}
	}
	store, err := db.open(ctx, slog.New(slog.NewTextHandler(env.Stderr, nil)))
	if err != nil {
		return err
	}
	defer store.Close()
	v, err := store.Publish(ctx, *event, *dryRun)
	if sqlstore.IsUnchanged(err) {
		fmt.Fprintf(env.Stdout, "edition %s: %v\n", *event, err)
		return nil
	}
	if err != nil {
		return err
	}
	ed, err := store.LoadDraftEdition(ctx, *event)
	if err != nil {
		return err
	}
	if *dryRun {
		fmt.Fprintf(env.Stdout, "(dry run, nothing published) edition %s: version %d would change %d item(s)\n", *event, v.Number, len(v.Changes))
	} else {
		fmt.Fprintf(env.Stdout, "edition %s: published version %d at %s, %d change(s)\n", *event, v.Number, v.PublishedAt.Format(time.RFC3339), len(v.Changes))
	}
	for _, c := range v.Changes {
		fmt.Fprintf(env.Stdout, "  %s\n", c.Message(*lang, ed.Location()))
	}
	return nil
}
