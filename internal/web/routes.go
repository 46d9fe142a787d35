package web

import (
	"net/http"

	"convene/internal/httpx"

	"convene/internal/program"
	"convene/internal/spreadsheet"
)

// routes is the site map. {lang} is zh or en; anything else is a 404 page.
func (s *site) routes() http.Handler {
	mux := http.NewServeMux()

	mux.HandleFunc("GET /{$}", s.root)                          // → /zh/
	mux.HandleFunc("GET /static/site.css", s.stylesheet)        // ?v=<hash>, cached for a year
	mux.HandleFunc("GET /{lang}", s.addSlash)                   // → /{lang}/
	mux.HandleFunc("GET /{lang}/{$}", s.inLangUser(s.editions)) // the editions, newest first; not cached
	mux.HandleFunc("GET /{lang}/{event}", s.addSlash)           // → /{lang}/{event}/

	// Accounts: sign-in for the secretariat, editors, staff and press; not
	// per edition. Never cached.
	if s.acc != nil {
		mux.HandleFunc("GET /{lang}/login", s.inLangUser(s.loginForm))
		mux.HandleFunc("POST /{lang}/login", s.inLang(s.login))
		mux.HandleFunc("POST /{lang}/logout", s.inLang(s.logout))
		mux.HandleFunc("GET /{lang}/{event}/press/releases", s.live(s.pressReleases))
		mux.HandleFunc("GET /{lang}/reset", s.inLang(s.resetForm))
		mux.HandleFunc("POST /{lang}/reset", s.inLang(s.requestReset))
		mux.HandleFunc("GET /{lang}/password", s.inLang(s.newPasswordForm)) // ?token= from the mailed link
		mux.HandleFunc("POST /{lang}/password", s.inLang(s.setPassword))
	}

	// One edition.
	mux.HandleFunc("GET /{lang}/{event}/{$}", s.inEdition(s.home))
	mux.HandleFunc("GET /{lang}/{event}/agenda", s.inEdition(s.agenda))
	mux.HandleFunc("GET /{lang}/{event}/activities/{activity}", s.inEdition(s.activity))
	mux.HandleFunc("GET /{lang}/{event}/people", s.inEdition(s.people))
	mux.HandleFunc("GET /{lang}/{event}/people/{person}", s.inEdition(s.person))
	mux.HandleFunc("GET /{lang}/{event}/orgs", s.inEdition(s.orgs))
	mux.HandleFunc("GET /{lang}/{event}/orgs/{org}", s.inEdition(s.org))
	mux.HandleFunc("GET /{lang}/{event}/livestreams", s.inEdition(s.livestreams))
	mux.HandleFunc("GET /{lang}/{event}/releases", s.inEdition(s.releases))
	mux.HandleFunc("GET /{lang}/{event}/briefing", s.inEdition(s.briefing))
	mux.HandleFunc("GET /{lang}/{event}/search", s.inEdition(s.search))

	// Registration, tickets and check-in: pages about one person, never
	// cached (see live).
	if s.reg != nil {
		mux.HandleFunc("GET /{lang}/{event}/register", s.live(s.registerForm))
		mux.HandleFunc("POST /{lang}/{event}/register", s.live(s.register))
		mux.HandleFunc("GET /{lang}/{event}/access/{token}", s.live(s.access)) // the personal access link
		mux.HandleFunc("GET /{lang}/{event}/me", s.live(s.me))
		mux.HandleFunc("GET /{lang}/{event}/me/ticket", s.live(s.ticket)) // printable
		mux.HandleFunc("GET /{lang}/{event}/me/ticket.png", s.live(s.ticketPNG))
		mux.HandleFunc("GET /{lang}/{event}/me/ticket.svg", s.live(s.ticketSVG))
		mux.HandleFunc("POST /{lang}/{event}/me/ticket/reissue", s.live(s.reissue))
		mux.HandleFunc("POST /{lang}/{event}/activities/{activity}/signup", s.live(s.signUp))
		mux.HandleFunc("POST /{lang}/{event}/activities/{activity}/cancel", s.live(s.cancel))

		// Gate staff and the secretariat, signed in with a staff token.
		mux.HandleFunc("GET /{lang}/{event}/checkin", s.live(s.checkinForm))
		mux.HandleFunc("POST /{lang}/{event}/checkin", s.live(s.checkIn))
		mux.HandleFunc("POST /{lang}/{event}/checkin/signin", s.live(s.staffSignIn))
		mux.HandleFunc("POST /{lang}/{event}/checkin/signout", s.live(s.staffSignOut))
		mux.HandleFunc("GET /{lang}/{event}/admin/seats", s.live(s.adminSeats))
		mux.HandleFunc("GET /{lang}/{event}/admin/registrations.csv", s.live(s.export(spreadsheet.FormatCSV)))
		mux.HandleFunc("GET /{lang}/{event}/admin/registrations.xlsx", s.live(s.export(spreadsheet.FormatXLSX)))
	}
	if s.reg != nil && s.audit != nil {
		mux.HandleFunc("GET /{lang}/{event}/admin/audit", s.live(s.adminAudit))
	}
	if s.reg != nil && s.fair != nil {
		mux.HandleFunc("GET /{lang}/{event}/fair/{activity}", s.live(s.fairPage)) // the participant's page, printable
		mux.HandleFunc("GET /{lang}/{event}/fair/{activity}/calendar.ics", s.live(s.fairCalendar))
		mux.HandleFunc("POST /{lang}/{event}/fair/{activity}/requests", s.live(s.fairRequest))
		mux.HandleFunc("POST /{lang}/{event}/fair/{activity}/requests/{meeting}", s.live(s.fairAnswer))
		mux.HandleFunc("GET /{lang}/{event}/admin/fair/{activity}", s.live(s.fairAdmin))
		mux.HandleFunc("POST /{lang}/{event}/admin/fair/{activity}/schedule", s.live(s.fairSchedule))
		mux.HandleFunc("POST /{lang}/{event}/admin/fair/{activity}/publish", s.live(s.fairPublish))
		mux.HandleFunc("POST /{lang}/{event}/fair/{activity}/join", s.live(s.fairJoin))
		mux.HandleFunc("POST /{lang}/{event}/fair/{activity}/achievements", s.live(s.fairAddAchievement))
		mux.HandleFunc("POST /{lang}/{event}/fair/{activity}/needs", s.live(s.fairAddNeed))
		mux.HandleFunc("GET /{lang}/{event}/fair/{activity}/participation", s.live(s.fairParticipationPage))
		mux.HandleFunc("POST /{lang}/{event}/fair/{activity}/participation", s.live(s.fairEditParticipation))
		mux.HandleFunc("POST /{lang}/{event}/fair/{activity}/withdraw", s.live(s.fairWithdraw))
		mux.HandleFunc("GET /{lang}/{event}/fair/{activity}/achievements/{item}", s.live(s.fairAchievementPage))
		mux.HandleFunc("POST /{lang}/{event}/fair/{activity}/achievements/{item}", s.live(s.fairEditAchievement))
		mux.HandleFunc("POST /{lang}/{event}/fair/{activity}/achievements/{item}/withdraw", s.live(s.fairWithdrawItem(false)))
		mux.HandleFunc("GET /{lang}/{event}/fair/{activity}/needs/{item}", s.live(s.fairNeedPage))
		mux.HandleFunc("POST /{lang}/{event}/fair/{activity}/needs/{item}", s.live(s.fairEditNeed))
		mux.HandleFunc("POST /{lang}/{event}/fair/{activity}/needs/{item}/withdraw", s.live(s.fairWithdrawItem(true)))
		mux.HandleFunc("POST /{lang}/{event}/admin/fair/{activity}/meetings", s.live(s.fairAddMeeting))
		mux.HandleFunc("GET /{lang}/{event}/admin/fair/{activity}/meetings/{meeting}", s.live(s.fairMeeting))
		mux.HandleFunc("POST /{lang}/{event}/admin/fair/{activity}/meetings/{meeting}/fix", s.live(s.fairMeetingAction("fix")))
		mux.HandleFunc("POST /{lang}/{event}/admin/fair/{activity}/meetings/{meeting}/remove", s.live(s.fairMeetingAction("remove")))
		mux.HandleFunc("POST /{lang}/{event}/admin/fair/{activity}/meetings/{meeting}/outcome", s.live(s.fairMeetingAction("outcome")))
	}
	if s.reg != nil && s.files != nil {
		// The secretariat's program file: download, template, upload.
		mux.HandleFunc("GET /{lang}/{event}/admin/program", s.live(s.adminProgram))
		mux.HandleFunc("POST /{lang}/{event}/admin/program", s.live(s.uploadProgram))
		mux.HandleFunc("GET /{lang}/{event}/admin/program.xlsx", s.live(s.programDownload(spreadsheet.FormatXLSX, false)))
		mux.HandleFunc("GET /{lang}/{event}/admin/program.csv", s.live(s.programDownload(spreadsheet.FormatCSV, false)))
		mux.HandleFunc("GET /{lang}/{event}/admin/program-template.xlsx", s.live(s.programDownload(spreadsheet.FormatXLSX, true)))
		mux.HandleFunc("GET /{lang}/{event}/admin/program-template.csv", s.live(s.programDownload(spreadsheet.FormatCSV, true)))
	}

	if s.reg != nil && s.editing != nil && s.publisher != nil {
		// Editing the working copy and publishing it.
		mux.HandleFunc("GET /{lang}/{event}/admin/{$}", s.live(s.adminHome))
		mux.HandleFunc("GET /{lang}/{event}/admin/activities", s.live(s.adminActivities))
		mux.HandleFunc("GET /{lang}/{event}/admin/activities/{activity}", s.live(s.editActivityForm))
		mux.HandleFunc("POST /{lang}/{event}/admin/activities/{activity}", s.live(s.editActivity))
		mux.HandleFunc("GET /{lang}/{event}/admin/livestreams", s.live(s.adminLivestreams))
		mux.HandleFunc("GET /{lang}/{event}/admin/{kind}", s.live(s.adminItems)) // people, orgs, rooms, releases
		mux.HandleFunc("GET /{lang}/{event}/admin/{kind}/{slug}", s.live(s.editItemForm))
		mux.HandleFunc("POST /{lang}/{event}/admin/{kind}/{slug}", s.live(s.editItem))
		mux.HandleFunc("GET /{lang}/{event}/admin/timetable", s.live(s.board))
		mux.HandleFunc("POST /{lang}/{event}/admin/timetable/move", s.live(s.moveItem))
		if s.scheduler != nil {
			mux.HandleFunc("GET /{lang}/{event}/admin/timetable/schedule", s.live(s.schedulerPage))
			mux.HandleFunc("POST /{lang}/{event}/admin/timetable/schedule", s.live(s.startScheduler))
		}
		mux.HandleFunc("GET /{lang}/{event}/admin/publish", s.live(s.publishForm))
		mux.HandleFunc("POST /{lang}/{event}/admin/publish", s.live(s.publish))
	}
	mux.HandleFunc("GET /{lang}/{event}/changelog", s.inEdition(s.changelog))
	mux.HandleFunc("GET /{lang}/{event}/changelog.atom", s.live(s.changelogFeed)) // not in the page cache, which keeps HTML only

	// Everything else: a 404 page in the language of the path.
	mux.HandleFunc("/", s.notFound)
	return mux
}

// req is what an edition page handler gets: the page language, the edition
// snapshot, the edition it compares with (nil when none) and its link builder.
type req struct {
	lang string
	ed   *program.Edition
	prev *program.Edition
	links
}

func (s *site) root(w http.ResponseWriter, r *http.Request) {
	http.Redirect(w, r, "/"+program.LangZH+"/", http.StatusFound)
}

func (s *site) addSlash(w http.ResponseWriter, r *http.Request) {
	if !validLang(r.PathValue("lang")) {
		s.notFound(w, r)
		return
	}
	u := r.URL.EscapedPath() + "/"
	if r.URL.RawQuery != "" {
		u += "?" + r.URL.RawQuery
	}
	http.Redirect(w, r, u, http.StatusMovedPermanently)
}

// inLang checks the language of a page outside any edition.
func (s *site) inLang(h func(http.ResponseWriter, *http.Request, string)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		lang := r.PathValue("lang")
		if !validLang(lang) {
			s.notFound(w, r)
			return
		}
		h(w, r, lang)
	}
}

// inEdition checks the language, loads the edition's snapshot and runs the
// page handler. A page is a function of its URL and the catalogue's stamp of
// the edition, so a rendered page is kept under that key and served again
// until the stamp changes; the same key gives the ETag for revalidation.
func (s *site) inEdition(h func(http.ResponseWriter, *http.Request, req)) http.HandlerFunc {
	return s.inLang(func(w http.ResponseWriter, r *http.Request, lang string) {
		ed, ok := s.loadEdition(w, r, lang)
		if !ok {
			return
		}
		prev, stamp, err := s.cat.Stamp(r.Context(), ed)
		if err != nil {
			s.fail(w, r, lang, ed, err)
			return
		}
		key := r.URL.Path + "?" + r.URL.RawQuery + "\x00" + stamp
		if httpx.NotModified(w, r, httpx.ETag(key)) {
			return
		}
		if body, ok := s.cache.Get(key); ok {
			writeHTML(w, r, http.StatusOK, body)
			return
		}
		cw := &capture{ResponseWriter: w, keep: r.Method == http.MethodGet}
		h(cw, r, req{lang: lang, ed: ed, prev: prev, links: links{lang: lang, event: ed.Event.Slug}})
		if cw.keep && cw.status == http.StatusOK {
			s.cache.Put(key, cw.body)
		}
	})
}

// live is inEdition for pages about one person or live figures: the same
// language and edition checks, but nothing is kept in the page cache and
// browsers and proxies are told to store nothing either.
func (s *site) live(h func(http.ResponseWriter, *http.Request, req)) http.HandlerFunc {
	return s.inLang(func(w http.ResponseWriter, r *http.Request, lang string) {
		w.Header().Set("Cache-Control", "private, no-store")
		// The signed-in user, for the header and the staff pages: live
		// pages are never cached, so they may show it.
		r, err := s.withUser(w, r)
		if err != nil {
			s.fail(w, r, lang, nil, err)
			return
		}
		ed, ok := s.loadEdition(w, r, lang)
		if !ok {
			return
		}
		h(w, r, req{lang: lang, ed: ed, links: links{lang: lang, event: ed.Event.Slug}})
	})
}

// loadEdition is the snapshot of the request's {event}; when there is none
// it has answered with the error page.
func (s *site) loadEdition(w http.ResponseWriter, r *http.Request, lang string) (*program.Edition, bool) {
	ed, err := s.cat.Edition(r.Context(), r.PathValue("event"))
	if err != nil {
		s.fail(w, r, lang, nil, err)
		return nil, false
	}
	return ed, true
}

// capture passes a response through and keeps a copy of its body.
type capture struct {
	http.ResponseWriter
	keep   bool
	status int
	body   []byte
}

func (c *capture) WriteHeader(status int) {
	c.status = status
	if status != http.StatusOK {
		c.Header().Del("ETag") // only the page itself is tagged, not an error about it
	}
	c.ResponseWriter.WriteHeader(status)
}

func (c *capture) Write(b []byte) (int, error) {
	if c.status == 0 {
		c.status = http.StatusOK
	}
	if c.keep {
		c.body = append(c.body, b...)
	}
	return c.ResponseWriter.Write(b)
}

func (s *site) stylesheet(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Type", "text/css; charset=utf-8")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("ETag", `"`+s.cssVer+`"`)
	if r.URL.Query().Get("v") == s.cssVer {
		h.Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		h.Set("Cache-Control", "public, max-age=300")
	}
	if r.Header.Get("If-None-Match") == `"`+s.cssVer+`"` {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	if r.Method == http.MethodHead {
		return
	}
	w.Write(s.css)
}
