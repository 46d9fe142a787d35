package e2e

import (
	"bytes"
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"convene/internal/app"
)

// fixedNow is the clock of the site under test: a week before the 2025
// edition of the sample data opens, so every page renders the same way on
// every run.
var fixedNow = time.Date(2025, 3, 20, 10, 0, 0, 0, time.FixedZone("CST", 8*3600))

// startTimeout bounds how long the application may take to migrate, load the
// sample data and start listening. Loading the sample takes about 17 s the
// first time in a process (the fair's schedule is computed then, and proven
// optimal; later loads reuse it), but CI builds with the race detector,
// which made that first load take about 2 minutes on a slow machine, and
// runs other packages' tests beside it.
const startTimeout = 6 * time.Minute

// startSite runs the real application in-process, as `convene serve --demo`
// on a free port with a throwaway data directory, and returns its base URL
// (http://127.0.0.1:port, no trailing slash). The server stops, and Main has
// returned, when the test's cleanup runs. Its log is printed if the test
// fails.
func startSite(t *testing.T) string {
	t.Helper()
	return startSiteIn(t, t.TempDir())
}

// startSiteIn is startSite with the data directory given, for tests that
// also open its database (to make a staff token, say).
func startSiteIn(t *testing.T, dataDir string) string {
	t.Helper()
	logs := &lockedBuffer{}
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan string, 1)
	exited := make(chan int, 1)
	env := app.Env{
		Args:   []string{"serve", "--demo", "--addr", "127.0.0.1:0", "--data", dataDir},
		Getenv: func(string) string { return "" },
		Stdout: logs,
		Stderr: logs,
		Now:    func() time.Time { return fixedNow },
		Ready: func(addr string) {
			select {
			case ready <- addr:
			default:
			}
		},
	}
	start := time.Now()
	go func() { exited <- app.Main(ctx, env) }()

	stop := func() (code int, stopped bool) {
		cancel()
		select {
		case code := <-exited:
			return code, true
		case <-time.After(20 * time.Second):
			return 0, false
		}
	}

	timer := time.NewTimer(startTimeout)
	defer timer.Stop()
	var addr string
	select {
	case addr = <-ready:
	case code := <-exited:
		cancel()
		t.Fatalf("convene serve exited with code %d before it was ready; its log:\n%s", code, logs)
	case <-timer.C:
		if _, stopped := stop(); !stopped {
			t.Errorf("convene serve did not stop within 20s after cancel")
		}
		t.Fatalf("convene serve was not ready within %v; its log:\n%s", startTimeout, logs)
	}

	t.Logf("site ready at http://%s in %v", addr, time.Since(start).Round(time.Millisecond))
	t.Cleanup(func() {
		code, stopped := stop()
		switch {
		case !stopped:
			t.Errorf("convene serve did not stop within 20s after cancel")
		case code != 0:
			t.Errorf("convene serve exited with code %d", code)
		}
		if t.Failed() {
			t.Logf("server log:\n%s", logs)
		}
	})
	return "http://" + addr
}

// lockedBuffer collects output written from several goroutines (the server's
// handlers, the browser's process) for printing when a test fails.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

// Printf appends a formatted line; it has the signature chromedp's loggers want.
func (b *lockedBuffer) Printf(format string, args ...any) {
	b.mu.Lock()
	defer b.mu.Unlock()
	fmt.Fprintf(&b.buf, format, args...)
	if !bytes.HasSuffix(b.buf.Bytes(), []byte("\n")) {
		b.buf.WriteByte('\n')
	}
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
