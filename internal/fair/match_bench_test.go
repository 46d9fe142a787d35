package fair_test

import (
	"fmt"
	"testing"

	"convene/internal/demo"
	"convene/internal/fair"
)

// benchIndex is the sample fair's achievements and needs ten times over
// (3,300 achievements, 2,600 needs): a large fair.
func benchIndex(b *testing.B) (*fair.Index, []fair.Need, []fair.Achievement) {
	ds := demo.Fair("bench", "bench")
	var as []fair.Achievement
	var ns []fair.Need
	for i := range 10 {
		for _, a := range ds.Achievements {
			a.ID = fmt.Sprintf("%s-%d", a.ID, i)
			as = append(as, a)
		}
		for _, n := range ds.Needs {
			n.ID = fmt.Sprintf("%s-%d", n.ID, i)
			ns = append(ns, n)
		}
	}
	return fair.NewIndex(as, ns), ns, as
}

func BenchmarkNewIndex(b *testing.B) {
	_, ns, as := benchIndex(b)
	b.ResetTimer()
	for b.Loop() {
		fair.NewIndex(as, ns)
	}
}

func BenchmarkForNeed(b *testing.B) {
	x, ns, _ := benchIndex(b)
	i := 0
	for b.Loop() {
		if _, err := x.ForNeed(ns[i%len(ns)].ID, 10); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

func BenchmarkForAchievement(b *testing.B) {
	x, _, as := benchIndex(b)
	i := 0
	for b.Loop() {
		if _, err := x.ForAchievement(as[i%len(as)].ID, 10); err != nil {
			b.Fatal(err)
		}
		i++
	}
}
