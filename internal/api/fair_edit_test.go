package api

import (
	"encoding/json"
	"net/http"
	"slices"
	"strconv"
	"testing"

	"convene/internal/registration"
)

// sendIf is send with If-Match naming version (none when 0); the answer is
// checked against openapi.json by callWith.
func (f *regFixture) sendIf(method, path, token string, version int, body any) (int, map[string]any, http.Header) {
	f.t.Helper()
	var raw []byte
	if body != nil {
		raw, _ = json.Marshal(body)
	}
	hdr := http.Header{"Authorization": {"Bearer " + token}}
	if version > 0 {
		hdr.Set("If-Match", `"`+strconv.Itoa(version)+`"`)
	}
	res, out := callWith(f.t, f.h, method, "/api/v1/events/"+demoEvent+path, hdr, raw)
	var v map[string]any
	_ = json.Unmarshal(out, &v)
	return res.StatusCode, v, res.Header
}

func testFairOwnEdits(t *testing.T, f *regFixture) {
	token := func(name string) string { tok, _ := f.register(name, name+"@edit.example.org"); return tok }
	lab, firm, rival := token("lab"), token("firm"), token("rival")
	join := func(tok, side string) string {
		st, v := f.send(http.MethodPost, fairPath+"/participants", tok, map[string]any{
			"organisation": map[string]string{"zh": side + "机构", "en": ""}, "contact": map[string]string{"name": "X", "email": "x@example.org", "phone": ""}, "side": side})
		if st != http.StatusCreated || v["version"] != 1.0 {
			t.Fatalf("join: %d %v", st, v)
		}
		return v["id"].(string)
	}
	labID := join(lab, "supply")
	join(firm, "demand")
	join(rival, "demand")
	_, v := f.send(http.MethodPost, fairPath+"/achievements", lab, map[string]any{"title": map[string]string{"zh": "光纤量子传感监测系统"}, "field": "quantum-sensing", "trl": 6, "ip": "patent", "transfer": "licence"})
	achID := v["id"].(string)
	need := map[string]any{"title": map[string]string{"zh": "油气管道光纤量子传感监测"}, "field": "quantum-sensing", "min_trl": 5}
	_, v = f.send(http.MethodPost, fairPath+"/needs", firm, need)
	needID := v["id"].(string)
	needPath := fairPath + "/needs/" + needID

	if st, _, _ := f.sendIf(http.MethodPut, needPath, firm, 0, need); st != http.StatusPreconditionRequired {
		t.Errorf("edit without If-Match: %d, want 428", st)
	}
	if st, _, _ := f.sendIf(http.MethodPut, needPath, rival, 1, need); st != http.StatusForbidden {
		t.Errorf("edit someone else's need: %d, want 403", st)
	}
	need["region"] = "北京"
	st, v, hdr := f.sendIf(http.MethodPut, needPath, firm, 1, need)
	if st != http.StatusOK || v["version"] != 2.0 || v["region"] != "北京" || hdr.Get("ETag") != `"2"` {
		t.Fatalf("edit own need: %d %v %s", st, v, hdr.Get("ETag"))
	}
	if st, _, _ := f.sendIf(http.MethodPut, needPath, firm, 1, need); st != http.StatusPreconditionFailed {
		t.Errorf("edit at a stale version: %d, want 412", st)
	}
	st, v, _ = f.sendIf(http.MethodPut, needPath, firm, 2, map[string]any{"title": map[string]string{"zh": ""}, "field": "nope", "min_trl": 5})
	if st != http.StatusBadRequest || len(v["errors"].([]any)) != 2 {
		t.Errorf("bad edit: %d %v, want the title and the field named", st, v)
	}
	if _, me := f.send(http.MethodGet, fairPath+"/me", firm, nil); me["needs"].([]any)[0].(map[string]any)["version"] != 2.0 {
		t.Errorf("a refused edit changed the need: %v", me["needs"])
	}

	// the participation: a side that leaves the achievement behind is refused
	me := map[string]any{"organisation": map[string]string{"zh": "量子实验室"}, "contact": map[string]string{"name": "Y", "email": "y@example.org"},
		"side": "demand", "availability": "morning", "unavailable": []int{2}}
	if st, v, _ := f.sendIf(http.MethodPut, fairPath+"/me", lab, 1, me); st != http.StatusBadRequest || v["errors"].([]any)[0].(map[string]any)["field"] != "side" {
		t.Errorf("supply to demand with an achievement: %d %v", st, v)
	}
	_, before := f.send(http.MethodGet, fairPath, "", nil)
	me["side"] = "both"
	if st, v, _ := f.sendIf(http.MethodPut, fairPath+"/me", lab, 1, me); st != http.StatusOK || v["availability"] != "morning" || v["version"] != 2.0 {
		t.Errorf("edit the participation: %d %v", st, v)
	}
	if _, after := f.send(http.MethodGet, fairPath, "", nil); after["version"].(float64) <= before["version"].(float64) {
		t.Errorf("availability changed and the fair stayed at version %v", after["version"])
	}

	// a withdrawn need is suggested no more
	suggested := func() bool {
		_, body := callWith(t, f.h, http.MethodGet, "/api/v1/events/"+demoEvent+fairPath+"/achievements/"+achID+"/suggestions?limit=100", nil, nil)
		var ss []map[string]any
		_ = json.Unmarshal(body, &ss)
		return slices.ContainsFunc(ss, func(s map[string]any) bool { return s["id"] == needID })
	}
	if !suggested() {
		t.Fatal("the need is not suggested for the achievement")
	}
	if st, _, _ := f.sendIf(http.MethodDelete, needPath, firm, 2, nil); st != http.StatusNoContent || suggested() {
		t.Errorf("withdraw the need: %d, still suggested %v", st, suggested())
	}
	if st, _, _ := f.sendIf(http.MethodDelete, needPath, firm, 3, nil); st != http.StatusNotFound {
		t.Errorf("withdraw twice: %d", st)
	}

	// withdrawing from the fair cancels the meetings and outdates the schedule
	_, v = f.send(http.MethodPost, fairPath+"/requests", firm, map[string]any{"to": labID})
	meetingID := v["id"].(string)
	f.send(http.MethodPost, fairPath+"/requests/"+meetingID+"/answer", lab, map[string]any{"status": "accepted"})
	admin := f.staffToken(registration.RoleAdmin)
	if _, v := f.send(http.MethodGet, fairPath+"/meetings", admin, nil); len(v["outdated"].([]any)) == 0 {
		t.Error("a meeting accepted after the schedule does not make it out of date")
	}
	if st, _, _ := f.sendIf(http.MethodDelete, fairPath+"/me", lab, 1, nil); st != http.StatusPreconditionFailed {
		t.Errorf("withdraw at a stale version: %d", st)
	}
	if st, _, _ := f.sendIf(http.MethodDelete, fairPath+"/me", lab, 2, nil); st != http.StatusNoContent {
		t.Fatalf("withdraw from the fair: %d", st)
	}
	if st, _ := f.send(http.MethodGet, fairPath+"/me", lab, nil); st != http.StatusForbidden {
		t.Errorf("me after withdrawing: %d", st)
	}
	_, v = f.send(http.MethodGet, fairPath+"/meetings", admin, nil)
	for _, m := range v["meetings"].([]any) {
		if m := m.(map[string]any); m["id"] == meetingID && m["status"] != "cancelled" {
			t.Errorf("the withdrawn participant's meeting is %v", m["status"])
		}
	}
	if st, _ := f.send(http.MethodGet, fairPath+"/achievements/"+achID+"/suggestions", "", nil); st != http.StatusNotFound {
		t.Errorf("the withdrawn participant's achievement: %d, want 404", st)
	}
}
