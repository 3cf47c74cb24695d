package store_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"

	"throughline/internal/dbtest"
	"throughline/internal/model"
	"throughline/internal/store"
)

// TestSchemaParity proves both engines end with the same tables and columns.
func TestSchemaParity(t *testing.T) {
	if dbtest.PostgresURL() == "" {
		t.Skip("THROUGHLINE_TEST_POSTGRES is not set; the parity check needs both engines")
	}
	ctx := context.Background()
	lite, err := dbtest.Open(t, store.SQLite).Columns(ctx)
	if err != nil {
		t.Fatal(err)
	}
	pg, err := dbtest.Open(t, store.Postgres).Columns(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(lite) < 10 {
		t.Fatalf("sqlite has %d tables, want the whole schema", len(lite))
	}
	if diff := cmp.Diff(lite, pg); diff != "" {
		t.Errorf("schemas differ (-sqlite +postgres):\n%s", diff)
	}
}

func TestMigrateIsIdempotent(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		done, err := db.Migrate(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(done) != 0 {
			t.Errorf("second migrate applied %d migrations, want 0", len(done))
		}
		ok, err := db.Current(ctx)
		if err != nil || !ok {
			t.Errorf("Current() = %v, %v; want true", ok, err)
		}
	})
}

// TestMigrationNumbersMatch checks that both engines have the same migrations, by
// number and name, in increasing order.
func TestMigrationNumbersMatch(t *testing.T) {
	names := map[string][]string{}
	for _, engine := range []string{store.SQLite, store.Postgres} {
		ms, err := store.MigrationList(engine)
		if err != nil {
			t.Fatal(err)
		}
		prev := 0
		for _, m := range ms {
			if m.Version <= prev {
				t.Errorf("%s: migration %d after %d", engine, m.Version, prev)
			}
			prev = m.Version
			names[engine] = append(names[engine], fmt.Sprintf("%04d_%s", m.Version, m.Name))
		}
	}
	if diff := cmp.Diff(names[store.SQLite], names[store.Postgres]); diff != "" {
		t.Errorf("the engines' migrations differ (-sqlite +postgres):\n%s", diff)
	}
}

func TestSubtreeMove(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		err := db.Write(ctx, func(tx *store.Tx) error {
			type node struct {
				id   int64
				path string
			}
			mk := func(emp string, mgr *node) node {
				r := store.PersonRecord{EmployeeID: emp, Name: emp, Email: emp + "@x.org", Active: true, Path: "/", Depth: 1}
				if mgr != nil {
					r.ManagerID, r.Path, r.Depth = mgr.id, mgr.path+itoa(mgr.id)+"/", countSlash(mgr.path)+1
				}
				id, err := tx.CreatePerson(ctx, r)
				if err != nil {
					t.Fatal(err)
				}
				return node{id, r.Path}
			}
			a := mk("a", nil)
			b := mk("b", &a)
			c := mk("c", &b)
			mk("d", &c)
			z := mk("z", nil)
			// Move b (with c and d) under z.
			zLine := z.path + itoa(z.id) + "/"
			if err := tx.SetPlacement(ctx, b.id, z.id, b.path, zLine, 2); err != nil {
				t.Fatal(err)
			}
			d, err := tx.FindPersonByEmployeeID(ctx, "d")
			if err != nil {
				t.Fatal(err)
			}
			want := zLine + itoa(b.id) + "/" + itoa(c.id) + "/"
			if d.Path != want || d.Depth != 4 {
				t.Errorf("d path %q depth %d, want %q depth 4", d.Path, d.Depth, want)
			}
			under, _, err := tx.FindPeople(ctx, model.PersonFilter{Under: zLine})
			if err != nil {
				t.Fatal(err)
			}
			if len(under) != 3 {
				t.Errorf("%d people under z, want 3 (b, c, d)", len(under))
			}
			under, _, _ = tx.FindPeople(ctx, model.PersonFilter{Under: a.path + itoa(a.id) + "/"})
			if len(under) != 0 {
				t.Errorf("%d people under a, want 0", len(under))
			}
			chain, err := tx.Chain(ctx, d.Path)
			if err != nil || len(chain) != 3 || chain[0].Name != "c" || chain[2].Name != "z" {
				t.Errorf("chain of d: %v %v, want c, b, z", chain, err)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	})
}

func TestRateLimitWindow(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		hit := func() int {
			var n int
			if err := db.Write(ctx, func(tx *store.Tx) (err error) {
				n, err = tx.HitRateLimit(ctx, "k", 60)
				return err
			}); err != nil {
				t.Fatal(err)
			}
			return n
		}
		for i := 1; i <= 3; i++ {
			if got := hit(); got != i {
				t.Fatalf("hit %d: count %d, want %d", i, got, i)
			}
		}
		later := db.Now().Add(61e9)
		db.SetNow(func() time_ { return later })
		if got := hit(); got != 1 {
			t.Errorf("after the window: count %d, want 1", got)
		}
	})
}

func TestRebindSkipsQuotes(t *testing.T) {
	got := store.RebindForTest(`SELECT '?', "a?" FROM t WHERE x = ? AND y LIKE ? ESCAPE '\'`)
	want := `SELECT '?', "a?" FROM t WHERE x = $1 AND y LIKE $2 ESCAPE '\'`
	if got != want {
		t.Errorf("rebind:\n got %s\nwant %s", got, want)
	}
}
