// Package ical writes iCalendar files (RFC 5545) for workshop and coaching sessions and
// for personal calendar feeds. It writes only what Throughline needs: one VCALENDAR with
// VERSION and PRODID, and VEVENTs with UID, DTSTAMP, DTSTART and DTEND in UTC, and
// SUMMARY, DESCRIPTION, LOCATION, URL and STATUS when given. Lines end in CRLF and are
// folded at 75 octets without splitting a UTF-8 character (RFC 5545 §3.1); text values
// escape backslash, semicolon, comma and newlines (§3.3.11). Standard library only.
package ical

import (
	"bytes"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// ProdID identifies the product that wrote a calendar (RFC 5545 §3.7.3).
const ProdID = "-//Throughline//Throughline leadership development//EN"

// Event is one VEVENT.
type Event struct {
	UID         string // globally unique and stable: the same session keeps its UID
	Start, End  time.Time
	Summary     string
	Description string
	Location    string
	URL         string // an http or https address, or ""
	Cancelled   bool
	Sequence    int
}

// Calendar is a VCALENDAR.
type Calendar struct {
	Name   string // X-WR-CALNAME, shown by many clients; optional
	Stamp  time.Time
	Events []Event
}

const stampLayout = "20060102T150405Z"

// Bytes writes the calendar.
func (c Calendar) Bytes() []byte {
	var b bytes.Buffer
	line := func(name, value string) { writeFolded(&b, name+":"+value) }
	line("BEGIN", "VCALENDAR")
	line("VERSION", "2.0")
	line("PRODID", ProdID)
	line("CALSCALE", "GREGORIAN")
	line("METHOD", "PUBLISH")
	if c.Name != "" {
		line("X-WR-CALNAME", Text(c.Name))
	}
	stamp := c.Stamp.UTC().Format(stampLayout)
	for _, e := range c.Events {
		line("BEGIN", "VEVENT")
		line("UID", Text(e.UID))
		line("DTSTAMP", stamp)
		line("DTSTART", e.Start.UTC().Format(stampLayout))
		if !e.End.IsZero() {
			line("DTEND", e.End.UTC().Format(stampLayout))
		}
		if e.Sequence > 0 {
			line("SEQUENCE", strconv.Itoa(e.Sequence))
		}
		line("SUMMARY", Text(e.Summary))
		if e.Description != "" {
			line("DESCRIPTION", Text(e.Description))
		}
		if e.Location != "" {
			line("LOCATION", Text(e.Location))
		}
		if u := strings.TrimSpace(e.URL); u != "" && !strings.ContainsAny(u, "\r\n\" ") {
			line("URL", u)
		}
		if e.Cancelled {
			line("STATUS", "CANCELLED")
		} else {
			line("STATUS", "CONFIRMED")
		}
		line("END", "VEVENT")
	}
	line("END", "VCALENDAR")
	return b.Bytes()
}

// Text escapes a TEXT value (RFC 5545 §3.3.11): backslash, semicolon and comma get a
// backslash, line breaks become \n, and other control characters are dropped.
func Text(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch c {
		case '\\':
			b.WriteString(`\\`)
		case ';':
			b.WriteString(`\;`)
		case ',':
			b.WriteString(`\,`)
		case '\r':
			if i+1 < len(s) && s[i+1] == '\n' {
				continue
			}
			b.WriteString(`\n`)
		case '\n':
			b.WriteString(`\n`)
		default:
			if c < 0x20 || c == 0x7f {
				if c == '\t' {
					b.WriteByte(' ')
				}
				continue
			}
			b.WriteByte(c)
		}
	}
	return b.String()
}

// writeFolded writes a content line, folded so that no physical line is longer than 75
// octets (the CRLF not counted): each continuation line starts with one space, and a
// fold never falls inside a UTF-8 character.
func writeFolded(b *bytes.Buffer, s string) {
	limit := 75
	for len(s) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		b.WriteString(s[:cut])
		b.WriteString("\r\n ")
		s = s[cut:]
		limit = 74 // the leading space counts
	}
	b.WriteString(s)
	b.WriteString("\r\n")
}
