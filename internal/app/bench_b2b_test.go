package app_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"convene/internal/meetings"
)

// b2bData finds shared/benchdata/b2b-bofill-jair2022 beside the module root.
func b2bData(t *testing.T) string {
	t.Helper()
	d := filepath.Join("..", "..", "..", "shared", "benchdata", "b2b-bofill-jair2022")
	if _, err := os.Stat(d); err != nil {
		t.Skipf("benchmark data not found at %s", d)
	}
	return d
}

func TestBenchB2B(t *testing.T) {
	data := b2bData(t)
	out := t.TempDir()
	code, stdout, stderr := run(t, nil, "bench", "b2b", "--data", data, "--instances", "tic-12",
		"--variants", "original,forb0003", "--seconds", "5", "--json", "--out", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var doc struct {
		Files []struct {
			File, Status, Published string
			Breaks                  *int
			Proven                  bool
			Agrees                  bool `json:"agrees_with_published"`
		}
	}
	if err := json.Unmarshal([]byte(stdout), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Files) != 2 {
		t.Fatalf("%d files, want 2", len(doc.Files))
	}
	for _, f := range doc.Files {
		if !f.Agrees || !f.Proven {
			t.Errorf("%s: status %s, breaks %v, published %s, proven %v", f.File, f.Status, f.Breaks, f.Published, f.Proven)
		}
		// the written schedule passes the independent checker
		name := strings.TrimSuffix(f.File, ".dzn")
		r, err := os.Open(filepath.Join(data, "instances", f.File))
		if err != nil {
			t.Fatal(err)
		}
		in, err := meetings.ReadDZN(r, f.File)
		r.Close()
		if err != nil {
			t.Fatal(err)
		}
		c, err := os.Open(filepath.Join(out, name+".csv"))
		if err != nil {
			t.Fatal(err)
		}
		slots, err := meetings.ReadScheduleCSV(c, len(in.Meetings))
		c.Close()
		if err != nil {
			t.Fatal(err)
		}
		v := meetings.Check(in, slots, 2)
		if f.Status == "optimal" && (!v.Feasible || f.Breaks == nil || v.Breaks != *f.Breaks) {
			t.Errorf("%s: checker finds feasible=%v breaks=%d %v", f.File, v.Feasible, v.Breaks, v.Violations)
		}
	}
	// the same files through --check, the command-line face of the checker
	code, stdout, stderr = run(t, nil, "bench", "b2b", "--data", data, "--instances", "tic-12",
		"--variants", "original,forb0003", "--check", out)
	if code != 0 || !strings.Contains(stdout, "2 schedules checked, 1 feasible") || !strings.Contains(stdout, "not scheduled") {
		t.Errorf("--check: exit %d\n%s%s", code, stdout, stderr)
	}
}

func TestBenchB2BMistakes(t *testing.T) {
	for _, args := range [][]string{
		{"bench", "b2b"},
		{"bench", "b2b", "--data", "x", "--seconds", "0"},
		{"bench", "b2b", "--data", "x", "--d", "-1"},
	} {
		if code, _, _ := run(t, nil, args...); code != 2 {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
	}
	if code, _, stderr := run(t, nil, "bench", "b2b", "--data", t.TempDir()); code == 0 || !strings.Contains(stderr, "published optima") {
		t.Errorf("missing data: exit %d, %s", code, stderr)
	}
}

// A small synthetic fair through the command: it is scheduled completely and
// its JSON says what the checker saw.
func TestBenchFair(t *testing.T) {
	code, stdout, stderr := run(t, nil, "bench", "fair", "--participants", "120", "--meetings", "400", "--slots", "12",
		"--tables", "40", "--seconds", "3", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var r struct {
		Meetings, Unscheduled, Breaks, LowerBound int
		Complete                                  bool
	}
	if err := json.Unmarshal([]byte(stdout), &r); err != nil {
		t.Fatal(err)
	}
	if !r.Complete || r.Unscheduled != 0 || r.Meetings != 400 || r.Breaks < r.LowerBound {
		t.Fatalf("result %+v", r)
	}
	if code, _, _ := run(t, nil, "bench", "fair", "--slots", "80"); code == 0 {
		t.Fatal("--slots 80 accepted")
	}
}
