// Package spreadsheet reads and writes the program of an edition as the
// files organisers exchange: an XLSX workbook with one sheet per table, or
// the same tables in one CSV file. The layout is documented in
// docs/spreadsheet.md; headers and sheet names are accepted in Chinese or
// English. The package knows no SQL: it turns files into a program.Dataset
// (with slug references) and back, and reports every bad cell.
package spreadsheet

import "strings"

// Column is a column of a sheet: its key (the English header) and its Chinese
// header. Required columns must be present in the header row.
type Column struct {
	Key      string
	ZH       string
	Required bool
}

// Header is the column's header in lang ("zh" or "en").
func (c Column) Header(lang string) string {
	if lang == "zh" {
		return c.ZH
	}
	return c.Key
}

// Sheet describes one table of the layout.
type Sheet struct {
	Key     string // English sheet name, e.g. "activities"
	ZH      string // Chinese sheet name, e.g. "活动"
	Columns []Column
	// Unique lists the columns whose values together identify a row.
	Unique []string
}

// Name is the sheet's name in lang.
func (s *Sheet) Name(lang string) string {
	if lang == "zh" {
		return s.ZH
	}
	return s.Key
}

func col(key, zh string) Column { return Column{Key: key, ZH: zh} }
func req(key, zh string) Column { return Column{Key: key, ZH: zh, Required: true} }

// The sheets, in the order a workbook holds them.
var (
	SheetEdition = &Sheet{Key: "edition", ZH: "年会", Columns: []Column{
		col("name_zh", "名称（中文）"), col("name_en", "名称（英文）"), col("theme_zh", "主题（中文）"), col("theme_en", "主题（英文）"),
		col("city_zh", "城市（中文）"), col("city_en", "城市（英文）"), req("start_date", "开始日期"), req("end_date", "结束日期"),
		req("time_zone", "时区"), col("previous_edition", "上届"),
	}}
	SheetSections = &Sheet{Key: "sections", ZH: "板块", Unique: []string{"slug"}, Columns: []Column{
		req("slug", "标识"), col("name_zh", "名称（中文）"), col("name_en", "名称（英文）"), col("position", "顺序"),
	}}
	SheetActivities = &Sheet{Key: "activities", ZH: "活动", Unique: []string{"slug"}, Columns: []Column{
		req("slug", "标识"), req("kind", "类型"), req("section", "板块"), col("title_zh", "标题（中文）"), col("title_en", "标题（英文）"),
		col("summary_zh", "简介（中文）"), col("summary_en", "简介（英文）"), col("series", "系列"), col("orientation", "面向"),
		col("themes", "主题"), col("room", "会场"), col("date", "日期"), col("start", "开始时间"), col("end", "结束时间"),
		col("capacity", "容量"), col("languages", "语言"), col("interpretation", "同传"), col("livestream_url", "直播链接"),
		col("livestream_start", "开播时间"), col("status", "状态"), col("hosts", "主办单位"), col("speakers", "嘉宾"), col("sample", "示例数据"),
	}}
	SheetOrganisations = &Sheet{Key: "organisations", ZH: "机构", Unique: []string{"slug"}, Columns: []Column{
		req("slug", "标识"), col("name_zh", "名称（中文）"), col("name_en", "名称（英文）"), col("short_zh", "简称（中文）"),
		col("short_en", "简称（英文）"), req("kind", "类型"), col("country", "国家或地区"), col("website", "网站"), col("sample", "示例数据"),
	}}
	SheetPeople = &Sheet{Key: "people", ZH: "嘉宾", Unique: []string{"slug"}, Columns: []Column{
		req("slug", "标识"), col("name_zh", "姓名（中文）"), col("name_en", "姓名（英文）"), col("position_zh", "职务（中文）"),
		col("position_en", "职务（英文）"), col("affiliation_zh", "单位（中文）"), col("affiliation_en", "单位（英文）"),
		col("country", "国家或地区"), col("honours", "荣誉"), col("sample", "示例数据"),
	}}
	SheetVenues = &Sheet{Key: "venues", ZH: "场馆", Unique: []string{"slug"}, Columns: []Column{
		req("slug", "标识"), col("name_zh", "名称（中文）"), col("name_en", "名称（英文）"), col("address_zh", "地址（中文）"),
		col("address_en", "地址（英文）"), col("sample", "示例数据"),
	}}
	SheetRooms = &Sheet{Key: "rooms", ZH: "会场", Unique: []string{"slug"}, Columns: []Column{
		req("slug", "标识"), req("venue", "场馆"), col("name_zh", "名称（中文）"), col("name_en", "名称（英文）"),
		col("capacity", "容量"), col("sample", "示例数据"),
	}}
	SheetThemes = &Sheet{Key: "themes", ZH: "主题", Unique: []string{"slug"}, Columns: []Column{
		req("slug", "标识"), col("name_zh", "名称（中文）"), col("name_en", "名称（英文）"),
	}}
	SheetThemeDays = &Sheet{Key: "theme_days", ZH: "主题日", Unique: []string{"date", "theme"}, Columns: []Column{
		req("date", "日期"), req("theme", "主题"), col("name_zh", "名称（中文）"), col("name_en", "名称（英文）"),
	}}
	SheetReleases = &Sheet{Key: "releases", ZH: "发布成果", Unique: []string{"slug"}, Columns: []Column{
		req("slug", "标识"), req("activity", "发布活动"), col("title_zh", "标题（中文）"), col("title_en", "标题（英文）"),
		col("summary_zh", "简介（中文）"), col("summary_en", "简介（英文）"), col("kind", "类型"), req("publisher", "发布机构"),
		col("embargo_until", "解禁时间"), col("sample", "示例数据"),
	}}
)

// Sheets lists the layout in workbook order.
var Sheets = []*Sheet{SheetEdition, SheetSections, SheetActivities, SheetOrganisations, SheetPeople, SheetVenues, SheetRooms,
	SheetThemes, SheetThemeDays, SheetReleases}

func norm(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

// sheetByName finds the sheet a name (in either language) stands for.
func sheetByName(name string) *Sheet {
	n := norm(name)
	for _, s := range Sheets {
		if n == s.Key || n == norm(s.ZH) {
			return s
		}
	}
	return nil
}

// column finds the column a header (in either language) stands for.
func (s *Sheet) column(header string) (int, bool) {
	h := norm(header)
	for i, c := range s.Columns {
		if h == c.Key || h == norm(c.ZH) {
			return i, true
		}
	}
	return 0, false
}

func (s *Sheet) index(key string) int {
	for i, c := range s.Columns {
		if c.Key == key {
			return i
		}
	}
	panic("spreadsheet: no column " + key + " in " + s.Key)
}
