package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"convene/internal/program"
	"convene/internal/spreadsheet"
)

// Page is what the layout needs; every page's view model embeds it.
type Page struct {
	Lang      string // zh or en
	HTMLLang  string // zh-CN or en
	Title     string // the page title, without the site name
	Nav       string // the active nav item: home, agenda, livestreams …
	SwitchURL string // the same page in the other language, query kept
	CSS       string
	Edition   *EditionNav // nil outside an edition
	Q         string      // the search box's value
	SearchURL string      // where the header's search box sends q; "" hides it
	// Registration links in the header; "" when the site has no registration.
	RegisterURL, MeURL string
	// Accounts (only with an accounts service): the signed-in user, set
	// only on pages that are never cached (see withUser), or else the link
	// to the sign-in page.
	Account  *AccountNav
	LoginURL string
}

// EditionNav is the edition the page belongs to, for the header and nav.
type EditionNav struct {
	Slug, Name, Base string
}

// Link is a labelled URL.
type Link struct {
	URL, Label string
}

func (s *site) page(r *http.Request, lang, title, nav string, ed *program.Edition) Page {
	p := Page{
		Lang:      lang,
		HTMLLang:  "zh-CN",
		Title:     title,
		Nav:       nav,
		SwitchURL: switchURL(r, lang),
		CSS:       s.cssURL,
	}
	if lang == program.LangEN {
		p.HTMLLang = "en"
	}
	if s.acc != nil {
		if p.Account = s.accountNav(r, lang); p.Account == nil {
			here := r.URL.EscapedPath()
			if r.URL.RawQuery != "" {
				here += "?" + r.URL.RawQuery
			}
			p.LoginURL = loginURL(lang, here)
		}
	}
	if ed != nil {
		l := links{lang: lang, event: ed.Event.Slug}
		p.Edition = &EditionNav{Slug: ed.Event.Slug, Name: ed.Event.Name.In(lang), Base: l.home()}
		p.SearchURL = l.search()
		if s.reg != nil {
			p.RegisterURL, p.MeURL = l.register(), l.me()
		}
	}
	return p
}

// switchURL is the request's path in the other language, with its query.
func switchURL(r *http.Request, lang string) string {
	other := program.LangEN
	if lang == program.LangEN {
		other = program.LangZH
	}
	path := r.URL.EscapedPath()
	seg, after, _ := strings.Cut(strings.TrimPrefix(path, "/"), "/")
	if validLang(seg) {
		path = "/" + other + "/" + after
	} else {
		path = "/" + other + "/"
	}
	if r.URL.RawQuery != "" {
		path += "?" + r.URL.RawQuery
	}
	return path
}

// links builds the site's URLs of one edition in one language. Every URL the
// site links to is made here, so the link structure matches routes.go.
type links struct{ lang, event string }

func (l links) home() string                { return "/" + l.lang + "/" + url.PathEscape(l.event) + "/" }
func (l links) page(name string) string     { return l.home() + name }
func (l links) search() string              { return l.page("search") }
func (l links) activity(slug string) string { return l.page("activities/" + url.PathEscape(slug)) }
func (l links) person(slug string) string   { return l.page("people/" + url.PathEscape(slug)) }
func (l links) org(slug string) string      { return l.page("orgs/" + url.PathEscape(slug)) }

// Registration pages (see routes.go: present only with a registration service).
func (l links) register() string           { return l.page("register") }
func (l links) me() string                 { return l.page("me") }
func (l links) access(token string) string { return l.page("access/" + url.PathEscape(token)) }
func (l links) signup(slug string) string  { return l.activity(slug) + "/signup" }
func (l links) cancel(slug string) string  { return l.activity(slug) + "/cancel" }
func (l links) checkin() string            { return l.page("checkin") }
func (l links) adminSeats() string         { return l.page("admin/seats") }
func (l links) export(format spreadsheet.Format) string {
	return l.page("admin/registrations." + string(format))
}

// feed links one of the edition's feeds of the JSON API (internal/api:
// calendar.ics, schedule.xml …) in the page's language; parts name the
// resource under the edition, the last one the file.
func (l links) feed(parts ...string) string {
	u := "/api/v1/events/" + url.PathEscape(l.event)
	for _, p := range parts {
		u += "/" + url.PathEscape(p)
	}
	return u + "?lang=" + l.lang
}

// subscribe is the "Subscribe" block of a page: the iCal feed of what the
// page is about (Label names it) and, on the edition's home, the schedules
// for conference apps.
type subscribe struct {
	Label, Calendar           string
	ScheduleXML, ScheduleJSON string
}

// agenda links the agenda filtered by name=value pairs (empty values dropped).
func (l links) agenda(pairs ...string) string {
	q := url.Values{}
	for i := 0; i+1 < len(pairs); i += 2 {
		if pairs[i+1] != "" {
			q.Set(pairs[i], pairs[i+1])
		}
	}
	if len(q) == 0 {
		return l.page("agenda")
	}
	return l.page("agenda") + "?" + q.Encode()
}

// Dates and times. Dates are written 3月27日 / 27 March.

var weekdayZH = [...]string{"周日", "周一", "周二", "周三", "周四", "周五", "周六"}

func parseDate(d string) (time.Time, bool) {
	t, err := time.Parse(time.DateOnly, d)
	return t, err == nil
}

// fmtDate writes a YYYY-MM-DD date as 3月27日 or 27 March.
func fmtDate(lang, d string) string {
	t, ok := parseDate(d)
	if !ok {
		return d
	}
	return fmtDay(lang, t)
}

func fmtDay(lang string, t time.Time) string {
	if lang == program.LangEN {
		return fmt.Sprintf("%d %s", t.Day(), t.Month())
	}
	return fmt.Sprintf("%d月%d日", int(t.Month()), t.Day())
}

// fmtDateWeekday writes 3月27日 周四 or Thu 27 March.
func fmtDateWeekday(lang, d string) string {
	t, ok := parseDate(d)
	if !ok {
		return d
	}
	if lang == program.LangEN {
		return t.Weekday().String()[:3] + " " + fmtDay(lang, t)
	}
	return fmtDay(lang, t) + " " + weekdayZH[t.Weekday()]
}

// fmtDateRange writes an edition's dates: 2025年3月27日—31日 or 27–31 March 2025.
func fmtDateRange(lang, start, end string) string {
	a, ok1 := parseDate(start)
	b, ok2 := parseDate(end)
	if !ok1 || !ok2 {
		return start + " – " + end
	}
	if lang == program.LangEN {
		switch {
		case a.Equal(b):
			return fmt.Sprintf("%d %s %d", a.Day(), a.Month(), a.Year())
		case a.Year() == b.Year() && a.Month() == b.Month():
			return fmt.Sprintf("%d–%d %s %d", a.Day(), b.Day(), a.Month(), a.Year())
		case a.Year() == b.Year():
			return fmt.Sprintf("%d %s – %d %s %d", a.Day(), a.Month(), b.Day(), b.Month(), a.Year())
		}
		return fmt.Sprintf("%d %s %d – %d %s %d", a.Day(), a.Month(), a.Year(), b.Day(), b.Month(), b.Year())
	}
	switch {
	case a.Equal(b):
		return fmt.Sprintf("%d年%d月%d日", a.Year(), int(a.Month()), a.Day())
	case a.Year() == b.Year() && a.Month() == b.Month():
		return fmt.Sprintf("%d年%d月%d日—%d日", a.Year(), int(a.Month()), a.Day(), b.Day())
	case a.Year() == b.Year():
		return fmt.Sprintf("%d年%d月%d日—%d月%d日", a.Year(), int(a.Month()), a.Day(), int(b.Month()), b.Day())
	}
	return fmt.Sprintf("%d年%d月%d日—%d年%d月%d日", a.Year(), int(a.Month()), a.Day(), b.Year(), int(b.Month()), b.Day())
}

// fmtClock writes a local time as 09:00.
func fmtClock(t time.Time) string { return t.Format("15:04") }

// fmtSpan writes the local time range of an activity: 09:00–12:00.
func fmtSpan(ed *program.Edition, a *program.Activity) string {
	if a.StartsAt.IsZero() {
		return ""
	}
	s := fmtClock(ed.Local(a.StartsAt))
	if !a.EndsAt.IsZero() && a.EndsAt.After(a.StartsAt) {
		s += "–" + fmtClock(ed.Local(a.EndsAt))
	}
	return s
}

// fmtWhen writes a local instant with its date: 3月27日 09:00 or 27 March 09:00.
func fmtWhen(lang string, t time.Time) string {
	return fmtDay(lang, t) + " " + fmtClock(t)
}

// zoneLabel names the edition's zone with its offset: Asia/Shanghai (UTC+08:00).
func zoneLabel(ed *program.Edition, at time.Time) string {
	name := ed.Event.TimeZone
	if name == "" {
		name = "UTC"
	}
	return name + " (UTC" + ed.Local(at).Format("-07:00") + ")"
}

// countryName names an ISO 3166 region in lang, or returns the code.
func countryName(lang, code string) string {
	if code == "" {
		return ""
	}
	reg, err := language.ParseRegion(code)
	if err != nil {
		return code
	}
	tag := language.SimplifiedChinese
	if lang == program.LangEN {
		tag = language.English
	}
	if n := display.Regions(tag).Name(reg); n != "" {
		return n
	}
	return code
}

// collator sorts names in the page language: pinyin for zh. A collator is
// not safe for concurrent use, so each request makes its own.
func collator(lang string) *collate.Collator {
	if lang == program.LangEN {
		return collate.New(language.English, collate.IgnoreCase)
	}
	return collate.New(language.Chinese)
}

// languageNames lists spoken languages by name.
func languageNames(lang string, codes []string) string {
	names := make([]string, 0, len(codes))
	for _, c := range codes {
		if _, ok := messages["lang."+c]; ok {
			names = append(names, T(lang, "lang."+c))
		} else {
			names = append(names, c)
		}
	}
	return joinList(lang, names)
}

// joinList joins display names with the page language's list separator.
func joinList(lang string, items []string) string {
	return strings.Join(items, T(lang, "sep.list"))
}

// externalURL returns u when it is an absolute http or https URL, else "":
// links to other sites are shown only when they are plainly web addresses.
func externalURL(u string) string {
	p, err := url.Parse(u)
	if err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" {
		return ""
	}
	return u
}
