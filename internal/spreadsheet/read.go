package spreadsheet

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// MaxSize is the largest file accepted; callers check it before reading the
// file into memory, and Read checks it again.
const MaxSize = 20 << 20

// maxRows bounds the rows of one sheet, maxUnzipped the uncompressed size of
// a workbook (a small zip can hold a huge sheet).
const (
	maxRows     = 100_000
	maxUnzipped = 200 << 20
)

// Problem is one thing wrong with a file: where (sheet, line, column) and
// what, in English (Message) and in Chinese (ZH). Sheet and Column are names
// as the file spells them (or the English key when the file has none).
type Problem struct {
	Sheet   string
	Line    int    // 1-based line of the CSV file or row of the sheet; 0 for the whole sheet
	Column  string // header of the column, "" for the whole row
	Message string // in English
	ZH      string // in Chinese
}

// problem builds a Problem with its message in English and in Chinese: en
// and zh are formats applied to the same args (a format using only some of
// them names the others by index, e.g. %[2]q).
func problem(sheet string, line int, column, en, zh string, args ...any) Problem {
	if len(args) > 0 {
		en, zh = fmt.Sprintf(en, args...), fmt.Sprintf(zh, args...)
	}
	return Problem{Sheet: sheet, Line: line, Column: column, Message: en, ZH: zh}
}

func (p Problem) String() string {
	var b strings.Builder
	if p.Sheet != "" {
		b.WriteString("sheet " + p.Sheet)
	}
	if p.Line > 0 {
		if b.Len() > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "line %d", p.Line)
	}
	if p.Column != "" {
		if b.Len() > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "column %q", p.Column)
	}
	if b.Len() > 0 {
		b.WriteString(": ")
	}
	b.WriteString(p.Message)
	return b.String()
}

// In is the located problem in lang: "zh" gives Chinese
// (工作表 活动，第 12 行，“开始时间”列：…), any other language English, as
// String does. A problem without a Chinese text falls back to English text
// behind a Chinese location.
func (p Problem) In(lang string) string {
	if lang != "zh" {
		return p.String()
	}
	var parts []string
	if p.Sheet != "" {
		parts = append(parts, "工作表 "+p.Sheet)
	}
	if p.Line > 0 {
		parts = append(parts, fmt.Sprintf("第 %d 行", p.Line))
	}
	if p.Column != "" {
		parts = append(parts, "“"+p.Column+"”列")
	}
	msg := p.ZH
	if msg == "" {
		msg = p.Message
	}
	if len(parts) == 0 {
		return msg
	}
	return strings.Join(parts, "，") + "：" + msg
}

// Report is the list of problems of a file that was refused; nothing of it
// was written.
type Report []Problem

func (r Report) Error() string {
	lines := make([]string, len(r))
	for i, p := range r {
		lines[i] = p.String()
	}
	return fmt.Sprintf("%d problem(s), nothing was imported:\n  %s", len(r), strings.Join(lines, "\n  "))
}

// In is every problem of the report, located, in lang (see Problem.In).
func (r Report) In(lang string) []string {
	out := make([]string, len(r))
	for i, p := range r {
		out[i] = p.In(lang)
	}
	return out
}

// RawSheet is a sheet as read: its name and its rows of text, with the line
// (CSV) or row number (XLSX) each row came from. Rows[0] is the header.
type RawSheet struct {
	Name  string
	Rows  [][]string
	Lines []int
}

// Format names the kind of file Read found.
type Format string

const (
	FormatXLSX Format = "xlsx"
	FormatCSV  Format = "csv"
)

// Read sniffs the content (not the name) of a file and reads its sheets: an
// XLSX workbook, or CSV in UTF-8 (with or without byte-order mark) or GBK.
// It refuses formulas, malformed text and oversized files with a Report.
func Read(data []byte) ([]RawSheet, Format, error) {
	if len(data) > MaxSize {
		return nil, "", Report{problem("", 0, "", "the file has %d bytes, more than the limit of %d MB", "文件有 %d 字节，超过 %d MB 的上限", len(data), MaxSize>>20)}
	}
	if bytes.HasPrefix(data, []byte("PK\x03\x04")) {
		sheets, err := readXLSX(data)
		return sheets, FormatXLSX, err
	}
	if looksBinary(data) {
		return nil, "", Report{problem("", 0, "", "not a spreadsheet: the file is neither an XLSX workbook nor CSV text", "不是电子表格：文件既不是 XLSX 工作簿，也不是 CSV 文本")}
	}
	sheets, err := readCSV(data)
	return sheets, FormatCSV, err
}

// looksBinary reports control bytes no CSV text holds (NUL and friends) in
// the first 8 kB.
func looksBinary(data []byte) bool {
	head := data[:min(len(data), 8192)]
	for _, c := range head {
		if c < 0x20 && c != '\n' && c != '\r' && c != '\t' {
			return true
		}
	}
	return false
}

// decodeText returns the CSV text as UTF-8: UTF-8 as is (byte-order mark
// dropped), otherwise GBK when every byte decodes.
func decodeText(data []byte) (string, error) {
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	if utf8.Valid(data) {
		return string(data), nil
	}
	if s, err := simplifiedchinese.GBK.NewDecoder().Bytes(data); err == nil && utf8.Valid(s) && !bytes.ContainsRune(s, utf8.RuneError) {
		return string(s), nil
	}
	// Name the first line with malformed UTF-8.
	line := 1
	for len(data) > 0 {
		r, n := utf8.DecodeRune(data)
		if r == utf8.RuneError && n <= 1 {
			break
		}
		if r == '\n' {
			line++
		}
		data = data[n:]
	}
	return "", Report{problem("", line, "", "malformed text: neither UTF-8 nor GBK", "文本编码有误，既不是 UTF-8 也不是 GBK")}
}

func readCSV(data []byte) ([]RawSheet, error) {
	text, err := decodeText(data)
	if err != nil {
		return nil, err
	}
	r := csv.NewReader(strings.NewReader(text))
	r.FieldsPerRecord = -1
	r.ReuseRecord = false
	var sheets []RawSheet
	var cur *RawSheet
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, Report{problem("", pe.Line, "", "malformed CSV: %s", "CSV 格式有误：%s", csvErrorZH(pe.Err))}
			}
			return nil, Report{problem("", 0, "", "malformed CSV: %s", "CSV 格式有误：%s", err.Error())}
		}
		line, _ := r.FieldPos(0)
		if blank(rec) {
			continue
		}
		if first := strings.TrimSpace(rec[0]); strings.HasPrefix(first, "#") && blank(rec[1:]) {
			sheets = append(sheets, RawSheet{Name: strings.TrimSpace(first[1:])})
			cur = &sheets[len(sheets)-1]
			continue
		}
		if cur == nil { // a file without markers is the activities sheet alone
			sheets = append(sheets, RawSheet{Name: SheetActivities.Key})
			cur = &sheets[len(sheets)-1]
		}
		if len(cur.Rows) >= maxRows {
			return nil, Report{problem(cur.Name, line, "", "more than %d rows", "超过 %d 行", maxRows)}
		}
		cur.Rows = append(cur.Rows, rec)
		cur.Lines = append(cur.Lines, line)
	}
	return sheets, nil
}

// csvErrorZH is a CSV parse error in Chinese when it is one of the
// encoding/csv errors, else the error's own (English) text.
func csvErrorZH(err error) string {
	switch {
	case errors.Is(err, csv.ErrQuote):
		return "带引号的字段中多了或少了引号（\"）"
	case errors.Is(err, csv.ErrBareQuote):
		return "未加引号的字段中出现了引号（\"）"
	case errors.Is(err, csv.ErrFieldCount):
		return "字段数目不对"
	}
	return err.Error()
}

func blank(rec []string) bool {
	for _, c := range rec {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

func readXLSX(data []byte) ([]RawSheet, error) {
	formulas, err := formulaCells(data)
	if err != nil {
		return nil, err
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: maxUnzipped, UnzipXMLSizeLimit: maxUnzipped})
	if err != nil {
		return nil, Report{problem("", 0, "", "not a spreadsheet: the file looks like a zip archive but is no XLSX workbook (%s)", "不是电子表格：文件看似 zip 压缩包，但不是 XLSX 工作簿（%s）", err.Error())}
	}
	defer f.Close()
	var rep Report
	var sheets []RawSheet
	for _, name := range f.GetSheetList() {
		for _, ref := range formulas {
			if fm, err := f.GetCellFormula(name, ref); err == nil && fm != "" {
				rep = append(rep, formulaProblem(name, ref, fm))
			}
		}
		rows, err := f.GetRows(name, excelize.Options{RawCellValue: true})
		if err != nil {
			rep = append(rep, problem(name, 0, "", "unreadable sheet: %s", "无法读取工作表：%s", err.Error()))
			continue
		}
		if len(rows) > maxRows+1 {
			rep = append(rep, problem(name, 0, "", "more than %d rows", "超过 %d 行", maxRows))
			continue
		}
		s := RawSheet{Name: name}
		for i, r := range rows {
			if blank(r) {
				continue
			}
			for j, c := range r {
				if !utf8.ValidString(c) {
					cell, _ := excelize.CoordinatesToCellName(j+1, i+1)
					rep = append(rep, problem(name, i+1, cell, "malformed UTF-8 text", "UTF-8 文本有误"))
				}
			}
			s.Rows = append(s.Rows, r)
			s.Lines = append(s.Lines, i+1)
		}
		sheets = append(sheets, s)
	}
	if len(rep) > 0 {
		return nil, rep
	}
	return sheets, nil
}

func formulaProblem(sheet, ref, formula string) Problem {
	col := strings.TrimRight(ref, "0123456789")
	line := 0
	fmt.Sscanf(ref[len(col):], "%d", &line)
	return problem(sheet, line, col, "cell %s holds the formula =%s; enter values, not formulas", "单元格 %s 含有公式 =%s；请直接填写内容，不要使用公式", ref, formula)
}

// formulaCells lists the references of the cells holding a formula (<f>) in
// any worksheet of the workbook, by a streaming scan of the sheet XML, so
// that formulas without a cached value are found too. At most 1,000.
func formulaCells(data []byte) ([]string, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, Report{problem("", 0, "", "not a spreadsheet: the file starts like a zip archive but is not one (%s)", "不是电子表格：文件开头像 zip 压缩包，但并不是（%s）", err.Error())}
	}
	seen := map[string]bool{}
	var refs []string
	var total uint64
	for _, zf := range zr.File {
		if !strings.HasPrefix(zf.Name, "xl/worksheets/") || !strings.HasSuffix(zf.Name, ".xml") {
			continue
		}
		total += zf.UncompressedSize64
		if total > maxUnzipped {
			return nil, Report{problem("", 0, "", "the workbook's sheets are too large once unpacked", "工作簿中的工作表解压后过大")}
		}
		rc, err := zf.Open()
		if err != nil {
			return nil, Report{problem("", 0, "", "not a spreadsheet: %s", "不是电子表格：%s", err.Error())}
		}
		raw, err := io.ReadAll(io.LimitReader(rc, maxUnzipped))
		rc.Close()
		if err != nil {
			return nil, Report{problem("", 0, "", "not a spreadsheet: %s", "不是电子表格：%s", err.Error())}
		}
		if !mayHoldFormula(raw) {
			continue // the common case: no element named f, no need to tokenize
		}
		dec := xml.NewDecoder(bytes.NewReader(raw))
		cell := ""
		for len(refs) < 1000 {
			tok, err := dec.Token()
			if err != nil {
				break // excelize reports malformed XML when it opens the sheet
			}
			if se, ok := tok.(xml.StartElement); ok {
				switch se.Name.Local {
				case "c":
					cell = ""
					for _, a := range se.Attr {
						if a.Name.Local == "r" {
							cell = a.Value
						}
					}
				case "f":
					if cell != "" && !seen[cell] {
						seen[cell] = true
						refs = append(refs, cell)
					}
				}
			}
		}
	}
	return refs, nil
}

// mayHoldFormula reports whether sheet XML may contain an <f> element
// (with or without a namespace prefix).
func mayHoldFormula(raw []byte) bool {
	for _, p := range []string{"<f>", "<f ", "<f/", ":f>", ":f "} {
		if bytes.Contains(raw, []byte(p)) {
			return true
		}
	}
	return false
}
