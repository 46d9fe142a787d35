package timetable

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// dataDir locates ../shared/benchdata/cosplib-kheiri relative to the module root.
func dataDir(t testing.TB) string {
	t.Helper()
	_, file, _, _ := runtime.Caller(0)
	root := filepath.Join(filepath.Dir(file), "..", "..")
	dir := filepath.Join(root, "..", "shared", "benchdata", "cosplib-kheiri")
	if _, err := os.Stat(filepath.Join(dir, "csv")); err != nil {
		t.Skipf("CoSPLib data not found at %s: %v", dir, err)
	}
	return dir
}

// published are the published solution workbooks: the objective written in
// their sheet `violations` (the table of the CoSPLib README), the sum of the
// criteria itemised in that sheet, and what the checker at HEAD
// (Solver/solution.py evaluate_solution) gives with the current instance data.
var published = []struct {
	instance, model string
	sheet, itemised int64
	checker         int64
}{
	{"N2OR", "ExactModel", 20, 20, 2},
	{"GECCO19", "ExactModel", 1000179, 1000179, 1000116},
	{"GECCO20", "ExactModel", 6223, 6223, 6298},
	{"GECCO21", "ExactModel", 11204, 11204, 11280},
	// The OR60F exact-model sheet itemises 400 + 24 + 240 = 664 but states 685.
	{"OR60F", "ExactModel", 685, 664, 1664},
	{"OR60F2", "ExactModel", 660, 660, 1660},
	{"OR60F3", "ExactModel", 720, 720, 1720},
	{"N2OR", "ExtendedModel", 1, 1, 2},
	{"GECCO19", "ExtendedModel", 2000070, 2000070, 2000007},
	{"GECCO20", "ExtendedModel", 7750, 7750, 7768},
	{"GECCO21", "ExtendedModel", 11130, 11130, 11130},
	{"OR60F", "ExtendedModel", 433, 433, 433},
}

// TestScorerReproducesPublished scores every published schedule: the
// published evaluation must give exactly the sum itemised in its sheet (which
// is the sheet's objective for 11 of the 12), and the HEAD checker its known
// value; no published schedule breaks a hard rule.
func TestScorerReproducesPublished(t *testing.T) {
	dir := dataDir(t)
	for _, p := range published {
		t.Run(p.instance+"/"+p.model, func(t *testing.T) {
			in, err := LoadCosplib(filepath.Join(dir, "csv", p.instance))
			if err != nil {
				t.Fatal(err)
			}
			sc, err := ReadSolFile(in, filepath.Join(dir, "csv", "solutions", p.model, p.instance+"Solution", "sol.csv"))
			if err != nil {
				t.Fatal(err)
			}
			res := Score(in, sc)
			if got := res.PublishedObjective(in); got != p.itemised {
				t.Errorf("published evaluation %d, sheet itemises %d (states %d); breakdown %v", got, p.itemised, p.sheet, res.WeightedMap())
			}
			if res.Objective != p.checker {
				t.Errorf("checker objective %d, want %d; breakdown %v", res.Objective, p.checker, res.WeightedMap())
			}
			if res.Hard != 0 {
				t.Errorf("hard violations %v", res.HardDetail)
			}
		})
	}
}
