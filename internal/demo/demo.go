// Package demo builds the deterministic sample dataset of the Zhongguancun
// Forum annual meeting (中关村论坛年会): the 2024 and 2025 editions and the
// shared registers of organisations, people, venues, rooms and themes.
//
// Facts from the source notes (the 2025 press conference: MOST's ten parallel
// forums, four of them new, its matchmaking fair, the CASTED and NSFC release
// events, the four orientation examples) are kept true and marked Sample
// false; everything invented around them is marked Sample true. All people are
// invented. The data is built without map iteration, clocks or unseeded
// randomness, so every call returns the same dataset.
package demo

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	_ "time/tzdata" // Asia/Shanghai must resolve on every machine

	"convene/internal/program"
)

// TimeZone is the time zone of both sample editions.
const TimeZone = "Asia/Shanghai"

// Dataset returns the sample data: shared registers plus the editions
// zgc-2024 and zgc-2025. Every call builds a fresh, identical value.
func Dataset() *program.Dataset {
	loc, err := time.LoadLocation(TimeZone)
	if err != nil {
		panic(fmt.Sprintf("demo: load %s: %v", TimeZone, err))
	}
	pool := buildPeople()
	ds := &program.Dataset{
		Organisations: organisations(),
		Venues:        venues(),
		Rooms:         rooms(),
		Themes:        themeRecords(),
	}
	for _, p := range pool {
		ds.People = append(ds.People, p.Person)
	}
	ds.Editions = []program.EditionRecord{
		edition2024(loc, pool),
		edition2025(loc, pool),
	}
	for _, d := range ThemeDays() {
		for i := range ds.Editions {
			for j := range ds.Editions[i].Activities {
				if a := &ds.Editions[i].Activities[j]; ds.Editions[i].Event.Slug == d.Event && slices.Contains(d.Activities, a.Slug) {
					a.ThemeDay = d.Day
				}
			}
		}
	}
	return ds
}

// sections are the five parts (板块) of every edition.
func sections() []program.Section {
	return []program.Section{
		{Slug: "forums", Name: tx("论坛会议", "Forums and Conferences"), Position: 1},
		{Slug: "tech-trading", Name: tx("技术交易", "Technology Trading"), Position: 2},
		{Slug: "releases", Name: tx("成果发布", "Achievement Releases"), Position: 3},
		{Slug: "competition", Name: tx("前沿大赛", "Frontier Competition"), Position: 4},
		{Slug: "supporting", Name: tx("配套活动", "Supporting Events"), Position: 5},
	}
}

func tx(zh, en string) program.Text { return program.Text{ZH: zh, EN: en} }

// hosts parses a compact host list: "h:most,cas;o:baai;c:xinhua;s:huizhi-venture"
// (h host 主办, o organiser 承办, c co-organiser 协办, s supporter 支持).
func hosts(spec string) []program.HostRecord {
	var out []program.HostRecord
	for _, part := range strings.Split(spec, ";") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		key, list, ok := strings.Cut(part, ":")
		if !ok {
			panic("demo: bad host spec " + spec)
		}
		var role program.HostRole
		switch key {
		case "h":
			role = program.RoleHost
		case "o":
			role = program.RoleOrganiser
		case "c":
			role = program.RoleCoOrganiser
		case "s":
			role = program.RoleSupporter
		default:
			panic("demo: bad host role in " + spec)
		}
		for _, org := range strings.Split(list, ",") {
			out = append(out, program.HostRecord{Org: strings.TrimSpace(org), Role: role})
		}
	}
	return out
}

// item is one activity to place in an edition.
type item struct {
	slug, series string
	kind         program.ActivityKind
	section      string
	title        program.Text
	summary      program.Text
	orient       program.Orientation
	themes       []string
	at           string // "28 0900-1200"; "" lets the planner choose a slot
	slots        []string
	room         string // fixed room slug, optional
	venue        string // preferred venue slug, optional
	need         int    // seats wanted
	hosts        []program.HostRecord
	speakers     int
	fixed        []string // person slugs that must appear
	intl         bool     // international: zh+en with interpretation, half the speakers from abroad
	live         bool
	sample       bool
}

type interval struct{ start, end time.Time }

func (a interval) overlaps(b interval) bool { return a.start.Before(b.end) && b.start.Before(a.end) }

// planner places the items of one edition into rooms and picks their speakers
// so that no room and no person is ever booked twice at the same time.
type planner struct {
	ev         program.Event
	loc        *time.Location
	base       time.Time // midnight of the first day, local
	rooms      []program.RoomRecord
	roomBusy   map[string][]interval
	personBusy map[string][]interval
	usage      map[string]int
	pool       []*personInfo
	rng        *rand.Rand
	slotCursor map[string]int
}

func newPlanner(ev program.Event, loc *time.Location, pool []*personInfo, seed uint64) *planner {
	start, err := time.ParseInLocation("2006-01-02", ev.StartDate, loc)
	if err != nil {
		panic(err)
	}
	rs := rooms()
	// Best fit: smallest room first, then register order.
	sort.SliceStable(rs, func(i, j int) bool { return rs[i].Capacity < rs[j].Capacity })
	return &planner{
		ev:         ev,
		loc:        loc,
		base:       start,
		rooms:      rs,
		roomBusy:   map[string][]interval{},
		personBusy: map[string][]interval{},
		usage:      map[string]int{},
		pool:       pool,
		rng:        rand.New(rand.NewPCG(seed, 0x7d34e72f10345a3f)),
		slotCursor: map[string]int{},
	}
}

// parseAt turns "28 0900-1200" (day of month of the edition's month, local
// times) into an interval in UTC.
func (p *planner) parseAt(at string) interval {
	day, span, ok := strings.Cut(at, " ")
	if !ok {
		panic("demo: bad time " + at)
	}
	from, to, ok := strings.Cut(span, "-")
	if !ok || len(from) != 4 || len(to) != 4 {
		panic("demo: bad time " + at)
	}
	d := atoi(day)
	mk := func(hhmm string) time.Time {
		return time.Date(p.base.Year(), p.base.Month(), d, atoi(hhmm[:2]), atoi(hhmm[2:]), 0, 0, p.loc).UTC()
	}
	return interval{mk(from), mk(to)}
}

func atoi(s string) int {
	n, err := strconv.Atoi(s)
	if err != nil {
		panic("demo: bad number " + s)
	}
	return n
}

func (p *planner) free(busy []interval, iv interval, gap time.Duration) bool {
	wide := interval{iv.start.Add(-gap), iv.end.Add(gap)}
	for _, b := range busy {
		if b.overlaps(wide) {
			return false
		}
	}
	return true
}

// findRoom returns the smallest free room with enough seats, preferring venue.
func (p *planner) findRoom(iv interval, need int, venue string) (program.RoomRecord, bool) {
	for pass := 0; pass < 2; pass++ {
		for _, r := range p.rooms {
			if r.Capacity < need || (r.Capacity >= 1500 && need < 1000) {
				continue // the main hall is kept for plenary sessions
			}
			if venue != "" && (pass == 0) != (r.Venue == venue) {
				continue
			}
			if p.free(p.roomBusy[r.Slug], iv, 0) {
				return r, true
			}
		}
		if venue == "" {
			break
		}
	}
	return program.RoomRecord{}, false
}

func (p *planner) roomBySlug(slug string) program.RoomRecord {
	for _, r := range p.rooms {
		if r.Slug == slug {
			return r
		}
	}
	panic("demo: unknown room " + slug)
}

// build places every item and returns the activity records in item order.
func (p *planner) build(items []item) []program.ActivityRecord {
	out := make([]program.ActivityRecord, len(items))
	ivs := make([]interval, len(items))
	placed := make([]bool, len(items))
	chosen := make([][]string, len(items))
	fixedFree := func(it item, iv interval) bool {
		for _, s := range it.fixed {
			if p.info(s) == nil {
				panic("demo: unknown person " + s)
			}
			if !p.free(p.personBusy[s], iv, 0) {
				return false
			}
		}
		return true
	}
	place := func(i int, r program.RoomRecord, iv interval) {
		it := items[i]
		p.roomBusy[r.Slug] = append(p.roomBusy[r.Slug], iv)
		out[i].Room, out[i].Capacity, ivs[i], placed[i] = r.Slug, min(it.need, r.Capacity), iv, true
		for _, s := range it.fixed {
			p.personBusy[s] = append(p.personBusy[s], iv)
			p.usage[s]++
			chosen[i] = append(chosen[i], s)
		}
	}
	// Fixed rooms first, then explicit times, then free slots; within a
	// phase the largest audiences choose first.
	order := make([]int, len(items))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return items[order[a]].need > items[order[b]].need })
	for phase := 0; phase < 3; phase++ {
		for _, i := range order {
			it := items[i]
			if placed[i] {
				continue
			}
			switch {
			case phase == 0 && it.room != "":
				iv := p.parseAt(it.at)
				r := p.roomBySlug(it.room)
				if !p.free(p.roomBusy[r.Slug], iv, 0) || !fixedFree(it, iv) {
					panic("demo: room or guest double-booked by " + it.slug)
				}
				place(i, r, iv)
			case phase == 1 && it.at != "":
				iv := p.parseAt(it.at)
				r, ok := p.findRoom(iv, it.need, it.venue)
				if !ok || !fixedFree(it, iv) {
					panic(fmt.Sprintf("demo: %s: no room for %d seats at %s, or a guest is busy", it.slug, it.need, it.at))
				}
				place(i, r, iv)
			case phase == 2:
				if len(it.slots) == 0 {
					panic("demo: " + it.slug + " has neither a time nor slots")
				}
				key := string(it.kind)
				start := p.slotCursor[key]
				for k := 0; k < len(it.slots) && !placed[i]; k++ {
					iv := p.parseAt(it.slots[(start+k)%len(it.slots)])
					if !fixedFree(it, iv) {
						continue
					}
					if r, ok := p.findRoom(iv, it.need, it.venue); ok {
						place(i, r, iv)
						p.slotCursor[key] = start + k + 1
					}
				}
				if !placed[i] {
					panic("demo: no slot for " + it.slug)
				}
			}
		}
	}
	// Generated speakers, in item order.
	for i, it := range items {
		chosen[i] = append(chosen[i], p.pick(it, ivs[i], it.speakers-len(it.fixed), chosen[i])...)
	}
	for i, it := range items {
		a := &out[i]
		a.Slug = it.slug
		a.Series = it.series
		if a.Series == "" {
			a.Series = it.slug
		}
		a.Kind = it.kind
		a.Section = it.section
		a.Title = it.title
		a.Summary = it.summary
		a.Orientation = it.orient
		a.Themes = append([]string(nil), it.themes...)
		a.StartsAt, a.EndsAt = ivs[i].start, ivs[i].end
		a.Status = program.StatusPublished
		a.Sample = it.sample
		a.Hosts = it.hosts
		if it.intl {
			a.Languages = []string{program.LangZH, program.LangEN}
			a.Interpretation = true
		} else {
			a.Languages = []string{program.LangZH}
		}
		if it.live {
			a.Livestream = &program.Livestream{
				URL:      fmt.Sprintf("https://live.example.org/%s/%s", p.ev.Slug, it.slug),
				StartsAt: ivs[i].start.Add(-5 * time.Minute),
			}
		}
		a.Speakers = p.roles(it, chosen[i])
	}
	return out
}

func (p *planner) info(slug string) *personInfo {
	for _, q := range p.pool {
		if q.Slug == slug {
			return q
		}
	}
	return nil
}

// pick chooses n more speakers who are free (with half an hour to move
// between rooms), preferring people of the activity's fields and people not
// used much yet. International activities get about half their speakers from
// abroad; Chinese-only activities draw on speakers based in China.
func (p *planner) pick(it item, iv interval, n int, already []string) []string {
	if n <= 0 {
		return nil
	}
	order := p.rng.Perm(len(p.pool))
	type cand struct {
		q     *personInfo
		score int
		rank  int
	}
	var home, abroad []cand
	for idx, qi := range order {
		q := p.pool[qi]
		if contains(already, q.Slug) || q.reserved || !p.free(p.personBusy[q.Slug], iv, 30*time.Minute) {
			continue
		}
		score := p.usage[q.Slug] * 4
		if contains(it.themes, q.field) {
			score -= 6
		}
		if q.Country == "CN" {
			home = append(home, cand{q, score, idx})
		} else {
			abroad = append(abroad, cand{q, score, idx})
		}
	}
	less := func(list []cand) func(i, j int) bool {
		return func(i, j int) bool {
			if list[i].score != list[j].score {
				return list[i].score < list[j].score
			}
			return list[i].rank < list[j].rank
		}
	}
	sort.Slice(home, less(home))
	sort.Slice(abroad, less(abroad))
	foreign := 0
	for _, s := range already {
		if p.info(s).Country != "CN" {
			foreign++
		}
	}
	target := 0 // speakers from abroad wanted in the whole activity
	if it.intl {
		target = (len(already) + n + 1) / 2
	}
	var out []string
	for len(out) < n {
		var c cand
		switch {
		case foreign < target && len(abroad) > 0, len(home) == 0 && len(abroad) > 0:
			c, abroad = abroad[0], abroad[1:]
			foreign++
		case len(home) > 0:
			c, home = home[0], home[1:]
		default:
			panic("demo: not enough free speakers for " + it.slug)
		}
		out = append(out, c.q.Slug)
		p.personBusy[c.q.Slug] = append(p.personBusy[c.q.Slug], iv)
		p.usage[c.q.Slug]++
	}
	return out
}

// roles orders the speakers by distinction and gives them roles: laureates
// (at least one or two people) give keynotes, the last is the moderator.
func (p *planner) roles(it item, people []string) []program.AppearanceRecord {
	people = append([]string(nil), people...)
	sort.SliceStable(people, func(i, j int) bool { return p.info(people[i]).prominence() > p.info(people[j]).prominence() })
	n := len(people)
	keynotes := 1
	if n >= 6 {
		keynotes = 2
	}
	for i, s := range people {
		if p.info(s).prominence() >= 10 && i >= keynotes && i < n-1 {
			keynotes = i + 1
		}
	}
	var out []program.AppearanceRecord
	for i, s := range people {
		role := program.SpeakerSpeaker
		switch {
		case n >= 4 && i == n-1:
			role = program.SpeakerModerator
		case it.kind == program.KindCompetition:
			role = program.SpeakerPanelist // the judges
		case i < keynotes && it.kind != program.KindMatchmaking:
			role = program.SpeakerKeynote
		case it.kind == program.KindParallelForum && n >= 6 && i >= n-3:
			role = program.SpeakerPanelist
		}
		out = append(out, program.AppearanceRecord{Person: s, Role: role})
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func words(s string) []string { return strings.Fields(s) }
