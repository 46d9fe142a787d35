package api

import (
	"bytes"
	"context"
	"net/http"
	"strconv"
	"strings"
	"testing"

	ics "github.com/arran4/golang-ical"

	"convene/internal/demo"
	"convene/internal/fair"
	"convene/internal/program"
	"convene/internal/registration"
	"convene/internal/testkit"
)

// The matchmaking fair through the handler, on the sample fair, on every
// engine; every answer is checked against openapi.json by callWith.

const fairPath = "/activities/" + demo.FairActivity + "/fair"

func newFairFixture(t *testing.T, engine string) (*regFixture, *fair.Dataset) {
	ctx := context.Background()
	db := testkit.DemoDB(t, engine)
	cat := program.NewCatalog(db, testkit.Clock)
	svc := registration.New(db, testkit.Clock)
	ed, err := cat.Edition(ctx, demoEvent)
	if err != nil {
		t.Fatal(err)
	}
	act, _ := ed.Activity(demo.FairActivity)
	ds, _, err := demo.ScheduledFair(ctx, act.ID, ed.Event.ID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.ImportFair(ctx, ds); err != nil {
		t.Fatal(err)
	}
	return &regFixture{t: t, h: New(Config{Catalog: cat, Registration: svc, Fair: db}), svc: svc, ed: ed}, ds
}

func TestFairAPI(t *testing.T) {
	for _, engine := range testkit.Engines(t) {
		t.Run(engine, func(t *testing.T) {
			f, ds := newFairFixture(t, engine)
			testFairPublic(t, f, ds)
			testFairStats(t, f, ds)
			testFairCalendar(t, f, ds)
			testFairParticipantsAndOrganiser(t, f)
			testFairOrganiserEdits(t, f, ds)
			testFairOwnEdits(t, f)
		})
	}
}

func testFairPublic(t *testing.T, f *regFixture, ds *fair.Dataset) {
	st, v := f.send(http.MethodGet, fairPath, "", nil)
	if st != http.StatusOK || v["participants"] != float64(len(ds.Participants)) || v["published"] != true || len(v["slots"].([]any)) != ds.Fair.Slots {
		t.Fatalf("fair: %d %v", st, v)
	}
	for _, list := range []string{"/achievements", "/needs"} {
		res, body := callWith(t, f.h, http.MethodGet, "/api/v1/events/"+demoEvent+fairPath+list, nil, nil)
		if res.StatusCode != http.StatusOK || strings.Contains(string(body), "@fair.example.org") {
			t.Errorf("%s: %d, or contacts leaked", list, res.StatusCode)
		}
	}
	var need *fair.Need
	for i := range ds.Needs {
		if ds.Needs[i].Field == "quantum-sensing" {
			need = &ds.Needs[i]
			break
		}
	}
	res, body := callWith(t, f.h, http.MethodGet, "/api/v1/events/"+demoEvent+fairPath+"/needs/"+need.ID+"/suggestions?limit=3", nil, nil)
	if res.StatusCode != http.StatusOK || !strings.Contains(string(body), `"same_field":true`) || !strings.Contains(string(body), "same field: quantum sensing") {
		t.Errorf("suggestions for %s: %d %s", need.Title.ZH, res.StatusCode, body)
	}
	if st, _ := f.send(http.MethodGet, fairPath+"/achievements/"+ds.Achievements[0].ID+"/suggestions", "", nil); st != http.StatusOK {
		t.Errorf("needs for an achievement: %d", st)
	}
	if st, _ := f.send(http.MethodGet, fairPath+"/needs/nope/suggestions", "", nil); st != http.StatusNotFound {
		t.Errorf("unknown need: %d", st)
	}
	if st, _ := f.send(http.MethodGet, "/activities/key-fields-matchmaking-nope/fair", "", nil); st != http.StatusNotFound {
		t.Errorf("unknown activity: %d", st)
	}
}

func testFairStats(t *testing.T, f *regFixture, ds *fair.Dataset) {
	want := program.MatchmakingStats{Participants: len(ds.Participants)}
	for _, m := range ds.Meetings {
		if m.Slot > 0 {
			want.Meetings++
		}
		if m.Outcome != fair.OutcomeNone {
			want.Agreements++
		}
		if m.Outcome == fair.OutcomeContract {
			want.Contracts++
			want.AmountCNY += m.AmountCNY
		}
	}
	if want.Meetings < 600 || want.Contracts == 0 {
		t.Errorf("sample figures %+v, want 600 meetings or more and some contracts", want)
	}
	st, v := f.send(http.MethodGet, "/stats", "", nil)
	mm, _ := v["matchmaking"].(map[string]any)
	if st != http.StatusOK || mm["participants"] != float64(want.Participants) || mm["meetings"] != float64(want.Meetings) ||
		mm["agreements"] != float64(want.Agreements) || mm["contracts"] != float64(want.Contracts) || mm["amount_cny"] != float64(want.AmountCNY) {
		t.Errorf("stats matchmaking %v, want %+v", mm, want)
	}
	if prev, _ := v["previous"].(map[string]any); prev["matchmaking"] != nil {
		t.Errorf("zgc-2024 has no fair, yet has figures %v", prev["matchmaking"])
	}
}

func testFairParticipantsAndOrganiser(t *testing.T, f *regFixture) {
	lab, _ := f.register("Lab Person", "lab@example.org")
	firm, _ := f.register("Firm Person", "firm@example.org")
	if st, _ := f.send(http.MethodGet, fairPath+"/me", "", nil); st != http.StatusUnauthorized {
		t.Errorf("me without a token: %d", st)
	}
	if st, _ := f.send(http.MethodGet, fairPath+"/me", lab, nil); st != http.StatusForbidden {
		t.Errorf("me before joining: %d", st)
	}
	join := func(token, side, name string) string {
		st, v := f.send(http.MethodPost, fairPath+"/participants", token, map[string]any{
			"organisation": map[string]string{"zh": name, "en": ""}, "contact": map[string]string{"name": "X", "email": side + "@example.org", "phone": ""}, "side": side})
		if st != http.StatusCreated {
			t.Fatalf("join as %s: %d %v", side, st, v)
		}
		return v["id"].(string)
	}
	st, v := f.send(http.MethodPost, fairPath+"/participants", lab, map[string]any{"organisation": map[string]string{"zh": "", "en": ""}, "contact": map[string]string{"name": "", "email": "x", "phone": ""}, "side": "seller"})
	if st != http.StatusBadRequest || len(v["errors"].([]any)) != 4 {
		t.Errorf("bad join: %d %v", st, v)
	}
	labID := join(lab, "supply", "量子传感实验室")
	firmID := join(firm, "demand", "管道检测公司")
	if st, _ := f.send(http.MethodPost, fairPath+"/participants", lab, map[string]any{"organisation": map[string]string{"zh": "再次", "en": ""}, "contact": map[string]string{"name": "X", "email": "x@example.org", "phone": ""}, "side": "supply"}); st != http.StatusConflict {
		t.Errorf("joining twice: %d", st)
	}
	st, v = f.send(http.MethodPost, fairPath+"/achievements", lab, map[string]any{"title": map[string]string{"zh": "金刚石量子传感器", "en": "Diamond quantum sensor"},
		"field": "quantum-sensing", "trl": 6, "ip": "patent", "transfer": "licence"})
	if st != http.StatusCreated {
		t.Fatalf("achievement: %d %v", st, v)
	}
	achID := v["id"].(string)
	if st, _ := f.send(http.MethodPost, fairPath+"/needs", lab, map[string]any{"title": map[string]string{"zh": "需求", "en": ""}, "field": "robotics"}); st != http.StatusBadRequest {
		t.Errorf("a need from the supply side: %d", st)
	}
	if st, v := f.send(http.MethodPost, fairPath+"/needs", firm, map[string]any{"title": map[string]string{"zh": "管道量子传感检测", "en": ""}, "field": "quantum-sensing", "min_trl": 5}); st != http.StatusCreated {
		t.Fatalf("need: %d %v", st, v)
	}
	if st, _ := f.send(http.MethodPost, fairPath+"/requests", firm, map[string]any{"to": firmID}); st != http.StatusBadRequest {
		t.Errorf("request to oneself: %d", st)
	}
	st, v = f.send(http.MethodPost, fairPath+"/requests", firm, map[string]any{"to": labID, "achievement": achID})
	if st != http.StatusCreated {
		t.Fatalf("request: %d %v", st, v)
	}
	meetingID := v["id"].(string)
	if st, _ := f.send(http.MethodPost, fairPath+"/requests", lab, map[string]any{"to": firmID}); st != http.StatusConflict {
		t.Errorf("the same pair again: %d", st)
	}
	if st, _ := f.send(http.MethodPost, fairPath+"/requests/"+meetingID+"/answer", firm, map[string]any{"status": "accepted"}); st != http.StatusForbidden {
		t.Errorf("the asker answers: %d", st)
	}
	if st, v := f.send(http.MethodPost, fairPath+"/requests/"+meetingID+"/answer", lab, map[string]any{"status": "accepted"}); st != http.StatusOK || v["status"] != "accepted" {
		t.Errorf("accept: %d %v", st, v)
	}

	// the organiser
	if st, _ := f.send(http.MethodGet, fairPath+"/meetings", "", nil); st != http.StatusUnauthorized {
		t.Errorf("organiser page without a token: %d", st)
	}
	if st, _ := f.send(http.MethodGet, fairPath+"/meetings", f.staffToken(registration.RoleCheckin), nil); st != http.StatusForbidden {
		t.Errorf("organiser page with a check-in token: %d", st)
	}
	if st, _ := f.send(http.MethodGet, fairPath+"/meetings", lab, nil); st != http.StatusUnauthorized && st != http.StatusForbidden {
		t.Errorf("organiser page with an attendee token: %d", st)
	}
	admin := f.staffToken(registration.RoleAdmin)
	st, v = f.send(http.MethodGet, fairPath+"/meetings", admin, nil)
	if st != http.StatusOK || len(v["problems"].([]any)) != 0 {
		t.Fatalf("organiser page: %d %v", st, v["problems"])
	}
	version := v["version"].(float64)
	if st, _ := f.send(http.MethodPost, fairPath+"/schedule", admin, map[string]any{"version": version - 1}); st != http.StatusConflict {
		t.Errorf("schedule at a stale version: %d", st)
	}
	st, v = f.send(http.MethodPost, fairPath+"/schedule", admin, map[string]any{"version": version})
	if st != http.StatusOK {
		t.Fatalf("schedule: %d %v", st, v)
	}
	// a new schedule is not shown until published
	_, me := f.send(http.MethodGet, fairPath+"/me", firm, nil)
	if me["published"] != false || me["meetings"].([]any)[0].(map[string]any)["slot"] != 0.0 {
		t.Errorf("unpublished schedule shown: %v", me)
	}
	feed := me["calendar_url"].(string) + "?lang=en"
	if cal := fairCalendarOf(t, f, feed, http.StatusOK); cal != nil && len(cal.Events()) != 0 {
		t.Errorf("unpublished schedule in the calendar: %d events", len(cal.Events()))
	}
	if st, v := f.send(http.MethodPost, fairPath+"/publish", admin, map[string]any{"version": v["version"]}); st != http.StatusOK || v["published"] != true {
		t.Fatalf("publish: %d %v", st, v)
	}
	if cal := fairCalendarOf(t, f, feed, http.StatusOK); cal == nil || len(cal.Events()) != 1 || cal.Events()[0].GetProperty(ics.ComponentPropertySummary).Value != "量子传感实验室" {
		t.Errorf("published schedule in the calendar: %v", cal)
	}
	_, me = f.send(http.MethodGet, fairPath+"/me", firm, nil)
	m := me["meetings"].([]any)[0].(map[string]any)
	if me["published"] != true || m["slot"].(float64) < 1 || m["table"].(float64) < 1 || m["starts_at"] == nil || len(me["needs"].([]any)) != 1 {
		t.Errorf("published schedule: %v", me)
	}
	_, current := f.send(http.MethodGet, fairPath, "", nil)
	fairVersion := current["version"]
	if st, v := f.send(http.MethodPut, fairPath+"/meetings/"+meetingID+"/outcome", admin, map[string]any{"version": fairVersion, "outcome": "contract", "amount_cny": 1_200_000}); st != http.StatusOK || v["outcome"] != "contract" {
		t.Errorf("outcome: %d %v", st, v)
	}
	if st, _ := f.send(http.MethodPut, fairPath+"/meetings/"+meetingID+"/outcome", admin, map[string]any{"version": fairVersion, "outcome": "none"}); st != http.StatusConflict {
		t.Errorf("an outcome on a stale fair version: %d, want 409", st)
	}
	if st, _ := f.send(http.MethodPut, fairPath+"/meetings/"+meetingID+"/outcome", admin, map[string]any{"version": fairVersion, "outcome": "intention", "amount_cny": 5}); st != http.StatusBadRequest {
		t.Errorf("amount with an intention: %d", st)
	}
}

func testFairOrganiserEdits(t *testing.T, f *regFixture, ds *fair.Dataset) {
	admin := f.staffToken(registration.RoleAdmin)
	_, v := f.send(http.MethodGet, fairPath+"/meetings", admin, nil)
	version := v["version"].(float64)
	a, b := ds.Participants[0].ID, ds.Participants[len(ds.Participants)-1].ID
	if st, _ := f.send(http.MethodPost, fairPath+"/meetings", admin, map[string]any{"version": version, "from": a, "to": a}); st != http.StatusBadRequest {
		t.Errorf("a meeting with oneself: %d", st)
	}
	st, v := f.send(http.MethodPost, fairPath+"/meetings", admin, map[string]any{"version": version, "from": a, "to": b, "fixed_slot": 3})
	if st != http.StatusCreated || v["fixed_slot"] != 3.0 || v["status"] != "accepted" {
		t.Fatalf("add meeting: %d %v", st, v)
	}
	id := v["id"].(string)
	if st, _ := f.send(http.MethodPut, fairPath+"/meetings/"+id+"/fixed-slot", admin, map[string]any{"version": version, "slot": 4}); st != http.StatusConflict {
		t.Errorf("fix at a stale version: %d", st)
	}
	st, v = f.send(http.MethodPut, fairPath+"/meetings/"+id+"/fixed-slot", admin, map[string]any{"version": version + 1, "slot": 4})
	if st != http.StatusOK || v["version"] != version+2 {
		t.Fatalf("fix: %d %v", st, v)
	}
	if st, v := f.send(http.MethodDelete, fairPath+"/meetings/"+id+"?version="+strconv.Itoa(int(version+2)), admin, nil); st != http.StatusOK || v["version"] != version+3 {
		t.Errorf("remove: %d %v", st, v)
	}
	if st, _ := f.send(http.MethodDelete, fairPath+"/meetings/"+id+"?version="+strconv.Itoa(int(version+3)), admin, nil); st != http.StatusNotFound {
		t.Errorf("remove twice: %d", st)
	}
}

// fairCalendarOf fetches a participant's calendar feed and parses it (nil
// when the status is not 200).
func fairCalendarOf(t *testing.T, f *regFixture, target string, want int) *ics.Calendar {
	t.Helper()
	res, body := call(t, f.h, http.MethodGet, target, nil)
	if res.StatusCode != want {
		t.Errorf("%s: %d, want %d\n%s", target, res.StatusCode, want, body)
		return nil
	}
	if want != http.StatusOK {
		return nil
	}
	cal, err := ics.ParseCalendar(bytes.NewReader(body))
	if err != nil {
		t.Fatalf("%s: not a calendar: %v", target, err)
	}
	return cal
}

// testFairCalendar: a participant's feed by secret URL has that
// participant's published meetings and no other's, revalidates by ETag, and
// a wrong key or the agenda's key finds nothing.
func testFairCalendar(t *testing.T, f *regFixture, ds *fair.Dataset) {
	ctx := context.Background()
	feed := func(p *fair.Participant) string {
		key, err := f.svc.FeedKey(ctx, registration.FairFeed, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		return "/api/v1/events/" + demoEvent + fairPath + "/agenda/" + key + "/calendar.ics"
	}
	for _, p := range []*fair.Participant{&ds.Participants[0], &ds.Participants[1]} {
		want := map[string]bool{}
		for _, m := range ds.Meetings {
			if m.Involves(p.ID) && m.Slot > 0 {
				want["fair-meeting-"+m.ID+"@convene"] = true
			}
		}
		cal := fairCalendarOf(t, f, feed(p)+"?lang=en", http.StatusOK)
		if cal == nil || len(cal.Events()) != len(want) || len(want) == 0 {
			t.Fatalf("%s: %v, want %d meetings", p.ID, cal, len(want))
		}
		for _, e := range cal.Events() {
			if !want[e.Id()] {
				t.Errorf("%s: meeting %s is not theirs", p.ID, e.Id())
			}
		}
	}
	u := feed(&ds.Participants[0])
	res, _ := call(t, f.h, http.MethodGet, u, nil)
	if res.StatusCode != http.StatusOK || res.Header.Get("ETag") == "" || !strings.Contains(res.Header.Get("Cache-Control"), "private") {
		t.Fatalf("feed headers: %d %v", res.StatusCode, res.Header)
	}
	if res, _ := call(t, f.h, http.MethodGet, u, http.Header{"If-None-Match": {res.Header.Get("ETag")}}); res.StatusCode != http.StatusNotModified {
		t.Errorf("revalidation: %d", res.StatusCode)
	}
	fairCalendarOf(t, f, strings.Replace(u, ".", ".A", 1), http.StatusNotFound)
	for _, k := range []struct {
		feed registration.Feed
		id   string
	}{{registration.AgendaFeed, ds.Participants[0].ID}, {registration.FairFeed, "not-a-participant"}} {
		key, err := f.svc.FeedKey(ctx, k.feed, k.id)
		if err != nil {
			t.Fatal(err)
		}
		fairCalendarOf(t, f, "/api/v1/events/"+demoEvent+fairPath+"/agenda/"+key+"/calendar.ics", http.StatusNotFound)
	}
	fairCalendarOf(t, f, u+"?lang=fr", http.StatusBadRequest)
}
