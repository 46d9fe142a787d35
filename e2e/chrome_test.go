package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// testTimeout bounds one browser test: starting the browser, every page and
// every screenshot.
const testTimeout = 60 * time.Second

// defaultChromium is used when CONVENE_CHROMIUM is unset or names no file.
const defaultChromium = "/usr/bin/chromium"

// chromiumPath returns the browser to drive: $CONVENE_CHROMIUM, else
// /usr/bin/chromium. With neither, the test is skipped on a developer's
// machine and fails under CI (CI set), where a missing browser is a broken
// setup rather than a reason to pass silently.
func chromiumPath(t *testing.T) string {
	t.Helper()
	var tried []string
	if p := os.Getenv("CONVENE_CHROMIUM"); p != "" {
		if isExecutable(p) {
			return p
		}
		t.Logf("CONVENE_CHROMIUM=%s is not an executable file; trying %s", p, defaultChromium)
		tried = append(tried, p)
	}
	if isExecutable(defaultChromium) {
		return defaultChromium
	}
	tried = append(tried, defaultChromium)
	if os.Getenv("CI") == "" {
		t.Skipf("no browser (tried %q); set CONVENE_CHROMIUM or install chromium (scripts/deps.sh)", tried)
	}
	t.Fatalf("no browser under CI (tried %q); set CONVENE_CHROMIUM or install chromium (scripts/deps.sh)", tried)
	return ""
}

func isExecutable(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.Mode().IsRegular() && fi.Mode().Perm()&0o111 != 0
}

// newBrowser starts a headless Chromium with a fresh profile and returns a
// chromedp context for its first tab. Everything done with the context is
// bounded by testTimeout; the browser is stopped at cleanup, and its output
// is printed if the test fails.
func newBrowser(t *testing.T) context.Context {
	t.Helper()
	execPath := chromiumPath(t)
	out := &lockedBuffer{}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(execPath),
		chromedp.Headless,
		chromedp.NoSandbox, // CI runs as root
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-default-apps", true),
		chromedp.Flag("disable-breakpad", true),
		chromedp.Flag("metrics-recording-only", true),
		chromedp.Flag("password-store", "basic"),
		chromedp.Flag("use-mock-keychain", true),
		chromedp.Flag("force-color-profile", "srgb"),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
		chromedp.CombinedOutput(out),
	}
	ctx, cancelTimeout := context.WithTimeout(context.Background(), testTimeout)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	bctx, cancelBrowser := chromedp.NewContext(allocCtx,
		chromedp.WithLogf(out.Printf),
		chromedp.WithErrorf(out.Printf),
	)
	t.Cleanup(func() {
		cancelBrowser() // closes the tab and waits for the browser to stop
		cancelAlloc()   // waits for the allocator to remove its files
		cancelTimeout()
		if t.Failed() {
			t.Logf("browser output:\n%s", out)
		}
	})
	// The first Run starts the browser; fail here with a clear message rather
	// than in the first navigation.
	start := time.Now()
	if err := chromedp.Do(bctx); err != nil {
		t.Fatalf("start %s: %v\nbrowser output:\n%s", execPath, err, out)
	}
	t.Logf("browser %s started in %v", execPath, time.Since(start).Round(time.Millisecond))
	return bctx
}

// open navigates to u, waits for the load event and requires HTTP 200.
func open(t *testing.T, ctx context.Context, u string) {
	t.Helper()
	start := time.Now()
	defer func() {
		t.Helper()
		t.Logf("opened %s in %v", u, time.Since(start).Round(time.Millisecond))
	}()
	resp, err := chromedp.Run(ctx, chromedp.NavigateResponse(u))
	if err != nil {
		t.Fatalf("open %s: %v", u, err)
	}
	if resp == nil || resp.Status != 200 {
		t.Fatalf("open %s: HTTP status %s, want 200", u, status(resp))
	}
	// Layout checks and screenshots mean nothing on an unstyled page.
	if !eval[bool](t, ctx, styledJS) {
		t.Fatalf("open %s: no stylesheet with rules was loaded", u)
	}
}

// styledJS is true when the page has loaded a stylesheet with rules.
const styledJS = `[...document.styleSheets].some(s => { try { return s.cssRules.length > 0 } catch { return false } })`

// clickAndWait clicks the element the JavaScript expression elem evaluates
// to, waits for the page it leads to and requires HTTP 200. A missing
// element fails at once instead of waiting for the test's timeout.
func clickAndWait(t *testing.T, ctx context.Context, what, elem string) {
	t.Helper()
	if !eval[bool](t, ctx, `!!(`+elem+`)`) {
		t.Fatalf("click %s: no such element on %s", what, location(t, ctx))
	}
	resp, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.JSPath(elem)))
	if err != nil {
		t.Fatalf("click %s: %v", what, err)
	}
	if resp == nil || resp.Status != 200 {
		t.Fatalf("click %s: HTTP status %s of %s, want 200", what, status(resp), location(t, ctx))
	}
}

// query is the JavaScript expression for the first element matching the CSS
// selector sel.
func query(sel string) string {
	return `document.querySelector(` + js(sel) + `)`
}

// status describes the HTTP status of a document response.
func status(resp *network.Response) string {
	if resp == nil {
		return "none (no document response)"
	}
	return fmt.Sprintf("%d %s", resp.Status, resp.StatusText)
}

// eval evaluates a JavaScript expression in the page and decodes its result.
func eval[T any](t *testing.T, ctx context.Context, expr string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		t.Fatalf("evaluate %s: %v", expr, err)
	}
	return v
}

// location returns the page's URL.
func location(t *testing.T, ctx context.Context) *url.URL {
	t.Helper()
	s, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		t.Fatalf("location: %v", err)
	}
	u, err := url.Parse(s)
	if err != nil {
		t.Fatalf("location %q: %v", s, err)
	}
	return u
}

// js quotes s as a JavaScript string literal.
func js(s string) string {
	b, err := json.Marshal(s)
	if err != nil {
		panic(err)
	}
	return string(b)
}

// artifactsDir is where screenshots go: $CONVENE_ARTIFACTS (scripts/test.sh
// sets it to ./artifacts), else a directory removed after the test.
func artifactsDir(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("CONVENE_ARTIFACTS")
	if dir == "" {
		return t.TempDir()
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatalf("artifacts directory: %v", err)
	}
	return dir
}

// screenshot saves a PNG of the whole page (beyond the viewport) as dir/name
// and logs its path.
func screenshot(t *testing.T, ctx context.Context, dir, name string) {
	t.Helper()
	start := time.Now()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100)) // 100: PNG
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	t.Logf("screenshot %s (%d KiB, %v)", path, len(png)>>10, time.Since(start).Round(time.Millisecond))
}
