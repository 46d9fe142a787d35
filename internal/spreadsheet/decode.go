package spreadsheet

import (
	"cmp"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"convene/internal/program"
)

// Options tell Decode what exists already.
type Options struct {
	// Event is the edition imported into when it exists (zero for a new
	// one): its time zone and dates apply when the file has no edition sheet.
	Event program.Event
	// Known reports whether the database already holds a row of kind
	// ("organisation", "person", "venue", "room", "theme", or "section" of
	// Event) with the slug; references may name those as well as rows of the
	// file. Nil knows nothing.
	Known func(kind, slug string) bool
}

// Parsed is a decoded file: one edition with its registers, and which sheets
// the file had (a sheet left out keeps what the database holds).
type Parsed struct {
	Dataset program.Dataset
	Has     map[*Sheet]bool
}

// Edition is the decoded edition.
func (p *Parsed) Edition() *program.EditionRecord { return &p.Dataset.Editions[0] }

// table is a sheet of the file matched to the layout.
type table struct {
	sheet   *Sheet
	raw     *RawSheet
	pos     []int    // layout column → column of the file, -1 when absent
	headers []string // the file's header of each layout column
}

// row is one data row being decoded; bad records its problems.
type row struct {
	t    *table
	i    int
	rep  *Report
	line int
}

func (r row) get(key string) string {
	j := r.t.pos[r.t.sheet.index(key)]
	cells := r.t.raw.Rows[r.i]
	if j < 0 || j >= len(cells) {
		return ""
	}
	return strings.TrimSpace(cells[j])
}

// header is the file's header of the column key.
func (r row) header(key string) string { return r.t.headers[r.t.sheet.index(key)] }

// bad records a problem in the column key ("" for the whole row): en and zh
// are its English and Chinese formats, applied to the same args (a format
// using only some of them names them by index, e.g. %[2]q).
func (r row) bad(key, en, zh string, args ...any) {
	colName := ""
	if key != "" {
		colName = r.header(key)
	}
	*r.rep = append(*r.rep, problem(r.t.raw.Name, r.line, colName, en, zh, args...))
}

// kindZH names a kind of row (as Options.Known has them) in Chinese.
var kindZH = map[string]string{
	"organisation": "机构", "person": "嘉宾", "venue": "场馆", "room": "会场",
	"theme": "主题", "section": "板块", "activity": "活动",
}

// Decode checks every sheet, row and cell of a file and turns it into a
// dataset. It returns a Report naming every problem, or the dataset.
func Decode(sheets []RawSheet, opt Options) (*Parsed, error) {
	if opt.Known == nil {
		opt.Known = func(string, string) bool { return false }
	}
	var rep Report
	tables := map[*Sheet]*table{}
	for i := range sheets {
		raw := &sheets[i]
		s := sheetByName(raw.Name)
		if s == nil {
			rep = append(rep, problem(raw.Name, 0, "", "unknown sheet; expected one of %s", "未知的工作表；应为以下之一：%s", sheetNames()))
			continue
		}
		if tables[s] != nil {
			rep = append(rep, problem(raw.Name, 0, "", "the sheet appears twice", "工作表重复出现"))
			continue
		}
		if t := matchHeader(s, raw, &rep); t != nil {
			tables[s] = t
		}
	}
	p := &Parsed{Has: map[*Sheet]bool{}, Dataset: program.Dataset{Editions: []program.EditionRecord{{}}}}
	for s, t := range tables {
		// An edition sheet without its row is the unfilled template: absent.
		if s == SheetEdition && len(t.raw.Rows) == 1 {
			delete(tables, s)
			continue
		}
		p.Has[s] = true
	}
	if t := tables[SheetActivities]; t != nil && len(t.raw.Rows) == 1 {
		rep = append(rep, problem(t.raw.Name, 0, "", "the activities sheet has no rows; an import never empties an edition", "活动表没有数据行；导入不会清空年会"))
	}
	if tables[SheetActivities] == nil && !hasSheetNamed(sheets, SheetActivities) {
		rep = append(rep, problem(SheetActivities.Key, 0, "", "the file has no activities sheet (活动)", "文件中没有活动表（activities）"))
	}
	d := decoder{p: p, rep: &rep, tables: tables, opt: opt}
	d.edition()
	d.registers()
	d.sections()
	d.themeDays()
	d.activities()
	d.releases()
	if len(rep) > 0 {
		return nil, rep
	}
	return p, nil
}

func hasSheetNamed(sheets []RawSheet, s *Sheet) bool {
	for _, r := range sheets {
		if sheetByName(r.Name) == s {
			return true
		}
	}
	return false
}

func sheetNames() string {
	names := make([]string, len(Sheets))
	for i, s := range Sheets {
		names[i] = s.Key + " (" + s.ZH + ")"
	}
	return strings.Join(names, ", ")
}

func matchHeader(s *Sheet, raw *RawSheet, rep *Report) *table {
	if len(raw.Rows) == 0 {
		*rep = append(*rep, problem(raw.Name, 0, "", "the sheet has no header row", "工作表没有表头行"))
		return nil
	}
	t := &table{sheet: s, raw: raw, pos: make([]int, len(s.Columns)), headers: make([]string, len(s.Columns))}
	for i := range t.pos {
		t.pos[i] = -1
		t.headers[i] = s.Columns[i].Key
	}
	ok := true
	line := raw.Lines[0]
	for j, h := range raw.Rows[0] {
		if strings.TrimSpace(h) == "" {
			continue
		}
		i, found := s.column(h)
		switch {
		case !found:
			*rep = append(*rep, problem(raw.Name, line, h, "unknown column", "未知的列"))
			ok = false
		case t.pos[i] >= 0:
			*rep = append(*rep, problem(raw.Name, line, h, "the column appears twice", "该列重复出现"))
			ok = false
		default:
			t.pos[i], t.headers[i] = j, strings.TrimSpace(h)
		}
	}
	for i, c := range s.Columns {
		if c.Required && t.pos[i] < 0 {
			*rep = append(*rep, problem(raw.Name, line, c.Key, "missing required column %q (%s)", "缺少必填列“%[2]s”（%[1]s）", c.Key, c.ZH))
			ok = false
		}
	}
	if !ok {
		return nil
	}
	return t
}

type decoder struct {
	p      *Parsed
	rep    *Report
	tables map[*Sheet]*table
	opt    Options
	loc    *time.Location
	// slugs defined by the file, per kind
	defined map[string]map[string]bool
}

// rows calls fn for every data row of the sheet, after checking that the
// Unique columns identify rows.
func (d *decoder) rows(s *Sheet, fn func(r row)) {
	t := d.tables[s]
	if t == nil {
		return
	}
	seen := map[string]int{}
	for i := 1; i < len(t.raw.Rows); i++ {
		r := row{t: t, i: i, rep: d.rep, line: t.raw.Lines[i]}
		if len(s.Unique) > 0 {
			parts := make([]string, len(s.Unique))
			for k, key := range s.Unique {
				parts[k] = r.get(key)
			}
			key := strings.Join(parts, "\x00")
			if first, dup := seen[key]; dup && key != "" {
				r.bad(s.Unique[0], "duplicate row: %s %q already on line %d", "重复的行：%[2]q 已在第 %[3]d 行出现", strings.Join(s.Unique, "+"), strings.Join(parts, " "), first)
				continue
			}
			seen[key] = r.line
		}
		if formulaText(r) {
			continue
		}
		fn(r)
	}
}

// formulaText refuses cells that read as spreadsheet formulas ("=…"): in a
// CSV they are text that Excel would run when the file is opened again.
func formulaText(r row) bool {
	found := false
	for _, c := range r.t.sheet.Columns {
		if v := r.get(c.Key); strings.HasPrefix(v, "=") {
			r.bad(c.Key, "%q looks like a formula; enter values, not formulas", "%q 看起来像公式；请直接填写内容，不要使用公式", v)
			found = true
		}
	}
	return found
}

func (d *decoder) define(kind, slug string) {
	if d.defined == nil {
		d.defined = map[string]map[string]bool{}
	}
	if d.defined[kind] == nil {
		d.defined[kind] = map[string]bool{}
	}
	d.defined[kind][slug] = true
}

// ref checks a reference to a row of kind, in the file or in the database.
func (d *decoder) ref(r row, key, kind, slug string) {
	if slug == "" || d.defined[kind][slug] {
		return
	}
	if kind == "section" && d.p.Has[SheetSections] {
		r.bad(key, "unknown section %q: not on the sections sheet", "板块 %q 不存在：板块表中没有", slug)
		return
	}
	if !d.opt.Known(kind, slug) {
		r.bad(key, "unknown %[1]s %[2]q: neither on its sheet nor in the database", "%[3]s %[2]q 不存在：表中和数据库中都没有", kind, slug, cmp.Or(kindZH[kind], kind))
	}
}

func (d *decoder) edition() {
	ev := d.opt.Event
	t := d.tables[SheetEdition]
	switch {
	case t == nil && ev.Slug == "":
		*d.rep = append(*d.rep, problem(SheetEdition.Key, 0, "", "a new edition needs the edition sheet (年会): name, dates and time zone", "新建年会需要年会表（edition），填写名称、日期和时区"))
	case t != nil && len(t.raw.Rows) != 2:
		*d.rep = append(*d.rep, problem(t.raw.Name, 0, "", "the edition sheet must have exactly one row under its header, not %d", "年会表的表头下必须恰好有一行，而不是 %d 行", len(t.raw.Rows)-1))
	case t != nil:
		r := row{t: t, i: 1, rep: d.rep, line: t.raw.Lines[1]}
		ev.Name = program.Text{ZH: r.get("name_zh"), EN: r.get("name_en")}
		ev.Theme = program.Text{ZH: r.get("theme_zh"), EN: r.get("theme_en")}
		ev.City = program.Text{ZH: r.get("city_zh"), EN: r.get("city_en")}
		ev.StartDate, ev.EndDate = d.date(r, "start_date", true), d.date(r, "end_date", true)
		ev.TimeZone = r.get("time_zone")
		if _, err := time.LoadLocation(ev.TimeZone); err != nil || ev.TimeZone == "" || strings.EqualFold(ev.TimeZone, "local") {
			r.bad("time_zone", "unknown time zone %q; use an IANA name such as Asia/Shanghai", "未知的时区 %q；请使用 IANA 名称，如 Asia/Shanghai", ev.TimeZone)
		}
		if ev.StartDate != "" && ev.EndDate != "" && ev.EndDate < ev.StartDate {
			r.bad("end_date", "the edition ends (%s) before it starts (%s)", "年会结束日期（%s）早于开始日期（%s）", ev.EndDate, ev.StartDate)
		}
		if ev.Name.IsZero() {
			r.bad("name_zh", "the edition needs a name in Chinese or English", "年会需要中文或英文名称")
		}
		ev.PreviousSlug = r.get("previous_edition")
	}
	d.loc = ev.Location()
	d.p.Edition().Event = ev
}

func (d *decoder) registers() {
	ds := &d.p.Dataset
	d.rows(SheetOrganisations, func(r row) {
		o := program.Organisation{Slug: d.slug(r, "slug"), Name: d.text(r, "name"), ShortName: program.Text{ZH: r.get("short_zh"), EN: r.get("short_en")},
			Kind: program.OrgKind(d.enum(r, "kind", program.OrgKinds, true)), Country: d.country(r), Website: r.get("website"), Sample: d.bool(r, "sample")}
		d.define("organisation", o.Slug)
		ds.Organisations = append(ds.Organisations, o)
	})
	d.rows(SheetPeople, func(r row) {
		p := program.Person{Slug: d.slug(r, "slug"), Name: d.text(r, "name"), Position: d.optText(r, "position"), Affiliation: d.optText(r, "affiliation"),
			Country: d.country(r), Sample: d.bool(r, "sample")}
		for _, h := range list(r.get("honours")) {
			if slices.Contains(p.Honours, program.Honour(h)) {
				r.bad("honours", "honour %q is listed twice", "荣誉 %q 重复列出", h)
				continue
			}
			if !slices.Contains(program.Honours, program.Honour(h)) {
				r.bad("honours", "unknown honour %q; expected one of %s", "未知的荣誉 %q；应为以下之一：%s", h, joinEnum(program.Honours))
				continue
			}
			p.Honours = append(p.Honours, program.Honour(h))
		}
		d.define("person", p.Slug)
		ds.People = append(ds.People, p)
	})
	d.rows(SheetVenues, func(r row) {
		v := program.Venue{Slug: d.slug(r, "slug"), Name: d.text(r, "name"), Address: d.optText(r, "address"), Sample: d.bool(r, "sample")}
		d.define("venue", v.Slug)
		ds.Venues = append(ds.Venues, v)
	})
	d.rows(SheetRooms, func(r row) {
		rr := program.RoomRecord{Room: program.Room{Slug: d.slug(r, "slug"), Name: d.text(r, "name"), Capacity: d.int(r, "capacity"), Sample: d.bool(r, "sample")},
			Venue: d.slug(r, "venue")}
		d.ref(r, "venue", "venue", rr.Venue)
		d.define("room", rr.Slug)
		ds.Rooms = append(ds.Rooms, rr)
	})
	d.rows(SheetThemes, func(r row) {
		th := program.Theme{Slug: d.slug(r, "slug"), Name: d.text(r, "name")}
		d.define("theme", th.Slug)
		ds.Themes = append(ds.Themes, th)
	})
}

func (d *decoder) sections() {
	ed := d.p.Edition()
	d.rows(SheetSections, func(r row) {
		s := program.Section{Slug: d.slug(r, "slug"), Name: d.text(r, "name"), Position: d.int(r, "position")}
		d.define("section", s.Slug)
		ed.Sections = append(ed.Sections, s)
	})
}

func (d *decoder) themeDays() {
	ed := d.p.Edition()
	d.rows(SheetThemeDays, func(r row) {
		td := program.ThemeDayRecord{Date: d.date(r, "date", true), Theme: d.slug(r, "theme"), Name: program.Text{ZH: r.get("name_zh"), EN: r.get("name_en")}}
		d.ref(r, "theme", "theme", td.Theme)
		d.inEdition(r, "date", td.Date)
		ed.ThemeDays = append(ed.ThemeDays, td)
	})
}

func (d *decoder) activities() {
	ed := d.p.Edition()
	d.rows(SheetActivities, func(r row) {
		a := program.ActivityRecord{Section: d.slug(r, "section"), Room: r.get("room")}
		a.Slug = d.slug(r, "slug")
		a.Kind = program.ActivityKind(d.enum(r, "kind", program.ActivityKinds, true))
		a.Title, a.Summary = d.text(r, "title"), d.optText(r, "summary")
		a.Series = r.get("series")
		a.Orientation = program.Orientation(d.enum(r, "orientation", program.Orientations, false))
		d.ref(r, "section", "section", a.Section)
		d.ref(r, "room", "room", a.Room)
		for _, th := range list(r.get("themes")) {
			if slices.Contains(a.Themes, th) {
				r.bad("themes", "theme %q is listed twice", "主题 %q 重复列出", th)
				continue
			}
			d.ref(r, "themes", "theme", th)
			a.Themes = append(a.Themes, th)
		}
		a.StartsAt, a.EndsAt = d.times(r)
		a.Capacity = d.int(r, "capacity")
		a.Languages = list(r.get("languages"))
		a.Interpretation = d.bool(r, "interpretation")
		if u := r.get("livestream_url"); u != "" {
			if !strings.HasPrefix(u, "https://") && !strings.HasPrefix(u, "http://") {
				r.bad("livestream_url", "%q is not an http(s) address", "%q 不是 http(s) 地址", u)
			}
			a.Livestream = &program.Livestream{URL: u, StartsAt: d.stamp(r, "livestream_start")}
		} else if r.get("livestream_start") != "" {
			r.bad("livestream_start", "a livestream start without a livestream link", "填写了开播时间，但没有直播链接")
		}
		a.Status = program.Status(d.enum(r, "status", program.Statuses, false))
		if a.Status == "" {
			a.Status = program.StatusDraft
		}
		for _, h := range list(r.get("hosts")) {
			slug, role := pair(h, string(program.RoleHost))
			if !slices.Contains(program.HostRoles, program.HostRole(role)) {
				r.bad("hosts", "%q: unknown role %q; expected one of %s", "%q：未知的角色 %q；应为以下之一：%s", h, role, joinEnum(program.HostRoles))
				continue
			}
			if slices.Contains(a.Hosts, program.HostRecord{Org: slug, Role: program.HostRole(role)}) {
				r.bad("hosts", "%q is listed twice", "%q 重复列出", h)
				continue
			}
			d.ref(r, "hosts", "organisation", slug)
			a.Hosts = append(a.Hosts, program.HostRecord{Org: slug, Role: program.HostRole(role)})
		}
		for _, s := range list(r.get("speakers")) {
			slug, role := pair(s, string(program.SpeakerSpeaker))
			if !slices.Contains(program.SpeakerRoles, program.SpeakerRole(role)) {
				r.bad("speakers", "%q: unknown role %q; expected one of %s", "%q：未知的角色 %q；应为以下之一：%s", s, role, joinEnum(program.SpeakerRoles))
				continue
			}
			if slices.ContainsFunc(a.Speakers, func(x program.AppearanceRecord) bool { return x.Person == slug }) {
				r.bad("speakers", "person %q is listed twice", "嘉宾 %q 重复列出", slug)
				continue
			}
			d.ref(r, "speakers", "person", slug)
			a.Speakers = append(a.Speakers, program.AppearanceRecord{Person: slug, Role: program.SpeakerRole(role)})
		}
		a.Sample = d.bool(r, "sample")
		d.define("activity", a.Slug)
		ed.Activities = append(ed.Activities, a)
	})
}

func (d *decoder) releases() {
	ed := d.p.Edition()
	d.rows(SheetReleases, func(r row) {
		x := program.ReleaseRecord{Release: program.Release{Slug: d.slug(r, "slug"), Title: d.text(r, "title"), Summary: d.optText(r, "summary"),
			Kind: r.get("kind"), Sample: d.bool(r, "sample")}, Activity: d.slug(r, "activity"), Publisher: d.slug(r, "publisher")}
		if x.Activity != "" && !d.defined["activity"][x.Activity] {
			r.bad("activity", "unknown activity %q: not on the activities sheet", "活动 %q 不存在：活动表中没有", x.Activity)
		}
		d.ref(r, "publisher", "organisation", x.Publisher)
		if e := d.stamp(r, "embargo_until"); !e.IsZero() {
			x.EmbargoUntil = &e
		}
		ed.Releases = append(ed.Releases, x)
	})
}

// slug reads a required identifier: lower-case letters, digits, '-', '_' and '.'.
func (d *decoder) slug(r row, key string) string {
	v := r.get(key)
	if v == "" {
		r.bad(key, "empty; an identifier is required", "为空；必须填写标识")
		return ""
	}
	for _, c := range v {
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.') {
			r.bad(key, "%q: identifiers use lower-case letters, digits, '-', '_' and '.' only", "%q：标识只能包含小写字母、数字及“-”“_”“.”", v)
			return v
		}
	}
	return v
}

// text reads a required bilingual pair key_zh/key_en: at least one is needed.
func (d *decoder) text(r row, key string) program.Text {
	t := d.optText(r, key)
	if t.IsZero() {
		r.bad(key+"_zh", "empty; give %[1]s_zh or %[1]s_en", "为空；“%[2]s”和“%[3]s”至少要填一项", key, r.header(key+"_zh"), r.header(key+"_en"))
	}
	return t
}

func (d *decoder) optText(r row, key string) program.Text {
	return program.Text{ZH: r.get(key + "_zh"), EN: r.get(key + "_en")}
}

func (d *decoder) enum(r row, key string, values any, required bool) string {
	v := r.get(key)
	if v == "" {
		if required {
			r.bad(key, "empty; expected one of %s", "为空；应为以下之一：%s", joinEnum(values))
		}
		return ""
	}
	if !strings.Contains(" "+joinEnum(values)+",", " "+v+",") {
		r.bad(key, "unknown value %q; expected one of %s", "未知的值 %q；应为以下之一：%s", v, joinEnum(values))
	}
	return v
}

func joinEnum(values any) string {
	var out []string
	switch vs := values.(type) {
	case []program.ActivityKind:
		for _, v := range vs {
			out = append(out, string(v))
		}
	case []program.OrgKind:
		for _, v := range vs {
			out = append(out, string(v))
		}
	case []program.Orientation:
		for _, v := range vs {
			out = append(out, string(v))
		}
	case []program.Status:
		for _, v := range vs {
			out = append(out, string(v))
		}
	case []program.HostRole:
		for _, v := range vs {
			out = append(out, string(v))
		}
	case []program.SpeakerRole:
		for _, v := range vs {
			out = append(out, string(v))
		}
	case []program.Honour:
		for _, v := range vs {
			out = append(out, string(v))
		}
	}
	return strings.Join(out, ", ")
}

func (d *decoder) country(r row) string {
	v := r.get("country")
	if v != "" && (len(v) != 2 || strings.ToUpper(v) != v || strings.ToLower(v) == v) {
		r.bad("country", "%q: use a two-letter ISO 3166 code such as CN", "%q：请使用两个字母的 ISO 3166 代码，如 CN", v)
	}
	return v
}

func (d *decoder) bool(r row, key string) bool {
	switch strings.ToLower(r.get(key)) {
	case "", "no", "false", "0", "否", "n":
		return false
	case "yes", "true", "1", "是", "y":
		return true
	}
	r.bad(key, "%q: expected yes or no (是/否)", "%q：应填“是”或“否”（yes/no）", r.get(key))
	return false
}

func (d *decoder) int(r row, key string) int {
	v := r.get(key)
	if v == "" {
		return 0
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 {
		r.bad(key, "%q: expected a whole number, 0 or more", "%q：应为 0 或更大的整数", v)
		return 0
	}
	return n
}

// parseDate accepts 2025-03-27, 2025/3/27 and a spreadsheet day number.
func parseDate(v string) (string, bool) {
	for _, layout := range []string{"2006-01-02", "2006/1/2", "2006-1-2", "2006年1月2日"} {
		if t, err := time.Parse(layout, v); err == nil {
			return t.Format(dateLayout), true
		}
	}
	if f, err := strconv.ParseFloat(v, 64); err == nil && f >= 1 && f < 2958466 && f == math.Trunc(f) {
		return time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC).AddDate(0, 0, int(f)).Format(dateLayout), true
	}
	return "", false
}

// parseClock accepts 09:00, 9:00, 09:00:30 and a spreadsheet day fraction.
func parseClock(v string) (time.Duration, bool) {
	for _, layout := range []string{"15:04", "15:04:05"} {
		if t, err := time.Parse(layout, v); err == nil {
			return time.Duration(t.Hour())*time.Hour + time.Duration(t.Minute())*time.Minute + time.Duration(t.Second())*time.Second, true
		}
	}
	if f, err := strconv.ParseFloat(v, 64); err == nil && f >= 0 && f < 1 {
		return time.Duration(math.Round(f*86400)) * time.Second, true
	}
	return 0, false
}

func (d *decoder) date(r row, key string, required bool) string {
	v := r.get(key)
	if v == "" {
		if required {
			r.bad(key, "empty; expected a date such as 2025-03-27", "为空；应填日期，如 2025-03-27")
		}
		return ""
	}
	s, ok := parseDate(v)
	if !ok {
		r.bad(key, "%q is not a date; expected YYYY-MM-DD such as 2025-03-27", "%q 不是日期；应为 YYYY-MM-DD 格式，如 2025-03-27", v)
	}
	return s
}

func (d *decoder) inEdition(r row, key, date string) {
	ev := d.p.Edition().Event
	if date != "" && ev.StartDate != "" && ev.EndDate != "" && (date < ev.StartDate || date > ev.EndDate) {
		r.bad(key, "%s is outside the edition (%s – %s)", "%s 不在年会日期内（%s – %s）", date, ev.StartDate, ev.EndDate)
	}
}

func (d *decoder) at(date string, clock time.Duration) time.Time {
	day, _ := time.ParseInLocation(dateLayout, date, d.loc)
	return time.Date(day.Year(), day.Month(), day.Day(), 0, 0, 0, 0, d.loc).Add(clock).UTC()
}

// stamp reads a local date and time "2025-03-27 09:00"; empty is the zero time.
func (d *decoder) stamp(r row, key string) time.Time {
	v := r.get(key)
	if v == "" {
		return time.Time{}
	}
	date, clk, ok := strings.Cut(v, " ")
	if ok {
		if ds, okd := parseDate(date); okd {
			if c, okc := parseClock(strings.TrimSpace(clk)); okc {
				return d.at(ds, c)
			}
		}
	} else if f, err := strconv.ParseFloat(v, 64); err == nil && f >= 1 && f < 2958466 {
		ds, _ := parseDate(strconv.Itoa(int(f)))
		return d.at(ds, time.Duration(math.Round((f-math.Trunc(f))*86400))*time.Second)
	}
	r.bad(key, "%q: expected a local date and time such as 2025-03-27 09:00", "%q：应为当地日期和时间，如 2025-03-27 09:00", v)
	return time.Time{}
}

// times reads date, start and end of an activity in the edition's local
// time; end may carry its own date ("2025-03-28 12:00") when the activity
// runs past midnight. All three are empty for an activity not yet placed.
func (d *decoder) times(r row) (time.Time, time.Time) {
	dv, sv, ev := r.get("date"), r.get("start"), r.get("end")
	if dv == "" && sv == "" && ev == "" {
		return time.Time{}, time.Time{}
	}
	date := d.date(r, "date", true)
	d.inEdition(r, "date", date)
	var start, end time.Time
	if sv == "" {
		r.bad("start", "empty; an activity with a date needs a start time such as 09:00", "为空；有日期的活动需要开始时间，如 09:00")
	} else if c, ok := parseClock(sv); !ok {
		r.bad("start", "%q is not a time; expected HH:MM such as 09:00", "%q 不是时间；应为 HH:MM 格式，如 09:00", sv)
	} else if date != "" {
		start = d.at(date, c)
	}
	endDate, endClock := date, ev
	if ds, cs, ok := strings.Cut(ev, " "); ok {
		var okd bool
		if endDate, okd = parseDate(ds); !okd {
			r.bad("end", "%q: expected HH:MM, or YYYY-MM-DD HH:MM when it ends on another day", "%q：应为 HH:MM；在另一天结束时应为 YYYY-MM-DD HH:MM", ev)
			return start, end
		}
		endClock = strings.TrimSpace(cs)
	}
	if ev == "" {
		r.bad("end", "empty; an activity with a date needs an end time such as 12:00", "为空；有日期的活动需要结束时间，如 12:00")
	} else if c, ok := parseClock(endClock); !ok {
		r.bad("end", "%q is not a time; expected HH:MM such as 12:00", "%q 不是时间；应为 HH:MM 格式，如 12:00", ev)
	} else if endDate != "" {
		end = d.at(endDate, c)
	}
	if !start.IsZero() && !end.IsZero() && !end.After(start) {
		r.bad("end", "the activity ends (%s) before or when it starts (%s)", "活动结束时间（%s）不晚于开始时间（%s）", ev, sv)
	}
	return start, end
}

// list splits "a;b；c" (ASCII or full-width semicolons, or commas) into trimmed items.
func list(v string) []string {
	var out []string
	for _, item := range strings.FieldsFunc(v, func(r rune) bool { return r == ';' || r == '；' || r == ',' || r == '，' }) {
		if s := strings.TrimSpace(item); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// pair splits "slug:role" (or a full-width colon); the role defaults to def.
func pair(v, def string) (string, string) {
	v = strings.ReplaceAll(v, "：", ":")
	slug, role, ok := strings.Cut(v, ":")
	if !ok {
		return strings.TrimSpace(v), def
	}
	return strings.TrimSpace(slug), strings.TrimSpace(role)
}
