// Package web is the bilingual public site: server-rendered HTML pages of an
// edition's program (agenda, activities, people, organisations, livestreams,
// releases, the press briefing and search) in Chinese and English. Pages work
// without JavaScript and load no external assets.
package web

import (
	"bytes"
	"context"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"sync"

	"convene/internal/accounts"
	"convene/internal/editing"
	"convene/internal/fair"
	"convene/internal/httpx"
	"convene/internal/mail"
	"convene/internal/meetings"
	"convene/internal/program"
	"convene/internal/programfile"
	"convene/internal/registration"
	"convene/internal/schedule"
	"convene/internal/timetable"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static/site.css
var siteCSS []byte

// Config is what the site needs.
type Config struct {
	Catalog *program.Catalog
	Logger  *slog.Logger // nil discards
	// Registration serves the attendee, check-in and secretariat pages;
	// nil leaves them out of the site.
	Registration *registration.Service
	// Files imports and exports the program for the secretariat's program
	// page (which also needs Registration, for the staff sign-in); nil
	// leaves the page out.
	Files *programfile.Files
	// Accounts signs in the secretariat, editors, gate staff and press
	// (/{lang}/login); a signed-in admin or check-in user reaches the staff
	// pages without a staff token. nil leaves the sign-in pages out.
	Accounts *accounts.Service
	// Mail sends the password-reset links; nil logs them (development).
	Mail mail.Sender
	// BaseURL is the public scheme and host of the site (https://forum.example)
	// for absolute links in pages and mails; https also makes every cookie
	// Secure behind a TLS-terminating proxy. Empty: taken from each request.
	BaseURL string
	// Audit is the log the secretariat's audit page shows (with
	// Registration, for the staff sign-in); nil leaves the page out.
	Audit AuditLog
	// Scheduler runs the timetable scheduler from the board (with Editing);
	// nil leaves the button out.
	Scheduler func(ctx context.Context, slug string, opt schedule.Options) (schedule.Result, error)
	// Editing and Publisher serve the program's edit and publish pages
	// (with Registration, for the staff sign-in); nil leaves them out, and
	// the changelog page needs Publisher.
	Editing   *editing.Service
	Publisher editing.Publisher
	// Fair serves the matchmaking fair's participant and organiser pages
	// (with Registration, for the attendee and staff sign-in); nil leaves
	// them out.
	Fair FairStore
	// Fairs is the fairs' snapshots and suggestion indexes over Fair; give
	// the site's and the API's the same one so they are held once (nil
	// makes one).
	Fairs *fair.Service
}

// site holds what New prepared; it is read-only after New.
type site struct {
	cat       *program.Catalog
	reg       *registration.Service // nil: no registration pages
	files     *programfile.Files    // nil: no program page
	acc       *accounts.Service     // nil: no sign-in pages
	mail      mail.Sender
	audit     AuditLog
	editing   *editing.Service  // nil: no edit pages
	publisher editing.Publisher // nil: no publish page
	base      string            // Config.BaseURL without a trailing slash
	log       *slog.Logger
	pages     map[string]*template.Template
	css       []byte
	cssURL    string // /static/site.css?v=<content hash>
	cssVer    string
	bufs      *sync.Pool
	fair      FairStore                                                                             // nil: no fair pages
	scheduler func(ctx context.Context, slug string, opt schedule.Options) (schedule.Result, error) // nil: no scheduler button
	schedRuns *jobs[timetable.Progress, schedule.Result]                                            // the timetable scheduler's runs on this node
	fairRuns  *jobs[meetings.Progress, *fair.Run]                                                   // the fairs' scheduler runs on this node, by activity
	fairs     *fair.Service                                                                         // over fair
	cache     *httpx.BodyCache                                                                      // rendered edition pages, see inEdition
}

// pageCacheBytes bounds the rendered pages kept in memory; the largest page
// of the sample edition (the whole agenda) is about 100 kB.
const pageCacheBytes = 32 << 20

// pageNames are the page templates; each file templates/<name>.html defines
// "content" and is parsed together with layout.html and partials.html.
var pageNames = []string{"editions", "home", "agenda", "activity", "people", "person", "orgs", "org", "livestreams", "releases", "briefing", "search", "error",
	"register", "me", "ticket", "checkin", "seats", "program", "login", "reset", "audit",
	"admin", "admin_activities", "activity_edit", "publish", "changelog", "board", "admin_items", "item_edit",
	"fair", "fairadmin", "scheduler"}

// New parses the templates, prepares the static files and returns the
// site's handler.
func New(cfg Config) (http.Handler, error) { return newHandler(cfg, pageCacheBytes) }

// newHandler is New with the size of the page cache (0 keeps nothing; the
// benchmark measures rendering that way).
func newHandler(cfg Config, cacheBytes int) (http.Handler, error) {
	if cfg.Catalog == nil {
		return nil, errors.New("web: Config.Catalog is required")
	}
	log := cfg.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	pages, err := parseTemplates(templateFS)
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(siteCSS)
	ver := hex.EncodeToString(sum[:6])
	if cfg.Mail == nil {
		cfg.Mail = mail.LogSender{Log: log}
	}
	s := &site{
		cat:       cfg.Catalog,
		reg:       cfg.Registration,
		files:     cfg.Files,
		acc:       cfg.Accounts,
		mail:      cfg.Mail,
		audit:     cfg.Audit,
		editing:   cfg.Editing,
		publisher: cfg.Publisher,
		fair:      cfg.Fair,
		scheduler: cfg.Scheduler,
		schedRuns: newJobs[timetable.Progress, schedule.Result]("timetable scheduler"),
		fairRuns:  newJobs[meetings.Progress, *fair.Run]("fair scheduler"),
		base:      strings.TrimRight(cfg.BaseURL, "/"),
		log:       log,
		pages:     pages,
		css:       siteCSS,
		cssVer:    ver,
		cssURL:    "/static/site.css?v=" + ver,
		bufs:      &sync.Pool{New: func() any { return new(bytes.Buffer) }},
		cache:     httpx.NewBodyCache(cacheBytes),
	}
	if s.fairs = cfg.Fairs; s.fairs == nil && cfg.Fair != nil {
		s.fairs = fair.NewService(cfg.Fair)
	}
	return s.routes(), nil
}

func parseTemplates(fsys fs.FS) (map[string]*template.Template, error) {
	base, err := template.New("layout.html").Funcs(funcs).ParseFS(fsys, "templates/layout.html", "templates/partials.html")
	if err != nil {
		return nil, fmt.Errorf("web: parse layout: %w", err)
	}
	pages := make(map[string]*template.Template, len(pageNames))
	for _, name := range pageNames {
		t, err := base.Clone()
		if err != nil {
			return nil, fmt.Errorf("web: clone layout for %s: %w", name, err)
		}
		if _, err := t.ParseFS(fsys, "templates/"+name+".html"); err != nil {
			return nil, fmt.Errorf("web: parse %s: %w", name, err)
		}
		if t.Lookup("content") == nil {
			return nil, fmt.Errorf("web: template %s defines no content", name)
		}
		pages[name] = t
	}
	return pages, nil
}

// funcs are the template functions. They are pure: the page language is
// passed in, never captured.
var funcs = template.FuncMap{
	"t":        T,
	"withLang": withLang,
	"field":    newFormField,
	"boardForm": func(action string, it boardItem) boardItemForm {
		return boardItemForm{Action: action, Item: it}
	},
}

// boardItemForm is an item of the timetable board with where its move form posts.
type boardItemForm struct {
	Action string
	Item   boardItem
}

// formField is one labelled input of an edit form with its problem.
type formField struct {
	Name, Label, Value, Type, Error string
}

// newFormField is the template function field: lang, the form's problems
// by field name, then the field's name, value and input type (textarea for
// a text area).
func newFormField(lang string, errs map[string]string, name, value, typ string) formField {
	return formField{Name: name, Label: T(lang, "edit.field."+name), Value: value, Type: typ, Error: errs[name]}
}

// langValue carries the page language into a partial template with its value.
type langValue struct {
	Lang string
	V    any
}

func withLang(lang string, v any) langValue { return langValue{Lang: lang, V: v} }

// render executes a page into a pooled buffer and writes it only when the
// whole page rendered, so a template error yields an error page, never half
// a page.
func (s *site) render(w http.ResponseWriter, r *http.Request, status int, name string, data any) {
	buf := s.bufs.Get().(*bytes.Buffer)
	buf.Reset()
	defer func() {
		if buf.Cap() <= 1<<20 {
			s.bufs.Put(buf)
		}
	}()
	t := s.pages[name]
	var err error
	if t == nil {
		err = fmt.Errorf("no page template %q", name)
	} else {
		err = t.ExecuteTemplate(buf, "layout", data)
	}
	if err != nil {
		s.log.ErrorContext(r.Context(), "web: render", "page", name, "path", r.URL.Path, "err", err)
		if name != "error" {
			s.internalError(w, r, langOf(r))
			return
		}
		http.Error(w, "internal server error", http.StatusInternalServerError)
		return
	}
	writeHTML(w, r, status, buf.Bytes())
}

// writeHTML writes a whole rendered page. Pages may be revalidated by ETag
// but not reused unchecked: the program can change at any moment.
func writeHTML(w http.ResponseWriter, r *http.Request, status int, body []byte) {
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	if h.Get("Cache-Control") == "" {
		h.Set("Cache-Control", "no-cache")
	}
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(body)
	}
}

// langOf returns the page language of a request: the first path segment when
// it is zh or en, else zh.
func langOf(r *http.Request) string {
	if l := r.PathValue("lang"); l == program.LangEN || l == program.LangZH {
		return l
	}
	seg, _, _ := strings.Cut(strings.TrimPrefix(r.URL.Path, "/"), "/")
	if seg == program.LangEN {
		return program.LangEN
	}
	return program.LangZH
}

func validLang(l string) bool { return l == program.LangZH || l == program.LangEN }
