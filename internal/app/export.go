package app

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"

	"convene/internal/program"
	"convene/internal/programfile"
	"convene/internal/registration"
	"convene/internal/spreadsheet"
	"convene/internal/sqlstore"
)

func runExport(ctx context.Context, env Env, args []string) error {
	fs := newFlagSet("export", env)
	var db dbFlags
	db.register(fs, env.Getenv)
	event := fs.String("event", "", "edition slug, e.g. zgc-2025 (required unless --template)")
	format := fs.String("format", "", "xlsx or csv (default: from the --out name, else xlsx)")
	out := fs.String("out", "", "file to write (default: standard output)")
	lang := fs.String("lang", "zh", "language of the sheet names and headers: zh or en (import accepts both)")
	template := fs.Bool("template", false, "write the empty layout (headers only) to fill in by hand; needs no database")
	registrations := fs.Bool("registrations", false, "export the attendees and the sign-ups per activity instead of the program")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *lang != "zh" && *lang != "en" {
		return usageError{fmt.Errorf("--lang %q: want zh or en", *lang)}
	}
	if *format == "" {
		*format = "xlsx"
		if strings.EqualFold(filepath.Ext(*out), ".csv") {
			*format = "csv"
		}
	}
	f, err := spreadsheet.ParseFormat(*format)
	if err != nil {
		return usageError{fmt.Errorf("--format: %w", err)}
	}
	var tables []spreadsheet.Table
	if *template {
		tables = spreadsheet.Template()
	} else {
		if *event == "" {
			return usageError{fmt.Errorf("--event is required (or --template)")}
		}
		store, err := db.open(ctx, slog.New(slog.NewTextHandler(env.Stderr, nil)))
		if err != nil {
			return err
		}
		defer store.Close()
		if *registrations {
			tables, err = registrationTables(ctx, env, store, *event)
		} else {
			tables, err = programfile.New(store).Export(ctx, *event)
		}
		if err != nil {
			return err
		}
	}
	if *out == "" {
		return spreadsheet.Write(env.Stdout, tables, f, *lang)
	}
	return writeFileAtomic(*out, func(w io.Writer) error { return spreadsheet.Write(w, tables, f, *lang) })
}

// registrationTables are the secretariat's lists of attendees and sign-ups.
func registrationTables(ctx context.Context, env Env, store *sqlstore.DB, event string) ([]spreadsheet.Table, error) {
	ed, err := program.NewCatalog(store, env.Now).Edition(ctx, event)
	if err != nil {
		return nil, err
	}
	return registration.New(store, env.Now).ExportTables(ctx, ed)
}

// writeFileAtomic writes a file through a temporary one renamed into place,
// so that a failed export never leaves half a file.
func writeFileAtomic(path string, write func(io.Writer) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := write(tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
