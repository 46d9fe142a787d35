package registration_test

import (
	"context"
	"fmt"
	"sort"
	"sync"
	"sync/atomic"
	"testing"

	"convene/internal/program"
	"convene/internal/registration"
	"convene/internal/testkit"
)

type fixture struct {
	svc *registration.Service
	ed  *program.Edition
	cat *program.Catalog
}

func newFixture(t *testing.T, engine string) fixture {
	t.Helper()
	db := testkit.DemoDB(t, engine)
	cat := program.NewCatalog(db, testkit.Clock)
	ed, err := cat.Edition(context.Background(), "zgc-2025")
	if err != nil {
		t.Fatal(err)
	}
	return fixture{svc: registration.New(db, testkit.Clock), ed: ed, cat: cat}
}

// activity returns a published activity of the sample edition with its seat
// limit set to seats (a copy: the edition is shared).
func (f fixture) activity(t *testing.T, slug string, seats int) *program.Activity {
	t.Helper()
	a, ok := f.ed.Activity(slug)
	if !ok {
		t.Fatalf("no activity %s", slug)
	}
	c := *a
	c.Capacity = seats
	return &c
}

// emailSeq makes every registration of a test run use its own email.
var emailSeq atomic.Int64

func (f fixture) register(t *testing.T, n int) []*registration.Registered {
	t.Helper()
	out := make([]*registration.Registered, n)
	for i := range out {
		r, err := f.svc.Register(context.Background(), f.ed, registration.Application{
			Name: fmt.Sprintf("Attendee %d", i), Email: fmt.Sprintf("a%d@example.org", emailSeq.Add(1)), Country: "cn",
		})
		if err != nil {
			t.Fatalf("register %d: %v", i, err)
		}
		out[i] = r
	}
	return out
}

// TestThousandSignupsForAHundredSeats is the concurrency check: all
// at once, exactly 100 seats go, the other 900 wait at positions 1…900, and
// ten cancellations promote exactly the first ten waiting.
func TestThousandSignupsForAHundredSeats(t *testing.T) {
	for _, engine := range testkit.Engines(t) {
		t.Run(engine, func(t *testing.T) {
			ctx := context.Background()
			f := newFixture(t, engine)
			act := f.activity(t, "quantum-innovation", 100)
			people := f.register(t, 1000)

			results := make([]*registration.Signup, len(people))
			var wg sync.WaitGroup
			start := make(chan struct{})
			errs := make(chan error, len(people))
			for i, p := range people {
				wg.Add(1)
				go func() {
					defer wg.Done()
					<-start
					su, err := f.svc.SignUp(ctx, f.ed, act, p.Attendee)
					if err != nil {
						errs <- err
						return
					}
					results[i] = su
				}()
			}
			close(start)
			wg.Wait()
			close(errs)
			for err := range errs {
				t.Fatalf("sign-up failed: %v", err)
			}
			var confirmed int
			var positions []int
			for _, su := range results {
				switch su.Status {
				case registration.Confirmed:
					confirmed++
				case registration.Waitlisted:
					positions = append(positions, su.Position)
				}
			}
			sort.Ints(positions)
			if confirmed != 100 || len(positions) != 900 {
				t.Fatalf("%d confirmed, %d waiting; want 100 and 900", confirmed, len(positions))
			}
			for i, p := range positions {
				if p != i+1 {
					t.Fatalf("waiting positions have a gap or repeat at %d: %d", i+1, p)
				}
			}
			seats, err := f.svc.Seats(ctx, f.ed, act)
			if err != nil {
				t.Fatal(err)
			}
			if seats != (registration.Seats{Capacity: 100, Confirmed: 100, Waitlisted: 900}) {
				t.Fatalf("seats %+v", seats)
			}

			// Who waits first? The ten with positions 1…10 at sign-up time.
			firstWaiting := map[string]bool{}
			for i, su := range results {
				if su.Status == registration.Waitlisted && su.Position <= 10 {
					firstWaiting[people[i].Attendee.ID] = true
				}
			}
			var cancellers []*registration.Attendee
			for i, su := range results {
				if su.Status == registration.Confirmed && len(cancellers) < 10 {
					cancellers = append(cancellers, people[i].Attendee)
				}
			}
			promoted := make(chan string, 10)
			for _, a := range cancellers {
				wg.Add(1)
				go func() {
					defer wg.Done()
					ids, err := f.svc.Cancel(ctx, f.ed, act, a)
					if err != nil || len(ids) != 1 {
						t.Errorf("cancel: promoted %v, %v; want one", ids, err)
					}
					for _, id := range ids {
						promoted <- id
					}
				}()
			}
			wg.Wait()
			close(promoted)
			got := map[string]bool{}
			for id := range promoted {
				got[id] = true
			}
			if len(got) != 10 {
				t.Fatalf("%d distinct promotions, want 10", len(got))
			}
			for id := range got {
				if !firstWaiting[id] {
					t.Errorf("promoted %s, who was not among the first ten waiting", id)
				}
			}
			seats, _ = f.svc.Seats(ctx, f.ed, act)
			if seats.Confirmed != 100 || seats.Waitlisted != 890 {
				t.Fatalf("after cancellations: %+v, want 100 confirmed and 890 waiting", seats)
			}
			// The waiting list closed up: positions are 1…890 again.
			var after []int
			err = f.svc.AllSignups(ctx, f.ed, func(s *registration.Signup) error {
				if s.ActivityID == act.ID && s.Status == registration.Waitlisted {
					after = append(after, s.Position)
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			for i, p := range after {
				if p != i+1 {
					t.Fatalf("after cancellations, position %d is %d", i+1, p)
				}
			}
		})
	}
}

// TestSignupMistakesChangeNothing: signing up twice and cancelling nothing
// are refused with a clear error, and the counts stay as they were.
func TestSignupMistakesChangeNothing(t *testing.T) {
	for _, engine := range testkit.Engines(t) {
		t.Run(engine, func(t *testing.T) {
			ctx := context.Background()
			f := newFixture(t, engine)
			act := f.activity(t, "quantum-innovation", 1)
			p := f.register(t, 2)
			if _, err := f.svc.SignUp(ctx, f.ed, act, p[0].Attendee); err != nil {
				t.Fatal(err)
			}
			_, err := f.svc.SignUp(ctx, f.ed, act, p[0].Attendee)
			if program.ErrorCode(err) != program.CodeConflict {
				t.Fatalf("second sign-up: %v, want a conflict", err)
			}
			_, err = f.svc.Cancel(ctx, f.ed, act, p[1].Attendee)
			if program.ErrorCode(err) != program.CodeNotFound {
				t.Fatalf("cancelling nothing: %v, want not found", err)
			}
			seats, err := f.svc.Seats(ctx, f.ed, act)
			if err != nil || seats != (registration.Seats{Capacity: 1, Confirmed: 1}) {
				t.Fatalf("seats %+v %v", seats, err)
			}
			// The next sign-up still gets position 1: the refused one took no place.
			su, err := f.svc.SignUp(ctx, f.ed, act, p[1].Attendee)
			if err != nil || su.Status != registration.Waitlisted || su.Position != 1 {
				t.Fatalf("waiting sign-up %+v %v", su, err)
			}
			// A waiting person who cancels frees no seat and promotes nobody.
			if ids, err := f.svc.Cancel(ctx, f.ed, act, p[1].Attendee); err != nil || len(ids) != 0 {
				t.Fatalf("waiting cancel: %v %v", ids, err)
			}

			// The seat limit raised to 3 (an editor's change): the next
			// cancellation promotes as many as now fit, in order.
			wider := f.activity(t, "quantum-innovation", 3)
			more := f.register(t, 3)
			for i, p := range more {
				su, err := f.svc.SignUp(ctx, f.ed, act, p.Attendee)
				if err != nil || su.Status != registration.Waitlisted || su.Position != i+1 {
					t.Fatalf("waiting %d: %+v %v", i, su, err)
				}
			}
			ids, err := f.svc.Cancel(ctx, f.ed, wider, p[0].Attendee)
			if err != nil || len(ids) != 3 || ids[0] != more[0].Attendee.ID || ids[1] != more[1].Attendee.ID || ids[2] != more[2].Attendee.ID {
				t.Fatalf("cancel under a raised limit promoted %v, %v", ids, err)
			}
		})
	}
}

func TestRegistrationRules(t *testing.T) {
	for _, engine := range testkit.Engines(t) {
		t.Run(engine, func(t *testing.T) {
			ctx := context.Background()
			f := newFixture(t, engine)
			reg := func(app registration.Application) error {
				_, err := f.svc.Register(ctx, f.ed, app)
				return err
			}
			if err := reg(registration.Application{Name: "Li Wei", Email: "Li.Wei@Example.org"}); err != nil {
				t.Fatal(err)
			}
			err := reg(registration.Application{Name: "Li Wei again", Email: "li.wei@example.org "})
			if e := program.SafeError(err); e == nil || e.Code != program.CodeConflict || e.Field != "email" {
				t.Fatalf("same email, other case: %v, want a conflict on email", err)
			}
			err = reg(registration.Application{Name: "", Email: "not-an-email", Country: "China", Phone: "call me", Kind: "vip"})
			e := program.SafeError(err)
			if e == nil || e.Code != program.CodeInvalid {
				t.Fatalf("bad application: %v", err)
			}
			fields := map[string]bool{}
			for _, fe := range e.Fields {
				fields[fe.Field] = true
			}
			for _, want := range []string{"name", "email", "country", "phone", "kind"} {
				if !fields[want] {
					t.Errorf("no field error for %s in %+v", want, e.Fields)
				}
			}
			long := make([]byte, 101)
			for i := range long {
				long[i] = 'x'
			}
			if err := reg(registration.Application{Name: string(long), Email: "x@example.org"}); program.ErrorCode(err) != program.CodeInvalid {
				t.Errorf("101-character name: %v", err)
			}

			// Guests need an invitation that admits guests, for as many as it says.
			err = reg(registration.Application{Name: "Guest", Email: "g0@example.org", Kind: "guest"})
			if e := program.SafeError(err); e == nil || e.Field != "invitation" {
				t.Fatalf("guest without invitation: %v", err)
			}
			inv, err := f.svc.CreateInvitation(ctx, f.ed, []registration.Kind{registration.KindGuest}, 2, "VIP table")
			if err != nil {
				t.Fatal(err)
			}
			err = reg(registration.Application{Name: "Press", Email: "p@example.org", Kind: "media", Invitation: inv.Code})
			if e := program.SafeError(err); e == nil || e.Field != "invitation" {
				t.Fatalf("media with a guest invitation: %v", err)
			}
			for i := 1; i <= 2; i++ {
				code := inv.Code
				if i == 2 {
					code = registration.GroupCode(code) // typed as printed
				}
				if err := reg(registration.Application{Name: "Guest", Email: fmt.Sprintf("g%d@example.org", i), Kind: "guest", Invitation: code}); err != nil {
					t.Fatalf("guest %d: %v", i, err)
				}
			}
			err = reg(registration.Application{Name: "Guest", Email: "g3@example.org", Kind: "guest", Invitation: inv.Code})
			if e := program.SafeError(err); e == nil || e.Field != "invitation" {
				t.Fatalf("third guest on a two-seat invitation: %v", err)
			}
			var n int
			_ = f.svc.Attendees(ctx, f.ed, func(*registration.Attendee) error { n++; return nil })
			if n != 3 {
				t.Fatalf("%d attendees registered, want 3 (refused ones write nothing)", n)
			}
		})
	}
}

// TestTicketCodes: a genuine code admits once; forged, altered, replayed
// (after reissue), revoked codes and codes of another edition are refused.
func TestTicketCodes(t *testing.T) {
	for _, engine := range testkit.Engines(t) {
		t.Run(engine, func(t *testing.T) {
			ctx := context.Background()
			f := newFixture(t, engine)
			gate, err := f.svc.CreateStaffToken(ctx, f.ed, registration.RoleCheckin, "north gate")
			if err != nil {
				t.Fatal(err)
			}
			staff, err := f.svc.Staff(ctx, f.ed, gate, registration.RoleCheckin)
			if err != nil {
				t.Fatal(err)
			}
			p := f.register(t, 3)
			check := func(code string, act *program.Activity) registration.Outcome {
				t.Helper()
				r, err := f.svc.CheckIn(ctx, f.ed, staff, code, act)
				if err != nil {
					t.Fatal(err)
				}
				return r.Outcome
			}
			code := p[0].Code
			if got := check(registration.GroupCode(code), nil); got != registration.Admitted {
				t.Fatalf("genuine code: %s", got)
			}
			r, err := f.svc.CheckIn(ctx, f.ed, staff, code, nil)
			if err != nil || r.Outcome != registration.AlreadyIn || r.Checkin.Staff != "north gate" || !r.Checkin.At.Equal(testkit.Now) {
				t.Fatalf("second scan: %+v %v", r, err)
			}
			altered := []byte(code)
			altered[5] ^= 1 // another base32 letter
			if got := check(string(altered), nil); got != registration.UnknownTicket {
				t.Errorf("altered code: %s", got)
			}
			if got := check("CV1AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", nil); got != registration.UnknownTicket {
				t.Errorf("forged code: %s", got)
			}
			if got := check("hello", nil); got != registration.UnknownTicket {
				t.Errorf("garbage: %s", got)
			}

			// Reissue: the old code is refused as revoked, the new one admits.
			old := p[1].Code
			fresh, err := f.svc.ReissueTicket(ctx, p[1].Attendee)
			if err != nil || fresh == old {
				t.Fatalf("reissue: %q %v", fresh, err)
			}
			if got := check(old, nil); got != registration.RevokedTicket {
				t.Errorf("replayed old code: %s", got)
			}
			if got := check(fresh, nil); got != registration.Admitted {
				t.Errorf("reissued code: %s", got)
			}
			// Withdrawn by the secretariat: refused, and no reissue undoes it.
			if err := f.svc.RevokeTicket(ctx, f.ed, p[2].Attendee.ID); err != nil {
				t.Fatal(err)
			}
			if got := check(p[2].Code, nil); got != registration.RevokedTicket {
				t.Errorf("revoked code: %s", got)
			}
			if _, err := f.svc.ReissueTicket(ctx, p[2].Attendee); program.ErrorCode(err) != program.CodeForbidden {
				t.Errorf("reissue after revocation: %v", err)
			}

			// A room needs a confirmed seat.
			act := f.activity(t, "quantum-innovation", 1)
			if got := check(fresh, act); got != registration.NotRegistered {
				t.Errorf("room without sign-up: %s", got)
			}
			if _, err := f.svc.SignUp(ctx, f.ed, act, p[1].Attendee); err != nil {
				t.Fatal(err)
			}
			if got := check(fresh, act); got != registration.Admitted {
				t.Errorf("room with a seat: %s", got)
			}

			// A ticket of this edition opens no other: the 2024 edition
			// knows neither the code nor the staff token.
			other, err := f.cat.Edition(ctx, "zgc-2024")
			if err != nil {
				t.Fatal(err)
			}
			if _, err := f.svc.Staff(ctx, other, gate, registration.RoleCheckin); program.ErrorCode(err) != program.CodeForbidden {
				t.Errorf("staff token of 2025 at 2024: %v", err)
			}
			otherGate, _ := f.svc.CreateStaffToken(ctx, other, registration.RoleCheckin, "")
			otherStaff, err := f.svc.Staff(ctx, other, otherGate, registration.RoleCheckin)
			if err != nil {
				t.Fatal(err)
			}
			r, err = f.svc.CheckIn(ctx, other, otherStaff, fresh, nil)
			if err != nil || r.Outcome != registration.UnknownTicket {
				t.Errorf("2025 ticket at the 2024 gate: %+v %v", r, err)
			}
			if _, err := f.svc.Staff(ctx, f.ed, gate, registration.RoleAdmin); program.ErrorCode(err) != program.CodeForbidden {
				t.Errorf("check-in token asking for admin: %v", err)
			}
			if _, err := f.svc.Staff(ctx, f.ed, "cvs_nope", registration.RoleCheckin); program.ErrorCode(err) != program.CodeUnauthorized {
				t.Errorf("unknown staff token: %v", err)
			}
		})
	}
}

// TestAgendaNamesOverlaps: two sign-ups at the same time warn about each
// other; a third at another time warns about nothing.
func TestAgendaNamesOverlaps(t *testing.T) {
	for _, engine := range testkit.Engines(t) {
		t.Run(engine, func(t *testing.T) { testAgendaNamesOverlaps(t, engine) })
	}
}

func testAgendaNamesOverlaps(t *testing.T, engine string) {
	ctx := context.Background()
	f := newFixture(t, engine)
	var a, b, c *program.Activity
	open := func(x *program.Activity) bool {
		return registration.OpenForSignup(f.ed, x) == nil && !x.StartsAt.IsZero()
	}
	for _, x := range f.ed.Activities {
		for _, y := range f.ed.Activities {
			if a == nil && x != y && open(x) && open(y) && x.StartsAt.Before(y.EndsAt) && y.StartsAt.Before(x.EndsAt) {
				a, b = x, y
			}
		}
	}
	for _, x := range f.ed.Activities {
		if c == nil && a != nil && open(x) && !x.StartsAt.Before(a.EndsAt) && !x.StartsAt.Before(b.EndsAt) {
			c = x
		}
	}
	if a == nil || b == nil || c == nil {
		t.Fatal("the sample edition lacks two overlapping activities and a later one")
	}
	p := f.register(t, 1)[0]
	for _, x := range []*program.Activity{c, b, a} {
		if _, err := f.svc.SignUp(ctx, f.ed, x, p.Attendee); err != nil {
			t.Fatal(err)
		}
	}
	items, err := f.svc.Agenda(ctx, f.ed, p.Attendee)
	if err != nil || len(items) != 3 {
		t.Fatalf("agenda: %d items, %v", len(items), err)
	}
	for i := 1; i < len(items); i++ {
		if items[i].Activity.StartsAt.Before(items[i-1].Activity.StartsAt) {
			t.Errorf("agenda not in time order at %d", i)
		}
	}
	for _, it := range items {
		want := map[*program.Activity]*program.Activity{a: b, b: a}[it.Activity]
		switch {
		case want == nil && len(it.Overlaps) != 0:
			t.Errorf("%s overlaps %v, want nothing", it.Activity.Slug, it.Overlaps)
		case want != nil && (len(it.Overlaps) != 1 || it.Overlaps[0] != want):
			t.Errorf("%s overlaps %v, want %s", it.Activity.Slug, it.Overlaps, want.Slug)
		}
	}
}

// TestFirstSignupsAtOnce: when the first sign-ups of activities arrive
// together (their seat counters do not exist yet), every one that fits gets
// a seat: none is sent to the waiting list of a half-made counter.
func TestFirstSignupsAtOnce(t *testing.T) {
	for _, engine := range testkit.Engines(t) {
		t.Run(engine, func(t *testing.T) {
			ctx := context.Background()
			f := newFixture(t, engine)
			var acts []*program.Activity
			for _, a := range f.ed.Activities {
				if registration.OpenForSignup(f.ed, a) == nil && f.ed.Seats(a) >= 20 && len(acts) < 20 {
					acts = append(acts, a)
				}
			}
			people := f.register(t, 20)
			var wg sync.WaitGroup
			start := make(chan struct{})
			errs := make(chan error, len(acts)*len(people))
			for _, a := range acts {
				for _, p := range people {
					wg.Add(1)
					go func() {
						defer wg.Done()
						<-start
						su, err := f.svc.SignUp(ctx, f.ed, a, p.Attendee)
						if err == nil && su.Status != registration.Confirmed {
							err = fmt.Errorf("%s: %s at position %d with seats free", a.Slug, su.Status, su.Position)
						}
						if err != nil {
							errs <- err
						}
					}()
				}
			}
			close(start)
			wg.Wait()
			close(errs)
			for err := range errs {
				t.Error(err)
			}
		})
	}
}
