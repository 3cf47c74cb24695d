package store_test

import (
	"context"
	"fmt"
	"testing"

	"throughline/internal/dbtest"
	"throughline/internal/store"
)

// TestBulkWriters writes enough rows for several full batches and a shorter last one on
// both engines (SQLite batches of a few hundred parameters through one prepared
// statement; PostgreSQL batches up to the parameter limit), and checks that every row
// arrives, that RETURNING gives the ids in the order of the rows, and that updateMany
// reaches every row.
func TestBulkWriters(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		b := store.BulkForTest{DB: db}
		ddl := `CREATE TABLE bulk_t (id INTEGER PRIMARY KEY, a TEXT NOT NULL, b BIGINT NOT NULL)`
		if db.Engine() == store.Postgres {
			ddl = `CREATE TABLE bulk_t (id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, a TEXT NOT NULL, b BIGINT NOT NULL)`
		}
		if err := b.Exec(ddl); err != nil {
			t.Fatal(err)
		}
		const n = 40_001 // two full PostgreSQL batches of two columns (16,000 rows each), and a remainder
		rows := make([][]any, n)
		for i := range rows {
			rows[i] = []any{fmt.Sprintf("row %d", i), int64(i)}
		}
		ids, err := b.InsertReturning(ctx, "bulk_t", rows)
		if err != nil {
			t.Fatal(err)
		}
		if len(ids) != n {
			t.Fatalf("got %d ids, want %d", len(ids), n)
		}
		if err := b.Insert(ctx, "bulk_t", rows[:1001]); err != nil {
			t.Fatal(err)
		}
		updates := make([][]any, n)
		for i, id := range ids {
			updates[i] = []any{id, int64(-i)}
		}
		if err := b.Update(ctx, "bulk_t", updates); err != nil {
			t.Fatal(err)
		}
		got, err := db.QueryForTest(`SELECT id, a, b FROM bulk_t ORDER BY id`)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != n+1001 {
			t.Fatalf("table has %d rows, want %d", len(got), n+1001)
		}
		byID := map[int64][]any{}
		for _, r := range got {
			byID[toInt(r[0])] = r
		}
		for i, id := range ids {
			r := byID[id]
			if r == nil || fmt.Sprint(toText(r[1])) != fmt.Sprintf("row %d", i) || toInt(r[2]) != int64(-i) {
				t.Fatalf("id %d (row %d) holds %v, want row %d updated to %d", id, i, r, i, -i)
			}
		}
		returned := byIDs(ids)
		for _, r := range got {
			if !returned[toInt(r[0])] && toInt(r[2]) < 0 {
				t.Fatalf("row %v was updated but not returned", r)
			}
		}
	})
}

func byIDs(ids []int64) map[int64]bool {
	m := make(map[int64]bool, len(ids))
	for _, id := range ids {
		m[id] = true
	}
	return m
}

func toInt(v any) int64 {
	switch x := v.(type) {
	case int64:
		return x
	case int32:
		return int64(x)
	case int:
		return int64(x)
	}
	return -1 << 62
}

func toText(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case []byte:
		return string(x)
	}
	return fmt.Sprint(v)
}
