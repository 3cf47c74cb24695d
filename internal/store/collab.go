package store

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"throughline/internal/model"
)

// rowScanner is a *sql.Row or *sql.Rows.
type rowScanner interface{ Scan(...any) error }

// collectRows runs a query and scans every row with scan.
func collectRows[T any](ctx context.Context, tx *Tx, op, q string, args []any, scan func(rowScanner) (T, error)) ([]T, error) {
	rows, err := tx.query(ctx, q, args...)
	if err != nil {
		return nil, wrap(op, err)
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, wrap(op, err)
		}
		out = append(out, v)
	}
	return out, wrap(op, rows.Err())
}

// leadScanner scans leading columns before handing the rest to a person scanner.
type leadScanner struct {
	rows *sql.Rows
	lead []any
}

func (l leadScanner) Scan(dest ...any) error {
	return l.rows.Scan(append(append([]any(nil), l.lead...), dest...)...)
}

// scanPeopleWith runs a query whose select list is some lead columns followed by
// personColumns. lead holds the destinations of the lead columns; each is called after
// every row with the person, while the lead destinations hold that row's values.
func (tx *Tx) scanPeopleWith(ctx context.Context, op, q string, args []any, lead []any, each func(p model.Person)) error {
	rows, err := tx.query(ctx, q, args...)
	if err != nil {
		return wrap(op, err)
	}
	defer rows.Close()
	for rows.Next() {
		p, err := scanPerson(leadScanner{rows, lead})
		if err != nil {
			return wrap(op, err)
		}
		each(p)
	}
	return wrap(op, rows.Err())
}

// inIDs returns "col IN (?, …)" and its arguments; an empty list matches nothing.
func inIDs(col string, ids []int64) (string, []any) {
	if len(ids) == 0 {
		return "1 = 0", nil
	}
	return col + " IN (" + placeholders(len(ids)) + ")", int64Args(ids)
}

// errNoRows stands for a lookup that found nothing; wrap turns it into ErrNotFound.
var errNoRows = sql.ErrNoRows

// splitWords folds a search query and splits it into words, each matched on its own.
func splitWords(q string) []string { return strings.Fields(model.FoldKey(q)) }

// unixDay is the UTC date of a Unix instant.
func unixDay(at int64) string { return time.Unix(at, 0).UTC().Format("2006-01-02") }

// dayStart is the Unix instant a UTC date begins; 0 for a malformed date.
func dayStart(day string) int64 {
	t, err := time.Parse("2006-01-02", day)
	if err != nil {
		return 0
	}
	return t.Unix()
}
