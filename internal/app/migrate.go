package app

import (
	"context"
	"fmt"
)

func runMigrate(ctx context.Context, env Env, args []string) error {
	fs := newFlagSet("migrate", env)
	var db dbFlags
	db.register(fs, env.Getenv)
	if err := parse(fs, args); err != nil {
		return err
	}
	store, err := db.openUnmigrated(ctx)
	if err != nil {
		return err
	}
	defer store.Close()
	applied, err := store.Migrate(ctx)
	if err != nil {
		return err
	}
	if len(applied) == 0 {
		fmt.Fprintf(env.Stdout, "%s database is up to date\n", store.Engine())
		return nil
	}
	fmt.Fprintf(env.Stdout, "%s database migrated: applied versions %v\n", store.Engine(), applied)
	return nil
}
