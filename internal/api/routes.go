// Package api is the read-side JSON REST API (v1) of the program: editions,
// activities, people, organisations, releases, livestreams, search and the
// press figures, plus the OpenAPI document that describes them.
package api

import (
	"convene/internal/accounts"
	"convene/internal/editing"
	"convene/internal/httpx"
	"log/slog"
	"net/http"
	"strings"
	"sync/atomic"

	"convene/internal/fair"
	"convene/internal/program"
	"convene/internal/registration"
)

// Config is what the API needs.
type Config struct {
	Catalog *program.Catalog
	Logger  *slog.Logger // nil discards
	// Registration serves attendees, sign-ups and check-in; nil leaves those
	// endpoints answering 500 (tests of the program alone).
	Registration *registration.Service
	// Editing serves the working copy and its changes; Publisher publishes
	// it and lists the versions. nil leaves those endpoints answering 500.
	Editing   *editing.Service
	Publisher editing.Publisher
	// Accounts lets the API tokens of users (convene token create --user)
	// act as staff; nil accepts only staff tokens.
	Accounts *accounts.Service
	// Audit reads the audit log for GET …/audit; nil answers 500 there.
	Audit AuditLog
	// Fair serves the matchmaking fairs and their figures in the stats; nil
	// answers 500 on the fair's endpoints and leaves the figures out.
	Fair FairStore
	// Fairs is the fairs' snapshots and suggestion indexes over Fair; give
	// the site's and the API's the same one so they are held once (nil
	// makes one).
	Fairs *fair.Service
	// Scheduler runs the timetable scheduler for POST …/schedule; nil
	// answers 500 there.
	Scheduler Scheduler
	// BaseURL is the scheme and host of the public site that the feeds'
	// links point at (https://forum.example); empty means the scheme and
	// host of each request.
	BaseURL string
}

type server struct {
	cat       *program.Catalog
	reg       *registration.Service
	accounts  *accounts.Service
	audit     AuditLog
	editing   *editing.Service
	publisher editing.Publisher
	fair      FairStore
	fairs     *fair.Service // nil without a fair store
	scheduler Scheduler
	log       *slog.Logger
	base      string
	bodies    *httpx.BodyCache // rendered activity lists and feeds

	// feedRenders counts feed renderings. Nothing reads it but the tests,
	// which prove with it that a program version is rendered once however
	// many requests ask (a cache hit is otherwise invisible from outside).
	feedRenders atomic.Int64
}

// bodyCacheBytes bounds the cache of rendered activity lists; the whole
// program of the sample edition is about 280 kB.
const bodyCacheBytes = 16 << 20

type handlerFunc func(s *server, w http.ResponseWriter, r *http.Request) error

// route is one endpoint. The same table registers the handlers (New) and is
// checked against the OpenAPI document (openapi_test.go); path is both the
// ServeMux pattern and the OpenAPI path template.
type route struct {
	method  string
	path    string
	handler handlerFunc
}

// routes reads as the map of the API.
func routes() []route {
	return []route{
		{http.MethodGet, "/api/openapi.json", (*server).openAPI},
		{http.MethodGet, "/api/v1/events", (*server).listEvents},
		{http.MethodGet, "/api/v1/events/{event}", (*server).getEvent},
		{http.MethodGet, "/api/v1/events/{event}/stats", (*server).getStats},
		{http.MethodGet, "/api/v1/events/{event}/activities", (*server).listActivities},
		{http.MethodGet, "/api/v1/events/{event}/activities/{activity}", (*server).getActivity},
		{http.MethodGet, "/api/v1/events/{event}/activities/{activity}/calendar.ics", (*server).activityCalendar},
		{http.MethodGet, "/api/v1/events/{event}/people", (*server).listPeople},
		{http.MethodGet, "/api/v1/events/{event}/people/{person}", (*server).getPerson},
		{http.MethodGet, "/api/v1/events/{event}/people/{person}/calendar.ics", (*server).personCalendar},
		{http.MethodGet, "/api/v1/events/{event}/organisations", (*server).listOrganisations},
		{http.MethodGet, "/api/v1/events/{event}/organisations/{org}", (*server).getOrganisation},
		{http.MethodGet, "/api/v1/events/{event}/releases", (*server).listReleases},
		{http.MethodGet, "/api/v1/events/{event}/press/releases", (*server).listPressReleases},
		{http.MethodGet, "/api/v1/events/{event}/livestreams", (*server).listLivestreams},
		{http.MethodGet, "/api/v1/events/{event}/conflicts", (*server).listConflicts},
		{http.MethodGet, "/api/v1/events/{event}/calendar.ics", (*server).eventCalendar},
		{http.MethodGet, "/api/v1/events/{event}/schedule.xml", (*server).scheduleXML},
		{http.MethodGet, "/api/v1/events/{event}/schedule.json", (*server).scheduleJSON},
		{http.MethodGet, "/api/v1/search", (*server).search},

		{http.MethodPost, "/api/v1/events/{event}/attendees", (*server).createAttendee},
		{http.MethodGet, "/api/v1/events/{event}/attendees/me", (*server).getMe},
		{http.MethodPost, "/api/v1/events/{event}/attendees/me/ticket", (*server).reissueTicket},
		{http.MethodGet, "/api/v1/events/{event}/attendees/me/ticket.svg", (*server).ticketSVG},
		{http.MethodGet, "/api/v1/events/{event}/attendees/me/ticket.png", (*server).ticketPNG},
		{http.MethodPost, "/api/v1/events/{event}/attendees/{attendee}/revoke", (*server).revokeTicket},
		{http.MethodPost, "/api/v1/events/{event}/activities/{activity}/signups", (*server).signUp},
		{http.MethodDelete, "/api/v1/events/{event}/activities/{activity}/signups/me", (*server).cancelSignup},
		{http.MethodGet, "/api/v1/events/{event}/agenda/{key}/calendar.ics", (*server).agendaCalendar},
		{http.MethodPost, "/api/v1/events/{event}/checkins", (*server).checkIn},
		{http.MethodGet, "/api/v1/events/{event}/seats", (*server).listSeats},
		{http.MethodGet, "/api/v1/events/{event}/audit", (*server).listAudit},
		{http.MethodGet, "/api/v1/events/{event}/activities/{activity}/draft", (*server).getActivityDraft},
		{http.MethodPatch, "/api/v1/events/{event}/activities/{activity}", (*server).patchActivity},
		{http.MethodPost, "/api/v1/events/{event}/publish", (*server).publish},
		{http.MethodGet, "/api/v1/events/{event}/versions", (*server).listVersions},
		{http.MethodPost, "/api/v1/events/{event}/schedule", (*server).runSchedule},
		{http.MethodGet, "/api/v1/events/{event}/exports/registrations.csv", (*server).exportRegistrationsCSV},
		{http.MethodGet, "/api/v1/events/{event}/exports/registrations.xlsx", (*server).exportRegistrationsXLSX},

		{http.MethodGet, "/api/v1/events/{event}/activities/{activity}/fair", (*server).getFair},
		{http.MethodGet, "/api/v1/events/{event}/activities/{activity}/fair/achievements", (*server).listAchievements},
		{http.MethodPost, "/api/v1/events/{event}/activities/{activity}/fair/achievements", (*server).addAchievement},
		{http.MethodGet, "/api/v1/events/{event}/activities/{activity}/fair/achievements/{item}/suggestions", (*server).achievementSuggestions},
		{http.MethodGet, "/api/v1/events/{event}/activities/{activity}/fair/needs", (*server).listNeeds},
		{http.MethodPost, "/api/v1/events/{event}/activities/{activity}/fair/needs", (*server).addNeed},
		{http.MethodGet, "/api/v1/events/{event}/activities/{activity}/fair/needs/{item}/suggestions", (*server).needSuggestions},
		{http.MethodPost, "/api/v1/events/{event}/activities/{activity}/fair/participants", (*server).joinFair},
		{http.MethodGet, "/api/v1/events/{event}/activities/{activity}/fair/me", (*server).getMyFair},
		{http.MethodPut, "/api/v1/events/{event}/activities/{activity}/fair/me", (*server).editParticipation},
		{http.MethodDelete, "/api/v1/events/{event}/activities/{activity}/fair/me", (*server).withdrawFromFair},
		{http.MethodPut, "/api/v1/events/{event}/activities/{activity}/fair/achievements/{item}", (*server).editAchievement},
		{http.MethodDelete, "/api/v1/events/{event}/activities/{activity}/fair/achievements/{item}", (*server).withdrawAchievement},
		{http.MethodPut, "/api/v1/events/{event}/activities/{activity}/fair/needs/{item}", (*server).editNeed},
		{http.MethodDelete, "/api/v1/events/{event}/activities/{activity}/fair/needs/{item}", (*server).withdrawNeed},
		{http.MethodGet, "/api/v1/events/{event}/activities/{activity}/fair/agenda/{key}/calendar.ics", (*server).fairCalendar},
		{http.MethodPost, "/api/v1/events/{event}/activities/{activity}/fair/requests", (*server).requestMeeting},
		{http.MethodPost, "/api/v1/events/{event}/activities/{activity}/fair/requests/{meeting}/answer", (*server).answerMeeting},
		{http.MethodGet, "/api/v1/events/{event}/activities/{activity}/fair/meetings", (*server).listFairMeetings},
		{http.MethodPost, "/api/v1/events/{event}/activities/{activity}/fair/meetings", (*server).addFairMeeting},
		{http.MethodDelete, "/api/v1/events/{event}/activities/{activity}/fair/meetings/{meeting}", (*server).removeFairMeeting},
		{http.MethodPut, "/api/v1/events/{event}/activities/{activity}/fair/meetings/{meeting}/fixed-slot", (*server).fixFairMeeting},
		{http.MethodPut, "/api/v1/events/{event}/activities/{activity}/fair/meetings/{meeting}/outcome", (*server).setOutcome},
		{http.MethodPost, "/api/v1/events/{event}/activities/{activity}/fair/schedule", (*server).scheduleFair},
		{http.MethodPost, "/api/v1/events/{event}/activities/{activity}/fair/publish", (*server).publishFair},
	}
}

// New returns the API handler. It expects full request paths starting with
// /api/; any other /api path answers a JSON 404, and a known path requested
// with another method a JSON 405.
func New(cfg Config) http.Handler { return newHandler(cfg, bodyCacheBytes) }

// newHandler is New with the size of the body cache (0 disables it; the
// benchmark measures rendering that way).
func newHandler(cfg Config, cacheBytes int) http.Handler { return newServer(cfg, cacheBytes).handler() }

func newServer(cfg Config, cacheBytes int) *server {
	if cfg.Catalog == nil {
		panic("api.New: Config.Catalog is nil")
	}
	s := &server{cat: cfg.Catalog, reg: cfg.Registration, accounts: cfg.Accounts, audit: cfg.Audit, editing: cfg.Editing, publisher: cfg.Publisher,
		fair: cfg.Fair, scheduler: cfg.Scheduler, log: cfg.Logger, base: strings.TrimRight(cfg.BaseURL, "/"), bodies: httpx.NewBodyCache(cacheBytes)}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	if s.fairs = cfg.Fairs; s.fairs == nil && cfg.Fair != nil {
		s.fairs = fair.NewService(cfg.Fair)
	}
	return s
}

func (s *server) handler() http.Handler {
	mux := http.NewServeMux()
	allow := map[string][]string{}
	var paths []string
	for _, rt := range routes() {
		mux.Handle(rt.method+" "+rt.path, s.handle(rt.handler))
		if _, seen := allow[rt.path]; !seen {
			paths = append(paths, rt.path)
		}
		allow[rt.path] = append(allow[rt.path], rt.method)
		if rt.method == http.MethodGet {
			allow[rt.path] = append(allow[rt.path], http.MethodHead)
		}
	}
	// The same paths without a method catch every other method: a JSON 405
	// instead of ServeMux's plain-text one.
	for _, p := range paths {
		mux.Handle(p, methodNotAllowed(strings.Join(allow[p], ", ")))
	}
	mux.HandleFunc("/api/", notFound)
	return mux
}

func (s *server) handle(h handlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer s.recoverPanic(w, r)
		if err := h(s, w, r); err != nil {
			s.fail(w, r, err)
		}
	})
}

// edition resolves the {event} path parameter.
func (s *server) edition(r *http.Request) (*program.Edition, error) {
	slug, err := pathParam(r, "event")
	if err != nil {
		return nil, err
	}
	return s.cat.Edition(r.Context(), slug)
}

// editionActivity resolves the {event} and {activity} path parameters.
func (s *server) editionActivity(r *http.Request) (*program.Edition, *program.Activity, error) {
	ed, err := s.edition(r)
	if err != nil {
		return nil, nil, err
	}
	a, err := activityOf(r, ed)
	return ed, a, err
}

// editionPerson resolves the {event} and {person} path parameters.
func (s *server) editionPerson(r *http.Request) (*program.Edition, *program.Person, error) {
	ed, err := s.edition(r)
	if err != nil {
		return nil, nil, err
	}
	slug, err := pathParam(r, "person")
	if err != nil {
		return nil, nil, err
	}
	p, ok := ed.Person(slug)
	if !ok {
		return nil, nil, errNotFound("person", "no person %q in %s", slug, ed.Event.Slug)
	}
	return ed, p, nil
}

// activityOf resolves the {activity} path parameter in ed.
func activityOf(r *http.Request, ed *program.Edition) (*program.Activity, error) {
	slug, err := pathParam(r, "activity")
	if err != nil {
		return nil, err
	}
	a, ok := ed.Activity(slug)
	if !ok {
		return nil, errNotFound("activity", "no activity %q in %s", slug, ed.Event.Slug)
	}
	return a, nil
}
