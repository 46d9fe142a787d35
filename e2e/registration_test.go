package e2e

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"convene/internal/program"
	"convene/internal/registration"
	"convene/internal/sqlstore"
)

// TestRegistrationWaitingList registers in the browser, signs up for an
// activity whose seats are all taken, finds itself on the waiting list on
// its own page, cancels, and keeps its ticket.
func TestRegistrationWaitingList(t *testing.T) {
	base := startSite(t)
	slug, title, seats := smallestActivity(t, base)
	t.Logf("filling %s (%s): %d seats", slug, title, seats)
	for i := range seats {
		fillSeat(t, base, slug, i)
	}

	ctx := newBrowser(t)
	shots := artifactsDir(t)

	// 1. Register through the form.
	open(t, ctx, base+"/zh/"+edition+"/register")
	for name, value := range map[string]string{
		"name": "测试用户", "email": "e2e@example.org", "phone": "+86 10 8888 0000", "organisation": "中关村实验室", "country": "CN",
	} {
		if err := chromedp.Do(ctx, chromedp.SetValue(chromedp.CSS(`input[name="`+name+`"]`), value)); err != nil {
			t.Fatalf("fill %s: %v", name, err)
		}
	}
	clickAndWait(t, ctx, "the register button", query(`form[action$="/register"] button[type="submit"]`))
	if u := location(t, ctx); u.Path != "/zh/"+edition+"/me" {
		t.Fatalf("after registering: URL %s, want the attendee's page", u)
	}
	if !eval[bool](t, ctx, `!!document.querySelector('.qr svg path')`) {
		t.Error("me: no QR code")
	}
	code := eval[string](t, ctx, `document.querySelector('.ticket-code code')?.innerText ?? ''`)
	if !strings.HasPrefix(code, "CV1") {
		t.Errorf("me: ticket code %q", code)
	}
	screenshot(t, ctx, shots, "e2e-registered-zh.png")

	// 2. Sign up for the full activity from its page: the waiting list.
	open(t, ctx, base+"/zh/"+edition+"/activities/"+slug)
	clickAndWait(t, ctx, "the sign-up button", query(`form[action$="/signup"] button`))
	u := location(t, ctx)
	if u.Path != "/zh/"+edition+"/me" || u.Query().Get("done") != "signed-up" {
		t.Fatalf("after signing up: URL %s", u)
	}
	body := eval[string](t, ctx, `document.querySelector('main').innerText`)
	for _, want := range []string{"候补名单第 1 位", "候补第 1 位", title, "座位 " + strconv.Itoa(seats) + " / " + strconv.Itoa(seats) + "，候补 1 人"} {
		if !strings.Contains(body, want) {
			t.Errorf("me after signing up: no %q in\n%s", want, body)
		}
	}
	screenshot(t, ctx, shots, "e2e-waiting-list-zh.png")

	// 3. Cancel it.
	clickAndWait(t, ctx, "the cancel button", query(`form[action$="/activities/`+slug+`/cancel"] button`))
	body = eval[string](t, ctx, `document.querySelector('main').innerText`)
	if !strings.Contains(body, "已取消") || strings.Contains(body, "候补第") {
		t.Errorf("me after cancelling:\n%s", body)
	}
	if !eval[bool](t, ctx, `!!document.querySelector('.qr svg')`) {
		t.Error("me after cancelling: no QR code")
	}
	screenshot(t, ctx, shots, "e2e-cancelled-zh.png")

	// 4. The printable ticket, in English.
	open(t, ctx, base+"/en/"+edition+"/me/ticket")
	if got := eval[string](t, ctx, `document.querySelector('.ticket-code code')?.innerText ?? ''`); got != code {
		t.Errorf("ticket page: code %q, want %q", got, code)
	}
	screenshot(t, ctx, shots, "e2e-ticket-en.png")

	// 5. The attendee's page on a phone.
	const width, height = 375, 812
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(width, height, chromedp.EmulateMobile, chromedp.EmulatePortrait)); err != nil {
		t.Fatalf("emulate a phone: %v", err)
	}
	open(t, ctx, base+"/en/"+edition+"/me")
	checkNoHorizontalScroll(t, ctx, "me", width)
	screenshot(t, ctx, shots, "e2e-me-phone.png")
	open(t, ctx, base+"/en/"+edition+"/register")
	checkNoHorizontalScroll(t, ctx, "register", width)
}

// smallestActivity finds, through the JSON API, the published activity with
// the fewest seats.
func smallestActivity(t *testing.T, base string) (slug, title string, seats int) {
	t.Helper()
	resp, err := http.Get(base + "/api/v1/events/" + edition + "/activities")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var list struct {
		Activities []struct {
			Slug     string
			Title    struct{ ZH string }
			Capacity int
			Status   string
		}
	}
	if err := json.NewDecoder(resp.Body).Decode(&list); err != nil {
		t.Fatalf("activities: %v", err)
	}
	for _, a := range list.Activities {
		if a.Status == "published" && a.Capacity > 0 && (seats == 0 || a.Capacity < seats) {
			slug, title, seats = a.Slug, a.Title.ZH, a.Capacity
		}
	}
	if slug == "" {
		t.Fatal("no activity takes sign-ups")
	}
	return slug, title, seats
}

// fillSeat registers someone through the site's forms and signs them up.
func fillSeat(t *testing.T, base, slug string, i int) {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	post := func(path string, form url.Values) {
		t.Helper()
		resp, err := c.PostForm(base+path, form)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("POST %s: %s", path, resp.Status)
		}
	}
	post("/zh/"+edition+"/register", url.Values{"name": {"Filler " + strconv.Itoa(i)}, "email": {"filler" + strconv.Itoa(i) + "@example.org"}})
	post("/zh/"+edition+"/activities/"+slug+"/signup", url.Values{})
}

// TestCheckinOnPhone signs gate staff in on a phone-sized browser and checks
// a ticket in twice: green, then amber with who let the holder in.
func TestCheckinOnPhone(t *testing.T) {
	const width, height = 375, 812
	dataDir := t.TempDir()
	base := startSiteIn(t, dataDir)

	// The secretariat's side, straight on the site's database: an attendee
	// and a gate token (the CLI's `convene token create` does the same).
	ctx := context.Background()
	db, err := sqlstore.Open(ctx, sqlstore.Config{DataDir: dataDir})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	clock := func() time.Time { return fixedNow }
	ed, err := program.NewCatalog(db, clock).Edition(ctx, edition)
	if err != nil {
		t.Fatal(err)
	}
	svc := registration.New(db, clock)
	reg, err := svc.Register(ctx, ed, registration.Application{Name: "张伟", Email: "zhang.wei@example.org", Organisation: "北京大学"})
	if err != nil {
		t.Fatal(err)
	}
	token, err := svc.CreateStaffToken(ctx, ed, registration.RoleCheckin, "东门 1 号")
	if err != nil {
		t.Fatal(err)
	}

	bctx := newBrowser(t)
	shots := artifactsDir(t)
	if err := chromedp.Do(bctx, chromedp.EmulateViewport(width, height, chromedp.EmulateMobile, chromedp.EmulatePortrait)); err != nil {
		t.Fatalf("emulate a phone: %v", err)
	}
	open(t, bctx, base+"/zh/"+edition+"/checkin")
	if err := chromedp.Do(bctx, chromedp.SetValue(chromedp.CSS(`input[name="token"]`), token)); err != nil {
		t.Fatal(err)
	}
	clickAndWait(t, bctx, "the sign-in button", query(`form[action$="/checkin/signin"] button`))
	// autofocus is applied once the page has rendered, which can come after
	// the load event on a busy machine: wait for it, bounded
	focus := chromedp.Poll[bool](`document.activeElement?.name === 'code'`, chromedp.WithPollingTimeout(10*time.Second))
	if _, err := chromedp.Run(bctx, focus); err != nil {
		t.Errorf("check-in: the code field does not have the focus (%v)", err)
	}
	checkNoHorizontalScroll(t, bctx, "check-in", width)

	scan := func() string {
		t.Helper()
		if err := chromedp.Do(bctx, chromedp.SetValue(chromedp.CSS(`input[name="code"]`), registration.GroupCode(reg.Code))); err != nil {
			t.Fatal(err)
		}
		clickAndWait(t, bctx, "the check-in button", query(`form.checkin-form button`))
		return eval[string](t, bctx, `document.querySelector('.outcome')?.className + ' ' + document.querySelector('.outcome')?.innerText`)
	}
	if got := scan(); !strings.Contains(got, "outcome-ok") || !strings.Contains(got, "准予入场") || !strings.Contains(got, "张伟") {
		t.Errorf("first scan: %q", got)
	}
	screenshot(t, bctx, shots, "e2e-checkin-admitted-phone.png")
	if got := scan(); !strings.Contains(got, "outcome-warn") || !strings.Contains(got, "已签到过") || !strings.Contains(got, "东门 1 号") {
		t.Errorf("second scan: %q", got)
	}
	checkNoHorizontalScroll(t, bctx, "check-in outcome", width)
	screenshot(t, bctx, shots, "e2e-checkin-again-phone.png")
}
