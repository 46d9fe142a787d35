package spreadsheet

import (
	"fmt"
	"strings"
)

// Change is a row added, removed or changed between two versions of a sheet.
type Change struct {
	Sheet  *Sheet
	Key    string // the row's identifier (its Unique columns), "" for the edition row
	Kind   string // "added", "removed" or "changed"
	Fields []FieldChange
}

// FieldChange is one changed cell.
type FieldChange struct {
	Column, Old, New string
}

func (c Change) String() string {
	what := singular[c.Sheet.Key]
	if c.Key != "" {
		what += " " + c.Key
	}
	switch c.Kind {
	case "added", "removed":
		return what + ": " + c.Kind
	}
	parts := make([]string, len(c.Fields))
	for i, f := range c.Fields {
		parts[i] = fmt.Sprintf("%s %s → %s", f.Column, show(f.Old), show(f.New))
	}
	return what + ": " + strings.Join(parts, "; ")
}

var singular = map[string]string{"edition": "edition", "sections": "section", "activities": "activity", "organisations": "organisation",
	"people": "person", "venues": "venue", "rooms": "room", "themes": "theme", "theme_days": "theme day", "releases": "release"}

func show(v string) string {
	if v == "" {
		return "(empty)"
	}
	if len([]rune(v)) > 60 {
		return fmt.Sprintf("%q", string([]rune(v)[:57])+"…")
	}
	return v
}

// Diff compares the tables of the sheets in both lists, row by row, keyed by
// each sheet's Unique columns, and lists what changed: removed rows first,
// then changed, then added, each in the order of its list.
func Diff(old, new []Table) []Change {
	var out []Change
	for _, nt := range new {
		for _, ot := range old {
			if ot.Sheet == nt.Sheet {
				out = append(out, diffTable(ot, nt)...)
			}
		}
	}
	return out
}

func rowKey(s *Sheet, r []string) string {
	parts := make([]string, len(s.Unique))
	for i, k := range s.Unique {
		parts[i] = r[s.index(k)]
	}
	return strings.Join(parts, " ")
}

func diffTable(ot, nt Table) []Change {
	s := nt.Sheet
	oldRows := map[string][]string{}
	for _, r := range ot.Rows {
		oldRows[rowKey(s, r)] = r
	}
	newKeys := map[string]bool{}
	var removed, changed, added []Change
	for _, r := range nt.Rows {
		k := rowKey(s, r)
		newKeys[k] = true
		o, ok := oldRows[k]
		if !ok {
			added = append(added, Change{Sheet: s, Key: k, Kind: "added"})
			continue
		}
		var fields []FieldChange
		for i, c := range s.Columns {
			if o[i] != r[i] {
				fields = append(fields, FieldChange{Column: c.Key, Old: o[i], New: r[i]})
			}
		}
		if len(fields) > 0 {
			changed = append(changed, Change{Sheet: s, Key: k, Kind: "changed", Fields: fields})
		}
	}
	for _, r := range ot.Rows {
		if k := rowKey(s, r); !newKeys[k] {
			removed = append(removed, Change{Sheet: s, Key: k, Kind: "removed"})
		}
	}
	return append(append(removed, changed...), added...)
}
