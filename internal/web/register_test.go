package web

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"convene/internal/httpx"
	"convene/internal/program"
	"convene/internal/programfile"
	"convene/internal/registration"
	"convene/internal/spreadsheet"
	"convene/internal/testkit"
)

// regSite is the site with registration over the sample data on a real
// database of the engine.
type regSite struct {
	h   http.Handler
	svc *registration.Service
	ed  *program.Edition
	cat *program.Catalog
}

func newRegSite(t *testing.T, engine string) regSite {
	t.Helper()
	db := testkit.DemoDB(t, engine)
	cat := program.NewCatalog(db, testkit.Clock)
	svc := registration.New(db, testkit.Clock)
	h, err := New(Config{Catalog: cat, Registration: svc, Files: programfile.New(db), Audit: db, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	ed, err := cat.Edition(t.Context(), "zgc-2025")
	if err != nil {
		t.Fatal(err)
	}
	return regSite{h: h, svc: svc, ed: ed, cat: cat}
}

// client is one browser: it keeps the cookies the site sets and sends them
// back, and follows no redirects.
type client struct {
	t       *testing.T
	h       http.Handler
	cookies map[string]*http.Cookie
	set     []*http.Cookie // set by the last response
}

func newClient(t *testing.T, h http.Handler) *client {
	return &client{t: t, h: h, cookies: map[string]*http.Cookie{}}
}

func (c *client) get(target string) response { return c.do(http.MethodGet, target, nil) }

func (c *client) post(target string, form url.Values) response {
	return c.do(http.MethodPost, target, form)
}

func (c *client) do(method, target string, form url.Values) response {
	c.t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req := httptest.NewRequest(method, target, body)
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	for _, ck := range c.cookies {
		req.AddCookie(&http.Cookie{Name: ck.Name, Value: ck.Value})
	}
	rec := httptest.NewRecorder()
	c.h.ServeHTTP(rec, req)
	c.set = rec.Result().Cookies()
	for _, ck := range c.set {
		if ck.MaxAge < 0 || ck.Value == "" {
			delete(c.cookies, ck.Name)
		} else {
			c.cookies[ck.Name] = ck
		}
	}
	return response{status: rec.Code, header: rec.Result().Header, body: rec.Body.String()}
}

func wantStatus(t *testing.T, what string, r response, status int) {
	t.Helper()
	if r.status != status {
		t.Fatalf("%s: status %d, want %d; Location %q; body:\n%s", what, r.status, status, r.header.Get("Location"), shorten(r.body, 3000))
	}
}

func wantIn(t *testing.T, what, body string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(body, w) {
			t.Errorf("%s: page lacks %q", what, w)
		}
	}
}

func countAttendees(t *testing.T, rs regSite) int {
	t.Helper()
	n := 0
	if err := rs.svc.Attendees(t.Context(), rs.ed, func(*registration.Attendee) error { n++; return nil }); err != nil {
		t.Fatal(err)
	}
	return n
}

func application(name, email string) url.Values {
	return url.Values{"name": {name}, "email": {email}, "phone": {"+86 10 1234 5678"}, "organisation": {"清华大学"},
		"country": {"cn"}, "kind": {"attendee"}, "invitation": {""}}
}

// openActivities are the sample activities that take sign-ups, the one with
// the fewest seats first.
func openActivities(ed *program.Edition) []*program.Activity {
	var out []*program.Activity
	for _, a := range ed.Activities {
		if registration.OpenForSignup(ed, a) == nil {
			out = append(out, a)
		}
	}
	for i := 1; i < len(out); i++ {
		if ed.Seats(out[i]) < ed.Seats(out[0]) {
			out[0], out[i] = out[i], out[0]
		}
	}
	return out
}

func TestRegistrationPages(t *testing.T) {
	for _, engine := range testkit.Engines(t) {
		t.Run(engine, func(t *testing.T) {
			rs := newRegSite(t, engine)
			testRegisterForm(t, rs)
			testSignups(t, rs)
			testCheckin(t, rs)
		})
	}
}

func testRegisterForm(t *testing.T, rs regSite) {
	const base = "/zh/zgc-2025/"
	c := newClient(t, rs.h)
	r := c.get(base + "register")
	wantStatus(t, "register form", r, 200)
	checkHTML(t, "register", r, "zh")
	if r.header.Get("Cache-Control") != "private, no-store" {
		t.Errorf("register form: Cache-Control %q", r.header.Get("Cache-Control"))
	}
	home := c.get(base)
	wantIn(t, "home", home.body, `href="/zh/zgc-2025/register"`, `href="/zh/zgc-2025/me"`)

	// Bad input: every field at fault named in the page's language, what
	// was typed kept, nothing written.
	bad := url.Values{"name": {"  "}, "email": {"not-an-email"}, "phone": {"call me"}, "organisation": {"Org <b>x</b>"},
		"country": {"China"}, "kind": {"guest"}, "invitation": {""}}
	for lang, wants := range map[string][]string{
		"zh": {"此项必填", "不是有效的邮箱地址", "只能包含数字", "两个字母的国家或地区代码", "该参会类别需要邀请码", "请修改标出的内容"},
		"en": {"This field is required.", "not an email address", "Use only digits", "two-letter code", "needs an invitation code", "Please correct the fields"},
	} {
		r := c.post("/"+lang+"/zgc-2025/register", bad)
		wantStatus(t, lang+" bad input", r, http.StatusBadRequest)
		checkHTML(t, lang+" bad input", r, lang)
		wantIn(t, lang+" bad input", r.body, wants...)
		wantIn(t, lang+" bad input", r.body, `value="not-an-email"`, `value="call me"`, `value="China"`, `value="Org &lt;b&gt;x&lt;/b&gt;"`,
			`<option value="guest" selected>`, `aria-invalid="true"`,
			`href="/`+lang+`/zgc-2025/me"`) // the header's links, not shadowed by the form's own fields
		if len(c.set) != 0 {
			t.Errorf("%s bad input set cookies %v", lang, c.set)
		}
	}
	// A too long name and an unknown kind.
	long := application(strings.Repeat("名", 101), "long@example.org")
	long.Set("kind", "vip")
	r = c.post("/en/zgc-2025/register", long)
	wantStatus(t, "too long", r, http.StatusBadRequest)
	wantIn(t, "too long", r.body, "This is too long.", "Choose one of the kinds")
	// An unknown invitation code: the store's verdict, in the language.
	inv := application("Guest", "guest@example.org")
	inv.Set("kind", "guest")
	inv.Set("invitation", "NOPE-NOPE-NOPE")
	r = c.post(base+"register", inv)
	wantStatus(t, "unknown invitation", r, http.StatusBadRequest)
	wantIn(t, "unknown invitation", r.body, "没有这个邀请码", `value="NOPE-NOPE-NOPE"`)
	if n := countAttendees(t, rs); n != 0 {
		t.Fatalf("bad input wrote %d attendees", n)
	}

	// A real invitation admits a guest.
	invitation, err := rs.svc.CreateInvitation(t.Context(), rs.ed, []registration.Kind{registration.KindGuest}, 1, "test")
	if err != nil {
		t.Fatal(err)
	}
	inv.Set("invitation", strings.ToLower(invitation.Code))
	g := newClient(t, rs.h)
	wantStatus(t, "guest with invitation", g.post(base+"register", inv), http.StatusSeeOther)
	// Its one place is taken: the next guest is told so, in English too.
	inv.Set("email", "guest2@example.org")
	r = newClient(t, rs.h).post("/en/zgc-2025/register", inv)
	wantStatus(t, "used-up invitation", r, http.StatusBadRequest)
	wantIn(t, "used-up invitation", r.body, "has admitted all the people it was issued for")

	// Success: cookie, then the attendee's page with the ticket.
	r = c.post(base+"register", application("李雷"+hostile, "li.lei@example.org"))
	wantStatus(t, "register", r, http.StatusSeeOther)
	if loc := r.header.Get("Location"); loc != base+"me?done=registered" {
		t.Errorf("register: Location %q", loc)
	}
	ck := c.cookies["convene_attendee_zgc-2025"]
	if ck == nil || !ck.HttpOnly || ck.SameSite != http.SameSiteLaxMode || ck.Path != "/" || ck.MaxAge < 80*24*3600 || !strings.HasPrefix(ck.Value, "cva_") {
		t.Fatalf("attendee cookie %+v", ck)
	}
	a, err := rs.svc.Attendee(t.Context(), rs.ed, ck.Value)
	if err != nil {
		t.Fatal(err)
	}
	code, err := rs.svc.TicketCode(t.Context(), a)
	if err != nil {
		t.Fatal(err)
	}
	me := c.get(base + "me?done=registered")
	wantStatus(t, "me", me, 200)
	checkHTML(t, "me", me, "zh")
	wantIn(t, "me", me.body, "注册成功", "李雷&lt;script&gt;", "<svg", registration.GroupCode(code), "/zh/zgc-2025/access/"+ck.Value,
		`href="/zh/zgc-2025/me/ticket"`, `action="/zh/zgc-2025/me/ticket/reissue"`, "普通参会者", "清华大学",
		`href="/api/v1/events/zgc-2025/agenda/`+a.ID+`.`, `/calendar.ics?lang=zh"`)
	if strings.Contains(me.body, "<script") {
		t.Error("me: the name's markup reached the page")
	}
	if me.header.Get("Cache-Control") != "private, no-store" || me.header.Get("Referrer-Policy") != "no-referrer" {
		t.Errorf("me: Cache-Control %q, Referrer-Policy %q", me.header.Get("Cache-Control"), me.header.Get("Referrer-Policy"))
	}

	// The same email again is a conflict; the form keeps what was typed.
	d := newClient(t, rs.h)
	r = d.post(base+"register", application("Someone else", "LI.LEI@example.org"))
	wantStatus(t, "duplicate email", r, http.StatusConflict)
	wantIn(t, "duplicate email", r.body, "该邮箱已注册本届年会", `value="Someone else"`)
	if len(d.cookies) != 0 {
		t.Error("duplicate email: a cookie was set")
	}

	// Two attendees each see their own page, however often it is served.
	d.post(base+"register", application("Han Meimei", "han@example.org"))
	for range 2 {
		mine, theirs := c.get(base+"me"), d.get(base+"me")
		if !strings.Contains(mine.body, "李雷") || strings.Contains(mine.body, "Han Meimei") {
			t.Error("the first attendee's page does not show them alone")
		}
		if !strings.Contains(theirs.body, "Han Meimei") || strings.Contains(theirs.body, "李雷") {
			t.Error("the second attendee's page does not show them alone")
		}
	}
	// Without a cookie /me sends to the form.
	anon := newClient(t, rs.h)
	r = anon.get(base + "me")
	wantStatus(t, "me without cookie", r, http.StatusSeeOther)
	if r.header.Get("Location") != base+"register" {
		t.Errorf("me without cookie → %q", r.header.Get("Location"))
	}
	r = anon.get("/en/zgc-2025/me/ticket.png")
	wantStatus(t, "png without cookie", r, http.StatusSeeOther)

	// The personal access link signs in another browser.
	other := newClient(t, rs.h)
	r = other.get(base + "access/" + ck.Value)
	wantStatus(t, "access link", r, http.StatusSeeOther)
	if r.header.Get("Referrer-Policy") != "no-referrer" || other.cookies["convene_attendee_zgc-2025"] == nil {
		t.Errorf("access link: Referrer-Policy %q, cookies %v", r.header.Get("Referrer-Policy"), other.cookies)
	}
	wantIn(t, "me via access link", other.get(base+"me").body, "李雷")
	r = anon.get("/en/zgc-2025/access/cva_forged")
	wantStatus(t, "forged access link", r, http.StatusUnauthorized)
	checkHTML(t, "forged access link", r, "en")
	wantIn(t, "forged access link", r.body, "This personal link is not valid", `href="/en/zgc-2025/register"`)

	// The ticket: printable page and images.
	r = c.get("/en/zgc-2025/me/ticket")
	wantStatus(t, "ticket page", r, 200)
	checkHTML(t, "ticket page", r, "en")
	wantIn(t, "ticket page", r.body, "<svg", registration.GroupCode(code), "27–31 March 2025")
	r = c.get(base + "me/ticket.png")
	if r.status != 200 || r.header.Get("Content-Type") != "image/png" || !strings.HasPrefix(r.body, "\x89PNG") {
		t.Errorf("ticket.png: %d %q", r.status, r.header.Get("Content-Type"))
	}
	r = c.get(base + "me/ticket.svg")
	if r.status != 200 || r.header.Get("Content-Type") != "image/svg+xml" || !strings.HasPrefix(r.body, "<svg") {
		t.Errorf("ticket.svg: %d %q", r.status, r.header.Get("Content-Type"))
	}

	// A cross-site form post is refused before it reaches the handler.
	wrapped := httpx.Wrap(rs.h, slog.New(slog.DiscardHandler))
	req := httptest.NewRequest(http.MethodPost, base+"register", strings.NewReader(application("Evil", "evil@example.org").Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", "https://evil.example")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	rec := httptest.NewRecorder()
	wrapped.ServeHTTP(rec, req)
	if rec.Code != http.StatusForbidden {
		t.Errorf("cross-site post: status %d, want 403", rec.Code)
	}
	if n := countAttendees(t, rs); n != 3 {
		t.Errorf("%d attendees, want 3 (guest, 李雷, Han Meimei)", n)
	}
	// The same post from the site itself goes through the middleware.
	req = httptest.NewRequest(http.MethodPost, "http://example.com"+base+"register", strings.NewReader(application("Same", "same@example.org").Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", "http://example.com")
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	rec = httptest.NewRecorder()
	wrapped.ServeHTTP(rec, req)
	if rec.Code != http.StatusSeeOther {
		t.Errorf("same-origin post: status %d, want 303", rec.Code)
	}

	// A body larger than any form is refused.
	big := url.Values{"name": {strings.Repeat("x", maxFormBytes)}}
	wantStatus(t, "huge form", newClient(t, rs.h).post(base+"register", big), http.StatusRequestEntityTooLarge)
}

// signedUpClient registers a new attendee and returns their browser.
func signedUpClient(t *testing.T, rs regSite, name, email string) *client {
	t.Helper()
	c := newClient(t, rs.h)
	wantStatus(t, "register "+email, c.post("/zh/zgc-2025/register", application(name, email)), http.StatusSeeOther)
	return c
}

func testSignups(t *testing.T, rs regSite) {
	ctx := t.Context()
	open := openActivities(rs.ed)
	if len(open) < 2 {
		t.Fatalf("the sample has %d activities that take sign-ups", len(open))
	}
	small, other := open[0], open[1]
	c := signedUpClient(t, rs, "王芳", "wang.fang@example.org")

	// The cached activity page carries the form and no live figures.
	page := c.get("/zh/zgc-2025/activities/" + other.Slug)
	wantStatus(t, "activity page", page, 200)
	checkHTML(t, "activity page", page, "zh")
	wantIn(t, "activity page", page.body, `action="/zh/zgc-2025/activities/`+other.Slug+`/signup"`, "座位已满时将进入候补名单")
	if strings.Contains(page.body, "王芳") {
		t.Error("the cached activity page shows the attendee")
	}

	// A seat.
	r := c.post("/zh/zgc-2025/activities/"+other.Slug+"/signup", url.Values{})
	wantStatus(t, "sign up", r, http.StatusSeeOther)
	me := c.get(r.header.Get("Location"))
	wantStatus(t, "me after sign-up", me, 200)
	wantIn(t, "me after sign-up", me.body, "已为您保留", other.Title.ZH, "已确认座位", `action="/zh/zgc-2025/activities/`+other.Slug+`/cancel"`)
	r = c.post("/zh/zgc-2025/activities/"+other.Slug+"/signup", url.Values{})
	wantStatus(t, "sign up twice", r, http.StatusConflict)
	checkHTML(t, "sign up twice", r, "zh")
	wantIn(t, "sign up twice", r.body, "您已报名")

	// Without a registration the button leads to the form.
	r = newClient(t, rs.h).post("/en/zgc-2025/activities/"+other.Slug+"/signup", url.Values{})
	wantStatus(t, "sign up anonymously", r, http.StatusSeeOther)
	if r.header.Get("Location") != "/en/zgc-2025/register" {
		t.Errorf("anonymous sign-up → %q", r.header.Get("Location"))
	}

	// A full activity: fill its seats, then join its waiting list.
	seats := rs.ed.Seats(small)
	t.Logf("filling %s: %d seats", small.Slug, seats)
	for i := range seats {
		reg, err := rs.svc.Register(ctx, rs.ed, registration.Application{Name: "Filler", Email: "filler" + strconv.Itoa(i) + "@example.org"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := rs.svc.SignUp(ctx, rs.ed, small, reg.Attendee); err != nil {
			t.Fatal(err)
		}
	}
	r = c.post("/en/zgc-2025/activities/"+small.Slug+"/signup", url.Values{})
	wantStatus(t, "sign up for a full activity", r, http.StatusSeeOther)
	me = c.get(r.header.Get("Location"))
	wantIn(t, "me, waiting", me.body, "you are on the waiting list, position 1", "waiting list, position 1",
		strconv.Itoa(seats)+" of "+strconv.Itoa(seats)+" seats taken, 1 waiting")
	zh := c.get("/zh/zgc-2025/me")
	wantIn(t, "me, waiting (zh)", zh.body, "候补第 1 位")

	// Cancel, then cancel what is not there.
	r = c.post("/en/zgc-2025/activities/"+small.Slug+"/cancel", url.Values{})
	wantStatus(t, "cancel", r, http.StatusSeeOther)
	me = c.get(r.header.Get("Location"))
	wantIn(t, "me after cancel", me.body, "Your sign-up for "+small.Title.EN+" is cancelled.")
	if strings.Contains(me.body, "waiting list, position") {
		t.Error("me after cancel still shows the waiting list")
	}
	r = c.post("/en/zgc-2025/activities/"+small.Slug+"/cancel", url.Values{})
	wantStatus(t, "cancel twice", r, http.StatusNotFound)
	checkHTML(t, "cancel twice", r, "en")
	wantIn(t, "cancel twice", r.body, "You are not signed up for")
	wantStatus(t, "sign up for no activity", c.post("/en/zgc-2025/activities/nope/signup", url.Values{}), http.StatusNotFound)
}

func testCheckin(t *testing.T, rs regSite) {
	ctx := context.Background()
	const gate = "/zh/zgc-2025/checkin"
	attendee := signedUpClient(t, rs, "赵六", "zhao@example.org")
	a, err := rs.svc.Attendee(ctx, rs.ed, attendee.cookies["convene_attendee_zgc-2025"].Value)
	if err != nil {
		t.Fatal(err)
	}
	code, err := rs.svc.TicketCode(ctx, a)
	if err != nil {
		t.Fatal(err)
	}

	staff := newClient(t, rs.h)
	r := staff.get(gate)
	wantStatus(t, "check-in sign-in form", r, 200)
	checkHTML(t, "check-in sign-in form", r, "zh")
	wantIn(t, "check-in sign-in form", r.body, `action="/zh/zgc-2025/checkin/signin"`, "工作人员凭证")
	r = staff.post(gate+"/signin", url.Values{"token": {"cvs_wrong"}})
	wantStatus(t, "bad staff token", r, http.StatusUnauthorized)
	wantIn(t, "bad staff token", r.body, "凭证无效")
	// Without signing in, a code is not checked.
	r = staff.post(gate, url.Values{"code": {code}})
	wantStatus(t, "check-in signed out", r, http.StatusSeeOther)

	token, err := rs.svc.CreateStaffToken(ctx, rs.ed, registration.RoleCheckin, "gate")
	if err != nil {
		t.Fatal(err)
	}
	wantStatus(t, "staff sign-in", staff.post(gate+"/signin", url.Values{"token": {" " + token + "\n"}}), http.StatusSeeOther)
	ck := staff.cookies["convene_staff_zgc-2025"]
	if ck == nil || !ck.HttpOnly || ck.SameSite != http.SameSiteStrictMode || ck.MaxAge != 0 {
		t.Fatalf("staff cookie %+v", ck)
	}
	r = staff.get(gate)
	wantIn(t, "check-in form", r.body, `name="code"`, "autofocus", "gate")

	r = staff.post(gate, url.Values{"code": {strings.ToLower(registration.GroupCode(code))}, "activity": {""}})
	wantStatus(t, "check in", r, 200)
	checkHTML(t, "check in", r, "zh")
	wantIn(t, "check in", r.body, "outcome-ok", "准予入场", "赵六")
	r = staff.post("/en/zgc-2025/checkin", url.Values{"code": {code}})
	wantIn(t, "check in twice", r.body, "outcome-warn", "Already checked in", "Checked in at 27 March 08:00 by gate.")
	r = staff.post(gate, url.Values{"code": {"CV1AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}})
	wantIn(t, "unknown code", r.body, "outcome-bad", "无效票码")
	act := openActivities(rs.ed)[2]
	r = staff.post(gate, url.Values{"code": {code}, "activity": {act.Slug}})
	wantIn(t, "not signed up", r.body, "outcome-bad", "未报名该活动", `<option value="`+act.Slug+`" selected>`)
	r = staff.post(gate, url.Values{"code": {""}})
	wantStatus(t, "no code", r, http.StatusBadRequest)

	// A reissued ticket: the old code is refused as revoked.
	wantStatus(t, "reissue", attendee.post("/zh/zgc-2025/me/ticket/reissue", url.Values{}), http.StatusSeeOther)
	me := attendee.get("/zh/zgc-2025/me?done=reissued")
	wantIn(t, "me after reissue", me.body, "已生成新电子票")
	if strings.Contains(me.body, registration.GroupCode(code)) {
		t.Error("me still shows the old code after reissue")
	}
	r = staff.post(gate, url.Values{"code": {code}})
	wantIn(t, "old code", r.body, "outcome-bad", "电子票已失效")

	// Counts and exports are for the secretariat only.
	r = staff.get("/zh/zgc-2025/admin/seats")
	wantStatus(t, "seats with a check-in token", r, http.StatusForbidden)
	checkHTML(t, "seats with a check-in token", r, "zh")
	wantStatus(t, "csv with a check-in token", staff.get("/zh/zgc-2025/admin/registrations.csv"), http.StatusForbidden)
	wantStatus(t, "seats signed out", newClient(t, rs.h).get("/zh/zgc-2025/admin/seats"), http.StatusSeeOther)

	admin := newClient(t, rs.h)
	adminToken, err := rs.svc.CreateStaffToken(ctx, rs.ed, registration.RoleAdmin, "secretariat")
	if err != nil {
		t.Fatal(err)
	}
	wantStatus(t, "admin sign-in", admin.post(gate+"/signin", url.Values{"token": {adminToken}}), http.StatusSeeOther)
	wantIn(t, "check-in as admin", admin.get(gate).body, `href="/zh/zgc-2025/admin/seats"`)
	r = admin.get("/en/zgc-2025/admin/seats")
	wantStatus(t, "seats", r, 200)
	checkHTML(t, "seats", r, "en")
	wantIn(t, "seats", r.body, "The gate", `<td class="num">1</td>`, openActivities(rs.ed)[0].Title.EN, "registrations.csv", "registrations.xlsx")
	r = admin.get("/en/zgc-2025/admin/registrations.csv")
	wantStatus(t, "csv", r, 200)
	if ct, cd := r.header.Get("Content-Type"), r.header.Get("Content-Disposition"); ct != spreadsheet.FormatCSV.ContentType() || cd != `attachment; filename=zgc-2025-registrations.csv` {
		t.Errorf("csv: Content-Type %q, Content-Disposition %q", ct, cd)
	}
	wantIn(t, "csv", r.body, "zhao@example.org", "赵六", "li.lei@example.org")
	r = admin.get("/zh/zgc-2025/admin/registrations.xlsx")
	if r.status != 200 || !strings.HasPrefix(r.body, "PK") {
		t.Errorf("xlsx: status %d, starts %q", r.status, shorten(r.body, 4))
	}

	// A registration the secretariat withdrew: no QR on the attendee's page,
	// and the gate turns the code away.
	if err := rs.svc.RevokeTicket(ctx, rs.ed, a.ID); err != nil {
		t.Fatal(err)
	}
	me = attendee.get("/en/zgc-2025/me")
	wantStatus(t, "me when withdrawn", me, 200)
	wantIn(t, "me when withdrawn", me.body, "Your registration was withdrawn")
	if strings.Contains(me.body, "<svg") {
		t.Error("me when withdrawn still shows a QR code")
	}
	wantStatus(t, "ticket when withdrawn", attendee.get("/en/zgc-2025/me/ticket"), http.StatusGone)
	newCode, err := rs.svc.TicketCode(ctx, &registration.Attendee{EventID: a.EventID, TicketID: "X"})
	if err != nil {
		t.Fatal(err)
	}
	r = admin.post(gate, url.Values{"code": {newCode}})
	wantIn(t, "code of no ticket", r.body, "outcome-bad", "无效票码")

	// Signing out forgets the token.
	wantStatus(t, "sign out", admin.post(gate+"/signout", url.Values{}), http.StatusSeeOther)
	wantIn(t, "signed out", admin.get(gate).body, `action="/zh/zgc-2025/checkin/signin"`)
}
