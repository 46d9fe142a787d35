package web

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"convene/internal/program"
	"convene/internal/registration"
	"convene/internal/testkit"
)

// upload posts a file to the program page as the browser's form does.
func (c *client) upload(target, name string, data []byte, dryRun bool) response {
	c.t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	fw, err := mw.CreateFormFile("file", name)
	if err != nil {
		c.t.Fatal(err)
	}
	fw.Write(data)
	if dryRun {
		mw.WriteField("dry_run", "1")
	}
	mw.Close()
	req := httptest.NewRequest(http.MethodPost, target, &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	for _, ck := range c.cookies {
		req.AddCookie(&http.Cookie{Name: ck.Name, Value: ck.Value})
	}
	rec := httptest.NewRecorder()
	c.h.ServeHTTP(rec, req)
	return response{status: rec.Code, header: rec.Result().Header, body: rec.Body.String()}
}

// signedInStaff is a browser signed in at the check-in page with a new staff
// token of the role.
func signedInStaff(t *testing.T, rs regSite, role registration.Role) *client {
	t.Helper()
	token, err := rs.svc.CreateStaffToken(t.Context(), rs.ed, role, string(role))
	if err != nil {
		t.Fatal(err)
	}
	c := newClient(t, rs.h)
	wantStatus(t, "staff sign-in", c.post("/zh/zgc-2025/checkin/signin", url.Values{"token": {token}}), http.StatusSeeOther)
	return c
}

// edition is the edition as the catalogue has it now.
func (rs regSite) edition(t *testing.T) *program.Edition {
	t.Helper()
	ed, err := rs.cat.Edition(t.Context(), rs.ed.Event.Slug)
	if err != nil {
		t.Fatal(err)
	}
	return ed
}

// TestProgramUploadPage: the secretariat downloads the program, changes a
// title, checks the file (nothing written), uploads it (applied, the public
// page shows it), and a broken file is refused with every problem located in
// the page's language; check-in staff may not use the page.
func TestProgramUploadPage(t *testing.T) {
	for _, engine := range testkit.Engines(t) {
		t.Run(engine, func(t *testing.T) {
			rs := newRegSite(t, engine)
			admin := signedInStaff(t, rs, registration.RoleAdmin)
			gate := signedInStaff(t, rs, registration.RoleCheckin)

			wantStatus(t, "program page for check-in staff", gate.get("/zh/zgc-2025/admin/program"), http.StatusForbidden)
			wantStatus(t, "program download for check-in staff", gate.get("/zh/zgc-2025/admin/program.csv"), http.StatusForbidden)
			wantStatus(t, "program page signed out", newClient(t, rs.h).get("/zh/zgc-2025/admin/program"), http.StatusSeeOther)
			wantStatus(t, "audit page for check-in staff", gate.get("/zh/zgc-2025/admin/audit"), http.StatusForbidden)

			page := admin.get("/zh/zgc-2025/admin/program")
			wantStatus(t, "program page", page, http.StatusOK)
			wantIn(t, "program page", page.body, `enctype="multipart/form-data"`, `/zh/zgc-2025/admin/program.xlsx?lang=zh`, `/zh/zgc-2025/admin/program-template.csv?lang=en`)
			for _, u := range []string{"/zh/zgc-2025/admin/program.xlsx?lang=zh", "/zh/zgc-2025/admin/program-template.xlsx?lang=en"} {
				r := admin.get(u)
				if r.status != http.StatusOK || !strings.HasPrefix(r.body, "PK\x03\x04") || !strings.Contains(r.header.Get("Content-Disposition"), "attachment") {
					t.Errorf("%s: %d %q", u, r.status, r.header.Get("Content-Disposition"))
				}
			}
			csv := admin.get("/en/zgc-2025/admin/program.csv?lang=en")
			wantStatus(t, "program csv", csv, http.StatusOK)
			const oldTitle = "Quantum Science and Technology Innovation and Development Forum"
			if !strings.Contains(csv.body, oldTitle) {
				t.Fatal("the exported program lacks the quantum forum")
			}
			changed := []byte(strings.Replace(csv.body, oldTitle, "Quantum Technology Forum", 1))

			r := admin.upload("/en/zgc-2025/admin/program", "program.csv", changed, true)
			wantStatus(t, "check only", r, http.StatusOK)
			wantIn(t, "check only", r.body, "would be applied", "quantum-innovation changed", "Quantum Technology Forum")
			if a, _ := rs.edition(t).Activity("quantum-innovation"); a.Title.EN != oldTitle {
				t.Fatalf("check only wrote the title: %q", a.Title.EN)
			}
			r = admin.upload("/zh/zgc-2025/admin/program", "program.csv", changed, false)
			wantStatus(t, "upload", r, http.StatusOK)
			wantIn(t, "upload", r.body, "已应用 1 处改动", "修改 quantum-innovation")
			if a, _ := rs.edition(t).Activity("quantum-innovation"); a.Title.EN != "Quantum Technology Forum" {
				t.Fatalf("the upload did not change the title: %q", a.Title.EN)
			}
			wantIn(t, "public page after upload", newClient(t, rs.h).get("/en/zgc-2025/activities/quantum-innovation").body, "Quantum Technology Forum")

			r = admin.upload("/zh/zgc-2025/admin/program", "program.csv", []byte("\ufeff#activities\r\nslug,kind\r\nx,nonsense\r\n"), false)
			wantStatus(t, "broken file", r, http.StatusBadRequest)
			wantIn(t, "broken file", r.body, "文件未导入", "工作表 activities，第 2 行", "缺少必填列")
			if a, _ := rs.edition(t).Activity("quantum-innovation"); a.Title.EN != "Quantum Technology Forum" {
				t.Fatalf("a refused file changed the program: %q", a.Title.EN)
			}
			r = admin.upload("/zh/zgc-2025/admin/program", "program.xlsx", []byte("this is not a workbook"), false)
			wantStatus(t, "not a spreadsheet", r, http.StatusBadRequest)

			// The upload is in the audit log, by the staff token that made it.
			r = admin.get("/en/zgc-2025/admin/audit")
			wantStatus(t, "audit page", r, http.StatusOK)
			checkHTML(t, "audit page", r, "en")
			wantIn(t, "audit page", r.body, "program changes imported", "staff:admin", "quantum-innovation", "Quantum Technology Forum")
		})
	}
}
