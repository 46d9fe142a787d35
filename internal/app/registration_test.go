package app_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"convene/internal/testkit"
)

// TestStaffTokenAndInvitationFromTheCommandLine: codes and tokens made by
// the CLI work against a running server on the same database, on each
// engine, and the registrations export lists who came.
func TestStaffTokenAndInvitationFromTheCommandLine(t *testing.T) {
	for _, engine := range testkit.Engines(t) {
		t.Run(engine, func(t *testing.T) {
			storage := storageArgs(t, engine)
			cli := func(args ...string) string {
				t.Helper()
				code, out, errOut := run(t, nil, append(args, storage...)...)
				if code != 0 {
					t.Fatalf("convene %v: exit %d: %s", args, code, errOut)
				}
				return strings.TrimSpace(out)
			}
			cli("demo")
			gate := cli("token", "create", "--role", "checkin", "--event", "zgc-2025", "--label", "north gate")
			invitation := cli("invitation", "create", "--event", "zgc-2025", "--kinds", "guest,media", "--seats", "1", "--label", "delegation")
			if !strings.HasPrefix(gate, "cvs_") || len(strings.ReplaceAll(invitation, "-", "")) != 12 {
				t.Fatalf("token %q, invitation %q", gate, invitation)
			}
			base := serve(t, storage...)
			post := func(path, token string, body any) (int, map[string]any) {
				t.Helper()
				raw, _ := json.Marshal(body)
				req, _ := http.NewRequest(http.MethodPost, base+"/api/v1/events/zgc-2025"+path, bytes.NewReader(raw))
				req.Header.Set("Content-Type", "application/json")
				if token != "" {
					req.Header.Set("Authorization", "Bearer "+token)
				}
				res, err := http.DefaultClient.Do(req)
				if err != nil {
					t.Fatal(err)
				}
				defer res.Body.Close()
				var v map[string]any
				_ = json.NewDecoder(res.Body).Decode(&v)
				return res.StatusCode, v
			}
			st, reg := post("/attendees", "", map[string]string{"name": "Guest One", "email": "guest1@example.org", "kind": "guest", "invitation": strings.ToLower(invitation)})
			if st != http.StatusCreated {
				t.Fatalf("register with invitation: %d %v", st, reg)
			}
			if st, v := post("/attendees", "", map[string]string{"name": "Guest Two", "email": "guest2@example.org", "kind": "guest", "invitation": invitation}); st != http.StatusBadRequest || v["field"] != "invitation" {
				t.Errorf("second guest on a one-seat invitation: %d %v", st, v)
			}
			if st, v := post("/checkins", gate, map[string]string{"code": reg["code"].(string)}); st != http.StatusOK || v["outcome"] != "admitted" {
				t.Fatalf("check-in with the CLI's token: %d %v", st, v)
			}
			csv := cli("export", "--event", "zgc-2025", "--registrations", "--format", "csv", "--lang", "en")
			if !strings.Contains(csv, "guest1@example.org") || !strings.Contains(csv, "2025-03-27 08:00:00") {
				t.Errorf("registrations export lacks the guest or the check-in time:\n%s", csv)
			}
		})
	}
}
