// Package icaltest checks iCalendar files in tests with a real parser. It is imported
// only by tests, so github.com/emersion/go-ical never reaches the program.
package icaltest

import (
	"bytes"
	"testing"
	"time"
	"unicode/utf8"

	goical "github.com/emersion/go-ical"
)

// Check parses an iCalendar file with a real parser (github.com/emersion/go-ical)
// and checks what RFC 5545 requires of it: CRLF line endings, no physical line over 75
// octets and no fold inside a UTF-8 character, a VCALENDAR with VERSION:2.0 and a PRODID,
// and VEVENTs each with UID, DTSTAMP and DTSTART (§3.6.1). It returns the parsed
// calendar for further checks. Tests of every package that serves calendar files use it.
func Check(t testing.TB, data []byte) *goical.Calendar {
	t.Helper()
	if !bytes.HasSuffix(data, []byte("\r\n")) {
		t.Fatalf("the file does not end with CRLF")
	}
	for i, l := range bytes.Split(bytes.TrimSuffix(data, []byte("\r\n")), []byte("\r\n")) {
		if bytes.ContainsAny(l, "\r\n") {
			t.Errorf("line %d holds a bare CR or LF: %q", i+1, l)
		}
		if len(l) > 75 {
			t.Errorf("line %d is %d octets long, more than 75: %q", i+1, len(l), l)
		}
		if !utf8.Valid(l) {
			t.Errorf("line %d is not valid UTF-8 on its own (a fold split a character): %q", i+1, l)
		}
	}
	cal, err := goical.NewDecoder(bytes.NewReader(data)).Decode()
	if err != nil {
		t.Fatalf("go-ical cannot parse the file: %v\n%s", err, data)
	}
	if v := cal.Props.Get(goical.PropVersion); v == nil || v.Value != "2.0" {
		t.Errorf("VERSION = %v, want 2.0", v)
	}
	if p := cal.Props.Get(goical.PropProductID); p == nil || p.Value == "" {
		t.Errorf("no PRODID")
	}
	for i, e := range cal.Events() {
		for _, name := range []string{goical.PropUID, goical.PropDateTimeStamp, goical.PropDateTimeStart} {
			if p := e.Props.Get(name); p == nil || p.Value == "" {
				t.Errorf("event %d has no %s", i+1, name)
			}
		}
		if _, err := e.DateTimeStart(time.UTC); err != nil {
			t.Errorf("event %d: DTSTART: %v", i+1, err)
		}
		if p := e.Props.Get(goical.PropDateTimeStamp); p != nil {
			if _, err := p.DateTime(time.UTC); err != nil {
				t.Errorf("event %d: DTSTAMP: %v", i+1, err)
			}
		}
	}
	return cal
}
