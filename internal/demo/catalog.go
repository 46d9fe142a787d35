package demo

import (
	"fmt"
	"strings"
	"time"

	"convene/internal/program"
)

// Half-day spans used by most activities.
const (
	amSpan = "0900-1200"
	pmSpan = "1400-1730"
)

func am(day int) string { return fmt.Sprintf("%d %s", day, amSpan) }
func pm(day int) string { return fmt.Sprintf("%d %s", day, pmSpan) }

// Orientation shorthands.
const (
	fr = program.OrientFrontier
	ec = program.OrientEconomy
	nn = program.OrientNationalNeeds
	he = program.OrientHealth
)

// forumDef is a parallel forum series. Its slug is also its series, so a
// forum held in both editions keeps one series.
type forumDef struct {
	slug         string
	zh, en       string
	orient       program.Orientation
	themes       string
	hosts        string
	at25         string // time in the 2025 edition; "" when not held in 2025
	y24          bool   // held in 2024 as well
	need         int
	speakers     int // 0: 4 to 10, varied by position
	intl         bool
	real         bool // named in the source notes (2025 instance is not sample data)
	fixed        string
	sumZH, sumEN string
}

// eventDef is any other program item: opening, plenary, release event,
// matchmaking fair, competition, supporting event.
type eventDef struct {
	slug         string
	kind         program.ActivityKind
	section      string
	zh, en       string
	sumZH, sumEN string
	themes       string
	hosts        string
	at25         string
	y24          bool
	need         int
	speakers     int
	intl, live   bool
	real         bool
	fixed        string
	room, venue  string
	rel          *releaseDef
}

// releaseDef is the thing released at a release event. Text may use {y}
// (the edition's year) and {py} (the year before).
type releaseDef struct {
	slug, zh, en, enRef string
	kind, publisher     string
	sumZH, sumEN        string
	embargo             string // "29 1000" local, or ""
	real                bool
}

// edition is what the builders need to turn definitions into records.
type edition struct {
	ev       program.Event
	year     int
	dayShift int  // added to the 2025 day of month (2024: 25 April ↔ 27 March)
	is2025   bool // real facts apply only to 2025
}

func (e edition) expand(s string) string {
	s = strings.ReplaceAll(s, "{py}", fmt.Sprint(e.year-1))
	return strings.ReplaceAll(s, "{y}", fmt.Sprint(e.year))
}

// shift moves a 2025 time spec ("28 0900-1200") to this edition.
func (e edition) shift(at string) string {
	if at == "" || e.dayShift == 0 {
		return at
	}
	day, rest, _ := strings.Cut(at, " ")
	return fmt.Sprintf("%d %s", atoi(day)+e.dayShift, rest)
}

func joinThemes(slugs []string, en bool) string {
	var parts []string
	for _, s := range slugs {
		t := themeOf(s)
		if en {
			parts = append(parts, t.phrase)
		} else {
			parts = append(parts, t.zh)
		}
	}
	if en {
		return strings.Join(parts, " and ")
	}
	return strings.Join(parts, "与")
}

func forumSummary(themes []string, intl bool) program.Text {
	if intl {
		return tx(
			"论坛聚焦"+joinThemes(themes, false)+"领域的前沿进展、产业应用与国际合作，邀请国内外知名专家学者、企业家和青年科技工作者开展深入交流。",
			"The forum brings together leading scientists, entrepreneurs and young researchers from China and abroad to discuss frontier advances, industrial applications and international cooperation in "+joinThemes(themes, true)+".")
	}
	return tx(
		"论坛围绕"+joinThemes(themes, false)+"领域的重大问题，邀请高校、科研院所和企业的专家交流最新成果，研讨创新发展路径。",
		"Experts from universities, research institutes and industry share recent results in "+joinThemes(themes, true)+" and discuss the way forward for innovation.")
}

// forumItem turns a forum definition into an item of edition e at time at.
func (e edition) forumItem(i int, d forumDef, at string, slots []string) item {
	themes := words(d.themes)
	sum := tx(d.sumZH, d.sumEN)
	if d.sumZH == "" {
		sum = forumSummary(themes, d.intl)
	}
	n := d.speakers
	if n == 0 {
		n = 4 + (i*5)%7
	}
	return item{
		slug: d.slug, kind: program.KindParallelForum, section: "forums",
		title: tx(d.zh, d.en), summary: sum, orient: d.orient, themes: themes,
		at: at, slots: slots, venue: venueMain, need: d.need, hosts: hosts(d.hosts),
		speakers: n, fixed: words(d.fixed), intl: d.intl,
		live:   i%6 != 5, // most forums are streamed
		sample: !(d.real && e.is2025),
	}
}

// eventItem turns any other definition into an item of edition e.
func (e edition) eventItem(d eventDef) item {
	themes := words(d.themes)
	title := tx(e.expand(d.zh), e.expand(d.en))
	sum := tx(e.expand(d.sumZH), e.expand(d.sumEN))
	if d.sumZH == "" {
		sum = e.defaultSummary(d, themes)
	}
	n := d.speakers
	if n == 0 {
		n = map[program.ActivityKind]int{
			program.KindOpening: 8, program.KindPlenary: 7, program.KindRelease: 4,
			program.KindMatchmaking: 5, program.KindCompetition: 5, program.KindSupporting: 3,
		}[d.kind]
	}
	venue := d.venue
	if venue == "" {
		venue = venueMain
	}
	return item{
		slug: d.slug, kind: d.kind, section: d.section, title: title, summary: sum,
		themes: themes, at: e.shift(d.at25), room: d.room, venue: venue, need: d.need,
		hosts: hosts(d.hosts), speakers: n, fixed: words(d.fixed), intl: d.intl,
		live: d.live, sample: !(d.real && e.is2025),
	}
}

func (e edition) defaultSummary(d eventDef, themes []string) program.Text {
	switch d.kind {
	case program.KindOpening:
		return tx(
			"年会开幕式。围绕“"+e.ev.Theme.ZH+"”主题，中外嘉宾发表主旨演讲，共话科技创新与开放合作。",
			"The opening ceremony of the annual meeting: guests from China and abroad give keynote speeches on the theme \""+e.ev.Theme.EN+"\".")
	case program.KindRelease:
		r := d.rel
		return tx(
			"本场活动发布"+e.expand(r.zh)+"，并由专家进行解读。",
			"This event launches "+e.expand(r.enRef)+", followed by commentary from experts.")
	case program.KindMatchmaking:
		return tx(
			"面向"+joinThemes(themes, false)+"领域，组织技术供给方与企业需求方现场对接、洽谈合作，推动科技成果转化应用。",
			"Technology owners and enterprises with needs in "+joinThemes(themes, true)+" meet on site to discuss cooperation and put S&T achievements into application.")
	case program.KindCompetition:
		return tx(
			"来自海内外的入围项目现场路演，由评审专家和投资人点评打分。",
			"Shortlisted projects from China and abroad pitch on stage and are scored by a panel of judges and investors.")
	default:
		return tx(
			e.ev.Name.ZH+"配套活动，面向参会嘉宾和公众开放。",
			"A supporting event of the "+e.ev.Name.EN+", open to guests and the public.")
	}
}

// releaseRecord builds the release of a release event.
func (e edition) releaseRecord(loc *time.Location, d eventDef) program.ReleaseRecord {
	r := d.rel
	rec := program.ReleaseRecord{
		Release: program.Release{
			Slug: e.expand(r.slug), Title: tx(e.expand(r.zh), e.expand(r.en)),
			Summary: tx(e.expand(r.sumZH), e.expand(r.sumEN)), Kind: r.kind,
			Sample: !(r.real && e.is2025),
		},
		Activity:  d.slug,
		Publisher: r.publisher,
	}
	if r.embargo != "" {
		day, hhmm, _ := strings.Cut(r.embargo, " ")
		start, _ := time.ParseInLocation("2006-01-02", e.ev.StartDate, loc)
		t := time.Date(start.Year(), start.Month(), atoi(day)+e.dayShift, atoi(hhmm[:2]), atoi(hhmm[2:]), 0, 0, loc).UTC()
		rec.EmbargoUntil = &t
	}
	return rec
}
