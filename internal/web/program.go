package web

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strconv"

	"convene/internal/audit"
	"convene/internal/programfile"
	"convene/internal/spreadsheet"
)

// The secretariat's program page: download the program as a spreadsheet
// (drafts included, so it is for the secretariat only) and the empty
// template in either language, and upload a changed file. An upload is all
// or nothing; "check only" shows what it would change without writing.

type programView struct {
	Page
	Downloads []Link
	Templates []Link
	Action    string
	MaxMB     int
	DryRun    bool
	Draft     bool
	Done      bool     // a file was processed
	Problems  []string // why the file was refused, each located, in the page's language
	Summary   string
	Changes   []changeLine
	Notes     []string
}

type changeLine struct {
	Text   string
	Fields []string
}

func (s *site) programLinks(q req) programView {
	v := programView{Action: q.page("admin/program"), MaxMB: spreadsheet.MaxSize >> 20}
	for _, f := range []string{string(spreadsheet.FormatXLSX), string(spreadsheet.FormatCSV)} {
		for _, l := range []string{"zh", "en"} {
			v.Downloads = append(v.Downloads, Link{URL: q.page("admin/program." + f + "?lang=" + l), Label: T(q.lang, "program.download."+f+"."+l)})
			v.Templates = append(v.Templates, Link{URL: q.page("admin/program-template." + f + "?lang=" + l), Label: T(q.lang, "program.template."+f+"."+l)})
		}
	}
	return v
}

// GET /{lang}/{event}/admin/program
func (s *site) adminProgram(w http.ResponseWriter, r *http.Request, q req) {
	if s.admin(w, r, q) == nil {
		return
	}
	v := s.programLinks(q)
	v.Page = s.page(r, q.lang, T(q.lang, "program.title"), "", q.ed)
	s.render(w, r, http.StatusOK, "program", v)
}

// GET /{lang}/{event}/admin/program.xlsx|csv and program-template.xlsx|csv
// (?lang= chooses the language of headers and sheet names; import accepts
// both).
func (s *site) programDownload(format spreadsheet.Format, template bool) func(http.ResponseWriter, *http.Request, req) {
	return func(w http.ResponseWriter, r *http.Request, q req) {
		if s.admin(w, r, q) == nil {
			return
		}
		lang := r.URL.Query().Get("lang")
		if lang != "en" {
			lang = "zh"
		}
		tables := spreadsheet.Template()
		name := "program-template-" + lang + "." + string(format)
		if !template {
			var err error
			if tables, err = s.files.Export(r.Context(), q.ed.Event.Slug); err != nil {
				s.fail(w, r, q.lang, q.ed, err)
				return
			}
			name = q.ed.Event.Slug + "-program-" + lang + "." + string(format)
		}
		var buf bytes.Buffer
		if err := spreadsheet.Write(&buf, tables, format, lang); err != nil {
			s.fail(w, r, q.lang, q.ed, err)
			return
		}
		h := w.Header()
		h.Set("Content-Type", format.ContentType())
		h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name}))
		h.Set("Content-Length", strconv.Itoa(buf.Len()))
		if r.Method != http.MethodHead {
			_, _ = w.Write(buf.Bytes())
		}
	}
}

// POST /{lang}/{event}/admin/program (multipart: file, dry_run)
func (s *site) uploadProgram(w http.ResponseWriter, r *http.Request, q req) {
	st := s.admin(w, r, q)
	if st == nil {
		return
	}
	v := s.programLinks(q)
	v.Page = s.page(r, q.lang, T(q.lang, "program.title"), "", q.ed)
	v.Done = true
	data, err := readUpload(w, r)
	if err != nil {
		v.Problems = []string{T(q.lang, err.Error())}
		s.render(w, r, http.StatusBadRequest, "program", v)
		return
	}
	v.DryRun = r.FormValue("dry_run") != ""
	v.Draft = r.FormValue("draft") != ""
	res, err := s.files.Import(audit.WithActor(r.Context(), st.Actor()), q.ed.Event.Slug, data,
		programfile.Options{DryRun: v.DryRun, Draft: v.Draft})
	var rep spreadsheet.Report
	if errors.As(err, &rep) {
		for _, p := range rep {
			v.Problems = append(v.Problems, p.In(q.lang))
		}
		s.render(w, r, http.StatusBadRequest, "program", v)
		return
	}
	if err != nil {
		s.fail(w, r, q.lang, q.ed, err)
		return
	}
	v.Summary = importSummary(q.lang, res)
	for _, c := range res.Changes {
		v.Changes = append(v.Changes, changeOf(q.lang, c))
	}
	for _, n := range res.Notes {
		v.Notes = append(v.Notes, noteOf(q.lang, n))
	}
	s.render(w, r, http.StatusOK, "program", v)
}

// readUpload reads the uploaded file, refusing one over the import limit
// before it is all in memory. Errors are message keys.
func readUpload(w http.ResponseWriter, r *http.Request) ([]byte, error) {
	r.Body = http.MaxBytesReader(w, r.Body, spreadsheet.MaxSize+1<<20) // the file and the form around it
	f, _, err := r.FormFile("file")
	if err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			return nil, errors.New("program.too_large")
		}
		return nil, errors.New("program.no_file")
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, spreadsheet.MaxSize+1))
	if err != nil || len(data) > spreadsheet.MaxSize {
		return nil, errors.New("program.too_large")
	}
	if len(data) == 0 {
		return nil, errors.New("program.no_file")
	}
	return data, nil
}

func importSummary(lang string, res programfile.Result) string {
	key := "program.applied"
	switch {
	case len(res.Changes) == 0:
		key = "program.unchanged"
	case res.DryRun:
		key = "program.would_apply"
	}
	text := fmt.Sprintf(T(lang, key), len(res.Changes), res.Version)
	switch {
	case res.Published > 0:
		text += " " + fmt.Sprintf(T(lang, "program.published"), res.Published)
	case !res.DryRun && len(res.Changes) > 0:
		text += " " + T(lang, "program.kept_draft")
	}
	return text
}

func changeOf(lang string, c spreadsheet.Change) changeLine {
	sheet := c.Sheet.Name(lang)
	line := changeLine{Text: fmt.Sprintf(T(lang, "program.change."+c.Kind), sheet, c.Key)}
	for _, f := range c.Fields {
		line.Fields = append(line.Fields, fmt.Sprintf(T(lang, "program.field"), f.Column, f.Old, f.New))
	}
	return line
}

func noteOf(lang string, n programfile.Note) string {
	if n.Added {
		return fmt.Sprintf(T(lang, "program.note.added"), T(lang, "program.register."+n.Kind), n.Key)
	}
	return fmt.Sprintf(T(lang, "program.note.kept"), T(lang, "program.register."+n.Kind), n.Key)
}
