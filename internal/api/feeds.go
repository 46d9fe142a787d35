package api

import (
	"net/http"
	"regexp"
	"strconv"

	"convene/internal/export"
	"convene/internal/httpx"
	"convene/internal/program"
)

// The feeds: iCalendar for calendar apps and the frab/c3voc schedule for
// conference apps, rendered by internal/export.
//
// A feed is a function of the edition's snapshot (named by the catalogue's
// stamp), the language and the base URL of its links, so it is rendered once
// per program version and kept in the body cache under those, and its ETag
// is derived from the same key. Last-Modified is when the program last
// changed (program.Event.UpdatedAt).

const (
	calendarContentType = "text/calendar; charset=utf-8"
	xmlContentType      = "application/xml; charset=utf-8"
)

// feedLang reads ?lang= (zh, the default, or en).
func feedLang(r *http.Request) (string, error) {
	q, err := query(r)
	if err != nil {
		return "", err
	}
	switch lang := q.Get("lang"); lang {
	case "", program.LangZH:
		return program.LangZH, nil
	case program.LangEN:
		return program.LangEN, nil
	default:
		return "", program.Invalidf("lang", "lang must be zh or en, not %q", lang)
	}
}

// hostOK is what a Host header may be for links built from it: a name or
// an IP literal with an optional port. Anything else links to localhost.
var hostOK = regexp.MustCompile(`^([A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(:[0-9]{1,5})?$`)

// baseURL is where the feeds' links point: Config.BaseURL when set (a
// deployment behind a proxy sets it), else the scheme and host the request
// came in on.
func (s *server) baseURL(r *http.Request) string {
	if s.base != "" {
		return s.base
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	host := r.Host
	if !hostOK.MatchString(host) {
		host = "localhost"
	}
	return scheme + "://" + host
}

// feed is one rendering of one edition's feed.
type feed struct {
	name        string // key part and the handler's subject
	contentType string
	filename    string
	attachment  bool
	render      func(export.Options) ([]byte, error)
}

// serveFeed answers a feed request: 304 when the client's copy is current,
// else the body from the cache or rendered now and cached.
func (s *server) serveFeed(w http.ResponseWriter, r *http.Request, ed *program.Edition, f feed) error {
	lang, err := feedLang(r)
	if err != nil {
		return err
	}
	_, stamp, err := s.cat.Stamp(r.Context(), ed)
	if err != nil {
		return err
	}
	o := export.Options{Lang: lang, BaseURL: s.baseURL(r)}
	key := versionKey("feed", f.name, stamp, lang, o.BaseURL, r.URL.Path)
	if httpx.NotModifiedSince(w, r, httpx.ETag(key), ed.Event.UpdatedAt) {
		return nil
	}
	body, ok := s.bodies.Get(key)
	if !ok {
		body, err = f.render(o)
		if err != nil {
			return errInternal("render %s of %s: %w", f.name, ed.Event.Slug, err)
		}
		s.feedRenders.Add(1)
		s.bodies.Put(key, body)
	}
	h := w.Header()
	h.Set("Content-Type", f.contentType)
	disposition := "inline"
	if f.attachment {
		disposition = "attachment"
	}
	h.Set("Content-Disposition", disposition+`; filename="`+f.filename+`"`)
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		_, _ = w.Write(body)
	}
	return nil
}

func fileLang(r *http.Request) string {
	if lang, _ := feedLang(r); lang == program.LangEN {
		return program.LangEN
	}
	return program.LangZH
}

func pure(f func(export.Options) []byte) func(export.Options) ([]byte, error) {
	return func(o export.Options) ([]byte, error) { return f(o), nil }
}

// GET /api/v1/events/{event}/calendar.ics?lang=
func (s *server) eventCalendar(w http.ResponseWriter, r *http.Request) error {
	ed, err := s.edition(r)
	if err != nil {
		return err
	}
	return s.serveFeed(w, r, ed, feed{
		name: "calendar", contentType: calendarContentType, attachment: true,
		filename: export.Filename(ed, "", fileLang(r), "ics"),
		render:   pure(func(o export.Options) []byte { return export.Calendar(ed, o) }),
	})
}

// GET /api/v1/events/{event}/activities/{activity}/calendar.ics?lang=
func (s *server) activityCalendar(w http.ResponseWriter, r *http.Request) error {
	ed, a, err := s.editionActivity(r)
	if err != nil {
		return err
	}
	return s.serveFeed(w, r, ed, feed{
		name: "activity-calendar", contentType: calendarContentType, attachment: true,
		filename: export.Filename(ed, a.Slug, fileLang(r), "ics"),
		render:   pure(func(o export.Options) []byte { return export.ActivityCalendar(ed, a, o) }),
	})
}

// GET /api/v1/events/{event}/people/{person}/calendar.ics?lang=
func (s *server) personCalendar(w http.ResponseWriter, r *http.Request) error {
	ed, p, err := s.editionPerson(r)
	if err != nil {
		return err
	}
	return s.serveFeed(w, r, ed, feed{
		name: "person-calendar", contentType: calendarContentType, attachment: true,
		filename: export.Filename(ed, p.Slug, fileLang(r), "ics"),
		render:   pure(func(o export.Options) []byte { return export.PersonCalendar(ed, p, o) }),
	})
}

// GET /api/v1/events/{event}/schedule.xml?lang=
func (s *server) scheduleXML(w http.ResponseWriter, r *http.Request) error {
	ed, err := s.edition(r)
	if err != nil {
		return err
	}
	return s.serveFeed(w, r, ed, feed{
		name: "schedule.xml", contentType: xmlContentType,
		filename: export.Filename(ed, "schedule", fileLang(r), "xml"),
		render:   func(o export.Options) ([]byte, error) { return export.ScheduleXML(ed, o) },
	})
}

// GET /api/v1/events/{event}/schedule.json?lang=
func (s *server) scheduleJSON(w http.ResponseWriter, r *http.Request) error {
	ed, err := s.edition(r)
	if err != nil {
		return err
	}
	return s.serveFeed(w, r, ed, feed{
		name: "schedule.json", contentType: jsonContentType,
		filename: export.Filename(ed, "schedule", fileLang(r), "json"),
		render:   func(o export.Options) ([]byte, error) { return export.ScheduleJSON(ed, o) },
	})
}
