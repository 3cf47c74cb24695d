package store

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
