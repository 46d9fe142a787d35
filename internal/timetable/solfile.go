package timetable

import (
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"strings"
)

// ReadSol reads a schedule in the workbook's `sol` layout (CSV export): a
// header with the room names, one row per session with the track of each room,
// a blank row, then one row per time slot of every session (the session's name
// first) with the submission in each room.
func ReadSol(in *Instance, r io.Reader) (*Schedule, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	recs, err := cr.ReadAll()
	if err != nil {
		return nil, err
	}
	if len(recs) < 1+len(in.Sessions) {
		return nil, fmt.Errorf("sol: %d rows, want at least %d", len(recs), 1+len(in.Sessions))
	}
	roomCol := make([]int, len(in.Rooms))
	for r := range roomCol {
		roomCol[r] = -1
	}
	for j, h := range recs[0] {
		for r, name := range in.Rooms {
			if strings.TrimSpace(h) == name {
				roomCol[r] = j
			}
		}
	}
	for r, j := range roomCol {
		if j < 0 {
			return nil, fmt.Errorf("sol: no column for room %q", in.Rooms[r])
		}
	}
	sessionIdx := map[string]int{}
	for s, ses := range in.Sessions {
		sessionIdx[ses.Name] = s
	}
	sc := NewSchedule(in)
	line := 1
	for ; line < len(recs); line++ {
		name := cell(recs[line], 0)
		if name == "" {
			line++
			break
		}
		s, ok := sessionIdx[name]
		if !ok {
			return nil, fmt.Errorf("sol line %d: unknown session %q", line+1, name)
		}
		for r, j := range roomCol {
			v := cell(recs[line], j)
			if v == "" {
				continue
			}
			t, ok := in.TrackIndex(v)
			if !ok {
				return nil, fmt.Errorf("sol line %d: unknown track %q", line+1, v)
			}
			sc.Tracks[s][r] = t
		}
	}
	slot := make([]int, len(in.Sessions))
	for ; line < len(recs); line++ {
		name := cell(recs[line], 0)
		if name == "" {
			continue
		}
		s, ok := sessionIdx[name]
		if !ok {
			return nil, fmt.Errorf("sol line %d: unknown session %q", line+1, name)
		}
		k := slot[s]
		slot[s]++
		if k >= in.Sessions[s].MaxSlots {
			return nil, fmt.Errorf("sol line %d: session %s has only %d time slots", line+1, name, in.Sessions[s].MaxSlots)
		}
		for r, j := range roomCol {
			v := cell(recs[line], j)
			if v == "" {
				continue
			}
			x, ok := in.SubIndex(v)
			if !ok {
				return nil, fmt.Errorf("sol line %d: unknown submission %q", line+1, v)
			}
			sc.Subs[s][r][k] = x
		}
	}
	return sc, nil
}

// ReadSolFile reads a `sol` CSV file.
func ReadSolFile(in *Instance, path string) (*Schedule, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	sc, err := ReadSol(in, f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return sc, nil
}

// WriteSol writes sc in the `sol` layout that ReadSol reads.
func WriteSol(in *Instance, sc *Schedule, w io.Writer) error {
	cw := csv.NewWriter(w)
	row := make([]string, 1+len(in.Rooms))
	copy(row[1:], in.Rooms)
	row[0] = ""
	if err := cw.Write(row); err != nil {
		return err
	}
	for s, ses := range in.Sessions {
		row[0] = ses.Name
		for r := range in.Rooms {
			row[1+r] = ""
			if t := sc.Tracks[s][r]; t >= 0 {
				row[1+r] = in.Tracks[t].Name
			}
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	for i := range row {
		row[i] = ""
	}
	if err := cw.Write(row); err != nil {
		return err
	}
	for s, ses := range in.Sessions {
		for k := range ses.MaxSlots {
			row[0] = ses.Name
			for r := range in.Rooms {
				row[1+r] = ""
				if x := sc.Subs[s][r][k]; x >= 0 {
					row[1+r] = in.Submissions[x].Ref
				}
			}
			if err := cw.Write(row); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	return cw.Error()
}
