package app

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"

	"convene/internal/program"
	"convene/internal/spreadsheet"
	"convene/internal/sqlstore"
)

func runImport(ctx context.Context, env Env, args []string) error {
	fs := newFlagSet("import", env)
	var db dbFlags
	db.register(fs, env.Getenv)
	event := fs.String("event", "", "edition slug to import into, e.g. zgc-2026; created when it does not exist (required)")
	dryRun := fs.Bool("dry-run", false, "check the file and report the differences without writing anything")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return usageError{err}
	}
	if *event == "" || fs.NArg() != 1 {
		return usageError{fmt.Errorf("usage: convene import --event E [--dry-run] FILE (xlsx or csv; - for standard input)")}
	}
	data, err := readLimited(env.Stdin, fs.Arg(0))
	if err != nil {
		return err
	}
	store, err := db.open(ctx, slog.New(slog.NewTextHandler(env.Stderr, nil)))
	if err != nil {
		return err
	}
	defer store.Close()
	res, err := importProgram(ctx, store, *event, data, *dryRun)
	if err != nil {
		return err
	}
	res.print(env.Stdout)
	return nil
}

// readLimited reads the file (or standard input for "-"), refusing files over
// spreadsheet.MaxSize before reading them.
func readLimited(stdin io.Reader, name string) ([]byte, error) {
	var r io.Reader = stdin
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		if st, err := f.Stat(); err == nil && st.Size() > spreadsheet.MaxSize {
			return nil, spreadsheet.Report{{Message: fmt.Sprintf("%s has %d bytes, more than the limit of %d MB; nothing was imported", name, st.Size(), spreadsheet.MaxSize>>20)}}
		}
		r = f
	}
	data, err := io.ReadAll(io.LimitReader(r, spreadsheet.MaxSize+1))
	if err != nil {
		return nil, err
	}
	if len(data) > spreadsheet.MaxSize {
		return nil, spreadsheet.Report{{Message: fmt.Sprintf("the file is larger than the limit of %d MB; nothing was imported", spreadsheet.MaxSize>>20)}}
	}
	return data, nil
}

// importResult says what an import did.
type importResult struct {
	Event      string
	Format     spreadsheet.Format
	Created    bool // a new edition was made
	Activities int  // activities in the file
	Changes    []spreadsheet.Change
	Notes      []string // register rows added, or differing from the database and left as they are
	Version    int64
	DryRun     bool
}

func (r importResult) print(w io.Writer) {
	verb := ""
	if r.DryRun {
		verb = "(dry run, nothing written) "
	}
	defer func() {
		for _, n := range r.Notes {
			fmt.Fprintf(w, "  note: %s\n", n)
		}
	}()
	switch {
	case r.Created:
		fmt.Fprintf(w, "%screated edition %s from the %s file: %d activities\n", verb, r.Event, r.Format, r.Activities)
	case len(r.Changes) == 0:
		fmt.Fprintf(w, "%sedition %s: no changes to the program\n", verb, r.Event)
	case r.DryRun:
		fmt.Fprintf(w, "%sedition %s: %d change(s) to apply to version %d\n", verb, r.Event, len(r.Changes), r.Version)
		for _, c := range r.Changes {
			fmt.Fprintf(w, "  %s\n", c)
		}
	default:
		fmt.Fprintf(w, "edition %s: %d change(s), now at version %d\n", r.Event, len(r.Changes), r.Version)
		for _, c := range r.Changes {
			fmt.Fprintf(w, "  %s\n", c)
		}
	}
}

// importProgram checks every row and cell of the file, then creates the
// edition or applies the differences in one transaction. On any problem it
// returns a spreadsheet.Report and writes nothing.
func importProgram(ctx context.Context, store *sqlstore.DB, event string, data []byte, dryRun bool) (importResult, error) {
	res := importResult{Event: event, DryRun: dryRun}
	sheets, format, err := spreadsheet.Read(data)
	if err != nil {
		return res, err
	}
	res.Format = format
	cur, err := store.EditionDataset(ctx, event)
	exists := err == nil
	if err != nil && program.ErrorCode(err) != program.CodeNotFound {
		return res, err
	}
	known, err := store.KnownSlugs(ctx, event)
	if err != nil {
		return res, err
	}
	opt := spreadsheet.Options{Known: known.Has}
	if exists {
		opt.Event = cur.Editions[0].Event
	}
	parsed, err := spreadsheet.Decode(sheets, opt)
	if err != nil {
		return res, err
	}
	ed := parsed.Edition()
	res.Activities = len(ed.Activities)
	res.Notes = registerNotes(cur, &parsed.Dataset, known)
	if !exists {
		ed.Event.Slug = event
		res.Created = true
		if dryRun {
			return res, nil
		}
		out, err := store.ImportDataset(ctx, &parsed.Dataset)
		if err != nil {
			return res, err
		}
		if len(out.Created) != 1 {
			return res, program.Errorf(program.CodeConflict, "edition %s was created by someone else meanwhile; nothing was imported", event)
		}
		return res, nil
	}
	// Sheets the file leaves out keep what the database holds.
	old := &cur.Editions[0]
	ed.Event.ID, ed.Event.Slug, ed.Event.Version = old.Event.ID, old.Event.Slug, old.Event.Version
	if !parsed.Has[spreadsheet.SheetSections] {
		ed.Sections = old.Sections
	}
	if !parsed.Has[spreadsheet.SheetThemeDays] {
		ed.ThemeDays = old.ThemeDays
	}
	if !parsed.Has[spreadsheet.SheetReleases] {
		ed.Releases = nil
		for _, r := range old.Releases {
			if activityIn(ed.Activities, r.Activity) {
				ed.Releases = append(ed.Releases, r)
			}
		}
	}
	res.Changes = spreadsheet.Diff(editionTables(cur), editionTables(&parsed.Dataset))
	ch := sqlstore.EditionChanges{}
	for _, c := range res.Changes {
		switch c.Sheet {
		case spreadsheet.SheetEdition:
			ch.Event = true
		case spreadsheet.SheetSections:
			ch.Sections = true
		case spreadsheet.SheetThemeDays:
			ch.ThemeDays = true
		case spreadsheet.SheetReleases:
			ch.Releases = true
		case spreadsheet.SheetActivities:
			switch c.Kind {
			case "added":
				ch.Added = append(ch.Added, c.Key)
			case "removed":
				ch.Removed = append(ch.Removed, c.Key)
			default:
				ch.Changed = append(ch.Changed, c.Key)
			}
		}
	}
	for _, n := range res.Notes {
		if strings.HasSuffix(n, ": new, added") {
			ch.Registers = true
		}
	}
	res.Version = old.Event.Version
	if dryRun || ch.Empty() {
		return res, nil
	}
	res.Version, err = store.ApplyEdition(ctx, event, old.Event.Version, &parsed.Dataset, ch)
	return res, err
}

func activityIn(acts []program.ActivityRecord, slug string) bool {
	for _, a := range acts {
		if a.Slug == slug {
			return true
		}
	}
	return false
}

// editionTables are the sheets of the edition itself (not the shared
// registers, which an import only adds to).
func editionTables(ds *program.Dataset) []spreadsheet.Table {
	var out []spreadsheet.Table
	for _, t := range spreadsheet.Tables(ds) {
		switch t.Sheet {
		case spreadsheet.SheetEdition, spreadsheet.SheetSections, spreadsheet.SheetActivities, spreadsheet.SheetThemeDays, spreadsheet.SheetReleases:
			out = append(out, t)
		}
	}
	return out
}

// registerNotes tells what an import does to the shared registers: rows the
// database lacks are added; rows that differ from the database are left as
// the database has them (registers are shared by every edition).
func registerNotes(cur, file *program.Dataset, known sqlstore.Registers) []string {
	kinds := map[*spreadsheet.Sheet]string{spreadsheet.SheetOrganisations: "organisation", spreadsheet.SheetPeople: "person",
		spreadsheet.SheetVenues: "venue", spreadsheet.SheetRooms: "room", spreadsheet.SheetThemes: "theme"}
	var old []spreadsheet.Table
	if cur != nil {
		for _, t := range spreadsheet.Tables(cur) {
			if kinds[t.Sheet] != "" {
				old = append(old, t)
			}
		}
	}
	var notes []string
	for _, t := range spreadsheet.Tables(file) {
		kind := kinds[t.Sheet]
		if kind == "" {
			continue
		}
		for _, r := range t.Rows {
			if !known.Has(kind, r[0]) {
				notes = append(notes, fmt.Sprintf("%s %s: new, added", kind, r[0]))
			}
		}
		for _, c := range spreadsheet.Diff(old, []spreadsheet.Table{t}) {
			if c.Kind == "changed" {
				notes = append(notes, c.String()+" (in the file; the database's version is kept: registers are not changed by an import)")
			}
		}
	}
	return notes
}
