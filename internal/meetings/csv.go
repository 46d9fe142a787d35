package meetings

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// WriteScheduleCSV writes `meeting,slot` rows (meeting 1-based, slot 0 =
// unscheduled), the format of `convene bench b2b --out`.
func WriteScheduleCSV(w io.Writer, slots []int) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintln(bw, "meeting,slot")
	for m, t := range slots {
		fmt.Fprintf(bw, "%d,%d\n", m+1, t)
	}
	return bw.Flush()
}

// ReadScheduleCSV reads a schedule for nm meetings from a CSV with a header
// naming the columns `meeting` and `slot` (others are ignored; lines starting
// with # are comments). Both our `meeting,slot` files and the benchmark's
// reference solutions (`meeting,participant_a,participant_b,slot`) qualify.
func ReadScheduleCSV(r io.Reader, nm int) ([]int, error) {
	sc := bufio.NewScanner(r)
	mi, si := -1, -1
	slots := make([]int, nm)
	seen := make([]bool, nm)
	line := 0
	for sc.Scan() {
		line++
		text := strings.TrimSpace(sc.Text())
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		cols := strings.Split(text, ",")
		if mi < 0 {
			for i, c := range cols {
				switch strings.TrimSpace(c) {
				case "meeting":
					mi = i
				case "slot":
					si = i
				}
			}
			if mi < 0 || si < 0 {
				return nil, fmt.Errorf("line %d: header needs columns meeting and slot, got %q", line, text)
			}
			continue
		}
		if len(cols) <= max(mi, si) {
			return nil, fmt.Errorf("line %d: %d columns, want at least %d", line, len(cols), max(mi, si)+1)
		}
		m, err1 := strconv.Atoi(strings.TrimSpace(cols[mi]))
		t, err2 := strconv.Atoi(strings.TrimSpace(cols[si]))
		if err1 != nil || err2 != nil {
			return nil, fmt.Errorf("line %d: meeting and slot must be integers: %q", line, text)
		}
		if m < 1 || m > nm {
			return nil, fmt.Errorf("line %d: meeting %d outside 1..%d", line, m, nm)
		}
		if seen[m-1] {
			return nil, fmt.Errorf("line %d: meeting %d appears twice", line, m)
		}
		seen[m-1] = true
		slots[m-1] = t
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if mi < 0 {
		return nil, fmt.Errorf("no header")
	}
	return slots, nil
}
