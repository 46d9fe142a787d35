package app_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"convene/internal/app"
	"convene/internal/timetable"
)

// cosplibDir is ../shared/benchdata/cosplib-kheiri from the module root.
func cosplibDir(t *testing.T) string {
	t.Helper()
	_, file, _, _ := runtime.Caller(0)
	dir := filepath.Join(filepath.Dir(file), "..", "..", "..", "shared", "benchdata", "cosplib-kheiri")
	if _, err := os.Stat(filepath.Join(dir, "csv")); err != nil {
		t.Skipf("CoSPLib data not found at %s", dir)
	}
	return dir
}

func runCosplib(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := app.Main(context.Background(), app.Env{
		Args:   append([]string{"bench", "cosplib"}, args...),
		Getenv: func(string) string { return "" },
		Stdin:  strings.NewReader(""),
		Stdout: &out, Stderr: &errOut,
		Now: time.Now,
	})
	return code, out.String(), errOut.String()
}

func TestBenchCosplibScoresPublishedSolutions(t *testing.T) {
	dir := cosplibDir(t)
	code, out, errOut := runCosplib(t, "--data", dir, "--score-published", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var rows []struct {
		Instance, Model  string
		Published, Score int64
	}
	if err := json.Unmarshal([]byte(out), &rows); err != nil {
		t.Fatal(err, out)
	}
	if len(rows) != 12 {
		t.Fatalf("%d published solutions, want 12", len(rows))
	}
	for _, r := range rows {
		want := r.Published
		if r.Instance == "OR60F" && r.Model == "exact" {
			want = 664 // that sheet itemises 664 and states 685
		}
		if r.Score != want {
			t.Errorf("%s %s: score %d, published %d", r.Instance, r.Model, r.Score, r.Published)
		}
	}
}

func TestBenchCosplibSolvesAndWritesSchedules(t *testing.T) {
	dir := cosplibDir(t)
	outDir := t.TempDir()
	code, out, errOut := runCosplib(t, "--data", dir, "--instances", "N2OR", "--seconds", "0.3", "--seed", "3", "--json", "--out", outDir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var rows []struct {
		Instance       string           `json:"instance"`
		Objective      int64            `json:"objective"`
		HardViolations int64            `json:"hard_violations"`
		Breakdown      map[string]int64 `json:"breakdown"`
		Seconds        float64          `json:"seconds"`
	}
	if err := json.Unmarshal([]byte(out), &rows); err != nil {
		t.Fatal(err, out)
	}
	if len(rows) != 1 || rows[0].Instance != "N2OR" || rows[0].HardViolations != 0 {
		t.Fatalf("rows %+v", rows)
	}
	in, err := timetable.LoadCosplib(filepath.Join(dir, "csv", "N2OR"))
	if err != nil {
		t.Fatal(err)
	}
	sc, err := timetable.ReadSolFile(in, filepath.Join(outDir, "N2OR.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if res := timetable.Score(in, sc); res.Objective != rows[0].Objective || res.Hard != 0 {
		t.Errorf("written schedule scores %v, the bench printed %d", res, rows[0].Objective)
	}
	if !strings.Contains(errOut, "N2OR:") {
		t.Errorf("no progress on stderr: %q", errOut)
	}
}

func TestBenchCosplibCommandLineMistakes(t *testing.T) {
	for _, args := range [][]string{
		{},
		{"--data", "x", "--seconds", "0"},
	} {
		if code, _, errOut := runCosplib(t, args...); code != 2 || errOut == "" {
			t.Errorf("%v: exit %d, stderr %q; want 2 and a message", args, code, errOut)
		}
	}
	dir := cosplibDir(t)
	if code, _, errOut := runCosplib(t, "--data", dir, "--instances", "NOPE"); code != 2 || !strings.Contains(errOut, "NOPE") {
		t.Errorf("unknown instance: exit %d, stderr %q", code, errOut)
	}
}
