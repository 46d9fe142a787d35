package app

import (
	"context"
	"fmt"
	"io"
)

// benches are the benchmarks on public instances with published results
// (shared/benchdata): `convene bench <name> [flags]`.
func benches() []command {
	return []command{
		{"cosplib", "conference timetabling instances of CoSPLib (EJOR 2024), scored like the published checker", runBenchCosplib},
		{"b2b", "1:1 meeting scheduling instances of Bofill et al. (JAIR 2022), against the proven optima", runBenchB2B},
		{"fair", "a synthetic matchmaking fair (default 2,000 participants, 10,000 meetings) scheduled and checked", runBenchFair},
		{"signups", "registration, sign-up rush and check-in over HTTP at 64 clients, then no seat oversold (SQLite or --database-url)", runBenchSignups},
	}
}

func runBench(ctx context.Context, env Env, args []string) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" {
		benchUsage(env.Stderr)
		if len(args) == 0 {
			return usageError{fmt.Errorf("which benchmark?")}
		}
		return nil
	}
	for _, b := range benches() {
		if b.name == args[0] {
			return b.run(ctx, env, args[1:])
		}
	}
	benchUsage(env.Stderr)
	return usageError{fmt.Errorf("unknown benchmark %q", args[0])}
}

func benchUsage(w io.Writer) {
	fmt.Fprintln(w, "usage: convene bench <benchmark> [flags]\n\nbenchmarks:")
	for _, b := range benches() {
		fmt.Fprintf(w, "  %-8s %s\n", b.name, b.summary)
	}
}
