package program

import (
	"fmt"
	"strings"
)

// noun is a display name for sentences: Chinese, English singular, English plural.
type noun struct{ zh, one, many string }

func (n noun) count(lang string, k int) string {
	if lang == LangEN {
		if k == 1 {
			return fmt.Sprintf("%d %s", k, n.one)
		}
		return fmt.Sprintf("%d %s", k, n.many)
	}
	return n.zh
}

// briefingKinds names the activity kinds as the press briefing says them.
var briefingKinds = map[ActivityKind]noun{
	KindOpening:       {"开幕式", "opening ceremony", "opening ceremonies"},
	KindPlenary:       {"全体会议", "plenary session", "plenary sessions"},
	KindParallelForum: {"平行论坛", "parallel forum", "parallel forums"},
	KindRelease:       {"发布活动", "release event", "release events"},
	KindMatchmaking:   {"科技成果转化应用对接会", "technology achievement matchmaking fair", "technology achievement matchmaking fairs"},
	KindCompetition:   {"前沿大赛", "frontier competition event", "frontier competition events"},
	KindSupporting:    {"配套活动", "supporting event", "supporting events"},
}

// briefingOrientations names the four orientations in sentences.
var briefingOrientations = map[Orientation]noun{
	OrientFrontier:      {"面向世界科技前沿", "the world science frontier", ""},
	OrientEconomy:       {"面向经济主战场", "the main economic battlefield", ""},
	OrientNationalNeeds: {"面向国家重大需求", "major national needs", ""},
	OrientHealth:        {"面向人民生命健康", "people's life and health", ""},
}

// briefingHonours names the honours of speakers in sentences.
var briefingHonours = map[Honour]noun{
	HonourTuringAward:        {"图灵奖得主", "Turing Award laureate", "Turing Award laureates"},
	HonourFieldsMedal:        {"菲尔兹奖得主", "Fields Medal laureate", "Fields Medal laureates"},
	HonourNobelPrize:         {"诺贝尔奖得主", "Nobel laureate", "Nobel laureates"},
	HonourWolfPrize:          {"沃尔夫奖得主", "Wolf Prize laureate", "Wolf Prize laureates"},
	HonourAcademicianCAS:     {"中国科学院院士", "academician of the Chinese Academy of Sciences", "academicians of the Chinese Academy of Sciences"},
	HonourAcademicianCAE:     {"中国工程院院士", "academician of the Chinese Academy of Engineering", "academicians of the Chinese Academy of Engineering"},
	HonourForeignAcademician: {"外籍院士", "foreign academician", "foreign academicians"},
}

// briefingTopHosts is how many hosts, ranked by parallel forums, get a
// sentence of their own besides every ministry and national agency.
const briefingTopHosts = 3

// isGovernment reports whether an organisation kind counts as "ministries and
// national agencies" in the figures.
func isGovernment(k OrgKind) bool { return k == OrgMinistry || k == OrgAgency }

// Briefing states the figures of an edition as sentences in lang (zh or en),
// the way a press conference states them, and compares them with the
// previous edition when prev is not nil. Every number and name comes from
// the Stats.
func Briefing(cur Stats, prev *Stats, lang string) []string {
	if lang != LangEN {
		lang = LangZH
	}
	b := briefing{lang: lang, cur: cur}
	var out []string
	add := func(s string) {
		if s != "" {
			out = append(out, s)
		}
	}
	add(b.overview())
	add(b.byKind())
	for i, h := range cur.Hosts {
		if h.ParallelForums > 0 && (isGovernment(h.Kind) || i < briefingTopHosts) {
			add(b.host(h))
		}
	}
	add(b.government())
	add(b.releases())
	add(b.orientations())
	add(b.countries())
	add(b.speakers())
	add(b.livestreams())
	if prev != nil {
		add(b.compare(*prev))
	}
	return out
}

type briefing struct {
	lang string
	cur  Stats
}

func (b briefing) en() bool { return b.lang == LangEN }

// comparable reports whether the edition has a previous one, so that "new"
// means something.
func (b briefing) comparable() bool { return b.cur.ComparedWith != "" }

func (b briefing) overview() string {
	s := b.cur
	name := s.Name.In(b.lang)
	if b.en() {
		out := fmt.Sprintf("The %s comprises %s, including %s", name, plural(s.Activities, "activity", "activities"), plural(s.ParallelForums, "parallel forum", "parallel forums"))
		if b.comparable() {
			out += fmt.Sprintf(", %d of them new", s.NewParallelForums)
		}
		return out + "."
	}
	out := fmt.Sprintf("%s共安排%d场活动，其中平行论坛%d场", name, s.Activities, s.ParallelForums)
	if b.comparable() {
		out += fmt.Sprintf("，新增%d场", s.NewParallelForums)
	}
	return out + "。"
}

func (b briefing) byKind() string {
	var parts []string
	for _, k := range ActivityKinds {
		n := b.cur.ByKind[string(k)]
		if n == 0 {
			continue
		}
		name := briefingKinds[k]
		if b.en() {
			parts = append(parts, name.count(b.lang, n))
		} else {
			parts = append(parts, fmt.Sprintf("%s%d场", name.zh, n))
		}
	}
	if len(parts) == 0 {
		return ""
	}
	if b.en() {
		return "By kind: " + joinAnd(b.lang, parts) + "."
	}
	return "按活动类型分：" + joinAnd(b.lang, parts) + "。"
}

func (b briefing) host(h HostStats) string {
	org := h.Short(b.lang)
	var newNames []string
	for _, f := range h.NewForums {
		newNames = append(newNames, f.Title.In(b.lang))
	}
	var extras []string
	if h.Matchmaking > 0 {
		extras = append(extras, b.kindCount(KindMatchmaking, h.Matchmaking))
	}
	if h.Releases > 0 {
		extras = append(extras, b.kindCount(KindRelease, h.Releases))
	}
	if b.en() {
		out := fmt.Sprintf("%s hosts %s this year", org, plural(h.ParallelForums, "parallel forum", "parallel forums"))
		if b.comparable() && h.NewParallelForums > 0 {
			out += fmt.Sprintf(", %d of them new", h.NewParallelForums)
			if len(newNames) > 0 {
				out += ": " + joinAnd(b.lang, newNames)
			}
		}
		if len(extras) > 0 {
			out += "; it also hosts " + joinAnd(b.lang, extras)
		}
		return out + "."
	}
	out := fmt.Sprintf("%s今年主办%d场平行论坛", org, h.ParallelForums)
	if b.comparable() && h.NewParallelForums > 0 {
		out += fmt.Sprintf("，其中新增%d场", h.NewParallelForums)
		if len(newNames) > 0 {
			out += "：" + joinAnd(b.lang, newNames)
		}
	}
	if len(extras) > 0 {
		out += "；另主办" + joinAnd(b.lang, extras)
	}
	return out + "。"
}

// kindCount writes "1场科技成果转化应用对接会" or "1 technology achievement matchmaking fair".
func (b briefing) kindCount(k ActivityKind, n int) string {
	name := briefingKinds[k]
	if b.en() {
		return name.count(b.lang, n)
	}
	return fmt.Sprintf("%d场%s", n, name.zh)
}

func (b briefing) government() string {
	n := b.cur.GovernmentParallelForums
	if n == 0 {
		return ""
	}
	if b.en() {
		return fmt.Sprintf("Ministries and national agencies host %s in all.", plural(n, "parallel forum", "parallel forums"))
	}
	return fmt.Sprintf("各部委和国家机构共主办平行论坛%d场。", n)
}

// releases names what each host of release events releases ("CASTED releases
// the National Innovation Index Report"); a host whose releases are still
// under embargo is only counted.
func (b briefing) releases() string {
	events := b.cur.ByKind[string(KindRelease)]
	if events == 0 {
		return ""
	}
	var parts []string
	for _, h := range b.cur.Hosts {
		if h.Releases == 0 {
			continue
		}
		org := h.Short(b.lang)
		var titles []string
		for _, r := range h.Published {
			titles = append(titles, r.Title.In(b.lang))
		}
		switch {
		case len(titles) > 0 && b.en():
			parts = append(parts, fmt.Sprintf("%s releases %s", org, joinAnd(b.lang, titles)))
		case len(titles) > 0:
			parts = append(parts, fmt.Sprintf("%s发布%s", org, joinAnd(b.lang, titles)))
		case b.en():
			parts = append(parts, fmt.Sprintf("%s hosts %s", org, plural(h.Releases, "release event", "release events")))
		default:
			parts = append(parts, fmt.Sprintf("%s主办%d场", org, h.Releases))
		}
	}
	if b.en() {
		out := fmt.Sprintf("There are %s", plural(events, "release event", "release events"))
		if len(parts) > 0 {
			out += ": " + strings.Join(parts, "; ")
		}
		return out + fmt.Sprintf("; %s made public in all.", plural(b.cur.Releases, "release", "releases"))
	}
	out := fmt.Sprintf("此外，还有%d场发布活动", events)
	if len(parts) > 0 {
		out += "：" + strings.Join(parts, "；")
	}
	return out + fmt.Sprintf("；共公开发布成果%d项。", b.cur.Releases)
}

func (b briefing) orientations() string {
	var parts []string
	total := 0
	for _, o := range Orientations {
		n := b.cur.ByOrientation[string(o)]
		total += n
		name := briefingOrientations[o]
		if b.en() {
			parts = append(parts, fmt.Sprintf("%s (%d)", name.one, n))
		} else {
			parts = append(parts, fmt.Sprintf("%s%d场", name.zh, n))
		}
	}
	if total == 0 {
		return ""
	}
	if b.en() {
		return "Along the four orientations, the parallel forums address " + joinAnd(b.lang, parts) + "."
	}
	return "平行论坛体现“四个面向”：" + joinAnd(b.lang, parts) + "。"
}

func (b briefing) countries() string {
	s := b.cur
	if s.Countries == 0 && s.InternationalOrganizations == 0 {
		return ""
	}
	if b.en() {
		out := fmt.Sprintf("Organisations and speakers come from %s", plural(s.Countries, "country or region", "countries and regions"))
		if s.InternationalOrganizations > 0 {
			out += fmt.Sprintf(", and %s take part", plural(s.InternationalOrganizations, "international organisation", "international organisations"))
		}
		return out + "."
	}
	out := fmt.Sprintf("参与的机构和嘉宾来自%d个国家和地区", s.Countries)
	if s.InternationalOrganizations > 0 {
		out += fmt.Sprintf("，另有%d个国际组织参与", s.InternationalOrganizations)
	}
	return out + "。"
}

func (b briefing) speakers() string {
	s := b.cur
	if s.Speakers == 0 {
		return ""
	}
	var honours []string
	for _, h := range Honours {
		n := s.Honours[string(h)]
		if n == 0 {
			continue
		}
		name := briefingHonours[h]
		if b.en() {
			honours = append(honours, name.count(b.lang, n))
		} else {
			honours = append(honours, fmt.Sprintf("%s%d位", name.zh, n))
		}
	}
	if b.en() {
		out := fmt.Sprintf("%s take part, %d of them from abroad", capitalise(plural(s.Speakers, "speaker", "speakers")), s.ForeignSpeakers)
		if len(honours) > 0 {
			out += "; among them are " + joinAnd(b.lang, honours)
		}
		return out + "."
	}
	out := fmt.Sprintf("共有嘉宾%d位，其中境外嘉宾%d位", s.Speakers, s.ForeignSpeakers)
	if len(honours) > 0 {
		out += "；嘉宾中有" + joinAnd(b.lang, honours)
	}
	return out + "。"
}

func (b briefing) livestreams() string {
	n := b.cur.Livestreams
	if n == 0 {
		return ""
	}
	if b.en() {
		if n == 1 {
			return "1 activity is livestreamed."
		}
		return fmt.Sprintf("%d activities are livestreamed.", n)
	}
	return fmt.Sprintf("%d场活动提供网络直播。", n)
}

func (b briefing) compare(p Stats) string {
	s := b.cur
	name := p.Name.In(b.lang)
	da, dp := s.Activities-p.Activities, s.ParallelForums-p.ParallelForums
	if b.en() {
		return fmt.Sprintf("Compared with the %s (%s, %s), activities are %s and parallel forums %s.",
			name, plural(p.Activities, "activity", "activities"), plural(p.ParallelForums, "parallel forum", "parallel forums"),
			changeEN(da), changeEN(dp))
	}
	return fmt.Sprintf("与%s（%d场活动、平行论坛%d场）相比，活动%s，平行论坛%s。", name, p.Activities, p.ParallelForums, changeZH(da), changeZH(dp))
}

func changeZH(d int) string {
	switch {
	case d > 0:
		return fmt.Sprintf("增加%d场", d)
	case d < 0:
		return fmt.Sprintf("减少%d场", -d)
	}
	return "持平"
}

func changeEN(d int) string {
	switch {
	case d > 0:
		return fmt.Sprintf("up by %d", d)
	case d < 0:
		return fmt.Sprintf("down by %d", -d)
	}
	return "unchanged"
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

func capitalise(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// joinAnd joins a list: "A、B、C" in Chinese, "A, B and C" in English.
func joinAnd(lang string, items []string) string {
	if lang != LangEN {
		return strings.Join(items, "、")
	}
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}
