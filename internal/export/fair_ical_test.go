package export_test

import (
	"strings"
	"testing"
	"time"

	"convene/internal/export"
	"convene/internal/fair"
	"convene/internal/program"
)

// tinyFair is a published fair at the tiny edition's AI forum: a firm with
// meetings at two laboratories, and a third meeting between the laboratories.
func tinyFair(published bool) *fair.Snapshot {
	starts := time.Date(2025, 3, 28, 6, 0, 0, 0, time.UTC) // 14:00 in Beijing
	ds := &fair.Dataset{
		Fair: fair.Fair{ActivityID: "a2", EventID: "e1", StartsAt: starts, SlotMinutes: 30, Slots: 4, MorningSlots: 4, Tables: 2},
		Participants: []fair.Participant{
			{ID: "firm", ActivityID: "a2", Organisation: program.Text{ZH: "管道检测公司", EN: "Pipeline Inspection Co."}, Side: fair.SideDemand,
				Contact: fair.Contact{Name: "钱七", Email: "qian@example.org"}},
			{ID: "lab1", ActivityID: "a2", Organisation: program.Text{ZH: "量子实验室", EN: "Quantum Lab, Beijing"}, Side: fair.SideSupply},
			{ID: "lab2", ActivityID: "a2", Organisation: program.Text{ZH: "材料研究所", EN: "Materials Institute"}, Side: fair.SideBoth},
		},
		Meetings: []fair.Meeting{
			{ID: "m2", From: "firm", To: "lab2", Status: fair.StatusAccepted, Slot: 3, Table: 1},
			{ID: "m1", From: "firm", To: "lab1", Status: fair.StatusAccepted, Slot: 1, Table: 2},
			{ID: "m3", From: "lab1", To: "lab2", Status: fair.StatusAccepted, Slot: 2, Table: 1},
			{ID: "m4", From: "lab1", To: "firm", Status: fair.StatusRequested},
		},
	}
	if published {
		at := starts.AddDate(0, 0, -1)
		ds.Fair.ScheduledAt, ds.Fair.PublishedAt = &at, &at
	}
	return fair.NewSnapshot(ds)
}

// TestFairCalendar: a participant's calendar has its published meetings
// only, by slot, with the partner, the fair's room and the table, the local
// time and no contact; before publication it is a valid empty calendar.
func TestFairCalendar(t *testing.T) {
	ed := tinyEdition()
	act, _ := ed.Activity("ai-forum")
	snap := tinyFair(true)
	body := export.FairCalendar(ed, act, snap, snap.Participants["firm"], export.Options{Lang: "en", BaseURL: base})
	checkICS(t, "fair-en", body)
	cal := parseICS(t, body)
	events := cal.Events()
	if len(events) != 2 {
		t.Fatalf("%d events, want the firm's 2 meetings:\n%s", len(events), body)
	}
	first := events[0]
	start, err := first.GetStartAt()
	if first.Id() != "fair-meeting-m1@convene" || err != nil || !start.Equal(time.Date(2025, 3, 28, 6, 0, 0, 0, time.UTC)) {
		t.Errorf("first event %s at %v (%v), want m1 at slot 1", first.Id(), start, err)
	}
	unfolded := strings.ReplaceAll(string(body), "\r\n ", "")
	for _, want := range []string{
		`SUMMARY:Quantum Lab\, Beijing`,
		`LOCATION:Main Hall\, Conference Hotel\, Haidian\, Beijing · Table 2`,
		`2025-03-28 14:00–14:30 (Asia/Shanghai) · Table 2`,
		"X-WR-TIMEZONE:Asia/Shanghai",
		"X-WR-CALNAME:Pipeline Inspection Co. · 2025 Zhongguancun Forum",
	} {
		if !strings.Contains(unfolded, want) {
			t.Errorf("no %q in\n%s", want, unfolded)
		}
	}
	if events[1].Id() != "fair-meeting-m2@convene" || strings.Contains(unfolded, "fair-meeting-m3") || strings.Contains(unfolded, "@example.org") {
		t.Errorf("another pair's meeting or a contact in the calendar:\n%s", unfolded)
	}
	zh := export.FairCalendar(ed, act, snap, snap.Participants["firm"], export.Options{Lang: "zh", BaseURL: base})
	checkICS(t, "fair-zh", zh)
	if !strings.Contains(strings.ReplaceAll(string(zh), "\r\n ", ""), "SUMMARY:量子实验室") {
		t.Errorf("zh calendar without the partner's Chinese name:\n%s", zh)
	}

	unpublished := tinyFair(false)
	body = export.FairCalendar(ed, act, unpublished, unpublished.Participants["firm"], export.Options{Lang: "en", BaseURL: base})
	checkICS(t, "fair-unpublished", body)
	if n := len(parseICS(t, body).Events()); n != 0 {
		t.Errorf("unpublished: %d events, want none", n)
	}
}
