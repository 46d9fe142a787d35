// Package programfile moves the program of an edition in and out of the
// spreadsheet files organisers exchange: all-or-nothing import with the
// differences it applies, and export in the same layout. The command line and
// the secretariat's upload page both use it.
package programfile

import (
	"context"
	"fmt"

	"convene/internal/program"
	"convene/internal/spreadsheet"
	"convene/internal/sqlstore"
)

// Result says what an import did.
type Result struct {
	Event      string
	Format     spreadsheet.Format
	Created    bool // a new edition was made
	Activities int  // activities in the file
	Changes    []spreadsheet.Change
	Notes      []Note // register rows added, or differing from the database and left as they are
	Version    int64
	DryRun     bool
	Published  int64 // the published version the import made; 0 when kept as a draft
}

// Options say how Import writes.
type Options struct {
	DryRun bool // check and report, write nothing
	// Draft keeps the changes in the working copy for review instead of
	// publishing them as the next version. An import is one reviewed change
	// by the secretariat, so publishing it at once is the default; a new
	// edition is always published as its first version.
	Draft bool
}

// Import checks every row and cell of the file, then creates the edition or
// applies the differences in one transaction. On any problem it returns a
// spreadsheet.Report and writes nothing.
func (f *Files) Import(ctx context.Context, event string, data []byte, o Options) (Result, error) {
	store := f.store
	dryRun := o.DryRun
	res := Result{Event: event, DryRun: dryRun}
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
		res.Published = 1
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
	ch := sqlstore.EditionChanges{Publish: !o.Draft}
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
		if n.Added {
			ch.Registers = true
		}
	}
	res.Version = old.Event.Version
	ch.Audit = auditRecord(res.Changes)
	if dryRun || ch.Empty() {
		return res, nil
	}
	published, err := store.PublishedVersion(ctx, event)
	if err != nil {
		return res, err
	}
	if res.Version, err = store.ApplyEdition(ctx, event, old.Event.Version, &parsed.Dataset, ch); err != nil {
		return res, err
	}
	if ch.Publish {
		// Changes to drafts alone publish nothing.
		now, err := store.PublishedVersion(ctx, event)
		if err != nil {
			return res, err
		}
		if now > published {
			res.Published = now
		}
	}
	return res, nil
}

// changeRecord is a difference as the audit log keeps it.
type changeRecord struct {
	Sheet  string        `json:"sheet"`
	Key    string        `json:"key"`
	Kind   string        `json:"kind"`
	Fields []fieldRecord `json:"fields,omitempty"`
}

type fieldRecord struct {
	Column string `json:"column"`
	Old    string `json:"old"`
	New    string `json:"new"`
}

func auditRecord(changes []spreadsheet.Change) []changeRecord {
	out := make([]changeRecord, len(changes))
	for i, c := range changes {
		out[i] = changeRecord{Sheet: c.Sheet.Key, Key: c.Key, Kind: c.Kind}
		for _, f := range c.Fields {
			out[i].Fields = append(out[i].Fields, fieldRecord{Column: f.Column, Old: f.Old, New: f.New})
		}
	}
	return out
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

// Note is what an import does to a row of a shared register (organisations,
// people, venues, rooms, themes): a row the database lacks is added; a row
// that differs from the database is left as the database has it, because
// registers are shared by every edition.
type Note struct {
	Kind   string // organisation, person, venue, room or theme
	Key    string // the row's slug
	Added  bool
	Change *spreadsheet.Change // the differences, when not Added
}

func (n Note) String() string {
	if n.Added {
		return fmt.Sprintf("%s %s: new, added", n.Kind, n.Key)
	}
	return n.Change.String() + " (in the file; the database's version is kept: registers are not changed by an import)"
}

func registerNotes(cur, file *program.Dataset, known sqlstore.Registers) []Note {
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
	var notes []Note
	for _, t := range spreadsheet.Tables(file) {
		kind := kinds[t.Sheet]
		if kind == "" {
			continue
		}
		for _, r := range t.Rows {
			if !known.Has(kind, r[0]) {
				notes = append(notes, Note{Kind: kind, Key: r[0], Added: true})
			}
		}
		for _, c := range spreadsheet.Diff(old, []spreadsheet.Table{t}) {
			if c.Kind == "changed" {
				notes = append(notes, Note{Kind: kind, Key: c.Key, Change: &c})
			}
		}
	}
	return notes
}
