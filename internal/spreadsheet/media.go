package spreadsheet

import (
	"fmt"
	"io"
)

// ParseFormat checks the name of a file format (xlsx or csv).
func ParseFormat(s string) (Format, error) {
	switch f := Format(s); f {
	case FormatXLSX, FormatCSV:
		return f, nil
	}
	return "", fmt.Errorf("unknown format %q: want xlsx or csv", s)
}

// ContentType is the media type of a file of the format.
func (f Format) ContentType() string {
	if f == FormatCSV {
		return "text/csv; charset=utf-8"
	}
	return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
}

// Write writes the tables as a file of the format with headers in lang.
func Write(w io.Writer, tables []Table, f Format, lang string) error {
	switch f {
	case FormatCSV:
		return WriteCSV(w, tables, lang)
	case FormatXLSX:
		return WriteXLSX(w, tables, lang)
	}
	return fmt.Errorf("unknown format %q: want xlsx or csv", f)
}
