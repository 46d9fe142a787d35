package meetings

import (
	"fmt"
	"io"
	"strconv"
	"strings"
)

// ReadDZN reads an instance in the MiniZinc data format of the B2B benchmark
// (Bofill et al., JAIR 2022): nBusiness, nMeetings, nTables, nTotalSlots,
// nMorningSlots, requested = [| a, b, session | … |], forbidden (per
// participant, a dummy 0 allowed), fixed (0 = free) and precedences
// (precedences[m] = meetings strictly before m). Everything in the file is
// 1-based; the Instance uses 0-based participants and meetings.
// meetingsxBusiness and nMeetingsBusiness are redundant and cross-checked.
func ReadDZN(r io.Reader, name string) (*Instance, error) {
	raw, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	var b strings.Builder
	for line := range strings.SplitSeq(string(raw), "\n") {
		if i := strings.IndexByte(line, '%'); i >= 0 {
			line = line[:i]
		}
		b.WriteString(line)
		b.WriteByte('\n')
	}
	vals := map[string]string{}
	for stmt := range strings.SplitSeq(b.String(), ";") {
		k, v, ok := strings.Cut(stmt, "=")
		if !ok {
			if strings.TrimSpace(stmt) != "" {
				return nil, fmt.Errorf("%s: %w: statement %q has no '='", name, errNotDZN, short(stmt))
			}
			continue
		}
		vals[strings.TrimSpace(k)] = strings.Join(strings.Fields(v), "")
	}
	errf := func(format string, a ...any) error {
		return fmt.Errorf("%s: %s", name, fmt.Sprintf(format, a...))
	}
	scalar := func(k string) (int, error) {
		v, ok := vals[k]
		if !ok {
			return 0, errf("%s is missing", k)
		}
		n, err := strconv.Atoi(v)
		if err != nil {
			return 0, errf("%s = %q is not an integer", k, short(v))
		}
		return n, nil
	}
	in := &Instance{Name: name, AllowRepeats: true}
	var nm int
	for _, f := range []struct {
		k string
		p *int
	}{{"nBusiness", &in.Participants}, {"nMeetings", &nm}, {"nTables", &in.Tables}, {"nTotalSlots", &in.Slots}, {"nMorningSlots", &in.Morning}} {
		if *f.p, err = scalar(f.k); err != nil {
			return nil, err
		}
	}
	req, ok := vals["requested"]
	if !ok {
		return nil, errf("requested is missing")
	}
	if !strings.HasPrefix(req, "[|") || !strings.HasSuffix(req, "|]") {
		return nil, errf("requested: want a 2-d array [| a, b, s | … |]")
	}
	for row := range strings.SplitSeq(req[2:len(req)-2], "|") {
		if row == "" {
			continue
		}
		xs, err := ints(strings.TrimSuffix(row, ","))
		if err != nil || len(xs) != 3 {
			return nil, errf("requested row %d: %q, want a, b, session", len(in.Meetings)+1, short(row))
		}
		if xs[2] < 1 || xs[2] > 3 {
			return nil, errf("requested row %d: session %d, want 1, 2 or 3", len(in.Meetings)+1, xs[2])
		}
		in.Meetings = append(in.Meetings, Meeting{A: xs[0] - 1, B: xs[1] - 1, Session: Session(xs[2] % 3)})
	}
	if len(in.Meetings) != nm {
		return nil, errf("nMeetings = %d but requested has %d rows", nm, len(in.Meetings))
	}
	if v, ok := vals["forbidden"]; ok {
		sets, err := setArray(v)
		if err != nil {
			return nil, errf("forbidden: %v", err)
		}
		if len(sets) != in.Participants {
			return nil, errf("forbidden has %d sets for %d participants", len(sets), in.Participants)
		}
		in.Forbidden = make([][]int, len(sets))
		for p, s := range sets {
			for _, t := range s {
				if t != 0 { // the dummy element
					in.Forbidden[p] = append(in.Forbidden[p], t)
				}
			}
		}
	}
	if v, ok := vals["fixed"]; ok {
		if len(v) < 2 || v[0] != '[' || v[len(v)-1] != ']' {
			return nil, errf("fixed: want [f1, …, fM]")
		}
		xs, err := ints(v[1 : len(v)-1])
		if err != nil || len(xs) != nm {
			return nil, errf("fixed: want %d integers", nm)
		}
		for m, f := range xs {
			in.Meetings[m].Fixed = f
		}
	}
	if v, ok := vals["precedences"]; ok {
		sets, err := setArray(v)
		if err != nil {
			return nil, errf("precedences: %v", err)
		}
		if len(sets) != nm {
			return nil, errf("precedences has %d sets for %d meetings", len(sets), nm)
		}
		for m, s := range sets {
			for _, q := range s {
				in.Meetings[m].After = append(in.Meetings[m].After, q-1)
			}
		}
	}
	if v, ok := vals["nMeetingsBusiness"]; ok && len(v) > 2 {
		xs, err := ints(v[1 : len(v)-1])
		if err == nil && len(xs) == in.Participants {
			by := in.byParticipantChecked()
			for p, n := range xs {
				if by != nil && len(by[p]) != n {
					return nil, errf("nMeetingsBusiness[%d] = %d but requested gives %d", p+1, n, len(by[p]))
				}
			}
		}
	}
	if err := in.Validate(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return in, nil
}

// byParticipantChecked is byParticipant, or nil when a participant index is out of range.
func (in *Instance) byParticipantChecked() [][]int {
	for _, m := range in.Meetings {
		if m.A < 0 || m.B < 0 || m.A >= in.Participants || m.B >= in.Participants {
			return nil
		}
	}
	return in.byParticipant()
}

func ints(s string) ([]int, error) {
	if s == "" {
		return nil, nil
	}
	parts := strings.Split(s, ",")
	xs := make([]int, 0, len(parts))
	for _, p := range parts {
		n, err := strconv.Atoi(p)
		if err != nil {
			return nil, fmt.Errorf("%q is not an integer", short(p))
		}
		xs = append(xs, n)
	}
	return xs, nil
}

// setArray parses [{1,2},{},{3}] (whitespace already removed).
func setArray(v string) ([][]int, error) {
	if len(v) < 2 || v[0] != '[' || v[len(v)-1] != ']' {
		return nil, fmt.Errorf("want an array of sets [{…}, …]")
	}
	v = v[1 : len(v)-1]
	var out [][]int
	for len(v) > 0 {
		if v[0] == ',' {
			v = v[1:]
			continue
		}
		if v[0] != '{' {
			return nil, fmt.Errorf("want '{' at %q", short(v))
		}
		end := strings.IndexByte(v, '}')
		if end < 0 {
			return nil, fmt.Errorf("unclosed set at %q", short(v))
		}
		xs, err := ints(v[1:end])
		if err != nil {
			return nil, err
		}
		out = append(out, xs)
		v = v[end+1:]
	}
	return out, nil
}

func short(s string) string {
	s = strings.TrimSpace(s)
	if len(s) > 40 {
		return s[:40] + "…"
	}
	return s
}
