package web

import (
	"net/http"

	"convene/internal/program"
)

// editionsView is the list of editions.
type editionsView struct {
	Page
	Editions []editionItem
}

type editionItem struct {
	URL, Name, Dates, Theme, City string
}

// editions lists the editions, newest first, each linking to its home.
func (s *site) editions(w http.ResponseWriter, r *http.Request, lang string) {
	events, err := s.cat.Events(r.Context())
	if err != nil {
		s.fail(w, r, lang, nil, err)
		return
	}
	view := editionsView{Page: s.page(r, lang, T(lang, "editions.title"), "editions", nil)}
	for _, e := range events {
		l := links{lang: lang, event: e.Slug}
		view.Editions = append(view.Editions, editionItem{
			URL:   l.home(),
			Name:  e.Name.In(lang),
			Dates: fmtDateRange(lang, e.StartDate, e.EndDate),
			Theme: e.Theme.In(lang),
			City:  e.City.In(lang),
		})
	}
	if len(events) > 0 {
		// The header's search box searches the newest edition.
		view.SearchURL = links{lang: lang, event: events[0].Slug}.search()
	}
	s.render(w, r, http.StatusOK, "editions", view)
}

// homeView is an edition's home page.
type homeView struct {
	Page
	Name, Dates, Theme, City string
	Figures                  []figure
	Honours                  []figure
	Days                     []dayItem
	Sections                 []figure
	Themes                   []Link
	AgendaURL, BriefingURL   string
	LivestreamsURL           string
	Subscribe                subscribe
}

// figure is a number with its label and, when there is one, a page about it.
type figure struct {
	Value int
	Label string
	URL   string
}

type dayItem struct {
	URL, Label, ThemeDay string
	Activities           int
}

func (s *site) home(w http.ResponseWriter, r *http.Request, q req) {
	ed, lang := q.ed, q.lang
	st, _, err := s.cat.Stats(r.Context(), ed.Event.Slug)
	if err != nil {
		s.fail(w, r, lang, ed, err)
		return
	}
	view := homeView{
		Page:           s.page(r, lang, ed.Event.Name.In(lang), "home", ed),
		Name:           ed.Event.Name.In(lang),
		Dates:          fmtDateRange(lang, ed.Event.StartDate, ed.Event.EndDate),
		Theme:          ed.Event.Theme.In(lang),
		City:           ed.Event.City.In(lang),
		AgendaURL:      q.agenda(),
		BriefingURL:    q.page("briefing"),
		LivestreamsURL: q.page("livestreams"),
		Subscribe: subscribe{
			Label: T(lang, "feeds.edition"), Calendar: q.feed("calendar.ics"),
			ScheduleXML: q.feed("schedule.xml"), ScheduleJSON: q.feed("schedule.json"),
		},
	}
	view.Figures = []figure{
		{st.Activities, T(lang, "fig.activities"), q.agenda()},
		{st.ParallelForums, T(lang, "fig.parallel"), q.agenda("kind", string(program.KindParallelForum))},
		{st.NewParallelForums, T(lang, "fig.new"), q.page("briefing")},
		{st.Countries, T(lang, "fig.countries"), q.page("orgs")},
		{st.Speakers, T(lang, "fig.speakers"), q.page("people")},
		{st.Livestreams, T(lang, "fig.livestreams"), q.page("livestreams")},
		{st.Releases, T(lang, "fig.releases"), q.page("releases")},
	}
	for _, h := range program.Honours {
		if n := st.Honours[string(h)]; n > 0 {
			view.Honours = append(view.Honours, figure{Value: n, Label: enum(lang, "honour", h)})
		}
	}
	perDay := map[string]int{}
	for _, a := range ed.Activities {
		if a.Status != program.StatusCancelled {
			perDay[ed.Day(a)]++
		}
	}
	themeDay := map[string]string{}
	for _, td := range ed.ThemeDays {
		themeDay[td.Date] = td.Name.In(lang)
	}
	for _, d := range ed.Days() {
		view.Days = append(view.Days, dayItem{
			URL:        q.agenda("day", d),
			Label:      fmtDateWeekday(lang, d),
			ThemeDay:   themeDay[d],
			Activities: perDay[d],
		})
	}
	for _, sc := range st.BySection {
		view.Sections = append(view.Sections, figure{Value: sc.Activities, Label: sc.Name.In(lang), URL: q.agenda("section", sc.Section)})
	}
	for _, t := range ed.Themes {
		view.Themes = append(view.Themes, Link{URL: q.agenda("theme", t.Slug), Label: t.Name.In(lang)})
	}
	s.render(w, r, http.StatusOK, "home", view)
}
