package store

import "context"

// RebindForTest exposes the PostgreSQL placeholder rewrite to tests.
func RebindForTest(q string) string { return dialect{name: Postgres}.rebind(q) }

// QueryForTest runs a query and returns every row, for tests that inspect the schema
// and the physical layout of tables.
func (db *DB) QueryForTest(q string, args ...any) ([][]any, error) {
	rows, err := db.read.Query(db.d.rebind(q), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return nil, err
	}
	var out [][]any
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		out = append(out, vals)
	}
	return out, rows.Err()
}

// Tallies codec, for tests.
var (
	EncodeTalliesForTest = encodeTallies
	DecodeTalliesForTest = decodeTallies
)

// BulkForTest runs the multi-row writers on a table of the test's own: insertMany,
// insertManyReturning and updateMany with columns a (text) and b (integer).
type BulkForTest struct{ DB *DB }

// Exec runs a statement on the writer.
func (b BulkForTest) Exec(q string) error {
	_, err := b.DB.write.Exec(q)
	return err
}

// Insert inserts rows of (a, b) and returns nothing.
func (b BulkForTest) Insert(ctx context.Context, table string, rows [][]any) error {
	return b.DB.Write(ctx, func(tx *Tx) error { return tx.insertMany(ctx, table, []string{"a", "b"}, rows) })
}

// InsertReturning inserts rows of (a, b) and returns their ids in order.
func (b BulkForTest) InsertReturning(ctx context.Context, table string, rows [][]any) (ids []int64, err error) {
	err = b.DB.Write(ctx, func(tx *Tx) error {
		ids, err = tx.insertManyReturning(ctx, table, []string{"a", "b"}, rows)
		return err
	})
	return ids, err
}

// Update sets b by id; each row is (id, b).
func (b BulkForTest) Update(ctx context.Context, table string, rows [][]any) error {
	return b.DB.Write(ctx, func(tx *Tx) error { return tx.updateMany(ctx, table, []bulkColumn{{"b", "BIGINT"}}, rows) })
}
