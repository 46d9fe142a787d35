package app_test

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"convene/internal/program"
	"convene/internal/sqlstore"
	"convene/internal/testkit"
)

// store is a database of one engine with the sample data, reachable both by
// command-line flags and by a direct connection for counting rows.
type store struct {
	args  []string
	count func(t *testing.T) string // row counts of every program table
}

func demoStore(t *testing.T, engine string) store {
	t.Helper()
	args := storageArgs(t, engine)
	if code, _, errOut := run(t, nil, append([]string{"demo"}, args...)...); code != 0 {
		t.Fatalf("demo: %s", errOut)
	}
	driver, dsn := "pgx", args[1]
	if engine == "sqlite" {
		driver, dsn = "sqlite", "file:"+filepath.Join(args[1], "convene.db")+"?_pragma=busy_timeout(5000)"
	}
	return store{args: args, count: func(t *testing.T) string {
		t.Helper()
		db, err := sql.Open(driver, dsn)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		var b strings.Builder
		for _, table := range []string{"events", "sections", "activities", "activity_hosts", "activity_speakers", "activity_themes",
			"organisations", "people", "person_honours", "venues", "rooms", "themes", "theme_days", "releases"} {
			var n int
			if err := db.QueryRow(`SELECT COUNT(*) FROM ` + table).Scan(&n); err != nil {
				t.Fatal(err)
			}
			fmt.Fprintf(&b, "%s=%d ", table, n)
		}
		var versions string
		if err := db.QueryRow(`SELECT string_agg(slug || ':' || version, ',') FROM (SELECT slug, version FROM events ORDER BY slug) e`).Scan(&versions); err != nil {
			if err := db.QueryRow(`SELECT group_concat(slug || ':' || version, ',') FROM (SELECT slug, version FROM events ORDER BY slug)`).Scan(&versions); err != nil {
				t.Fatal(err)
			}
		}
		return b.String() + versions
	}}
}

func (s store) run(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	return run(t, nil, append(args, s.args...)...)
}

func (s store) export(t *testing.T, event, format string) []byte {
	t.Helper()
	out := filepath.Join(t.TempDir(), "program."+format)
	if code, _, errOut := s.run(t, "export", "--event", event, "--format", format, "--lang", "en", "--out", out); code != 0 {
		t.Fatalf("export %s %s: %s", event, format, errOut)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// importFile imports data (flags before the file name) and returns exit code, stdout, stderr.
func (s store) importFile(t *testing.T, event string, data []byte) (int, string, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "upload.xlsx") // the name says nothing: content decides
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return run(t, nil, append(append([]string{"import", "--event", event}, s.args...), path)...)
}

func stats(t *testing.T, s store, event string) program.Stats {
	t.Helper()
	cfg := sqlstore.Config{DataDir: s.args[1]}
	if s.args[0] == "--database-url" {
		cfg = sqlstore.Config{DatabaseURL: s.args[1]}
	}
	db, err := sqlstore.Open(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	st, _, err := program.NewCatalog(db, testkit.Clock).Stats(context.Background(), event)
	if err != nil {
		t.Fatal(err)
	}
	st.Event = "" // the edition's identity is all that may differ
	return st
}

// TestProgramSpreadsheets runs the import/export suite on each engine, on
// one database with the sample data (loading it is the slow part).
func TestProgramSpreadsheets(t *testing.T) {
	t.Parallel()
	for _, engine := range testkit.Engines(t) {
		t.Run(engine, func(t *testing.T) {
			t.Parallel()
			s := demoStore(t, engine)
			t.Run("round trip", func(t *testing.T) { roundTrip(t, s, engine) })
			t.Run("broken files", func(t *testing.T) { refusesBrokenFiles(t, s, engine) })
			if engine == "sqlite" { // reading GBK is the same code on every engine
				t.Run("template and gbk", func(t *testing.T) { templateAndGBK(t, s) })
			}
			t.Run("differences", func(t *testing.T) { appliesDifferences(t, s, engine) })
		})
	}
}

// roundTrip: export → import into a fresh edition → export
// gives identical files, and both editions have the same figures; importing
// the same file again changes nothing.
func roundTrip(t *testing.T, s store, engine string) {
	for _, format := range []string{"xlsx", "csv"} {
		orig := s.export(t, "zgc-2025", format)
		if again := s.export(t, "zgc-2025", format); !bytes.Equal(orig, again) {
			t.Fatalf("%s: two exports of the same program differ", format)
		}
		copySlug := "copy-" + format
		code, out, errOut := s.importFile(t, copySlug, orig)
		if code != 0 || !strings.Contains(out, "created edition "+copySlug) {
			t.Fatalf("%s: import into a new edition: %d %s %s", format, code, out, errOut)
		}
		if got := s.export(t, copySlug, format); !bytes.Equal(orig, got) {
			t.Errorf("%s: export of the imported edition differs from the original export", format)
		}
		if format == "csv" {
			continue // identical exports mean identical programs; figures and re-import are checked once, on xlsx
		}
		if a, b := stats(t, s, "zgc-2025"), stats(t, s, copySlug); !reflect.DeepEqual(a, b) {
			t.Errorf("%s: figures differ:\n%+v\n%+v", format, a, b)
		}
		before := s.count(t)
		code, out, _ = s.importFile(t, copySlug, orig)
		if code != 0 || !strings.Contains(out, "no changes") {
			t.Errorf("%s: re-import: %d %s", format, code, out)
		}
		if after := s.count(t); after != before {
			t.Errorf("%s: re-import wrote:\n%s\n%s", format, before, after)
		}
	}
}

// appliesDifferences: a changed file moves, retitles, adds and
// removes activities and speakers in one step, bumps the version and reports
// each difference.
func appliesDifferences(t *testing.T, s store, engine string) {
	orig := string(s.export(t, "zgc-2025", "csv"))
	lines := strings.Split(orig, "\r\n")
	var changed []string
	removed := ""
	for _, l := range lines {
		switch {
		case strings.HasPrefix(l, "opening,opening,"):
			l = strings.Replace(l, ",2025-03-27,09:00,11:30,", ",2025-03-27,14:00,16:30,", 1)
			changed = append(changed, l, strings.Replace(strings.Replace(l, "opening,opening,", "opening-2,opening,", 1), "开幕式", "第二开幕式", 1))
			continue
		case removed == "" && strings.Contains(l, ",parallel-forum,forums,") && !strings.Contains(l, "release"):
			removed = strings.SplitN(l, ",", 2)[0]
			continue
		}
		changed = append(changed, l)
	}
	before := s.count(t)
	path := filepath.Join(t.TempDir(), "changed.csv")
	if err := os.WriteFile(path, []byte(strings.Join(changed, "\r\n")), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := run(t, nil, append(append([]string{"import", "--dry-run", "--event", "zgc-2025"}, s.args...), path)...)
	if code != 0 || !strings.Contains(out, "dry run, nothing written") || !strings.Contains(out, "activity opening-2: added") {
		t.Fatalf("dry run: %d %s %s", code, out, errOut)
	}
	if after := s.count(t); after != before {
		t.Fatalf("a dry run wrote:\n%s\n%s", before, after)
	}
	code, out, errOut = s.importFile(t, "zgc-2025", []byte(strings.Join(changed, "\r\n")))
	if code != 0 {
		t.Fatalf("import: %s", errOut)
	}
	for _, w := range []string{"the working copy is now at revision 2", "published as version 2 of the public program", "activity opening: start 09:00 → 14:00; end 11:30 → 16:30",
		"activity opening-2: added", "activity " + removed + ": removed"} {
		if !strings.Contains(out, w) {
			t.Errorf("report lacks %q:\n%s", w, out)
		}
	}
	if after := s.count(t); after == before || !strings.Contains(after, "zgc-2025:2") {
		t.Errorf("counts/versions after a changed import: %s", after)
	}
	// The new export is the changed file, and importing it again changes nothing.
	now := s.export(t, "zgc-2025", "csv")
	code, out, _ = s.importFile(t, "zgc-2025", now)
	if code != 0 || !strings.Contains(out, "no changes") {
		t.Errorf("re-import of the new export: %s", out)
	}
	// And the original file puts everything back.
	code, out, _ = s.importFile(t, "zgc-2025", []byte(orig))
	if code != 0 || !strings.Contains(out, "version 3") {
		t.Errorf("restoring import: %s", out)
	}
	if got := s.export(t, "zgc-2025", "csv"); string(got) != orig {
		t.Errorf("restoring import did not restore the program")
	}
	// A person the database lacks is added; a differing organisation is reported and left alone.
	withPerson := strings.Replace(orig, "\r\n\r\n#venues", "\r\nnewbie,新人,Newbie,,,,,CN,,no\r\n\r\n#venues", 1)
	withPerson = strings.Replace(withPerson, "\r\nmost,科学技术部,", "\r\nmost,科技部（改）,", 1)
	code, out, _ = s.importFile(t, "zgc-2025", []byte(withPerson))
	if code != 0 || !strings.Contains(out, "note: person newbie: new, added") || !strings.Contains(out, "note: organisation most: name_zh 科学技术部 → 科技部（改）") {
		t.Errorf("registers: %s", out)
	}
	code, out, _ = s.importFile(t, "zgc-2025", []byte(withPerson))
	if code != 0 || strings.Contains(out, "newbie") {
		t.Errorf("registers again: %s", out)
	}
}

// refusesBrokenFiles: every broken file gives a report naming the
// line and column, exit code 1, and writes nothing.
func refusesBrokenFiles(t *testing.T, s store, engine string) {
	csvText := string(s.export(t, "zgc-2025", "csv"))
	xlsxData := s.export(t, "zgc-2025", "xlsx")
	replace := func(old, new string) []byte {
		if !strings.Contains(csvText, old) {
			t.Fatalf("export lacks %q", old)
		}
		return []byte(strings.Replace(csvText, old, new, 1))
	}
	formula := func() []byte {
		f, err := excelize.OpenReader(bytes.NewReader(xlsxData))
		if err != nil {
			t.Fatal(err)
		}
		f.SetCellFormula("activities", "O3", "100*3")
		var b bytes.Buffer
		if err := f.Write(&b); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	// GBK cannot encode every character of the sample; a file of the edition's activities header and first row can.
	acts := strings.Split(strings.Split(csvText, "#activities\r\n")[1], "\r\n")
	gbkBad, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte("#activities\r\n" + acts[0] + "\r\n" +
		strings.Replace(acts[1], ",2025-03-27,09:00,11:30,", ",2025-03-27,11:30,09:00,", 1) + "\r\n"))
	if err != nil {
		t.Fatal(err)
	}
	// The first activity is on line 15 of the CSV export (marker, header and rows of edition and sections first).
	cases := map[string]struct {
		data []byte
		want []string
	}{
		"wrong column":    {replace("slug,kind,section,title_zh", "slug,kind,sektion,title_zh"), []string{`column "sektion": unknown column`, `missing required column "section"`}},
		"bad date":        {replace(",2025-03-27,09:00,11:30,", ",2025-13-27,09:00,11:30,"), []string{`line 15, column "date": "2025-13-27" is not a date`}},
		"end before":      {replace(",2025-03-27,09:00,11:30,", ",2025-03-27,11:30,09:00,"), []string{`line 15, column "end": the activity ends`}},
		"unknown room":    {replace(",iic-main-hall,2025-03-27,09:00", ",no-such-room,2025-03-27,09:00"), []string{`line 15, column "room": unknown room "no-such-room"`}},
		"unknown person":  {replace("hans-bruckner:keynote", "nobody:keynote"), []string{`line 15, column "speakers": unknown person "nobody"`}},
		"duplicate slug":  {replace("\r\n#organisations", "\r\n"+strings.Split(strings.Split(csvText, "\r\nopening,")[1], "\r\n")[0]+"\r\n#organisations"), nil},
		"gbk, bad times":  {gbkBad, []string{`line 3, column "end": the activity ends`}},
		"formula":         {formula(), []string{`sheet activities, line 3, column "O": cell O3 holds the formula =100*3`}},
		"renamed text":    {[]byte("%PDF-1.7\n\x00\x01binary"), []string{"not a spreadsheet"}},
		"not utf-8":       {append([]byte(csvText[:200]), 0xff, 0xff, 0xff), []string{"malformed text"}},
		"truncated xlsx":  {xlsxData[:len(xlsxData)/2], []string{"not a spreadsheet"}},
		"too large":       {bytes.Repeat([]byte("x,"), 11<<20), []string{"limit of 20 MB"}},
		"unknown section": {replace("opening,opening,forums,", "opening,opening,nowhere,"), []string{`line 15, column "section": unknown section "nowhere"`}},
	}
	before := s.count(t)
	for name, tc := range cases {
		events := []string{"zgc-2025"}
		if strings.Contains("wrong column|unknown room|formula|duplicate slug", name) {
			events = append(events, "fresh") // the checks are the same for a new edition; a few prove it
		}
		for _, event := range events {
			code, out, errOut := s.importFile(t, event, tc.data)
			if code != 1 || !strings.Contains(errOut, "nothing was imported") {
				t.Errorf("%s into %s: exit %d, out %q, err %q", name, event, code, out, errOut)
				continue
			}
			for _, w := range tc.want {
				if !strings.Contains(errOut, w) {
					t.Errorf("%s into %s: report lacks %q:\n%s", name, event, w, errOut)
				}
			}
			if name == "duplicate slug" && !strings.Contains(errOut, "duplicate row: slug \"opening\" already on line 15") {
				t.Errorf("duplicate: %s", errOut)
			}
		}
	}
	if after := s.count(t); after != before {
		t.Errorf("a refused import wrote:\n%s\n%s", before, after)
	}
}

// templateAndGBK: the template in either language fills in by hand; a
// GBK-encoded CSV with Chinese headers imports.
func templateAndGBK(t *testing.T, s store) {
	// copy-csv is the copy of zgc-2025 the round trip made.
	for _, lang := range []string{"zh", "en"} {
		code, out, errOut := run(t, nil, "export", "--template", "--lang", lang, "--format", "csv")
		if code != 0 || !strings.Contains(out, "#activities") && !strings.Contains(out, "#活动") {
			t.Fatalf("template %s: %s %s", lang, out, errOut)
		}
	}
	orig := string(s.export(t, "copy-csv", "csv"))
	// A file of activities alone replaces the activity list: keep the others.
	acts := strings.Split(strings.Split(orig, "#activities\r\n")[1], "\r\n\r\n")[0]
	rows := strings.SplitN(acts, "\r\n", 2)[1]
	zhHeader := "标识,类型,板块,标题（中文）,标题（英文）,简介（中文）,简介（英文）,系列,面向,主题,会场,日期,开始时间,结束时间,容量,语言,同传,直播链接,开播时间,状态,主办单位,嘉宾,示例数据"
	file := "#活动\r\n" + zhHeader + "\r\n" + rows + "\r\n" +
		"gbk-forum,parallel-forum,forums,国标编码论坛,GBK Forum,,,gbk,,,iic-main-hall,2025-03-30,09:00,11:00,,zh,否,,,published,most:host,hans-bruckner:speaker,否\r\n"
	gbk, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(file))
	if err != nil {
		t.Fatal(err)
	}
	code, out, errOut := s.importFile(t, "copy-csv", gbk)
	if code != 0 || !strings.Contains(out, "activity gbk-forum: added") || strings.Count(out, "\n  ") != 1 {
		t.Fatalf("gbk import: %d %s %s", code, out, errOut)
	}
	if got := string(s.export(t, "copy-csv", "csv")); !strings.Contains(got, "gbk-forum,parallel-forum,forums,国标编码论坛,GBK Forum") {
		t.Errorf("the GBK forum is not in the export")
	}
}
