// Package model holds Throughline's entities, the inputs and filters that change or
// select them, the application error type and the actor on whose behalf work is done.
// It imports only the standard library.
package model

import (
	"errors"
	"fmt"
	"sort"
	"strings"
)

// ErrorCode classifies an application error. The HTTP layers map each code to one status.
type ErrorCode string

// The error codes. Anything that is not a *model.Error is treated as CodeInternal.
const (
	CodeInvalid         ErrorCode = "invalid"
	CodeNotFound        ErrorCode = "not_found"
	CodeConflict        ErrorCode = "conflict"
	CodeUnauthenticated ErrorCode = "unauthenticated"
	CodeForbidden       ErrorCode = "forbidden"
	CodeTooMany         ErrorCode = "too_many_requests"
	CodeTooLarge        ErrorCode = "too_large"
	CodeInternal        ErrorCode = "internal"
)

// Error is an application error: a code, a message a person can read, and, for
// invalid input, one message per field. Messages are full sentences and never contain
// private text (answers, journal entries, passwords, tokens).
type Error struct {
	Code    ErrorCode
	Message string
	Fields  map[string]string
	Err     error // the cause, for logs only; never shown to users
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(string(e.Code))
	if e.Message != "" {
		b.WriteString(": ")
		b.WriteString(e.Message)
	}
	if len(e.Fields) > 0 {
		keys := make([]string, 0, len(e.Fields))
		for k := range e.Fields {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			fmt.Fprintf(&b, "; %s: %s", k, e.Fields[k])
		}
	}
	if e.Err != nil {
		b.WriteString(": ")
		b.WriteString(e.Err.Error())
	}
	return b.String()
}

func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an *Error with the given code and a formatted message.
func Errorf(code ErrorCode, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// NotFound returns a not_found error for the named kind of thing ("person", "goal").
func NotFound(what string) *Error {
	return &Error{Code: CodeNotFound, Message: fmt.Sprintf("The %s was not found.", what)}
}

// TooLarge returns a too_large error for a request body over limit bytes.
func TooLarge(what string, limit int64) *Error {
	return &Error{Code: CodeTooLarge, Message: fmt.Sprintf("The %s is larger than %s.", what, byteSize(limit))}
}

func byteSize(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// Forbidden returns a forbidden error with a standard message.
func Forbidden() *Error {
	return &Error{Code: CodeForbidden, Message: "You do not have permission to do that."}
}

// Unauthenticated returns an unauthenticated error with a standard message.
func Unauthenticated() *Error {
	return &Error{Code: CodeUnauthenticated, Message: "Please sign in."}
}

// ErrorCodeOf returns the code of the first *Error in err's chain, or CodeInternal.
func ErrorCodeOf(err error) ErrorCode {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return CodeInternal
}

// ErrorMessageOf returns the user-facing message of err: the message of an *Error, or a
// generic sentence for anything else, so internal details never reach a page.
func ErrorMessageOf(err error) string {
	var e *Error
	if errors.As(err, &e) && e.Code != CodeInternal && e.Message != "" {
		return e.Message
	}
	return "Something went wrong on our side. Please try again."
}

// FieldsOf returns the per-field messages of err, if any.
func FieldsOf(err error) map[string]string {
	var e *Error
	if errors.As(err, &e) {
		return e.Fields
	}
	return nil
}

// Validator collects field errors while validating an input.
type Validator struct {
	fields map[string]string
}

// Add records msg for field unless the field already has a message.
func (v *Validator) Add(field, msg string) {
	if v.fields == nil {
		v.fields = map[string]string{}
	}
	if _, ok := v.fields[field]; !ok {
		v.fields[field] = msg
	}
}

// Check records msg for field when ok is false.
func (v *Validator) Check(ok bool, field, msg string) {
	if !ok {
		v.Add(field, msg)
	}
}

// Has reports whether field already has an error.
func (v *Validator) Has(field string) bool { _, ok := v.fields[field]; return ok }

// Valid reports whether no errors were recorded.
func (v *Validator) Valid() bool { return len(v.fields) == 0 }

// Err returns an invalid *Error with the collected fields, or nil.
func (v *Validator) Err() error {
	if len(v.fields) == 0 {
		return nil
	}
	return &Error{Code: CodeInvalid, Message: "Please correct the highlighted fields.", Fields: v.fields}
}
