package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// sqliteBatchParams is about how many bind parameters one multi-row statement carries on
// SQLite. The pure-Go SQLite parses and plans each statement in Go, and a statement with
// tens of thousands of parameters costs several times more per row than one with a few
// hundred (measured on 500,000 five-column rows: about 70,000 rows a second in
// statements of 32,000 parameters, about 250,000 in prepared statements of 500). The
// statement of a full batch is prepared once and reused for every full batch.
const sqliteBatchParams = 500

// batchRows is how many rows of width values one multi-row statement carries: a few
// hundred parameters on SQLite (see sqliteBatchParams); on PostgreSQL, where every
// statement is a round trip to the server, as many as the parameter limit allows.
func (d dialect) batchRows(width int) int {
	limit := maxParams
	if d.name == SQLite {
		limit = sqliteBatchParams
	}
	return max(1, limit/max(1, width))
}

// batch writes n rows of width values with statements head + "tuple, tuple, …" + tail,
// each carrying up to dialect.batchRows rows. appendRow appends the values of row i to
// args. The statement of a full batch is prepared once and reused when there are at
// least two full batches; a last, shorter batch runs as a statement of its own. each,
// when not nil, receives the rows a statement returns (a RETURNING clause in tail).
func (tx *Tx) batch(ctx context.Context, op, head, tuple, tail string, width, n int,
	appendRow func(args []any, i int) []any, each func(rows *sql.Rows) error) (err error) {
	if n == 0 {
		return nil
	}
	per := tx.d.batchRows(width)
	text := func(k int) string {
		var b strings.Builder
		b.Grow(len(head) + k*(len(tuple)+2) + len(tail))
		b.WriteString(head)
		for i := 0; i < k; i++ {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(tuple)
		}
		b.WriteString(tail)
		return tx.d.rebind(b.String())
	}
	var prepared *sql.Stmt
	defer func() {
		if prepared != nil {
			if cerr := prepared.Close(); cerr != nil && err == nil {
				err = wrap(op, cerr)
			}
		}
	}()
	args := make([]any, 0, min(n, per)*width)
	for start := 0; start < n; start += per {
		end := min(start+per, n)
		args = args[:0]
		for i := start; i < end; i++ {
			before := len(args)
			args = appendRow(args, i)
			if len(args)-before != width {
				return fmt.Errorf("store: %s: row has %d values, want %d", op, len(args)-before, width)
			}
		}
		var stmt *sql.Stmt
		if end-start == per && n >= 2*per {
			if prepared == nil {
				if prepared, err = tx.tx.PrepareContext(ctx, text(per)); err != nil {
					return wrap(op, err)
				}
			}
			stmt = prepared
		}
		if each == nil {
			if stmt != nil {
				_, err = stmt.ExecContext(ctx, args...)
			} else {
				_, err = tx.tx.ExecContext(ctx, text(end-start), args...)
			}
			if err != nil {
				return wrap(op, err)
			}
			continue
		}
		var rows *sql.Rows
		if stmt != nil {
			rows, err = stmt.QueryContext(ctx, args...)
		} else {
			rows, err = tx.tx.QueryContext(ctx, text(end-start), args...)
		}
		if err != nil {
			return wrap(op, err)
		}
		for rows.Next() {
			if err := each(rows); err != nil {
				rows.Close()
				return wrap(op, err)
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return wrap(op, err)
		}
	}
	return nil
}

// rowsOf adapts a slice of rows to batch.
func rowsOf(rows [][]any) func(args []any, i int) []any {
	return func(args []any, i int) []any { return append(args, rows[i]...) }
}

// bulkColumn is one column written by updateMany: its name and SQL type. The type is
// cast explicitly because PostgreSQL cannot infer the types of parameters in VALUES.
type bulkColumn struct {
	name, typ string
}

// updateMany updates many rows of table by id. Each row is the id followed by one value
// per column. On PostgreSQL it takes as few statements as the parameter limit allows:
// UPDATE … FROM (VALUES …) joins on the first value, the id (both engines name the
// columns of a VALUES list column1, column2, …). On SQLite, where a statement costs no
// round trip, one prepared single-row UPDATE runs per row: SQLite materializes the
// VALUES list first, which with long texts (frozen scorecards of 11 kB) made the batched
// form about six times slower.
func (tx *Tx) updateMany(ctx context.Context, table string, cols []bulkColumn, rows [][]any) error {
	width := len(cols) + 1
	if tx.d.name == SQLite {
		if len(rows) == 0 {
			return nil
		}
		var set strings.Builder
		for i, c := range cols {
			if i > 0 {
				set.WriteString(", ")
			}
			set.WriteString(c.name + " = ?")
		}
		stmt, err := tx.tx.PrepareContext(ctx, "UPDATE "+table+" SET "+set.String()+" WHERE id = ?")
		if err != nil {
			return wrap("update "+table, err)
		}
		defer stmt.Close()
		args := make([]any, width)
		for _, r := range rows {
			if len(r) != width {
				return fmt.Errorf("store: update %s: row has %d values, want %d", table, len(r), width)
			}
			copy(args, r[1:])
			args[width-1] = r[0]
			if _, err := stmt.ExecContext(ctx, args...); err != nil {
				return wrap("update "+table, err)
			}
		}
		return nil
	}
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
	head := fmt.Sprintf("UPDATE %s SET %s FROM (VALUES ", table, set.String())
	tail := fmt.Sprintf(") AS v WHERE %s.id = v.column1", table)
	return tx.batch(ctx, "update "+table, head, tuple.String(), tail, width, len(rows), rowsOf(rows), nil)
}

// insertMany inserts rows into table in multi-row statements and returns nothing; use
// it for rows whose ids are not needed.
func (tx *Tx) insertMany(ctx context.Context, table string, cols []string, rows [][]any) error {
	return tx.insertRows(ctx, table, cols, len(rows), rowsOf(rows))
}

// insertRows is insertMany for n rows whose values appendRow appends, so that a large
// bulk write need not hold every row as a slice of its own.
func (tx *Tx) insertRows(ctx context.Context, table string, cols []string, n int, appendRow func(args []any, i int) []any) error {
	head := "INSERT INTO " + table + " (" + strings.Join(cols, ", ") + ") VALUES "
	return tx.batch(ctx, "insert "+table, head, "("+placeholders(len(cols))+")", "", len(cols), n, appendRow, nil)
}

// insertReturningIDs runs INSERT head + tuples + RETURNING id for n rows in batches and
// returns the ids in the order of the rows: both engines return the rows of a
// multi-row INSERT … RETURNING in VALUES order.
func (tx *Tx) insertReturningIDs(ctx context.Context, op, head, tuple string, width, n int, appendRow func(args []any, i int) []any) ([]int64, error) {
	ids := make([]int64, 0, n)
	err := tx.batch(ctx, op, head, tuple, " RETURNING id", width, n, appendRow, func(r *sql.Rows) error {
		var id int64
		if err := r.Scan(&id); err != nil {
			return err
		}
		ids = append(ids, id)
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(ids) != n {
		return nil, fmt.Errorf("store: %s: %d ids for %d rows", op, len(ids), n)
	}
	return ids, nil
}
