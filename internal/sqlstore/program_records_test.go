package sqlstore_test

import (
	"context"
	"testing"
	"time"

	"convene/internal/demo"
	"convene/internal/program"
	"convene/internal/sqlstore"
	"convene/internal/testkit"
)

// TestApplyEdition: the differences are written in one transaction that bumps
// the version and sets updated_at; a stale base version writes nothing.
func TestApplyEdition(t *testing.T) {
	for _, engine := range testkit.Engines(t) {
		t.Run(engine, func(t *testing.T) {
			ctx := context.Background()
			now := time.Date(2025, 3, 20, 8, 0, 0, 0, time.UTC)
			cfg := sqlstore.Config{DataDir: t.TempDir(), Now: func() time.Time { return now }}
			if engine == "postgres" {
				cfg = sqlstore.Config{DatabaseURL: testkit.CreatePostgresDB(t), Now: cfg.Now}
			}
			db, err := sqlstore.Open(ctx, cfg)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			if _, err := db.Migrate(ctx); err != nil {
				t.Fatal(err)
			}
			if _, err := db.ImportDataset(ctx, demo.Dataset()); err != nil {
				t.Fatal(err)
			}
			ds, err := db.EditionDataset(ctx, "zgc-2025")
			if err != nil {
				t.Fatal(err)
			}
			ed := &ds.Editions[0]
			base := ed.Event.Version
			moved := ed.Activities[0].Slug
			ed.Activities[0].StartsAt = ed.Activities[0].StartsAt.Add(time.Hour)
			ed.Activities[0].EndsAt = ed.Activities[0].EndsAt.Add(time.Hour)
			gone := ed.Activities[len(ed.Activities)-1].Slug
			ed.Activities = ed.Activities[:len(ed.Activities)-1]
			ch := sqlstore.EditionChanges{Changed: []string{moved}, Removed: []string{gone}}

			now = now.Add(90 * time.Minute)
			if _, err := db.ApplyEdition(ctx, "zgc-2025", base-1, ds, ch); program.ErrorCode(err) != program.CodeConflict {
				t.Fatalf("stale version: %v, want a conflict", err)
			}
			v, err := db.ApplyEdition(ctx, "zgc-2025", base, ds, ch)
			if err != nil || v != base+1 {
				t.Fatalf("apply: %d %v", v, err)
			}
			got, err := db.EditionDataset(ctx, "zgc-2025")
			if err != nil {
				t.Fatal(err)
			}
			g := got.Editions[0]
			if g.Event.Version != base+1 || !g.Event.UpdatedAt.Equal(now) {
				t.Errorf("version %d updated %v, want %d %v", g.Event.Version, g.Event.UpdatedAt, base+1, now)
			}
			if len(g.Activities) != len(ed.Activities) {
				t.Errorf("%d activities, want %d", len(g.Activities), len(ed.Activities))
			}
			for _, a := range g.Activities {
				if a.Slug == moved && !a.StartsAt.Equal(ed.Activities[0].StartsAt) {
					t.Errorf("%s starts %v, want %v", moved, a.StartsAt, ed.Activities[0].StartsAt)
				}
				if a.Slug == gone {
					t.Errorf("%s is still there", gone)
				}
			}
		})
	}
}
