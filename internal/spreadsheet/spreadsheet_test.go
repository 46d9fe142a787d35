package spreadsheet

import (
	"bytes"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"convene/internal/program"
)

// sampleCSV is a small hand-written program: one edition, one section, two
// activities, a room and an organisation, in Chinese headers.
const sampleCSV = `#年会
名称（中文）,名称（英文）,开始日期,结束日期,时区
测试年会,Test Meeting,2025-03-27,2025-03-28,Asia/Shanghai
#板块
标识,名称（中文）,名称（英文）,顺序
forums,论坛,Forums,1
#场馆
标识,名称（中文）
hall,会展中心
#会场
标识,场馆,名称（中文）,容量
room-a,hall,A厅,300
#机构
标识,名称（中文）,类型,国家或地区
most,科学技术部,ministry,CN
#活动
标识,类型,板块,标题（中文）,会场,日期,开始时间,结束时间,主办单位,状态
ai,parallel-forum,forums,人工智能论坛,room-a,2025-03-27,09:00,12:00,most:host,published
quantum,parallel-forum,forums,量子论坛,room-a,2025/3/28,14:00,17:30,most,published
`

func decodeCSV(t *testing.T, data []byte) (*Parsed, error) {
	t.Helper()
	sheets, format, err := Read(data)
	if err != nil {
		return nil, err
	}
	if format != FormatCSV {
		t.Fatalf("format %s, want csv", format)
	}
	return Decode(sheets, Options{})
}

func TestDecodeCSVInEveryEncoding(t *testing.T) {
	gbk, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(sampleCSV))
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string][]byte{
		"utf-8":     []byte(sampleCSV),
		"utf-8 bom": append([]byte("\ufeff"), sampleCSV...),
		"gbk":       gbk,
		"crlf":      []byte(strings.ReplaceAll(sampleCSV, "\n", "\r\n")),
	} {
		t.Run(name, func(t *testing.T) {
			p, err := decodeCSV(t, data)
			if err != nil {
				t.Fatal(err)
			}
			ed := p.Edition()
			if len(ed.Activities) != 2 || ed.Activities[0].Title.ZH != "人工智能论坛" || ed.Event.Name.ZH != "测试年会" {
				t.Fatalf("decoded %+v", ed)
			}
			q := ed.Activities[1]
			if got := q.StartsAt.Format("2006-01-02T15:04Z07:00"); got != "2025-03-28T06:00Z" {
				t.Errorf("quantum starts %s (UTC), want 2025-03-28T06:00Z", got)
			}
			if len(q.Hosts) != 1 || q.Hosts[0].Role != program.RoleHost {
				t.Errorf("default host role: %+v", q.Hosts)
			}
		})
	}
}

// TestDecodeReportsEveryProblem: one file with many faults gives one problem
// per fault, each with its line and column.
func TestDecodeReportsEveryProblem(t *testing.T) {
	bad := strings.Replace(sampleCSV, "quantum,parallel-forum,forums,量子论坛,room-a,2025/3/28,14:00,17:30,most,published\n",
		"quantum,parallel-forum,forums,量子论坛,room-a,2025/3/28,14:00,17:30,most,published\n"+
			"ai,parallel-forum,forums,重复,room-a,2025-03-27,09:00,12:00,most,published\n"+ // line 20: duplicate slug
			"late,parallel-forum,forums,倒序,room-a,2025-03-27,14:00,13:00,most,published\n"+ // 21: end before start
			"nowhere,parallel-forum,forums,未知,room-z,2025-03-27,09:00,10:00,who:host,published\n"+ // 22: unknown room, org
			"baddate,parallel-forum,nosec,坏日期,room-a,2025-02-30,9点,10:00,most,published\n"+ // 23: date, time, section
			"Kind,talk,forums,类型,room-a,2025-03-27,09:00,10:00,most:chair,live\n"+ // 24: slug, kind, role, status
			"outside,parallel-forum,forums,会外,room-a,2025-04-27,09:00,10:00,most,published\n"+ // 25: outside the edition
			"twice,parallel-forum,forums,重复主办,room-a,2025-03-27,09:00,10:00,most;most:host,published\n"+ // 26: host twice
			"calc,parallel-forum,forums,=1+2,room-a,2025-03-27,09:00,10:00,most,published\n", // 27: formula text
		1)
	_, err := decodeCSV(t, []byte(bad))
	rep, ok := err.(Report)
	if !ok {
		t.Fatalf("want a Report, got %v", err)
	}
	checkBilingual(t, rep)
	want := []string{
		`line 20, column "标识": duplicate row`,
		`line 21, column "结束时间": the activity ends`,
		`line 22, column "会场": unknown room "room-z"`,
		`line 22, column "主办单位": unknown organisation "who"`,
		`line 23, column "日期": "2025-02-30" is not a date`,
		`line 23, column "开始时间": "9点" is not a time`,
		`line 23, column "板块": unknown section "nosec"`,
		`line 24, column "标识": "Kind": identifiers use`,
		`line 24, column "类型": unknown value "talk"`,
		`line 24, column "主办单位": "most:chair": unknown role`,
		`line 24, column "状态": unknown value "live"`,
		`line 25, column "日期": 2025-04-27 is outside the edition`,
		`line 26, column "主办单位": "most:host" is listed twice`,
		`line 27, column "标题（中文）": "=1+2" looks like a formula`,
	}
	text := rep.Error()
	for _, w := range want {
		if !strings.Contains(text, w) {
			t.Errorf("report lacks %q:\n%s", w, text)
		}
	}
}

func TestDecodeHeaderProblems(t *testing.T) {
	for name, tc := range map[string]struct{ csv, want string }{
		"unknown column": {"slug,kind,section,colour\nx,opening,forums,red\n", `line 1, column "colour": unknown column`},
		"missing column": {"slug,section\nx,forums\n", `missing required column "kind"`},
		"twice":          {"slug,kind,section,slug\nx,opening,forums,x\n", `column "slug": the column appears twice`},
		"unknown sheet":  {"#agenda\nslug\nx\n", `sheet agenda: unknown sheet`},
		"quote":          {"slug,kind,section\n\"x,opening\n", `malformed CSV`},
	} {
		t.Run(name, func(t *testing.T) {
			sheets, _, err := Read([]byte(tc.csv))
			if err == nil {
				_, err = Decode(sheets, Options{Event: program.Event{Slug: "e", TimeZone: "Asia/Shanghai"}, Known: func(string, string) bool { return true }})
			}
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %v, want %q", err, tc.want)
			}
			checkBilingual(t, err)
		})
	}
}

func TestReadRefuses(t *testing.T) {
	f := excelize.NewFile()
	f.SetCellValue("Sheet1", "A1", "slug")
	f.SetCellFormula("Sheet1", "B7", "SUM(A1:A3)")
	var formula bytes.Buffer
	if err := f.Write(&formula); err != nil {
		t.Fatal(err)
	}
	for name, tc := range map[string]struct {
		data []byte
		want string
	}{
		"renamed png":   {[]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), "not a spreadsheet"},
		"zip not xlsx":  {[]byte("PK\x03\x04garbage that is not a zip archive"), "not a spreadsheet"},
		"too large":     {bytes.Repeat([]byte("a,b\n"), MaxSize/4+1), "more than the limit"},
		"formula":       {formula.Bytes(), `line 7, column "B": cell B7 holds the formula =SUM(A1:A3)`},
		"bad utf-8/gbk": {[]byte("slug,kind\nx,\xff\xfe\xff\n"), "line 2: malformed text"},
	} {
		t.Run(name, func(t *testing.T) {
			_, _, err := Read(tc.data)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %v, want %q", err, tc.want)
			}
			checkBilingual(t, err)
		})
	}
}

// TestWriteDeterministic: the same tables give the same bytes, and what is
// written reads back as the same tables, in both header languages.
func TestWriteReadBack(t *testing.T) {
	p, err := decodeCSV(t, []byte(sampleCSV))
	if err != nil {
		t.Fatal(err)
	}
	tables := Tables(&p.Dataset)
	for _, lang := range []string{"zh", "en"} {
		for _, format := range []string{"xlsx", "csv"} {
			var a, b bytes.Buffer
			write := WriteXLSX
			if format == "csv" {
				write = WriteCSV
			}
			if err := write(&a, tables, lang); err != nil {
				t.Fatal(err)
			}
			if err := write(&b, tables, lang); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(a.Bytes(), b.Bytes()) {
				t.Errorf("%s %s: two writes differ", format, lang)
			}
			sheets, got, err := Read(a.Bytes())
			if err != nil || string(got) != format {
				t.Fatalf("%s %s: read back: %v (%s)", format, lang, err, got)
			}
			back, err := Decode(sheets, Options{})
			if err != nil {
				t.Fatalf("%s %s: decode back: %v", format, lang, err)
			}
			if d := Diff(tables, Tables(&back.Dataset)); len(d) > 0 {
				t.Errorf("%s %s: read back differs: %v", format, lang, d)
			}
		}
	}
}

func FuzzReadCSV(f *testing.F) {
	f.Add([]byte(sampleCSV))
	f.Add([]byte("\ufeffslug,kind,section\nx,opening,forums\n"))
	f.Add([]byte("#activities\n\"a\"\"b\",c\n"))
	f.Add([]byte("slug,date,start,end\nx,45743,0.375,2025-03-28 0.5\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		sheets, _, err := Read(data)
		if err != nil {
			return
		}
		_, _ = Decode(sheets, Options{Event: program.Event{Slug: "e", TimeZone: "Asia/Shanghai", StartDate: "2025-03-27", EndDate: "2025-03-31"}})
	})
}

func FuzzReadXLSX(f *testing.F) {
	p, err := Decode(mustRead(f, []byte(sampleCSV)), Options{})
	if err != nil {
		f.Fatal(err)
	}
	var full, tmpl bytes.Buffer
	if err := WriteXLSX(&full, Tables(&p.Dataset), "zh"); err != nil {
		f.Fatal(err)
	}
	if err := WriteXLSX(&tmpl, Template(), "en"); err != nil {
		f.Fatal(err)
	}
	f.Add(full.Bytes())
	f.Add(tmpl.Bytes())
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, data []byte) {
		sheets, _, err := Read(data)
		if err != nil {
			return
		}
		_, _ = Decode(sheets, Options{})
	})
}

func mustRead(t testing.TB, data []byte) []RawSheet {
	t.Helper()
	s, _, err := Read(data)
	if err != nil {
		t.Fatal(err)
	}
	return s
}
