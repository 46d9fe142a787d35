package e2e

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"convene/internal/accounts"
	"convene/internal/sqlstore"
)

// TestEditorAndPublication: an editor of MOST signs in, edits the forum MOST
// hosts, cannot open a forum another organisation hosts; the public still
// sees the published version; the secretariat publishes, and the public page
// and the changelog show the change (a title with markup shows as text).
func TestEditorAndPublication(t *testing.T) {
	dataDir := t.TempDir()
	base := startSiteIn(t, dataDir)
	ctx := context.Background()
	db, err := sqlstore.Open(ctx, sqlstore.Config{DataDir: dataDir})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	acc := accounts.New(db, func() time.Time { return fixedNow })
	const editorPassword, adminPassword = "editor password of MOST", "secretariat password"
	if _, err := acc.AddUser(ctx, "editor@most.example", "", accounts.RoleEditor, []string{"most"}, editorPassword); err != nil {
		t.Fatal(err)
	}
	if _, err := acc.AddUser(ctx, "desk@secretariat.example", "", accounts.RoleAdmin, nil, adminPassword); err != nil {
		t.Fatal(err)
	}

	bctx := newBrowser(t)
	shots := artifactsDir(t)
	signIn := func(email, password, next string) {
		t.Helper()
		open(t, bctx, base+"/en/login?next="+next)
		if err := chromedp.Do(bctx, chromedp.SetValue(chromedp.CSS(`#login-email`), email),
			chromedp.SetValue(chromedp.CSS(`#login-password`), password)); err != nil {
			t.Fatal(err)
		}
		clickAndWait(t, bctx, "the sign-in button", query(`form[action$="/login"] button[type="submit"]`))
		if got := location(t, bctx).Path; got != next {
			t.Fatalf("after signing in as %s: at %s, want %s", email, got, next)
		}
	}
	const forum = "/en/" + edition + "/activities/quantum-innovation"
	const newTitle = "Quantum Forum <b>2025</b>"

	// 1. The editor edits their forum.
	signIn("editor@most.example", editorPassword, "/en/"+edition+"/admin/activities")
	clickAndWait(t, bctx, "the forum's edit link", `[...document.querySelectorAll('a')].find(a => a.pathname.endsWith('/admin/activities/quantum-innovation'))`)
	if eval[bool](t, bctx, `!!document.querySelector('select[name="room"]')`) {
		t.Error("the editor's form offers the room, which is the secretariat's")
	}
	if err := chromedp.Do(bctx, chromedp.SetValue(chromedp.CSS(`#f-title_en`), newTitle)); err != nil {
		t.Fatal(err)
	}
	clickAndWait(t, bctx, "save", query(`form.stacked button[type="submit"]`))
	if notice := eval[string](t, bctx, `document.querySelector('.notice')?.innerText ?? ''`); !strings.Contains(notice, "Saved (draft)") || !strings.Contains(notice, "Title (English)") {
		t.Errorf("after saving: notice %q", notice)
	}
	screenshot(t, bctx, shots, "e2e-editor-saved-en.png")

	// 2. Another organisation's forum is out of reach.
	resp, err := chromedp.RunResponse(bctx, chromedp.Navigate(base+"/en/"+edition+"/admin/activities/national-innovation-index-release"))
	if err != nil {
		t.Fatal(err)
	}
	if resp == nil || resp.Status != 403 {
		t.Errorf("the editor opening CASTED's release event: %s, want 403", status(resp))
	}

	// 3. The public still sees the published title.
	open(t, bctx, base+forum)
	if h1 := eval[string](t, bctx, `document.querySelector('h1').innerText`); h1 == newTitle {
		t.Fatal("the public page shows the draft before it is published")
	}

	// 4. The secretariat publishes.
	if _, err := chromedp.Call(bctx, network.ClearBrowserCookies, cdp.Empty{}); err != nil {
		t.Fatal(err)
	}
	signIn("desk@secretariat.example", adminPassword, "/en/"+edition+"/admin/publish")
	preview := eval[string](t, bctx, `document.querySelector('main').innerText`)
	if !strings.Contains(preview, "renamed “"+newTitle+"”") || !strings.Contains(preview, "What version 2 will change") {
		t.Errorf("publish preview:\n%s", preview)
	}
	clickAndWait(t, bctx, "publish", query(`form[action$="/admin/publish"] button`))
	if notice := eval[string](t, bctx, `document.querySelector('.notice')?.innerText ?? ''`); !strings.Contains(notice, "Version 2 is published.") {
		t.Errorf("after publishing: notice %q", notice)
	}
	screenshot(t, bctx, shots, "e2e-published-en.png")
	open(t, bctx, base+"/en/"+edition+"/admin/timetable?day=2025-03-28")
	screenshot(t, bctx, shots, "e2e-timetable-board-en.png")

	// 5. The public page and the changelog show the change, markup as text.
	open(t, bctx, base+forum)
	if h1 := eval[string](t, bctx, `document.querySelector('h1').innerText`); h1 != newTitle {
		t.Errorf("public page after publishing: h1 %q, want %q", h1, newTitle)
	}
	if eval[bool](t, bctx, `!!document.querySelector('h1 b')`) {
		t.Error("the title's markup became an element")
	}
	open(t, bctx, base+"/en/"+edition+"/changelog")
	log := eval[string](t, bctx, `document.querySelector('#v2')?.innerText ?? ''`)
	if !strings.Contains(log, "Version 2") || !strings.Contains(log, "renamed “"+newTitle+"”") {
		t.Errorf("changelog version 2:\n%s", log)
	}
	screenshot(t, bctx, shots, "e2e-changelog-en.png")
}
