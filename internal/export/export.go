// Package export renders an edition's public program in the formats other
// software reads: iCalendar (RFC 5545) for calendar apps, and the frab/c3voc
// schedule.xml and schedule.json read by conference apps (Giggity,
// EventFahrplan, ConfClerk …). It is pure: an *program.Edition, a language and
// a base URL in, bytes out; no HTTP, no storage, no clock. Equal inputs give
// equal bytes, so callers may cache a rendering by the edition's version.
package export

import (
	"crypto/sha1"
	"encoding/binary"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"

	"convene/internal/program"
)

// Options choose the language and where links point.
type Options struct {
	Lang    string // program.LangZH (default) or program.LangEN
	BaseURL string // scheme and host of the public site, e.g. https://forum.example; no trailing slash
}

func (o Options) lang() string {
	if o.Lang == program.LangEN {
		return program.LangEN
	}
	return program.LangZH
}

func (o Options) base() string { return strings.TrimRight(o.BaseURL, "/") }

// PageURL is the public page of an activity in the language of o.
func (o Options) PageURL(ed *program.Edition, a *program.Activity) string {
	return o.base() + "/" + o.lang() + "/" + url.PathEscape(ed.Event.Slug) + "/activities/" + url.PathEscape(a.Slug)
}

func (o Options) personURL(ed *program.Edition, p *program.Person) string {
	return o.base() + "/" + o.lang() + "/" + url.PathEscape(ed.Event.Slug) + "/people/" + url.PathEscape(p.Slug)
}

func (o Options) editionURL(ed *program.Edition) string {
	return o.base() + "/" + o.lang() + "/" + url.PathEscape(ed.Event.Slug) + "/"
}

// Identities.
//
// Activity ids are UUIDs made when a program is imported, so the same
// program loaded into two databases (SQLite and PostgreSQL, or an export
// imported into a fresh edition) gets different ids. What stays the same is
// what the public sees: the edition's slug and the activity's slug, which
// also make its page URL. Every identity in the feeds is therefore derived
// from slugs: a name-based UUID (version 5) in convene's own namespace for
// the frab guid and the iCal UID, and a 31-bit integer for frab's legacy
// numeric id. Renaming an activity's slug changes its URL and, with it, its
// identity in calendars and apps.

// namespace is the UUID namespace of convene's name-based UUIDs.
var namespace = uuid.NewSHA1(uuid.NameSpaceDNS, []byte("convene"))

// ActivityGUID is the stable UUID of an activity of an edition.
func ActivityGUID(ed *program.Edition, a *program.Activity) string {
	return uuidNS("activity/" + ed.Event.Slug + "/" + a.Slug)
}

// ActivityUID is the iCalendar UID of an activity: its GUID at convene.
func ActivityUID(ed *program.Edition, a *program.Activity) string {
	return ActivityGUID(ed, a) + "@convene"
}

// People, rooms and organisations are shared by all editions and their
// slugs are unique, so their guids depend on the slug alone.
func personGUID(p *program.Person) string { return uuidNS("person/" + p.Slug) }

func roomGUID(r *program.Room) string { return uuidNS("room/" + r.Slug) }

// uuidNS is the name-based (version 5) UUID of name in convene's namespace.
func uuidNS(name string) string { return uuid.NewSHA1(namespace, []byte(name)).String() }

// numericIDs gives each key a stable positive integer below 2^31 (frab's ids
// are read into 32-bit ints by Java clients): the first four bytes of the
// SHA-1 of the key, less the top bit, with bit 20 set so that an id is never
// 0 and never small enough to be mistaken for a position. Keys are taken in
// sorted order and a collision (about one in 10^5 for a program of 200
// activities) is resolved by hashing the key again with a counter, so the
// result depends only on the set of keys.
func numericIDs(keys []string) map[string]int {
	sorted := slices.Clone(keys)
	slices.Sort(sorted)
	sorted = slices.Compact(sorted)
	out := make(map[string]int, len(sorted))
	used := map[int]bool{}
	for _, k := range sorted {
		for n := 0; ; n++ {
			in := k
			if n > 0 {
				in = fmt.Sprintf("%s#%d", k, n)
			}
			sum := sha1.Sum([]byte(in))
			id := int(binary.BigEndian.Uint32(sum[:4])&0x7fffffff) | 1<<20
			if !used[id] {
				used[id] = true
				out[k] = id
				break
			}
		}
	}
	return out
}

// scheduled lists the activities that have a time, in program order
// (start, room, slug); withCancelled keeps cancelled ones.
func scheduled(acts []*program.Activity, withCancelled bool) []*program.Activity {
	var out []*program.Activity
	for _, a := range acts {
		if a.StartsAt.IsZero() || a.Status == program.StatusDraft {
			continue
		}
		if a.Status == program.StatusCancelled && !withCancelled {
			continue
		}
		out = append(out, a)
	}
	return out
}

// end is an activity's end, or its start when none was given.
func end(a *program.Activity) time.Time {
	if a.EndsAt.After(a.StartsAt) {
		return a.EndsAt
	}
	return a.StartsAt
}

// Labels in the two languages. The site's message catalogue lives in
// internal/web; an export needs only these few words.
var labels = map[string]program.Text{
	"kind." + string(program.KindOpening):       {ZH: "开幕式", EN: "Opening ceremony"},
	"kind." + string(program.KindPlenary):       {ZH: "全体会议", EN: "Plenary session"},
	"kind." + string(program.KindParallelForum): {ZH: "平行论坛", EN: "Parallel forum"},
	"kind." + string(program.KindRelease):       {ZH: "发布活动", EN: "Release event"},
	"kind." + string(program.KindMatchmaking):   {ZH: "成果转化对接会", EN: "Matchmaking fair"},
	"kind." + string(program.KindCompetition):   {ZH: "前沿大赛", EN: "Frontier competition"},
	"kind." + string(program.KindSupporting):    {ZH: "配套活动", EN: "Supporting event"},
	"role." + string(program.RoleHost):          {ZH: "主办", EN: "Host"},
	"role." + string(program.RoleOrganiser):     {ZH: "承办", EN: "Organiser"},
	"role." + string(program.RoleCoOrganiser):   {ZH: "协办", EN: "Co-organiser"},
	"role." + string(program.RoleSupporter):     {ZH: "支持", EN: "Supporter"},
	"speakers":                                  {ZH: "嘉宾", EN: "Speakers"},
	"livestream":                                {ZH: "直播", EN: "Livestream"},
	"page":                                      {ZH: "活动页面", EN: "Activity page"},
	"cancelled":                                 {ZH: "已取消", EN: "Cancelled"},
	"tba":                                       {ZH: "地点待定", EN: "Place to be announced"},
	"program":                                   {ZH: "日程", EN: "Program"},
	"table":                                     {ZH: "桌号", EN: "Table"},
	"partner":                                   {ZH: "洽谈对象", EN: "Partner"},
}

func label(key, lang string) string {
	if t, ok := labels[key]; ok {
		return t.In(lang)
	}
	return key
}

// KindLabel names an activity kind in lang.
func KindLabel(k program.ActivityKind, lang string) string { return label("kind."+string(k), lang) }

func listSep(lang string) string {
	if lang == program.LangEN {
		return ", "
	}
	return "、"
}

func colon(lang string) string {
	if lang == program.LangEN {
		return ": "
	}
	return "："
}

// hostLines names the organisations of an activity by role, one line a role.
func hostLines(ed *program.Edition, a *program.Activity, lang string) []string {
	var lines []string
	for _, role := range program.HostRoles {
		var names []string
		for _, o := range ed.HostsWithRole(a, role) {
			if !slices.Contains(names, o.Name.In(lang)) {
				names = append(names, o.Name.In(lang))
			}
		}
		if len(names) > 0 {
			lines = append(lines, label("role."+string(role), lang)+colon(lang)+strings.Join(names, listSep(lang)))
		}
	}
	return lines
}

func speakerNames(ed *program.Edition, a *program.Activity, lang string) []string {
	var names []string
	for _, sp := range a.Speakers {
		if p := ed.PersonByID(sp.PersonID); p != nil && !slices.Contains(names, p.Name.In(lang)) {
			names = append(names, p.Name.In(lang))
		}
	}
	return names
}

// location is "room, venue" in lang; "" when unplaced.
func location(ed *program.Edition, a *program.Activity, lang string) string {
	r := ed.RoomByID(a.RoomID)
	if r == nil {
		return ""
	}
	parts := []string{r.Name.In(lang)}
	if v := ed.VenueByID(r.VenueID); v != nil {
		parts = append(parts, v.Name.In(lang))
		if addr := v.Address.In(lang); addr != "" {
			parts = append(parts, addr)
		}
	}
	return strings.Join(parts, ", ")
}

func themeNames(ed *program.Edition, a *program.Activity, lang string) []string {
	var out []string
	for _, id := range a.ThemeIDs {
		if t := ed.ThemeByID(id); t != nil {
			out = append(out, t.Name.In(lang))
		}
	}
	return out
}

// otherLang is the language that is not lang.
func otherLang(lang string) string {
	if lang == program.LangEN {
		return program.LangZH
	}
	return program.LangEN
}

// subtitle is the title in the other language when it differs: each feed is
// in one language, and the other name helps bilingual audiences.
func subtitle(a *program.Activity, lang string) string {
	other := a.Title.In(otherLang(lang))
	if other == a.Title.In(lang) {
		return ""
	}
	return other
}
