package fair_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"convene/internal/fair"
	"convene/internal/meetings"
	"convene/internal/program"
)

var testFair = &fair.Fair{Slots: 8, MorningSlots: 4, Tables: 3, SlotMinutes: 30}

func fieldsOf(err error) []string {
	var out []string
	if e := program.SafeError(err); e != nil {
		for _, f := range e.Fields {
			out = append(out, f.Field+":"+f.Problem)
		}
	}
	return out
}

func TestParticipantNamesEveryBadField(t *testing.T) {
	_, err := fair.Participant{Contact: fair.Contact{Email: "not-mail", Phone: "call me"}, Side: "seller", Availability: "evening", Unavailable: []int{9}}.Normalize(testFair)
	want := []string{"organisation:required", "contact.name:required", "contact.email:email", "contact.phone:phone", "side:side", "availability:availability", "unavailable:slot"}
	if got := fieldsOf(err); !slices.Equal(got, want) || program.ErrorCode(err) != program.CodeInvalid {
		t.Errorf("problems %v (%v), want %v", got, err, want)
	}
	p, err := fair.Participant{Organisation: program.Text{ZH: " 量子实验室 "}, Contact: fair.Contact{Name: "王", Email: "Wang@Lab.example.org"}, Side: fair.SideSupply, Unavailable: []int{3, 1, 3}}.Normalize(testFair)
	if err != nil || p.Organisation.ZH != "量子实验室" || p.Contact.Email != "wang@lab.example.org" || p.Availability != fair.AvailableBoth || !slices.Equal(p.Unavailable, []int{1, 3}) {
		t.Errorf("normalised %+v, %v", p, err)
	}
}

func TestAchievementAndNeedValidation(t *testing.T) {
	demand := &fair.Participant{ID: "d", Side: fair.SideDemand}
	_, err := fair.Achievement{Field: "alchemy", TRL: 10, IP: "secret", Transfer: "gift"}.Normalize(demand)
	want := []string{"title:required", "field:field", "trl:range", "ip:ip", "transfer:transfer", "participant:side"}
	if got := fieldsOf(err); !slices.Equal(got, want) {
		t.Errorf("achievement problems %v, want %v", got, want)
	}
	supply := &fair.Participant{ID: "s", Side: fair.SideSupply}
	_, err = fair.Need{Title: program.Text{EN: "x"}, Field: "robotics", MinTRL: 12, BudgetMin: 10, BudgetMax: 5}.Normalize(supply)
	want = []string{"min_trl:range", "budget:range", "participant:side"}
	if got := fieldsOf(err); !slices.Equal(got, want) {
		t.Errorf("need problems %v, want %v", got, want)
	}
	if err := fair.CheckOutcome(fair.OutcomeIntention, 100); !slices.Equal(fieldsOf(err), []string{"amount_cny:amount_without_contract"}) {
		t.Errorf("amount without contract: %v", err)
	}
	if err := fair.CheckOutcome(fair.OutcomeContract, 5_000_000); err != nil {
		t.Errorf("contract: %v", err)
	}
}

func rankingFixture() ([]fair.Achievement, []fair.Need) {
	as := []fair.Achievement{
		{ID: "a-quantum", Title: program.Text{ZH: "高灵敏度量子传感器", EN: "High-sensitivity quantum sensors"}, Summary: program.Text{ZH: "基于金刚石色心的量子传感技术，用于弱磁探测。", EN: "Quantum sensing with diamond NV centres for weak magnetic fields."}, Field: "quantum-sensing", TRL: 6},
		{ID: "a-chip", Title: program.Text{ZH: "低功耗人工智能推理芯片", EN: "Low-power AI inference chip"}, Summary: program.Text{ZH: "面向边缘计算的推理芯片。", EN: "An inference chip for edge computing."}, Field: "ai-chips", TRL: 7},
		{ID: "a-battery", Title: program.Text{ZH: "固态电池电解质材料", EN: "Solid-state battery electrolyte"}, Summary: program.Text{ZH: "高离子电导率电解质。", EN: "High ionic conductivity electrolyte."}, Field: "new-materials", TRL: 5},
		{ID: "a-robot", Title: program.Text{ZH: "协作机器人力控技术", EN: "Force control for collaborative robots"}, Field: "robotics", TRL: 8},
	}
	ns := []fair.Need{
		{ID: "n-zh", Title: program.Text{ZH: "量子传感弱磁检测设备"}, Summary: program.Text{ZH: "寻求量子传感技术用于管道弱磁检测。"}, Field: "quantum-sensing", MinTRL: 5},
		{ID: "n-en", Title: program.Text{EN: "Quantum sensors for pipeline inspection"}, Summary: program.Text{EN: "We look for quantum sensing of weak magnetic fields."}, Field: "advanced-manufacturing", MinTRL: 5},
		{ID: "n-chip", Title: program.Text{ZH: "边缘推理芯片", EN: "Edge inference chip"}, Field: "ai-chips", MinTRL: 8},
	}
	return as, ns
}

func TestSuggestionsRankTheMatchingAchievementFirst(t *testing.T) {
	x := fair.NewIndex(rankingFixture())
	for _, need := range []string{"n-zh", "n-en"} {
		got, err := x.ForNeed(need, 3)
		if err != nil || len(got) == 0 || got[0].ID != "a-quantum" {
			t.Fatalf("%s: %+v %v, want a-quantum first", need, got, err)
		}
		if !got[0].MaturityFit || len(got[0].Shared) == 0 {
			t.Errorf("%s: %+v", need, got[0])
		}
	}
	zh, _ := x.ForNeed("n-zh", 1)
	if s := zh[0]; !s.SameField || !strings.Contains(s.Reason.EN, "same field: quantum sensing") || !strings.Contains(s.Reason.ZH, "同一领域：量子传感") ||
		!slices.Contains(s.Shared, "量子") || !slices.Contains(s.Shared, "传感") || !strings.Contains(s.Reason.ZH, "量子") {
		t.Errorf("explanation %+v", s)
	}
	en, _ := x.ForNeed("n-en", 1)
	if s := en[0]; !slices.Contains(s.Shared, "quantum") || !strings.Contains(s.Reason.EN, "shared terms: ") || !strings.Contains(s.Reason.EN, "quantum") {
		t.Errorf("explanation %+v", s)
	}
	chip, _ := x.ForNeed("n-chip", 1)
	if s := chip[0]; s.ID != "a-chip" || s.MaturityFit || !strings.Contains(s.Reason.EN, "below the required TRL 8") {
		t.Errorf("immature chip: %+v", s)
	}
	back, err := x.ForAchievement("a-quantum", 5)
	if err != nil || len(back) < 2 || back[0].ID != "n-zh" && back[0].ID != "n-en" || back[1].ID != "n-zh" && back[1].ID != "n-en" {
		t.Errorf("needs for the quantum sensor: %+v %v", back, err)
	}
	if _, err := x.ForNeed("nope", 1); program.ErrorCode(err) != program.CodeNotFound {
		t.Errorf("unknown need: %v", err)
	}
}

func TestTokens(t *testing.T) {
	got := fair.Tokens("量子传感 Quantum Sensors, and ＡＩ芯片")
	want := []string{"量子", "子传", "传感", "quantum", "sensor", "ai", "芯片"}
	if !slices.Equal(got, want) {
		t.Errorf("tokens %q, want %q", got, want)
	}
}

func people(n int) []fair.Participant {
	ps := make([]fair.Participant, n)
	for i := range ps {
		ps[i] = fair.Participant{ID: string(rune('a' + i)), Organisation: program.Text{EN: "Org " + string(rune('A'+i))}, Availability: fair.AvailableBoth}
	}
	return ps
}

func accepted(id, from, to string, fixed int) fair.Meeting {
	return fair.Meeting{ID: id, From: from, To: to, Status: fair.StatusAccepted, FixedSlot: fixed}
}

func TestBadInputIsExplainedAndNothingScheduled(t *testing.T) {
	ps := people(4)
	ps[3].Availability = fair.AvailableMorning
	ps[3].Unavailable = []int{1, 2, 3}
	ms := []fair.Meeting{
		accepted("m1", "a", "b", 2), accepted("m2", "b", "a", 0), // the same pair twice
		accepted("m3", "a", "c", 2),                              // a fixed twice at slot 2
		accepted("m4", "d", "a", 0), accepted("m5", "d", "b", 0), // d has one free slot, two meetings
		accepted("m6", "c", "d", 6), // slot 6 is an afternoon slot d cannot make
		{ID: "m7", From: "c", To: "b", Status: fair.StatusDeclined},
	}
	as, res, err := fair.Schedule(context.Background(), testFair, ps, ms, meetings.Options{MaxIterations: 1000})
	if as != nil || res != nil || program.ErrorCode(err) != program.CodeInvalid {
		t.Fatalf("schedule %v %v %v, want an invalid error and nothing", as, res, err)
	}
	var probs []string
	for _, f := range program.SafeError(err).Fields {
		probs = append(probs, f.Problem)
	}
	want := []string{"duplicate_pair", "fixed_clash", "fixed_unavailable", "overbooked"}
	if !slices.Equal(probs, want) {
		t.Errorf("problems %v, want %v (%v)", probs, want, err)
	}
	for _, s := range []string{`"Org B" and "Org A" meet twice`, `both fixed at slot 2 for "Org A"`, `"Org D" has 3 accepted meetings but only 1 free slots`} {
		if !strings.Contains(err.Error(), s) {
			t.Errorf("%v does not say %s", err, s)
		}
	}
}

func TestScheduleHoldsEveryRule(t *testing.T) {
	ps := people(6)
	ps[0].Availability = fair.AvailableAfternoon
	var ms []fair.Meeting
	n := 0
	for i := range ps {
		for j := i + 1; j < len(ps); j++ {
			n++
			ms = append(ms, accepted("m"+string(rune('a'+n)), ps[i].ID, ps[j].ID, 0))
		}
	}
	ms[0].FixedSlot = 7
	f := &fair.Fair{Slots: 10, MorningSlots: 5, Tables: 3}
	as, res, err := fair.Schedule(context.Background(), f, ps, ms, meetings.Options{D: 2, Seed: 1, MaxIterations: 20000})
	if err != nil {
		t.Fatal(err)
	}
	in, ids := fair.Instance(f, ps, ms)
	slots := make([]int, len(as))
	for i, a := range as {
		if a.MeetingID != ids[i] || a.Table < 1 || a.Table > f.Tables {
			t.Fatalf("assignment %d: %+v", i, a)
		}
		slots[i] = a.Slot
	}
	if v := meetings.Check(in, slots, 2); !v.Feasible {
		t.Errorf("schedule breaks rules: %v", v.Violations)
	}
	if as[0].Slot != 7 || !res.Complete {
		t.Errorf("fixed meeting at %d, complete %v", as[0].Slot, res.Complete)
	}
	for i, a := range as {
		if (ms[i].From == "a" || ms[i].To == "a") && a.Slot <= f.MorningSlots {
			t.Errorf("%s is in the morning, when a is away", a.MeetingID)
		}
	}
}

func TestRequestRules(t *testing.T) {
	a, b, c := &fair.Participant{ID: "a"}, &fair.Participant{ID: "b"}, &fair.Participant{ID: "c"}
	if err := fair.CheckRequest(a, a, nil, nil); !slices.Equal(fieldsOf(err), []string{"to:self"}) {
		t.Errorf("request to oneself: %v", err)
	}
	if err := fair.CheckRequest(a, b, &fair.Achievement{ParticipantID: "c"}, nil); !slices.Equal(fieldsOf(err), []string{"achievement:not_theirs"}) {
		t.Errorf("someone else's achievement: %v", err)
	}
	m := &fair.Meeting{From: "a", To: "b", Status: fair.StatusRequested}
	if err := fair.CheckAnswer(m, c.ID, fair.StatusAccepted); program.ErrorCode(err) != program.CodeForbidden {
		t.Errorf("answer by a stranger: %v", err)
	}
	if err := fair.CheckAnswer(m, "b", fair.StatusAccepted); err != nil {
		t.Errorf("answer: %v", err)
	}
}

// A participant's published schedule: nothing before publication, then the
// scheduled meetings by slot, without those cancelled since (they keep their
// slot for the record until the next run).
func TestPublishedSchedule(t *testing.T) {
	ps := people(3)
	m1, m2, m3 := accepted("m1", "a", "b", 0), accepted("m2", "a", "c", 0), accepted("m3", "b", "c", 0)
	m1.Slot, m2.Slot, m3.Slot = 4, 2, 1
	m2.Status = fair.StatusCancelled
	ds := &fair.Dataset{Fair: fair.Fair{Slots: 6, Tables: 2}, Participants: ps, Meetings: []fair.Meeting{m1, m2, m3}}
	snap := fair.NewSnapshot(ds)
	if got := snap.Published(&ps[0]); got != nil {
		t.Fatalf("unpublished schedule shown: %v", got)
	}
	now := time.Date(2025, 3, 29, 8, 0, 0, 0, time.UTC)
	ds.Fair.PublishedAt = &now
	ids := func(ms []*fair.Meeting) (out []string) {
		for _, m := range ms {
			out = append(out, m.ID)
		}
		return out
	}
	if got := ids(snap.Published(&ps[0])); !slices.Equal(got, []string{"m1"}) {
		t.Errorf("a's schedule %v, want [m1] (m2 cancelled)", got)
	}
	if got := ids(snap.Published(&ps[2])); !slices.Equal(got, []string{"m3"}) {
		t.Errorf("c's schedule %v, want [m3]", got)
	}
}
