package app

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"convene/internal/timetable"
)

// runBenchCosplib schedules the CoSPLib instances (or re-scores the published
// solutions) and prints one row per instance.
func runBenchCosplib(ctx context.Context, env Env, args []string) error {
	fs := newFlagSet("bench cosplib", env)
	data := fs.String("data", "", "the cosplib-kheiri folder (with csv/), e.g. ../shared/benchdata/cosplib-kheiri (required)")
	instances := fs.String("instances", "", "comma-separated instance names (default: every instance in csv/)")
	seconds := fs.Float64("seconds", 30, "time limit per instance, in seconds")
	seed := fs.Uint64("seed", 1, "random seed (the same seed and iteration count give the same schedule)")
	asJSON := fs.Bool("json", false, "print a JSON array instead of a table")
	out := fs.String("out", "", "write each schedule as <out>/<instance>.csv in the workbook's sol layout")
	scorePublished := fs.Bool("score-published", false, "re-score the published solutions (csv/solutions) instead of solving")
	quiet := fs.Bool("quiet", false, "no progress lines on stderr")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *data == "" {
		return usageError{fmt.Errorf("--data is required")}
	}
	csvDir := filepath.Join(*data, "csv")
	if _, err := os.Stat(csvDir); err != nil {
		csvDir = *data
	}
	if *scorePublished {
		return scorePublishedCosplib(env, csvDir, *asJSON)
	}
	if *seconds <= 0 {
		return usageError{fmt.Errorf("--seconds must be positive")}
	}
	names, err := cosplibInstances(csvDir, *instances)
	if err != nil {
		return err
	}
	if *out != "" {
		if err := os.MkdirAll(*out, 0o755); err != nil {
			return err
		}
	}
	type row struct {
		Instance       string           `json:"instance"`
		Objective      int64            `json:"objective"`
		HardViolations int64            `json:"hard_violations"`
		Breakdown      map[string]int64 `json:"breakdown"`
		Seconds        float64          `json:"seconds"`
		// the same schedule under the evaluation of the published solution sheets
		PublishedEval int64 `json:"published_evaluation"`
	}
	var rows []row
	if !*asJSON {
		fmt.Fprintf(env.Stdout, "%-16s %12s %5s %8s %12s  %s\n", "instance", "objective", "hard", "seconds", "pub.eval", "breakdown (weighted)")
	}
	for _, name := range names {
		in, err := timetable.LoadCosplib(filepath.Join(csvDir, name))
		if err != nil {
			return err
		}
		// a benchmark measures wall-clock time, so the solver keeps its own clock
		opt := timetable.Options{Seed: *seed, TimeLimit: time.Duration(*seconds * float64(time.Second))}
		if !*quiet {
			opt.Progress = func(p timetable.Progress) {
				fmt.Fprintf(env.Stderr, "%s: %5.1fs  %10d iterations  objective %d  hard %d\n",
					name, p.Elapsed.Seconds(), p.Iterations, p.Objective, p.Hard)
			}
		}
		res := timetable.Solve(ctx, in, opt)
		if err := ctx.Err(); err != nil {
			return err
		}
		r := row{Instance: name, Objective: res.Result.Objective, HardViolations: res.Result.Hard,
			Breakdown: res.Result.WeightedMap(), Seconds: roundTo(res.Elapsed.Seconds(), 1),
			PublishedEval: res.Result.PublishedObjective(in)}
		rows = append(rows, r)
		if *out != "" {
			if err := writeSol(filepath.Join(*out, name+".csv"), in, res.Schedule); err != nil {
				return err
			}
		}
		if !*asJSON {
			fmt.Fprintf(env.Stdout, "%-16s %12d %5d %8.1f %12d  %s\n", r.Instance, r.Objective, r.HardViolations, r.Seconds, r.PublishedEval, formatBreakdown(r.Breakdown))
		}
	}
	if *asJSON {
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(rows)
	}
	return nil
}

func roundTo(v float64, digits int) float64 {
	f, _ := strconv.ParseFloat(strconv.FormatFloat(v, 'f', digits, 64), 64)
	return f
}

func formatBreakdown(m map[string]int64) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s=%d", k, m[k])
	}
	return strings.Join(parts, " ")
}

func writeSol(path string, in *timetable.Instance, sc *timetable.Schedule) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := timetable.WriteSol(in, sc, f); err != nil {
		f.Close()
		return fmt.Errorf("%s: %w", path, err)
	}
	return f.Close()
}

// cosplibInstances lists the instance folders of csvDir in the old format
// (those with submissions.csv), or checks the names asked for.
func cosplibInstances(csvDir, list string) ([]string, error) {
	if list != "" {
		var names []string
		for _, n := range strings.Split(list, ",") {
			if n = strings.TrimSpace(n); n == "" {
				continue
			}
			if _, err := os.Stat(filepath.Join(csvDir, n, "submissions.csv")); err != nil {
				return nil, usageError{fmt.Errorf("--instances: no instance %q in %s", n, csvDir)}
			}
			names = append(names, n)
		}
		return names, nil
	}
	entries, err := os.ReadDir(csvDir)
	if err != nil {
		return nil, err
	}
	var names []string
	for _, e := range entries {
		if _, err := os.Stat(filepath.Join(csvDir, e.Name(), "submissions.csv")); e.IsDir() && err == nil {
			names = append(names, e.Name())
		}
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("no CoSPLib instances (folders with submissions.csv) in %s", csvDir)
	}
	return names, nil
}

var objectiveCell = regexp.MustCompile(`Objective Value = (-?\d+)`)

// scorePublishedCosplib re-scores csv/solutions/{ExactModel,ExtendedModel}/<I>Solution/sol.csv.
func scorePublishedCosplib(env Env, csvDir string, asJSON bool) error {
	type row struct {
		Instance  string `json:"instance"`
		Model     string `json:"model"`
		Published int64  `json:"published"`
		Score     int64  `json:"score"`   // the published sheets' evaluation, reimplemented
		Checker   int64  `json:"checker"` // the checker at HEAD (Solver/solution.py) on current data
		Hard      int64  `json:"hard_violations"`
	}
	var rows []row
	for _, m := range []struct{ dir, model string }{{"ExactModel", "exact"}, {"ExtendedModel", "extended"}} {
		base := filepath.Join(csvDir, "solutions", m.dir)
		entries, err := os.ReadDir(base)
		if err != nil {
			return fmt.Errorf("published solutions: %w", err)
		}
		for _, e := range entries {
			name, ok := strings.CutSuffix(e.Name(), "Solution")
			if !e.IsDir() || !ok {
				continue
			}
			in, err := timetable.LoadCosplib(filepath.Join(csvDir, name))
			if err != nil {
				return err
			}
			sc, err := timetable.ReadSolFile(in, filepath.Join(base, e.Name(), "sol.csv"))
			if err != nil {
				return err
			}
			pub, err := publishedObjective(filepath.Join(base, e.Name(), "violations.csv"))
			if err != nil {
				return err
			}
			res := timetable.Score(in, sc)
			rows = append(rows, row{Instance: name, Model: m.model, Published: pub,
				Score: res.PublishedObjective(in), Checker: res.Objective, Hard: res.Hard})
		}
	}
	if asJSON {
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(rows)
	}
	fmt.Fprintf(env.Stdout, "%-10s %-9s %12s %12s %12s %5s\n", "instance", "model", "published", "score", "checker@HEAD", "hard")
	for _, r := range rows {
		mark := ""
		if r.Score != r.Published {
			mark = fmt.Sprintf("  (differs by %d)", r.Published-r.Score)
		}
		fmt.Fprintf(env.Stdout, "%-10s %-9s %12d %12d %12d %5d%s\n", r.Instance, r.Model, r.Published, r.Score, r.Checker, r.Hard, mark)
	}
	return nil
}

func publishedObjective(path string) (int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, 1<<20))
	if err != nil {
		return 0, err
	}
	m := objectiveCell.FindSubmatch(b)
	if m == nil {
		return 0, fmt.Errorf("%s: no \"Objective Value = N\" cell", path)
	}
	return strconv.ParseInt(string(m[1]), 10, 64)
}
