package sqlstore_test

import (
	"context"
	"database/sql"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"convene/internal/audit"
	"convene/internal/demo"
	"convene/internal/program"
	"convene/internal/registration"
	"convene/internal/sqlstore"
	"convene/internal/testkit"
)

// openDemo opens a database of the engine with the sample data, and a raw
// connection to it for what the store does not show (activity versions).
func openDemo(t *testing.T, engine string) (*sqlstore.DB, *sql.DB, func(string) string) {
	t.Helper()
	ctx := context.Background()
	cfg := sqlstore.Config{DataDir: t.TempDir(), Now: testkit.Clock}
	driver, dsn, rebind := "sqlite", "file:"+filepath.Join(cfg.DataDir, "convene.db"), func(q string) string { return q }
	if engine == "postgres" {
		cfg = sqlstore.Config{DatabaseURL: testkit.CreatePostgresDB(t), Now: cfg.Now}
		driver, dsn, rebind = "pgx", cfg.DatabaseURL, func(q string) string { return strings.Replace(q, "?", "$1", 1) }
	}
	db, err := sqlstore.Open(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := db.ImportDataset(ctx, demo.Dataset()); err != nil {
		t.Fatal(err)
	}
	raw, err := sql.Open(driver, dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { raw.Close() })
	return db, raw, rebind
}

func TestTimetableInputs(t *testing.T) {
	for _, engine := range testkit.Engines(t) {
		t.Run(engine, func(t *testing.T) {
			ctx := context.Background()
			db, _, _ := openDemo(t, engine)
			if err := db.SetThemeDay(ctx, "zgc-2025", "2025-03-28", []string{"future-ai-pioneers", "ai-education"}); err != nil {
				t.Fatal(err)
			}
			if err := db.SetThemeDay(ctx, "zgc-2025", "2025-03-29", []string{"ai-education"}); program.ErrorCode(err) != program.CodeInvalid {
				t.Errorf("a day that is not a theme day: %v", err)
			}
			if err := db.SetThemeDay(ctx, "zgc-2025", "2025-03-28", []string{"no-such-forum"}); program.ErrorCode(err) != program.CodeInvalid {
				t.Errorf("an unknown activity: %v", err)
			}
			err := db.DeclareInterests(ctx, "zgc-2025", map[string][]string{"a1": {"quantum-innovation", "no-such-forum"}})
			if program.ErrorCode(err) != program.CodeInvalid || !strings.Contains(err.Error(), "no-such-forum") {
				t.Errorf("an unknown activity: %v", err)
			}
			if n, _ := db.DeclaredInterests(ctx, "zgc-2025"); n != 0 {
				t.Errorf("a refused declaration wrote %d interests", n)
			}
			want := map[string][]string{"a1": {"quantum-innovation", "ai-healthcare"}, "a2": {"ai-healthcare"}}
			for range 2 { // declaring again keeps what is there
				if err := db.DeclareInterests(ctx, "zgc-2025", want); err != nil {
					t.Fatal(err)
				}
			}
			if n, _ := db.DeclaredInterests(ctx, "zgc-2025"); n != 3 {
				t.Errorf("%d interests, want 3", n)
			}
			// sign-ups count as interests, keyed by the attendee's id
			reg := registration.New(db, testkit.Clock)
			pub, err := db.LoadEdition(ctx, "zgc-2025")
			if err != nil {
				t.Fatal(err)
			}
			r, err := reg.Register(ctx, pub, registration.Application{Name: "Li Na", Email: "li.na@example.org"})
			if err != nil {
				t.Fatal(err)
			}
			for _, slug := range []string{"quantum-innovation", "ai-healthcare"} {
				act, _ := pub.Activity(slug)
				if _, err := reg.SignUp(ctx, pub, act, r.Attendee); err != nil {
					t.Fatal(err)
				}
			}
			interest, err := db.AttendeeInterests(ctx, "zgc-2025")
			if err != nil {
				t.Fatal(err)
			}
			draft, err := db.LoadDraftEdition(ctx, "zgc-2025")
			if err != nil {
				t.Fatal(err)
			}
			// a failed SetThemeDay changed nothing: the day still has its two members
			var members []string
			for _, a := range draft.Activities {
				if a.ThemeDay == "2025-03-28" {
					members = append(members, a.Slug)
				}
			}
			if slices.Sort(members); strings.Join(members, ",") != "ai-education,future-ai-pioneers" {
				t.Errorf("theme day members %v", members)
			}
			if got := strings.Join(interest[r.Attendee.ID], ","); got != "ai-healthcare,quantum-innovation" {
				t.Errorf("sign-ups as interests: %v", interest)
			}
			if got := strings.Join(interest["a1"], ","); got != "ai-healthcare,quantum-innovation" || len(interest) != 3 {
				t.Errorf("interests %v", interest)
			}
			if _, err := db.AttendeeInterests(ctx, "zgc-1999"); program.ErrorCode(err) != program.CodeNotFound {
				t.Errorf("unknown edition: %v", err)
			}
		})
	}
}

// TestApplySchedule: every move or none, only on the version it was
// computed from; the edition's and each moved activity's versions go up and
// the audit log has one entry.
func TestApplySchedule(t *testing.T) {
	for _, engine := range testkit.Engines(t) {
		t.Run(engine, func(t *testing.T) {
			ctx := audit.WithActor(context.Background(), "test")
			db, raw, rebind := openDemo(t, engine)
			ed, err := db.LoadDraftEdition(ctx, "zgc-2025")
			if err != nil {
				t.Fatal(err)
			}
			base := ed.Event.Version
			at := time.Date(2025, 3, 31, 6, 0, 0, 0, time.UTC)
			moves := []program.Placement{
				{Activity: "quantum-innovation", Room: "iic-room-205", StartsAt: at, EndsAt: at.Add(3 * time.Hour)},
				{Activity: "ocean-science-development", Room: "iic-room-203", StartsAt: at, EndsAt: at.Add(3 * time.Hour)},
			}
			version := func(slug string) (v int64) {
				if err := raw.QueryRow(rebind(`SELECT version FROM activities WHERE slug = ?`), slug).Scan(&v); err != nil {
					t.Fatal(err)
				}
				return v
			}
			placeOf := func(slug string) string {
				ed, err := db.LoadDraftEdition(ctx, "zgc-2025")
				if err != nil {
					t.Fatal(err)
				}
				a, _ := ed.Activity(slug)
				return ed.RoomByID(a.RoomID).Slug + " " + a.StartsAt.UTC().Format(time.RFC3339)
			}
			was := placeOf("quantum-innovation")

			_, err = db.ApplySchedule(ctx, "zgc-2025", base-1, moves, nil)
			if program.ErrorCode(err) != program.CodeConflict {
				t.Fatalf("stale base: %v, want a conflict", err)
			}
			bad := append(moves[:1:1], program.Placement{Activity: "ocean-science-development", Room: "no-such-room", StartsAt: at, EndsAt: at.Add(time.Hour)})
			if _, err := db.ApplySchedule(ctx, "zgc-2025", base, bad, nil); program.ErrorCode(err) != program.CodeInvalid {
				t.Fatalf("unknown room: %v", err)
			}
			if got := placeOf("quantum-innovation"); got != was || version("quantum-innovation") != 1 {
				t.Fatalf("a refused timetable was written in part: %s (was %s)", got, was)
			}

			v, err := db.ApplySchedule(ctx, "zgc-2025", base, moves, map[string]int{"audience_after": 4})
			if err != nil || v != base+1 {
				t.Fatalf("apply: %d %v", v, err)
			}
			if got := placeOf("quantum-innovation"); got != "iic-room-205 2025-03-31T06:00:00Z" {
				t.Errorf("quantum-innovation at %s", got)
			}
			if version("quantum-innovation") != 2 || version("ocean-science-development") != 2 || version("ai-healthcare") != 1 {
				t.Error("moved activities' versions not bumped, or others bumped")
			}
			if pub, _ := db.LoadEdition(ctx, "zgc-2025"); pub != nil {
				a, _ := pub.Activity("quantum-innovation")
				if pub.RoomByID(a.RoomID).Slug == "iic-room-205" {
					t.Error("the draft reached the published edition before publishing")
				}
			}
			entries, err := db.AuditLog(ctx, ed.Event.ID, 10, "")
			if err != nil {
				t.Fatal(err)
			}
			n := 0
			for _, e := range entries {
				if e.Action == audit.TimetableSchedule {
					n++
					if e.Actor != "test" || !strings.Contains(string(e.After), `"audience_after":4`) || !strings.Contains(string(e.Before), was[:12]) {
						t.Errorf("audit entry %s / %s / %s", e.Actor, e.Before, e.After)
					}
				}
			}
			if n != 1 {
				t.Errorf("%d audit entries of the schedule, want 1", n)
			}
		})
	}
}
