package app

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"

	"convene/internal/programfile"
	"convene/internal/spreadsheet"
)

func runImport(ctx context.Context, env Env, args []string) error {
	fs := newFlagSet("import", env)
	var db dbFlags
	db.register(fs, env.Getenv)
	event := fs.String("event", "", "edition slug to import into, e.g. zgc-2026; created when it does not exist (required)")
	dryRun := fs.Bool("dry-run", false, "check the file and report the differences without writing anything")
	draft := fs.Bool("draft", false, "keep the changes in the working copy for review instead of publishing them as the next version")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return usageError{err}
	}
	if *event == "" || fs.NArg() != 1 {
		return usageError{fmt.Errorf("usage: convene import --event E [--dry-run] [--draft] FILE (xlsx or csv; - for standard input)")}
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
	res, err := programfile.New(store).Import(ctx, *event, data, programfile.Options{DryRun: *dryRun, Draft: *draft})
	if err != nil {
		return err
	}
	printImport(env.Stdout, res)
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
			return nil, spreadsheet.Report{{Message: fmt.Sprintf("%s has %d bytes, more than the limit of %d MB; nothing was imported", name, st.Size(), spreadsheet.MaxSize>>20),
				ZH: fmt.Sprintf("%s 有 %d 字节，超过 %d MB 的上限；未导入任何内容", name, st.Size(), spreadsheet.MaxSize>>20)}}
		}
		r = f
	}
	data, err := io.ReadAll(io.LimitReader(r, spreadsheet.MaxSize+1))
	if err != nil {
		return nil, err
	}
	if len(data) > spreadsheet.MaxSize {
		return nil, spreadsheet.Report{{Message: fmt.Sprintf("the file is larger than the limit of %d MB; nothing was imported", spreadsheet.MaxSize>>20),
			ZH: fmt.Sprintf("文件超过 %d MB 的上限；未导入任何内容", spreadsheet.MaxSize>>20)}}
	}
	return data, nil
}

// printImport writes what an import did.
func printImport(w io.Writer, r programfile.Result) {
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
		fmt.Fprintf(w, "%sedition %s: %d change(s) to apply to revision %d of the working copy\n", verb, r.Event, len(r.Changes), r.Version)
		for _, c := range r.Changes {
			fmt.Fprintf(w, "  %s\n", c)
		}
	default:
		fmt.Fprintf(w, "edition %s: %d change(s), the working copy is now at revision %d\n", r.Event, len(r.Changes), r.Version)
		for _, c := range r.Changes {
			fmt.Fprintf(w, "  %s\n", c)
		}
	}
	if r.Published > 0 {
		fmt.Fprintf(w, "published as version %d of the public program\n", r.Published)
	} else if !r.DryRun && len(r.Changes) > 0 {
		fmt.Fprintf(w, "kept as a draft: publish with convene publish --event %s\n", r.Event)
	}
}
