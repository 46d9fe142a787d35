package app

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"

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
	if *format != "xlsx" && *format != "csv" {
		return usageError{fmt.Errorf("--format %q: want xlsx or csv", *format)}
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
		if tables, err = exportTables(ctx, store, *event); err != nil {
			return err
		}
	}
	if *out == "" {
		return writeTables(env.Stdout, tables, *format, *lang)
	}
	return writeFileAtomic(*out, func(w io.Writer) error { return writeTables(w, tables, *format, *lang) })
}

// exportTables lays out the whole program of an edition, drafts included.
func exportTables(ctx context.Context, store *sqlstore.DB, event string) ([]spreadsheet.Table, error) {
	ds, err := store.EditionDataset(ctx, event)
	if err != nil {
		return nil, err
	}
	return spreadsheet.Tables(ds), nil
}

func writeTables(w io.Writer, tables []spreadsheet.Table, format, lang string) error {
	if format == "csv" {
		return spreadsheet.WriteCSV(w, tables, lang)
	}
	return spreadsheet.WriteXLSX(w, tables, lang)
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
