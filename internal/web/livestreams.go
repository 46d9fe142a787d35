package web

import "net/http"

// livestreamsView is the livestream schedule: 开播时间 / title / link.
type livestreamsView struct {
	Page
	Rows []liveRow
}

type liveRow struct {
	Day, Time string
	Activity  Link
	StreamURL string
}

func (s *site) livestreams(w http.ResponseWriter, r *http.Request, q req) {
	ed, lang := q.ed, q.lang
	view := livestreamsView{Page: s.page(r, lang, T(lang, "live.title"), "livestreams", ed)}
	for _, a := range ed.Livestreams() {
		start := ed.Local(a.Livestream.StartsAt)
		view.Rows = append(view.Rows, liveRow{
			Day:       fmtDay(lang, start),
			Time:      fmtClock(start),
			Activity:  Link{URL: q.activity(a.Slug), Label: a.Title.In(lang)},
			StreamURL: externalURL(a.Livestream.URL),
		})
	}
	s.render(w, r, http.StatusOK, "livestreams", view)
}
