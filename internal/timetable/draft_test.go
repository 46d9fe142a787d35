package timetable

import (
	"context"
	"testing"
	"time"

	"convene/internal/program"
	"convene/internal/testkit"
)

// FromDraft on the sample's working copy: the hand-made timetable keeps
// every rule, the AI theme day included; moving one member off its day is a
// theme-day split; from an empty timetable only the parallel forums move.
func TestFromDraftSampleThemeDay(t *testing.T) {
	db := testkit.DemoDB(t, "sqlite")
	ed, err := db.LoadDraftEdition(context.Background(), "zgc-2025")
	if err != nil {
		t.Fatal(err)
	}
	forums := func(a *program.Activity) bool { return a.Kind == program.KindParallelForum }
	p, placed := FromDraft(ed, Draft{Movable: forums})
	if cs := Check(p, placed); len(cs) != 0 {
		t.Fatalf("the hand-made timetable: %+v", cs)
	}
	movable, members := 0, 0
	for _, a := range p.Activities {
		if a.Fixed == nil {
			movable++
		}
		if a.ThemeDay != "" {
			members++
		}
	}
	if movable != 60 || members != 7 || len(placed) != len(p.Activities) || len(p.Blocks) != 10 {
		t.Errorf("%d movable, %d theme-day members, %d placed of %d, %d blocks", movable, members, len(placed), len(p.Activities), len(p.Blocks))
	}
	for i, pl := range placed {
		if pl.Activity == "ai-healthcare" {
			placed[i].Start = pl.Start.Add(24 * time.Hour)
		}
	}
	split := 0
	for _, c := range Check(p, placed) {
		if c.Kind == ThemeDaySplit {
			split++
			if len(c.Activities) != 1 || c.Activities[0] != "ai-healthcare" {
				t.Errorf("split names %v", c.Activities)
			}
		}
	}
	if split != 1 {
		t.Errorf("a member moved to the next day: %d theme-day splits", split)
	}
}
