package web

import (
	"bytes"
	"mime"
	"net/http"
	"strconv"

	"convene/internal/registration"
	"convene/internal/spreadsheet"
)

// seatsView is the secretariat's live counts: the gate, then every activity
// that takes sign-ups.
type seatsView struct {
	Page
	Rows            []seatRow
	CSVURL, XLSXURL string
	CheckinURL      string
	AuditURL        string // "" when the site has no audit page
	Fairs           []Link // the organiser's pages of the edition's matchmaking fairs
}

type seatRow struct {
	Title                  Link
	When, Room             string
	Capacity               int
	Confirmed, Waiting, In int
	Gate, Full             bool
}

// admin returns the secretariat's staff member when the staff cookie holds
// an admin token of this edition or the signed-in user is an admin;
// otherwise (nil) it has sent the visitor to a sign-in form (the account
// sign-in when the site has accounts, else the check-in page's token form)
// or shown a 403 page (a token or user without the right).
func (s *site) admin(w http.ResponseWriter, r *http.Request, q req) *registration.Staff {
	st, err := s.staff(r, q, registration.RoleAdmin)
	if err != nil {
		s.fail(w, r, q.lang, q.ed, err)
		return nil
	}
	if st == nil {
		if s.acc != nil {
			http.Redirect(w, r, loginURL(q.lang, r.URL.RequestURI()), http.StatusSeeOther)
			return nil
		}
		http.Redirect(w, r, q.checkin(), http.StatusSeeOther)
	}
	return st
}

func (s *site) adminSeats(w http.ResponseWriter, r *http.Request, q req) {
	if s.admin(w, r, q) == nil {
		return
	}
	counts, err := s.reg.AllSeats(r.Context(), q.ed)
	if err != nil {
		s.fail(w, r, q.lang, q.ed, err)
		return
	}
	view := seatsView{
		Page:       s.page(r, q.lang, T(q.lang, "seats.title"), "", q.ed),
		CSVURL:     q.export(spreadsheet.FormatCSV),
		XLSXURL:    q.export(spreadsheet.FormatXLSX),
		CheckinURL: q.checkin(),
	}
	if s.audit != nil {
		view.AuditURL = q.page("admin/audit")
	}
	if s.fair != nil {
		ids, err := s.fair.FairActivities(r.Context(), q.ed.Event.ID)
		if err != nil {
			s.fail(w, r, q.lang, q.ed, err)
			return
		}
		for _, id := range ids {
			if a := q.ed.ActivityByID(id); a != nil {
				view.Fairs = append(view.Fairs, Link{URL: fairAdminURL(q, a.Slug), Label: a.Title.In(q.lang)})
			}
		}
	}
	for _, c := range counts {
		row := seatRow{Capacity: c.Capacity, Confirmed: c.Confirmed, Waiting: c.Waitlisted, In: c.CheckedIn}
		if a := c.Activity; a == nil {
			row.Gate = true
			row.Title.Label = T(q.lang, "checkin.gate")
		} else {
			row.Title = Link{URL: q.activity(a.Slug), Label: a.Title.In(q.lang)}
			if !a.StartsAt.IsZero() {
				row.When = fmtDate(q.lang, q.ed.Day(a)) + " " + fmtSpan(q.ed, a)
			}
			if room := q.ed.RoomByID(a.RoomID); room != nil {
				row.Room = room.Name.In(q.lang)
			}
			row.Full = c.Confirmed >= c.Capacity
		}
		view.Rows = append(view.Rows, row)
	}
	s.render(w, r, http.StatusOK, "seats", view)
}

// export serves the secretariat's lists as a download. The file is made in
// memory first so that a failure is an error page, not half a file.
func (s *site) export(format spreadsheet.Format) func(http.ResponseWriter, *http.Request, req) {
	return func(w http.ResponseWriter, r *http.Request, q req) {
		if s.admin(w, r, q) == nil {
			return
		}
		var buf bytes.Buffer
		if err := s.reg.WriteExport(r.Context(), &buf, q.ed, format, q.lang); err != nil {
			s.fail(w, r, q.lang, q.ed, err)
			return
		}
		h := w.Header()
		h.Set("Content-Type", format.ContentType())
		h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": registration.ExportName(q.ed, format)}))
		h.Set("Content-Length", strconv.Itoa(buf.Len()))
		if r.Method != http.MethodHead {
			w.Write(buf.Bytes())
		}
	}
}
