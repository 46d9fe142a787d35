package app

import (
	"bytes"
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	mrand "math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"os"
	"runtime"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"convene/internal/demo"
	"convene/internal/program"
	"convene/internal/registration"
	"convene/internal/sqlstore"
)

// `convene bench signups` drives the registration API of a real server (the
// stack `convene serve` builds, on a loopback listener) with concurrent
// keep-alive clients in the same process, then checks from the database
// that no seat was sold twice and every waiting list is without gaps.

// signupsPhase is one phase's figures (also the --json document's phases).
type signupsPhase struct {
	Name       string         `json:"name"`
	Requests   int            `json:"requests"`
	Seconds    float64        `json:"seconds"`
	PerSecond  float64        `json:"per_second"`
	P50ms      float64        `json:"p50_ms"`
	P99ms      float64        `json:"p99_ms"`
	Maxms      float64        `json:"max_ms"`
	Expected   int            `json:"expected_status"`
	Unexpected map[string]int `json:"unexpected"` // "409", "error" … → count
	FirstError string         `json:"first_error,omitempty"`
}

type signupsCheck struct {
	Name   string `json:"name"`
	OK     bool   `json:"ok"`
	Detail string `json:"detail"`
}

type signupsReport struct {
	Engine     string         `json:"engine"`
	GoVersion  string         `json:"go_version"`
	GOMAXPROCS int            `json:"gomaxprocs"`
	NumCPU     int            `json:"num_cpu"`
	Event      string         `json:"event"`
	Hot        string         `json:"hot_activity"`
	HotSeats   int            `json:"hot_seats"`
	OpenActs   int            `json:"activities_open"`
	Attendees  int            `json:"attendees"`
	Clients    int            `json:"clients"`
	Spread     int            `json:"spread"`
	Seed       uint64         `json:"seed"`
	Phases     []signupsPhase `json:"phases"`
	Signups    int            `json:"signups"` // in the database after the sign-up phases
	Confirmed  int            `json:"confirmed"`
	Waitlisted int            `json:"waitlisted"`
	Oversold   int            `json:"oversold"`
	Checks     []signupsCheck `json:"checks"`
	OK         bool           `json:"ok"`
}

func runBenchSignups(ctx context.Context, env Env, args []string) error {
	fs := newFlagSet("bench signups", env)
	serverURL := fs.String("database-url", "", "PostgreSQL server URL postgres://…; the bench creates a throwaway database convene_bench_<random> there and drops it at the end. Empty: a new SQLite database in a temporary directory")
	event := fs.String("event", "zgc-2025", "edition of the sample data to register for")
	hotSlug := fs.String("activity", "quantum-innovation", "the hot activity every attendee signs up for at once (the rush)")
	attendees := fs.Int("attendees", 5000, "how many attendees register (and sign up, and check in)")
	clients := fs.Int("clients", 64, "concurrent HTTP/1.1 keep-alive clients")
	spread := fs.Int("spread", 3, "other activities each attendee signs up for after the rush, chosen at random")
	seed := fs.Uint64("seed", 1, "random seed (choice and order of sign-ups)")
	asJSON := fs.Bool("json", false, "print the results as JSON")
	cpuprofile := fs.String("cpuprofile", "", "write a CPU profile of the measured phases (server and clients) to this file")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *attendees < 1 {
		return usageError{fmt.Errorf("--attendees %d: want 1 or more", *attendees)}
	}
	if *clients < 1 {
		return usageError{fmt.Errorf("--clients %d: want 1 or more", *clients)}
	}
	if *spread < 0 {
		return usageError{fmt.Errorf("--spread %d: want 0 or more", *spread)}
	}

	store, cleanup, err := openBenchStore(ctx, *serverURL)
	if err != nil {
		return err
	}
	defer cleanup()
	if _, err := store.Migrate(ctx); err != nil {
		return err
	}
	if _, err := store.ImportDataset(ctx, demo.Dataset()); err != nil {
		return fmt.Errorf("load sample data: %w", err)
	}
	log := slog.New(slog.NewTextHandler(env.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	svcs := newServices(store, env.Now)
	svc := svcs.reg
	ed, err := svcs.catalog.Edition(ctx, *event)
	if err != nil {
		return usageError{fmt.Errorf("--event %s: %w", *event, err)}
	}
	hot, ok := ed.Activity(*hotSlug)
	if !ok {
		return usageError{fmt.Errorf("--activity: no activity %q in %s", *hotSlug, *event)}
	}
	if err := registration.OpenForSignup(ed, hot); err != nil {
		return usageError{fmt.Errorf("--activity: %w", err)}
	}
	var others []*program.Activity
	for _, a := range ed.Activities {
		if a != hot && registration.OpenForSignup(ed, a) == nil {
			others = append(others, a)
		}
	}
	if *spread > len(others) {
		return usageError{fmt.Errorf("--spread %d: %s has only %d other activities that take sign-ups", *spread, *event, len(others))}
	}
	staffToken, err := svc.CreateStaffToken(ctx, ed, registration.RoleCheckin, "bench")
	if err != nil {
		return err
	}

	base, stop, err := startBenchServer(svcs, log)
	if err != nil {
		return err
	}
	defer stop()

	rep := &signupsReport{
		Engine: store.Engine(), GoVersion: runtime.Version(), GOMAXPROCS: runtime.GOMAXPROCS(0), NumCPU: runtime.NumCPU(),
		Event: ed.Event.Slug, Hot: hot.Slug, HotSeats: ed.Seats(hot), OpenActs: len(others) + 1,
		Attendees: *attendees, Clients: *clients, Spread: *spread, Seed: *seed,
	}
	if !*asJSON {
		fmt.Fprintf(env.Stdout, "signups: %s, %s, GOMAXPROCS %d (%d CPUs), %d attendees, %d clients, spread %d, seed %d\n",
			rep.Engine, rep.GoVersion, rep.GOMAXPROCS, rep.NumCPU, rep.Attendees, rep.Clients, rep.Spread, rep.Seed)
		fmt.Fprintf(env.Stdout, "edition %s: rush on %s (%d seats), %d other activities take sign-ups\n\n", rep.Event, rep.Hot, rep.HotSeats, len(others))
	}

	if *cpuprofile != "" {
		f, err := os.Create(*cpuprofile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}

	d := newBenchDriver(base, *clients)
	defer d.close()
	evPath := "/api/v1/events/" + url.PathEscape(ed.Event.Slug)
	rng := mrand.New(mrand.NewPCG(*seed, 0x5eed))

	// 1. registrations
	n := *attendees
	var runID [4]byte
	_, _ = rand.Read(runID[:])
	tokens, codes := make([]string, n), make([]string, n)
	ph, err := d.phase(ctx, "registrations", n, http.StatusCreated, func(i int) benchRequest {
		body, _ := json.Marshal(registration.Application{
			Name: "Bench Attendee " + strconv.Itoa(i), Email: fmt.Sprintf("bench-%x-%d@example.org", runID, i), Organisation: "convene bench",
		})
		return benchRequest{path: evPath + "/attendees", body: body}
	}, func(i int, body []byte) error {
		var v struct{ Token, Code string }
		if err := json.Unmarshal(body, &v); err != nil || v.Token == "" || v.Code == "" {
			return fmt.Errorf("registration answer without token or code: %.200s", body)
		}
		tokens[i], codes[i] = v.Token, v.Code
		return nil
	})
	if err != nil {
		return err
	}
	rep.Phases = append(rep.Phases, ph)

	// Who registered; the sign-up phases use them in a random order.
	var ids []int
	for i := range n {
		if tokens[i] != "" {
			ids = append(ids, i)
		}
	}
	accepted := map[string]int{} // activity id → sign-ups answered 201
	type answer struct {
		Status   registration.Status `json:"status"`
		Position *int                `json:"position"`
	}

	// 2. the rush: everyone at once for the hot activity
	order := slices.Clone(ids)
	rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
	rush := make([]answer, len(order))
	hotPath := evPath + "/activities/" + url.PathEscape(hot.Slug) + "/signups"
	ph, err = d.phase(ctx, "sign-ups: rush", len(order), http.StatusCreated, func(i int) benchRequest {
		return benchRequest{path: hotPath, token: tokens[order[i]]}
	}, func(i int, body []byte) error {
		return json.Unmarshal(body, &rush[i])
	})
	if err != nil {
		return err
	}
	rep.Phases = append(rep.Phases, ph)
	rushConfirmed, rushPositions := 0, []int{}
	for _, a := range rush {
		switch {
		case a.Status == registration.Confirmed:
			rushConfirmed++
		case a.Status == registration.Waitlisted && a.Position != nil:
			rushPositions = append(rushPositions, *a.Position)
		}
	}
	accepted[hot.ID] += rushConfirmed + len(rushPositions)

	// 3. the spread: each attendee signs up for k random other activities,
	// all in a random order
	type pair struct{ who, act int }
	var pairs []pair
	for _, who := range ids {
		for _, a := range rng.Perm(len(others))[:*spread] {
			pairs = append(pairs, pair{who, a})
		}
	}
	rng.Shuffle(len(pairs), func(i, j int) { pairs[i], pairs[j] = pairs[j], pairs[i] })
	spreadOK := make([]bool, len(pairs))
	ph, err = d.phase(ctx, "sign-ups: spread", len(pairs), http.StatusCreated, func(i int) benchRequest {
		p := pairs[i]
		return benchRequest{path: evPath + "/activities/" + url.PathEscape(others[p.act].Slug) + "/signups", token: tokens[p.who]}
	}, func(i int, body []byte) error {
		var a answer
		if err := json.Unmarshal(body, &a); err != nil {
			return err
		}
		spreadOK[i] = a.Status == registration.Confirmed || a.Status == registration.Waitlisted
		return nil
	})
	if err != nil {
		return err
	}
	rep.Phases = append(rep.Phases, ph)
	for i, ok := range spreadOK {
		if ok {
			accepted[others[pairs[i].act].ID]++
		}
	}

	// 4. check-in at the gate, everyone, in a random order
	order = slices.Clone(ids)
	rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
	admitted := 0
	var admittedMu sync.Mutex
	ph, err = d.phase(ctx, "check-ins: gate", len(order), http.StatusOK, func(i int) benchRequest {
		body, _ := json.Marshal(map[string]string{"code": codes[order[i]]})
		return benchRequest{path: evPath + "/checkins", token: staffToken, body: body}
	}, func(i int, body []byte) error {
		var v struct{ Outcome registration.Outcome }
		if err := json.Unmarshal(body, &v); err != nil {
			return err
		}
		if v.Outcome == registration.Admitted {
			admittedMu.Lock()
			admitted++
			admittedMu.Unlock()
		}
		return nil
	})
	if err != nil {
		return err
	}
	rep.Phases = append(rep.Phases, ph)
	if *cpuprofile != "" {
		pprof.StopCPUProfile()
	}

	if err := checkSignups(ctx, rep, d, svc, ed, hot, evPath, len(ids), accepted, rushConfirmed, rushPositions, admitted); err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(rep); err != nil {
			return err
		}
	} else {
		printSignupsReport(env.Stdout, rep)
	}
	if !rep.OK {
		return errors.New("integrity checks failed (see above)")
	}
	return nil
}

// openBenchStore opens a new database: SQLite in a temporary directory, or
// a database created for the run on the PostgreSQL server of serverURL.
// cleanup closes it and removes it.
func openBenchStore(ctx context.Context, serverURL string) (*sqlstore.DB, func(), error) {
	if serverURL == "" {
		dir, err := os.MkdirTemp("", "convene-bench-signups-")
		if err != nil {
			return nil, nil, err
		}
		store, err := sqlstore.Open(ctx, sqlstore.Config{DataDir: dir})
		if err != nil {
			os.RemoveAll(dir)
			return nil, nil, err
		}
		return store, func() { store.Close(); os.RemoveAll(dir) }, nil
	}
	u, err := url.Parse(serverURL)
	if err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") {
		return nil, nil, usageError{errors.New("--database-url: want a PostgreSQL URL postgres://…")}
	}
	var b [6]byte
	_, _ = rand.Read(b[:])
	name := "convene_bench_" + hex.EncodeToString(b[:])
	admin, err := sql.Open("pgx", serverURL)
	if err != nil {
		return nil, nil, err
	}
	if _, err := admin.ExecContext(ctx, `CREATE DATABASE `+name); err != nil {
		admin.Close()
		return nil, nil, fmt.Errorf("create database %s: %w", name, err)
	}
	drop := func() {
		dropCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
		defer cancel()
		if _, err := admin.ExecContext(dropCtx, `DROP DATABASE IF EXISTS `+name+` WITH (FORCE)`); err != nil {
			fmt.Fprintf(os.Stderr, "convene bench signups: drop database %s: %v\n", name, err)
		}
		admin.Close()
	}
	u.Path = "/" + name
	store, err := sqlstore.Open(ctx, sqlstore.Config{DatabaseURL: u.String()})
	if err != nil {
		drop()
		return nil, nil, err
	}
	return store, func() { store.Close(); drop() }, nil
}

// startBenchServer serves the stack `convene serve` builds on a loopback
// port and returns its base URL and a function that stops it.
func startBenchServer(svcs services, log *slog.Logger) (string, func(), error) {
	srv, err := newHTTPServer(svcs, "", log)
	if err != nil {
		return "", nil, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, err
	}
	go func() { _ = srv.Serve(ln) }()
	return "http://" + ln.Addr().String(), func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		_ = srv.Shutdown(ctx)
	}, nil
}

type benchRequest struct {
	get   bool // GET instead of POST
	path  string
	token string // bearer token, if any
	body  []byte // POSTed as JSON; nil: an empty body
}

// benchDriver runs phases of requests with a fixed number of clients over
// one keep-alive transport.
type benchDriver struct {
	base      string
	clients   int
	transport *http.Transport
	client    *http.Client
}

func newBenchDriver(base string, clients int) *benchDriver {
	tr := &http.Transport{
		MaxIdleConns:        2 * clients,
		MaxIdleConnsPerHost: 2 * clients,
		IdleConnTimeout:     time.Minute,
		DisableCompression:  true,
	}
	return &benchDriver{base: base, clients: clients, transport: tr, client: &http.Client{Transport: tr, Timeout: time.Minute}}
}

func (d *benchDriver) close() { d.transport.CloseIdleConnections() }

// phase sends n requests, made by req(i), from d.clients goroutines released
// at the same instant, and passes each answer with status want to got. It
// times each request from sending to the last byte of the answer.
func (d *benchDriver) phase(ctx context.Context, name string, n, want int, req func(i int) benchRequest, got func(i int, body []byte) error) (signupsPhase, error) {
	reqs := make([]benchRequest, n)
	for i := range n {
		reqs[i] = req(i)
	}
	lat := make([]time.Duration, n)
	var next atomic.Int64
	var mu sync.Mutex
	unexpected := map[string]int{}
	firstErr := ""
	var fatal error
	start := make(chan struct{})
	var wg sync.WaitGroup
	for range d.clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			for {
				i := int(next.Add(1) - 1)
				if i >= n || ctx.Err() != nil {
					return
				}
				status, body, dur, err := d.do(ctx, reqs[i])
				lat[i] = dur
				if err == nil && status == want {
					err = got(i, body)
					if err != nil {
						mu.Lock()
						fatal = cmpOr(fatal, fmt.Errorf("%s: %w", name, err))
						mu.Unlock()
						return
					}
					continue
				}
				key := strconv.Itoa(status)
				msg := fmt.Sprintf("%d %.200s", status, bytes.TrimSpace(body))
				if err != nil {
					key, msg = "error", err.Error()
				}
				mu.Lock()
				unexpected[key]++
				if firstErr == "" {
					firstErr = msg
				}
				mu.Unlock()
			}
		}()
	}
	t0 := time.Now()
	close(start)
	wg.Wait()
	elapsed := time.Since(t0)
	if fatal != nil {
		return signupsPhase{}, fatal
	}
	if err := ctx.Err(); err != nil {
		return signupsPhase{}, err
	}
	slices.Sort(lat)
	ms := func(q float64) float64 {
		if n == 0 {
			return 0
		}
		k := int(float64(n)*q+0.999999) - 1
		return float64(lat[max(0, min(n-1, k))].Microseconds()) / 1000
	}
	return signupsPhase{
		Name: name, Requests: n, Seconds: elapsed.Seconds(), PerSecond: float64(n) / elapsed.Seconds(),
		P50ms: ms(0.50), P99ms: ms(0.99), Maxms: ms(1), Expected: want, Unexpected: unexpected, FirstError: firstErr,
	}, nil
}

func cmpOr(a, b error) error {
	if a != nil {
		return a
	}
	return b
}

func (d *benchDriver) do(ctx context.Context, br benchRequest) (int, []byte, time.Duration, error) {
	method, body := http.MethodPost, io.Reader(http.NoBody)
	if br.body != nil {
		body = bytes.NewReader(br.body)
	}
	if br.get {
		method = http.MethodGet
	}
	r, err := http.NewRequestWithContext(ctx, method, d.base+br.path, body)
	if err != nil {
		return 0, nil, 0, err
	}
	if br.body != nil {
		r.Header.Set("Content-Type", "application/json")
	}
	if br.token != "" {
		r.Header.Set("Authorization", "Bearer "+br.token)
	}
	t0 := time.Now()
	res, err := d.client.Do(r)
	if err != nil {
		return 0, nil, time.Since(t0), err
	}
	b, err := io.ReadAll(res.Body)
	res.Body.Close()
	return res.StatusCode, b, time.Since(t0), err
}

// checkSignups verifies, from the database through the service, that no
// seat was sold twice and the sign-ups are what the clients were told.
func checkSignups(ctx context.Context, rep *signupsReport, d *benchDriver, svc *registration.Service, ed *program.Edition, hot *program.Activity,
	evPath string, registered int, accepted map[string]int, rushConfirmed int, rushPositions []int, admitted int) error {
	check := func(name string, ok bool, detail string, args ...any) {
		rep.Checks = append(rep.Checks, signupsCheck{Name: name, OK: ok, Detail: fmt.Sprintf(detail, args...)})
	}
	for _, p := range rep.Phases {
		bad := 0
		for _, c := range p.Unexpected {
			bad += c
		}
		check("answers "+p.Name, bad == 0, "%d of %d answered other than %d", bad, p.Requests, p.Expected)
	}

	rows, err := svc.AllSeats(ctx, ed)
	if err != nil {
		return fmt.Errorf("read seats: %w", err)
	}
	type tally struct {
		confirmed, waitlisted int
		positions             []int
		badConfirmed          int // confirmed with a position
	}
	tallies := map[string]*tally{}
	err = svc.AllSignups(ctx, ed, func(s *registration.Signup) error {
		t := tallies[s.ActivityID]
		if t == nil {
			t = &tally{}
			tallies[s.ActivityID] = t
		}
		if s.Status == registration.Confirmed {
			t.confirmed++
			if s.Position != 0 {
				t.badConfirmed++
			}
		} else {
			t.waitlisted++
			t.positions = append(t.positions, s.Position)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("read sign-ups: %w", err)
	}

	var overCap, wrongFill, gaps, countsDiffer, lost []string
	acts := 0
	for _, row := range rows[1:] {
		a, n := row.Activity, row.Seats
		t := tallies[a.ID]
		if t == nil {
			t = &tally{}
		}
		delete(tallies, a.ID)
		acts++
		rep.Signups += t.confirmed + t.waitlisted
		rep.Confirmed += t.confirmed
		rep.Waitlisted += t.waitlisted
		if n.Confirmed > n.Capacity || t.confirmed > n.Capacity {
			rep.Oversold += max(n.Confirmed, t.confirmed) - n.Capacity
			overCap = append(overCap, fmt.Sprintf("%s %d/%d", a.Slug, max(n.Confirmed, t.confirmed), n.Capacity))
		}
		if total := t.confirmed + t.waitlisted; t.confirmed != min(n.Capacity, total) || t.badConfirmed > 0 {
			wrongFill = append(wrongFill, fmt.Sprintf("%s: %d confirmed of %d sign-ups, capacity %d", a.Slug, t.confirmed, total, n.Capacity))
		}
		slices.Sort(t.positions)
		for i, p := range t.positions {
			if p != i+1 {
				gaps = append(gaps, fmt.Sprintf("%s: position %d where %d belongs", a.Slug, p, i+1))
				break
			}
		}
		if n.Confirmed != t.confirmed || n.Waitlisted != t.waitlisted {
			countsDiffer = append(countsDiffer, fmt.Sprintf("%s: counts %d+%d, rows %d+%d", a.Slug, n.Confirmed, n.Waitlisted, t.confirmed, t.waitlisted))
		}
		if want := accepted[a.ID]; t.confirmed+t.waitlisted != want {
			lost = append(lost, fmt.Sprintf("%s: %d sign-ups stored, %d answered 201", a.Slug, t.confirmed+t.waitlisted, want))
		}
	}
	for id, t := range tallies {
		lost = append(lost, fmt.Sprintf("%s: %d sign-ups at an activity that takes none", id, t.confirmed+t.waitlisted))
	}
	first := func(s []string) string {
		if len(s) == 0 {
			return ""
		}
		return fmt.Sprintf(", first: %s", s[0])
	}
	check("oversold", rep.Oversold == 0, "%d seats oversold; %d of %d activities over capacity%s", rep.Oversold, len(overCap), acts, first(overCap))
	check("seats filled", len(wrongFill) == 0, "confirmed = min(capacity, sign-ups) at %d of %d activities%s", acts-len(wrongFill), acts, first(wrongFill))
	check("waiting lists", len(gaps) == 0, "positions 1…n without gaps at %d of %d activities (%d waiting in all)%s", acts-len(gaps), acts, rep.Waitlisted, first(gaps))
	check("counts", len(countsDiffer) == 0, "live counts agree with the sign-up rows at %d of %d activities%s", acts-len(countsDiffer), acts, first(countsDiffer))
	check("sign-ups stored", len(lost) == 0, "%d stored, %d answered 201%s", rep.Signups, sumValues(accepted), first(lost))

	seats := ed.Seats(hot)
	rushTotal := rushConfirmed + len(rushPositions)
	slices.Sort(rushPositions)
	gapless := true
	for i, p := range rushPositions {
		if p != i+1 {
			gapless = false
			break
		}
	}
	check("rush answers", rushConfirmed == min(seats, rushTotal) && gapless,
		"%d answered confirmed (seats %d), %d waitlisted with positions 1…%d: %s", rushConfirmed, seats, len(rushPositions), len(rushPositions), yesNo(gapless, "without gaps or repeats", "with gaps or repeats"))

	// the activity's page in the API shows the same figures
	status, body, _, err := d.do(ctx, benchRequest{get: true, path: evPath + "/activities/" + url.PathEscape(hot.Slug)})
	var page struct{ Capacity, Confirmed, Waitlisted int }
	if err == nil && status == http.StatusOK {
		err = json.Unmarshal(body, &page)
	}
	check("activity page", err == nil && status == http.StatusOK && page.Capacity == seats && page.Confirmed == min(seats, rushTotal) && page.Waitlisted == rushTotal-min(seats, rushTotal),
		"GET %s: status %d, capacity %d, confirmed %d, waitlisted %d", hot.Slug, status, page.Capacity, page.Confirmed, page.Waitlisted)

	gate := rows[0].CheckedIn
	check("check-ins", admitted == registered && gate == registered, "%d admitted, %d recorded at the gate, %d registered", admitted, gate, registered)

	rep.OK = true
	for _, c := range rep.Checks {
		rep.OK = rep.OK && c.OK
	}
	return nil
}

func sumValues(m map[string]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}

func yesNo(b bool, yes, no string) string {
	if b {
		return yes
	}
	return no
}

func printSignupsReport(w io.Writer, rep *signupsReport) {
	const rowFormat = "%-18s %8s %8s %9s %8s %8s %8s  %s\n"
	fmt.Fprintf(w, rowFormat, "phase", "requests", "seconds", "req/s", "p50 ms", "p99 ms", "max ms", "unexpected")
	for _, p := range rep.Phases {
		bad := "0"
		if len(p.Unexpected) > 0 {
			var parts []string
			for k, v := range p.Unexpected {
				parts = append(parts, fmt.Sprintf("%s×%d", k, v))
			}
			slices.Sort(parts)
			bad = strings.Join(parts, " ") + " (first: " + p.FirstError + ")"
		}
		fmt.Fprintf(w, rowFormat, p.Name, strconv.Itoa(p.Requests), strconv.FormatFloat(p.Seconds, 'f', 2, 64), strconv.FormatFloat(p.PerSecond, 'f', 0, 64),
			strconv.FormatFloat(p.P50ms, 'f', 2, 64), strconv.FormatFloat(p.P99ms, 'f', 2, 64), strconv.FormatFloat(p.Maxms, 'f', 2, 64), bad)
	}
	fmt.Fprintf(w, "\nin the database: %d sign-ups, %d confirmed, %d waitlisted\n", rep.Signups, rep.Confirmed, rep.Waitlisted)
	for _, c := range rep.Checks {
		fmt.Fprintf(w, "  %-4s %-28s %s\n", yesNo(c.OK, "ok", "FAIL"), c.Name, c.Detail)
	}
	fmt.Fprintf(w, "oversold: %d\n", rep.Oversold)
	fmt.Fprintln(w, yesNo(rep.OK, "all checks passed", "CHECKS FAILED"))
}
