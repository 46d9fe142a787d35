package app

import (
	"context"
	"fmt"
	"log/slog"
	"strings"

	"convene/internal/program"
	"convene/internal/registration"
	"convene/internal/sqlstore"
)

// openEdition opens the database and resolves an edition for the
// registration commands.
func openEdition(ctx context.Context, env Env, db dbFlags, event string) (*sqlstore.DB, *program.Edition, error) {
	if event == "" {
		return nil, nil, usageError{fmt.Errorf("--event is required")}
	}
	store, err := db.open(ctx, slog.New(slog.NewTextHandler(env.Stderr, nil)))
	if err != nil {
		return nil, nil, err
	}
	ed, err := program.NewCatalog(store, env.Now).Edition(ctx, event)
	if err != nil {
		store.Close()
		return nil, nil, err
	}
	return store, ed, nil
}

// runToken: convene token create --role checkin|admin --event E [--label L]
func runToken(ctx context.Context, env Env, args []string) error {
	if len(args) == 0 || args[0] != "create" {
		return usageError{fmt.Errorf("usage: convene token create --role checkin|admin --event E [--label L]")}
	}
	fs := newFlagSet("token create", env)
	var db dbFlags
	db.register(fs, env.Getenv)
	event := fs.String("event", "", "edition slug the token is for, e.g. zgc-2025 (required)")
	role := fs.String("role", "", "checkin (gate and room staff) or admin (the secretariat: check-in, figures, exports) (required)")
	label := fs.String("label", "", "who holds it, shown on each admission it records, e.g. 'north gate 2' (default: the role)")
	if err := parse(fs, args[1:]); err != nil {
		return err
	}
	if *role != string(registration.RoleCheckin) && *role != string(registration.RoleAdmin) {
		return usageError{fmt.Errorf("--role %q: want checkin or admin", *role)}
	}
	store, ed, err := openEdition(ctx, env, db, *event)
	if err != nil {
		return err
	}
	defer store.Close()
	token, err := registration.New(store, env.Now).CreateStaffToken(ctx, ed, registration.Role(*role), *label)
	if err != nil {
		return err
	}
	// The token alone on stdout, for scripts; it is stored only as a hash.
	fmt.Fprintln(env.Stdout, token)
	return nil
}

// runInvitation: convene invitation create --event E --kinds guest,media --seats N [--label L]
func runInvitation(ctx context.Context, env Env, args []string) error {
	if len(args) == 0 || args[0] != "create" {
		return usageError{fmt.Errorf("usage: convene invitation create --event E --kinds guest[,media…] --seats N [--label L]")}
	}
	fs := newFlagSet("invitation create", env)
	var db dbFlags
	db.register(fs, env.Getenv)
	event := fs.String("event", "", "edition slug, e.g. zgc-2025 (required)")
	kinds := fs.String("kinds", string(registration.KindGuest), "comma-separated kinds the code admits: attendee, guest, media, staff, exhibitor")
	seats := fs.Int("seats", 1, "how many people the code admits")
	label := fs.String("label", "", "what the code is for, e.g. 'MOST delegation'")
	if err := parse(fs, args[1:]); err != nil {
		return err
	}
	var ks []registration.Kind
	for _, k := range strings.Split(*kinds, ",") {
		if k = strings.TrimSpace(k); k != "" {
			ks = append(ks, registration.Kind(k))
		}
	}
	store, ed, err := openEdition(ctx, env, db, *event)
	if err != nil {
		return err
	}
	defer store.Close()
	inv, err := registration.New(store, env.Now).CreateInvitation(ctx, ed, ks, *seats, *label)
	if err != nil {
		if e := program.SafeError(err); e != nil && e.Code == program.CodeInvalid {
			return usageError{fmt.Errorf("--%s: %s", e.Field, e.Message)}
		}
		return err
	}
	fmt.Fprintln(env.Stdout, registration.GroupCode(inv.Code))
	return nil
}
