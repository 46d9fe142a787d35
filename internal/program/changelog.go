package program

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"
)

// ChangeKind says what happened to an activity or release between two
// published versions of an edition.
type ChangeKind string

const (
	ChangeAdded      ChangeKind = "added"
	ChangeRemoved    ChangeKind = "removed"
	ChangeCancelled  ChangeKind = "cancelled"
	ChangeReinstated ChangeKind = "reinstated" // cancelled before, taking place again
	ChangeMoved      ChangeKind = "moved"      // time or room
	ChangeRenamed    ChangeKind = "renamed"
	ChangeSpeakers   ChangeKind = "speakers"
	ChangeLivestream ChangeKind = "livestream"
	ChangeRelease    ChangeKind = "release-added"
	ChangeDetails    ChangeKind = "details" // summary, languages, seats, hosts or themes
)

// ChangeKinds lists every kind, for what must name them all (the API
// document's enum is tested against it).
var ChangeKinds = []ChangeKind{ChangeAdded, ChangeRemoved, ChangeCancelled, ChangeReinstated, ChangeMoved, ChangeRenamed,
	ChangeSpeakers, ChangeLivestream, ChangeRelease, ChangeDetails}

// Slot is where and when an activity took place in one version; the room is
// kept by name so the change reads the same after the room is renamed or gone.
type Slot struct {
	Start time.Time `json:"start"`
	End   time.Time `json:"end"`
	Room  Text      `json:"room"`
}

// Change is one line of a version's changelog. It carries its own text (titles,
// room and people names as they were), so an old changelog never depends on
// today's data.
type Change struct {
	Kind     ChangeKind `json:"kind"`
	Activity string     `json:"activity"` // slug
	Title    Text       `json:"title"`    // the activity's title in the newer version (the older when removed)
	OldTitle Text       `json:"old_title,omitzero"`
	Before   *Slot      `json:"before,omitempty"`
	After    *Slot      `json:"after,omitempty"`
	Added    []Text     `json:"added,omitempty"`   // speakers added, or the release's title
	Removed  []Text     `json:"removed,omitempty"` // speakers removed
	// Embargo holds a new release's embargo: the change stays hidden from the
	// public until then, like the release itself.
	Embargo *time.Time `json:"embargo,omitempty"`
}

// Public reports whether the public may see the change at now.
func (c Change) Public(now time.Time) bool { return c.Embargo == nil || !now.Before(*c.Embargo) }

// Changelog lists what changed from prev to next, activities in next's order
// (removed ones last). prev is nil for the first version: everything is new,
// which the changelog says in one line rather than one per activity, so it
// returns nil then.
func Changelog(prev, next *Edition) []Change {
	if prev == nil {
		return nil
	}
	var out []Change
	for _, a := range next.Activities {
		old, ok := prev.activityBySlug[a.Slug]
		if !ok {
			out = append(out, Change{Kind: ChangeAdded, Activity: a.Slug, Title: a.Title, After: next.slot(a)})
			continue
		}
		out = append(out, activityChanges(prev, old, next, a)...)
	}
	var removed []*Activity
	for _, a := range prev.Activities {
		if _, ok := next.activityBySlug[a.Slug]; !ok {
			removed = append(removed, a)
		}
	}
	slices.SortFunc(removed, func(a, b *Activity) int { return cmp.Compare(a.Slug, b.Slug) })
	for _, a := range removed {
		out = append(out, Change{Kind: ChangeRemoved, Activity: a.Slug, Title: a.Title, Before: prev.slot(a)})
	}
	return out
}

func activityChanges(prev *Edition, old *Activity, next *Edition, a *Activity) []Change {
	var out []Change
	base := Change{Activity: a.Slug, Title: a.Title}
	if a.Status == StatusCancelled && old.Status != StatusCancelled {
		c := base
		c.Kind, c.Before = ChangeCancelled, prev.slot(old)
		return append(out, c) // details of a cancelled activity no longer matter
	}
	if old.Status == StatusCancelled && a.Status != StatusCancelled {
		c := base
		c.Kind, c.After = ChangeReinstated, next.slot(a)
		return append(out, c) // everything about it is news again
	}
	if a.Title != old.Title {
		c := base
		c.Kind, c.OldTitle = ChangeRenamed, old.Title
		out = append(out, c)
	}
	before, after := prev.slot(old), next.slot(a)
	if !sameSlot(before, after) {
		c := base
		c.Kind, c.Before, c.After = ChangeMoved, before, after
		out = append(out, c)
	}
	if added, removed := speakerDiff(prev, old, next, a); len(added)+len(removed) > 0 {
		c := base
		c.Kind, c.Added, c.Removed = ChangeSpeakers, added, removed
		out = append(out, c)
	}
	if !sameLivestream(old.Livestream, a.Livestream) {
		c := base
		c.Kind = ChangeLivestream
		out = append(out, c)
	}
	if detailsDiffer(prev, old, next, a) {
		c := base
		c.Kind = ChangeDetails
		out = append(out, c)
	}
	for _, r := range next.releasesOf[a.ID] {
		if !slices.ContainsFunc(prev.releasesOf[old.ID], func(o *Release) bool { return o.Slug == r.Slug }) {
			c := base
			c.Kind, c.Added, c.Embargo = ChangeRelease, []Text{r.Title}, r.EmbargoUntil
			out = append(out, c)
		}
	}
	return out
}

// slot is where and when a is placed in ed; nil while unplaced.
func (ed *Edition) slot(a *Activity) *Slot {
	if a.StartsAt.IsZero() {
		return nil
	}
	s := &Slot{Start: a.StartsAt, End: a.EndsAt}
	if r := ed.rooms[a.RoomID]; r != nil {
		s.Room = r.Name
	}
	return s
}

// detailsDiffer reports a change of what the other kinds do not cover,
// speakers' roles among them.
func detailsDiffer(prev *Edition, old *Activity, next *Edition, a *Activity) bool {
	hosts := func(ed *Edition, x *Activity) []string {
		var s []string
		for _, h := range x.Hosts {
			if o := ed.orgs[h.OrgID]; o != nil {
				s = append(s, o.Slug+" "+string(h.Role))
			}
		}
		return s
	}
	themes := func(ed *Edition, x *Activity) []string {
		var s []string
		for _, id := range x.ThemeIDs {
			if t := ed.themes[id]; t != nil {
				s = append(s, t.Slug)
			}
		}
		return s
	}
	// The speakers' roles (their order is not news); who joined or left
	// is ChangeSpeakers.
	roles := func(ed *Edition, x *Activity) []string {
		var s []string
		for _, sp := range x.Speakers {
			if p := ed.people[sp.PersonID]; p != nil {
				s = append(s, p.Slug+" "+string(sp.Role))
			}
		}
		slices.Sort(s)
		return s
	}
	added, removed := speakerDiff(prev, old, next, a)
	rolesChanged := len(added)+len(removed) == 0 && !slices.Equal(roles(prev, old), roles(next, a))
	return rolesChanged || old.Summary != a.Summary || !slices.Equal(old.Languages, a.Languages) || old.Interpretation != a.Interpretation ||
		old.Capacity != a.Capacity || old.Kind != a.Kind || old.Orientation != a.Orientation ||
		!slices.Equal(hosts(prev, old), hosts(next, a)) || !slices.Equal(themes(prev, old), themes(next, a))
}

func sameSlot(a, b *Slot) bool {
	if a == nil || b == nil {
		return a == b
	}
	return a.Start.Equal(b.Start) && a.End.Equal(b.End) && a.Room == b.Room
}

func sameLivestream(a, b *Livestream) bool {
	if a == nil || b == nil {
		return a == b
	}
	return a.URL == b.URL && a.StartsAt.Equal(b.StartsAt)
}

func speakerDiff(prev *Edition, old *Activity, next *Edition, a *Activity) (added, removed []Text) {
	had := map[string]bool{}
	for _, s := range old.Speakers {
		if p := prev.people[s.PersonID]; p != nil {
			had[p.Slug] = true
		}
	}
	has := map[string]bool{}
	for _, s := range a.Speakers {
		if p := next.people[s.PersonID]; p != nil {
			has[p.Slug] = true
			if !had[p.Slug] {
				added = append(added, p.Name)
			}
		}
	}
	for _, s := range old.Speakers {
		if p := prev.people[s.PersonID]; p != nil && !has[p.Slug] {
			removed = append(removed, p.Name)
		}
	}
	return added, removed
}

// Message is the change as a sentence in lang, times in loc: "量子科技创新发展论坛
// 由 3月28日 09:00 A厅 调整至 3月29日 14:00 B厅" / "Forum X moved from 28 March
// 09:00 Hall A to 29 March 14:00 Hall B".
func (c Change) Message(lang string, loc *time.Location) string {
	title := c.Title.In(lang)
	zh := lang == "zh"
	names := func(ts []Text) string {
		var s []string
		for _, t := range ts {
			s = append(s, t.In(lang))
		}
		if zh {
			return strings.Join(s, "、")
		}
		return strings.Join(s, ", ")
	}
	switch c.Kind {
	case ChangeAdded:
		if zh {
			return fmt.Sprintf("新增：%s（%s）", title, slotText(c.After, lang, loc))
		}
		return fmt.Sprintf("Added: %s (%s)", title, slotText(c.After, lang, loc))
	case ChangeRemoved:
		if zh {
			return fmt.Sprintf("删除：%s（原定%s）", title, slotText(c.Before, lang, loc))
		}
		return fmt.Sprintf("Removed: %s (was %s)", title, slotText(c.Before, lang, loc))
	case ChangeCancelled:
		if zh {
			return fmt.Sprintf("取消：%s（原定%s）", title, slotText(c.Before, lang, loc))
		}
		return fmt.Sprintf("Cancelled: %s (was %s)", title, slotText(c.Before, lang, loc))
	case ChangeReinstated:
		if zh {
			return fmt.Sprintf("恢复举办：%s（%s）", title, slotText(c.After, lang, loc))
		}
		return fmt.Sprintf("Reinstated: %s (%s)", title, slotText(c.After, lang, loc))
	case ChangeMoved:
		if zh {
			return fmt.Sprintf("%s 由 %s 调整至 %s", title, slotText(c.Before, lang, loc), slotText(c.After, lang, loc))
		}
		return fmt.Sprintf("%s moved from %s to %s", title, slotText(c.Before, lang, loc), slotText(c.After, lang, loc))
	case ChangeRenamed:
		if c.OldTitle.In(lang) == title { // renamed in the other language only
			if zh {
				return fmt.Sprintf("%s：英文名称改为“%s”", title, c.Title.EN)
			}
			return fmt.Sprintf("%s: Chinese title changed to “%s”", title, c.Title.ZH)
		}
		if zh {
			return fmt.Sprintf("“%s”更名为“%s”", c.OldTitle.In(lang), title)
		}
		return fmt.Sprintf("“%s” renamed “%s”", c.OldTitle.In(lang), title)
	case ChangeSpeakers:
		var parts []string
		if len(c.Added) > 0 {
			parts = append(parts, map[bool]string{true: "新增嘉宾 ", false: "speakers added: "}[zh]+names(c.Added))
		}
		if len(c.Removed) > 0 {
			parts = append(parts, map[bool]string{true: "不再出席 ", false: "no longer speaking: "}[zh]+names(c.Removed))
		}
		if zh {
			return fmt.Sprintf("%s：%s", title, strings.Join(parts, "；"))
		}
		return fmt.Sprintf("%s: %s", title, strings.Join(parts, "; "))
	case ChangeLivestream:
		if zh {
			return fmt.Sprintf("%s：直播信息更新", title)
		}
		return fmt.Sprintf("%s: livestream updated", title)
	case ChangeDetails:
		if zh {
			return fmt.Sprintf("%s：活动信息更新", title)
		}
		return fmt.Sprintf("%s: details updated", title)
	case ChangeRelease:
		if zh {
			return fmt.Sprintf("%s：新增发布《%s》", title, names(c.Added))
		}
		return fmt.Sprintf("%s: new release “%s”", title, names(c.Added))
	}
	return title
}

// slotText is "3月28日 09:00–10:30 A厅" / "28 March 09:00–10:30 Hall A".
func slotText(s *Slot, lang string, loc *time.Location) string {
	if s == nil {
		if lang == "zh" {
			return "时间待定"
		}
		return "time to be announced"
	}
	start, end := s.Start.In(loc), s.End.In(loc)
	var day string
	if lang == "zh" {
		day = fmt.Sprintf("%d月%d日", start.Month(), start.Day())
	} else {
		day = start.Format("2 January")
	}
	text := day + " " + start.Format("15:04") + "–" + end.Format("15:04")
	if room := s.Room.In(lang); room != "" {
		text += " " + room
	}
	return text
}

// Version is one published version of an edition's program.
type Version struct {
	Number      int64
	PublishedAt time.Time
	PublishedBy string // the audit actor who published it
	Changes     []Change
}
