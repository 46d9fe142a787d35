package program

import (
	"errors"
	"fmt"
)

// Code classifies an error once, where it arises; the web and API layers map
// codes to HTTP statuses in one table each.
type Code string

const (
	CodeInvalid  Code = "invalid"
	CodeNotFound Code = "not_found"
	CodeConflict Code = "conflict"
	CodeInternal Code = "internal"
	// CodeUnauthorized: no credentials, or credentials that match nobody.
	CodeUnauthorized Code = "unauthorized"
	// CodeForbidden: known credentials without the right to this.
	CodeForbidden Code = "forbidden"
	// CodeGone: the thing existed and was withdrawn (a revoked ticket).
	CodeGone Code = "gone"
	// CodeTooMany: the caller must wait before trying again (sign-in limit).
	CodeTooMany Code = "too_many_requests"
)

// Error is an error that is safe to show: Message (and Field) describe the
// problem to the user; the wrapped Err keeps internal detail for the log.
type Error struct {
	Code    Code
	Field   string // the input field or parameter at fault, if any
	Message string
	Fields  []FieldError // every field at fault, for forms that show them all at once
	Err     error
}

// FieldError is one problem with one input field. Problem is a stable code
// that pages translate (required, too_long, email, …); Message says it in
// English for API clients.
type FieldError struct {
	Field   string `json:"field"`
	Problem string `json:"problem"`
	Message string `json:"message"`
}

func (e *Error) Error() string {
	msg := e.Message
	if e.Field != "" {
		msg = e.Field + ": " + msg
	}
	if e.Err != nil {
		return msg + ": " + e.Err.Error()
	}
	return msg
}

func (e *Error) Unwrap() error { return e.Err }

// Errorf makes a coded error with a safe message.
func Errorf(code Code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// Invalidf makes an invalid-input error naming the field at fault.
func Invalidf(field, format string, args ...any) *Error {
	return &Error{Code: CodeInvalid, Field: field, Message: fmt.Sprintf(format, args...)}
}

// FieldErrorf makes an error of code about one input field, with a stable
// problem code that pages translate (see FieldError).
func FieldErrorf(code Code, field, problem, format string, args ...any) *Error {
	msg := fmt.Sprintf(format, args...)
	return &Error{Code: code, Field: field, Message: msg, Fields: []FieldError{{Field: field, Problem: problem, Message: msg}}}
}

// ErrorCode returns the code of err, CodeInternal for uncoded errors.
func ErrorCode(err error) Code {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return CodeInternal
}

// SafeError returns the coded error in err's chain, or nil when err carries
// nothing that is safe to show.
func SafeError(err error) *Error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	return nil
}
