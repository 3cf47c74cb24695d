package stats

import (
	"math"
	"math/rand/v2"
	"testing"
)

func near(a, b float64) bool { return math.Abs(a-b) < 1e-12 }

func edges(pairs ...[2]int32) []Edge {
	out := make([]Edge, len(pairs))
	for i, p := range pairs {
		out[i] = Edge{A: p[0], B: p[1], W: 1}
	}
	return out
}

// TestConstraintByHand checks Burt's constraint against values worked out by hand (and
// cross-checked with exact fractions): a star, a path, a triangle, a kite, a weighted
// star, and two triangles joined through a broker.
func TestConstraintByHand(t *testing.T) {
	cases := []struct {
		name  string
		n     int
		edges []Edge
		want  []float64
	}{
		// Star: the centre's three collaborators do not know each other:
		// 3 × (1/3)² = 1/3. Each leaf has one tie: 1² = 1.
		{"star", 4, edges([2]int32{0, 1}, [2]int32{0, 2}, [2]int32{0, 3}), []float64{1.0 / 3, 1, 1, 1}},
		// Path a–b–c: b has two unconnected collaborators: 2 × (1/2)² = 1/2.
		{"path", 3, edges([2]int32{0, 1}, [2]int32{1, 2}), []float64{1, 0.5, 1}},
		// Triangle: each p = 1/2, and the indirect path adds 1/2 · 1/2: 2 × (3/4)² = 9/8.
		{"triangle", 3, edges([2]int32{0, 1}, [2]int32{1, 2}, [2]int32{0, 2}), []float64{9.0 / 8, 9.0 / 8, 9.0 / 8}},
		// Kite: triangle 0,1,2 with 3 hanging off 2.
		// c(2) = (1/3 + 1/3·1/2)² · 2 + (1/3)² = 1/4 + 1/4 + 1/9 = 11/18.
		// c(0) = (1/2 + 1/2·1/3)² + (1/2 + 1/2·1/2)² = 4/9 + 9/16 = 145/144.
		{"kite", 4, edges([2]int32{0, 1}, [2]int32{0, 2}, [2]int32{1, 2}, [2]int32{2, 3}), []float64{145.0 / 144, 145.0 / 144, 11.0 / 18, 1}},
		// Weighted star: weights 2, 1, 1 give p = 1/2, 1/4, 1/4: 1/4 + 1/16 + 1/16 = 3/8.
		{"weighted star", 4, []Edge{{0, 1, 2}, {0, 2, 1}, {0, 3, 1}}, []float64{3.0 / 8, 1, 1, 1}},
		// The same tie given twice is merged into weight 2, in either direction.
		{"merged duplicates", 4, []Edge{{0, 1, 1}, {1, 0, 1}, {0, 2, 1}, {3, 0, 1}}, []float64{3.0 / 8, 1, 1, 1}},
		// Two triangles (0,1,2) and (3,4,5); 6 is tied to 0 and 3 only: a pure broker
		// with c = 1/2; 0 and 3 sit in a triangle plus the bridge: 11/18.
		{"broker", 7, edges([2]int32{0, 1}, [2]int32{1, 2}, [2]int32{0, 2}, [2]int32{3, 4}, [2]int32{4, 5}, [2]int32{3, 5}, [2]int32{6, 0}, [2]int32{6, 3}),
			[]float64{11.0 / 18, 145.0 / 144, 145.0 / 144, 11.0 / 18, 145.0 / 144, 145.0 / 144, 0.5}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			g := NewGraph(c.n, c.edges)
			got := g.Constraint()
			nodes := make([]int, c.n)
			for i := range nodes {
				nodes[i] = c.n - 1 - i
			}
			some := g.ConstraintOf(nodes)
			for i, w := range c.want {
				if !near(got[i], w) || !near(some[c.n-1-i], w) {
					t.Errorf("constraint(%d) = %.6f (one by one %.6f), want %.6f", i, got[i], some[c.n-1-i], w)
				}
			}
		})
	}
}

func TestIsolatedAndBrokerage(t *testing.T) {
	g := NewGraph(3, []Edge{{0, 1, 1}, {2, 2, 1}, {0, 5, 1}, {1, 2, 0}})
	c := g.Constraint()
	if !math.IsNaN(c[2]) {
		t.Errorf("isolated node: constraint %v, want NaN (self-loops, zero weights and out-of-range ends are dropped)", c[2])
	}
	if g.Ties() != 1 {
		t.Errorf("ties = %d, want 1", g.Ties())
	}
	for _, tc := range []struct{ c, want float64 }{{math.NaN(), 0}, {1.125, 0}, {1, 0}, {0.25, 0.75}} {
		if got := Brokerage(tc.c); !near(got, tc.want) {
			t.Errorf("Brokerage(%v) = %v, want %v", tc.c, got, tc.want)
		}
	}
}

// TestReachAndMatrix works through departments by hand:
//
//	group 0: nodes 0, 1, 2    group 1: nodes 3, 4    group 2: node 5    unknown: node 6
//	ties: 0–1, 1–2 (inside 0); 0–3, 0–5 (0 reaches groups 1 and 2); 3–4 (inside 1); 4–6.
func TestReachAndMatrix(t *testing.T) {
	g := NewGraph(7, edges([2]int32{0, 1}, [2]int32{1, 2}, [2]int32{0, 3}, [2]int32{0, 5}, [2]int32{3, 4}, [2]int32{4, 6}))
	group := []int32{0, 0, 0, 1, 1, 2, -1}
	reached, cross := g.Reach(group, 3)
	wantReached := []int{2, 0, 0, 1, 0, 1, 0}
	wantCross := []int{2, 0, 0, 1, 0, 1, 0}
	for v := range wantReached {
		if reached[v] != wantReached[v] || cross[v] != wantCross[v] {
			t.Errorf("node %d: reached %d, cross %d; want %d, %d", v, reached[v], cross[v], wantReached[v], wantCross[v])
		}
	}
	m := g.GroupMatrix(group, 3)
	want := [][]int{{2, 1, 1}, {1, 1, 0}, {1, 0, 0}}
	for i := range want {
		for j := range want[i] {
			if m[i][j] != want[i][j] {
				t.Errorf("matrix[%d][%d] = %d, want %d", i, j, m[i][j], want[i][j])
			}
		}
	}
	// Group 0 has tie ends 2·2 (inside) + 1 + 1 = 6: inward share 4/6.
	s := RowShares(m)
	if !near(s[0][0], 4.0/6) || !near(s[0][1], 1.0/6) || !near(s[1][1], 2.0/3) || !near(s[2][0], 1) {
		t.Errorf("shares = %v", s)
	}
}

func TestPercentile(t *testing.T) {
	if got := Percentile([]float64{0.1, 0.2, math.NaN(), 0.4, 0.5}, 0.4); !near(got, 0.5) {
		t.Errorf("Percentile = %v, want 0.5", got)
	}
}

// randomOrg makes n people in depts departments with exactly ties distinct ties: four
// in five join people of the same department who sit near each other (team-like
// neighbourhoods), one in five crosses departments at random.
func randomOrg(n, ties, depts int, seed uint64) ([]Edge, []int32) {
	r := rand.New(rand.NewPCG(seed, 1))
	group := make([]int32, n)
	for i := range group {
		group[i] = int32(i % depts)
	}
	es := make([]Edge, 0, ties)
	seen := make(map[uint64]bool, ties)
	for len(es) < ties {
		a := int32(r.IntN(n))
		var b int32
		if r.IntN(5) == 0 {
			b = int32(r.IntN(n))
		} else {
			// someone nearby in the same department
			b = a + int32(depts*(1+r.IntN(40)))
			if int(b) >= n {
				b = a - int32(depts*(1+r.IntN(40)))
			}
		}
		if b < 0 || a == b {
			continue
		}
		lo, hi := min(a, b), max(a, b)
		if key := uint64(lo)<<32 | uint64(hi); seen[key] {
			continue
		} else {
			seen[key] = true
		}
		es = append(es, Edge{A: a, B: b, W: 1})
	}
	return es, group
}

// BenchmarkNetworkMeasures computes every network measure Throughline shows for 100,000
// people with 1,000,000 ties: building the graph (merging duplicate ties), Burt's
// constraint for everyone (exact), departments reached and cross-department ties for
// everyone, and the department × department matrix with its row shares ("all"); and
// each step on its own.
func BenchmarkNetworkMeasures(b *testing.B) {
	const n, ties, depts = 100_000, 1_000_000, 12
	es, group := randomOrg(n, ties, depts, 7)
	g := NewGraph(n, es)
	if g.Ties() != ties {
		b.Fatalf("ties = %d, want %d", g.Ties(), ties)
	}
	b.Run("all", func(b *testing.B) {
		for b.Loop() {
			g := NewGraph(n, es)
			_ = g.Constraint()
			_, _ = g.Reach(group, depts)
			_ = RowShares(g.GroupMatrix(group, depts))
		}
	})
	b.Run("graph", func(b *testing.B) {
		for b.Loop() {
			_ = NewGraph(n, es)
		}
	})
	b.Run("constraint", func(b *testing.B) {
		for b.Loop() {
			_ = g.Constraint()
		}
	})
	b.Run("reach-and-matrix", func(b *testing.B) {
		for b.Loop() {
			_, _ = g.Reach(group, depts)
			_ = RowShares(g.GroupMatrix(group, depts))
		}
	})
}

func TestRandomOrgIsLarge(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	es, _ := randomOrg(10_000, 100_000, 12, 7)
	g := NewGraph(10_000, es)
	if g.Ties() != 100_000 {
		t.Errorf("ties = %d, want 100,000", g.Ties())
	}
	c := g.Constraint()
	for i, v := range c {
		if g.Degree(i) > 0 && (math.IsNaN(v) || v <= 0 || v > 1.125+1e-9) {
			t.Fatalf("constraint(%d) = %v out of (0, 1.125]", i, v)
		}
	}
}
