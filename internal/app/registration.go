package app

import (
	"bufio"
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strings"

	"convene/internal/accounts"
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

// runToken: convene token create --user EMAIL [--label L], or
// convene token create --role checkin|admin --event E [--label L].
func runToken(ctx context.Context, env Env, args []string) error {
	const usage = "usage: convene token create --user EMAIL [--label L]\n   or: convene token create --role checkin|admin --event E [--label L]\n   or: convene token list --event E\n   or: convene token revoke --event E --id ID"
	if len(args) > 0 && (args[0] == "list" || args[0] == "revoke") {
		return runStaffTokens(ctx, env, args)
	}
	if len(args) == 0 || args[0] != "create" {
		return usageError{errors.New(usage)}
	}
	fs := newFlagSet("token create", env)
	var db dbFlags
	db.register(fs, env.Getenv)
	user := fs.String("user", "", "email of the account the token acts as (a token for scripts)")
	event := fs.String("event", "", "without --user: edition slug the staff token is for, e.g. zgc-2025")
	role := fs.String("role", "", "without --user: checkin (gate and room staff) or admin (the secretariat: check-in, figures, exports)")
	label := fs.String("label", "", "what the token is for; a staff token's label is shown on each admission it records, e.g. 'north gate 2'")
	if err := parse(fs, args[1:]); err != nil {
		return err
	}
	var token string
	switch {
	case *user != "" && (*role != "" || *event != ""):
		return usageError{errors.New("--user acts with the account's role: give it without --role and --event")}
	case *user != "":
		store, err := db.open(ctx, slog.New(slog.NewTextHandler(env.Stderr, nil)))
		if err != nil {
			return err
		}
		defer store.Close()
		if token, err = accounts.New(store, env.Now).CreateToken(ctx, *user, *label); err != nil {
			return err
		}
	default:
		if *role != string(registration.RoleCheckin) && *role != string(registration.RoleAdmin) {
			return usageError{fmt.Errorf("--role %q: want checkin or admin (or give --user)", *role)}
		}
		store, ed, err := openEdition(ctx, env, db, *event)
		if err != nil {
			return err
		}
		defer store.Close()
		if token, err = registration.New(store, env.Now).CreateStaffToken(ctx, ed, registration.Role(*role), *label); err != nil {
			return err
		}
	}
	// The token alone on stdout, for scripts; it is stored only as a hash.
	fmt.Fprintln(env.Stdout, token)
	return nil
}

// runStaffTokens: convene token list --event E, convene token revoke --event E --id ID
func runStaffTokens(ctx context.Context, env Env, args []string) error {
	fs := newFlagSet("token "+args[0], env)
	var db dbFlags
	db.register(fs, env.Getenv)
	event := fs.String("event", "", "edition slug (required)")
	id := fs.String("id", "", "revoke: the token's id, as token list shows it")
	if err := parse(fs, args[1:]); err != nil {
		return err
	}
	if args[0] == "revoke" && *id == "" {
		return usageError{errors.New("--id is required: the token's id, as convene token list shows it")}
	}
	store, ed, err := openEdition(ctx, env, db, *event)
	if err != nil {
		return err
	}
	defer store.Close()
	svc := registration.New(store, env.Now)
	if args[0] == "revoke" {
		if err := svc.RevokeStaffToken(ctx, ed, *id); err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "revoked %s\n", *id)
		return nil
	}
	tokens, err := svc.StaffTokens(ctx, ed)
	if err != nil {
		return err
	}
	for _, t := range tokens {
		state := "in force"
		if t.RevokedAt != nil {
			state = "revoked " + ed.Local(*t.RevokedAt).Format("2006-01-02 15:04")
		}
		fmt.Fprintf(env.Stdout, "%s  %-7s  %-24s  made %s  %s\n", t.TokenID, t.Role, t.Label, ed.Local(t.CreatedAt).Format("2006-01-02 15:04"), state)
	}
	return nil
}

// runUser: convene user add --email E --role R [--org SLUG[,SLUG…]] [--name N] [--password-stdin]
func runUser(ctx context.Context, env Env, args []string) error {
	if len(args) > 0 && args[0] == "disable" {
		return runUserDisable(ctx, env, args[1:])
	}
	if len(args) == 0 || args[0] != "add" {
		return usageError{errors.New("usage: convene user add --email E --role admin|editor|checkin|press [--org SLUG,…] [--name N] [--password-stdin]\n   or: convene user disable --email E")}
	}
	fs := newFlagSet("user add", env)
	var db dbFlags
	db.register(fs, env.Getenv)
	email := fs.String("email", "", "the account's email, used to sign in (required)")
	role := fs.String("role", "", "admin (the secretariat), editor, checkin (gate staff) or press (required)")
	orgs := fs.String("org", "", "editors: comma-separated slugs of the organisations they act for")
	name := fs.String("name", "", "the name shown on pages (default: the email)")
	fromStdin := fs.Bool("password-stdin", false, "read the password from the first line of standard input; without it a password is made and printed once")
	if err := parse(fs, args[1:]); err != nil {
		return err
	}
	if *email == "" || *role == "" {
		return usageError{errors.New("--email and --role are required")}
	}
	var password string
	if *fromStdin {
		line, err := bufio.NewReader(io.LimitReader(env.Stdin, 4096)).ReadString('\n')
		if err != nil && !errors.Is(err, io.EOF) {
			return fmt.Errorf("read the password: %w", err)
		}
		password = strings.TrimRight(line, "\r\n")
	} else {
		password = rand.Text() // 26 base32 characters, 130 random bits
	}
	var slugs []string
	for _, o := range strings.Split(*orgs, ",") {
		if o = strings.TrimSpace(o); o != "" {
			slugs = append(slugs, o)
		}
	}
	store, err := db.open(ctx, slog.New(slog.NewTextHandler(env.Stderr, nil)))
	if err != nil {
		return err
	}
	defer store.Close()
	u, err := accounts.New(store, env.Now).AddUser(ctx, *email, *name, accounts.Role(*role), slugs, password)
	if e := program.SafeError(err); e != nil && e.Code == program.CodeInvalid && e.Field != "" {
		return usageError{fmt.Errorf("--%s: %s", e.Field, e.Message)}
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "added %s (%s)\n", u.Email, u.Role)
	if !*fromStdin {
		fmt.Fprintf(env.Stdout, "password: %s\n", password)
	}
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

// runUserDisable: convene user disable --email E
func runUserDisable(ctx context.Context, env Env, args []string) error {
	fs := newFlagSet("user disable", env)
	var db dbFlags
	db.register(fs, env.Getenv)
	email := fs.String("email", "", "the account to shut out: no sign-in, sessions ended, API tokens revoked (required)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *email == "" {
		return usageError{errors.New("--email is required")}
	}
	store, err := db.open(ctx, slog.New(slog.NewTextHandler(env.Stderr, nil)))
	if err != nil {
		return err
	}
	defer store.Close()
	if err := accounts.New(store, env.Now).DisableUser(ctx, *email); err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "disabled %s\n", *email)
	return nil
}
