package spreadsheet

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode"
)

func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

// checkBilingual fails unless err is a non-empty Report whose every problem
// has an English and a Chinese text, both fully formatted, and is located
// the same way by In in both languages.
func checkBilingual(t *testing.T, err error) {
	t.Helper()
	rep, ok := err.(Report)
	if !ok || len(rep) == 0 {
		t.Fatalf("want a non-empty Report, got %v", err)
	}
	for _, p := range rep {
		if p.Message == "" || !hasHan(p.ZH) {
			t.Errorf("%s: no Chinese text: ZH %q", p, p.ZH)
		}
		if strings.Contains(p.Message, "%!") || strings.Contains(p.ZH, "%!") {
			t.Errorf("badly formatted: en %q, zh %q", p.Message, p.ZH)
		}
		if en := p.In("en"); en != p.String() {
			t.Errorf("In(en) %q, String %q", en, p.String())
		}
		zh := p.In("zh")
		if !strings.HasSuffix(zh, p.ZH) {
			t.Errorf("In(zh) %q does not end with ZH %q", zh, p.ZH)
		}
		for _, part := range []struct {
			on   bool
			text string
		}{
			{p.Sheet != "", "工作表 " + p.Sheet},
			{p.Line > 0, fmt.Sprintf("第 %d 行", p.Line)},
			{p.Column != "", "“" + p.Column + "”列"},
		} {
			if part.on && !strings.HasPrefix(zh, part.text) && !strings.Contains(zh, "，"+part.text) {
				t.Errorf("In(zh) %q lacks %q", zh, part.text)
			}
		}
	}
	if got := rep.In("zh"); len(got) != len(rep) || got[0] != rep[0].In("zh") {
		t.Errorf("Report.In(zh) = %q", got)
	}
}

func TestProblemIn(t *testing.T) {
	p := Problem{Sheet: "活动", Line: 12, Column: "开始时间", Message: "the activity ends (09:00) before or when it starts (10:00)", ZH: "活动结束时间（09:00）不晚于开始时间（10:00）"}
	for lang, want := range map[string]string{
		"zh": "工作表 活动，第 12 行，“开始时间”列：活动结束时间（09:00）不晚于开始时间（10:00）",
		"en": `sheet 活动, line 12, column "开始时间": the activity ends (09:00) before or when it starts (10:00)`,
	} {
		if got := p.In(lang); got != want {
			t.Errorf("In(%s) = %q, want %q", lang, got, want)
		}
	}
	if p.In("en") != p.String() {
		t.Errorf("In(en) %q differs from String %q", p.In("en"), p.String())
	}
	for _, tc := range []struct {
		p      Problem
		zh, en string
	}{
		{Problem{Line: 2, Message: "malformed text", ZH: "文本编码有误"}, "第 2 行：文本编码有误", "line 2: malformed text"},
		{Problem{Sheet: "agenda", Message: "unknown sheet", ZH: "未知的工作表"}, "工作表 agenda：未知的工作表", "sheet agenda: unknown sheet"},
		{Problem{Line: 1, Column: "colour", Message: "unknown column", ZH: "未知的列"}, "第 1 行，“colour”列：未知的列", `line 1, column "colour": unknown column`},
		{Problem{Message: "too large", ZH: "文件过大"}, "文件过大", "too large"},
		{Problem{Line: 3, Message: "no Chinese yet"}, "第 3 行：no Chinese yet", "line 3: no Chinese yet"},
	} {
		if got := tc.p.In("zh"); got != tc.zh {
			t.Errorf("In(zh) = %q, want %q", got, tc.zh)
		}
		if got := tc.p.In("en"); got != tc.en {
			t.Errorf("In(en) = %q, want %q", got, tc.en)
		}
	}
	rep := Report{p, {Line: 2, Message: "malformed text", ZH: "文本编码有误"}}
	if got := rep.In("zh"); len(got) != 2 || got[1] != "第 2 行：文本编码有误" {
		t.Errorf("Report.In(zh) = %q", got)
	}
	if got := rep.In("en"); len(got) != 2 || got[1] != "line 2: malformed text" {
		t.Errorf("Report.In(en) = %q", got)
	}
}

// TestDecodeOtherSheetsBilingual: faults on the edition and register sheets
// (the rest of the checks) are reported in both languages.
func TestDecodeOtherSheetsBilingual(t *testing.T) {
	const data = `#edition
name_zh,start_date,end_date,time_zone
,2025-03-28,2025-03-27,Mars/Base
#organisations
slug,name_zh,kind,country,sample
most,科学技术部,ministry,china,maybe
#people
slug,name_zh,honours
li,李四,nobel-prize;nobel-prize;knight
#rooms
slug,venue,name_zh,capacity
room-a,nowhere,A厅,-3
#activities
slug,kind,section,title_zh,room,date,start,end,livestream_url,livestream_start,speakers,themes
ai,parallel-forum,forums,人工智能,room-a,2025-03-27,,,ftp://x,,li:boss;li;li,t1;t1
x,parallel-forum,forums,,room-a,2025-03-27,09:00,2025-13-01 10:00,,,,
y,parallel-forum,forums,无链接,room-a,,,,,2025-03-27 09:00,,
#releases
slug,activity,title_zh,publisher,embargo_until
r1,ghost,成果,most,soon
`
	sheets, _, err := Read([]byte(data))
	if err != nil {
		t.Fatal(err)
	}
	_, err = Decode(sheets, Options{})
	checkBilingual(t, err)
	zh := strings.Join(err.(Report).In("zh"), "\n")
	for _, w := range []string{
		"工作表 edition，第 3 行，“time_zone”列：未知的时区 \"Mars/Base\"",
		"“end_date”列：年会结束日期（2025-03-27）早于开始日期（2025-03-28）",
		"“country”列：\"china\"：请使用两个字母的 ISO 3166 代码",
		"“sample”列：\"maybe\"：应填“是”或“否”",
		"“honours”列：荣誉 \"nobel-prize\" 重复列出",
		"“honours”列：未知的荣誉 \"knight\"；应为以下之一：",
		"“venue”列：场馆 \"nowhere\" 不存在",
		"“capacity”列：\"-3\"：应为 0 或更大的整数",
		"“start”列：为空；有日期的活动需要开始时间",
		"“livestream_url”列：\"ftp://x\" 不是 http(s) 地址",
		"“speakers”列：\"li:boss\"：未知的角色 \"boss\"",
		"“speakers”列：嘉宾 \"li\" 重复列出",
		"“themes”列：主题 \"t1\" 重复列出",
		"“section”列：板块 \"forums\" 不存在",
		"“title_zh”列：为空；“title_zh”和“title_en”至少要填一项",
		"“end”列：\"2025-13-01 10:00\"：应为 HH:MM",
		"“livestream_start”列：填写了开播时间，但没有直播链接",
		"“activity”列：活动 \"ghost\" 不存在：活动表中没有",
		"“embargo_until”列：\"soon\"：应为当地日期和时间",
	} {
		if !strings.Contains(zh, w) {
			t.Errorf("Chinese report lacks %q:\n%s", w, zh)
		}
	}
}

// TestEveryProblemHasChinese: every call that builds a problem (row.bad or
// problem) in the package's source files passes a Chinese format literal, so that
// checks no test triggers are bilingual too.
func TestEveryProblemHasChinese(t *testing.T) {
	fset := token.NewFileSet()
	calls := 0
	names, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range names {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.CompositeLit:
				if id, ok := n.Type.(*ast.Ident); ok && id.Name == "Problem" {
					for _, e := range n.Elts {
						if kv, ok := e.(*ast.KeyValueExpr); ok && fmt.Sprint(kv.Key) == "Message" {
							if _, ok := kv.Value.(*ast.Ident); !ok { // problem() itself assigns Message: en
								t.Errorf("%s: Problem literal; use problem() with a Chinese text", fset.Position(n.Pos()))
							}
						}
					}
				}
			case *ast.CallExpr:
				zhArg := -1
				switch fn := n.Fun.(type) {
				case *ast.SelectorExpr:
					if fn.Sel.Name == "bad" {
						zhArg = 2
					}
				case *ast.Ident:
					if fn.Name == "problem" {
						zhArg = 4
					}
				}
				if zhArg < 0 {
					return true
				}
				if len(n.Args) > zhArg {
					if id, ok := n.Args[zhArg].(*ast.Ident); ok && id.Name == "zh" {
						return true // bad forwarding its formats to problem
					}
				}
				if len(n.Args) <= zhArg {
					t.Errorf("%s: too few arguments", fset.Position(n.Pos()))
					return true
				}
				s := ""
				if lit, ok := n.Args[zhArg].(*ast.BasicLit); ok && lit.Kind == token.STRING {
					s, _ = strconv.Unquote(lit.Value)
				}
				if !hasHan(s) {
					t.Errorf("%s: Chinese format is not a Chinese literal", fset.Position(n.Pos()))
				}
				// Both formats must use every argument and no more.
				args := make([]any, len(n.Args)-zhArg-1)
				for i := range args {
					args[i] = anyVerb{}
				}
				for _, a := range n.Args[zhArg-1 : zhArg+1] {
					if lit, ok := a.(*ast.BasicLit); ok {
						format, _ := strconv.Unquote(lit.Value)
						if len(args) == 0 && strings.Contains(format, "%") {
							t.Errorf("%s: format %q has verbs but no arguments", fset.Position(n.Pos()), format)
						} else if out := fmt.Sprintf(format, args...); len(args) > 0 && strings.Contains(out, "%!") {
							t.Errorf("%s: format %q does not fit its %d argument(s): %s", fset.Position(n.Pos()), format, len(args), out)
						}
					}
				}
				calls++
			}
			return true
		})
	}
	if calls < 50 {
		t.Errorf("found only %d calls building problems", calls)
	}
}

// anyVerb formats under any verb, to check formats without real arguments.
type anyVerb struct{}

func (anyVerb) Format(f fmt.State, verb rune) { f.Write([]byte("x")) }
