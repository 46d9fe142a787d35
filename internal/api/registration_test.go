package api

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"convene/internal/program"
	"convene/internal/registration"
	"convene/internal/testkit"
)

// The registration contract of the issue, through the handler on every
// engine; every answer is checked against openapi.json by callWith.

type regFixture struct {
	t   *testing.T
	h   http.Handler
	svc *registration.Service
	ed  *program.Edition
}

func newRegFixture(t *testing.T, engine string) *regFixture {
	db := testkit.DemoDB(t, engine)
	cat := program.NewCatalog(db, testkit.Clock)
	svc := registration.New(db, testkit.Clock)
	ed, err := cat.Edition(context.Background(), demoEvent)
	if err != nil {
		t.Fatal(err)
	}
	return &regFixture{t: t, h: New(Config{Catalog: cat, Registration: svc}), svc: svc, ed: ed}
}

// send makes a request with an optional bearer token and JSON body and
// returns the status and the decoded JSON answer (nil when not JSON).
func (f *regFixture) send(method, path, token string, body any) (int, map[string]any) {
	f.t.Helper()
	var raw []byte
	if body != nil {
		var err error
		if raw, err = json.Marshal(body); err != nil {
			f.t.Fatal(err)
		}
	}
	hdr := http.Header{}
	if token != "" {
		hdr.Set("Authorization", "Bearer "+token)
	}
	res, out := callWith(f.t, f.h, method, "/api/v1/events/"+demoEvent+path, hdr, raw)
	var v map[string]any
	_ = json.Unmarshal(out, &v)
	return res.StatusCode, v
}

func (f *regFixture) register(name, email string) (token, code string) {
	f.t.Helper()
	st, v := f.send(http.MethodPost, "/attendees", "", map[string]string{"name": name, "email": email})
	if st != http.StatusCreated {
		f.t.Fatalf("register %s: %d %v", email, st, v)
	}
	return v["token"].(string), v["code"].(string)
}

func (f *regFixture) staffToken(role registration.Role) string {
	f.t.Helper()
	tok, err := f.svc.CreateStaffToken(context.Background(), f.ed, role, string(role)+" desk")
	if err != nil {
		f.t.Fatal(err)
	}
	return tok
}

func TestRegistrationAPI(t *testing.T) {
	for _, engine := range testkit.Engines(t) {
		t.Run(engine, func(t *testing.T) {
			f := newRegFixture(t, engine)
			testRegisterErrors(t, f)
			testSignupAndWaitingList(t, f)
			testCheckinOutcomes(t, f)
		})
	}
}

func testRegisterErrors(t *testing.T, f *regFixture) {
	st, v := f.send(http.MethodPost, "/attendees", "", map[string]string{"name": "王芳", "email": "Wang.Fang@Example.org", "country": "cn", "organisation": "清华大学"})
	if st != http.StatusCreated || v["email"] != "wang.fang@example.org" || v["country"] != "CN" || v["kind"] != "attendee" ||
		!strings.HasPrefix(v["token"].(string), "cva_") || !strings.HasPrefix(v["code"].(string), "CV1") {
		t.Fatalf("register: %d %v", st, v)
	}
	st, v = f.send(http.MethodPost, "/attendees", "", map[string]string{"name": "Wang Fang", "email": "wang.fang@example.org"})
	if st != http.StatusConflict || v["field"] != "email" {
		t.Errorf("same email: %d %v", st, v)
	}
	st, v = f.send(http.MethodPost, "/attendees", "", map[string]string{"name": strings.Repeat("名", 101), "email": "nope"})
	if st != http.StatusBadRequest || len(v["errors"].([]any)) != 2 {
		t.Errorf("over-long name and bad email: %d %v", st, v)
	}
	st, v = f.send(http.MethodPost, "/attendees", "", map[string]string{"name": "X", "email": "x@example.org", "role": "admin"})
	if st != http.StatusBadRequest || v["field"] != "body" {
		t.Errorf("unknown field: %d %v", st, v)
	}
	st, _ = f.send(http.MethodPost, "/attendees", "", map[string]string{"name": "Guest", "email": "guest@example.org", "kind": "guest"})
	if st != http.StatusBadRequest {
		t.Errorf("guest without invitation: %d", st)
	}
	res, _ := callWith(t, f.h, http.MethodPost, "/api/v1/events/"+demoEvent+"/attendees", nil, []byte(`{"name":"A","email":"a@example.org"} {}`))
	if res.StatusCode != http.StatusBadRequest {
		t.Errorf("trailing data: %d", res.StatusCode)
	}
	var n int
	_ = f.svc.Attendees(context.Background(), f.ed, func(*registration.Attendee) error { n++; return nil })
	if n != 1 {
		t.Errorf("%d attendees after one good and five bad registrations", n)
	}
}

func testSignupAndWaitingList(t *testing.T, f *regFixture) {
	ctx := context.Background()
	act, _ := f.ed.Activity("quantum-innovation")
	seats := f.ed.Seats(act)
	path := "/activities/quantum-innovation/signups"

	tok, _ := f.register("Li Na", "li.na@example.org")
	if st, _ := f.send(http.MethodPost, path, "", nil); st != http.StatusUnauthorized {
		t.Errorf("sign-up without token: %d", st)
	}
	if st, _ := f.send(http.MethodPost, path, "cva_forged", nil); st != http.StatusUnauthorized {
		t.Errorf("sign-up with unknown token: %d", st)
	}
	st, v := f.send(http.MethodPost, path, tok, nil)
	if st != http.StatusCreated || v["status"] != "confirmed" || v["position"] != nil {
		t.Fatalf("sign-up: %d %v", st, v)
	}
	if st, v := f.send(http.MethodPost, path, tok, nil); st != http.StatusConflict {
		t.Errorf("second sign-up: %d %v", st, v)
	}
	if st, _ := f.send(http.MethodPost, "/activities/no-such-forum/signups", tok, nil); st != http.StatusNotFound {
		t.Errorf("unknown activity: %d", st)
	}

	// Fill the remaining seats, then two more people wait in order.
	for i := 1; i < seats; i++ {
		r, err := f.svc.Register(ctx, f.ed, registration.Application{Name: "Filler", Email: fmt.Sprintf("fill%d@example.org", i)})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.SignUp(ctx, f.ed, act, r.Attendee); err != nil {
			t.Fatal(err)
		}
	}
	first, _ := f.register("First Waiting", "w1@example.org")
	second, _ := f.register("Second Waiting", "w2@example.org")
	for i, tk := range []string{first, second} {
		st, v := f.send(http.MethodPost, path, tk, nil)
		if st != http.StatusCreated || v["status"] != "waitlisted" || v["position"] != float64(i+1) {
			t.Fatalf("waiting sign-up %d: %d %v", i+1, st, v)
		}
	}
	_, a := f.send(http.MethodGet, "/activities/quantum-innovation", "", nil)
	if a["takes_signups"] != true || a["capacity"] != float64(seats) || a["confirmed"] != float64(seats) || a["waitlisted"] != 2.0 {
		t.Errorf("activity figures: capacity %v confirmed %v waitlisted %v", a["capacity"], a["confirmed"], a["waitlisted"])
	}

	// Cancelling frees the seat for the first waiting at once.
	if st, _ := f.send(http.MethodDelete, path+"/me", tok, nil); st != http.StatusNoContent {
		t.Fatalf("cancel: %d", st)
	}
	if st, v := f.send(http.MethodDelete, path+"/me", tok, nil); st != http.StatusNotFound {
		t.Errorf("cancelling nothing: %d %v", st, v)
	}
	_, me := f.send(http.MethodGet, "/attendees/me", first, nil)
	if su := me["signups"].([]any)[0].(map[string]any); su["status"] != "confirmed" {
		t.Errorf("first waiting after the cancellation: %v", su)
	}
	testAgendaCalendar(t, f, first)
	_, me = f.send(http.MethodGet, "/attendees/me", second, nil)
	if su := me["signups"].([]any)[0].(map[string]any); su["status"] != "waitlisted" || su["position"] != 1.0 {
		t.Errorf("second waiting after the cancellation: %v", su)
	}
}

func testCheckinOutcomes(t *testing.T, f *regFixture) {
	gate := f.staffToken(registration.RoleCheckin)
	admin := f.staffToken(registration.RoleAdmin)
	tok, code := f.register("Zhang Wei", "zhang.wei@example.org")
	checkin := func(token string, body map[string]string) (int, map[string]any) {
		t.Helper()
		return f.send(http.MethodPost, "/checkins", token, body)
	}
	if st, _ := checkin("", map[string]string{"code": code}); st != http.StatusUnauthorized {
		t.Errorf("check-in without token: %d", st)
	}
	if st, _ := checkin(tok, map[string]string{"code": code}); st != http.StatusUnauthorized {
		t.Errorf("check-in with an attendee token: %d", st)
	}
	st, v := checkin(gate, map[string]string{"code": strings.ToLower(registration.GroupCode(code))})
	if st != http.StatusOK || v["outcome"] != "admitted" || v["attendee"].(map[string]any)["name"] != "Zhang Wei" {
		t.Fatalf("admit: %d %v", st, v)
	}
	st, v = checkin(gate, map[string]string{"code": code})
	if st != http.StatusConflict || v["outcome"] != "already_checked_in" || v["checked_in_by"] != "checkin desk" || v["checked_in_at"] != "2025-03-27T08:00:00+08:00" {
		t.Errorf("second scan: %d %v", st, v)
	}
	forged := code[:len(code)-1] + map[bool]string{true: "B", false: "A"}[strings.HasSuffix(code, "A")]
	if st, v := checkin(gate, map[string]string{"code": forged}); st != http.StatusNotFound || v["outcome"] != "unknown" {
		t.Errorf("altered code: %d %v", st, v)
	}
	if st, v := checkin(gate, map[string]string{"code": code, "activity": "quantum-innovation"}); st != http.StatusForbidden || v["outcome"] != "not_registered" {
		t.Errorf("room without a seat: %d %v", st, v)
	}
	if st, v := checkin(gate, map[string]string{"code": ""}); st != http.StatusBadRequest || v["field"] != "code" {
		t.Errorf("empty code: %d %v", st, v)
	}
	if st, v := checkin(gate, map[string]string{"code": code, "activity": "nope"}); st != http.StatusBadRequest || v["field"] != "activity" {
		t.Errorf("unknown activity: %d %v", st, v)
	}

	// The QR images and a reissue: the old code is refused as revoked.
	res, body := call(t, f.h, http.MethodGet, "/api/v1/events/"+demoEvent+"/attendees/me/ticket.svg", http.Header{"Authorization": {"Bearer " + tok}})
	if res.StatusCode != http.StatusOK || !bytes.Contains(body, []byte("<svg")) {
		t.Errorf("ticket.svg: %d", res.StatusCode)
	}
	res, _ = call(t, f.h, http.MethodGet, "/api/v1/events/"+demoEvent+"/attendees/me/ticket.png", http.Header{"Authorization": {"Bearer " + tok}})
	if res.StatusCode != http.StatusOK {
		t.Errorf("ticket.png: %d", res.StatusCode)
	}
	st, v = f.send(http.MethodPost, "/attendees/me/ticket", tok, nil)
	if st != http.StatusCreated || v["code"] == code {
		t.Fatalf("reissue: %d %v", st, v)
	}
	if st, v := checkin(gate, map[string]string{"code": code}); st != http.StatusGone || v["outcome"] != "revoked" {
		t.Errorf("old code after reissue: %d %v", st, v)
	}

	// Withdrawal is for admins only.
	_, me := f.send(http.MethodGet, "/attendees/me", tok, nil)
	id := me["id"].(string)
	if st, _ := f.send(http.MethodPost, "/attendees/"+id+"/revoke", gate, nil); st != http.StatusForbidden {
		t.Errorf("check-in token withdrawing: %d", st)
	}
	if st, _ := f.send(http.MethodPost, "/attendees/"+id+"/revoke", admin, nil); st != http.StatusNoContent {
		t.Errorf("admin withdrawing: %d", st)
	}
	if st, v := checkin(gate, map[string]string{"code": v["code"].(string)}); st != http.StatusGone || v["outcome"] != "revoked" {
		t.Errorf("withdrawn registration's new code: %d %v", st, v)
	}
	if st, _ := f.send(http.MethodGet, "/attendees/me/ticket.svg", tok, nil); st != http.StatusGone {
		t.Errorf("ticket of a withdrawn registration: %d", st)
	}

	// The secretariat's figures and lists.
	if st, _ := f.send(http.MethodGet, "/seats", gate, nil); st != http.StatusForbidden {
		t.Errorf("seats with a check-in token: %d", st)
	}
	st, v = f.send(http.MethodGet, "/seats", admin, nil)
	if st != http.StatusOK {
		t.Fatalf("seats: %d %v", st, v)
	}
	if gateRow := v["rows"].([]any)[0].(map[string]any); gateRow["activity"] != nil || gateRow["checked_in"] != 1.0 {
		t.Errorf("gate row: %v", gateRow)
	}
	for _, ext := range []string{"csv", "xlsx"} {
		res, body := call(t, f.h, http.MethodGet, "/api/v1/events/"+demoEvent+"/exports/registrations."+ext+"?lang=en", http.Header{"Authorization": {"Bearer " + admin}})
		if res.StatusCode != http.StatusOK || !strings.Contains(res.Header.Get("Content-Disposition"), "zgc-2025-registrations."+ext) {
			t.Errorf("export %s: %d %s", ext, res.StatusCode, res.Header.Get("Content-Disposition"))
		}
		if ext == "csv" && (!bytes.Contains(body, []byte("zhang.wei@example.org")) || !bytes.Contains(body, []byte("#signups"))) {
			t.Errorf("CSV export lacks the attendee or the sign-ups table")
		}
	}
}

// testAgendaCalendar: the personal calendar URL serves the attendee's seats,
// revalidates by ETag, and a tampered key finds nothing.
func testAgendaCalendar(t *testing.T, f *regFixture, token string) {
	_, me := f.send(http.MethodGet, "/attendees/me", token, nil)
	u := me["calendar_url"].(string) + "?lang=en"
	res, body := call(t, f.h, http.MethodGet, u, nil)
	if res.StatusCode != http.StatusOK || !bytes.Contains(body, []byte("SUMMARY:Quantum Science and Technology")) || bytes.Count(body, []byte("BEGIN:VEVENT")) != 1 {
		t.Fatalf("agenda calendar: %d\n%s", res.StatusCode, body)
	}
	res, _ = call(t, f.h, http.MethodGet, u, http.Header{"If-None-Match": {res.Header.Get("ETag")}})
	if res.StatusCode != http.StatusNotModified {
		t.Errorf("agenda calendar revalidation: %d", res.StatusCode)
	}
	tampered := strings.Replace(u, ".", ".A", 1)
	if res, _ := call(t, f.h, http.MethodGet, tampered, nil); res.StatusCode != http.StatusNotFound {
		t.Errorf("tampered calendar key: %d", res.StatusCode)
	}
}
