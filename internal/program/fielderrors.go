package program

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// FieldErrors collects every problem of a form or request body, so that one
// answer names them all. Problem codes are stable; pages translate them.
type FieldErrors []FieldError

// Add records a problem of field; msg follows the field name ("is required").
func (f *FieldErrors) Add(field, problem, msg string) {
	*f = append(*f, FieldError{Field: field, Problem: problem, Message: field + " " + msg})
}

// Has reports whether field has a problem already.
func (f FieldErrors) Has(field string) bool {
	for _, e := range f {
		if e.Field == field {
			return true
		}
	}
	return false
}

// Text checks presence, length and control characters of a one-line field.
func (f *FieldErrors) Text(field, v string, limit int, required bool) {
	f.text(field, v, limit, required, unicode.IsControl)
}

// LongText is Text for a text area: line breaks and tabs are allowed.
func (f *FieldErrors) LongText(field, v string, limit int, required bool) {
	f.text(field, v, limit, required, func(r rune) bool { return unicode.IsControl(r) && r != '\n' && r != '\r' && r != '\t' })
}

func (f *FieldErrors) text(field, v string, limit int, required bool, bad func(rune) bool) {
	switch {
	case v == "" && required:
		f.Add(field, "required", "is required")
	case !utf8.ValidString(v):
		f.Add(field, "encoding", "is not valid UTF-8")
	case utf8.RuneCountInString(v) > limit:
		f.Add(field, "too_long", fmt.Sprintf("is longer than %d characters", limit))
	case strings.IndexFunc(v, bad) >= 0:
		f.Add(field, "control", "contains control characters")
	}
}

// Err is the invalid error listing every field at fault (call only when
// there is at least one).
func (f FieldErrors) Err() error {
	fields := make([]string, len(f))
	for i, e := range f {
		fields[i] = e.Field
	}
	return &Error{
		Code: CodeInvalid, Field: f[0].Field, Fields: f,
		Message: fmt.Sprintf("check %s: %s", strings.Join(fields, ", "), f[0].Message),
	}
}
