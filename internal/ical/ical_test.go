package ical

import (
	"bytes"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	goical "github.com/emersion/go-ical"

	"throughline/internal/ical/icaltest"
)

func TestCalendarParsesAndRoundTrips(t *testing.T) {
	start := time.Date(2026, 5, 12, 14, 0, 0, 0, time.UTC)
	desc := "Bring one dilemma, disguised; no names.\nSecond line, with a comma; a semicolon and a back\\slash.\r\nThird: Ærøskøbing — 東京 — " + strings.Repeat("é", 60)
	cal := Calendar{Name: "Throughline: Ada, workshops; coaching", Stamp: time.Date(2026, 5, 1, 8, 30, 0, 0, time.UTC), Events: []Event{
		{UID: "workshop-7@throughline.example", Start: start, End: start.Add(2 * time.Hour), Summary: "Dilemma lab, cohort 1; spring",
			Description: desc, Location: "Room 4, Harbour House; Rotterdam", URL: "https://video.example/room?id=1,2"},
		{UID: "coaching-3@throughline.example", Start: start.Add(48 * time.Hour), End: start.Add(49 * time.Hour), Summary: "Coaching", Cancelled: true},
	}}
	data := cal.Bytes()
	parsed := icaltest.Check(t, data)
	events := parsed.Events()
	if len(events) != 2 {
		t.Fatalf("%d events, want 2", len(events))
	}
	e := events[0]
	for name, want := range map[string]string{goical.PropSummary: "Dilemma lab, cohort 1; spring", goical.PropLocation: "Room 4, Harbour House; Rotterdam",
		goical.PropDescription: strings.ReplaceAll(desc, "\r\n", "\n")} {
		got, err := e.Props.Text(name)
		if err != nil || got != want {
			t.Errorf("%s = %q (%v), want %q", name, got, err, want)
		}
	}
	if got, _ := e.DateTimeStart(time.UTC); !got.Equal(start) {
		t.Errorf("DTSTART = %v, want %v", got, start)
	}
	if got, _ := e.DateTimeEnd(time.UTC); !got.Equal(start.Add(2 * time.Hour)) {
		t.Errorf("DTEND = %v", got)
	}
	if st, _ := events[1].Status(); st != goical.EventCancelled {
		t.Errorf("second event status %q, want CANCELLED", st)
	}
	if u := e.Props.Get(goical.PropURL); u == nil || u.Value != "https://video.example/room?id=1,2" {
		t.Errorf("URL = %v", u)
	}
	if !bytes.Contains(data, []byte("DTSTAMP:20260501T083000Z\r\n")) {
		t.Errorf("DTSTAMP not in UTC basic format:\n%s", data)
	}
}

func TestTextEscaping(t *testing.T) {
	for in, want := range map[string]string{
		`a,b;c\d`:       `a\,b\;c\\d`,
		"one\ntwo":      `one\ntwo`,
		"one\r\ntwo":    `one\ntwo`,
		"bell\x07tab\t": "belltab ",
		"plain":         "plain",
	} {
		if got := Text(in); got != want {
			t.Errorf("Text(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestFoldingKeepsCharactersWhole(t *testing.T) {
	for n := 60; n < 90; n++ {
		var b bytes.Buffer
		s := "SUMMARY:" + strings.Repeat("a", n%3) + strings.Repeat("€", n) // 3-byte characters at every offset
		writeFolded(&b, s)
		lines := strings.Split(strings.TrimSuffix(b.String(), "\r\n"), "\r\n ")
		if got := strings.Join(lines, ""); got != s {
			t.Fatalf("unfolding gives %q", got)
		}
		for _, l := range strings.Split(b.String(), "\r\n") {
			if len(l) > 75 || !utf8.ValidString(l) {
				t.Fatalf("bad physical line %q (%d octets)", l, len(l))
			}
		}
	}
}
