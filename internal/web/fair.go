package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"

	"convene/internal/audit"
	"convene/internal/export"
	"convene/internal/fair"
	"convene/internal/program"
	"convene/internal/registration"
)

// The matchmaking fair's pages: the participant's own page (signed in as the
// attendee who joined the fair) and the organiser's page (admin): requests,
// problems, running the scheduler, publishing and the table plan per slot.

// FairStore is what the fair's pages need of the store.
type FairStore interface {
	fair.Store
	PublishSchedule(ctx context.Context, activityID string, base int64) (int64, error)
	RequestMeeting(ctx context.Context, m *fair.Meeting) error
	AnswerMeeting(ctx context.Context, activityID, id, by string, status fair.Status) (*fair.Meeting, error)
	FairActivities(ctx context.Context, eventID string) ([]string, error)
	AddParticipant(ctx context.Context, p *fair.Participant) error
	AddAchievement(ctx context.Context, a *fair.Achievement) error
	AddNeed(ctx context.Context, n *fair.Need) error
	AddMeeting(ctx context.Context, base int64, m *fair.Meeting) (int64, error)
	RemoveMeeting(ctx context.Context, activityID string, base int64, id string) (int64, error)
	FixMeeting(ctx context.Context, activityID string, base int64, id string, slot int) (int64, error)
	SetOutcome(ctx context.Context, activityID string, base int64, id string, o fair.Outcome, amountCNY int64) (*fair.Meeting, error)
	UpdateParticipant(ctx context.Context, p *fair.Participant, base int64) error
	WithdrawParticipant(ctx context.Context, p *fair.Participant, base int64) error
	UpdateAchievement(ctx context.Context, a *fair.Achievement, base int64) error
	WithdrawAchievement(ctx context.Context, activityID, owner, id string, base int64) error
	UpdateNeed(ctx context.Context, n *fair.Need, base int64) error
	WithdrawNeed(ctx context.Context, activityID, owner, id string, base int64) error
}

// suggestionsShown is how many suggestions the participant's page shows per item.
const suggestionsShown = 3

type fairItemView struct {
	RequestURL  string // where the suggestions' request forms post
	EditURL     string // the page to edit or withdraw the item
	Title       string
	Meta        string
	Suggestions []fairSuggestionView
}

type fairSuggestionView struct {
	Title, Owner, Reason string
	// the request form's fields; To is "" when a request is not possible
	// (one's own item, or the pair has a request already)
	To, Achievement, Need string
}

type fairMeetingView struct {
	ID            string
	CanAnswer     bool // a request to this participant still open
	Slot          int
	When          string
	Table         int
	Partner       string
	Contact       string // the partner's contact, for accepted meetings
	Sent          bool
	Status        string
	Outcome       string
	Fixed, Placed bool
	URL           string // the organiser's page of the meeting
}

type fairPageView struct {
	Page
	Activity     string
	Organisation string
	Side         string
	Achievements []fairItemView
	Needs        []fairItemView
	Requests     []fairMeetingView
	Schedule     []fairMeetingView // published meetings, by slot
	Published    bool
	CalendarURL  string // the download, for the signed-in participant
	SubscribeURL string // the feed by secret URL, for a calendar app
	RequestsURL  string // POST a request; POST RequestsURL/{id} answers one
	Flash        string
	fairForms    // the forms to join and to post achievements and needs
	// ParticipationURL is the page to edit or withdraw one's participation
	ParticipationURL string
	// Editing: the page edits one thing (fair_edit.go), back to BackURL;
	// the form to withdraw it posts WithdrawVersion to WithdrawURL
	Editing                     bool
	BackURL, WithdrawURL        string
	WithdrawVersion             int64
	WithdrawLabel, WithdrawNote string
}

// fairOf resolves the {activity} of the request and its fair.
func (s *site) fairOf(w http.ResponseWriter, r *http.Request, q req) (*program.Activity, *fair.Snapshot) {
	a := s.fairActivity(w, r, q)
	if a == nil {
		return nil, nil
	}
	return a, s.fairSnapshot(w, r, q, a)
}

// fairActivity resolves the {activity} of the request; without it, it has
// answered already and returns nil.
func (s *site) fairActivity(w http.ResponseWriter, r *http.Request, q req) *program.Activity {
	a, ok := q.ed.Activity(r.PathValue("activity"))
	if !ok {
		s.fail(w, r, q.lang, q.ed, program.Errorf(program.CodeNotFound, "no activity %q", r.PathValue("activity")))
		return nil
	}
	return a
}

// fairSnapshot reads activity a's fair; on an error it has answered already
// and returns nil.
func (s *site) fairSnapshot(w http.ResponseWriter, r *http.Request, q req, a *program.Activity) *fair.Snapshot {
	snap, err := s.fairs.Snapshot(r.Context(), a.ID)
	if err != nil {
		s.fail(w, r, q.lang, q.ed, err)
		return nil
	}
	return snap
}

func orgName(snap *fair.Snapshot, lang, id string) string {
	if p := snap.Participants[id]; p != nil {
		return p.Organisation.In(lang)
	}
	return id
}

// GET /{lang}/{event}/fair/{activity}: the participant's page; an attendee
// who has not joined the fair yet gets the form to join it
func (s *site) fairPage(w http.ResponseWriter, r *http.Request, q req) {
	a, _ := s.signedIn(w, r, q)
	if a == nil {
		return
	}
	act, snap := s.fairOf(w, r, q)
	if snap == nil {
		return
	}
	p, err := snap.ParticipantOf(a.ID)
	if err != nil {
		s.render(w, r, http.StatusOK, "fair", s.fairJoinView(r, q, act, snap, joinFormOf(a)))
		return
	}
	v, err := s.fairPageView(r, q, act, snap, p)
	if err != nil {
		s.fail(w, r, q.lang, q.ed, err)
		return
	}
	switch d := r.URL.Query().Get("done"); d {
	case "requested", "answered", "joined", "achievement", "need", "updated", "withdrawn":
		v.Flash = T(q.lang, "fair.done."+d)
	}
	w.Header().Set("Cache-Control", "private, no-store")
	s.render(w, r, http.StatusOK, "fair", v)
}

// fairPageView is the participant's page of p, with empty forms.
func (s *site) fairPageView(r *http.Request, q req, act *program.Activity, snap *fair.Snapshot, p *fair.Participant) (fairPageView, error) {
	lang := q.lang
	feedKey, err := s.reg.FeedKey(r.Context(), registration.FairFeed, p.ID)
	if err != nil {
		return fairPageView{}, err
	}
	paired := map[string]bool{}
	for _, m := range snap.Data.Meetings {
		if m.Involves(p.ID) {
			paired[m.Other(p.ID)] = true
		}
	}
	canAsk := func(owner string) string {
		if owner == p.ID || paired[owner] {
			return ""
		}
		return owner
	}
	v := fairPageView{CalendarURL: fairURL(q, act.Slug) + "/calendar.ics", RequestsURL: fairURL(q, act.Slug) + "/requests", Page: s.page(r, lang, act.Title.In(lang), "", q.ed), Activity: act.Title.In(lang), Organisation: p.Organisation.In(lang),
		Side: T(lang, "fair.side."+string(p.Side)), Published: snap.Data.Fair.PublishedAt != nil, ParticipationURL: fairURL(q, act.Slug) + "/participation"}
	v.SubscribeURL = s.origin(r) + fairFeedURL(q, act.Slug, feedKey)
	v.fairForms = itemForms(q, act, p, achievementForm{}, needForm{})
	for i := range snap.Data.Achievements {
		ach := &snap.Data.Achievements[i]
		if ach.ParticipantID != p.ID {
			continue
		}
		item := fairItemView{RequestURL: v.RequestsURL, EditURL: itemURL(q, act, "achievements", ach.ID), Title: ach.Title.In(lang), Meta: fmt.Sprintf("%s · TRL %d", fair.Fields[ach.Field].In(lang), ach.TRL)}
		ss, _ := snap.Index.ForAchievement(ach.ID, suggestionsShown)
		for _, sg := range ss {
			n := snap.Needs[sg.ID]
			item.Suggestions = append(item.Suggestions, fairSuggestionView{Title: n.Title.In(lang), Owner: orgName(snap, lang, n.ParticipantID), Reason: sg.Reason.In(lang),
				To: canAsk(n.ParticipantID), Achievement: ach.ID, Need: n.ID})
		}
		v.Achievements = append(v.Achievements, item)
	}
	for i := range snap.Data.Needs {
		n := &snap.Data.Needs[i]
		if n.ParticipantID != p.ID {
			continue
		}
		item := fairItemView{RequestURL: v.RequestsURL, EditURL: itemURL(q, act, "needs", n.ID), Title: n.Title.In(lang), Meta: fmt.Sprintf("%s · TRL ≥ %d", fair.Fields[n.Field].In(lang), n.MinTRL)}
		ss, _ := snap.Index.ForNeed(n.ID, suggestionsShown)
		for _, sg := range ss {
			ach := snap.Achievements[sg.ID]
			item.Suggestions = append(item.Suggestions, fairSuggestionView{Title: ach.Title.In(lang), Owner: orgName(snap, lang, ach.ParticipantID), Reason: sg.Reason.In(lang),
				To: canAsk(ach.ParticipantID), Achievement: ach.ID, Need: n.ID})
		}
		v.Needs = append(v.Needs, item)
	}
	for i := range snap.Data.Meetings {
		m := &snap.Data.Meetings[i]
		if !m.Involves(p.ID) {
			continue
		}
		v.Requests = append(v.Requests, fairMeetingView{ID: m.ID, Partner: orgName(snap, lang, m.Other(p.ID)), Sent: m.From == p.ID,
			Status: T(lang, "fair.status."+string(m.Status)), CanAnswer: m.To == p.ID && m.Status == fair.StatusRequested})
	}
	for _, m := range snap.Published(p) {
		mv := fairMeetingView{Slot: m.Slot, Table: m.Table, When: slotTime(q, &snap.Data.Fair, m.Slot), Partner: orgName(snap, lang, m.Other(p.ID))}
		if other := snap.Participants[m.Other(p.ID)]; other != nil {
			mv.Contact = other.Contact.Name + " · " + other.Contact.Email
		}
		v.Schedule = append(v.Schedule, mv)
	}
	return v, nil
}

// joinedFairs links the participant's page of every fair of the edition the
// attendee takes part in.
func (s *site) joinedFairs(ctx context.Context, q req, attendeeID string) ([]Link, error) {
	if s.fair == nil {
		return nil, nil
	}
	ids, err := s.fair.FairActivities(ctx, q.ed.Event.ID)
	if err != nil {
		return nil, err
	}
	var out []Link
	for _, id := range ids {
		a := q.ed.ActivityByID(id)
		if a == nil {
			continue
		}
		snap, err := s.fairs.Snapshot(ctx, id)
		if err != nil {
			return nil, err
		}
		if _, err := snap.ParticipantOf(attendeeID); err == nil {
			out = append(out, Link{URL: fairURL(q, a.Slug), Label: a.Title.In(q.lang)})
		}
	}
	return out, nil
}

// fairFeedURL is the participant's meetings as a calendar feed by secret
// URL (internal/api), in the page's language.
func fairFeedURL(q req, activity, feedKey string) string {
	return q.feed("activities", activity, "fair", "agenda", feedKey, "calendar.ics")
}

// fairURL is the participant's page of an activity's fair.
func fairURL(q req, activity string) string { return q.page("fair/" + url.PathEscape(activity)) }

// participantAt is the signed-in attendee's participant in the {activity}'s
// fair; without one it has answered already and returns nil.
func (s *site) participantAt(w http.ResponseWriter, r *http.Request, q req) (*program.Activity, *fair.Snapshot, *fair.Participant) {
	a, _ := s.signedIn(w, r, q)
	if a == nil {
		return nil, nil, nil
	}
	act, snap := s.fairOf(w, r, q)
	if snap == nil {
		return nil, nil, nil
	}
	p, err := snap.ParticipantOf(a.ID)
	if err != nil {
		s.fail(w, r, q.lang, q.ed, err)
		return nil, nil, nil
	}
	return act, snap, p
}

// POST /{lang}/{event}/fair/{activity}/requests: to=, achievement=, need=
func (s *site) fairRequest(w http.ResponseWriter, r *http.Request, q req) {
	act, snap, p := s.participantAt(w, r, q)
	if p == nil {
		return
	}
	m, err := snap.NewRequest(p, r.FormValue("to"), r.FormValue("achievement"), r.FormValue("need"))
	if err != nil {
		s.fail(w, r, q.lang, q.ed, err)
		return
	}
	if err := s.fair.RequestMeeting(r.Context(), &m); err != nil {
		s.fail(w, r, q.lang, q.ed, err)
		return
	}
	http.Redirect(w, r, fairURL(q, act.Slug)+"?done=requested", http.StatusSeeOther)
}

// POST /{lang}/{event}/fair/{activity}/requests/{meeting}: status=accepted|declined
func (s *site) fairAnswer(w http.ResponseWriter, r *http.Request, q req) {
	act, _, p := s.participantAt(w, r, q)
	if p == nil {
		return
	}
	if _, err := s.fair.AnswerMeeting(r.Context(), act.ID, r.PathValue("meeting"), p.ID, fair.Status(r.FormValue("status"))); err != nil {
		s.fail(w, r, q.lang, q.ed, err)
		return
	}
	http.Redirect(w, r, fairURL(q, act.Slug)+"?done=answered", http.StatusSeeOther)
}

// GET /{lang}/{event}/fair/{activity}/calendar.ics: the participant's
// published meetings, downloaded by the signed-in participant
func (s *site) fairCalendar(w http.ResponseWriter, r *http.Request, q req) {
	act, snap, p := s.participantAt(w, r, q)
	if p == nil {
		return
	}
	body := export.FairCalendar(q.ed, act, snap, p, export.Options{Lang: q.lang, BaseURL: s.origin(r)})
	w.Header().Set("Content-Type", "text/calendar; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="`+export.Filename(q.ed, "fair", q.lang, "ics")+`"`)
	w.Header().Set("Cache-Control", "private, no-store")
	_, _ = w.Write(body)
}

func slotTime(q req, f *fair.Fair, slot int) string {
	return q.ed.Local(f.SlotStart(slot)).Format("01-02 15:04") + "–" + q.ed.Local(f.SlotEnd(slot)).Format("15:04")
}

type fairSlotView struct {
	When     string
	Meetings []fairMeetingView
}

type fairProblemView struct{ Kind, Detail string }

type fairAdminView struct {
	Page
	Activity                      string
	Version                       int64
	Participants, Accepted, Total int
	Tables                        int
	Scheduled, Published          bool
	Flash                         string
	Problems                      []fairProblemView
	Outdated                      []fairProblemView // why the stored schedule no longer fits
	Slots                         []fairSlotView
	ScheduleURL, PublishURL       string
	Unplaced                      []fairMeetingView // requests and meetings without a slot
	Run                           *fairRunView      // the scheduler's last run on this node; nil for none
	fairAdminForms
}

// fairAdminURL is the organiser's page of an activity's fair.
func fairAdminURL(q req, activity string) string {
	return q.page("admin/fair/" + url.PathEscape(activity))
}

// GET /{lang}/{event}/admin/fair/{activity}?done=published|meeting_added|removed,
// with the scheduler's run, refreshing itself while it goes on
func (s *site) fairAdmin(w http.ResponseWriter, r *http.Request, q req) {
	if s.admin(w, r, q) == nil {
		return
	}
	act := s.fairActivity(w, r, q)
	if act == nil {
		return
	}
	// The run is read before the fair: a run seen ended has stored its
	// schedule by then, so the page never shows it ended beside the fair as
	// it stood before (not scheduled, no button to publish).
	run := s.fairRuns.snapshot(act.ID)
	snap := s.fairSnapshot(w, r, q, act)
	if snap == nil {
		return
	}
	v := s.fairAdminView(r, q, act, snap, run)
	switch r.URL.Query().Get("done") {
	case "published", "meeting_added", "removed":
		v.Flash = T(q.lang, "fair.done."+r.URL.Query().Get("done"))
	}
	for _, p := range fair.Problems(&snap.Data.Fair, snap.Data.Participants, snap.Data.Meetings) {
		v.Problems = append(v.Problems, fairProblemView{Kind: T(q.lang, "fair.problem."+p.Problem), Detail: p.Message})
	}
	for _, p := range fair.Outdated(&snap.Data.Fair, snap.Data.Participants, snap.Data.Meetings) {
		v.Outdated = append(v.Outdated, fairProblemView{Kind: T(q.lang, "fair.outdated."+p.Problem), Detail: p.Message})
	}
	if v.Run != nil && v.Run.Running {
		w.Header().Set("Refresh", "1") // reload while the run goes on
	}
	s.render(w, r, http.StatusOK, "fairadmin", v)
}

// fairAdminView is the organiser's page of the fair in snap, with run, the
// scheduler's last run on this node (nil for none).
func (s *site) fairAdminView(r *http.Request, q req, act *program.Activity, snap *fair.Snapshot, run *fairJob) fairAdminView {
	f := &snap.Data.Fair
	base := fairAdminURL(q, act.Slug)
	v := fairAdminView{Page: s.page(r, q.lang, T(q.lang, "fair.admin.title")+" · "+act.Title.In(q.lang), "", q.ed), Activity: act.Title.In(q.lang),
		Version: f.Version, Participants: len(snap.Data.Participants), Total: len(snap.Data.Meetings), Tables: f.Tables,
		Scheduled: f.ScheduledAt != nil, Published: f.PublishedAt != nil, ScheduleURL: base + "/schedule", PublishURL: base + "/publish"}
	v.Slots = make([]fairSlotView, f.Slots)
	for t := range v.Slots {
		v.Slots[t].When = slotTime(q, f, t+1)
	}
	for i := range snap.Data.Meetings {
		m := &snap.Data.Meetings[i]
		if m.Status == fair.StatusAccepted {
			v.Accepted++
		}
		mv := fairMeetingView{ID: m.ID, Table: m.Table, Fixed: m.FixedSlot > 0, Slot: m.FixedSlot, URL: base + "/meetings/" + url.PathEscape(m.ID),
			Partner: orgName(snap, q.lang, m.From) + " × " + orgName(snap, q.lang, m.To), Outcome: T(q.lang, "fair.outcome."+string(m.Outcome)),
			Status: T(q.lang, "fair.status."+string(m.Status))}
		if m.Slot > 0 && m.Slot <= f.Slots {
			v.Slots[m.Slot-1].Meetings = append(v.Slots[m.Slot-1].Meetings, mv)
		} else if m.Status != fair.StatusDeclined {
			v.Unplaced = append(v.Unplaced, mv)
		}
	}
	for t := range v.Slots {
		slices.SortFunc(v.Slots[t].Meetings, func(a, b fairMeetingView) int { return a.Table - b.Table })
	}
	v.fairAdminForms = s.adminForms(q, act, snap, addMeetingForm{})
	v.Run = fairRunOf(q, act, snap, run)
	return v
}

// organiserForm resolves an organiser's form on the fair: the admin, the
// activity, the fair and the version the page showed. Without them it has
// answered already and returns a nil admin.
func (s *site) organiserForm(w http.ResponseWriter, r *http.Request, q req) (*registration.Staff, *program.Activity, *fair.Snapshot, int64) {
	st := s.admin(w, r, q)
	if st == nil {
		return nil, nil, nil, 0
	}
	act, snap := s.fairOf(w, r, q)
	if snap == nil {
		return nil, nil, nil, 0
	}
	base, err := strconv.ParseInt(r.FormValue("version"), 10, 64)
	if err != nil {
		s.fail(w, r, q.lang, q.ed, program.Invalidf("version", "version must be a number"))
		return nil, nil, nil, 0
	}
	return st, act, snap, base
}

// refuseOnAdminPage shows why an organiser's action was refused (a stale
// version, say) on the organiser's page, nothing changed, and reports
// whether err was such a refusal; other errors are left to the caller.
func (s *site) refuseOnAdminPage(w http.ResponseWriter, r *http.Request, q req, act *program.Activity, snap *fair.Snapshot, err error) bool {
	e, status := refusal(err)
	if e == nil {
		return false
	}
	v := s.fairAdminView(r, q, act, snap, s.fairRuns.snapshot(act.ID))
	v.Problems = append(v.Problems, fairProblemView{Kind: T(q.lang, "fair.refused"), Detail: e.Message})
	s.render(w, r, status, "fairadmin", v)
	return true
}

// POST /{lang}/{event}/admin/fair/{activity}/publish, with the version the
// page showed.
func (s *site) fairPublish(w http.ResponseWriter, r *http.Request, q req) {
	st, act, snap, base := s.organiserForm(w, r, q)
	if st == nil {
		return
	}
	_, err := s.fair.PublishSchedule(audit.WithActor(r.Context(), st.Actor()), act.ID, base)
	if s.refuseOnAdminPage(w, r, q, act, snap, err) {
		return
	}
	if err != nil {
		s.fail(w, r, q.lang, q.ed, err)
		return
	}
	http.Redirect(w, r, fairAdminURL(q, act.Slug)+"?done=published", http.StatusSeeOther)
}
