package web

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"convene/internal/demo"
	"convene/internal/fair"
	"convene/internal/program"
	"convene/internal/registration"
	"convene/internal/sqlstore"
	"convene/internal/testkit"
)

// TestFairPages: the participant's page shows suggestions, requests and,
// once published, the schedule with tables; the organiser's page refuses a
// stale version, schedules and publishes. Both render in zh and en.
func TestFairPages(t *testing.T) {
	ctx := context.Background()
	db := testkit.DemoDB(t, "sqlite")
	cat := program.NewCatalog(db, testkit.Clock)
	svc := registration.New(db, testkit.Clock)
	h, err := New(Config{Catalog: cat, Registration: svc, Fair: db, Audit: db, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	ed, err := cat.Edition(ctx, demo.FairEvent)
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
	rs := regSite{h: h, svc: svc, ed: ed, cat: cat}

	// an attendee joins as an enterprise with a need and an accepted meeting
	firm := signedUpClient(t, rs, "钱七", "qian@example.org")
	a, err := svc.Attendee(ctx, ed, firm.cookies["convene_attendee_zgc-2025"].Value)
	if err != nil {
		t.Fatal(err)
	}
	page := "/zh/zgc-2025/fair/" + demo.FairActivity
	wantIn(t, "fair page before joining: the form to join", firm.get(page).body, "加入对接会", `name="organisation_zh"`)
	wantStatus(t, "calendar before joining", firm.get(page+"/calendar.ics"), http.StatusForbidden)
	p := fair.Participant{ActivityID: act.ID, AttendeeID: a.ID, Organisation: program.Text{ZH: "管道检测公司", EN: "Pipeline Inspection Co."},
		Contact: fair.Contact{Name: "钱七", Email: "qian@example.org"}, Side: fair.SideDemand, Availability: fair.AvailableBoth}
	if err := db.AddParticipant(ctx, &p); err != nil {
		t.Fatal(err)
	}
	if err := db.AddNeed(ctx, &fair.Need{ActivityID: act.ID, ParticipantID: p.ID, Title: program.Text{ZH: "管道弱磁量子传感检测"}, Field: "quantum-sensing", MinTRL: 5}); err != nil {
		t.Fatal(err)
	}
	snap, err := db.FairDataset(ctx, act.ID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.AddMeeting(ctx, snap.Fair.Version, &fair.Meeting{ActivityID: act.ID, From: p.ID, To: ds.Participants[0].ID}); err != nil {
		t.Fatal(err)
	}
	wantIn(t, "me page", firm.get("/zh/zgc-2025/me").body, `href="`+page+`"`, "我的对接会洽谈")
	r := firm.get(page)
	wantStatus(t, "fair page", r, http.StatusOK)
	checkHTML(t, page, r, "zh")
	wantIn(t, "fair page", r.body, "管道检测公司", "推荐对接", "同一领域：量子传感", "已接受", "没有排定的洽谈",
		`href="http://example.com/api/v1/events/zgc-2025/activities/`+demo.FairActivity+`/fair/agenda/`+p.ID+`.`, `/calendar.ics?lang=zh"`, "订阅我的洽谈日程")

	// a laboratory joins; the firm asks it for a meeting with the page's form, the laboratory accepts
	lab := signedUpClient(t, rs, "孙八", "sun@example.org")
	la, err := svc.Attendee(ctx, ed, lab.cookies["convene_attendee_zgc-2025"].Value)
	if err != nil {
		t.Fatal(err)
	}
	lp := fair.Participant{ActivityID: act.ID, AttendeeID: la.ID, Organisation: program.Text{ZH: "量子实验室", EN: "Quantum Lab"},
		Contact: fair.Contact{Name: "孙八", Email: "sun@example.org"}, Side: fair.SideSupply, Availability: fair.AvailableBoth}
	if err := db.AddParticipant(ctx, &lp); err != nil {
		t.Fatal(err)
	}
	wantIn(t, "suggestions' request forms", firm.get(page).body, `name="to"`, "邀约洽谈")
	wantStatus(t, "request", firm.post(page+"/requests", url.Values{"to": {lp.ID}}), http.StatusSeeOther)
	wantStatus(t, "request again", firm.post(page+"/requests", url.Values{"to": {lp.ID}}), http.StatusConflict)
	wantStatus(t, "request to oneself", firm.post(page+"/requests", url.Values{"to": {p.ID}}), http.StatusBadRequest)
	r = lab.get(page)
	wantIn(t, "lab's page", r.body, "邀约我", "管道检测公司", `value="accepted"`)
	snap, _ = db.FairDataset(ctx, act.ID)
	var asked string
	for _, m := range snap.Meetings {
		if m.To == lp.ID {
			asked = m.ID
		}
	}
	wantStatus(t, "the asker answers", firm.post(page+"/requests/"+asked, url.Values{"status": {"accepted"}}), http.StatusForbidden)
	wantStatus(t, "accept", lab.post(page+"/requests/"+asked, url.Values{"status": {"accepted"}}), http.StatusSeeOther)
	wantIn(t, "accepted", lab.get(page+"?done=answered").body, "已回复邀约", "已接受")

	// the organiser
	admin := newClient(t, h)
	token, err := svc.CreateStaffToken(ctx, ed, registration.RoleAdmin, "secretariat")
	if err != nil {
		t.Fatal(err)
	}
	wantStatus(t, "admin sign-in", admin.post("/zh/zgc-2025/checkin/signin", url.Values{"token": {token}}), http.StatusSeeOther)
	adminPage := "/en/zgc-2025/admin/fair/" + demo.FairActivity
	wantIn(t, "seats page", admin.get("/en/zgc-2025/admin/seats").body, `href="`+adminPage+`"`)
	wantStatus(t, "organiser page signed out", newClient(t, h).get(adminPage), http.StatusSeeOther)
	r = admin.get(adminPage)
	wantStatus(t, "organiser page", r, http.StatusOK)
	checkHTML(t, adminPage, r, "en")
	wantIn(t, "organiser page", r.body, "Table plan per slot", "Run the scheduler", "published")
	version := strconv.FormatInt(snap.Fair.Version+1, 10) // the answer moved it once more
	r = admin.post(adminPage+"/schedule", url.Values{"version": {"1"}})
	wantStatus(t, "schedule at a stale version", r, http.StatusConflict)
	wantIn(t, "stale schedule", r.body, "Refused, nothing changed", "changed since version 1")
	r = admin.post(adminPage+"/schedule", url.Values{"version": {version}})
	wantStatus(t, "schedule", r, http.StatusSeeOther)
	if loc := r.header.Get("Location"); loc != adminPage {
		t.Errorf("after starting the scheduler: to %q, want the organiser's page", loc)
	}
	r, exact := waitForFairRun(t, admin, adminPage)
	if !exact {
		t.Error("the organiser's page never showed the exact method's progress while the scheduler ran")
	}
	checkHTML(t, adminPage+" after the run", r, "en")
	wantIn(t, "scheduled", r.body, "Last scheduler run", "Scheduled and stored. Check it, then publish.", "breaks in all (lower bound", "proven optimal",
		"scheduled, not published", "Publish the schedule", "Run the scheduler")
	wantIn(t, "participant before publishing", firm.get(page).body, "洽谈日程尚未发布")
	v, _ := strconv.Atoi(version)
	wantStatus(t, "publish", admin.post(adminPage+"/publish", url.Values{"version": {strconv.Itoa(v + 1)}}), http.StatusSeeOther)

	r = firm.get("/en/zgc-2025/fair/" + demo.FairActivity)
	checkHTML(t, "fair page in English", r, "en")
	wantIn(t, "published schedule", r.body, "My meeting schedule", "Table", ds.Participants[0].Organisation.EN, ds.Participants[0].Contact.Email)
	r = firm.get("/en/zgc-2025/fair/" + demo.FairActivity + "/calendar.ics")
	wantStatus(t, "calendar", r, http.StatusOK)
	wantIn(t, "calendar", r.body, "BEGIN:VEVENT", "SUMMARY:"+ds.Participants[0].Organisation.EN, "Table ")
	testFairEditPages(t, db, firm, lab, admin, act.ID, adminPage)
}

// TestFairPages goes on here: the firm edits and withdraws its need and
// then itself; someone else's need cannot be edited; bad input and a stale
// version show the form again with what was typed.
func testFairEditPages(t *testing.T, db *sqlstore.DB, firm, lab, admin *client, activityID, adminPage string) {
	ctx := context.Background()
	page := "/zh/zgc-2025/fair/" + demo.FairActivity
	ds, _ := db.FairDataset(ctx, activityID)
	var need *fair.Need
	for i := range ds.Needs {
		if ds.Needs[i].Title.ZH == "管道弱磁量子传感检测" {
			need = &ds.Needs[i]
		}
	}
	needPage := page + "/needs/" + need.ID
	r := firm.get(needPage)
	checkHTML(t, needPage, r, "zh")
	wantIn(t, "need page", r.body, "修改技术需求", "管道弱磁量子传感检测", `name="version" value="1"`, "撤回此技术需求")
	wantStatus(t, "someone else's need page", lab.get(needPage), http.StatusForbidden)
	form := url.Values{"version": {"1"}, "title_zh": {"管道弱磁量子传感检测（二期）"}, "field": {"quantum-sensing"}, "min_trl": {"6"}, "region": {"上海"}}
	wantStatus(t, "edit someone else's need", lab.post(needPage, form), http.StatusForbidden)
	bad := url.Values{"version": {"1"}, "title_zh": {""}, "field": {"nope"}, "min_trl": {"6"}, "region": {"上海"}}
	r = firm.post(needPage, bad)
	wantStatus(t, "bad edit", r, http.StatusBadRequest)
	wantIn(t, "bad edit", r.body, "此项必填", "请从列表中选择技术领域", `value="上海"`)
	wantStatus(t, "edit", firm.post(needPage, form), http.StatusSeeOther)
	wantIn(t, "edited", firm.get(page+"?done=updated").body, "修改已保存", "管道弱磁量子传感检测（二期）")
	r = firm.post(needPage, form)
	wantStatus(t, "edit at a stale version", r, http.StatusConflict)
	wantIn(t, "stale edit", r.body, "请刷新", `value="上海"`)

	wantStatus(t, "withdraw the need", firm.post(needPage+"/withdraw", url.Values{"version": {"2"}}), http.StatusSeeOther)
	if r := firm.get(page + "?done=withdrawn"); !strings.Contains(r.body, "已撤回") || strings.Contains(r.body, "二期") {
		t.Error("the withdrawn need is still on the participant's page")
	}

	r = firm.get("/en/zgc-2025/fair/" + demo.FairActivity + "/participation")
	checkHTML(t, "participation page", r, "en")
	wantIn(t, "participation page", r.body, "Edit my participation", "Pipeline Inspection Co.", "Withdraw from the fair")
	wantStatus(t, "withdraw from the fair", firm.post(page+"/withdraw", url.Values{"version": {"1"}}), http.StatusSeeOther)
	wantIn(t, "organiser page after a withdrawal", admin.get(adminPage).body, "The schedule is out of date", "Cancelled meeting still holds a table")
}

// waitForFairRun follows the organiser's page while it refreshes itself
// (the scheduler runs in the background) and returns it once the run has
// ended, and whether a page on the way showed the exact method's progress;
// the wait is bounded so that a run that never ends fails the test.
func waitForFairRun(t *testing.T, c *client, page string) (last response, exact bool) {
	t.Helper()
	// the sample fair takes about 15 s on a slow machine, 2 minutes under -race
	deadline := time.Now().Add(10 * time.Minute)
	for {
		r := c.get(page)
		wantStatus(t, "organiser page during the run", r, http.StatusOK)
		if r.header.Get("Refresh") == "" {
			return r, exact
		}
		exact = exact || strings.Contains(r.body, "conflicts analysed")
		if !strings.Contains(r.body, "Scheduling (") || strings.Contains(r.body, `action="`+page+`/schedule"`) {
			t.Fatalf("a page that refreshes itself without the run's progress, or with the button to run again:\n%s", r.body)
		}
		if time.Now().After(deadline) {
			t.Fatal("the fair's scheduler did not finish within ten minutes")
		}
		time.Sleep(50 * time.Millisecond)
	}
}
