package api

import (
	"context"
	"net/http"
	"testing"

	"convene/internal/demo"
	"convene/internal/program"
	"convene/internal/registration"
	"convene/internal/schedule"
	"convene/internal/testkit"
)

// POST …/schedule through the handler on every engine: admins only, bad
// bodies refused, a dry run writes nothing, a run writes a draft; every
// answer is checked against openapi.json by callWith.
func TestScheduleAPI(t *testing.T) {
	for _, engine := range testkit.Engines(t) {
		t.Run(engine, func(t *testing.T) {
			ctx := context.Background()
			db := testkit.DemoDB(t, engine)
			if err := db.DeclareInterests(ctx, demo.InterestEvent, demo.Interests(demo.Dataset())); err != nil {
				t.Fatal(err)
			}
			cat := program.NewCatalog(db, testkit.Clock)
			svc := registration.New(db, testkit.Clock)
			ed, err := cat.Edition(ctx, demoEvent)
			if err != nil {
				t.Fatal(err)
			}
			run := func(ctx context.Context, slug string, opt schedule.Options) (schedule.Result, error) {
				return schedule.Run(ctx, db, slug, opt)
			}
			f := &regFixture{t: t, h: New(Config{Catalog: cat, Registration: svc, Scheduler: run}), svc: svc, ed: ed}
			admin, gate := f.staffToken(registration.RoleAdmin), f.staffToken(registration.RoleCheckin)
			body := map[string]any{"seconds": 1, "dry_run": true, "from_empty": true, "seed": 7}
			if st, _ := f.send(http.MethodPost, "/schedule", "", body); st != http.StatusUnauthorized {
				t.Errorf("anonymous: %d", st)
			}
			if st, _ := f.send(http.MethodPost, "/schedule", gate, body); st != http.StatusForbidden {
				t.Errorf("check-in staff: %d", st)
			}
			if st, v := f.send(http.MethodPost, "/schedule", admin, map[string]any{"seconds": 61}); st != http.StatusBadRequest || v["field"] != "seconds" {
				t.Errorf("61 seconds: %d %v", st, v)
			}
			if st, _ := f.send(http.MethodPost, "/schedule", admin, map[string]any{"minutes": 1}); st != http.StatusBadRequest {
				t.Errorf("unknown field: %d", st)
			}
			st, v := f.send(http.MethodPost, "/schedule", admin, body)
			if st != http.StatusOK || v["feasible"] != true || v["applied"] != false || len(v["moves"].([]any)) == 0 || len(v["hard"].([]any)) != 0 {
				t.Fatalf("dry run: %d %v", st, v)
			}
			if v["audience_after"].(float64) >= v["audience_before"].(float64) {
				t.Errorf("no fewer audience conflicts than by hand: %v → %v", v["audience_before"], v["audience_after"])
			}
			draft, err := db.LoadDraftEdition(ctx, demoEvent)
			if err != nil {
				t.Fatal(err)
			}
			delete(body, "dry_run")
			st, v = f.send(http.MethodPost, "/schedule", admin, body)
			if st != http.StatusOK || v["applied"] != true || v["version"].(float64) != float64(draft.Event.Version+1) {
				t.Fatalf("run: %d %v", st, v)
			}
		})
	}
}
