package store

import (
	"bufio"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"
)

// The engine move: Dump writes every table of a database as JSON lines, and Load writes
// such a dump into an empty, migrated database of either engine. Values are written in
// a canonical form (booleans as 0 or 1, numbers as JSON numbers, text as strings, NULL as
// null), so a table's checksum is the same on both engines when its rows are.

// DumpFormat names the file format.
const DumpFormat = "throughline-dump/1"

// TableSummary is one table of a dump: its columns, row count and checksum.
type TableSummary struct {
	Name    string   `json:"name"`
	Columns []string `json:"columns"`
	Rows    int      `json:"rows"`
	SHA256  string   `json:"sha256"`
}

type dumpHeader struct {
	Format     string         `json:"format"`
	Engine     string         `json:"engine"`
	Migrations []int          `json:"migrations"`
	Tables     []TableSummary `json:"tables"`
}

type dumpLine struct {
	Table string `json:"table,omitempty"`
	Row   []any  `json:"row,omitempty"`
}

// tableOrder returns the tables parents first (foreign keys point backwards), and for
// each table the columns that reference the table itself, which Load fills in a second
// pass.
func (db *DB) tableOrder(ctx context.Context) ([]string, map[string][]string, error) {
	cols, err := db.Columns(ctx)
	if err != nil {
		return nil, nil, err
	}
	deps := map[string]map[string]bool{}
	self := map[string][]string{}
	var q string
	if db.d.name == Postgres {
		q = `SELECT tc.table_name, kcu.column_name, ccu.table_name
			FROM information_schema.table_constraints tc
			JOIN information_schema.key_column_usage kcu ON kcu.constraint_name = tc.constraint_name AND kcu.table_schema = tc.table_schema
			JOIN information_schema.constraint_column_usage ccu ON ccu.constraint_name = tc.constraint_name AND ccu.table_schema = tc.table_schema
			WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_schema = current_schema()`
	} else {
		q = `SELECT m.name, f."from", f."table" FROM sqlite_master m, pragma_foreign_key_list(m.name) f WHERE m.type = 'table'`
	}
	rows, err := db.read.QueryContext(ctx, q)
	if err != nil {
		return nil, nil, fmt.Errorf("store: foreign keys: %w", err)
	}
	for rows.Next() {
		var t, col, ref string
		if err := rows.Scan(&t, &col, &ref); err != nil {
			rows.Close()
			return nil, nil, err
		}
		if t == ref {
			self[t] = append(self[t], col)
			continue
		}
		if deps[t] == nil {
			deps[t] = map[string]bool{}
		}
		deps[t][ref] = true
	}
	rows.Close()
	var names []string
	for t := range cols {
		if t != "schema_migrations" { // each database records its own migrations
			names = append(names, t)
		}
	}
	sort.Strings(names)
	var order []string
	state := map[string]int{}
	var visit func(t string) error
	visit = func(t string) error {
		switch state[t] {
		case 1:
			return fmt.Errorf("store: foreign keys form a cycle through %s", t)
		case 2:
			return nil
		}
		state[t] = 1
		var ds []string
		for d := range deps[t] {
			ds = append(ds, d)
		}
		sort.Strings(ds)
		for _, d := range ds {
			if err := visit(d); err != nil {
				return err
			}
		}
		state[t] = 2
		order = append(order, t)
		return nil
	}
	for _, t := range names {
		if err := visit(t); err != nil {
			return nil, nil, err
		}
	}
	return order, self, nil
}

// canonical turns a driver value into the dump's canonical form.
func canonical(v any) any {
	switch x := v.(type) {
	case nil:
		return nil
	case bool:
		if x {
			return int64(1)
		}
		return int64(0)
	case []byte:
		return string(x)
	case float32:
		return canonicalFloat(float64(x))
	case float64:
		return canonicalFloat(x)
	}
	return v
}

// canonicalFloat writes whole floats as integers, so 3.0 checksums like 3 does.
func canonicalFloat(f float64) any {
	if f == math.Trunc(f) && math.Abs(f) < 1<<53 {
		return int64(f)
	}
	return f
}

// Dump writes every table to w and returns the summary (counts and checksums).
func (db *DB) Dump(ctx context.Context, w io.Writer) ([]TableSummary, error) {
	order, _, err := db.tableOrder(ctx)
	if err != nil {
		return nil, err
	}
	cols, err := db.Columns(ctx)
	if err != nil {
		return nil, err
	}
	ms, err := db.Migrations(ctx)
	if err != nil {
		return nil, err
	}
	var versions []int
	for _, m := range ms {
		if !m.Pending() {
			versions = append(versions, m.Version)
		}
	}
	// Two passes: summaries first (so the header can carry them), then the rows. Both
	// run in one read transaction, so they see the same snapshot.
	var sums []TableSummary
	bw := bufio.NewWriterSize(w, 1<<20)
	enc := json.NewEncoder(bw)
	err = db.Read(ctx, func(tx *Tx) error {
		for _, t := range order {
			s, err := tx.scanTable(ctx, t, cols[t], nil)
			if err != nil {
				return err
			}
			sums = append(sums, s)
		}
		if err := enc.Encode(dumpHeader{Format: DumpFormat, Engine: db.d.name, Migrations: versions, Tables: sums}); err != nil {
			return err
		}
		for _, t := range order {
			if err := enc.Encode(dumpLine{Table: t}); err != nil {
				return err
			}
			if _, err := tx.scanTable(ctx, t, cols[t], func(row []any) error { return enc.Encode(dumpLine{Row: row}) }); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return sums, bw.Flush()
}

// Checksums returns every table's row count and checksum, without writing rows.
func (db *DB) Checksums(ctx context.Context) ([]TableSummary, error) {
	order, _, err := db.tableOrder(ctx)
	if err != nil {
		return nil, err
	}
	cols, err := db.Columns(ctx)
	if err != nil {
		return nil, err
	}
	var sums []TableSummary
	err = db.Read(ctx, func(tx *Tx) error {
		for _, t := range order {
			s, err := tx.scanTable(ctx, t, cols[t], nil)
			if err != nil {
				return err
			}
			sums = append(sums, s)
		}
		return nil
	})
	return sums, err
}

// scanTable reads a table in primary-key order (its first column, then the others),
// checksumming the canonical rows and passing each to emit when emit is not nil.
func (tx *Tx) scanTable(ctx context.Context, table string, cols []string, emit func([]any) error) (TableSummary, error) {
	quoted := make([]string, len(cols))
	for i, c := range cols {
		quoted[i] = `"` + c + `"`
	}
	rows, err := tx.tx.QueryContext(ctx, `SELECT `+strings.Join(quoted, ", ")+` FROM "`+table+`" ORDER BY `+strings.Join(quoted, ", "))
	if err != nil {
		return TableSummary{}, fmt.Errorf("store: dump %s: %w", table, err)
	}
	defer rows.Close()
	h := sha256.New()
	s := TableSummary{Name: table, Columns: cols}
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return s, fmt.Errorf("store: dump %s: %w", table, err)
		}
		row := make([]any, len(vals))
		for i, v := range vals {
			row[i] = canonical(v)
		}
		b, _ := json.Marshal(row)
		h.Write(b)
		h.Write([]byte{'\n'})
		s.Rows++
		if emit != nil {
			if err := emit(row); err != nil {
				return s, err
			}
		}
	}
	s.SHA256 = hex.EncodeToString(h.Sum(nil))
	return s, rows.Err()
}

// Load reads a dump into this database, which must be migrated to the same migrations
// and empty. Everything happens in one transaction: a failed load leaves nothing behind.
// It returns the summary the dump declared.
func (db *DB) Load(ctx context.Context, r io.Reader) ([]TableSummary, error) {
	br := bufio.NewReaderSize(r, 1<<20)
	dec := json.NewDecoder(br)
	dec.UseNumber()
	var head dumpHeader
	if err := dec.Decode(&head); err != nil || head.Format != DumpFormat {
		return nil, fmt.Errorf("store: not a Throughline dump (%v)", err)
	}
	ms, err := db.Migrations(ctx)
	if err != nil {
		return nil, err
	}
	var mine []int
	for _, m := range ms {
		if !m.Pending() {
			mine = append(mine, m.Version)
		}
	}
	if fmt.Sprint(mine) != fmt.Sprint(head.Migrations) {
		return nil, fmt.Errorf("store: the dump has migrations %v but this database has %v; migrate both to the same version first", head.Migrations, mine)
	}
	_, self, err := db.tableOrder(ctx)
	if err != nil {
		return nil, err
	}
	types, err := db.columnTypes(ctx)
	if err != nil {
		return nil, err
	}
	byName := map[string]TableSummary{}
	for _, t := range head.Tables {
		byName[t.Name] = t
	}
	err = db.Write(ctx, func(tx *Tx) error {
		// The target must hold no organization: no people and no accounts. Rows that
		// migrations seed (the survey question bank) are replaced by the dump's, so every
		// table is cleared first, children before parents.
		for _, t := range []string{"people", "accounts"} {
			n, err := tx.count(ctx, `SELECT count(*) FROM "`+t+`"`)
			if err != nil {
				return fmt.Errorf("store: load: table %s: %w", t, err)
			}
			if n > 0 {
				return fmt.Errorf("store: load: table %s already has %d rows; load into an empty database", t, n)
			}
		}
		for i := len(head.Tables) - 1; i >= 0; i-- {
			if _, err := tx.exec(ctx, `DELETE FROM "`+head.Tables[i].Name+`"`); err != nil {
				return fmt.Errorf("store: load: clear %s: %w", head.Tables[i].Name, err)
			}
		}
		var cur TableSummary
		var batch [][]any
		var later [][]any // (id, self-referencing values) to set after the table is in
		flush := func() error {
			if len(batch) == 0 {
				return nil
			}
			err := tx.insertMany(ctx, `"`+cur.Name+`"`, quoteAll(cur.Columns), batch)
			batch = batch[:0]
			return err
		}
		finish := func() error {
			if err := flush(); err != nil {
				return err
			}
			if len(later) > 0 {
				selfCols := self[cur.Name]
				var set []string
				for _, c := range selfCols {
					set = append(set, `"`+c+`" = ?`)
				}
				for _, l := range later {
					if _, err := tx.exec(ctx, `UPDATE "`+cur.Name+`" SET `+strings.Join(set, ", ")+` WHERE "`+cur.Columns[0]+`" = ?`, append(l[1:], l[0])...); err != nil {
						return fmt.Errorf("store: load %s: %w", cur.Name, err)
					}
				}
				later = later[:0]
			}
			return nil
		}
		for {
			var line struct {
				Table string            `json:"table"`
				Row   []json.RawMessage `json:"row"`
			}
			if err := dec.Decode(&line); err == io.EOF {
				break
			} else if err != nil {
				return fmt.Errorf("store: load: %w", err)
			}
			if line.Table != "" {
				if err := finish(); err != nil {
					return err
				}
				var ok bool
				if cur, ok = byName[line.Table]; !ok {
					return fmt.Errorf("store: load: table %s is not in the header", line.Table)
				}
				continue
			}
			if len(line.Row) != len(cur.Columns) {
				return fmt.Errorf("store: load %s: a row has %d values for %d columns", cur.Name, len(line.Row), len(cur.Columns))
			}
			row := make([]any, len(cur.Columns))
			var deferred []any
			for i, raw := range line.Row {
				v, err := decodeValue(raw, types[cur.Name][cur.Columns[i]])
				if err != nil {
					return fmt.Errorf("store: load %s.%s: %w", cur.Name, cur.Columns[i], err)
				}
				if contains(self[cur.Name], cur.Columns[i]) {
					deferred = append(deferred, v)
					v = nil
				}
				row[i] = v
			}
			if deferred != nil {
				later = append(later, append([]any{row[0]}, deferred...))
			}
			batch = append(batch, row)
			if len(batch) >= 1000 {
				if err := flush(); err != nil {
					return err
				}
			}
		}
		if err := finish(); err != nil {
			return err
		}
		return tx.d.resetSequences(ctx, tx, head.Tables)
	})
	if err != nil {
		return nil, err
	}
	return head.Tables, nil
}

func quoteAll(cols []string) []string {
	out := make([]string, len(cols))
	for i, c := range cols {
		out[i] = `"` + c + `"`
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// decodeValue turns a canonical JSON value into a value for a column of the given
// engine type ("boolean" on PostgreSQL takes 0/1 back to false/true).
func decodeValue(raw json.RawMessage, typ string) (any, error) {
	if string(raw) == "null" {
		return nil, nil
	}
	switch raw[0] {
	case '"':
		var s string
		err := json.Unmarshal(raw, &s)
		return s, err
	}
	n := json.Number(string(raw))
	if typ == "boolean" {
		return n.String() != "0", nil
	}
	if i, err := n.Int64(); err == nil && !strings.ContainsAny(n.String(), ".eE") {
		if strings.Contains(typ, "double") || typ == "real" {
			return float64(i), nil
		}
		return i, nil
	}
	f, err := strconv.ParseFloat(n.String(), 64)
	return f, err
}

// columnTypes returns each column's type, lower-cased, by table.
func (db *DB) columnTypes(ctx context.Context) (map[string]map[string]string, error) {
	q := `SELECT m.name, c.name, lower(c.type) FROM sqlite_master m, pragma_table_info(m.name) c WHERE m.type = 'table'`
	if db.d.name == Postgres {
		q = `SELECT table_name, column_name, lower(data_type) FROM information_schema.columns WHERE table_schema = current_schema()`
	}
	rows, err := db.read.QueryContext(ctx, q)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]map[string]string{}
	for rows.Next() {
		var t, c, typ string
		if err := rows.Scan(&t, &c, &typ); err != nil {
			return nil, err
		}
		if out[t] == nil {
			out[t] = map[string]string{}
		}
		out[t][c] = typ
	}
	return out, rows.Err()
}

// resetSequences moves PostgreSQL's identity sequences past the loaded ids, so new rows
// do not collide with them. SQLite needs nothing: its rowids continue from the maximum.
func (d dialect) resetSequences(ctx context.Context, tx *Tx, tables []TableSummary) error {
	if d.name != Postgres {
		return nil
	}
	for _, t := range tables {
		if len(t.Columns) == 0 || t.Columns[0] != "id" || t.Rows == 0 {
			continue
		}
		var seq sql.NullString
		if err := tx.queryRow(ctx, `SELECT pg_get_serial_sequence(?, 'id')`, t.Name).Scan(&seq); err != nil {
			return fmt.Errorf("store: sequence of %s: %w", t.Name, err)
		}
		if !seq.Valid {
			continue
		}
		if _, err := tx.exec(ctx, `SELECT setval(?, (SELECT max(id) FROM "`+t.Name+`"))`, seq.String); err != nil {
			return fmt.Errorf("store: reset sequence of %s: %w", t.Name, err)
		}
	}
	return nil
}

// ErrChecksum is returned when a loaded database does not match its dump.
var ErrChecksum = errors.New("store: the loaded data does not match the dump")
