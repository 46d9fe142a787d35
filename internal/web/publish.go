package web

import (
	"encoding/xml"
	"net/http"
	"strconv"
	"time"

	"convene/internal/audit"
	"convene/internal/program"
	"convene/internal/timetable"
)

type publishView struct {
	Page
	Action    string
	Next      int64    // the number the next version gets
	Changes   []string // what publishing now changes, in the page's language
	Unchanged bool     // nothing public changed since the last version
	Published *versionRow
	Conflicts int // hard timetable conflicts of the working copy
	BoardURL  string
}

// GET /{lang}/{event}/admin/publish — what publishing would change.
func (s *site) publishForm(w http.ResponseWriter, r *http.Request, q req) {
	if s.adminEditor(w, r, q) == nil {
		return
	}
	v, err := s.publishView(r, q)
	if err != nil {
		s.fail(w, r, q.lang, q.ed, err)
		return
	}
	s.render(w, r, http.StatusOK, "publish", v)
}

func (s *site) publishView(r *http.Request, q req) (publishView, error) {
	v := publishView{Page: s.page(r, q.lang, T(q.lang, "publish.title"), "", q.ed), Action: q.page("admin/publish"), BoardURL: q.page("admin/timetable")}
	pv, err := s.publisher.Publish(r.Context(), q.ed.Event.Slug, true)
	switch {
	case isUnchanged(err):
		v.Unchanged = true
	case err != nil:
		return v, err
	}
	v.Next = pv.Number
	for _, c := range pv.Changes {
		v.Changes = append(v.Changes, c.Message(q.lang, q.ed.Location()))
	}
	draft, err := s.editing.Draft(r.Context(), q.ed.Event.Slug)
	if err != nil {
		return v, err
	}
	v.Conflicts = len(timetable.CheckEdition(draft))
	return v, nil
}

// POST /{lang}/{event}/admin/publish
func (s *site) publish(w http.ResponseWriter, r *http.Request, q req) {
	e := s.adminEditor(w, r, q)
	if e == nil {
		return
	}
	pv, err := s.publisher.Publish(audit.WithActor(r.Context(), e.Actor), q.ed.Event.Slug, false)
	if err != nil && !isUnchanged(err) && program.ErrorCode(err) != program.CodeConflict {
		s.fail(w, r, q.lang, q.ed, err)
		return
	}
	status := http.StatusOK
	if err != nil {
		status = http.StatusConflict
	}
	v, verr := s.publishView(r, q)
	if verr != nil {
		s.fail(w, r, q.lang, q.ed, verr)
		return
	}
	if err == nil {
		row := versionRowOf(q, pv, func(program.Change) bool { return true })
		v.Published = &row
	}
	s.render(w, r, status, "publish", v)
}

type versionRow struct {
	Number  int64
	When    string
	Changes []string
	First   bool // the first version: everything is new
}

func versionRowOf(q req, v program.Version, shown func(program.Change) bool) versionRow {
	row := versionRow{Number: v.Number, When: q.ed.Local(v.PublishedAt).Format("2006-01-02 15:04"), First: v.Number == 1}
	for _, c := range v.Changes {
		if shown(c) {
			row.Changes = append(row.Changes, c.Message(q.lang, q.ed.Location()))
		}
	}
	return row
}

type changelogView struct {
	Page
	FeedURL  string
	Versions []versionRow
}

// GET /{lang}/{event}/changelog — every published version and what it
// changed, like a conference's schedule releases. Cached with the edition's
// stamp, which moves with each version and each lifted embargo.
func (s *site) changelog(w http.ResponseWriter, r *http.Request, q req) {
	versions, err := s.cat.Versions(r.Context(), q.ed.Event.Slug)
	if err != nil {
		s.fail(w, r, q.lang, q.ed, err)
		return
	}
	now := s.cat.Now()
	v := changelogView{Page: s.page(r, q.lang, T(q.lang, "changelog.title"), "", q.ed), FeedURL: q.page("changelog.atom")}
	for _, ver := range versions {
		v.Versions = append(v.Versions, versionRowOf(q, ver, func(c program.Change) bool { return c.Public(now) }))
	}
	s.render(w, r, http.StatusOK, "changelog", v)
}

// The Atom feed of the changelog (RFC 4287): one entry per version.
type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Lang    string      `xml:"xml:lang,attr"`
	ID      string      `xml:"id"`
	Title   string      `xml:"title"`
	Updated string      `xml:"updated"`
	Links   []atomLink  `xml:"link"`
	Author  atomAuthor  `xml:"author"`
	Entries []atomEntry `xml:"entry"`
}

type atomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
}

type atomAuthor struct {
	Name string `xml:"name"`
}

type atomEntry struct {
	ID      string   `xml:"id"`
	Title   string   `xml:"title"`
	Updated string   `xml:"updated"`
	Link    atomLink `xml:"link"`
	Content atomText `xml:"content"`
}

type atomText struct {
	Type string `xml:"type,attr"`
	Body string `xml:",chardata"`
}

// GET /{lang}/{event}/changelog.atom
func (s *site) changelogFeed(w http.ResponseWriter, r *http.Request, q req) {
	versions, err := s.cat.Versions(r.Context(), q.ed.Event.Slug)
	if err != nil {
		s.fail(w, r, q.lang, q.ed, err)
		return
	}
	now := s.cat.Now()
	page := s.origin(r) + q.page("changelog")
	feed := atomFeed{Lang: q.lang, ID: page, Title: q.ed.Event.Name.In(q.lang) + T(q.lang, "sep.colon") + T(q.lang, "changelog.title"),
		Updated: q.ed.Event.UpdatedAt.UTC().Format(time.RFC3339), Author: atomAuthor{Name: q.ed.Event.Name.In(q.lang)},
		Links: []atomLink{{Href: s.origin(r) + q.page("changelog.atom"), Rel: "self", Type: "application/atom+xml"}, {Href: page, Rel: "alternate", Type: "text/html"}}}
	for _, ver := range versions {
		row := versionRowOf(q, ver, func(c program.Change) bool { return c.Public(now) })
		body := ""
		for _, c := range row.Changes {
			body += c + "\n"
		}
		if row.First {
			body = T(q.lang, "changelog.first")
		}
		n := strconv.FormatInt(ver.Number, 10)
		feed.Entries = append(feed.Entries, atomEntry{ID: page + "#v" + n, Title: T(q.lang, "changelog.version") + " " + n,
			Updated: ver.PublishedAt.UTC().Format(time.RFC3339), Link: atomLink{Href: page + "#v" + n}, Content: atomText{Type: "text", Body: body}})
	}
	out, err := xml.MarshalIndent(feed, "", "  ")
	if err != nil {
		s.fail(w, r, q.lang, q.ed, err)
		return
	}
	w.Header().Set("Content-Type", "application/atom+xml; charset=utf-8")
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		_, _ = w.Write([]byte(xml.Header))
		_, _ = w.Write(out)
	}
}
