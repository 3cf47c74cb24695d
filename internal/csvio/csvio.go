// Package csvio reads and writes Throughline's CSV files. Readers find columns by header
// name, accept the spellings common HR systems export, and report every problem with
// its line number; the import itself (all or nothing, in one transaction) is core's.
package csvio

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"unicode"
	"unicode/utf8"

	"throughline/internal/model"
)

// MaxFileBytes bounds an uploaded or imported file.
const MaxFileBytes = 64 << 20

// HeaderKey normalizes a header cell: lower case, "#" read as "number", and every run of
// other punctuation or spaces turned into one space. "Employee #" and "employee_number"
// both become "employee number".
func HeaderKey(s string) string {
	s = strings.TrimPrefix(s, "\ufeff")
	s = strings.ReplaceAll(s, "#", " number ")
	var b strings.Builder
	space := false
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
		} else {
			space = true
		}
	}
	return b.String()
}

// reader wraps encoding/csv with delimiter detection, a byte limit, line numbers and
// header mapping.
type reader struct {
	r      *csv.Reader
	header []string
}

// errFileTooLarge is returned by limited past MaxFileBytes.
var errFileTooLarge = errors.New("csvio: the file is larger than the limit")

// limited reads at most n bytes, then fails with errFileTooLarge if there is more: a
// file over the limit is refused, never silently cut short.
type limited struct {
	r io.Reader
	n int64
}

func (l *limited) Read(p []byte) (int, error) {
	if l.n < 0 {
		return 0, errFileTooLarge
	}
	if int64(len(p)) > l.n+1 {
		p = p[:l.n+1]
	}
	n, err := l.r.Read(p)
	l.n -= int64(n)
	if l.n < 0 {
		return n + int(l.n), errFileTooLarge
	}
	return n, err
}

// tooLarge turns reading past a size limit (ours, or the HTTP server's) into a
// too_large error, and returns nil for any other error.
func tooLarge(err error) error {
	var mb *http.MaxBytesError
	if errors.Is(err, errFileTooLarge) || errors.As(err, &mb) {
		return model.TooLarge("file", MaxFileBytes)
	}
	return nil
}

// newReader reads the header line. It accepts a UTF-8 byte-order mark and detects a
// semicolon delimiter (spreadsheets in many European locales write them).
func newReader(src io.Reader) (*reader, error) {
	br := bufio.NewReaderSize(&limited{r: src, n: MaxFileBytes}, 64<<10)
	first, err := br.Peek(4096)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
		if big := tooLarge(err); big != nil {
			return nil, big
		}
		return nil, err
	}
	if bytes.HasPrefix(first, []byte("\ufeff")) {
		_, _ = br.Discard(3)
		first = first[3:]
	}
	line := first
	if i := bytes.IndexByte(line, '\n'); i >= 0 {
		line = line[:i]
	}
	cr := csv.NewReader(br)
	if bytes.Count(line, []byte(";")) > bytes.Count(line, []byte(",")) {
		cr.Comma = ';'
	}
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = false
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, &model.ImportError{Lines: []model.LineError{{Line: 1, Message: "The file is empty: it needs a header line."}}}
	}
	if err != nil {
		if big := tooLarge(err); big != nil {
			return nil, big
		}
		return nil, &model.ImportError{Lines: []model.LineError{{Line: 1, Message: csvProblem(err)}}}
	}
	return &reader{r: cr, header: header}, nil
}

// next returns the next record and its line number, or io.EOF.
func (rd *reader) next() ([]string, int, error) {
	rec, err := rd.r.Read()
	if err != nil {
		if errors.Is(err, io.EOF) {
			return nil, 0, io.EOF
		}
		if big := tooLarge(err); big != nil {
			return nil, 0, big
		}
		var pe *csv.ParseError
		line := 0
		if errors.As(err, &pe) {
			line = pe.StartLine
		}
		return nil, line, &model.ImportError{Lines: []model.LineError{{Line: line, Message: csvProblem(err)}}}
	}
	line, _ := rd.r.FieldPos(0)
	for i, v := range rec {
		if !utf8.ValidString(v) {
			return nil, line, &model.ImportError{Lines: []model.LineError{{Line: line, Field: rd.headerName(i), Message: "The text is not valid UTF-8; save the file as UTF-8."}}}
		}
	}
	return rec, line, nil
}

func (rd *reader) headerName(i int) string {
	if i < len(rd.header) {
		return strings.TrimSpace(rd.header[i])
	}
	return fmt.Sprintf("column %d", i+1)
}

func csvProblem(err error) string {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		switch {
		case errors.Is(pe.Err, csv.ErrQuote), errors.Is(pe.Err, csv.ErrBareQuote):
			return "A quotation mark is out of place; put quotes around the whole cell and double any quotes inside it."
		}
		return "The line is not valid CSV: " + pe.Err.Error() + "."
	}
	return "The file could not be read: " + err.Error() + "."
}

// blank reports whether every cell is empty.
func blank(rec []string) bool {
	for _, v := range rec {
		if strings.TrimSpace(v) != "" {
			return false
		}
	}
	return true
}

// needsGuard reports whether a cell would start a formula in a spreadsheet: it starts
// with = + - @ (or a tab or carriage return), or with apostrophes before one of those.
func needsGuard(s string) bool {
	for s != "" && s[0] == '\'' {
		s = s[1:]
	}
	return s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0]))
}

// escapeCell guards against formula injection when a file is opened in a spreadsheet:
// such cells get one more leading apostrophe.
func escapeCell(s string) string {
	if needsGuard(s) {
		return "'" + s
	}
	return s
}

// unescapeCell undoes escapeCell, so exported files import unchanged.
func unescapeCell(s string) string {
	if len(s) >= 2 && s[0] == '\'' && needsGuard(s[1:]) {
		return s[1:]
	}
	return s
}

// Writer writes CSV with formula-guarded cells.
type Writer struct {
	w *csv.Writer
}

// NewWriter returns a Writer on w.
func NewWriter(w io.Writer) *Writer { return &Writer{w: csv.NewWriter(w)} }

// Write writes one record.
func (w *Writer) Write(rec []string) error {
	out := make([]string, len(rec))
	for i, v := range rec {
		out[i] = escapeCell(v)
	}
	return w.w.Write(out)
}

// Flush flushes and returns any write error.
func (w *Writer) Flush() error {
	w.w.Flush()
	return w.w.Error()
}
