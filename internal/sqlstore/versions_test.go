package sqlstore_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"convene/internal/audit"
	"convene/internal/demo"
	"convene/internal/editing"
	"convene/internal/program"
	"convene/internal/sqlstore"
	"convene/internal/testkit"
)

// forDemo runs fn on a database of each engine loaded with the sample data.
func forDemo(t *testing.T, fn func(t *testing.T, db *sqlstore.DB)) {
	for _, engine := range testkit.Engines(t) {
		t.Run(engine, func(t *testing.T) { fn(t, testkit.DemoDB(t, engine)) })
	}
}

var secretariat = audit.WithActor(context.Background(), "staff:secretariat")

// vDraft reads the working copy of the 2025 edition.
func vDraft(t *testing.T, db *sqlstore.DB) *program.Edition {
	t.Helper()
	ed, err := db.LoadDraftEdition(context.Background(), demo.Slug2025)
	if err != nil {
		t.Fatal(err)
	}
	return ed
}

func vPublic(t *testing.T, db *sqlstore.DB) *program.Edition {
	t.Helper()
	ed, err := db.LoadEdition(context.Background(), demo.Slug2025)
	if err != nil {
		t.Fatal(err)
	}
	return ed
}

// vPublishedActivity is a published, placed activity of the working copy.
func vPublishedActivity(t *testing.T, ed *program.Edition, skip ...string) *program.Activity {
	t.Helper()
	for _, a := range ed.Activities {
		if a.Status == program.StatusPublished && !a.StartsAt.IsZero() && !slices.Contains(skip, a.Slug) {
			return a
		}
	}
	t.Fatal("the sample 2025 edition has no published activity")
	return nil
}

// vUpdate writes rec as the audit log would see it from the editing service.
func vUpdate(db *sqlstore.DB, old, rec program.ActivityRecord, base int64) (int64, error) {
	d := editing.ActivityDiff(old, rec)
	return db.UpdateActivity(secretariat, demo.Slug2025, &rec, base, d.Before, d.After)
}

func vVersions(t *testing.T, db *sqlstore.DB, slug string) []int64 {
	t.Helper()
	vs, err := db.ProgramVersions(context.Background(), slug)
	if err != nil {
		t.Fatal(err)
	}
	var out []int64
	for _, v := range vs {
		out = append(out, v.Number)
	}
	return out
}

func vPublishedVersion(t *testing.T, db *sqlstore.DB) int64 {
	t.Helper()
	n, err := db.PublishedVersion(context.Background(), demo.Slug2025)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func vHasChange(cs []program.Change, kind program.ChangeKind, activity string) bool {
	return slices.ContainsFunc(cs, func(c program.Change) bool { return c.Kind == kind && c.Activity == activity })
}

func TestDemoEditionsArePublishedAsVersionOne(t *testing.T) {
	forDemo(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		for _, slug := range []string{demo.Slug2024, demo.Slug2025} {
			n, err := db.PublishedVersion(ctx, slug)
			if err != nil || n != 1 {
				t.Errorf("%s: published version %d, %v; want 1", slug, n, err)
			}
			vs, err := db.ProgramVersions(ctx, slug)
			if err != nil || len(vs) != 1 || vs[0].Number != 1 || len(vs[0].Changes) != 0 || vs[0].PublishedAt.IsZero() {
				t.Errorf("%s: versions %+v, %v; want only version 1 without changes", slug, vs, err)
			}
			ed, err := db.LoadEdition(ctx, slug)
			if err != nil || ed.Event.Version != 1 {
				t.Fatalf("%s: public edition %v; want version 1", slug, err)
			}
			if len(ed.Activities) == 0 {
				t.Errorf("%s: the published version has no activities", slug)
			}
		}
		versions, err := db.EventVersions(ctx)
		if err != nil || versions[demo.Slug2024] != 1 || versions[demo.Slug2025] != 1 {
			t.Errorf("event versions %v, %v", versions, err)
		}
		if _, err := db.PublishedVersion(ctx, "no-such-edition"); program.ErrorCode(err) != program.CodeNotFound {
			t.Errorf("published version of an unknown edition: %v; want not found", err)
		}
		if _, err := db.ProgramVersions(ctx, "no-such-edition"); program.ErrorCode(err) != program.CodeNotFound {
			t.Errorf("versions of an unknown edition: %v; want not found", err)
		}
	})
}

func TestEditIsADraftUntilPublished(t *testing.T) {
	forDemo(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		draft := vDraft(t, db)
		a := vPublishedActivity(t, draft)
		old := editing.RecordOf(draft, a)
		oldTitle := old.Title.EN
		rec := old
		rec.Title.EN = "Renamed: " + oldTitle
		v, err := vUpdate(db, old, rec, old.Version)
		if err != nil {
			t.Fatal(err)
		}
		if v != old.Version+1 {
			t.Errorf("new version %d; want %d", v, old.Version+1)
		}

		after := vDraft(t, db)
		if b, _ := after.Activity(a.Slug); b.Title.EN != rec.Title.EN || b.Version != v {
			t.Errorf("draft: title %q version %d; want %q version %d", b.Title.EN, b.Version, rec.Title.EN, v)
		}
		if after.Event.Version <= draft.Event.Version {
			t.Errorf("working revision %d after an edit; was %d", after.Event.Version, draft.Event.Version)
		}
		if b, ok := vPublic(t, db).Activity(a.Slug); !ok || b.Title.EN != oldTitle {
			t.Errorf("public edition shows the unpublished edit: %q", b.Title.EN)
		}

		// A dry run says what publishing would change and writes nothing.
		dry, err := db.Publish(secretariat, demo.Slug2025, true)
		if err != nil {
			t.Fatal(err)
		}
		if dry.Number != 2 || len(dry.Changes) != 1 || !vHasChange(dry.Changes, program.ChangeRenamed, a.Slug) {
			t.Errorf("dry run: version %d, changes %+v; want 2 renaming %s", dry.Number, dry.Changes, a.Slug)
		}
		if n := vPublishedVersion(t, db); n != 1 || !slices.Equal(vVersions(t, db, demo.Slug2025), []int64{1}) {
			t.Errorf("a dry run published: version %d, versions %v", n, vVersions(t, db, demo.Slug2025))
		}
		if b, _ := vPublic(t, db).Activity(a.Slug); b.Title.EN != oldTitle {
			t.Error("a dry run changed the public edition")
		}

		pub, err := db.Publish(secretariat, demo.Slug2025, false)
		if err != nil {
			t.Fatal(err)
		}
		if pub.Number != 2 || pub.PublishedBy != "staff:secretariat" || !vHasChange(pub.Changes, program.ChangeRenamed, a.Slug) {
			t.Errorf("publish: %+v", pub)
		}
		public := vPublic(t, db)
		if b, _ := public.Activity(a.Slug); b.Title.EN != rec.Title.EN || public.Event.Version != 2 {
			t.Errorf("public after publishing: title %q, version %d", b.Title.EN, public.Event.Version)
		}
		if n := vPublishedVersion(t, db); n != 2 {
			t.Errorf("published version %d; want 2", n)
		}
		vs, err := db.ProgramVersions(ctx, demo.Slug2025)
		if err != nil || len(vs) != 2 || vs[0].Number != 2 || vs[1].Number != 1 {
			t.Fatalf("versions %+v, %v; want 2 and 1, newest first", vs, err)
		}
		if c := vs[0].Changes; len(c) != 1 || c[0].Kind != program.ChangeRenamed || c[0].OldTitle.EN != oldTitle || c[0].Title.EN != rec.Title.EN {
			t.Errorf("stored changelog %+v", c)
		}
		if vs[0].PublishedBy != "staff:secretariat" {
			t.Errorf("published by %q", vs[0].PublishedBy)
		}
		if versions, _ := db.EventVersions(ctx); versions[demo.Slug2025] != 2 {
			t.Errorf("event versions %v", versions)
		}

		// Nothing changed since: refused, nothing written, also as a dry run.
		for _, dryRun := range []bool{false, true} {
			_, err = db.Publish(secretariat, demo.Slug2025, dryRun)
			if !sqlstore.IsUnchanged(err) || program.ErrorCode(err) != program.CodeConflict {
				t.Errorf("publishing an unchanged program (dry run %v): %v; want unchanged", dryRun, err)
			}
		}
		if got := vVersions(t, db, demo.Slug2025); !slices.Equal(got, []int64{2, 1}) {
			t.Errorf("versions %v after refused publications; want [2 1]", got)
		}

		// The audit log keeps the edit with the changed field and the publication.
		entries, err := db.AuditLog(ctx, after.Event.ID, 100, "")
		if err != nil {
			t.Fatal(err)
		}
		var update, publish *audit.Entry
		for i := range entries {
			e := &entries[i]
			switch {
			case e.Action == audit.ActivityUpdate && e.Subject == a.Slug:
				update = e
			case e.Action == audit.ProgramPublish && e.Subject == demo.Slug2025 && publish == nil:
				publish = e
			}
		}
		if update == nil || publish == nil {
			t.Fatalf("audit log lacks activity.update (%v) or program.publish (%v)", update != nil, publish != nil)
		}
		var before, afterFields map[string]string
		if err := json.Unmarshal(update.Before, &before); err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(update.After, &afterFields); err != nil {
			t.Fatal(err)
		}
		if len(afterFields) != 1 || before["title_en"] != oldTitle || afterFields["title_en"] != rec.Title.EN || update.Actor != "staff:secretariat" {
			t.Errorf("audit of the edit: %s → %s by %s", update.Before, update.After, update.Actor)
		}
		var published map[string]int64
		if err := json.Unmarshal(publish.After, &published); err != nil || published["version"] != 2 || published["changes"] != 1 {
			t.Errorf("audit of the publication: %s", publish.After)
		}
	})
}

func TestUpdateActivityConflictsAndMissing(t *testing.T) {
	forDemo(t, func(t *testing.T, db *sqlstore.DB) {
		draft := vDraft(t, db)
		a := vPublishedActivity(t, draft)
		old := editing.RecordOf(draft, a)
		first := old
		first.Title.EN = "First"
		if _, err := vUpdate(db, old, first, old.Version); err != nil {
			t.Fatal(err)
		}
		mid := vDraft(t, db)

		stale := old
		stale.Title.EN = "Stale"
		stale.Capacity = 7
		if _, err := vUpdate(db, old, stale, old.Version); program.ErrorCode(err) != program.CodeConflict {
			t.Fatalf("update from a stale version: %v; want conflict", err)
		}
		now := vDraft(t, db)
		b, _ := now.Activity(a.Slug)
		if b.Title.EN != "First" || b.Capacity != old.Capacity || b.Version != old.Version+1 {
			t.Errorf("a refused update wrote: title %q capacity %d version %d", b.Title.EN, b.Capacity, b.Version)
		}
		if now.Event.Version != mid.Event.Version {
			t.Errorf("a refused update bumped the working revision %d → %d", mid.Event.Version, now.Event.Version)
		}

		missing := old
		missing.Slug = "no-such-activity"
		if _, err := vUpdate(db, old, missing, 1); program.ErrorCode(err) != program.CodeNotFound {
			t.Errorf("update of an unknown activity: %v; want not found", err)
		}
		if _, err := db.UpdateActivity(secretariat, "no-such-edition", &first, 1, nil, nil); program.ErrorCode(err) != program.CodeNotFound {
			t.Errorf("update in an unknown edition: %v; want not found", err)
		}
		if vDraft(t, db).Event.Version != mid.Event.Version {
			t.Error("a failed update bumped the working revision")
		}
		// An activity of the other edition is not one of this edition.
		other, err := db.LoadDraftEdition(context.Background(), demo.Slug2024)
		if err != nil {
			t.Fatal(err)
		}
		if o := other.Activities[0]; !slices.ContainsFunc(vDraft(t, db).Activities, func(x *program.Activity) bool { return x.Slug == o.Slug }) {
			rec := editing.RecordOf(other, o)
			if _, err := db.UpdateActivity(secretariat, demo.Slug2025, &rec, rec.Version, nil, nil); program.ErrorCode(err) != program.CodeNotFound {
				t.Errorf("update of a 2024 activity in 2025: %v; want not found", err)
			}
		}
	})
}

func TestDraftStatusLeavesThePublishedVersion(t *testing.T) {
	forDemo(t, func(t *testing.T, db *sqlstore.DB) {
		draft := vDraft(t, db)
		a := vPublishedActivity(t, draft)
		old := editing.RecordOf(draft, a)
		rec := old
		rec.Status = program.StatusDraft
		if _, err := vUpdate(db, old, rec, old.Version); err != nil {
			t.Fatal(err)
		}
		if _, ok := vPublic(t, db).Activity(a.Slug); !ok {
			t.Error("withdrawn in the draft, gone from the public edition before publishing")
		}
		v, err := db.Publish(secretariat, demo.Slug2025, false)
		if err != nil {
			t.Fatal(err)
		}
		if v.Number != 2 || len(v.Changes) != 1 || !vHasChange(v.Changes, program.ChangeRemoved, a.Slug) {
			t.Errorf("publish: version %d changes %+v; want 2 removing %s", v.Number, v.Changes, a.Slug)
		}
		if _, ok := vPublic(t, db).Activity(a.Slug); ok {
			t.Error("an activity in draft is in the published version")
		}
		d := vDraft(t, db)
		b, ok := d.Activity(a.Slug)
		if !ok || b.Status != program.StatusDraft {
			t.Fatalf("the draft lost the activity in draft (%v)", ok)
		}

		// Changing only what the public does not see publishes nothing.
		drec := editing.RecordOf(d, b)
		changed := drec
		changed.Title.EN = "Still a draft"
		changed.Capacity = 12
		if _, err := vUpdate(db, drec, changed, drec.Version); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Publish(secretariat, demo.Slug2025, false); !sqlstore.IsUnchanged(err) {
			t.Errorf("publishing after a draft-only change: %v; want unchanged", err)
		}
		if got := vVersions(t, db, demo.Slug2025); !slices.Equal(got, []int64{2, 1}) {
			t.Errorf("versions %v; want [2 1]", got)
		}

		// Published again: added back.
		back := editing.RecordOf(vDraft(t, db), b)
		back.Version = drec.Version + 1
		pub := back
		pub.Status = program.StatusPublished
		if _, err := vUpdate(db, back, pub, back.Version); err != nil {
			t.Fatal(err)
		}
		v, err = db.Publish(secretariat, demo.Slug2025, false)
		if err != nil || v.Number != 3 || !vHasChange(v.Changes, program.ChangeAdded, a.Slug) {
			t.Errorf("republishing: %v, version %d, changes %+v", err, v.Number, v.Changes)
		}
	})
}

func TestConcurrentUpdatesOfOneActivity(t *testing.T) {
	forDemo(t, func(t *testing.T, db *sqlstore.DB) {
		draft := vDraft(t, db)
		a := vPublishedActivity(t, draft)
		old := editing.RecordOf(draft, a)
		for round := range 3 {
			base := old.Version + int64(round)
			var wg sync.WaitGroup
			errs := make([]error, 2)
			titles := []string{"Left", "Right"}
			for i := range 2 {
				wg.Go(func() {
					rec := old
					rec.Version = base
					rec.Title.EN = titles[i]
					_, errs[i] = db.UpdateActivity(secretariat, demo.Slug2025, &rec, base, nil, nil)
				})
			}
			wg.Wait()
			won := -1
			for i, err := range errs {
				switch {
				case err == nil:
					if won >= 0 {
						t.Fatalf("round %d: both updates from version %d succeeded", round, base)
					}
					won = i
				case program.ErrorCode(err) != program.CodeConflict:
					t.Fatalf("round %d: the losing update: %v; want conflict", round, err)
				}
			}
			if won < 0 {
				t.Fatalf("round %d: no update succeeded: %v", round, errs)
			}
			b, _ := vDraft(t, db).Activity(a.Slug)
			if b.Title.EN != titles[won] || b.Version != base+1 {
				t.Fatalf("round %d: title %q version %d; want the winner's %q at %d", round, b.Title.EN, b.Version, titles[won], base+1)
			}
		}
	})
}

func TestConcurrentPublishKeepsVersionsConsecutive(t *testing.T) {
	forDemo(t, func(t *testing.T, db *sqlstore.DB) {
		for round := range 3 {
			draft := vDraft(t, db)
			a := vPublishedActivity(t, draft)
			old := editing.RecordOf(draft, a)
			rec := old
			rec.Summary.EN = old.Summary.EN + " (round " + string(rune('1'+round)) + ")"
			if _, err := vUpdate(db, old, rec, old.Version); err != nil {
				t.Fatal(err)
			}
			var wg sync.WaitGroup
			errs := make([]error, 3)
			for i := range errs {
				wg.Go(func() { _, errs[i] = db.Publish(secretariat, demo.Slug2025, false) })
			}
			wg.Wait()
			ok := 0
			for _, err := range errs {
				switch {
				case err == nil:
					ok++
				case sqlstore.IsUnchanged(err) || program.ErrorCode(err) == program.CodeConflict:
				default:
					t.Errorf("round %d: a concurrent publish failed with %v; want a conflict or unchanged", round, err)
				}
			}
			if ok != 1 {
				t.Errorf("round %d: %d publications succeeded; want exactly 1 (errors %v)", round, ok, errs)
			}
			want := []int64{}
			for n := int64(round + 2); n >= 1; n-- {
				want = append(want, n)
			}
			if got := vVersions(t, db, demo.Slug2025); !slices.Equal(got, want) {
				t.Fatalf("round %d: versions %v; want %v", round, got, want)
			}
			if n := vPublishedVersion(t, db); n != int64(round+2) {
				t.Fatalf("round %d: published version %d; want %d", round, n, round+2)
			}
			if pub, _ := vPublic(t, db).Activity(a.Slug); pub.Summary.EN != rec.Summary.EN {
				t.Errorf("round %d: the public summary %q; want %q", round, pub.Summary.EN, rec.Summary.EN)
			}
		}
	})
}

// TestMigrationPublishesExistingEditions builds a database at schema 5 with
// an edition in it, then lets Migrate apply 0006: the edition is published as
// version 1 by "migration", drafts left out.
func TestMigrationPublishesExistingEditions(t *testing.T) {
	for _, engine := range testkit.Engines(t) {
		t.Run(engine, func(t *testing.T) {
			ctx := context.Background()
			cfg := sqlstore.Config{DataDir: t.TempDir()}
			driver, dsn := "sqlite", ""
			if engine == "postgres" {
				cfg = sqlstore.Config{DatabaseURL: testkit.CreatePostgresDB(t)}
				driver, dsn = "pgx", cfg.DatabaseURL
			} else {
				dsn = "file:" + filepath.Join(cfg.DataDir, "convene.db") + "?_pragma=foreign_keys(ON)"
			}
			migrations, err := sqlstore.Migrations(engine)
			if err != nil {
				t.Fatal(err)
			}
			raw, err := sql.Open(driver, dsn)
			if err != nil {
				t.Fatal(err)
			}
			mustExec := func(q string, args ...any) {
				t.Helper()
				if _, err := raw.ExecContext(ctx, q, args...); err != nil {
					t.Fatalf("%.60s: %v", q, err)
				}
			}
			mustExec(`CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`)
			for _, m := range migrations {
				if m.Version >= 6 {
					break
				}
				mustExec(m.SQL)
				if engine == "postgres" {
					mustExec(`INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)`, m.Version, m.Name, time.Now().UTC().Format(time.RFC3339))
				} else {
					mustExec(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`, m.Version, m.Name, time.Now().UTC().Format(time.RFC3339))
				}
			}
			for _, q := range []string{
				`INSERT INTO events (id, slug, name_zh, name_en, start_date, end_date, time_zone) VALUES ('e1', 'old-2025', '旧年会', 'Old Meeting', '2025-03-27', '2025-03-31', 'Asia/Shanghai')`,
				`INSERT INTO sections (id, event_id, slug, name_zh, name_en, position) VALUES ('s1', 'e1', 'forums', '论坛', 'Forums', 1)`,
				`INSERT INTO activities (id, event_id, section_id, slug, kind, title_zh, title_en, status) VALUES ('a1', 'e1', 's1', 'public-forum', 'parallel-forum', '公开论坛', 'Public Forum', 'published')`,
				`INSERT INTO activities (id, event_id, section_id, slug, kind, title_zh, title_en, status) VALUES ('a2', 'e1', 's1', 'draft-forum', 'parallel-forum', '草稿论坛', 'Draft Forum', 'draft')`,
			} {
				mustExec(q)
			}
			raw.Close()

			db, err := sqlstore.Open(ctx, cfg)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			applied, err := db.Migrate(ctx)
			if err != nil {
				t.Fatalf("migrate from 5: %v", err)
			}
			if !slices.Contains(applied, 6) || slices.Contains(applied, 5) {
				t.Errorf("applied %v; want 6 and after", applied)
			}
			if n, err := db.PublishedVersion(ctx, "old-2025"); err != nil || n != 1 {
				t.Fatalf("published version %d, %v; want 1", n, err)
			}
			vs, err := db.ProgramVersions(ctx, "old-2025")
			if err != nil || len(vs) != 1 || vs[0].Number != 1 || vs[0].PublishedBy != "migration" || len(vs[0].Changes) != 0 {
				t.Errorf("versions %+v, %v; want version 1 by migration", vs, err)
			}
			ed, err := db.LoadEdition(ctx, "old-2025")
			if err != nil {
				t.Fatal(err)
			}
			if _, ok := ed.Activity("public-forum"); !ok {
				t.Error("the published activity is not in version 1")
			}
			if _, ok := ed.Activity("draft-forum"); ok {
				t.Error("the activity in draft is in version 1")
			}
			if _, err := db.Publish(secretariat, "old-2025", false); !sqlstore.IsUnchanged(err) {
				t.Errorf("publishing right after the migration: %v; want unchanged", err)
			}
		})
	}
}
