package store

import (
	"context"
	"fmt"
	"strings"
)

// bulkColumn is one column written by updateMany: its name and SQL type. The type is
// cast explicitly because PostgreSQL cannot infer the types of parameters in VALUES.
type bulkColumn struct {
	name, typ string
}

// updateMany updates many rows of table by id in as few statements as the parameter
// limit allows: UPDATE … FROM (VALUES …) joins on the first value, the id. Both engines
// name the columns of a VALUES list column1, column2, …. Each row is the id followed
// by one value per column.
func (tx *Tx) updateMany(ctx context.Context, table string, cols []bulkColumn, rows [][]any) error {
	if len(rows) == 0 {
		return nil
	}
	width := len(cols) + 1
	var set strings.Builder
	for i, c := range cols {
		if i > 0 {
			set.WriteString(", ")
		}
		fmt.Fprintf(&set, "%s = v.column%d", c.name, i+2)
	}
	var tuple strings.Builder
	tuple.WriteString("(CAST(? AS BIGINT)")
	for _, c := range cols {
		fmt.Fprintf(&tuple, ", CAST(? AS %s)", c.typ)
	}
	tuple.WriteString(")")
	per := maxParams / width
	for start := 0; start < len(rows); start += per {
		chunk := rows[start:min(start+per, len(rows))]
		var b strings.Builder
		fmt.Fprintf(&b, "UPDATE %s SET %s FROM (VALUES ", table, set.String())
		args := make([]any, 0, len(chunk)*width)
		for i, r := range chunk {
			if len(r) != width {
				return fmt.Errorf("store: update %s: row has %d values, want %d", table, len(r), width)
			}
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(tuple.String())
			args = append(args, r...)
		}
		fmt.Fprintf(&b, ") AS v WHERE %s.id = v.column1", table)
		if _, err := tx.exec(ctx, b.String(), args...); err != nil {
			return wrap("update "+table, err)
		}
	}
	return nil
}

// insertMany inserts rows into table in multi-row statements and returns nothing; use
// it for rows whose ids are not needed.
func (tx *Tx) insertMany(ctx context.Context, table string, cols []string, rows [][]any) error {
	if len(rows) == 0 {
		return nil
	}
	width := len(cols)
	tuple := "(" + placeholders(width) + ")"
	per := maxParams / width
	head := "INSERT INTO " + table + " (" + strings.Join(cols, ", ") + ") VALUES "
	for start := 0; start < len(rows); start += per {
		chunk := rows[start:min(start+per, len(rows))]
		var b strings.Builder
		b.Grow(len(head) + len(chunk)*(len(tuple)+2))
		b.WriteString(head)
		args := make([]any, 0, len(chunk)*width)
		for i, r := range chunk {
			if len(r) != width {
				return fmt.Errorf("store: insert %s: row has %d values, want %d", table, len(r), width)
			}
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(tuple)
			args = append(args, r...)
		}
		if _, err := tx.exec(ctx, b.String(), args...); err != nil {
			return wrap("insert "+table, err)
		}
	}
	return nil
}
