// Package audit is the record of who changed what: every administrative
// write (a program import, a withdrawn registration, an account or token
// made) is written to the audit log in the same transaction as the change
// itself, so there is no change without its entry. The actor travels in the
// request's context from where the user or token was recognised to the
// store, which writes the entry.
package audit

import (
	"context"
	"encoding/json"
	"time"
)

// Entry is one change.
type Entry struct {
	ID      string          `json:"id"` // time-ordered
	At      time.Time       `json:"at"`
	Actor   string          `json:"actor"`  // "account:<email>", "staff:<label>", "command line", "system"
	Action  string          `json:"action"` // e.g. program.import, registration.withdraw
	EventID string          `json:"-"`      // "" for changes outside an edition (accounts)
	Subject string          `json:"subject"`
	Before  json.RawMessage `json:"before"` // null when there was nothing before
	After   json.RawMessage `json:"after"`
}

// Actions.
const (
	ProgramCreate        = "program.create"
	ProgramImport        = "program.import"
	ProgramPublish       = "program.publish"
	ActivityUpdate       = "activity.update"
	PersonUpdate         = "person.update"
	OrganisationUpdate   = "organisation.update"
	RoomUpdate           = "room.update"
	ReleaseUpdate        = "release.update"
	RegistrationWithdraw = "registration.withdraw"
	InvitationCreate     = "invitation.create"
	StaffTokenCreate     = "staff_token.create"
	StaffTokenRevoke     = "staff_token.revoke"
	UserAdd              = "user.add"
	UserDisable          = "user.disable"
	UserTokenCreate      = "user_token.create"
	FairImport           = "fair.import"
	FairMeetingAdd       = "fair.meeting_add"
	FairMeetingRemove    = "fair.meeting_remove"
	FairMeetingFix       = "fair.meeting_fix"
	FairSchedule         = "fair.schedule"
	FairPublish          = "fair.publish"
	FairOutcome          = "fair.outcome"
	// a participant's own edits and withdrawals
	FairParticipantUpdate   = "fair.participant_update"
	FairParticipantWithdraw = "fair.participant_withdraw"
	FairAchievementUpdate   = "fair.achievement_update"
	FairAchievementWithdraw = "fair.achievement_withdraw"
	FairNeedUpdate          = "fair.need_update"
	FairNeedWithdraw        = "fair.need_withdraw"
	TimetableSchedule       = "timetable.schedule"
)

// Actions lists every action, for what must name them all (the API
// document's enum is tested against it).
var Actions = []string{ProgramCreate, ProgramImport, ProgramPublish, ActivityUpdate, PersonUpdate, OrganisationUpdate, RoomUpdate, ReleaseUpdate, RegistrationWithdraw, InvitationCreate, StaffTokenCreate, StaffTokenRevoke, UserAdd, UserDisable, UserTokenCreate,
	FairImport, FairMeetingAdd, FairMeetingRemove, FairMeetingFix, FairSchedule, FairPublish, FairOutcome, TimetableSchedule,
	FairParticipantUpdate, FairParticipantWithdraw, FairAchievementUpdate, FairAchievementWithdraw, FairNeedUpdate, FairNeedWithdraw}

type actorKey struct{}

// WithActor returns ctx carrying who acts.
func WithActor(ctx context.Context, actor string) context.Context {
	return context.WithValue(ctx, actorKey{}, actor)
}

// Actor is who acts in ctx: "system" when nobody was named, so that a write
// without an actor is visible as such rather than missing.
func Actor(ctx context.Context) string {
	if a, ok := ctx.Value(actorKey{}).(string); ok && a != "" {
		return a
	}
	return "system"
}

// Account, Staff, Attendee and CommandLine name actors.
func Account(email string) string { return "account:" + email }
func Staff(label string) string   { return "staff:" + label }
func Attendee(id string) string   { return "attendee:" + id }

// CommandLine is the actor of changes made with the convene command.
const CommandLine = "command line"
