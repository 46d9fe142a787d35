// Package timetable places activities into rooms and blocks of time: a reader
// for the CoSPLib conference-scheduling instances, an exact scorer that
// reproduces the published checker, and an anytime local-search solver
// (late-acceptance hill climbing with delta evaluation), deterministic for a
// seed. It has no HTTP, SQL or file-system dependencies beyond reading an
// instance directory.
package timetable

import (
	"encoding/csv"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// Criterion indexes the 16 weighted criteria of a CoSPLib instance, in the
// order of the weights in the `parameters` sheet.
type Criterion int

const (
	TracksSessions Criterion = iota
	TracksRooms
	SessionsRooms
	SimilarTracks
	RoomsPerTrack
	ParallelTracks
	ConsecutiveTracks
	SubmissionsTimezones
	SubmissionsOrder
	SubmissionsSessions
	SubmissionsRooms
	PresentersConflicts
	AttendeesConflicts
	ChairsConflicts
	PresentersConflictsSlot
	AttendeesConflictsSlot
	NumCriteria
)

// criterionLabels are the labels of the weights in the parameters sheet.
var criterionLabels = [NumCriteria]string{
	"Tracks_Sessions|Penalty", "Tracks_Rooms|Penalty", "Sessions_Rooms|Penalty",
	"Similar Tracks", "Number of Rooms per Track", "Parallel Tracks", "Consecutive Tracks",
	"Submissions_Timezones", "Submissions Order", "Submissions_Sessions|Penalty",
	"Submissions_Rooms|Penalty", "Presenters Conflicts", "Attendees Conflicts", "Chairs Conflicts",
	"Presenters Conflicts Timeslot Level", "Attendees Conflicts Timeslot Level",
}

// criterionKeys are short stable names used in breakdowns (JSON keys).
var criterionKeys = [NumCriteria]string{
	"tracks_sessions", "tracks_rooms", "sessions_rooms", "similar_tracks", "rooms_per_track",
	"parallel_tracks", "consecutive_tracks", "submissions_timezones", "submissions_order",
	"submissions_sessions", "submissions_rooms", "presenters_conflicts", "attendees_conflicts",
	"chairs_conflicts", "presenters_conflicts_timeslot", "attendees_conflicts_timeslot",
}

// Key is the short name of a criterion.
func (c Criterion) Key() string { return criterionKeys[c] }

// Submission is one talk: it needs Slots consecutive time slots in one room.
type Submission struct {
	Ref        string
	Track      int
	Slots      int
	Order      int // position within the track, 0 = any
	TZOffset   int // minutes east of UTC
	Presenters []string
	Attendees  []string
}

// Session is a block of time with MaxSlots time slots in every room.
type Session struct {
	Name     string
	MaxSlots int
	Date     int // Excel serial day
	Start    int // minutes after midnight, local time
	End      int
}

// Track groups submissions; all submissions in one (session, room) belong to one track.
type Track struct {
	Name   string
	Chairs []string
	Subs   []int // submissions in sheet order
}

// Instance is one CoSPLib problem.
type Instance struct {
	Name        string
	Submissions []Submission
	Tracks      []Track
	Sessions    []Session
	Rooms       []string

	TrackSession [][]int64 // [track][session]
	TrackRoom    [][]int64 // [track][room]
	SessionRoom  [][]int64 // [session][room]
	Similar      [][]int64 // [track][track], symmetric as the checker reads it
	SubSession   [][]int64 // [sub][session]
	SubRoom      [][]int64 // [sub][room]
	SubTimezone  [][]int64 // [sub][session]: 0, small or big penalty

	Weights [NumCriteria]int64

	LocalTZ                          int // minutes east of UTC
	SuitableFrom, SuitableTo         int // minutes after midnight
	LessSuitableFrom, LessSuitableTo int
	SmallTZPenalty, BigTZPenalty     int64

	// Derived conflict lists (symmetric, sorted, without self).
	PresenterConflicts [][]int // sub -> subs sharing a presenter, or whose track a presenter of it chairs
	AttendeeConflicts  [][]int // sub -> subs an attendee of it attends, presents, or chairs (another track)
	ChairConflicts     [][]int // track -> tracks sharing a chair

	subIndex   map[string]int
	trackIndex map[string]int
}

// SubIndex returns the index of a submission by reference (blanks trimmed).
func (in *Instance) SubIndex(ref string) (int, bool) {
	i, ok := in.subIndex[strings.TrimSpace(ref)]
	return i, ok
}

// TrackIndex returns the index of a track by name.
func (in *Instance) TrackIndex(name string) (int, bool) {
	i, ok := in.trackIndex[strings.TrimSpace(name)]
	return i, ok
}

// RequiredSlots is the sum of the slots all submissions need.
func (in *Instance) RequiredSlots() int {
	n := 0
	for _, s := range in.Submissions {
		n += s.Slots
	}
	return n
}

func readCSV(path string) ([][]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return recs, nil
}

func cell(rec []string, i int) string {
	if i < len(rec) {
		return strings.TrimSpace(rec[i])
	}
	return ""
}

// num parses a spreadsheet number; empty cells are 0.
func num(s string) (float64, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, nil
	}
	return strconv.ParseFloat(s, 64)
}

func intNum(s string) (int64, error) {
	f, err := num(s)
	return int64(math.Round(f)), err
}

// dayMinutes converts an Excel day fraction to minutes after midnight.
func dayMinutes(s string) (int, error) {
	f, err := num(s)
	if err != nil {
		return 0, err
	}
	return int(math.Round(f*1440)) % 1440, nil
}

// parseGMT reads "GMT+8" / "GMT-4" / "GMT+5:30" as minutes east of UTC.
func parseGMT(s string, def int) int {
	s = strings.TrimSpace(strings.ToUpper(s))
	if !strings.HasPrefix(s, "GMT") && !strings.HasPrefix(s, "UTC") {
		return def
	}
	s = s[3:]
	if s == "" {
		return 0
	}
	sign := 1
	switch s[0] {
	case '+':
	case '-':
		sign = -1
	default:
		return def
	}
	h, m, _ := strings.Cut(s[1:], ":")
	hh, err := strconv.Atoi(h)
	if err != nil {
		return def
	}
	mm := 0
	if m != "" {
		mm, _ = strconv.Atoi(m)
	}
	return sign * (hh*60 + mm)
}

func splitPeople(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// LoadCosplib reads one instance from the CSV export folder dir (the folder
// holding submissions.csv, tracks.csv, ...). The name is the folder's base name.
func LoadCosplib(dir string) (*Instance, error) {
	in := &Instance{Name: filepath.Base(dir), subIndex: map[string]int{}, trackIndex: map[string]int{}}
	load := func(sheet string) ([][]string, error) {
		recs, err := readCSV(filepath.Join(dir, sheet+".csv"))
		if err != nil {
			return nil, fmt.Errorf("instance %s: sheet %s: %w", in.Name, sheet, err)
		}
		return recs, nil
	}
	bad := func(sheet string, line int, format string, args ...any) error {
		return fmt.Errorf("instance %s: %s.csv line %d: %s", in.Name, sheet, line, fmt.Sprintf(format, args...))
	}

	// sessions
	recs, err := load("sessions")
	if err != nil {
		return nil, err
	}
	sessionIndex := map[string]int{}
	for i, rec := range recs[1:] {
		name := cell(rec, 0)
		if name == "" {
			continue
		}
		max, err1 := intNum(cell(rec, 1))
		date, err2 := intNum(cell(rec, 2))
		st, err3 := dayMinutes(cell(rec, 3))
		en, err4 := dayMinutes(cell(rec, 4))
		if err1 != nil || err2 != nil || err3 != nil || err4 != nil || max <= 0 {
			return nil, bad("sessions", i+2, "bad session row %q", rec)
		}
		sessionIndex[name] = len(in.Sessions)
		in.Sessions = append(in.Sessions, Session{Name: name, MaxSlots: int(max), Date: int(date), Start: st, End: en})
	}
	// rooms
	if recs, err = load("rooms"); err != nil {
		return nil, err
	}
	roomIndex := map[string]int{}
	for _, rec := range recs[1:] {
		if name := cell(rec, 0); name != "" {
			roomIndex[name] = len(in.Rooms)
			in.Rooms = append(in.Rooms, name)
		}
	}
	// tracks
	if recs, err = load("tracks"); err != nil {
		return nil, err
	}
	for _, rec := range recs[1:] {
		name := cell(rec, 0)
		if name == "" {
			continue
		}
		in.trackIndex[name] = len(in.Tracks)
		in.Tracks = append(in.Tracks, Track{Name: name, Chairs: splitPeople(cell(rec, 1))})
	}
	S, R, T := len(in.Sessions), len(in.Rooms), len(in.Tracks)
	if S == 0 || R == 0 || T == 0 {
		return nil, fmt.Errorf("instance %s: needs sessions, rooms and tracks (have %d, %d, %d)", in.Name, S, R, T)
	}

	// submissions
	if recs, err = load("submissions"); err != nil {
		return nil, err
	}
	header := recs[0]
	colSession := map[int]int{}
	colRoom := map[int]int{}
	for j := 7; j < len(header); j++ {
		h := strings.TrimSpace(header[j])
		if j < 7+S {
			if s, ok := sessionIndex[h]; ok {
				colSession[j] = s
				continue
			}
		}
		if r, ok := roomIndex[h]; ok {
			colRoom[j] = r
		} else if s, ok := sessionIndex[h]; ok {
			colSession[j] = s
		}
	}
	for i, rec := range recs[1:] {
		ref := cell(rec, 0)
		if ref == "" {
			continue
		}
		t, ok := in.trackIndex[cell(rec, 1)]
		if !ok {
			return nil, bad("submissions", i+2, "unknown track %q", cell(rec, 1))
		}
		slots, err1 := intNum(cell(rec, 2))
		order, err2 := intNum(cell(rec, 3))
		if err1 != nil || err2 != nil || slots <= 0 {
			return nil, bad("submissions", i+2, "bad required time slots or order")
		}
		if _, dup := in.subIndex[ref]; dup {
			return nil, bad("submissions", i+2, "duplicate submission %q", ref)
		}
		idx := len(in.Submissions)
		in.subIndex[ref] = idx
		in.Submissions = append(in.Submissions, Submission{
			Ref: ref, Track: t, Slots: int(slots), Order: int(order),
			TZOffset:   parseGMT(cell(rec, 4), math.MinInt32),
			Presenters: splitPeople(cell(rec, 5)), Attendees: splitPeople(cell(rec, 6)),
		})
		in.Tracks[t].Subs = append(in.Tracks[t].Subs, idx)
		ss := make([]int64, S)
		sr := make([]int64, R)
		for j, s := range colSession {
			if ss[s], err = intNum(cell(rec, j)); err != nil {
				return nil, bad("submissions", i+2, "column %q: %v", header[j], err)
			}
		}
		for j, r := range colRoom {
			if sr[r], err = intNum(cell(rec, j)); err != nil {
				return nil, bad("submissions", i+2, "column %q: %v", header[j], err)
			}
		}
		in.SubSession = append(in.SubSession, ss)
		in.SubRoom = append(in.SubRoom, sr)
	}

	matrix := func(sheet string, rows, cols map[string]int, nr, nc int) ([][]int64, error) {
		recs, err := load(sheet)
		if err != nil {
			return nil, err
		}
		m := make([][]int64, nr)
		for i := range m {
			m[i] = make([]int64, nc)
		}
		hdr := recs[0]
		for li, rec := range recs[1:] {
			ri, ok := rows[cell(rec, 0)]
			if !ok {
				if cell(rec, 0) == "" {
					continue
				}
				return nil, bad(sheet, li+2, "unknown row %q", cell(rec, 0))
			}
			for j := 1; j < len(hdr) && j < len(rec); j++ {
				ci, ok := cols[strings.TrimSpace(hdr[j])]
				if !ok {
					continue
				}
				v, err := intNum(rec[j])
				if err != nil {
					return nil, bad(sheet, li+2, "column %q: %v", hdr[j], err)
				}
				m[ri][ci] = v
			}
		}
		return m, nil
	}
	if in.TrackSession, err = matrix("tracks_sessions_penalty", in.trackIndex, sessionIndex, T, S); err != nil {
		return nil, err
	}
	if in.TrackRoom, err = matrix("tracks_rooms_penalty", in.trackIndex, roomIndex, T, R); err != nil {
		return nil, err
	}
	if in.SessionRoom, err = matrix("sessions_rooms_penalty", sessionIndex, roomIndex, S, R); err != nil {
		return nil, err
	}
	// similar tracks: the checker reads the sheet by position and makes it
	// symmetric, the entry above the diagonal (row i < column j) winning.
	if recs, err = load("similar_tracks"); err != nil {
		return nil, err
	}
	in.Similar = make([][]int64, T)
	for i := range in.Similar {
		in.Similar[i] = make([]int64, T)
	}
	var rowTrack []int
	var rowVals [][]int64
	for li, rec := range recs[1:] {
		t, ok := in.trackIndex[cell(rec, 0)]
		if !ok {
			if cell(rec, 0) == "" {
				continue
			}
			return nil, bad("similar_tracks", li+2, "unknown track %q", cell(rec, 0))
		}
		vals := make([]int64, len(rec))
		for j := 1; j < len(rec); j++ {
			if vals[j], err = intNum(rec[j]); err != nil {
				return nil, bad("similar_tracks", li+2, "%v", err)
			}
		}
		rowTrack = append(rowTrack, t)
		rowVals = append(rowVals, vals)
	}
	get := func(y, i int) int64 { // temp[y][i+1]
		if i+1 < len(rowVals[y]) {
			return rowVals[y][i+1]
		}
		return 0
	}
	for i := range rowTrack {
		for y := range rowTrack {
			if y != i {
				v := get(y, i)
				in.Similar[rowTrack[i]][rowTrack[y]] = v
				in.Similar[rowTrack[y]][rowTrack[i]] = v
			}
		}
	}

	if err := in.readParameters(load); err != nil {
		return nil, err
	}
	for i := range in.Submissions {
		if in.Submissions[i].TZOffset == math.MinInt32 {
			in.Submissions[i].TZOffset = in.LocalTZ
		}
	}
	in.derive()
	return in, nil
}

// Init completes an instance built in code: it indexes submissions and
// tracks by name, lists each track's submissions, fills missing penalty
// matrices with zeros and derives the conflict lists and time-zone penalties.
func (in *Instance) Init() {
	S, R, T, N := len(in.Sessions), len(in.Rooms), len(in.Tracks), len(in.Submissions)
	in.subIndex, in.trackIndex = map[string]int{}, map[string]int{}
	for t := range in.Tracks {
		in.trackIndex[in.Tracks[t].Name] = t
		in.Tracks[t].Subs = nil
	}
	for x, s := range in.Submissions {
		in.subIndex[s.Ref] = x
		in.Tracks[s.Track].Subs = append(in.Tracks[s.Track].Subs, x)
	}
	zeros := func(m [][]int64, rows, cols int) [][]int64 {
		if len(m) == rows {
			return m
		}
		m = make([][]int64, rows)
		for i := range m {
			m[i] = make([]int64, cols)
		}
		return m
	}
	in.TrackSession = zeros(in.TrackSession, T, S)
	in.TrackRoom = zeros(in.TrackRoom, T, R)
	in.SessionRoom = zeros(in.SessionRoom, S, R)
	in.Similar = zeros(in.Similar, T, T)
	in.SubSession = zeros(in.SubSession, N, S)
	in.SubRoom = zeros(in.SubRoom, N, R)
	in.derive()
}

func (in *Instance) readParameters(load func(string) ([][]string, error)) error {
	recs, err := load("parameters")
	if err != nil {
		return err
	}
	at := func(r, c int) string {
		if r < len(recs) {
			return cell(recs[r], c)
		}
		return ""
	}
	in.LocalTZ = parseGMT(at(1, 1), 0)
	var errs []error
	tm := func(r int) int {
		v, err := dayMinutes(at(r, 1))
		if err != nil {
			errs = append(errs, err)
		}
		return v
	}
	in.SuitableFrom, in.SuitableTo = tm(3), tm(4)
	in.LessSuitableFrom, in.LessSuitableTo = tm(6), tm(7)
	pen := func(r int) int64 {
		v, err := intNum(at(r, 1))
		if err != nil {
			errs = append(errs, err)
		}
		return v
	}
	in.SmallTZPenalty, in.BigTZPenalty = pen(8), pen(10)
	found := 0
	for _, rec := range recs {
		label := strings.TrimSuffix(cell(rec, 3), ":")
		for k, l := range criterionLabels {
			if strings.EqualFold(label, l) {
				v, err := intNum(cell(rec, 4))
				if err != nil {
					return fmt.Errorf("instance %s: parameters.csv: weight %q: %w", in.Name, l, err)
				}
				in.Weights[k] = v
				found++
			}
		}
	}
	if len(errs) > 0 {
		return fmt.Errorf("instance %s: parameters.csv: %w", in.Name, errs[0])
	}
	if found != int(NumCriteria) {
		return fmt.Errorf("instance %s: parameters.csv: found %d of %d weights", in.Name, found, NumCriteria)
	}
	return nil
}

// derive computes the conflict lists and the time-zone penalties.
func (in *Instance) derive() {
	n := len(in.Submissions)
	type set = map[int]bool
	pres := make([]set, n)
	att := make([]set, n)
	for i := range pres {
		pres[i], att[i] = set{}, set{}
	}
	byPresenter := map[string][]int{}
	for i, s := range in.Submissions {
		for _, p := range s.Presenters {
			byPresenter[p] = append(byPresenter[p], i)
		}
	}
	for _, subs := range byPresenter {
		for _, a := range subs {
			for _, b := range subs {
				if a != b {
					pres[a][b] = true
				}
			}
		}
	}
	chairTracks := map[string][]int{}
	for t, tr := range in.Tracks {
		for _, c := range tr.Chairs {
			chairTracks[c] = append(chairTracks[c], t)
		}
	}
	// a presenter who chairs another track conflicts with that track's talks
	for p, subs := range byPresenter {
		for _, a := range subs {
			for _, t := range chairTracks[p] {
				if in.Submissions[a].Track == t {
					continue
				}
				for _, b := range in.Tracks[t].Subs {
					pres[a][b], pres[b][a] = true, true
				}
			}
		}
	}
	byAttendee := map[string][]int{}
	for i, s := range in.Submissions {
		for _, p := range s.Attendees {
			byAttendee[p] = append(byAttendee[p], i)
		}
	}
	link := func(a, b int) {
		if a != b {
			att[a][b], att[b][a] = true, true
		}
	}
	for p, subs := range byAttendee {
		for _, a := range subs {
			for _, b := range subs {
				link(a, b)
			}
			for _, b := range byPresenter[p] {
				link(a, b)
			}
		}
	}
	for p, subs := range byAttendee {
		for _, a := range subs {
			for _, t := range chairTracks[p] {
				for _, b := range in.Tracks[t].Subs {
					if in.Submissions[a].Track != t {
						link(a, b)
					}
				}
			}
		}
	}
	// tracks sharing a chair
	chair := make([]set, len(in.Tracks))
	for t := range chair {
		chair[t] = set{}
	}
	for _, ts := range chairTracks {
		for _, a := range ts {
			for _, b := range ts {
				if a != b {
					chair[a][b] = true
				}
			}
		}
	}
	toList := func(m set) []int {
		out := make([]int, 0, len(m))
		for k := range m {
			out = append(out, k)
		}
		slices.Sort(out)
		return out
	}
	in.PresenterConflicts = make([][]int, n)
	in.AttendeeConflicts = make([][]int, n)
	for i := range n {
		in.PresenterConflicts[i] = toList(pres[i])
		in.AttendeeConflicts[i] = toList(att[i])
	}
	in.ChairConflicts = make([][]int, len(in.Tracks))
	for t := range in.Tracks {
		in.ChairConflicts[t] = toList(chair[t])
	}

	in.SubTimezone = make([][]int64, n)
	for i, sub := range in.Submissions {
		row := make([]int64, len(in.Sessions))
		for s, ses := range in.Sessions {
			shift := sub.TZOffset - in.LocalTZ
			st := ((ses.Start+shift)%1440 + 1440) % 1440
			en := ((ses.End+shift)%1440 + 1440) % 1440
			switch {
			case st < in.LessSuitableFrom || en > in.LessSuitableTo || en < in.LessSuitableFrom:
				row[s] = in.BigTZPenalty
			case (st >= in.LessSuitableFrom && st < in.SuitableFrom) || (en > in.SuitableTo && en <= in.LessSuitableTo):
				row[s] = in.SmallTZPenalty
			}
		}
		in.SubTimezone[i] = row
	}
}
