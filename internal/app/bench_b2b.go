package app

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"

	"convene/internal/meetings"
)

// b2bRow is one benchmark file's result (also the --json document's rows).
type b2bRow struct {
	File        string  `json:"file"`
	Instance    string  `json:"instance"`
	Variant     string  `json:"variant"`
	Meetings    int     `json:"meetings"`
	Status      string  `json:"status"` // optimal, feasible, infeasible (proven), incomplete
	Breaks      *int    `json:"breaks"` // nil when no complete schedule was found
	MaxMinusMin *int    `json:"max_minus_min"`
	Unscheduled int     `json:"unscheduled"`
	LowerBound  int     `json:"lower_bound"`
	Proven      bool    `json:"proven"` // optimality or infeasibility proven
	Published   string  `json:"published"`
	Agrees      bool    `json:"agrees_with_published"`
	Seconds     float64 `json:"seconds"`
	Reason      string  `json:"reason,omitempty"`
	TableMoves  int     `json:"table_changes"`
}

func runBenchB2B(ctx context.Context, env Env, args []string) error {
	fs := newFlagSet("bench b2b", env)
	data := fs.String("data", "", "the b2b-bofill-jair2022 folder, e.g. ../shared/benchdata/b2b-bofill-jair2022 (required)")
	variants := fs.String("variants", "original", "comma-separated file variants: original, forb0003, forb0007, fixed020-Forb, fixed040-Forb, prec15, prec25, or all")
	only := fs.String("instances", "", "comma-separated instance names (default: all 20)")
	d := fs.Int("d", 2, "fairness bound: max − min breaks per participant")
	seconds := fs.Float64("seconds", 10, "time limit per file in seconds")
	seed := fs.Uint64("seed", 1, "random seed")
	workers := fs.Int("workers", runtime.GOMAXPROCS(0), "parallel searches per file")
	asJSON := fs.Bool("json", false, "print the results as JSON")
	out := fs.String("out", "", "directory to write each schedule to as <file>.csv (meeting,slot)")
	check := fs.String("check", "", "instead of solving, verify the schedules <file>.csv in this directory (written by --out) with the independent checker")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *data == "" {
		return usageError{errors.New("--data is required (the b2b-bofill-jair2022 folder)")}
	}
	if *d < 0 {
		return usageError{fmt.Errorf("--d %d: want 0 or more", *d)}
	}
	if *workers < 1 {
		return usageError{fmt.Errorf("--workers %d: want 1 or more", *workers)}
	}
	if *seconds <= 0 {
		return usageError{fmt.Errorf("--seconds %v: want more than 0", *seconds)}
	}
	vs := strings.Split(*variants, ",")
	if *variants == "all" {
		vs = []string{"original", "forb0003", "forb0007", "fixed020-Forb", "fixed040-Forb", "prec15", "prec25"}
	}
	optima, err := readB2BOptima(filepath.Join(*data, "results", "jair2022_optima_all_variants.csv"))
	if err != nil {
		return err
	}
	var files []string
	for _, v := range vs {
		v = strings.TrimSpace(v)
		got, _ := filepath.Glob(filepath.Join(*data, "instances", "*."+v+".dzn"))
		if len(got) == 0 {
			return usageError{fmt.Errorf("--variants: no files *.%s.dzn in %s", v, filepath.Join(*data, "instances"))}
		}
		for _, f := range got {
			if *only != "" && !b2bHasField(*only, strings.SplitN(filepath.Base(f), ".", 2)[0]) {
				continue
			}
			files = append(files, f)
		}
	}
	if *check != "" {
		return checkB2B(env.Stdout, files, *check, *d, optima)
	}
	if *out != "" {
		if err := os.MkdirAll(*out, 0o755); err != nil {
			return err
		}
	}
	const rowFormat = "%-32s %8s  %-10s %6s %7s %5s %6s %9s %6s %7s\n"
	if !*asJSON {
		fmt.Fprintf(env.Stdout, "b2b: %d files, d=%d, %gs per file, seed %d, %d workers, GOMAXPROCS %d\n\n", len(files), *d, *seconds, *seed, *workers, runtime.GOMAXPROCS(0))
		fmt.Fprintf(env.Stdout, rowFormat, "file", "meetings", "status", "breaks", "max-min", "bound", "proven", "published", "agrees", "seconds")
	}
	var rows []b2bRow
	for _, f := range files {
		if err := ctx.Err(); err != nil {
			return err
		}
		row, slots, err := benchB2BFile(ctx, f, *d, *seed, *workers, time.Duration(*seconds*float64(time.Second)), optima)
		if err != nil {
			return err
		}
		if *out != "" {
			if err := writeB2BSchedule(filepath.Join(*out, strings.TrimSuffix(row.File, ".dzn")+".csv"), slots); err != nil {
				return err
			}
		}
		rows = append(rows, row)
		if !*asJSON {
			fmt.Fprintf(env.Stdout, rowFormat, row.File, strconv.Itoa(row.Meetings), row.Status, b2bDash(row.Breaks), b2bDash(row.MaxMinusMin),
				strconv.Itoa(row.LowerBound), b2bYesNo(row.Proven), row.Published, b2bYesNo(row.Agrees), strconv.FormatFloat(row.Seconds, 'f', 2, 64))
		}
	}
	if *asJSON {
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(map[string]any{"d": *d, "seconds": *seconds, "seed": *seed, "files": rows})
	}
	agree, proven, total := 0, 0, 0.0
	for _, r := range rows {
		if r.Agrees {
			agree++
		}
		if r.Proven {
			proven++
		}
		total += r.Seconds
	}
	fmt.Fprintf(env.Stdout, "\n%d/%d agree with the published result, %d proven (optimal or infeasible), %.1f s in total\n", agree, len(rows), proven, total)
	return nil
}

func benchB2BFile(ctx context.Context, path string, d int, seed uint64, workers int, limit time.Duration, optima map[string]string) (b2bRow, []int, error) {
	name := filepath.Base(path)
	f, err := os.Open(path)
	if err != nil {
		return b2bRow{}, nil, err
	}
	in, err := meetings.ReadDZN(f, name)
	f.Close()
	if err != nil {
		return b2bRow{}, nil, err
	}
	base, variant, _ := strings.Cut(strings.TrimSuffix(name, ".dzn"), ".")
	row := b2bRow{File: name, Instance: base, Variant: variant, Meetings: len(in.Meetings)}
	row.Published = optima[base+"|"+variant+"_d"+strconv.Itoa(d)]
	if row.Published == "" {
		row.Published = "?"
	}
	res, err := meetings.Solve(ctx, in, meetings.Options{D: d, Seed: seed, Workers: workers, TimeLimit: limit})
	if err != nil {
		return row, nil, err
	}
	row.Seconds = res.Elapsed.Seconds()
	row.LowerBound = res.LowerBound
	row.Unscheduled = len(res.Unscheduled)
	row.Reason = res.Reason
	row.TableMoves = res.TableChanges
	// the independent checker has the last word on every schedule
	v := meetings.Check(in, res.Slot, d)
	if v.Feasible != res.Complete || (v.Feasible && v.Breaks != res.Breaks) {
		return row, nil, fmt.Errorf("%s: checker disagrees with the solver: checker feasible=%v breaks=%d %v, solver complete=%v breaks=%d",
			name, v.Feasible, v.Breaks, v.Violations, res.Complete, res.Breaks)
	}
	switch {
	case v.Feasible:
		b, mm := v.Breaks, v.MaxMinusMin
		row.Breaks, row.MaxMinusMin = &b, &mm
		row.Status, row.Proven = "feasible", res.Optimal
		if res.Optimal {
			row.Status = "optimal"
		}
		row.Agrees = row.Published == strconv.Itoa(b)
	case res.ProvenInfeasible:
		row.Status, row.Proven = "infeasible", true
		row.Agrees = strings.HasPrefix(row.Published, "UNSAT")
	default:
		row.Status = "incomplete"
		row.Agrees = strings.HasPrefix(row.Published, "UNSAT")
	}
	return row, res.Slot, nil
}

// readB2BOptima reads results/jair2022_optima_all_variants.csv into
// "instance|column" → value (a number, UNSAT, UNSAT? or empty).
func readB2BOptima(path string) (map[string]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("published optima: %w", err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.Comment = '#'
	r.FieldsPerRecord = -1
	head, err := r.Read()
	if err != nil {
		return nil, fmt.Errorf("published optima %s: %w", path, err)
	}
	m := map[string]string{}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return m, nil
		}
		if err != nil {
			return nil, fmt.Errorf("published optima %s: %w", path, err)
		}
		for i := 1; i < len(rec) && i < len(head); i++ {
			m[rec[0]+"|"+head[i]] = rec[i]
		}
	}
}

func writeB2BSchedule(path string, slots []int) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := meetings.WriteScheduleCSV(f, slots); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func b2bHasField(list, s string) bool {
	for x := range strings.SplitSeq(list, ",") {
		if strings.TrimSpace(x) == s {
			return true
		}
	}
	return false
}

func b2bDash(p *int) string {
	if p == nil {
		return "-"
	}
	return strconv.Itoa(*p)
}

func b2bYesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

// checkB2B re-verifies written schedules against the .dzn files with the
// independent checker and prints one line per file.
func checkB2B(w io.Writer, files []string, dir string, d int, optima map[string]string) error {
	bad := 0
	fmt.Fprintf(w, "%-32s %-10s %6s %7s %9s  %s\n", "file", "verdict", "breaks", "max-min", "published", "violations")
	for _, path := range files {
		name := filepath.Base(path)
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		in, err := meetings.ReadDZN(f, name)
		f.Close()
		if err != nil {
			return err
		}
		c, err := os.Open(filepath.Join(dir, strings.TrimSuffix(name, ".dzn")+".csv"))
		if err != nil {
			return err
		}
		slots, err := meetings.ReadScheduleCSV(c, len(in.Meetings))
		c.Close()
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		v := meetings.Check(in, slots, d)
		base, variant, _ := strings.Cut(strings.TrimSuffix(name, ".dzn"), ".")
		verdict := "feasible"
		if !v.Feasible {
			verdict = "infeasible"
			bad++
		}
		first := ""
		if len(v.Violations) > 0 {
			first = fmt.Sprintf("%d, first: %s", len(v.Violations), v.Violations[0])
		}
		fmt.Fprintf(w, "%-32s %-10s %6d %7d %9s  %s\n", name, verdict, v.Breaks, v.MaxMinusMin, optima[base+"|"+variant+"_d"+strconv.Itoa(d)], first)
	}
	fmt.Fprintf(w, "\n%d schedules checked, %d feasible\n", len(files), len(files)-bad)
	return nil
}
