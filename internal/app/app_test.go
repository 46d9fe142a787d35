package app_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"convene/internal/app"
	"convene/internal/program"
	"convene/internal/testkit"
)

// run runs one command line and returns its exit code, stdout and stderr.
func run(t *testing.T, env map[string]string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := app.Main(context.Background(), app.Env{
		Args:   args,
		Getenv: func(k string) string { return env[k] },
		Stdin:  strings.NewReader(""),
		Stdout: &out, Stderr: &errOut,
		Now: testkit.Clock,
	})
	return code, out.String(), errOut.String()
}

// storageArgs returns the flags that point a command at a fresh database of the engine.
func storageArgs(t *testing.T, engine string) []string {
	if engine == "postgres" {
		return []string{"--database-url", testkit.CreatePostgresDB(t)}
	}
	return []string{"--data", t.TempDir()}
}

// serve starts `convene serve` in-process and returns its base URL.
func serve(t *testing.T, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan string, 1)
	done := make(chan int, 1)
	go func() {
		done <- app.Main(ctx, app.Env{
			Args:   append([]string{"serve", "--addr", "127.0.0.1:0"}, args...),
			Getenv: func(string) string { return "" },
			Stdin:  strings.NewReader(""), Stdout: io.Discard, Stderr: io.Discard,
			Now: testkit.Clock, Ready: func(addr string) { ready <- addr },
		})
	}()
	t.Cleanup(func() {
		cancel()
		if code := <-done; code != 0 {
			t.Errorf("serve exited with %d", code)
		}
	})
	select {
	case addr := <-ready:
		return "http://" + addr
	case code := <-done:
		t.Fatalf("serve exited with %d before listening", code)
	case <-time.After(60 * time.Second):
		t.Fatal("serve did not start within 60 s")
	}
	return ""
}

func getJSON(t *testing.T, url string) map[string]any {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %s", url, resp.Status)
	}
	var v map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&v); err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	return v
}

// TestStatsAgreeAcrossCLIAndAPIOnBothEngines loads the sample data with
// `convene demo`, reads the figures with `convene stats --json` and from the
// running server's API, on each engine, and checks they agree with each
// other, across engines, and with the source document.
func TestStatsAgreeAcrossCLIAndAPIOnBothEngines(t *testing.T) {
	var first map[string]any
	for _, engine := range testkit.Engines(t) {
		t.Run(engine, func(t *testing.T) {
			storage := storageArgs(t, engine)
			if code, _, errOut := run(t, nil, append([]string{"demo"}, storage...)...); code != 0 {
				t.Fatalf("demo: exit %d: %s", code, errOut)
			}
			code, out, errOut := run(t, nil, append([]string{"stats", "--event", "zgc-2025", "--json"}, storage...)...)
			if code != 0 {
				t.Fatalf("stats: exit %d: %s", code, errOut)
			}
			var cli map[string]any
			if err := json.Unmarshal([]byte(out), &cli); err != nil {
				t.Fatalf("stats --json is not JSON: %v\n%s", err, out)
			}
			var report program.StatsReport
			if err := json.Unmarshal([]byte(out), &report); err != nil {
				t.Fatal(err)
			}
			checkSeedFigures(t, report)

			api := getJSON(t, serve(t, storage...)+"/api/v1/events/zgc-2025/stats")
			if a, b := mustJSON(t, cli), mustJSON(t, api); a != b {
				t.Errorf("CLI and API figures differ:\ncli %s\napi %s", a, b)
			}
			if first == nil {
				first = cli
			} else if a, b := mustJSON(t, first), mustJSON(t, cli); a != b {
				t.Errorf("figures differ between engines:\nsqlite %s\n%s %s", a, engine, b)
			}
		})
	}
}

// checkSeedFigures holds the figures of the source document true.
func checkSeedFigures(t *testing.T, r program.StatsReport) {
	t.Helper()
	most, ok := r.Host("most")
	if !ok || most.ParallelForums != 10 || most.NewParallelForums != 4 || most.Matchmaking != 1 {
		t.Errorf("MOST: %+v, want 10 parallel forums, 4 new, 1 matchmaking fair", most)
	}
	for _, org := range []string{"casted", "nsfc"} {
		if h, _ := r.Host(org); h.Releases != 1 {
			t.Errorf("%s hosts %d release events, want 1", org, h.Releases)
		}
	}
	if r.GovernmentParallelForums < 20 {
		t.Errorf("ministries and agencies host %d parallel forums, want 20 or more", r.GovernmentParallelForums)
	}
	if r.ParallelForums < 55 || r.ParallelForums > 65 {
		t.Errorf("%d parallel forums, want about 60", r.ParallelForums)
	}
	if r.Previous == nil || r.Previous.Event != "zgc-2024" {
		t.Errorf("no comparison with zgc-2024: %+v", r.Previous)
	}
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestDemoTwiceChangesNothing(t *testing.T) {
	data := t.TempDir()
	if code, out, errOut := run(t, nil, "demo", "--data", data); code != 0 || !strings.Contains(out, "zgc-2025") {
		t.Fatalf("first demo: exit %d, %q %q", code, out, errOut)
	}
	_, before, _ := run(t, nil, "stats", "--event", "zgc-2025", "--json", "--data", data)
	code, out, _ := run(t, nil, "demo", "--data", data)
	if code != 0 || !strings.Contains(out, "already present") || strings.Contains(out, "sample data loaded") {
		t.Fatalf("second demo: exit %d, %q", code, out)
	}
	if _, after, _ := run(t, nil, "stats", "--event", "zgc-2025", "--json", "--data", data); after != before {
		t.Error("a second demo run changed the figures")
	}
}

func TestEnvironmentTwinsAndFlagsWin(t *testing.T) {
	envData, flagData := t.TempDir(), t.TempDir()
	env := map[string]string{"CONVENE_DATA": envData}
	if code, _, errOut := run(t, env, "demo"); code != 0 {
		t.Fatalf("demo with CONVENE_DATA: %s", errOut)
	}
	if code, _, _ := run(t, env, "stats", "--event", "zgc-2025"); code != 0 {
		t.Error("stats did not find the data loaded through CONVENE_DATA")
	}
	code, _, errOut := run(t, env, "stats", "--event", "zgc-2025", "--data", flagData)
	if code != 1 || !strings.Contains(errOut, `no edition "zgc-2025"`) {
		t.Errorf("--data should win over CONVENE_DATA: exit %d, %q", code, errOut)
	}
}

func TestStatsText(t *testing.T) {
	data := t.TempDir()
	run(t, nil, "demo", "--data", data)
	code, out, errOut := run(t, nil, "stats", "--event", "zgc-2025", "--data", data)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{"parallel forums", "most", "科技部今年主办10场平行论坛，其中新增4场"} {
		if !strings.Contains(out, want) {
			t.Errorf("stats text lacks %q:\n%s", want, out)
		}
	}
	_, out, _ = run(t, nil, "stats", "--event", "zgc-2025", "--data", data, "--lang", "en")
	if !strings.Contains(out, "MOST hosts 10 parallel forums this year, 4 of them new") {
		t.Errorf("English briefing lacks the ministry:\n%s", out)
	}
}

func TestCommandLineMistakes(t *testing.T) {
	tests := []struct {
		args     []string
		wantCode int
		wantErr  string
	}{
		{[]string{"frobnicate"}, 2, "unknown command"},
		{[]string{"stats", "--data", "DATA"}, 2, "--event is required"},
		{[]string{"stats", "--event", "zgc-2025", "--lang", "fr", "--data", "DATA"}, 2, "want zh or en"},
		{[]string{"stats", "--event", "nope", "--data", "DATA"}, 1, `no edition "nope"`},
		{[]string{"serve", "--data", "DATA", "--database-url", "mysql://x"}, 1, "postgres://"},
		{[]string{"serve", "--data", "DATA", "--log-level", "loud"}, 2, "log level"},
		{[]string{"serve", "--data", "DATA", "--base-url", "forum.example.org"}, 2, "absolute http or https URL"},
		{[]string{"version", "extra"}, 2, "unexpected arguments"},
		{[]string{"serve", "--data", "DATA", "--smtp", "smtp://relay.example"}, 2, "?from=address"},
		{[]string{"token", "--role", "checkin"}, 2, "usage: convene token create"},
		{[]string{"token", "create", "--role", "root", "--event", "zgc-2025", "--data", "DATA"}, 2, "want checkin or admin"},
		{[]string{"token", "create", "--role", "admin", "--data", "DATA"}, 2, "--event is required"},
		{[]string{"invitation", "create", "--event", "nope", "--data", "DATA"}, 1, `no edition "nope"`},
	}
	for _, tt := range tests {
		data := t.TempDir()
		args := make([]string, len(tt.args))
		for i, a := range tt.args {
			args[i] = strings.ReplaceAll(a, "DATA", data)
		}
		code, _, errOut := run(t, nil, args...)
		if code != tt.wantCode || !strings.Contains(errOut, tt.wantErr) {
			t.Errorf("%v: exit %d, stderr %q; want %d and %q", tt.args, code, errOut, tt.wantCode, tt.wantErr)
		}
	}
	if code, out, _ := run(t, nil, "version"); code != 0 || !strings.HasPrefix(out, "convene ") {
		t.Errorf("version: %d %q", code, out)
	}
}
