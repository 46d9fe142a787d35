package web

import (
	"net/http"
	"net/url"
	"strconv"

	"convene/internal/audit"
	"convene/internal/fair"
	"convene/internal/program"
)

// A participant edits or withdraws its participation and its own
// achievements and needs: one page per thing edited, with the form to edit
// it (the same forms as to join and to post, filled in) and the form to
// withdraw it. Each form carries the row version it was shown; the store
// refuses a stale one or someone else's item, and the page shows the form
// again with what was typed and why.

// itemURL is the page of one of the participant's achievements or needs.
func itemURL(q req, act *program.Activity, kind, id string) string {
	return fairURL(q, act.Slug) + "/" + kind + "/" + url.PathEscape(id)
}

// postedVersion is the version a form was shown at; a missing or bad one
// is 0, which no row has, so the store refuses it as stale.
func postedVersion(r *http.Request) int64 {
	v, _ := strconv.ParseInt(r.PostFormValue("version"), 10, 64)
	return v
}

// editView is the page to edit one thing: the forms in v, and the form to
// withdraw it posting to withdraw at version.
func editView(q req, act *program.Activity, v fairPageView, withdraw string, version int64, what string) fairPageView {
	v.Editing, v.BackURL = true, fairURL(q, act.Slug)
	v.WithdrawURL, v.WithdrawVersion = withdraw, version
	v.WithdrawLabel, v.WithdrawNote = T(q.lang, "fair.withdraw."+what), T(q.lang, "fair.withdraw."+what+"_note")
	return v
}

// participationView is the page to edit p's participation with the form in.
func (s *site) participationView(r *http.Request, q req, act *program.Activity, snap *fair.Snapshot, in joinForm) fairPageView {
	in.Action = fairURL(q, act.Slug) + "/participation"
	return editView(q, act, s.fairJoinView(r, q, act, snap, in), fairURL(q, act.Slug)+"/withdraw", in.Version, "fair")
}

func joinFormFrom(p *fair.Participant) joinForm {
	return joinForm{OrgZH: p.Organisation.ZH, OrgEN: p.Organisation.EN, Name: p.Contact.Name, Email: p.Contact.Email, Phone: p.Contact.Phone,
		Side: string(p.Side), Availability: string(p.Availability), Version: p.Version, unavailable: p.Unavailable}
}

// GET /{lang}/{event}/fair/{activity}/participation
func (s *site) fairParticipationPage(w http.ResponseWriter, r *http.Request, q req) {
	act, snap, p := s.participantAt(w, r, q)
	if p == nil {
		return
	}
	w.Header().Set("Cache-Control", "private, no-store")
	s.render(w, r, http.StatusOK, "fair", s.participationView(r, q, act, snap, joinFormFrom(p)))
}

// POST /{lang}/{event}/fair/{activity}/participation: the join form's fields and version=
func (s *site) fairEditParticipation(w http.ResponseWriter, r *http.Request, q req) {
	act, snap, p := s.participantAt(w, r, q)
	if p == nil || !s.parseForm(w, r, q) {
		return
	}
	in, edited, err := readJoinForm(r, snap, *p)
	in.Version = postedVersion(r)
	if err == nil {
		err = s.fair.UpdateParticipant(audit.WithActor(r.Context(), audit.Attendee(p.AttendeeID)), &edited, in.Version)
	}
	if err != nil {
		s.refuseEdit(w, r, q, err, func(errors map[string]string) fairPageView {
			in.Errors = errors
			return s.participationView(r, q, act, snap, in)
		})
		return
	}
	http.Redirect(w, r, fairURL(q, act.Slug)+"?done=updated", http.StatusSeeOther)
}

// refuseEdit shows the edit form again (view) with why err refused it, or
// fails the page when err is not the input's fault.
func (s *site) refuseEdit(w http.ResponseWriter, r *http.Request, q req, err error, view func(errors map[string]string) fairPageView) {
	e, status := refusal(err)
	if e == nil {
		s.fail(w, r, q.lang, q.ed, err)
		return
	}
	s.render(w, r, status, "fair", view(fairProblems(q.lang, e)))
}

// POST /{lang}/{event}/fair/{activity}/withdraw: version=
func (s *site) fairWithdraw(w http.ResponseWriter, r *http.Request, q req) {
	_, _, p := s.participantAt(w, r, q)
	if p == nil || !s.parseForm(w, r, q) {
		return
	}
	if err := s.fair.WithdrawParticipant(audit.WithActor(r.Context(), audit.Attendee(p.AttendeeID)), p, postedVersion(r)); err != nil {
		s.fail(w, r, q.lang, q.ed, err)
		return
	}
	http.Redirect(w, r, q.page("me"), http.StatusSeeOther)
}

// achievementView is the page to edit achievement id with the form in.
func (s *site) achievementView(r *http.Request, q req, act *program.Activity, p *fair.Participant, id string, in achievementForm) fairPageView {
	v := fairPageView{Page: s.page(r, q.lang, act.Title.In(q.lang), "", q.ed), Activity: act.Title.In(q.lang)}
	v.fairForms = itemForms(q, act, p, in, needForm{})
	v.AchievementURL, v.NeedURL = itemURL(q, act, "achievements", id), ""
	return editView(q, act, v, v.AchievementURL+"/withdraw", in.Version, "achievement")
}

// needView is the page to edit need id with the form in.
func (s *site) needView(r *http.Request, q req, act *program.Activity, p *fair.Participant, id string, in needForm) fairPageView {
	v := fairPageView{Page: s.page(r, q.lang, act.Title.In(q.lang), "", q.ed), Activity: act.Title.In(q.lang)}
	v.fairForms = itemForms(q, act, p, achievementForm{}, in)
	v.AchievementURL, v.NeedURL = "", itemURL(q, act, "needs", id)
	return editView(q, act, v, v.NeedURL+"/withdraw", in.Version, "need")
}

// ownItem checks on the snapshot that the {item} is p's, to show its page;
// the store checks again when it is written.
func ownItem(id string, owner string, p *fair.Participant) error {
	switch {
	case owner == "":
		return program.Errorf(program.CodeNotFound, "no such item in this fair: %s", id)
	case owner != p.ID:
		return program.Errorf(program.CodeForbidden, "only its owner may edit %s", id)
	}
	return nil
}

// GET /{lang}/{event}/fair/{activity}/achievements/{item}
func (s *site) fairAchievementPage(w http.ResponseWriter, r *http.Request, q req) {
	act, snap, p := s.participantAt(w, r, q)
	if p == nil {
		return
	}
	id := r.PathValue("item")
	a := snap.Achievements[id]
	if a == nil {
		a = &fair.Achievement{}
	}
	if err := ownItem(id, a.ParticipantID, p); err != nil {
		s.fail(w, r, q.lang, q.ed, err)
		return
	}
	in := achievementForm{TitleZH: a.Title.ZH, TitleEN: a.Title.EN, SummaryZH: a.Summary.ZH, SummaryEN: a.Summary.EN, Field: a.Field,
		TRL: strconv.Itoa(a.TRL), IP: string(a.IP), Transfer: string(a.Transfer), Version: a.Version}
	w.Header().Set("Cache-Control", "private, no-store")
	s.render(w, r, http.StatusOK, "fair", s.achievementView(r, q, act, p, id, in))
}

// POST /{lang}/{event}/fair/{activity}/achievements/{item}: the achievement form's fields and version=
func (s *site) fairEditAchievement(w http.ResponseWriter, r *http.Request, q req) {
	act, _, p := s.participantAt(w, r, q)
	if p == nil || !s.parseForm(w, r, q) {
		return
	}
	id := r.PathValue("item")
	// no side to check: the store checks the owner, who keeps the side of
	// its items (fair.CheckSide), so someone else's is refused as such (403)
	in, a, err := readAchievementForm(r, p, nil)
	in.Version, a.ID = postedVersion(r), id
	if err == nil {
		err = s.fair.UpdateAchievement(audit.WithActor(r.Context(), audit.Attendee(p.AttendeeID)), &a, in.Version)
	}
	if err != nil {
		s.refuseEdit(w, r, q, err, func(errors map[string]string) fairPageView {
			in.Errors = errors
			return s.achievementView(r, q, act, p, id, in)
		})
		return
	}
	http.Redirect(w, r, fairURL(q, act.Slug)+"?done=updated", http.StatusSeeOther)
}

// GET /{lang}/{event}/fair/{activity}/needs/{item}
func (s *site) fairNeedPage(w http.ResponseWriter, r *http.Request, q req) {
	act, snap, p := s.participantAt(w, r, q)
	if p == nil {
		return
	}
	id := r.PathValue("item")
	n := snap.Needs[id]
	if n == nil {
		n = &fair.Need{}
	}
	if err := ownItem(id, n.ParticipantID, p); err != nil {
		s.fail(w, r, q.lang, q.ed, err)
		return
	}
	in := needForm{TitleZH: n.Title.ZH, TitleEN: n.Title.EN, SummaryZH: n.Summary.ZH, SummaryEN: n.Summary.EN, Field: n.Field,
		MinTRL: strconv.Itoa(n.MinTRL), BudgetMin: optInt(n.BudgetMin), BudgetMax: optInt(n.BudgetMax), Region: n.Region, Version: n.Version}
	w.Header().Set("Cache-Control", "private, no-store")
	s.render(w, r, http.StatusOK, "fair", s.needView(r, q, act, p, id, in))
}

// optInt shows an optional amount: empty for 0, as the form reads it.
func optInt(n int64) string {
	if n == 0 {
		return ""
	}
	return strconv.FormatInt(n, 10)
}

// POST /{lang}/{event}/fair/{activity}/needs/{item}: the need form's fields and version=
func (s *site) fairEditNeed(w http.ResponseWriter, r *http.Request, q req) {
	act, _, p := s.participantAt(w, r, q)
	if p == nil || !s.parseForm(w, r, q) {
		return
	}
	id := r.PathValue("item")
	in, n, err := readNeedForm(r, p, nil) // no side to check, as for an achievement
	in.Version, n.ID = postedVersion(r), id
	if err == nil {
		err = s.fair.UpdateNeed(audit.WithActor(r.Context(), audit.Attendee(p.AttendeeID)), &n, in.Version)
	}
	if err != nil {
		s.refuseEdit(w, r, q, err, func(errors map[string]string) fairPageView {
			in.Errors = errors
			return s.needView(r, q, act, p, id, in)
		})
		return
	}
	http.Redirect(w, r, fairURL(q, act.Slug)+"?done=updated", http.StatusSeeOther)
}

// POST /{lang}/{event}/fair/{activity}/achievements/{item}/withdraw and
// …/needs/{item}/withdraw: version=
func (s *site) fairWithdrawItem(needs bool) func(http.ResponseWriter, *http.Request, req) {
	return func(w http.ResponseWriter, r *http.Request, q req) {
		act, _, p := s.participantAt(w, r, q)
		if p == nil || !s.parseForm(w, r, q) {
			return
		}
		withdraw := s.fair.WithdrawAchievement
		if needs {
			withdraw = s.fair.WithdrawNeed
		}
		ctx := audit.WithActor(r.Context(), audit.Attendee(p.AttendeeID))
		if err := withdraw(ctx, act.ID, p.ID, r.PathValue("item"), postedVersion(r)); err != nil {
			s.fail(w, r, q.lang, q.ed, err)
			return
		}
		http.Redirect(w, r, fairURL(q, act.Slug)+"?done=withdrawn", http.StatusSeeOther)
	}
}
