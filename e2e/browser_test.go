// Package e2e drives the real site in a real browser: the application runs
// in-process with the sample data, headless Chromium (CONVENE_CHROMIUM) loads
// its pages, fills in its forms and follows its links, and full-page
// screenshots land in CONVENE_ARTIFACTS.
package e2e

import (
	"context"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

const (
	edition = "zgc-2025"

	aiForum      = "未来人工智能先锋论坛" // theme ai
	aiForumEN    = "Future AI Pioneers Forum"
	nonAIForum   = "科技助残论坛" // no theme ai
	themeAI      = "ai"
	agendaPathZH = "/zh/" + edition + "/agenda"
)

// activityPathZH matches the path of an activity page of the edition in Chinese.
var activityPathZH = regexp.MustCompile(`^/zh/` + edition + `/activities/([^/]+)$`)

// activityTitlesJS lists the titles of the activities the page links to.
const activityTitlesJS = `[...document.querySelectorAll('main a[href*="/activities/"]')].map(a => a.textContent.trim())`

// activityLink is the JavaScript expression for the link to the activity
// titled title (undefined if there is none).
func activityLink(title string) string {
	return `[...document.querySelectorAll('main a[href*="/activities/"]')].find(a => a.textContent.trim() === ` + js(title) + `)`
}

func TestAgendaInBothLanguages(t *testing.T) {
	base := startSite(t)
	ctx := newBrowser(t)
	shots := artifactsDir(t)

	// 1. The agenda in Chinese, unfiltered.
	open(t, ctx, base+agendaPathZH)
	if lang := eval[string](t, ctx, `document.documentElement.lang`); !strings.HasPrefix(lang, "zh") {
		t.Errorf("agenda: <html lang=%q>, want zh…", lang)
	}
	body := eval[string](t, ctx, `document.body.innerText`)
	if !strings.Contains(body, "议程") && !strings.Contains(body, "平行论坛") {
		t.Errorf("agenda: the page shows neither 议程 nor 平行论坛")
	}
	titles := eval[[]string](t, ctx, activityTitlesJS)
	for _, want := range []string{aiForum, nonAIForum} {
		if !slices.Contains(titles, want) {
			t.Errorf("agenda: no link to %s among the %d activities listed", want, len(titles))
		}
	}
	screenshot(t, ctx, shots, "e2e-agenda-zh.png")

	// 2. Filter by theme through the form, as a visitor does: choose the
	// option, press the form's submit button.
	const themeSelect = `select[name="theme"]`
	options := eval[[]string](t, ctx, `[...document.querySelectorAll('`+themeSelect+` option')].map(o => o.value)`)
	if !slices.Contains(options, themeAI) {
		t.Fatalf("agenda: %s has no option %q (options %q)", themeSelect, themeAI, options)
	}
	if err := chromedp.Do(ctx, chromedp.SetValue(chromedp.CSS(themeSelect), themeAI)); err != nil {
		t.Fatalf("choose theme %s: %v", themeAI, err)
	}
	clickAndWait(t, ctx, "the filter form's submit button", query(`form:has(`+themeSelect+`) [type="submit"]`))
	u := location(t, ctx)
	t.Logf("filtered agenda: %s", u.RequestURI())
	if u.Path != agendaPathZH || u.Query().Get("theme") != themeAI {
		t.Errorf("filtered agenda: URL %s, want %s?…theme=%s", u, agendaPathZH, themeAI)
	}
	titles = eval[[]string](t, ctx, activityTitlesJS)
	if !slices.Contains(titles, aiForum) {
		t.Errorf("filtered agenda: %s missing (listed: %q)", aiForum, titles)
	}
	if slices.Contains(titles, nonAIForum) {
		t.Errorf("filtered agenda: %s is still listed though it is not about AI", nonAIForum)
	}
	if got := eval[string](t, ctx, `document.querySelector('`+themeSelect+`').value`); got != themeAI {
		t.Errorf("filtered agenda: the theme select shows %q, want %q kept", got, themeAI)
	}
	screenshot(t, ctx, shots, "e2e-agenda-filtered.png")

	// 3. The forum's own page.
	clickAndWait(t, ctx, "the link to "+aiForum, activityLink(aiForum))
	u = location(t, ctx)
	m := activityPathZH.FindStringSubmatch(u.Path)
	if m == nil {
		t.Fatalf("activity: URL %s, want a path like /zh/%s/activities/…", u, edition)
	}
	slug := m[1]
	if h1 := eval[string](t, ctx, `document.querySelector('h1')?.innerText ?? ''`); !strings.Contains(h1, aiForum) {
		t.Errorf("activity: h1 %q, want %s", h1, aiForum)
	}
	screenshot(t, ctx, shots, "e2e-activity-zh.png")

	// 4. The same page in English, through the language switch.
	clickAndWait(t, ctx, "the language switch", query(`a[href*="/en/"]`))
	u = location(t, ctx)
	if want := "/en/" + edition + "/activities/" + slug; u.Path != want {
		t.Errorf("English page: URL %s, want path %s", u, want)
	}
	if lang := eval[string](t, ctx, `document.documentElement.lang`); lang != "en" && !strings.HasPrefix(lang, "en-") {
		t.Errorf("English page: <html lang=%q>, want en", lang)
	}
	if h1 := eval[string](t, ctx, `document.querySelector('h1')?.innerText ?? ''`); !strings.Contains(h1, aiForumEN) {
		t.Errorf("English page: h1 %q, want %s", h1, aiForumEN)
	}
	screenshot(t, ctx, shots, "e2e-activity-en.png")
}

func TestAgendaOnPhone(t *testing.T) {
	const width, height = 375, 812
	base := startSite(t)
	ctx := newBrowser(t)
	shots := artifactsDir(t)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(width, height, chromedp.EmulateMobile, chromedp.EmulatePortrait)); err != nil {
		t.Fatalf("emulate a %d×%d phone: %v", width, height, err)
	}

	open(t, ctx, base+agendaPathZH)
	checkNoHorizontalScroll(t, ctx, "agenda", width)
	screenshot(t, ctx, shots, "e2e-agenda-phone.png")

	href := eval[string](t, ctx, activityLinkHrefJS(aiForum))
	if href == "" {
		t.Fatalf("agenda: no link to %s", aiForum)
	}
	open(t, ctx, href)
	checkNoHorizontalScroll(t, ctx, "activity "+aiForum, width)
	screenshot(t, ctx, shots, "e2e-activity-phone.png")
}

// activityLinkHrefJS evaluates to the absolute URL of the link to the
// activity titled title, or "".
func activityLinkHrefJS(title string) string {
	return `(` + activityLink(title) + `)?.href ?? ''`
}

// checkNoHorizontalScroll fails the test if the page is wider than the
// viewport, naming the elements that stick out.
func checkNoHorizontalScroll(t *testing.T, ctx context.Context, page string, width int) {
	t.Helper()
	sw := eval[int](t, ctx, `document.documentElement.scrollWidth`)
	if sw <= width+1 {
		return
	}
	// Name the culprits, innermost first: boxes that reach past the
	// viewport's right edge and boxes whose content spills out of them (long
	// words, wide tables).
	wide := eval[[]string](t, ctx, `[...document.querySelectorAll('body *')]
		.map(e => ({e, r: e.getBoundingClientRect()}))
		.filter(({e, r}) => r.right > `+strconv.Itoa(width+1)+` ||
			(e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX === 'visible' && r.left + e.scrollWidth > `+strconv.Itoa(width+1)+`))
		.filter((x, i, all) => !all.some(y => y !== x && x.e.contains(y.e))) // innermost only
		.slice(0, 10)
		.map(({e, r}) => e.tagName.toLowerCase() + (typeof e.className === 'string' && e.className.trim() ? '.' + e.className.trim().split(/\s+/).join('.') : '') +
			' right=' + Math.round(r.right) + ' scrollWidth=' + e.scrollWidth)`)
	t.Errorf("%s: scrollWidth %d px on a %d px wide phone (horizontal scrolling); sticking out: %q", page, sw, width, wide)
}
