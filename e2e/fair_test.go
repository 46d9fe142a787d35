package e2e

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"convene/internal/demo"
)

// TestFairJoinAndRequest: an attendee registered for the edition joins the
// sample matchmaking fair with the page's form, posts a need, sees the
// suggested achievements and requests a meeting with the first one's owner;
// then edits the need and withdraws it.
func TestFairJoinAndRequest(t *testing.T) {
	base := startSite(t)
	ctx := newBrowser(t)
	shots := artifactsDir(t)
	fill := func(fields map[string]string) {
		t.Helper()
		for name, value := range fields {
			if err := chromedp.Do(ctx, chromedp.SetValue(chromedp.CSS(`[name="`+name+`"]`), value)); err != nil {
				t.Fatalf("fill %s: %v", name, err)
			}
		}
	}
	text := func() string { return eval[string](t, ctx, `document.querySelector('main').innerText`) }

	// registered for the edition
	open(t, ctx, base+"/zh/"+edition+"/register")
	fill(map[string]string{"name": "对接测试", "email": "fair-e2e@example.org", "organisation": "管道检测公司"})
	clickAndWait(t, ctx, "the register button", query(`form[action$="/register"] button[type="submit"]`))

	// the fair's page is the form to join it
	page := "/zh/" + edition + "/fair/" + demo.FairActivity
	open(t, ctx, base+page)
	if got := eval[string](t, ctx, `document.querySelector('input[name="organisation_zh"]')?.value ?? ''`); got != "管道检测公司" {
		t.Errorf("join form: organisation %q, want the registration's", got)
	}
	fill(map[string]string{"organisation_en": "Pipeline Inspection Co.", "side": "demand", "availability": "both"})
	screenshot(t, ctx, shots, "e2e-fair-join-zh.png")
	clickAndWait(t, ctx, "the join button", query(`form[action$="/join"] button[type="submit"]`))
	if u := location(t, ctx); u.Path != page || u.Query().Get("done") != "joined" {
		t.Fatalf("after joining: URL %s", u)
	}

	// a need
	fill(map[string]string{"title_zh": "管道弱磁量子传感检测", "summary_zh": "需要用量子传感器检测埋地管道的应力与腐蚀", "field": "quantum-sensing", "min_trl": "5",
		"budget_min": "500000", "budget_max": "2000000", "region": "北京"})
	clickAndWait(t, ctx, "the post-a-need button", query(`form[action$="/needs"] button[type="submit"]`))
	body := text()
	for _, want := range []string{"技术需求已发布。", "管道弱磁量子传感检测", "推荐对接", "同一领域：量子传感"} {
		if !strings.Contains(body, want) {
			t.Errorf("after posting a need: no %q in\n%s", want, body)
		}
	}
	screenshot(t, ctx, shots, "e2e-fair-suggestions-zh.png")

	// request a meeting with the first suggestion's owner
	clickAndWait(t, ctx, "the first request button", query(`form[action$="/requests"] button[type="submit"]`))
	if u := location(t, ctx); u.Query().Get("done") != "requested" {
		t.Fatalf("after requesting: URL %s", u)
	}
	body = text()
	for _, want := range []string{"邀约已发出。", "我邀约", "待回复"} {
		if !strings.Contains(body, want) {
			t.Errorf("after requesting: no %q in\n%s", want, body)
		}
	}
	screenshot(t, ctx, shots, "e2e-fair-requested-zh.png")

	// edit the need, then withdraw it
	clickAndWait(t, ctx, "the need's edit link", query(`.fair-item a[href*="/needs/"]`))
	fill(map[string]string{"title_zh": "管道弱磁量子传感检测（二期）"})
	clickAndWait(t, ctx, "the save button", query(`form[action*="/needs/"]:not([action$="/withdraw"]) button[type="submit"]`))
	if body := text(); !strings.Contains(body, "修改已保存。") || !strings.Contains(body, "（二期）") {
		t.Errorf("after editing the need:\n%s", body)
	}
	clickAndWait(t, ctx, "the need's edit link", query(`.fair-item a[href*="/needs/"]`))
	clickAndWait(t, ctx, "the withdraw button", query(`form[action$="/withdraw"] button[type="submit"]`))
	if body := text(); !strings.Contains(body, "已撤回。") || strings.Contains(body, "（二期）") {
		t.Errorf("after withdrawing the need:\n%s", body)
	}
	screenshot(t, ctx, shots, "e2e-fair-withdrawn-zh.png")
}
