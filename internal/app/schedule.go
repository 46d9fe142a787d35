package app

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"time"

	"convene/internal/program"
	"convene/internal/schedule"
	"convene/internal/timetable"
)

func runSchedule(ctx context.Context, env Env, args []string) error {
	fs := newFlagSet("schedule", env)
	var db dbFlags
	db.register(fs, env.Getenv)
	event := fs.String("event", "", "edition slug, e.g. zgc-2025 (required)")
	seconds := fs.Int("seconds", schedule.DefaultSeconds, "time limit of the search, 1–60")
	seed := fs.Uint64("seed", 1, "seed of the search (the same seed and machine give the same timetable)")
	dryRun := fs.Bool("dry-run", false, "compute and explain the timetable without writing it")
	fromEmpty := fs.Bool("from-empty", false, "move every parallel forum too, as from an empty timetable (the other kinds stay fixed)")
	asJSON := fs.Bool("json", false, "print the result as JSON (the answer of POST /api/v1/events/{event}/schedule)")
	lang := fs.String("lang", "en", "language of the explanations: zh or en")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *event == "" {
		return usageError{errors.New("--event is required")}
	}
	if *seconds < 1 || *seconds > 60 {
		return usageError{fmt.Errorf("--seconds %d: want 1 to 60", *seconds)}
	}
	if *lang != program.LangZH && *lang != program.LangEN {
		return usageError{fmt.Errorf("--lang %q: want zh or en", *lang)}
	}
	store, err := db.open(ctx, slog.New(slog.NewTextHandler(env.Stderr, nil)))
	if err != nil {
		return err
	}
	defer store.Close()
	res, err := schedule.Run(ctx, store, *event, schedule.Options{
		Seconds: *seconds, Seed: *seed, DryRun: *dryRun, FromEmpty: *fromEmpty,
		Progress: func(p timetable.Progress) {
			fmt.Fprintf(env.Stderr, "%6.1fs  iterations %-9d  hard %d  score %d\n", p.Elapsed.Seconds(), p.Iterations, p.Hard, p.Objective)
		},
	})
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(res); err != nil {
			return err
		}
	} else {
		printSchedule(env.Stdout, res, *lang)
	}
	if !res.Feasible {
		return errors.New(infeasibleText(res, *lang))
	}
	return nil
}

func inLang(lang, zh, en string) string {
	if lang == program.LangZH {
		return zh
	}
	return en
}

// printSchedule writes the summary of a run.
func printSchedule(w io.Writer, r schedule.Result, lang string) {
	fmt.Fprintf(w, "%s: %d activities, %d to place (seed %d, %d s, %d iterations in %v)\n",
		r.Event, r.Activities, r.Placed, r.Seed, r.Seconds, r.Iterations, time.Duration(r.ElapsedMS)*time.Millisecond)
	if !r.Feasible {
		fmt.Fprintln(w, "no timetable without hard conflicts was found; nothing written")
		return
	}
	fmt.Fprintf(w, "hard conflicts: 0\naudience conflicts: %d before, %d after\n", r.AudienceBefore, r.AudienceAfter)
	for _, u := range r.Unmet {
		fmt.Fprintf(w, "  wish not met: %s\n", inLang(lang, u.ZH, u.EN))
	}
	switch {
	case r.Applied:
		fmt.Fprintf(w, "%d activities placed as a draft (working version %d); publish to show them\n", len(r.Moves), r.Version)
	case r.DryRun:
		fmt.Fprintf(w, "%d activities would move (dry run: nothing written)\n", len(r.Moves))
	default:
		fmt.Fprintln(w, "nothing to change")
	}
}

// infeasibleText is the error of an infeasible run: every reason.
func infeasibleText(r schedule.Result, lang string) string {
	var b strings.Builder
	b.WriteString(inLang(lang, "无法排出没有硬冲突的日程：", "no timetable keeps every hard rule:"))
	for _, x := range r.Infeasible {
		b.WriteString("\n  - " + inLang(lang, x.ZH, x.EN))
	}
	return b.String()
}
