package api

import (
	"context"
	"net/http"
	"strconv"

	"convene/internal/audit"
	"convene/internal/fair"
	"convene/internal/program"
	"convene/internal/registration"
)

// The matchmaking fair of a matchmaking activity. Achievements, needs and
// suggestions are the fair's public listings (owners by organisation name,
// never contacts). A participant acts through the registration's attendee
// token: an attendee joins the fair once and becomes its participant, so
// there is no second credential to lose. The organiser is an admin, exactly
// as for the audit log.

// FairStore is what the fair endpoints need of the store.
type FairStore interface {
	fair.Store
	MatchmakingStats(ctx context.Context, event string) (*program.MatchmakingStats, error)
	AddParticipant(ctx context.Context, p *fair.Participant) error
	AddAchievement(ctx context.Context, a *fair.Achievement) error
	AddNeed(ctx context.Context, n *fair.Need) error
	RequestMeeting(ctx context.Context, m *fair.Meeting) error
	AnswerMeeting(ctx context.Context, activityID, id, by string, status fair.Status) (*fair.Meeting, error)
	PublishSchedule(ctx context.Context, activityID string, base int64) (int64, error)
	SetOutcome(ctx context.Context, activityID string, base int64, id string, o fair.Outcome, amountCNY int64) (*fair.Meeting, error)
	AddMeeting(ctx context.Context, base int64, m *fair.Meeting) (int64, error)
	RemoveMeeting(ctx context.Context, activityID string, base int64, id string) (int64, error)
	FixMeeting(ctx context.Context, activityID string, base int64, id string, slot int) (int64, error)
	UpdateParticipant(ctx context.Context, p *fair.Participant, base int64) error
	WithdrawParticipant(ctx context.Context, p *fair.Participant, base int64) error
	UpdateAchievement(ctx context.Context, a *fair.Achievement, base int64) error
	WithdrawAchievement(ctx context.Context, activityID, owner, id string, base int64) error
	UpdateNeed(ctx context.Context, n *fair.Need, base int64) error
	WithdrawNeed(ctx context.Context, activityID, owner, id string, base int64) error
}

// fairSnapshot returns the current snapshot of the activity's fair.
func (s *server) fairSnapshot(r *http.Request, activityID string) (*fair.Snapshot, error) {
	if s.fairs == nil {
		return nil, errInternal("the API was built without the fair store")
	}
	return s.fairs.Snapshot(r.Context(), activityID)
}

// fairOf resolves {event} and {activity} and the activity's fair, current.
func (s *server) fairOf(r *http.Request) (*program.Edition, *program.Activity, *fair.Snapshot, error) {
	ed, act, err := s.editionActivity(r)
	if err != nil {
		return nil, nil, nil, err
	}
	snap, err := s.fairSnapshot(r, act.ID)
	return ed, act, snap, err
}

// participant resolves the fair and the participant of the bearer token's
// attendee.
func (s *server) participant(r *http.Request) (*program.Edition, *fair.Snapshot, *fair.Participant, error) {
	ed, a, err := s.attendee(r)
	if err != nil {
		return nil, nil, nil, err
	}
	act, err := activityOf(r, ed)
	if err != nil {
		return nil, nil, nil, err
	}
	snap, err := s.fairSnapshot(r, act.ID)
	if err != nil {
		return nil, nil, nil, err
	}
	p, err := snap.ParticipantOf(a.ID)
	if err != nil {
		return nil, nil, nil, program.Errorf(program.CodeForbidden, "you have not joined this fair; join it with POST …/fair/participants first")
	}
	return ed, snap, p, nil
}

// organiser resolves the fair for an admin.
func (s *server) organiser(r *http.Request) (*program.Edition, *fair.Snapshot, context.Context, error) {
	ed, st, err := s.staff(r, registration.RoleAdmin)
	if err != nil {
		return nil, nil, nil, err
	}
	act, err := activityOf(r, ed)
	if err != nil {
		return nil, nil, nil, err
	}
	snap, err := s.fairSnapshot(r, act.ID)
	return ed, snap, audit.WithActor(r.Context(), st.Actor()), err
}

type slotView struct {
	Slot     int    `json:"slot"`
	StartsAt jsTime `json:"starts_at"`
	EndsAt   jsTime `json:"ends_at"`
	Session  string `json:"session"` // morning or afternoon
}

type fairView struct {
	Activity         string     `json:"activity"`
	Version          int64      `json:"version"`
	Tables           int        `json:"tables"`
	Slots            []slotView `json:"slots"`
	Participants     int        `json:"participants"`
	Achievements     int        `json:"achievements"`
	Needs            int        `json:"needs"`
	AcceptedMeetings int        `json:"accepted_meetings"`
	Scheduled        bool       `json:"scheduled"`
	Published        bool       `json:"published"`
}

func slotsOf(v view, f *fair.Fair) []slotView {
	out := make([]slotView, f.Slots)
	for t := 1; t <= f.Slots; t++ {
		session := "morning"
		if t > f.MorningSlots {
			session = "afternoon"
		}
		out[t-1] = slotView{Slot: t, StartsAt: v.time(f.SlotStart(t)), EndsAt: v.time(f.SlotEnd(t)), Session: session}
	}
	return out
}

// GET …/activities/{activity}/fair
func (s *server) getFair(w http.ResponseWriter, r *http.Request) error {
	ed, act, snap, err := s.fairOf(r)
	if err != nil {
		return err
	}
	f := &snap.Data.Fair
	out := fairView{Activity: act.Slug, Version: f.Version, Tables: f.Tables, Slots: slotsOf(view{ed: ed}, f),
		Participants: len(snap.Data.Participants), Achievements: len(snap.Data.Achievements), Needs: len(snap.Data.Needs),
		Scheduled: f.ScheduledAt != nil, Published: f.PublishedAt != nil}
	for _, m := range snap.Data.Meetings {
		if m.Status == fair.StatusAccepted {
			out.AcceptedMeetings++
		}
	}
	return writeJSON(w, http.StatusOK, out)
}

type ownerRef struct {
	ID           string       `json:"id"`
	Organisation program.Text `json:"organisation"`
}

func ownerOf(snap *fair.Snapshot, id string) ownerRef {
	if p := snap.Participants[id]; p != nil {
		return ownerRef{ID: id, Organisation: p.Organisation}
	}
	return ownerRef{ID: id}
}

type achievementItem struct {
	ID        string            `json:"id"`
	Title     program.Text      `json:"title"`
	Summary   program.Text      `json:"summary"`
	Field     string            `json:"field"`
	FieldName program.Text      `json:"field_name"`
	TRL       int               `json:"trl"`
	IP        fair.IPType       `json:"ip"`
	Transfer  fair.TransferMode `json:"transfer"`
	Owner     ownerRef          `json:"owner"`
	Version   int64             `json:"version"` // the owner's edits name it in If-Match
	Sample    bool              `json:"sample"`
}

func achievementOf(snap *fair.Snapshot, a *fair.Achievement) achievementItem {
	return achievementItem{ID: a.ID, Title: a.Title, Summary: a.Summary, Field: a.Field, FieldName: fair.Fields[a.Field], TRL: a.TRL, IP: a.IP,
		Transfer: a.Transfer, Owner: ownerOf(snap, a.ParticipantID), Version: a.Version, Sample: a.Sample}
}

type needItem struct {
	ID        string       `json:"id"`
	Title     program.Text `json:"title"`
	Summary   program.Text `json:"summary"`
	Field     string       `json:"field"`
	FieldName program.Text `json:"field_name"`
	MinTRL    int          `json:"min_trl"`
	BudgetMin int64        `json:"budget_min_cny"`
	BudgetMax int64        `json:"budget_max_cny"`
	Region    string       `json:"region"`
	Owner     ownerRef     `json:"owner"`
	Version   int64        `json:"version"` // the owner's edits name it in If-Match
	Sample    bool         `json:"sample"`
}

func needOf(snap *fair.Snapshot, n *fair.Need) needItem {
	return needItem{ID: n.ID, Title: n.Title, Summary: n.Summary, Field: n.Field, FieldName: fair.Fields[n.Field], MinTRL: n.MinTRL,
		BudgetMin: n.BudgetMin, BudgetMax: n.BudgetMax, Region: n.Region, Owner: ownerOf(snap, n.ParticipantID), Version: n.Version, Sample: n.Sample}
}

// GET …/fair/achievements
func (s *server) listAchievements(w http.ResponseWriter, r *http.Request) error {
	_, _, snap, err := s.fairOf(r)
	if err != nil {
		return err
	}
	out := make([]achievementItem, len(snap.Data.Achievements))
	for i := range snap.Data.Achievements {
		out[i] = achievementOf(snap, &snap.Data.Achievements[i])
	}
	return writeJSON(w, http.StatusOK, out)
}

// GET …/fair/needs
func (s *server) listNeeds(w http.ResponseWriter, r *http.Request) error {
	_, _, snap, err := s.fairOf(r)
	if err != nil {
		return err
	}
	out := make([]needItem, len(snap.Data.Needs))
	for i := range snap.Data.Needs {
		out[i] = needOf(snap, &snap.Data.Needs[i])
	}
	return writeJSON(w, http.StatusOK, out)
}

type suggestionItem struct {
	fair.Suggestion
	Title program.Text `json:"title"`
	Owner ownerRef     `json:"owner"`
}

// suggestionLimit bounds the suggestions of one item (?limit=, default 10).
func suggestionLimit(r *http.Request) (int, error) {
	q, err := query(r)
	if err != nil {
		return 0, err
	}
	limit := 10
	if v := q.Get("limit"); v != "" {
		if limit, err = strconv.Atoi(v); err != nil || limit < 1 || limit > 100 {
			return 0, program.Invalidf("limit", "limit must be a number from 1 to 100")
		}
	}
	return limit, nil
}

// GET …/fair/needs/{item}/suggestions: achievements for a need
func (s *server) needSuggestions(w http.ResponseWriter, r *http.Request) error {
	return s.suggestions(w, r, func(snap *fair.Snapshot, id string, limit int) ([]fair.Suggestion, error) {
		return snap.Index.ForNeed(id, limit)
	}, func(snap *fair.Snapshot, id string) (program.Text, string) {
		a := snap.Achievements[id]
		return a.Title, a.ParticipantID
	})
}

// GET …/fair/achievements/{item}/suggestions: needs for an achievement
func (s *server) achievementSuggestions(w http.ResponseWriter, r *http.Request) error {
	return s.suggestions(w, r, func(snap *fair.Snapshot, id string, limit int) ([]fair.Suggestion, error) {
		return snap.Index.ForAchievement(id, limit)
	}, func(snap *fair.Snapshot, id string) (program.Text, string) {
		n := snap.Needs[id]
		return n.Title, n.ParticipantID
	})
}

// suggestions answers the partners rank finds for the {item}, each named
// by what suggested says of it (title and owner).
func (s *server) suggestions(w http.ResponseWriter, r *http.Request, rank func(*fair.Snapshot, string, int) ([]fair.Suggestion, error),
	suggested func(*fair.Snapshot, string) (program.Text, string)) error {
	_, _, snap, err := s.fairOf(r)
	if err != nil {
		return err
	}
	id, err := pathParam(r, "item")
	if err != nil {
		return err
	}
	limit, err := suggestionLimit(r)
	if err != nil {
		return err
	}
	ss, err := rank(snap, id, limit)
	if err != nil {
		return err
	}
	out := make([]suggestionItem, len(ss))
	for i, sg := range ss {
		title, owner := suggested(snap, sg.ID)
		out[i] = suggestionItem{Suggestion: sg, Title: title, Owner: ownerOf(snap, owner)}
	}
	return writeJSON(w, http.StatusOK, out)
}

type participantInput struct {
	Organisation program.Text      `json:"organisation"`
	Contact      fair.Contact      `json:"contact"`
	Side         fair.Side         `json:"side"`
	Availability fair.Availability `json:"availability"`
	Unavailable  []int             `json:"unavailable"`
}

type participantView struct {
	ID      string `json:"id"`
	Version int64  `json:"version"` // its edits name it in If-Match
	participantInput
}

func participantOf(p *fair.Participant) participantView {
	return participantView{ID: p.ID, Version: p.Version, participantInput: participantInput{Organisation: p.Organisation, Contact: p.Contact, Side: p.Side,
		Availability: p.Availability, Unavailable: nonNil(p.Unavailable)}}
}

// POST …/fair/participants (attendee): join the fair
func (s *server) joinFair(w http.ResponseWriter, r *http.Request) error {
	_, a, err := s.attendee(r)
	if err != nil {
		return err
	}
	_, act, snap, err := s.fairOf(r)
	if err != nil {
		return err
	}
	var in participantInput
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	p, err := in.participant(act.ID, a.ID).Normalize(&snap.Data.Fair)
	if err != nil {
		return err
	}
	if err := s.fair.AddParticipant(r.Context(), &p); err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, participantOf(&p))
}

func (in participantInput) participant(activityID, attendeeID string) fair.Participant {
	return fair.Participant{ActivityID: activityID, AttendeeID: attendeeID, Organisation: in.Organisation, Contact: in.Contact, Side: in.Side,
		Availability: in.Availability, Unavailable: in.Unavailable}
}

type achievementInput struct {
	Title    program.Text      `json:"title"`
	Summary  program.Text      `json:"summary"`
	Field    string            `json:"field"`
	TRL      int               `json:"trl"`
	IP       fair.IPType       `json:"ip"`
	Transfer fair.TransferMode `json:"transfer"`
}

// POST …/fair/achievements (participant on the supply side)
func (s *server) addAchievement(w http.ResponseWriter, r *http.Request) error {
	_, snap, p, err := s.participant(r)
	if err != nil {
		return err
	}
	var in achievementInput
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	a, err := in.achievement(p).Normalize(p)
	if err != nil {
		return err
	}
	if err := s.fair.AddAchievement(r.Context(), &a); err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, achievementOf(snap, &a))
}

func (in achievementInput) achievement(owner *fair.Participant) fair.Achievement {
	return fair.Achievement{ActivityID: owner.ActivityID, ParticipantID: owner.ID, Title: in.Title, Summary: in.Summary, Field: in.Field, TRL: in.TRL,
		IP: in.IP, Transfer: in.Transfer}
}

type needInput struct {
	Title     program.Text `json:"title"`
	Summary   program.Text `json:"summary"`
	Field     string       `json:"field"`
	MinTRL    int          `json:"min_trl"`
	BudgetMin int64        `json:"budget_min_cny"`
	BudgetMax int64        `json:"budget_max_cny"`
	Region    string       `json:"region"`
}

// POST …/fair/needs (participant on the demand side)
func (s *server) addNeed(w http.ResponseWriter, r *http.Request) error {
	_, snap, p, err := s.participant(r)
	if err != nil {
		return err
	}
	var in needInput
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	n, err := in.need(p).Normalize(p)
	if err != nil {
		return err
	}
	if err := s.fair.AddNeed(r.Context(), &n); err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, needOf(snap, &n))
}

func (in needInput) need(owner *fair.Participant) fair.Need {
	return fair.Need{ActivityID: owner.ActivityID, ParticipantID: owner.ID, Title: in.Title, Summary: in.Summary, Field: in.Field, MinTRL: in.MinTRL,
		BudgetMin: in.BudgetMin, BudgetMax: in.BudgetMax, Region: in.Region}
}

type meetingItem struct {
	ID          string       `json:"id"`
	From        ownerRef     `json:"from"`
	To          ownerRef     `json:"to"`
	Achievement optString    `json:"achievement"`
	Need        optString    `json:"need"`
	Status      fair.Status  `json:"status"`
	FixedSlot   int          `json:"fixed_slot"` // 0 = free
	Slot        int          `json:"slot"`       // 0 = not scheduled (or not published yet, for participants)
	Table       int          `json:"table"`
	StartsAt    *jsTime      `json:"starts_at"`
	Outcome     fair.Outcome `json:"outcome"`
	AmountCNY   int64        `json:"amount_cny"`
}

// meeting shows m; withSchedule false hides its slot and table (a schedule
// not yet published).
func meetingOf(snap *fair.Snapshot, v view, m *fair.Meeting, withSchedule bool) meetingItem {
	out := meetingItem{ID: m.ID, From: ownerOf(snap, m.From), To: ownerOf(snap, m.To), Achievement: optString(m.AchievementID), Need: optString(m.NeedID),
		Status: m.Status, FixedSlot: m.FixedSlot, Outcome: m.Outcome, AmountCNY: m.AmountCNY}
	if withSchedule && m.Slot > 0 {
		t := v.time(snap.Data.Fair.SlotStart(m.Slot))
		out.Slot, out.Table, out.StartsAt = m.Slot, m.Table, &t
	}
	return out
}

type myFairView struct {
	Participant  participantView   `json:"participant"`
	Achievements []achievementItem `json:"achievements"`
	Needs        []needItem        `json:"needs"`
	Meetings     []meetingItem     `json:"meetings"` // requests both ways; slots and tables once published
	Published    bool              `json:"published"`
	CalendarURL  string            `json:"calendar_url"` // the meetings as a calendar feed, by secret URL
}

// GET …/fair/me (participant)
func (s *server) getMyFair(w http.ResponseWriter, r *http.Request) error {
	ed, snap, p, err := s.participant(r)
	if err != nil {
		return err
	}
	feedKey, err := s.reg.FeedKey(r.Context(), registration.FairFeed, p.ID)
	if err != nil {
		return err
	}
	published := snap.Data.Fair.PublishedAt != nil
	out := myFairView{Participant: participantOf(p), Achievements: []achievementItem{}, Needs: []needItem{}, Meetings: []meetingItem{}, Published: published,
		CalendarURL: apiURL(ed.Event.Slug, "activities", ed.ActivityByID(p.ActivityID).Slug, "fair", "agenda", feedKey, "calendar.ics")}
	for i := range snap.Data.Achievements {
		if a := &snap.Data.Achievements[i]; a.ParticipantID == p.ID {
			out.Achievements = append(out.Achievements, achievementOf(snap, a))
		}
	}
	for i := range snap.Data.Needs {
		if n := &snap.Data.Needs[i]; n.ParticipantID == p.ID {
			out.Needs = append(out.Needs, needOf(snap, n))
		}
	}
	for i := range snap.Data.Meetings {
		if m := &snap.Data.Meetings[i]; m.Involves(p.ID) {
			out.Meetings = append(out.Meetings, meetingOf(snap, view{ed: ed}, m, published))
		}
	}
	w.Header().Set("Cache-Control", "private, no-store")
	return writeJSON(w, http.StatusOK, out)
}

type requestInput struct {
	To          string `json:"to"`
	Achievement string `json:"achievement"`
	Need        string `json:"need"`
}

// POST …/fair/requests (participant)
func (s *server) requestMeeting(w http.ResponseWriter, r *http.Request) error {
	ed, snap, p, err := s.participant(r)
	if err != nil {
		return err
	}
	var in requestInput
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	m, err := snap.NewRequest(p, in.To, in.Achievement, in.Need)
	if err != nil {
		return err
	}
	if err := s.fair.RequestMeeting(r.Context(), &m); err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, meetingOf(snap, view{ed: ed}, &m, false))
}

// POST …/fair/requests/{meeting}/answer (the participant asked)
func (s *server) answerMeeting(w http.ResponseWriter, r *http.Request) error {
	ed, snap, p, err := s.participant(r)
	if err != nil {
		return err
	}
	id, err := pathParam(r, "meeting")
	if err != nil {
		return err
	}
	var in struct {
		Status fair.Status `json:"status"`
	}
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	m, err := s.fair.AnswerMeeting(r.Context(), p.ActivityID, id, p.ID, in.Status)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, meetingOf(snap, view{ed: ed}, m, false))
}

type organiserView struct {
	Version   int64                `json:"version"`
	Outdated  []program.FieldError `json:"outdated"` // why the stored schedule no longer fits: run the scheduler again
	Tables    int                  `json:"tables"`
	Slots     []slotView           `json:"slots"`
	Scheduled bool                 `json:"scheduled"`
	Published bool                 `json:"published"`
	Meetings  []meetingItem        `json:"meetings"`
	Problems  []program.FieldError `json:"problems"` // what keeps the accepted meetings from being scheduled
}

// GET …/fair/meetings (admin): every request and meeting, with the table plan
func (s *server) listFairMeetings(w http.ResponseWriter, r *http.Request) error {
	ed, snap, _, err := s.organiser(r)
	if err != nil {
		return err
	}
	f := &snap.Data.Fair
	v := view{ed: ed}
	out := organiserView{Version: f.Version, Tables: f.Tables, Slots: slotsOf(v, f), Scheduled: f.ScheduledAt != nil, Published: f.PublishedAt != nil,
		Meetings: make([]meetingItem, len(snap.Data.Meetings)), Problems: nonNil(fair.Problems(f, snap.Data.Participants, snap.Data.Meetings)),
		Outdated: nonNil(fair.Outdated(f, snap.Data.Participants, snap.Data.Meetings))}
	for i := range snap.Data.Meetings {
		out.Meetings[i] = meetingOf(snap, v, &snap.Data.Meetings[i], true)
	}
	w.Header().Set("Cache-Control", "private, no-store")
	return writeJSON(w, http.StatusOK, out)
}

type fairVersion struct {
	Version int64 `json:"version"`
}

type scheduleResult struct {
	Version    int64 `json:"version"`
	Meetings   int   `json:"meetings"`
	Breaks     int   `json:"breaks"`
	LowerBound int   `json:"lower_bound"`
	Optimal    bool  `json:"optimal"` // the breaks equal a proven lower bound
	Published  bool  `json:"published"`
}

// POST …/fair/schedule (admin): schedule every accepted meeting, all or
// nothing. Synchronous: the answer waits for the run (about a second on the
// sample fair); the organiser's page runs it in the background with progress.
func (s *server) scheduleFair(w http.ResponseWriter, r *http.Request) error {
	_, snap, ctx, err := s.organiser(r)
	if err != nil {
		return err
	}
	var in fairVersion
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	run, err := s.fairs.Schedule(ctx, snap.Data.Fair.ActivityID, in.Version, nil)
	if err != nil {
		return err
	}
	res := run.Result
	return writeJSON(w, http.StatusOK, scheduleResult{Version: run.Version, Meetings: len(res.Slot), Breaks: res.Breaks, LowerBound: res.LowerBound, Optimal: res.Optimal})
}

// POST …/fair/publish (admin)
func (s *server) publishFair(w http.ResponseWriter, r *http.Request) error {
	_, snap, ctx, err := s.organiser(r)
	if err != nil {
		return err
	}
	var in fairVersion
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	v, err := s.fair.PublishSchedule(ctx, snap.Data.Fair.ActivityID, in.Version)
	if err != nil {
		return err
	}
	accepted := 0
	for _, m := range snap.Data.Meetings {
		if m.Status == fair.StatusAccepted {
			accepted++
		}
	}
	return writeJSON(w, http.StatusOK, scheduleResult{Version: v, Meetings: accepted, Published: true})
}

// PUT …/fair/meetings/{meeting}/outcome (admin)
func (s *server) setOutcome(w http.ResponseWriter, r *http.Request) error {
	ed, snap, ctx, err := s.organiser(r)
	if err != nil {
		return err
	}
	id, err := pathParam(r, "meeting")
	if err != nil {
		return err
	}
	var in struct {
		Version   int64        `json:"version"`
		Outcome   fair.Outcome `json:"outcome"`
		AmountCNY int64        `json:"amount_cny"`
	}
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	m, err := s.fair.SetOutcome(ctx, snap.Data.Fair.ActivityID, in.Version, id, in.Outcome, in.AmountCNY)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, meetingOf(snap, view{ed: ed}, m, true))
}

type meetingInput struct {
	Version   int64  `json:"version"`
	From      string `json:"from"`
	To        string `json:"to"`
	FixedSlot int    `json:"fixed_slot"`
}

// POST …/fair/meetings (admin): add an accepted meeting, optionally fixed
func (s *server) addFairMeeting(w http.ResponseWriter, r *http.Request) error {
	ed, snap, ctx, err := s.organiser(r)
	if err != nil {
		return err
	}
	var in meetingInput
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	m, err := snap.NewMeeting(in.From, in.To, in.FixedSlot)
	if err != nil {
		return err
	}
	if _, err := s.fair.AddMeeting(ctx, in.Version, &m); err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, meetingOf(snap, view{ed: ed}, &m, true))
}

// DELETE …/fair/meetings/{meeting}?version= (admin)
func (s *server) removeFairMeeting(w http.ResponseWriter, r *http.Request) error {
	_, snap, ctx, err := s.organiser(r)
	if err != nil {
		return err
	}
	id, err := pathParam(r, "meeting")
	if err != nil {
		return err
	}
	q, err := query(r)
	if err != nil {
		return err
	}
	base, err := strconv.ParseInt(q.Get("version"), 10, 64)
	if err != nil {
		return program.Invalidf("version", "version must be the fair version the change is based on")
	}
	v, err := s.fair.RemoveMeeting(ctx, snap.Data.Fair.ActivityID, base, id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, fairVersion{Version: v})
}

// PUT …/fair/meetings/{meeting}/fixed-slot (admin): fix a meeting to a slot, 0 frees it
func (s *server) fixFairMeeting(w http.ResponseWriter, r *http.Request) error {
	_, snap, ctx, err := s.organiser(r)
	if err != nil {
		return err
	}
	id, err := pathParam(r, "meeting")
	if err != nil {
		return err
	}
	var in struct {
		Version int64 `json:"version"`
		Slot    int   `json:"slot"`
	}
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	if err := snap.Data.Fair.CheckSlot("fixed_slot", in.Slot); err != nil {
		return err
	}
	v, err := s.fair.FixMeeting(ctx, snap.Data.Fair.ActivityID, in.Version, id, in.Slot)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, fairVersion{Version: v})
}
