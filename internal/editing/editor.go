// Package editing is what the secretariat and the host organisations may
// change in the working copy of an edition's program, and how a change is
// checked before it is stored: who may edit which item (an editor acts for
// organisations and edits only what they host), which fields are the
// secretariat's alone (rooms, times, seats, publication), and field-by-field
// validation. It knows no HTTP and no SQL.
package editing

import (
	"slices"

	"convene/internal/accounts"
	"convene/internal/audit"
	"convene/internal/program"
)

// Editor is someone changing the program: the secretariat (Admin) or an
// editor acting for the organisations Orgs (slugs).
type Editor struct {
	Actor string // as the audit log names them
	Admin bool
	Orgs  []string
}

// ForUser is the editing rights of an account: admins edit everything,
// editors what their organisations host; other roles nothing (false).
func ForUser(u *accounts.User) (Editor, bool) {
	e := Editor{Actor: audit.Account(u.Email)}
	switch u.Role {
	case accounts.RoleAdmin:
		e.Admin = true
	case accounts.RoleEditor:
		e.Orgs = u.Orgs
	default:
		return e, false
	}
	return e, true
}

// hostingRoles are the roles that make an organisation responsible for an
// activity: the host (主办) and the organiser (承办) who does the work.
// Co-organisers and supporters lend their name, not their staff, so their
// editors do not edit the activity.
var hostingRoles = []program.HostRole{program.RoleHost, program.RoleOrganiser}

// MayEditActivity reports whether e may edit a, an activity of ed.
func (e Editor) MayEditActivity(ed *program.Edition, a *program.Activity) bool {
	if e.Admin {
		return true
	}
	for _, h := range a.Hosts {
		if !slices.Contains(hostingRoles, h.Role) {
			continue
		}
		if o := ed.OrgByID(h.OrgID); o != nil && slices.Contains(e.Orgs, o.Slug) {
			return true
		}
	}
	return false
}

// MayEditPerson reports whether e may edit p: the secretariat, or an editor
// of an activity p takes part in.
func (e Editor) MayEditPerson(ed *program.Edition, p *program.Person) bool {
	if e.Admin {
		return true
	}
	return slices.ContainsFunc(ed.ActivitiesWith(p.ID), func(a *program.Activity) bool { return e.MayEditActivity(ed, a) })
}

// MayEditRelease reports whether e may edit r: the secretariat, or an editor
// of the activity r is released at.
func (e Editor) MayEditRelease(ed *program.Edition, r *program.Release) bool {
	a := ed.ActivityByID(r.ActivityID)
	return e.Admin || (a != nil && e.MayEditActivity(ed, a))
}

// MayEditOrganisation reports whether e may edit o: the secretariat, or an
// editor acting for o.
func (e Editor) MayEditOrganisation(o *program.Organisation) bool {
	return e.Admin || slices.Contains(e.Orgs, o.Slug)
}

// MayEditRooms reports whether e may change rooms: the secretariat only.
func (e Editor) MayEditRooms() bool { return e.Admin }

// Activities lists the activities of ed that e may edit, in ed's order.
func (e Editor) Activities(ed *program.Edition) []*program.Activity {
	var out []*program.Activity
	for _, a := range ed.Activities {
		if e.MayEditActivity(ed, a) {
			out = append(out, a)
		}
	}
	return out
}
