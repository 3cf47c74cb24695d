// Package stats holds Throughline's statistics as pure functions: network measures of
// the collaboration graph, balanced selection, and (as the product grows) estimates and
// intervals. It imports only the standard library.
package stats

import (
	"math"
	"runtime"
	"slices"
	"sync"
)

// Edge is an undirected tie between nodes A and B (0-based) with a positive weight.
type Edge struct {
	A, B int32
	W    float64
}

// Graph is an undirected weighted graph in compressed sparse row form: the neighbours of
// v are Adj[Off[v]:Off[v+1]], in increasing order, with their tie weights in W.
type Graph struct {
	N        int
	Off      []int32
	Adj      []int32
	W        []float64
	Strength []float64 // the sum of each node's tie weights
}

// NewGraph builds a graph of n nodes from edges. Duplicate edges (in either direction)
// are merged and their weights summed; self-loops, edges with a node out of range and
// edges with a weight that is not positive are dropped.
func NewGraph(n int, edges []Edge) *Graph {
	type keyed struct {
		key uint64
		w   float64
	}
	ks := make([]keyed, 0, len(edges))
	for _, e := range edges {
		a, b := e.A, e.B
		if a == b || a < 0 || b < 0 || int(a) >= n || int(b) >= n || !(e.W > 0) {
			continue
		}
		if a > b {
			a, b = b, a
		}
		ks = append(ks, keyed{uint64(a)<<32 | uint64(b), e.W})
	}
	slices.SortFunc(ks, func(x, y keyed) int {
		switch {
		case x.key < y.key:
			return -1
		case x.key > y.key:
			return 1
		}
		return 0
	})
	uniq := ks[:0]
	for _, k := range ks {
		if len(uniq) > 0 && uniq[len(uniq)-1].key == k.key {
			uniq[len(uniq)-1].w += k.w
			continue
		}
		uniq = append(uniq, k)
	}
	g := &Graph{N: n, Off: make([]int32, n+1), Strength: make([]float64, n)}
	for _, k := range uniq {
		g.Off[k.key>>32+1]++
		g.Off[uint32(k.key)+1]++
	}
	for v := 0; v < n; v++ {
		g.Off[v+1] += g.Off[v]
	}
	g.Adj = make([]int32, 2*len(uniq))
	g.W = make([]float64, 2*len(uniq))
	fill := slices.Clone(g.Off[:n])
	// Edges are sorted by (a, b) with a < b, so each node receives its smaller
	// neighbours first, in order, then its larger ones, in order.
	for _, k := range uniq {
		a, b := int32(k.key>>32), int32(uint32(k.key))
		g.Adj[fill[a]], g.W[fill[a]] = b, k.w
		fill[a]++
		g.Adj[fill[b]], g.W[fill[b]] = a, k.w
		fill[b]++
		g.Strength[a] += k.w
		g.Strength[b] += k.w
	}
	return g
}

// Degree is the number of distinct neighbours of v.
func (g *Graph) Degree(v int) int { return int(g.Off[v+1] - g.Off[v]) }

// Ties is the number of distinct edges.
func (g *Graph) Ties() int { return len(g.Adj) / 2 }

// Constraint returns Burt's constraint of every node (R. S. Burt, Structural Holes: The
// Social Structure of Competition, Harvard University Press, 1992, ch. 2):
//
//	c(i) = Σ_{j ∈ N(i)} ( p_ij + Σ_{q ∈ N(i), q ≠ j} p_iq · p_qj )²,   p_ij = w_ij / Σ_k w_ik
//
// It is high (up to 1.125 in a triangle, 1 for a single tie) when i's collaborators are
// tied to each other, and low when they are not, so 1 − c(i) is a brokerage score: how
// much i bridges people who would otherwise be apart. The value is exact. Isolated nodes
// get NaN. The cost is Σ_q deg(q)², spread over all CPUs; for 100,000 nodes and a
// million ties it takes well under a second (BenchmarkNetworkMeasures).
func (g *Graph) Constraint() []float64 {
	out := make([]float64, g.N)
	workers := max(1, min(runtime.GOMAXPROCS(0), g.N/1024+1))
	var wg sync.WaitGroup
	chunk := (g.N + workers - 1) / workers
	for w := 0; w < workers; w++ {
		lo, hi := w*chunk, min(g.N, (w+1)*chunk)
		if lo >= hi {
			break
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			stamp := make([]int32, g.N)
			val := make([]float64, g.N)
			for i := lo; i < hi; i++ {
				out[i] = g.constraintOf(i, stamp, val)
			}
		}()
	}
	wg.Wait()
	return out
}

// ConstraintOf returns Burt's constraint of the given nodes only, in their order: for a
// page that needs a few people's values, not everyone's.
func (g *Graph) ConstraintOf(nodes []int) []float64 {
	out := make([]float64, len(nodes))
	if len(nodes) == 0 {
		return out
	}
	stamp := make([]int32, g.N)
	val := make([]float64, g.N)
	for k, i := range nodes {
		out[k] = g.constraintOf(i, stamp, val)
	}
	return out
}

// constraintOf computes c(i) with scratch arrays: stamp marks i's neighbours (with i+1,
// so the arrays never need clearing) and val accumulates each one's term.
func (g *Graph) constraintOf(i int, stamp []int32, val []float64) float64 {
	lo, hi := g.Off[i], g.Off[i+1]
	if lo == hi || g.Strength[i] <= 0 {
		return math.NaN()
	}
	mark := int32(i + 1)
	si := g.Strength[i]
	for k := lo; k < hi; k++ {
		j := g.Adj[k]
		stamp[j] = mark
		val[j] = g.W[k] / si
	}
	for k := lo; k < hi; k++ {
		q := g.Adj[k]
		piq := g.W[k] / si
		sq := g.Strength[q]
		for m := g.Off[q]; m < g.Off[q+1]; m++ {
			j := g.Adj[m]
			if stamp[j] == mark {
				val[j] += piq * g.W[m] / sq
			}
		}
	}
	c := 0.0
	for k := lo; k < hi; k++ {
		v := val[g.Adj[k]]
		c += v * v
	}
	return c
}

// Brokerage maps a constraint to a 0–1 brokerage score: 1 − c, floored at 0; NaN
// (no ties) becomes 0.
func Brokerage(constraint float64) float64 {
	if math.IsNaN(constraint) {
		return 0
	}
	return math.Max(0, 1-constraint)
}

// Reach counts, for every node, the distinct groups other than its own among its
// neighbours (reached) and the neighbours in another group (cross). group[v] is v's
// group, 0 ≤ group[v] < k, or −1 when unknown: unknown nodes reach nothing, and a
// neighbour whose group is unknown counts for neither.
func (g *Graph) Reach(group []int32, k int) (reached, cross []int) {
	reached, cross = make([]int, g.N), make([]int, g.N)
	stamp := make([]int32, k)
	for v := 0; v < g.N; v++ {
		gv := group[v]
		if gv < 0 {
			continue
		}
		mark := int32(v + 1)
		for e := g.Off[v]; e < g.Off[v+1]; e++ {
			gu := group[g.Adj[e]]
			if gu < 0 || gu == gv {
				continue
			}
			cross[v]++
			if stamp[gu] != mark {
				stamp[gu] = mark
				reached[v]++
			}
		}
	}
	return reached, cross
}

// GroupMatrix counts the ties between every pair of groups: m[a][b] = m[b][a] is the
// number of ties with one end in a and the other in b, and m[a][a] the ties inside a.
// Nodes of unknown group (−1) are left out.
func (g *Graph) GroupMatrix(group []int32, k int) [][]int {
	m := make([][]int, k)
	for i := range m {
		m[i] = make([]int, k)
	}
	for v := 0; v < g.N; v++ {
		gv := group[v]
		if gv < 0 {
			continue
		}
		for e := g.Off[v]; e < g.Off[v+1]; e++ {
			u := g.Adj[e]
			if int(u) < v {
				continue // each tie once
			}
			gu := group[u]
			if gu < 0 {
				continue
			}
			m[gv][gu]++
			if gu != gv {
				m[gu][gv]++
			}
		}
	}
	return m
}

// RowShares turns a group matrix into the share of each group's tie ends that reach
// each group: a tie inside a group has both ends there, so the diagonal counts twice.
// A group without ties has a row of zeros.
func RowShares(m [][]int) [][]float64 {
	out := make([][]float64, len(m))
	for i, row := range m {
		out[i] = make([]float64, len(row))
		total := 0
		for j, n := range row {
			if i == j {
				total += 2 * n
			} else {
				total += n
			}
		}
		if total == 0 {
			continue
		}
		for j, n := range row {
			if i == j {
				n *= 2
			}
			out[i][j] = float64(n) / float64(total)
		}
	}
	return out
}

// CliqueEdges returns the ties among the members of one group of people who worked
// together (every pair, weight 1), to be merged into a graph by NewGraph.
func CliqueEdges(dst []Edge, members []int32) []Edge {
	for a := 0; a < len(members); a++ {
		for b := a + 1; b < len(members); b++ {
			dst = append(dst, Edge{A: members[a], B: members[b], W: 1})
		}
	}
	return dst
}

// Percentile returns the share of values strictly below v, ignoring NaN.
func Percentile(values []float64, v float64) float64 {
	n, below := 0, 0
	for _, x := range values {
		if math.IsNaN(x) {
			continue
		}
		n++
		if x < v {
			below++
		}
	}
	if n == 0 {
		return 0
	}
	return float64(below) / float64(n)
}
