package web

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"

	"convene/internal/editing"
	"convene/internal/program"
)

// Lists and edit forms of the program's other items: people, organisations,
// rooms and releases, each scoped like activities (an editor sees the people
// and releases of the activities its organisations host, and its own
// organisations; rooms are the secretariat's), and the livestreams, which
// are edited on their activity's form.

type itemListView struct {
	Page
	Heading string
	Rows    []itemRow
}

type itemRow struct {
	Edit   Link
	Detail string
}

// kindOf is the item kind of the request's {kind}, or false (404).
func kindOf(r *http.Request) (editing.Kind, bool) {
	k, ok := editing.Kinds[r.PathValue("kind")]
	return k, ok
}

// GET /{lang}/{event}/admin/{kind} — people, orgs, rooms, releases.
func (s *site) adminItems(w http.ResponseWriter, r *http.Request, q req) {
	k, ok := kindOf(r)
	if !ok {
		s.notFound(w, r)
		return
	}
	e, draft := s.editorDraft(w, r, q)
	if e == nil {
		return
	}
	v := itemListView{Page: s.page(r, q.lang, T(q.lang, "admin."+k.Name), "", q.ed), Heading: T(q.lang, "admin."+k.Name)}
	edit := func(slug, label, detail string) {
		v.Rows = append(v.Rows, itemRow{Edit: Link{URL: q.page("admin/" + k.Name + "/" + url.PathEscape(slug)), Label: label}, Detail: detail})
	}
	switch k.Name {
	case "people":
		for _, p := range draft.People() {
			if e.MayEditPerson(draft, p) {
				edit(p.Slug, p.Name.In(q.lang), p.Affiliation.In(q.lang))
			}
		}
	case "orgs":
		for _, o := range draft.Organisations() {
			if e.MayEditOrganisation(o) {
				edit(o.Slug, o.Name.In(q.lang), enum(q.lang, "orgkind", o.Kind))
			}
		}
	case "rooms":
		if !e.MayEditRooms() {
			s.fail(w, r, q.lang, q.ed, program.Errorf(program.CodeForbidden, "only the secretariat edits rooms"))
			return
		}
		rooms, err := s.editing.Rooms(r.Context())
		if err != nil {
			s.fail(w, r, q.lang, q.ed, err)
			return
		}
		for _, room := range rooms {
			edit(room.Slug, room.Name.In(q.lang), strconv.Itoa(room.Capacity))
		}
	case "releases":
		for _, rel := range draft.Releases {
			if e.MayEditRelease(draft, rel) {
				detail := ""
				if rel.EmbargoUntil != nil {
					detail = T(q.lang, "edit.field.embargo_until") + " " + draft.Local(*rel.EmbargoUntil).Format("2006-01-02 15:04")
				}
				edit(rel.Slug, rel.Title.In(q.lang), detail)
			}
		}
	}
	s.render(w, r, http.StatusOK, "admin_items", v)
}

// GET /{lang}/{event}/admin/livestreams — every broadcast the visitor may
// edit, linked to its activity's form where the link and time are set.
func (s *site) adminLivestreams(w http.ResponseWriter, r *http.Request, q req) {
	e, draft := s.editorDraft(w, r, q)
	if e == nil {
		return
	}
	v := itemListView{Page: s.page(r, q.lang, T(q.lang, "admin.livestreams"), "", q.ed), Heading: T(q.lang, "admin.livestreams")}
	for _, a := range e.Activities(draft) {
		detail := T(q.lang, "admin.no_livestream")
		if a.Livestream != nil {
			detail = a.Livestream.URL
			if !a.Livestream.StartsAt.IsZero() {
				detail = draft.Local(a.Livestream.StartsAt).Format("01-02 15:04") + " " + detail
			}
		}
		v.Rows = append(v.Rows, itemRow{Edit: Link{URL: q.page("admin/activities/" + url.PathEscape(a.Slug)), Label: a.Title.In(q.lang)}, Detail: detail})
	}
	s.render(w, r, http.StatusOK, "admin_items", v)
}

type itemEditView struct {
	Page
	Action  string
	Version int64
	Fields  []formField
	Errors  map[string]string
	Problem bool
	Stale   bool
	Saved   []string
}

func (s *site) itemEditView(r *http.Request, q req, k editing.Kind, slug string, values editing.Values, version int64, errs map[string]string) itemEditView {
	v := itemEditView{Page: s.page(r, q.lang, T(q.lang, "admin."+k.Name)+T(q.lang, "sep.colon")+slug, "", q.ed),
		Action: q.page("admin/" + k.Name + "/" + url.PathEscape(slug)), Version: version, Errors: errs}
	for _, f := range k.Fields {
		typ := map[editing.FieldType]string{editing.Text: "text", editing.LongText: "textarea", editing.URL: "url", editing.Country: "text",
			editing.Count: "number", editing.Instant: "datetime-local"}[f.Type]
		v.Fields = append(v.Fields, newFormField(q.lang, errs, f.Name, values[f.Name], typ))
	}
	return v
}

// GET /{lang}/{event}/admin/{kind}/{slug}
func (s *site) editItemForm(w http.ResponseWriter, r *http.Request, q req) {
	k, ok := kindOf(r)
	if !ok {
		s.notFound(w, r)
		return
	}
	e := s.editor(w, r, q)
	if e == nil {
		return
	}
	slug := r.PathValue("slug")
	draft, item, version, err := s.editing.Item(r.Context(), q.ed.Event.Slug, k, slug, *e)
	if err != nil {
		s.fail(w, r, q.lang, q.ed, err)
		return
	}
	s.render(w, r, http.StatusOK, "item_edit", s.itemEditView(r, q, k, slug, editing.ItemValues(item, draft.Location()), version, nil))
}

// POST /{lang}/{event}/admin/{kind}/{slug}
func (s *site) editItem(w http.ResponseWriter, r *http.Request, q req) {
	k, ok := kindOf(r)
	if !ok {
		s.notFound(w, r)
		return
	}
	e := s.editor(w, r, q)
	if e == nil {
		return
	}
	slug := r.PathValue("slug")
	if !s.parseForm(w, r, q) { // a size limit; a bad body is answered
		return
	}
	base, _ := strconv.ParseInt(r.PostForm.Get("version"), 10, 64)
	diff, err := s.editing.UpdateItem(r.Context(), q.ed.Event.Slug, k, slug, *e, base, r.PostForm)
	draft, item, version, lerr := s.editing.Item(r.Context(), q.ed.Event.Slug, k, slug, *e)
	if lerr != nil {
		s.fail(w, r, q.lang, q.ed, lerr)
		return
	}
	typed := editing.Values{}
	for _, f := range k.Fields {
		typed[f.Name] = r.PostForm.Get(f.Name)
	}
	var pe *program.Error
	switch {
	case err == nil:
		v := s.itemEditView(r, q, k, slug, editing.ItemValues(item, draft.Location()), version, nil)
		for _, f := range diff.Fields() {
			v.Saved = append(v.Saved, T(q.lang, "edit.field."+f))
		}
		s.render(w, r, http.StatusOK, "item_edit", v)
	case program.ErrorCode(err) == program.CodeConflict:
		v := s.itemEditView(r, q, k, slug, typed, version, nil)
		v.Stale = true
		s.render(w, r, http.StatusConflict, "item_edit", v)
	case errors.As(err, &pe) && pe.Code == program.CodeInvalid:
		v := s.itemEditView(r, q, k, slug, typed, base, fieldProblems(q.lang, pe))
		v.Problem = true
		s.render(w, r, http.StatusBadRequest, "item_edit", v)
	default:
		s.fail(w, r, q.lang, q.ed, err)
	}
}
