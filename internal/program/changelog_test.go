package program_test

import (
	"slices"
	"testing"
	"time"

	"convene/internal/program"
)

var clShanghai, _ = time.LoadLocation("Asia/Shanghai")

// clAt is an instant of March 2025 in Beijing, in UTC as stores keep it.
func clAt(day, hour, min int) time.Time {
	return time.Date(2025, 3, day, hour, min, 0, 0, clShanghai).UTC()
}

// clParts is a small edition: a forum with a keynote, a livestream and a
// release event with one release. Every call returns fresh parts, so a test
// may change them before building the edition.
func clParts() program.Parts {
	return program.Parts{
		Event: program.Event{ID: "e1", Slug: "t-2025", Name: program.Text{ZH: "年会", EN: "Meeting"},
			StartDate: "2025-03-27", EndDate: "2025-03-31", TimeZone: "Asia/Shanghai"},
		Sections: []program.Section{{ID: "s1", EventID: "e1", Slug: "forums", Name: program.Text{ZH: "论坛", EN: "Forums"}, Position: 1}},
		Organisations: []program.Organisation{
			{ID: "o1", Slug: "most", Name: program.Text{ZH: "科技部", EN: "MOST"}, Kind: program.OrgMinistry},
			{ID: "o2", Slug: "pku", Name: program.Text{ZH: "北京大学", EN: "Peking University"}, Kind: program.OrgUniversity},
		},
		People: []program.Person{
			{ID: "p1", Slug: "ada", Name: program.Text{ZH: "艾达", EN: "Ada"}},
			{ID: "p2", Slug: "li-lei", Name: program.Text{ZH: "李雷", EN: "Li Lei"}},
			{ID: "p3", Slug: "han-mei", Name: program.Text{ZH: "韩梅", EN: "Han Mei"}},
		},
		Venues: []program.Venue{{ID: "v1", Slug: "center", Name: program.Text{ZH: "中心", EN: "Center"}}},
		Rooms: []program.Room{
			{ID: "r1", VenueID: "v1", Slug: "hall-a", Name: program.Text{ZH: "A厅", EN: "Hall A"}, Capacity: 300},
			{ID: "r2", VenueID: "v1", Slug: "hall-b", Name: program.Text{ZH: "B厅", EN: "Hall B"}, Capacity: 100},
		},
		Themes: []program.Theme{{ID: "t1", Slug: "quantum", Name: program.Text{ZH: "量子", EN: "Quantum"}}},
		Activities: []program.Activity{
			{ID: "a1", EventID: "e1", SectionID: "s1", Slug: "quantum-forum", Kind: program.KindParallelForum,
				Title: program.Text{ZH: "量子论坛", EN: "Quantum Forum"}, Summary: program.Text{ZH: "量子计算", EN: "Quantum computing"},
				ThemeIDs: []string{"t1"}, RoomID: "r1", StartsAt: clAt(28, 9, 0), EndsAt: clAt(28, 11, 30), Languages: []string{"zh", "en"},
				Livestream: &program.Livestream{URL: "https://live.example/q", StartsAt: clAt(28, 9, 0)},
				Status:     program.StatusPublished,
				Hosts:      []program.Host{{OrgID: "o1", Role: program.RoleHost}},
				Speakers:   []program.Appearance{{PersonID: "p1", Role: program.SpeakerKeynote}, {PersonID: "p3", Role: program.SpeakerSpeaker}}},
			{ID: "a2", EventID: "e1", SectionID: "s1", Slug: "release-event", Kind: program.KindRelease,
				Title: program.Text{ZH: "成果发布会", EN: "Release Event"}, RoomID: "r2", StartsAt: clAt(27, 14, 0), EndsAt: clAt(27, 16, 0),
				Status: program.StatusPublished, Hosts: []program.Host{{OrgID: "o2", Role: program.RoleHost}}},
		},
		Releases: []program.Release{
			{ID: "rel1", EventID: "e1", ActivityID: "a2", Slug: "index-2025", Title: program.Text{ZH: "指数", EN: "Index"}, Kind: "index", PublisherID: "o2"},
		},
	}
}

func clEdition(change func(p *program.Parts)) *program.Edition {
	p := clParts()
	if change != nil {
		change(&p)
	}
	return program.NewEdition(p)
}

// clActivity returns the activity slug of p for changing.
func clActivity(t *testing.T, p *program.Parts, slug string) *program.Activity {
	t.Helper()
	for i := range p.Activities {
		if p.Activities[i].Slug == slug {
			return &p.Activities[i]
		}
	}
	t.Fatalf("no activity %s", slug)
	return nil
}

func clKinds(cs []program.Change) []string {
	var out []string
	for _, c := range cs {
		out = append(out, string(c.Kind)+" "+c.Activity)
	}
	return out
}

// clOne checks that cs is one change of kind about activity and returns it.
func clOne(t *testing.T, cs []program.Change, kind program.ChangeKind, activity string) program.Change {
	t.Helper()
	if len(cs) != 1 || cs[0].Kind != kind || cs[0].Activity != activity {
		t.Fatalf("changes %q; want only %s %s", clKinds(cs), kind, activity)
	}
	return cs[0]
}

func clMessages(t *testing.T, c program.Change, en, zh string) {
	t.Helper()
	if got := c.Message("en", clShanghai); got != en {
		t.Errorf("en message:\n got %q\nwant %q", got, en)
	}
	if got := c.Message("zh", clShanghai); got != zh {
		t.Errorf("zh message:\n got %q\nwant %q", got, zh)
	}
}

func TestChangelogFirstVersionIsNil(t *testing.T) {
	if cs := program.Changelog(nil, clEdition(nil)); cs != nil {
		t.Errorf("first version: %q; want nil", clKinds(cs))
	}
}

func TestChangelogUnchangedEditionHasNoChanges(t *testing.T) {
	if cs := program.Changelog(clEdition(nil), clEdition(nil)); len(cs) != 0 {
		t.Errorf("unchanged edition: %q; want none", clKinds(cs))
	}
	// The working revision is no change of the program.
	next := clEdition(func(p *program.Parts) { p.Event.Version, p.Event.UpdatedAt = 9, clAt(20, 8, 0) })
	if cs := program.Changelog(clEdition(nil), next); len(cs) != 0 {
		t.Errorf("only the revision changed: %q; want none", clKinds(cs))
	}
}

func TestChangelogAdded(t *testing.T) {
	next := clEdition(func(p *program.Parts) {
		p.Activities = append(p.Activities,
			program.Activity{ID: "a3", EventID: "e1", SectionID: "s1", Slug: "ai-forum", Kind: program.KindParallelForum,
				Title: program.Text{ZH: "人工智能论坛", EN: "AI Forum"}, RoomID: "r2", StartsAt: clAt(29, 14, 0), EndsAt: clAt(29, 16, 0), Status: program.StatusPublished},
			program.Activity{ID: "a4", EventID: "e1", SectionID: "s1", Slug: "side-event", Kind: program.KindSupporting,
				Title: program.Text{ZH: "配套活动", EN: "Side Event"}, Status: program.StatusPublished})
	})
	cs := program.Changelog(clEdition(nil), next)
	if want := []string{"added side-event", "added ai-forum"}; !slices.Equal(clKinds(cs), want) {
		t.Fatalf("changes %q; want %q (in the next edition's order: unplaced first)", clKinds(cs), want)
	}
	if cs[1].After == nil || !cs[1].After.Start.Equal(clAt(29, 14, 0)) || cs[1].After.Room.EN != "Hall B" || cs[1].Before != nil {
		t.Errorf("added slot: before %+v after %+v", cs[1].Before, cs[1].After)
	}
	clMessages(t, cs[1], "Added: AI Forum (29 March 14:00–16:00 Hall B)", "新增：人工智能论坛（3月29日 14:00–16:00 B厅）")
	clMessages(t, cs[0], "Added: Side Event (time to be announced)", "新增：配套活动（时间待定）")
}

func TestChangelogRemovedComesLast(t *testing.T) {
	next := clEdition(func(p *program.Parts) {
		p.Activities = slices.DeleteFunc(p.Activities, func(a program.Activity) bool { return a.Slug == "quantum-forum" })
		clActivity(t, p, "release-event").Summary = program.Text{ZH: "新", EN: "new"}
	})
	cs := program.Changelog(clEdition(nil), next)
	if want := []string{"details release-event", "removed quantum-forum"}; !slices.Equal(clKinds(cs), want) {
		t.Fatalf("changes %q; want %q", clKinds(cs), want)
	}
	c := cs[1]
	if c.Title.EN != "Quantum Forum" || c.Before == nil || c.After != nil {
		t.Errorf("removed: title %v before %+v after %+v", c.Title, c.Before, c.After)
	}
	clMessages(t, c, "Removed: Quantum Forum (was 28 March 09:00–11:30 Hall A)", "删除：量子论坛（原定3月28日 09:00–11:30 A厅）")
}

func TestChangelogCancelledIsTheOnlyLine(t *testing.T) {
	next := clEdition(func(p *program.Parts) {
		a := clActivity(t, p, "quantum-forum")
		a.Status = program.StatusCancelled
		a.Summary = program.Text{ZH: "取消", EN: "Called off"}
		a.Speakers = nil
		a.Livestream = nil
		a.RoomID, a.StartsAt, a.EndsAt = "r2", clAt(29, 9, 0), clAt(29, 10, 0)
	})
	c := clOne(t, program.Changelog(clEdition(nil), next), program.ChangeCancelled, "quantum-forum")
	if c.Before == nil || !c.Before.Start.Equal(clAt(28, 9, 0)) || c.Before.Room.EN != "Hall A" {
		t.Errorf("cancelled: before %+v; want the old slot", c.Before)
	}
	clMessages(t, c, "Cancelled: Quantum Forum (was 28 March 09:00–11:30 Hall A)", "取消：量子论坛（原定3月28日 09:00–11:30 A厅）")

	// Still cancelled in the version after: no new line.
	if cs := program.Changelog(next, next); len(cs) != 0 {
		t.Errorf("cancelled twice: %q", clKinds(cs))
	}
}

func TestChangelogMoved(t *testing.T) {
	next := clEdition(func(p *program.Parts) {
		a := clActivity(t, p, "quantum-forum")
		a.RoomID, a.StartsAt, a.EndsAt = "r2", clAt(29, 14, 0), clAt(29, 16, 0)
		a.Livestream.StartsAt = clAt(29, 14, 0)
	})
	cs := program.Changelog(clEdition(nil), next)
	if want := []string{"moved quantum-forum", "livestream quantum-forum"}; !slices.Equal(clKinds(cs), want) {
		t.Fatalf("changes %q; want %q", clKinds(cs), want)
	}
	clMessages(t, cs[0],
		"Quantum Forum moved from 28 March 09:00–11:30 Hall A to 29 March 14:00–16:00 Hall B",
		"量子论坛 由 3月28日 09:00–11:30 A厅 调整至 3月29日 14:00–16:00 B厅")

	// Only the end moves: still a move.
	later := clEdition(func(p *program.Parts) { clActivity(t, p, "quantum-forum").EndsAt = clAt(28, 12, 0) })
	c := clOne(t, program.Changelog(clEdition(nil), later), program.ChangeMoved, "quantum-forum")
	clMessages(t, c, "Quantum Forum moved from 28 March 09:00–11:30 Hall A to 28 March 09:00–12:00 Hall A",
		"量子论坛 由 3月28日 09:00–11:30 A厅 调整至 3月28日 09:00–12:00 A厅")

	// Taken out of the timetable: moved to "to be announced".
	unplaced := clEdition(func(p *program.Parts) {
		a := clActivity(t, p, "release-event")
		a.RoomID, a.StartsAt, a.EndsAt = "", time.Time{}, time.Time{}
	})
	c = clOne(t, program.Changelog(clEdition(nil), unplaced), program.ChangeMoved, "release-event")
	clMessages(t, c, "Release Event moved from 27 March 14:00–16:00 Hall B to time to be announced",
		"成果发布会 由 3月27日 14:00–16:00 B厅 调整至 时间待定")
}

func TestChangelogRenamed(t *testing.T) {
	both := clEdition(func(p *program.Parts) {
		clActivity(t, p, "quantum-forum").Title = program.Text{ZH: "量子峰会", EN: "Quantum Summit"}
	})
	c := clOne(t, program.Changelog(clEdition(nil), both), program.ChangeRenamed, "quantum-forum")
	if c.OldTitle.EN != "Quantum Forum" || c.Title.EN != "Quantum Summit" {
		t.Errorf("renamed: old %v new %v", c.OldTitle, c.Title)
	}
	clMessages(t, c, "“Quantum Forum” renamed “Quantum Summit”", "“量子论坛”更名为“量子峰会”")

	enOnly := clEdition(func(p *program.Parts) { clActivity(t, p, "quantum-forum").Title.EN = "Quantum Summit" })
	c = clOne(t, program.Changelog(clEdition(nil), enOnly), program.ChangeRenamed, "quantum-forum")
	clMessages(t, c, "“Quantum Forum” renamed “Quantum Summit”", "量子论坛：英文名称改为“Quantum Summit”")

	zhOnly := clEdition(func(p *program.Parts) { clActivity(t, p, "quantum-forum").Title.ZH = "量子峰会" })
	c = clOne(t, program.Changelog(clEdition(nil), zhOnly), program.ChangeRenamed, "quantum-forum")
	clMessages(t, c, "Quantum Forum: Chinese title changed to “量子峰会”", "“量子论坛”更名为“量子峰会”")
}

func TestChangelogSpeakers(t *testing.T) {
	next := clEdition(func(p *program.Parts) {
		clActivity(t, p, "quantum-forum").Speakers = []program.Appearance{
			{PersonID: "p3", Role: program.SpeakerSpeaker}, {PersonID: "p2", Role: program.SpeakerModerator}}
	})
	c := clOne(t, program.Changelog(clEdition(nil), next), program.ChangeSpeakers, "quantum-forum")
	if len(c.Added) != 1 || c.Added[0].EN != "Li Lei" || len(c.Removed) != 1 || c.Removed[0].EN != "Ada" {
		t.Errorf("speakers: added %v removed %v", c.Added, c.Removed)
	}
	clMessages(t, c, "Quantum Forum: speakers added: Li Lei; no longer speaking: Ada", "量子论坛：新增嘉宾 李雷；不再出席 艾达")

	added := clEdition(func(p *program.Parts) {
		a := clActivity(t, p, "quantum-forum")
		a.Speakers = append(a.Speakers, program.Appearance{PersonID: "p2", Role: program.SpeakerPanelist})
	})
	c = clOne(t, program.Changelog(clEdition(nil), added), program.ChangeSpeakers, "quantum-forum")
	clMessages(t, c, "Quantum Forum: speakers added: Li Lei", "量子论坛：新增嘉宾 李雷")

	removed := clEdition(func(p *program.Parts) { clActivity(t, p, "quantum-forum").Speakers = nil })
	c = clOne(t, program.Changelog(clEdition(nil), removed), program.ChangeSpeakers, "quantum-forum")
	clMessages(t, c, "Quantum Forum: no longer speaking: Ada, Han Mei", "量子论坛：不再出席 艾达、韩梅")

	// The same people in another order: no change.
	reordered := clEdition(func(p *program.Parts) { slices.Reverse(clActivity(t, p, "quantum-forum").Speakers) })
	if cs := program.Changelog(clEdition(nil), reordered); len(cs) != 0 {
		t.Errorf("speakers reordered: %q; want none", clKinds(cs))
	}

	// The same people, one in another role: a detail of the activity.
	recast := clEdition(func(p *program.Parts) { clActivity(t, p, "quantum-forum").Speakers[0].Role = program.SpeakerModerator })
	if got := clKinds(program.Changelog(clEdition(nil), recast)); !slices.Equal(got, []string{"details quantum-forum"}) {
		t.Errorf("a speaker's role changed: %q; want one details line", got)
	}
}

func TestChangelogLivestream(t *testing.T) {
	for name, change := range map[string]func(a *program.Activity){
		"url":     func(a *program.Activity) { a.Livestream.URL = "https://live.example/q2" },
		"start":   func(a *program.Activity) { a.Livestream.StartsAt = clAt(28, 9, 30) },
		"removed": func(a *program.Activity) { a.Livestream = nil },
	} {
		next := clEdition(func(p *program.Parts) { change(clActivity(t, p, "quantum-forum")) })
		c := clOne(t, program.Changelog(clEdition(nil), next), program.ChangeLivestream, "quantum-forum")
		if t.Failed() {
			t.Fatalf("livestream %s", name)
		}
		clMessages(t, c, "Quantum Forum: livestream updated", "量子论坛：直播信息更新")
	}
	added := clEdition(func(p *program.Parts) {
		clActivity(t, p, "release-event").Livestream = &program.Livestream{URL: "https://live.example/r", StartsAt: clAt(27, 14, 0)}
	})
	clOne(t, program.Changelog(clEdition(nil), added), program.ChangeLivestream, "release-event")
}

func TestChangelogDetails(t *testing.T) {
	for name, change := range map[string]func(p *program.Parts, a *program.Activity){
		"summary":        func(_ *program.Parts, a *program.Activity) { a.Summary.EN = "Quantum computing and communication" },
		"languages":      func(_ *program.Parts, a *program.Activity) { a.Languages = []string{"zh"} },
		"interpretation": func(_ *program.Parts, a *program.Activity) { a.Interpretation = true },
		"capacity":       func(_ *program.Parts, a *program.Activity) { a.Capacity = 50 },
		"hosts": func(_ *program.Parts, a *program.Activity) {
			a.Hosts = append(a.Hosts, program.Host{OrgID: "o2", Role: program.RoleSupporter})
		},
		"themes": func(_ *program.Parts, a *program.Activity) { a.ThemeIDs = nil },
	} {
		next := clEdition(func(p *program.Parts) { change(p, clActivity(t, p, "quantum-forum")) })
		cs := program.Changelog(clEdition(nil), next)
		if len(cs) != 1 || cs[0].Kind != program.ChangeDetails || cs[0].Activity != "quantum-forum" {
			t.Errorf("%s changed: %q; want only details quantum-forum", name, clKinds(cs))
			continue
		}
		clMessages(t, cs[0], "Quantum Forum: details updated", "量子论坛：活动信息更新")
	}
}

func TestChangelogNewReleaseUnderEmbargo(t *testing.T) {
	embargo := clAt(29, 10, 0)
	next := clEdition(func(p *program.Parts) {
		p.Releases = append(p.Releases, program.Release{ID: "rel2", EventID: "e1", ActivityID: "a2", Slug: "secret-report",
			Title: program.Text{ZH: "报告", EN: "Report"}, Kind: "report", PublisherID: "o2", EmbargoUntil: &embargo})
	})
	c := clOne(t, program.Changelog(clEdition(nil), next), program.ChangeRelease, "release-event")
	if c.Embargo == nil || !c.Embargo.Equal(embargo) {
		t.Fatalf("embargo %v; want %v", c.Embargo, embargo)
	}
	if c.Public(embargo.Add(-time.Second)) {
		t.Error("public a second before the embargo lifts")
	}
	if !c.Public(embargo) || !c.Public(embargo.Add(time.Hour)) {
		t.Error("not public once the embargo lifted")
	}
	clMessages(t, c, "Release Event: new release “Report”", "成果发布会：新增发布《报告》")

	// A release without embargo is public at once.
	open := clEdition(func(p *program.Parts) {
		p.Releases = append(p.Releases, program.Release{ID: "rel3", EventID: "e1", ActivityID: "a2", Slug: "list",
			Title: program.Text{ZH: "名单", EN: "List"}, Kind: "list", PublisherID: "o2"})
	})
	c = clOne(t, program.Changelog(clEdition(nil), open), program.ChangeRelease, "release-event")
	if c.Embargo != nil || !c.Public(time.Time{}) {
		t.Errorf("release without embargo: embargo %v, public %v", c.Embargo, c.Public(time.Time{}))
	}
}

func TestChangelogOrderFollowsTheNextEdition(t *testing.T) {
	next := clEdition(func(p *program.Parts) {
		clActivity(t, p, "quantum-forum").Title.EN = "Quantum Summit"
		clActivity(t, p, "release-event").Capacity = 10
	})
	// release-event starts on the 27th, quantum-forum on the 28th.
	if got, want := clKinds(program.Changelog(clEdition(nil), next)), []string{"details release-event", "renamed quantum-forum"}; !slices.Equal(got, want) {
		t.Errorf("changes %q; want %q", got, want)
	}
}

// A cancelled activity that takes place after all is a change the public
// must hear about, like its cancellation was.
func TestChangelogReinstatedActivityIsReported(t *testing.T) {
	cancelled := clEdition(func(p *program.Parts) { clActivity(t, p, "quantum-forum").Status = program.StatusCancelled })
	cs := program.Changelog(cancelled, clEdition(nil))
	if len(cs) == 0 {
		t.Fatalf("quantum-forum went from cancelled back to published: the changelog says nothing")
	}
	c := clOne(t, cs, program.ChangeReinstated, "quantum-forum")
	clMessages(t, c, "Reinstated: Quantum Forum (28 March 09:00–11:30 Hall A)", "恢复举办：量子论坛（3月28日 09:00–11:30 A厅）")
}
