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

	"convene/internal/demo"
	"convene/internal/fair"
	"convene/internal/program"
	"convene/internal/registration"
	"convene/internal/sqlstore"
	"convene/internal/testkit"
)

// TestFairForms: on both engines, an attendee joins the sample fair with
// the page's form, posts an achievement (a bad one first: the problems in
// Chinese, what was typed kept), another posts a need; the organiser adds
// a meeting, fixes it to a slot, removes one (a stale version refused,
// nothing changed) and records an outcome that the edition's figures count.
func TestFairForms(t *testing.T) {
	for _, engine := range testkit.Engines(t) {
		t.Run(engine, func(t *testing.T) { testFairForms(t, engine) })
	}
}

func testFairForms(t *testing.T, engine string) {
	ctx := context.Background()
	db := testkit.DemoDB(t, engine)
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
	page := "/zh/zgc-2025/fair/" + demo.FairActivity

	// a laboratory joins from the activity's page: a bad form first
	lab := signedUpClient(t, rs, "孙八", "sun@example.org")
	wantIn(t, "the activity's page links its fair", lab.get("/zh/zgc-2025/activities/"+demo.FairActivity).body, `href="`+page+`"`, "进入对接会")
	r := lab.get(page)
	wantStatus(t, "join form", r, http.StatusOK)
	checkHTML(t, page, r, "zh")
	wantIn(t, "join form", r.body, "加入对接会", `value="孙八"`, `value="sun@example.org"`, `name="unavailable"`)
	r = lab.post(page+"/join", url.Values{"organisation_zh": {"量子精密测量实验室"}, "name": {"孙八"}, "email": {"not an email"}, "side": {"seller"}, "availability": {"both"}, "unavailable": {"99"}})
	wantStatus(t, "bad join", r, http.StatusBadRequest)
	checkHTML(t, "bad join", r, "zh")
	wantIn(t, "bad join", r.body, "不是有效的邮箱地址", "请选择供给方、需求方或供需双方。", "请选择对接会的时段。", `value="量子精密测量实验室"`, `value="not an email"`)
	join := url.Values{"organisation_zh": {"量子精密测量实验室"}, "organisation_en": {"Quantum Metrology Lab"}, "name": {"孙八"}, "email": {"sun@example.org"},
		"side": {"supply"}, "availability": {"both"}, "unavailable": {"1", "2"}}
	wantStatus(t, "join", lab.post(page+"/join", join), http.StatusSeeOther)
	wantStatus(t, "join again", lab.post(page+"/join", join), http.StatusSeeOther)
	r = lab.get(page + "?done=joined")
	wantIn(t, "joined", r.body, "已加入对接会", "量子精密测量实验室", "发布科技成果", `name="title_zh"`, `name="trl"`)
	wantOut(t, "joined: a supply participant posts no needs", r.body, "发布技术需求")
	snap, _ := db.FairDataset(ctx, act.ID)
	var labID string
	for _, p := range snap.Participants {
		if p.Organisation.ZH == "量子精密测量实验室" {
			labID = p.ID
			if len(p.Unavailable) != 2 || p.Side != fair.SideSupply {
				t.Fatalf("joined as %+v", p)
			}
		}
	}

	// an achievement: a bad one, then a good one
	bad := url.Values{"title_zh": {""}, "summary_zh": {"基于金刚石氮空位色心的弱磁探测\n第二行"}, "field": {"astrology"}, "trl": {"x"}, "ip": {"patent"}, "transfer": {"licence"}}
	r = lab.post(page+"/achievements", bad)
	wantStatus(t, "bad achievement", r, http.StatusBadRequest)
	checkHTML(t, "bad achievement", r, "zh")
	wantIn(t, "bad achievement", r.body, "此项必填。", "请从列表中选择技术领域。", "请填写整数。", "基于金刚石氮空位色心的弱磁探测\n第二行", `<option value="patent" selected>`)
	good := url.Values{"title_zh": {"金刚石量子弱磁传感器"}, "title_en": {"Diamond quantum magnetometer"}, "summary_zh": {"用于管道检测的量子传感"},
		"field": {"quantum-sensing"}, "trl": {"6"}, "ip": {"patent"}, "transfer": {"licence"}}
	wantStatus(t, "achievement", lab.post(page+"/achievements", good), http.StatusSeeOther)
	r = lab.get(page + "?done=achievement")
	wantIn(t, "achievement posted", r.body, "科技成果已发布。", "金刚石量子弱磁传感器", "量子传感 · TRL 6", "推荐对接")
	wantStatus(t, "a supply participant posts a need", lab.post(page+"/needs", url.Values{"title_zh": {"需求"}, "field": {"quantum-sensing"}}), http.StatusForbidden)

	// an enterprise joins and posts a need (a bad budget first, in English)
	wantStatus(t, "signed out", newClient(t, h).get(page), http.StatusSeeOther)
	firm := signedUpClient(t, rs, "钱七", "qian@example.org")
	wantStatus(t, "a need before joining", firm.post(page+"/needs", url.Values{"title_zh": {"需求"}}), http.StatusForbidden)
	wantStatus(t, "firm joins", firm.post(page+"/join", url.Values{"organisation_zh": {"管道检测公司"}, "name": {"钱七"}, "email": {"qian@example.org"},
		"side": {"demand"}, "availability": {"morning"}}), http.StatusSeeOther)
	en := "/en/zgc-2025/fair/" + demo.FairActivity
	need := url.Values{"title_zh": {"管道弱磁量子传感检测"}, "field": {"quantum-sensing"}, "min_trl": {"5"}, "budget_min": {"500000"}, "budget_max": {"lots"}, "region": {"北京"}}
	r = firm.post(en+"/needs", need)
	wantStatus(t, "bad need", r, http.StatusBadRequest)
	wantIn(t, "bad need", r.body, "Use a whole number.", `value="500000"`, `value="lots"`)
	need.Set("budget_max", "2000000")
	wantStatus(t, "need", firm.post(en+"/needs", need), http.StatusSeeOther)
	wantIn(t, "need posted", firm.get(en+"?done=need").body, "Need posted.", "管道弱磁量子传感检测", "Suggested partners", "same field: quantum sensing")
	snap, _ = db.FairDataset(ctx, act.ID)
	var firmID string
	for _, p := range snap.Participants {
		if p.Organisation.ZH == "管道检测公司" {
			firmID = p.ID
		}
	}

	// the organiser
	admin := newClient(t, h)
	token, err := svc.CreateStaffToken(ctx, ed, registration.RoleAdmin, "secretariat")
	if err != nil {
		t.Fatal(err)
	}
	wantStatus(t, "admin sign-in", admin.post("/zh/zgc-2025/checkin/signin", url.Values{"token": {token}}), http.StatusSeeOther)
	adminPage := "/zh/zgc-2025/admin/fair/" + demo.FairActivity
	wantStatus(t, "participant adds a meeting", lab.post(adminPage+"/meetings", url.Values{"from": {labID}, "to": {firmID}}), http.StatusSeeOther) // to the sign-in
	r = admin.get(adminPage)
	checkHTML(t, adminPage, r, "zh")
	wantIn(t, "organiser page", r.body, "添加洽谈", `name="fixed_slot"`, "量子精密测量实验室 (供给方)")
	v := snap.Fair.Version
	ver := func(v int64) string { return strconv.FormatInt(v, 10) }
	count := len(snap.Meetings)
	r = admin.post(adminPage+"/meetings", url.Values{"version": {ver(v - 1)}, "from": {labID}, "to": {firmID}, "fixed_slot": {"0"}})
	wantStatus(t, "add at a stale version", r, http.StatusConflict)
	wantIn(t, "stale add", r.body, "未执行，未作任何改动", "对接会在此页面显示后已有改动", `<option value="`+labID+`" selected>`)
	r = admin.post(adminPage+"/meetings", url.Values{"version": {ver(v)}, "from": {labID}, "to": {labID}})
	wantStatus(t, "meeting with itself", r, http.StatusBadRequest)
	wantIn(t, "meeting with itself", r.body, "不能与自己洽谈。")
	r = admin.post(adminPage+"/meetings", url.Values{"version": {ver(v)}, "from": {labID}, "to": {""}})
	wantStatus(t, "meeting with nobody", r, http.StatusBadRequest)
	wantIn(t, "meeting with nobody", r.body, "此项必填。")
	wantStatus(t, "meeting with a stranger", admin.post(adminPage+"/meetings", url.Values{"version": {ver(v)}, "from": {labID}, "to": {"nobody"}}), http.StatusBadRequest)
	wantStatus(t, "add", admin.post(adminPage+"/meetings", url.Values{"version": {ver(v)}, "from": {labID}, "to": {firmID}, "fixed_slot": {"0"}}), http.StatusSeeOther)
	snap, _ = db.FairDataset(ctx, act.ID)
	if len(snap.Meetings) != count+1 {
		t.Fatalf("%d meetings after adding one to %d", len(snap.Meetings), count)
	}
	added := meetingBetween(snap, labID, firmID)
	if added == nil || added.Status != fair.StatusAccepted {
		t.Fatalf("the meeting added: %+v", added)
	}
	r = admin.get(adminPage + "?done=meeting_added")
	wantIn(t, "added", r.body, "洽谈已添加。", "未排入时段的邀约与洽谈", "/meetings/"+added.ID)
	mpage := adminPage + "/meetings/" + added.ID
	r = admin.get(mpage)
	wantStatus(t, "meeting page", r, http.StatusOK)
	checkHTML(t, mpage, r, "zh")
	wantIn(t, "meeting page", r.body, "量子精密测量实验室 × 管道检测公司", "固定时段", "删除此洽谈")
	wantOut(t, "an unscheduled meeting has no outcome form", r.body, `name="outcome"`)

	// fix it to slot 3; a slot the fair does not have is refused
	r = admin.post(mpage+"/fix", url.Values{"version": {ver(snap.Fair.Version)}, "slot": {"40"}})
	wantStatus(t, "fix to slot 40", r, http.StatusBadRequest)
	wantIn(t, "fix to slot 40", r.body, "请选择对接会的时段。")
	wantStatus(t, "fix", admin.post(mpage+"/fix", url.Values{"version": {ver(snap.Fair.Version)}, "slot": {"3"}}), http.StatusSeeOther)
	snap, _ = db.FairDataset(ctx, act.ID)
	if m := meetingBetween(snap, labID, firmID); m == nil || m.FixedSlot != 3 {
		t.Fatalf("fixed: %+v", m)
	}
	wantIn(t, "fixed", admin.get(mpage+"?done=fixed").body, "时段已固定。", `<option value="3" selected>`)

	// remove it: a stale version is refused, nothing changed
	r = admin.post(mpage+"/remove", url.Values{"version": {ver(snap.Fair.Version - 1)}})
	wantStatus(t, "remove at a stale version", r, http.StatusConflict)
	wantIn(t, "stale remove", r.body, "未执行，未作任何改动", "量子精密测量实验室 × 管道检测公司")
	if s, _ := db.FairDataset(ctx, act.ID); meetingBetween(s, labID, firmID) == nil || s.Fair.Version != snap.Fair.Version {
		t.Fatal("a stale removal changed the fair")
	}
	wantStatus(t, "remove", admin.post(mpage+"/remove", url.Values{"version": {ver(snap.Fair.Version)}}), http.StatusSeeOther)
	snap, _ = db.FairDataset(ctx, act.ID)
	if meetingBetween(snap, labID, firmID) != nil || len(snap.Meetings) != count {
		t.Fatal("the meeting was not removed")
	}
	wantIn(t, "removed", admin.get(adminPage+"?done=removed").body, "洽谈已删除。")
	wantStatus(t, "removed meeting's page", admin.get(mpage), http.StatusNotFound)

	// record an outcome of a scheduled meeting; the figures count it
	var held *fair.Meeting
	for i := range snap.Meetings {
		if m := &snap.Meetings[i]; m.Slot > 0 && m.Outcome == fair.OutcomeNone {
			held = m
			break
		}
	}
	if held == nil {
		t.Fatal("the sample has no scheduled meeting without an outcome")
	}
	before := stats(t, db)
	opage := "/en/zgc-2025/admin/fair/" + demo.FairActivity + "/meetings/" + held.ID
	r = admin.get(opage)
	checkHTML(t, opage, r, "en")
	wantIn(t, "outcome form", r.body, `name="outcome"`, `name="amount_cny"`, "Record the outcome")
	r = admin.post(opage+"/outcome", url.Values{"version": {ver(snap.Fair.Version)}, "outcome": {"intention"}, "amount_cny": {"3000000"}})
	wantStatus(t, "an amount without a contract", r, http.StatusBadRequest)
	wantIn(t, "an amount without a contract", r.body, "An amount is recorded with a signed contract only.", `value="3000000"`)
	wantStatus(t, "outcome at a stale version", admin.post(opage+"/outcome", url.Values{"version": {ver(snap.Fair.Version - 1)}, "outcome": {"contract"}, "amount_cny": {"3000000"}}), http.StatusConflict)
	if after := stats(t, db); *after != *before {
		t.Fatalf("refused outcomes changed the figures: %+v → %+v", before, after)
	}
	wantStatus(t, "outcome", admin.post(opage+"/outcome", url.Values{"version": {ver(snap.Fair.Version)}, "outcome": {"contract"}, "amount_cny": {"3000000"}}), http.StatusSeeOther)
	wantIn(t, "outcome recorded", admin.get(opage+"?done=outcome").body, "Outcome recorded.", `<option value="contract" selected>`, `value="3000000"`)
	after := stats(t, db)
	want := *before
	want.Agreements, want.Contracts, want.AmountCNY = before.Agreements+1, before.Contracts+1, before.AmountCNY+3000000
	if *after != want {
		t.Fatalf("figures after a contract of 3,000,000 CNY: %+v, want %+v", after, want)
	}
}

func meetingBetween(ds *fair.Dataset, a, b string) *fair.Meeting {
	for i := range ds.Meetings {
		if m := &ds.Meetings[i]; m.Involves(a) && m.Involves(b) {
			return m
		}
	}
	return nil
}

func stats(t *testing.T, db *sqlstore.DB) *program.MatchmakingStats {
	t.Helper()
	s, err := db.MatchmakingStats(context.Background(), "zgc-2025")
	if err != nil || s == nil {
		t.Fatalf("matchmaking figures: %v, %v", s, err)
	}
	return s
}

func wantOut(t *testing.T, what, body string, unwanted ...string) {
	t.Helper()
	for _, u := range unwanted {
		if strings.Contains(body, u) {
			t.Fatalf("%s: %q in the page", what, u)
		}
	}
}
