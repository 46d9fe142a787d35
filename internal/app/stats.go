package app

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"slices"
	"strings"

	"convene/internal/program"
)

func runStats(ctx context.Context, env Env, args []string) error {
	fs := newFlagSet("stats", env)
	var db dbFlags
	db.register(fs, env.Getenv)
	event := fs.String("event", "", "edition slug, e.g. zgc-2025 (required)")
	asJSON := fs.Bool("json", false, "print the figures as JSON (the same document as GET /api/v1/events/{event}/stats)")
	lang := fs.String("lang", "zh", "language of the briefing sentences: zh or en")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *event == "" {
		return usageError{fmt.Errorf("--event is required")}
	}
	if *lang != program.LangZH && *lang != program.LangEN {
		return usageError{fmt.Errorf("--lang %q: want zh or en", *lang)}
	}
	store, err := db.open(ctx, slog.New(slog.NewTextHandler(env.Stderr, nil)))
	if err != nil {
		return err
	}
	defer store.Close()
	cur, prev, err := program.NewCatalog(store, env.Now).Stats(ctx, *event)
	if err != nil {
		return err
	}
	if err := program.AddMatchmaking(ctx, store, &cur, prev); err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(program.StatsReport{Stats: cur, Previous: prev})
	}
	printStats(env.Stdout, cur, prev, *lang)
	return nil
}

// printStats writes the figures as aligned text, then the briefing sentences.
func printStats(w io.Writer, s program.Stats, prev *program.Stats, lang string) {
	fmt.Fprintf(w, "%s (%s, %s – %s)\n\n", s.Name.In(lang), s.Event, s.StartDate, s.EndDate)
	row := func(label string, v any) { fmt.Fprintf(w, "  %-28s %v\n", label, v) }
	row("activities", s.Activities)
	for _, k := range program.ActivityKinds {
		row("  "+string(k), s.ByKind[string(k)])
	}
	row("parallel forums", s.ParallelForums)
	row("  new this edition", s.NewParallelForums)
	row("  by ministries/agencies", s.GovernmentParallelForums)
	for _, k := range sortedKeys(s.ByHostKind) {
		row("  host kind "+k, s.ByHostKind[k])
	}
	for _, o := range program.Orientations {
		row("  orientation "+string(o), s.ByOrientation[string(o)])
	}
	for _, t := range sortedKeys(s.ByTheme) {
		row("  theme "+t, s.ByTheme[t])
	}
	row("countries and regions", s.Countries)
	row("international organisations", s.InternationalOrganizations)
	row("speakers", s.Speakers)
	row("  from abroad", s.ForeignSpeakers)
	for _, h := range sortedKeys(s.Honours) {
		row("  "+h, s.Honours[h])
	}
	row("livestreams", s.Livestreams)
	row("releases", s.Releases)
	if m := s.Matchmaking; m != nil {
		row("matchmaking participants", m.Participants)
		row("  meetings held", m.Meetings)
		row("  agreements", m.Agreements)
		row("  contracts signed", m.Contracts)
		row("  contract amount (CNY)", m.AmountCNY)
	}
	fmt.Fprintf(w, "\n  %-28s %6s %6s %6s %6s\n", "host", "forums", "new", "match", "rel.")
	for _, h := range s.Hosts {
		fmt.Fprintf(w, "  %-28s %6d %6d %6d %6d\n", h.Org, h.ParallelForums, h.NewParallelForums, h.Matchmaking, h.Releases)
	}
	fmt.Fprintln(w)
	for _, line := range program.Briefing(s, prev, lang) {
		fmt.Fprintln(w, strings.TrimSpace(line))
	}
}

func sortedKeys(m map[string]int) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
