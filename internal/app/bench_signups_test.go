package app_test

import (
	"encoding/json"
	"os"
	"testing"

	"convene/internal/testkit"
)

// TestBenchSignupsIntegrity runs `convene bench signups` small on each
// engine and checks what it reports about the database, not its timings:
// every request answered as expected, no seat oversold, the rush filled the
// hot activity's seats exactly and put the rest on a gapless waiting list.
func TestBenchSignupsIntegrity(t *testing.T) {
	for _, engine := range testkit.Engines(t) {
		t.Run(engine, func(t *testing.T) {
			const attendees, spread = 40, 3
			rep := benchSignups(t, engine, "--attendees", "40", "--clients", "8", "--spread", "3")
			want := map[string]int{"registrations": attendees, "sign-ups: rush": attendees, "sign-ups: spread": attendees * spread, "check-ins: gate": attendees}
			if len(rep.Phases) != len(want) {
				t.Fatalf("phases %+v, want %v", rep.Phases, want)
			}
			for _, p := range rep.Phases {
				if p.Requests != want[p.Name] || len(p.Unexpected) != 0 {
					t.Errorf("phase %q: %d requests, unexpected %v; want %d requests, none unexpected", p.Name, p.Requests, p.Unexpected, want[p.Name])
				}
			}
			if rep.Signups != attendees*(1+spread) || rep.Confirmed+rep.Waitlisted != rep.Signups {
				t.Errorf("%d sign-ups (%d confirmed, %d waitlisted), want %d", rep.Signups, rep.Confirmed, rep.Waitlisted, attendees*(1+spread))
			}
		})
	}
}

// TestBenchSignupsRushOverfills: with more attendees than seats, the rush
// confirms exactly the seats and puts everyone else on the waiting list, on
// each engine. tech-manager-workshop has 100 seats in the sample edition.
func TestBenchSignupsRushOverfills(t *testing.T) {
	for _, engine := range testkit.Engines(t) {
		t.Run(engine, func(t *testing.T) {
			rep := benchSignups(t, engine, "--attendees", "130", "--clients", "16", "--spread", "0", "--activity", "tech-manager-workshop")
			if rep.HotSeats != 100 || rep.Confirmed != 100 || rep.Waitlisted != 30 || rep.Signups != 130 {
				t.Errorf("%d seats: %d sign-ups, %d confirmed, %d waitlisted; want 130, 100, 30", rep.HotSeats, rep.Signups, rep.Confirmed, rep.Waitlisted)
			}
		})
	}
}

func TestBenchSignupsRejectsBadFlags(t *testing.T) {
	for _, args := range [][]string{
		{"bench", "signups", "--attendees", "0"},
		{"bench", "signups", "--clients", "0"},
		{"bench", "signups", "--spread", "-1"},
		{"bench", "signups", "--database-url", "mysql://x"},
		{"bench", "signups", "--activity", "no-such-activity", "--attendees", "1"},
	} {
		if code, _, errOut := run(t, nil, args...); code != 2 {
			t.Errorf("%v: exit %d, want 2 (%s)", args, code, errOut)
		}
	}
}

type signupsReport struct {
	Engine     string `json:"engine"`
	HotSeats   int    `json:"hot_seats"`
	Signups    int    `json:"signups"`
	Confirmed  int    `json:"confirmed"`
	Waitlisted int    `json:"waitlisted"`
	Oversold   int    `json:"oversold"`
	OK         bool   `json:"ok"`
	Phases     []struct {
		Name       string         `json:"name"`
		Requests   int            `json:"requests"`
		Unexpected map[string]int `json:"unexpected"`
	} `json:"phases"`
	Checks []struct {
		Name   string `json:"name"`
		OK     bool   `json:"ok"`
		Detail string `json:"detail"`
	} `json:"checks"`
}

// benchSignups runs the bench on engine (PostgreSQL: in a database it
// creates on the test server) and fails the test unless every integrity
// check passed.
func benchSignups(t *testing.T, engine string, flags ...string) signupsReport {
	t.Helper()
	args := append([]string{"bench", "signups", "--json"}, flags...)
	if engine == "postgres" {
		args = append(args, "--database-url", os.Getenv(testkit.PostgresEnv))
	}
	code, out, errOut := run(t, nil, args...)
	var rep signupsReport
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("exit %d, not JSON: %v\n%s\n%s", code, err, out, errOut)
	}
	for _, c := range rep.Checks {
		if !c.OK {
			t.Errorf("check %s failed: %s", c.Name, c.Detail)
		}
	}
	if code != 0 || rep.Engine != engine || !rep.OK || rep.Oversold != 0 || len(rep.Checks) == 0 {
		t.Fatalf("exit %d, engine %q, ok %v, oversold %d, %d checks: %s", code, rep.Engine, rep.OK, rep.Oversold, len(rep.Checks), errOut)
	}
	return rep
}
