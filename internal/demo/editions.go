package demo

import (
	"time"

	"convene/internal/program"
)

// Edition slugs.
const (
	Slug2024 = "zgc-2024"
	Slug2025 = "zgc-2025"
)

func event2025() program.Event {
	return program.Event{
		Slug:         Slug2025,
		Name:         tx("2025中关村论坛年会", "2025 Zhongguancun Forum Annual Meeting"),
		Theme:        tx("新质生产力与全球科技合作", "New Quality Productive Forces and Global S&T Cooperation"),
		City:         tx("北京", "Beijing"),
		StartDate:    "2025-03-27",
		EndDate:      "2025-03-31",
		TimeZone:     TimeZone,
		PreviousSlug: Slug2024,
	}
}

func event2024() program.Event {
	return program.Event{
		Slug:      Slug2024,
		Name:      tx("2024中关村论坛年会", "2024 Zhongguancun Forum Annual Meeting"),
		Theme:     tx("创新：建设更加美好的世界", "Innovation: Building a Better World"),
		City:      tx("北京", "Beijing"),
		StartDate: "2024-04-25",
		EndDate:   "2024-04-29",
		TimeZone:  TimeZone,
	}
}

// edition2025 builds zgc-2025: 128 activities, 60 of them parallel forums.
func edition2025(loc *time.Location, pool []*personInfo) program.EditionRecord {
	e := edition{ev: event2025(), year: 2025, is2025: true}
	var items []item
	for i, d := range forumDefs() {
		items = append(items, e.forumItem(i, d, d.at25, nil))
	}
	defs := eventDefs()
	for _, d := range defs {
		items = append(items, e.eventItem(d))
	}
	return e.record(loc, pool, items, defs, 2025, []program.ThemeDayRecord{
		{Date: "2025-03-28", Theme: "ai", Name: tx("人工智能主题日", "AI Theme Day")},
	})
}

// edition2024 builds zgc-2024 from the series that continued into 2025 (at
// the same relative day and hour) plus the forums held only in 2024, which
// the planner places in free slots.
func edition2024(loc *time.Location, pool []*personInfo) program.EditionRecord {
	e := edition{ev: event2024(), year: 2024, dayShift: -2}
	var items []item
	for i, d := range forumDefs() {
		if d.y24 {
			items = append(items, e.forumItem(i, d, e.shift(d.at25), nil))
		}
	}
	slots := []string{pm(25), am(26), pm(26), am(27), pm(27), am(28), pm(28), am(29)}
	for i, d := range forums2024Only() {
		items = append(items, e.forumItem(i+3, d, "", slots))
	}
	var defs []eventDef
	for _, d := range eventDefs() {
		if d.y24 {
			defs = append(defs, d)
			items = append(items, e.eventItem(d))
		}
	}
	return e.record(loc, pool, items, defs, 2024, nil)
}

func (e edition) record(loc *time.Location, pool []*personInfo, items []item, defs []eventDef, seed uint64, days []program.ThemeDayRecord) program.EditionRecord {
	p := newPlanner(e.ev, loc, pool, seed)
	rec := program.EditionRecord{
		Event:      e.ev,
		Sections:   sections(),
		ThemeDays:  days,
		Activities: p.build(items),
	}
	for _, d := range defs {
		if d.rel != nil {
			rec.Releases = append(rec.Releases, e.releaseRecord(loc, d))
		}
	}
	return rec
}
