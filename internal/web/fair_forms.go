package web

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"convene/internal/audit"
	"convene/internal/fair"
	"convene/internal/program"
	"convene/internal/registration"
)

// The fair's forms: an attendee joins the fair, a participant posts
// achievements and needs; the organiser adds, fixes and removes meetings and
// records outcomes. Bad input shows the form again with every field at fault
// in the page's language and everything typed kept; an organiser form
// carries the fair version it was shown and a stale one is refused on the
// page, nothing changed. The checks are the fair's own (package fair), as
// in the API.

// fairForms are the participant page's forms.
type fairForms struct {
	Join           *joinForm // the page is the form to join the fair
	AchievementURL string    // "" when the participant offers no achievements
	NeedURL        string    // "" when the participant posts no needs
	Achievement    achievementForm
	Need           needForm
}

type joinForm struct {
	Action                           string
	OrgZH, OrgEN, Name, Email, Phone string
	Side, Availability               string
	Sides, Availabilities            []option
	Slots                            []slotChoice
	Errors                           map[string]string
	Version                          int64 // of the participation edited; 0 when joining
	unavailable                      []int
}

type slotChoice struct {
	Value   int
	Label   string
	Checked bool
}

type achievementForm struct {
	TitleZH, TitleEN, SummaryZH, SummaryEN string
	Field, TRL, IP, Transfer               string
	Fields, TRLs, IPs, Transfers           []option
	Errors                                 map[string]string
	Version                                int64 // of the achievement edited; 0 when posting one
}

type needForm struct {
	TitleZH, TitleEN, SummaryZH, SummaryEN string
	Field, MinTRL, BudgetMin, BudgetMax    string
	Region                                 string
	Fields, TRLs                           []option
	Errors                                 map[string]string
	Version                                int64 // of the need edited; 0 when posting one
}

// joinFormOf is the join form filled in from the attendee's registration.
func joinFormOf(a *registration.Attendee) joinForm {
	return joinForm{OrgZH: a.Organisation, Name: a.Name, Email: a.Email, Phone: a.Phone}
}

// options lists values with their labels, the one equal to selected chosen.
func options[V ~string](values []V, selected string, label func(V) string) []option {
	out := make([]option, len(values))
	for i, v := range values {
		out[i] = option{Value: string(v), Label: label(v), Selected: string(v) == selected}
	}
	return out
}

func fieldOptions(lang, selected string) []option {
	keys := make([]string, 0, len(fair.Fields))
	for k := range fair.Fields {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return append([]option{{Value: "", Label: "—", Selected: selected == ""}}, options(keys, selected, func(k string) string { return fair.Fields[k].In(lang) })...)
}

func trlOptions(selected string) []option {
	levels := []string{"1", "2", "3", "4", "5", "6", "7", "8", "9"}
	return options(levels, selected, func(l string) string { return "TRL " + l })
}

// itemForms are the forms to post an achievement and a need, as p's side allows.
func itemForms(q req, act *program.Activity, p *fair.Participant, a achievementForm, n needForm) fairForms {
	lang, base := q.lang, fairURL(q, act.Slug)
	var out fairForms
	if p.Supplies() {
		out.AchievementURL = base + "/achievements"
	}
	if p.Demands() {
		out.NeedURL = base + "/needs"
	}
	if a.TRL == "" {
		a.TRL = "5"
	}
	a.Fields, a.TRLs = fieldOptions(lang, a.Field), trlOptions(a.TRL)
	a.IPs = options(fair.IPTypes, a.IP, func(v fair.IPType) string { return T(lang, "fair.ip."+string(v)) })
	a.Transfers = options(fair.TransferModes, a.Transfer, func(v fair.TransferMode) string { return T(lang, "fair.transfer."+string(v)) })
	if n.MinTRL == "" {
		n.MinTRL = "1"
	}
	n.Fields, n.TRLs = fieldOptions(lang, n.Field), trlOptions(n.MinTRL)
	out.Achievement, out.Need = a, n
	return out
}

// fairJoinView is the form to join the fair.
func (s *site) fairJoinView(r *http.Request, q req, act *program.Activity, snap *fair.Snapshot, in joinForm) fairPageView {
	lang := q.lang
	if in.Action == "" {
		in.Action = fairURL(q, act.Slug) + "/join"
	}
	if in.Side == "" {
		in.Side = string(fair.SideDemand)
	}
	if in.Availability == "" {
		in.Availability = string(fair.AvailableBoth)
	}
	in.Sides = options([]fair.Side{fair.SideSupply, fair.SideDemand, fair.SideBoth}, in.Side, func(v fair.Side) string { return T(lang, "fair.side."+string(v)) })
	in.Availabilities = options([]fair.Availability{fair.AvailableMorning, fair.AvailableAfternoon, fair.AvailableBoth}, in.Availability,
		func(v fair.Availability) string { return T(lang, "fair.availability."+string(v)) })
	unavailable := map[int]bool{}
	for _, t := range in.unavailable {
		unavailable[t] = true
	}
	f := &snap.Data.Fair
	for t := 1; t <= f.Slots; t++ {
		in.Slots = append(in.Slots, slotChoice{Value: t, Label: slotTime(q, f, t), Checked: unavailable[t]})
	}
	v := fairPageView{Page: s.page(r, lang, act.Title.In(lang), "", q.ed), Activity: act.Title.In(lang)}
	v.Join = &in
	return v
}

// fairProblems is fieldProblems with the fair's meaning of "unknown": an
// id that names no participant, achievement or need of the fair.
func fairProblems(lang string, e *program.Error) map[string]string {
	out := fieldProblems(lang, e)
	for _, f := range e.Fields {
		if f.Problem == "unknown" {
			out[f.Field] = T(lang, "fair.problem.unknown_participant")
		}
	}
	return out
}

// formProblems adds the problems found reading a form (numbers) to those
// of the domain's checks, so that one answer names them all.
func formProblems(read program.FieldErrors, err error) error {
	if len(read) == 0 {
		return err
	}
	if err == nil {
		return read.Err()
	}
	if e := program.SafeError(err); e != nil && e.Code == program.CodeInvalid {
		return append(read, e.Fields...).Err()
	}
	return err
}

// formInt reads an optional whole number; a bad one is a problem of field.
func formInt(read *program.FieldErrors, field, v string) int64 {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		read.Add(field, "number", "must be a whole number")
	}
	return n
}

// refusal is the error shown on the form that was posted, or nil when the
// error is not the input's fault (then the caller fails the page).
func refusal(err error) (*program.Error, int) {
	e := program.SafeError(err)
	switch {
	case e == nil:
		return nil, 0
	case e.Code == program.CodeInvalid:
		return e, http.StatusBadRequest
	case e.Code == program.CodeConflict:
		return e, http.StatusConflict
	}
	return nil, 0
}

// POST /{lang}/{event}/fair/{activity}/join: the signed-in attendee joins
// the fair as a participant
func (s *site) fairJoin(w http.ResponseWriter, r *http.Request, q req) {
	a, _ := s.signedIn(w, r, q)
	if a == nil {
		return
	}
	act, snap := s.fairOf(w, r, q)
	if snap == nil {
		return
	}
	if _, err := snap.ParticipantOf(a.ID); err == nil {
		http.Redirect(w, r, fairURL(q, act.Slug), http.StatusSeeOther)
		return
	}
	if !s.parseForm(w, r, q) {
		return
	}
	in, p, err := readJoinForm(r, snap, fair.Participant{ActivityID: act.ID, AttendeeID: a.ID})
	if err == nil {
		err = s.fair.AddParticipant(r.Context(), &p)
	}
	if err != nil {
		e, status := refusal(err)
		if e == nil {
			s.fail(w, r, q.lang, q.ed, err)
			return
		}
		v := s.fairJoinView(r, q, act, snap, in)
		v.Join.Errors = fairProblems(q.lang, e)
		s.render(w, r, status, "fair", v)
		return
	}
	http.Redirect(w, r, fairURL(q, act.Slug)+"?done=joined", http.StatusSeeOther)
}

// readJoinForm reads the form to join (or edit one's participation) over
// p and checks it as the API does: the form as typed, and the participant
// or every field at fault.
func readJoinForm(r *http.Request, snap *fair.Snapshot, p fair.Participant) (joinForm, fair.Participant, error) {
	in := joinForm{OrgZH: r.PostFormValue("organisation_zh"), OrgEN: r.PostFormValue("organisation_en"), Name: r.PostFormValue("name"),
		Email: r.PostFormValue("email"), Phone: r.PostFormValue("phone"), Side: r.PostFormValue("side"), Availability: r.PostFormValue("availability")}
	var read program.FieldErrors
	for _, v := range r.PostForm["unavailable"] {
		t, err := strconv.Atoi(v)
		if err != nil {
			read.Add("unavailable", "slot", "lists a slot that is not a number")
			continue
		}
		in.unavailable = append(in.unavailable, t)
	}
	p.Organisation, p.Contact = program.Text{ZH: in.OrgZH, EN: in.OrgEN}, fair.Contact{Name: in.Name, Email: in.Email, Phone: in.Phone}
	p.Side, p.Availability, p.Unavailable = fair.Side(in.Side), fair.Availability(in.Availability), in.unavailable
	p, err := p.Normalize(&snap.Data.Fair)
	return in, p, formProblems(read, err)
}

// readAchievementForm reads an achievement of owner from the form, as
// readJoinForm does; side is the participant whose side allows it, nil
// for an edit.
func readAchievementForm(r *http.Request, owner, side *fair.Participant) (achievementForm, fair.Achievement, error) {
	in := achievementForm{TitleZH: r.PostFormValue("title_zh"), TitleEN: r.PostFormValue("title_en"), SummaryZH: r.PostFormValue("summary_zh"),
		SummaryEN: r.PostFormValue("summary_en"), Field: r.PostFormValue("field"), TRL: r.PostFormValue("trl"), IP: r.PostFormValue("ip"), Transfer: r.PostFormValue("transfer")}
	var read program.FieldErrors
	trl := formInt(&read, "trl", in.TRL)
	a, err := fair.Achievement{ActivityID: owner.ActivityID, ParticipantID: owner.ID, Title: program.Text{ZH: in.TitleZH, EN: in.TitleEN},
		Summary: program.Text{ZH: in.SummaryZH, EN: in.SummaryEN}, Field: in.Field, TRL: int(trl), IP: fair.IPType(in.IP),
		Transfer: fair.TransferMode(in.Transfer)}.Normalize(side)
	return in, a, formProblems(read, err)
}

// readNeedForm reads a need of owner from the form, as
// readAchievementForm does.
func readNeedForm(r *http.Request, owner, side *fair.Participant) (needForm, fair.Need, error) {
	in := needForm{TitleZH: r.PostFormValue("title_zh"), TitleEN: r.PostFormValue("title_en"), SummaryZH: r.PostFormValue("summary_zh"),
		SummaryEN: r.PostFormValue("summary_en"), Field: r.PostFormValue("field"), MinTRL: r.PostFormValue("min_trl"),
		BudgetMin: r.PostFormValue("budget_min"), BudgetMax: r.PostFormValue("budget_max"), Region: r.PostFormValue("region")}
	var read program.FieldErrors
	minTRL := formInt(&read, "min_trl", in.MinTRL)
	bmin, bmax := formInt(&read, "budget", in.BudgetMin), formInt(&read, "budget", in.BudgetMax)
	n, err := fair.Need{ActivityID: owner.ActivityID, ParticipantID: owner.ID, Title: program.Text{ZH: in.TitleZH, EN: in.TitleEN},
		Summary: program.Text{ZH: in.SummaryZH, EN: in.SummaryEN}, Field: in.Field, MinTRL: int(minTRL), BudgetMin: bmin, BudgetMax: bmax,
		Region: in.Region}.Normalize(side)
	return in, n, formProblems(read, err)
}

// POST /{lang}/{event}/fair/{activity}/achievements (a supply participant)
func (s *site) fairAddAchievement(w http.ResponseWriter, r *http.Request, q req) {
	act, snap, p := s.participantAt(w, r, q)
	if p == nil || !s.parseForm(w, r, q) {
		return
	}
	if !p.Supplies() { // the page shows no such form
		s.fail(w, r, q.lang, q.ed, program.Errorf(program.CodeForbidden, "only participants on the supply side offer achievements"))
		return
	}
	in, a, err := readAchievementForm(r, p, p)
	if err == nil {
		err = s.fair.AddAchievement(r.Context(), &a)
	}
	if err != nil {
		e, status := refusal(err)
		if e == nil {
			s.fail(w, r, q.lang, q.ed, err)
			return
		}
		v, verr := s.fairPageView(r, q, act, snap, p)
		if verr != nil {
			s.fail(w, r, q.lang, q.ed, verr)
			return
		}
		in.Errors = fairProblems(q.lang, e)
		v.fairForms = itemForms(q, act, p, in, needForm{})
		s.render(w, r, status, "fair", v)
		return
	}
	http.Redirect(w, r, fairURL(q, act.Slug)+"?done=achievement", http.StatusSeeOther)
}

// POST /{lang}/{event}/fair/{activity}/needs (a demand participant)
func (s *site) fairAddNeed(w http.ResponseWriter, r *http.Request, q req) {
	act, snap, p := s.participantAt(w, r, q)
	if p == nil || !s.parseForm(w, r, q) {
		return
	}
	if !p.Demands() { // the page shows no such form
		s.fail(w, r, q.lang, q.ed, program.Errorf(program.CodeForbidden, "only participants on the demand side post needs"))
		return
	}
	in, n, err := readNeedForm(r, p, p)
	if err == nil {
		err = s.fair.AddNeed(r.Context(), &n)
	}
	if err != nil {
		e, status := refusal(err)
		if e == nil {
			s.fail(w, r, q.lang, q.ed, err)
			return
		}
		v, verr := s.fairPageView(r, q, act, snap, p)
		if verr != nil {
			s.fail(w, r, q.lang, q.ed, verr)
			return
		}
		in.Errors = fairProblems(q.lang, e)
		v.fairForms = itemForms(q, act, p, achievementForm{}, in)
		s.render(w, r, status, "fair", v)
		return
	}
	http.Redirect(w, r, fairURL(q, act.Slug)+"?done=need", http.StatusSeeOther)
}

// fairAdminForms are the organiser page's forms.
type fairAdminForms struct {
	MeetingsURL string // POST adds a meeting
	Add         addMeetingForm
	Meeting     *fairMeetingPage // the page is the organiser's page of one meeting
}

type addMeetingForm struct {
	From, To, Slot    string
	Froms, Tos, Slots []option
	Errors            map[string]string
}

// fairMeetingPage is one meeting for the organiser: fix it to a slot,
// remove it, record its outcome.
type fairMeetingPage struct {
	BackURL                       string
	Pair, Status, About, When     string
	Table                         int
	Accepted, Scheduled           bool
	FixURL, RemoveURL, OutcomeURL string
	Slots, Outcomes               []option
	Amount                        string
	Errors                        map[string]string
}

func slotOptions(q req, f *fair.Fair, selected string) []option {
	out := []option{{Value: "0", Label: T(q.lang, "fair.slot_free"), Selected: selected == "" || selected == "0"}}
	for t := 1; t <= f.Slots; t++ {
		v := strconv.Itoa(t)
		out = append(out, option{Value: v, Label: v + " · " + slotTime(q, f, t), Selected: v == selected})
	}
	return out
}

// adminForms is the form to add a meeting, participants by organisation.
func (s *site) adminForms(q req, act *program.Activity, snap *fair.Snapshot, in addMeetingForm) fairAdminForms {
	ps := make([]*fair.Participant, len(snap.Data.Participants))
	for i := range snap.Data.Participants {
		ps[i] = &snap.Data.Participants[i]
	}
	slices.SortFunc(ps, func(a, b *fair.Participant) int {
		return strings.Compare(a.Organisation.In(q.lang), b.Organisation.In(q.lang))
	})
	in.Froms = []option{{Value: "", Label: "—"}}
	in.Tos = []option{{Value: "", Label: "—"}}
	for _, p := range ps {
		label := p.Organisation.In(q.lang) + " (" + T(q.lang, "fair.side."+string(p.Side)) + ")"
		in.Froms = append(in.Froms, option{Value: p.ID, Label: label, Selected: p.ID == in.From})
		in.Tos = append(in.Tos, option{Value: p.ID, Label: label, Selected: p.ID == in.To})
	}
	in.Slots = slotOptions(q, &snap.Data.Fair, in.Slot)
	return fairAdminForms{MeetingsURL: fairAdminURL(q, act.Slug) + "/meetings", Add: in}
}

// formVersion reads the fair version a form was shown with.
func formVersion(r *http.Request) (int64, error) {
	base, err := strconv.ParseInt(r.PostFormValue("version"), 10, 64)
	if err != nil {
		return 0, program.FieldErrorf(program.CodeInvalid, "version", "required", "name the fair version the change is based on")
	}
	return base, nil
}

// refuse shows the organiser's page again (v) with why the form was
// refused; nothing changed.
func (s *site) refuse(w http.ResponseWriter, r *http.Request, q req, v fairAdminView, e *program.Error, status int) {
	detail := e.Message
	if len(e.Fields) > 0 && hasMessage("register.problem."+e.Fields[0].Problem) {
		detail = T(q.lang, "register.problem."+e.Fields[0].Problem)
	}
	v.Problems = append(v.Problems, fairProblemView{Kind: T(q.lang, "fair.refused"), Detail: detail})
	s.render(w, r, status, "fairadmin", v)
}

// POST /{lang}/{event}/admin/fair/{activity}/meetings: version, from, to, fixed_slot
func (s *site) fairAddMeeting(w http.ResponseWriter, r *http.Request, q req) {
	st := s.admin(w, r, q)
	if st == nil || !s.parseForm(w, r, q) {
		return
	}
	act, snap := s.fairOf(w, r, q)
	if snap == nil {
		return
	}
	in := addMeetingForm{From: r.PostFormValue("from"), To: r.PostFormValue("to"), Slot: r.PostFormValue("fixed_slot")}
	var read program.FieldErrors
	slot := formInt(&read, "fixed_slot", in.Slot)
	for field, v := range map[string]string{"from": in.From, "to": in.To} {
		if v == "" {
			read.Add(field, "required", "is required")
		}
	}
	base, err := formVersion(r)
	var m fair.Meeting
	switch {
	case err != nil:
	case len(read) > 0:
		err = read.Err()
	default:
		m, err = snap.NewMeeting(in.From, in.To, int(slot))
	}
	if err == nil {
		_, err = s.fair.AddMeeting(audit.WithActor(r.Context(), st.Actor()), base, &m)
	}
	if err != nil {
		e, status := refusal(err)
		if e == nil {
			s.fail(w, r, q.lang, q.ed, err)
			return
		}
		v := s.fairAdminView(r, q, act, snap, s.fairRuns.snapshot(act.ID))
		v.fairAdminForms = s.adminForms(q, act, snap, in)
		v.Add.Errors = fairProblems(q.lang, e)
		s.refuse(w, r, q, v, e, status)
		return
	}
	http.Redirect(w, r, fairAdminURL(q, act.Slug)+"?done=meeting_added", http.StatusSeeOther)
}

// organiserMeeting resolves the admin, the fair and its {meeting}; without
// them it has answered already and returns a nil meeting.
func (s *site) organiserMeeting(w http.ResponseWriter, r *http.Request, q req) (*registration.Staff, *program.Activity, *fair.Snapshot, *fair.Meeting) {
	st := s.admin(w, r, q)
	if st == nil {
		return nil, nil, nil, nil
	}
	act, snap := s.fairOf(w, r, q)
	if snap == nil {
		return nil, nil, nil, nil
	}
	for i := range snap.Data.Meetings {
		if m := &snap.Data.Meetings[i]; m.ID == r.PathValue("meeting") {
			return st, act, snap, m
		}
	}
	s.fail(w, r, q.lang, q.ed, program.Errorf(program.CodeNotFound, "no meeting %q in this fair", r.PathValue("meeting")))
	return nil, nil, nil, nil
}

// meetingPageView is the organiser's page of meeting m with what was typed.
func (s *site) meetingPageView(r *http.Request, q req, act *program.Activity, snap *fair.Snapshot, m *fair.Meeting, slot, outcome, amount string) fairAdminView {
	f, lang := &snap.Data.Fair, q.lang
	base := fairAdminURL(q, act.Slug)
	pair := orgName(snap, lang, m.From) + " × " + orgName(snap, lang, m.To)
	mp := &fairMeetingPage{BackURL: base, Pair: pair, Status: T(lang, "fair.status."+string(m.Status)), Table: m.Table,
		Accepted: m.Status == fair.StatusAccepted, Scheduled: m.Slot > 0,
		FixURL: base + "/meetings/" + url.PathEscape(m.ID) + "/fix", RemoveURL: base + "/meetings/" + url.PathEscape(m.ID) + "/remove",
		OutcomeURL: base + "/meetings/" + url.PathEscape(m.ID) + "/outcome", Amount: amount}
	var about []string
	if a := snap.Achievements[m.AchievementID]; a != nil {
		about = append(about, a.Title.In(lang))
	}
	if n := snap.Needs[m.NeedID]; n != nil {
		about = append(about, n.Title.In(lang))
	}
	mp.About = strings.Join(about, " · ")
	if m.Slot > 0 {
		mp.When = slotTime(q, f, m.Slot)
	}
	if slot == "" {
		slot = strconv.Itoa(m.FixedSlot)
	}
	mp.Slots = slotOptions(q, f, slot)
	if outcome == "" {
		outcome = string(m.Outcome)
	}
	if amount == "" && m.AmountCNY > 0 {
		mp.Amount = strconv.FormatInt(m.AmountCNY, 10)
	}
	mp.Outcomes = options([]fair.Outcome{fair.OutcomeNone, fair.OutcomeIntention, fair.OutcomeContract}, outcome,
		func(o fair.Outcome) string { return T(lang, "fair.outcome_choice."+string(o)) })
	return fairAdminView{Page: s.page(r, lang, T(lang, "fair.meeting.title")+" · "+act.Title.In(lang), "", q.ed), Activity: act.Title.In(lang),
		Version: f.Version, fairAdminForms: fairAdminForms{Meeting: mp}}
}

// GET /{lang}/{event}/admin/fair/{activity}/meetings/{meeting}?done=fixed|outcome
func (s *site) fairMeeting(w http.ResponseWriter, r *http.Request, q req) {
	_, act, snap, m := s.organiserMeeting(w, r, q)
	if m == nil {
		return
	}
	v := s.meetingPageView(r, q, act, snap, m, "", "", "")
	switch d := r.URL.Query().Get("done"); d {
	case "fixed", "outcome":
		v.Flash = T(q.lang, "fair.done."+d)
	}
	s.render(w, r, http.StatusOK, "fairadmin", v)
}

// fairMeetingAction is a form of the meeting's page: …/fix (version, slot),
// …/remove (version), …/outcome (version, outcome, amount_cny).
func (s *site) fairMeetingAction(action string) func(http.ResponseWriter, *http.Request, req) {
	return func(w http.ResponseWriter, r *http.Request, q req) {
		st, act, snap, m := s.organiserMeeting(w, r, q)
		if m == nil || !s.parseForm(w, r, q) {
			return
		}
		ctx := audit.WithActor(r.Context(), st.Actor())
		slot, outcome, amount := r.PostFormValue("slot"), r.PostFormValue("outcome"), r.PostFormValue("amount_cny")
		base, err := formVersion(r)
		next := fairAdminURL(q, act.Slug) + "/meetings/" + url.PathEscape(m.ID)
		if err == nil {
			var read program.FieldErrors
			switch action {
			case "fix":
				t := int(formInt(&read, "slot", slot))
				if err = formProblems(read, snap.Data.Fair.CheckSlot("slot", t)); err == nil {
					_, err = s.fair.FixMeeting(ctx, act.ID, base, m.ID, t)
				}
				next += "?done=fixed"
			case "remove":
				_, err = s.fair.RemoveMeeting(ctx, act.ID, base, m.ID)
				next = fairAdminURL(q, act.Slug) + "?done=removed"
			case "outcome":
				cny := formInt(&read, "amount_cny", amount)
				if err = formProblems(read, fair.CheckOutcome(fair.Outcome(outcome), cny)); err == nil {
					_, err = s.fair.SetOutcome(ctx, act.ID, base, m.ID, fair.Outcome(outcome), cny)
				}
				next += "?done=outcome"
			}
		}
		if err != nil {
			e, status := refusal(err)
			if e == nil {
				s.fail(w, r, q.lang, q.ed, err)
				return
			}
			v := s.meetingPageView(r, q, act, snap, m, slot, outcome, amount)
			v.Meeting.Errors = fairProblems(q.lang, e)
			s.refuse(w, r, q, v, e, status)
			return
		}
		http.Redirect(w, r, next, http.StatusSeeOther)
	}
}

// fairLink is the participant's page of the fair of a matchmaking activity,
// or "" when the activity has none (or the fair cannot be read: the
// activity's page does without the link).
func (s *site) fairLink(ctx context.Context, q req, a *program.Activity) string {
	if s.fair == nil || s.reg == nil || a.Kind != program.KindMatchmaking {
		return ""
	}
	ids, err := s.fair.FairActivities(ctx, q.ed.Event.ID)
	if err != nil || !slices.Contains(ids, a.ID) {
		return ""
	}
	return fairURL(q, a.Slug)
}
