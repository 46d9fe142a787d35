package web

import (
	"context"
	"net/http"

	"convene/internal/audit"
)

// AuditLog is the read side of the audit log the secretariat's page shows.
type AuditLog interface {
	AuditLog(ctx context.Context, eventID string, limit int, before string) ([]audit.Entry, error)
}

// auditPageSize is how many entries one page of the log shows.
const auditPageSize = 200

type auditView struct {
	Page
	Rows []auditRow
	More string // the URL of older entries, "" at the end
}

type auditRow struct {
	When, Actor, Action, Subject string
	Before, After                string // JSON as recorded; "" for null
}

// GET /{lang}/{event}/admin/audit?before=
func (s *site) adminAudit(w http.ResponseWriter, r *http.Request, q req) {
	if s.admin(w, r, q) == nil {
		return
	}
	entries, err := s.audit.AuditLog(r.Context(), q.ed.Event.ID, auditPageSize, r.URL.Query().Get("before"))
	if err != nil {
		s.fail(w, r, q.lang, q.ed, err)
		return
	}
	view := auditView{Page: s.page(r, q.lang, T(q.lang, "audit.title"), "", q.ed)}
	for _, e := range entries {
		view.Rows = append(view.Rows, auditRow{
			When: q.ed.Local(e.At).Format("2006-01-02 15:04:05"), Actor: e.Actor,
			Action: T(q.lang, "audit.action."+e.Action), Subject: e.Subject,
			Before: jsonText(e.Before), After: jsonText(e.After),
		})
	}
	if len(entries) == auditPageSize {
		view.More = q.page("admin/audit") + "?before=" + entries[len(entries)-1].ID
	}
	s.render(w, r, http.StatusOK, "audit", view)
}

func jsonText(raw []byte) string {
	if s := string(raw); s != "null" {
		return s
	}
	return ""
}
