package app_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"convene/internal/app"
	"convene/internal/spreadsheet"
	"convene/internal/testkit"
)

// scaledWorkbook is the sample 2025 program grown to n activities (copies of
// its activities under new slugs), as an XLSX workbook.
func scaledWorkbook(b *testing.B, n int) []byte {
	b.Helper()
	db := testkit.DemoDB(b, "sqlite")
	ds, err := db.EditionDataset(context.Background(), "zgc-2025")
	if err != nil {
		b.Fatal(err)
	}
	ed := &ds.Editions[0]
	base := ed.Activities
	for k := 2; len(ed.Activities) < n; k++ {
		for _, a := range base {
			if len(ed.Activities) == n {
				break
			}
			a.Slug = fmt.Sprintf("%s-k%d", a.Slug, k)
			ed.Activities = append(ed.Activities, a)
		}
	}
	var buf bytes.Buffer
	if err := spreadsheet.WriteXLSX(&buf, spreadsheet.Tables(ds), "zh"); err != nil {
		b.Fatal(err)
	}
	return buf.Bytes()
}

// BenchmarkImportWorkbook2000 imports a 2,000-activity workbook into a new
// edition through the command (read, check every cell, write in one
// transaction) on SQLite; BenchmarkCheckWorkbook2000 is the reading and
// checking alone.
func BenchmarkImportWorkbook2000(b *testing.B) {
	data := scaledWorkbook(b, 2000)
	dir := b.TempDir()
	path := filepath.Join(dir, "program.xlsx")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		b.Fatal(err)
	}
	env := func(args ...string) app.Env {
		var out, errOut bytes.Buffer
		return app.Env{Args: args, Getenv: func(string) string { return "" }, Stdin: strings.NewReader(""),
			Stdout: &out, Stderr: &errOut, Now: testkit.Clock}
	}
	if code := app.Main(context.Background(), env("demo", "--data", dir)); code != 0 {
		b.Fatal("demo failed")
	}
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		e := env("import", "--event", fmt.Sprintf("bench-%d", i), "--data", dir, path)
		if code := app.Main(context.Background(), e); code != 0 {
			b.Fatalf("import: %s", e.Stderr)
		}
	}
	b.ReportMetric(2000, "activities/op")
}

func BenchmarkCheckWorkbook2000(b *testing.B) {
	data := scaledWorkbook(b, 2000)
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for b.Loop() {
		sheets, _, err := spreadsheet.Read(data)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := spreadsheet.Decode(sheets, spreadsheet.Options{Known: func(string, string) bool { return true }}); err != nil {
			b.Fatal(err)
		}
	}
}
