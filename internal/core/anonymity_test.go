package core_test

import (
	"math/rand/v2"
	"testing"

	"throughline/internal/core"
	"throughline/internal/model"
)

func atoms(sizes ...int) []core.AnonAtom {
	out := make([]core.AnonAtom, len(sizes))
	for i, n := range sizes {
		out[i] = core.AnonAtom{ID: int64(i + 1), Respondents: n}
	}
	return out
}

func ids(xs ...int64) []int64 { return xs }

func TestBlocksRemainderRule(t *testing.T) {
	all := ids(1, 2, 3, 4)
	cases := []struct {
		name       string
		sizes      []int
		candidates [][]int64
		check      []int64
		shown      bool
	}{
		{"a group of k is shown", []int{5}, [][]int64{ids(1)}, ids(1), true},
		{"a group of k-1 is hidden", []int{4}, [][]int64{ids(1)}, ids(1), false},
		{"parent minus child leaving 1 hides the child", []int{6, 1}, [][]int64{all, ids(1)}, ids(1), false},
		{"... and the parent stays", []int{6, 1}, [][]int64{all, ids(1)}, ids(1, 2), true},
		{"parent minus child leaving k shows both", []int{6, 5}, [][]int64{all, ids(1)}, ids(1), true},
		{"siblings leaving a remainder of 2", []int{6, 6, 2}, [][]int64{all, ids(1), ids(2)}, ids(2), false},
		{"... the first sibling is shown", []int{6, 6, 2}, [][]int64{all, ids(1), ids(2)}, ids(1), true},
		{"... and the remainder with the second sibling is shown", []int{6, 6, 2}, [][]int64{all, ids(1), ids(2)}, ids(2, 3), true},
		{"a filter that cuts a block is hidden", []int{3, 3, 5}, [][]int64{all}, ids(1, 3), false},
		{"a filter of whole blocks is shown", []int{3, 3, 5}, [][]int64{all, ids(1, 2)}, ids(1, 2), true},
		{"atoms without respondents do not matter", []int{5, 0, 5}, [][]int64{all, ids(1)}, ids(1, 2), true},
		{"nobody answered", []int{0, 0}, [][]int64{all}, ids(1, 2), false},
		{"fewer than k in total shows nothing", []int{2, 2}, [][]int64{all}, ids(1, 2), false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			b := core.NewBlocks(5, atoms(tc.sizes...), tc.candidates)
			v := b.Check(tc.check)
			if v.Shown != tc.shown {
				t.Fatalf("shown = %v, want %v (blocks %v)", v.Shown, tc.shown, b.BlockSizes())
			}
			if !v.Shown && v.Respondents != 0 {
				t.Errorf("a hidden group reports %d respondents", v.Respondents)
			}
		})
	}
}

// TestBlocksRestore checks that a stored partition gives the same verdicts.
func TestBlocksRestore(t *testing.T) {
	as := atoms(6, 6, 2, 7, 1)
	cands := [][]int64{ids(1, 2, 3, 4, 5), ids(1), ids(2), ids(4, 5), ids(4)}
	b := core.NewBlocks(5, as, cands)
	r := core.RestoreBlocks(5, as, b.Assignments())
	for mask := 1; mask < 32; mask++ {
		var slice []int64
		for i := 0; i < 5; i++ {
			if mask&(1<<i) != 0 {
				slice = append(slice, int64(i+1))
			}
		}
		if b.Check(slice) != r.Check(slice) {
			t.Errorf("slice %v: %v before storing, %v after", slice, b.Check(slice), r.Check(slice))
		}
	}
}

// TestBlocksNoSmallRegion is the engine's guarantee, checked on random organizations:
// take every group the engine shows (over every subset of atoms); the regions these
// groups cut the respondents into (atoms that every shown group either contains or
// not) all have 0 or at least k respondents. Every figure derivable by adding and
// subtracting shown figures is a sum over such regions, so none is about fewer than k.
func TestBlocksNoSmallRegion(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	for trial := 0; trial < 300; trial++ {
		n := 2 + rng.IntN(9)
		k := 3 + rng.IntN(5)
		sizes := make([]int, n)
		for i := range sizes {
			sizes[i] = rng.IntN(9)
		}
		var cands [][]int64
		for c := 0; c < 1+rng.IntN(12); c++ {
			var cand []int64
			for i := 0; i < n; i++ {
				if rng.IntN(2) == 0 {
					cand = append(cand, int64(i+1))
				}
			}
			cands = append(cands, cand)
		}
		b := core.NewBlocks(k, atoms(sizes...), cands)
		// Signature of each atom: which shown groups contain it.
		sig := make([]uint64, n)
		shownCount := 0
		for mask := 1; mask < 1<<n && shownCount < 64; mask++ {
			var slice []int64
			for i := 0; i < n; i++ {
				if mask&(1<<i) != 0 {
					slice = append(slice, int64(i+1))
				}
			}
			v := b.Check(slice)
			if !v.Shown {
				continue
			}
			if v.Respondents < k {
				t.Fatalf("trial %d: shown group %v has %d < k=%d respondents", trial, slice, v.Respondents, k)
			}
			for i := 0; i < n; i++ {
				if mask&(1<<i) != 0 {
					sig[i] |= 1 << shownCount
				}
			}
			shownCount++
		}
		if shownCount == 0 {
			continue
		}
		regions := map[uint64]int{}
		for i := 0; i < n; i++ {
			regions[sig[i]] += sizes[i]
		}
		for s, size := range regions {
			if size > 0 && size < k {
				t.Fatalf("trial %d (k=%d, sizes %v, candidates %v): a region of %d respondents (signature %b) can be isolated",
					trial, k, sizes, cands, size, s)
			}
		}
	}
}

func TestBlockTalliesLeaveOutThinBlocks(t *testing.T) {
	// Two blocks: {1,2} with 10 respondents and {3} with 6.
	b := core.NewBlocks(5, atoms(4, 6, 6), [][]int64{ids(1, 2, 3), ids(1, 2)})
	bt := b.NewTallies()
	const q = 42
	bt.Add(1, q, 5, 1)
	bt.Add(2, q, 4, 3) // 4 answers in the first block: left out
	bt.Add(3, q, 2, 6) // 6 in the second: kept
	v, blocks := b.Cover(ids(1, 2, 3))
	if !v.Shown || v.Respondents != 16 {
		t.Fatalf("everyone: %+v", v)
	}
	got := bt.Sum(blocks, q)
	if got.N() != 6 || got[2] != 6 {
		t.Errorf("sum = %v, want only the second block's 6 answers", got)
	}
	bt.Add(1, q, 3, 1) // now 5 in the first block
	if got := bt.Sum(blocks, q); got.N() != 11 {
		t.Errorf("sum = %v, want 11 answers", got)
	}
}

// TestScoreOfCountsSkippedAnswersOut checks the arithmetic of favourability and eNPS:
// only answers count, skipped questions never do.
func TestScoreOfCountsSkippedAnswersOut(t *testing.T) {
	var lik core.Tally
	lik[1], lik[2], lik[3], lik[4], lik[5] = 1, 1, 2, 3, 1 // 8 answers
	s := core.ScoreOf(model.KindLikert, lik)
	if s.Answered != 8 || s.Favourable != 50 || s.Neutral != 25 || s.Unfavourable != 25 {
		t.Errorf("likert: %+v, want 8 answered, 50%% favourable, 25%% neutral, 25%% unfavourable", s)
	}
	if s.Mean != (1+2+6+12+5)/8.0 {
		t.Errorf("mean %v", s.Mean)
	}
	var nps core.Tally
	nps[10], nps[9], nps[8], nps[7], nps[6], nps[0] = 3, 2, 2, 1, 1, 1 // 10 answers: 5 promoters, 3 passives, 2 detractors
	e := core.ScoreOf(model.KindENPS, nps)
	if e.Answered != 10 || e.Promoters != 50 || e.Passives != 30 || e.Detractors != 20 || e.ENPS != 30 {
		t.Errorf("enps: %+v, want 10 answered, eNPS 30", e)
	}
	if z := core.ScoreOf(model.KindLikert, core.Tally{}); z.Answered != 0 || z.Favourable != 0 {
		t.Errorf("empty tally: %+v", z)
	}
}

// FuzzBlocks checks the engine's guarantee on arbitrary inputs: atoms and candidates
// are read from the fuzzer's bytes, and every group the engine shows, over every subset
// of atoms, must leave only regions of 0 or at least k respondents.
func FuzzBlocks(f *testing.F) {
	f.Add([]byte{5, 6, 1, 0xff, 0x01, 0x02}, uint8(5))
	f.Add([]byte{6, 6, 2, 7, 1, 0x1f, 0x01, 0x02, 0x18, 0x08}, uint8(5))
	f.Add([]byte{3, 3, 5, 0, 9, 4, 0x07, 0x03, 0x0c}, uint8(3))
	f.Fuzz(func(t *testing.T, data []byte, kb uint8) {
		k := 3 + int(kb%8)
		if len(data) < 2 {
			return
		}
		n := 2 + int(data[0])%7 // atoms
		data = data[1:]
		sizes := make([]int, n)
		for i := range sizes {
			if i < len(data) {
				sizes[i] = int(data[i]) % 12
			}
		}
		var cands [][]int64
		for _, b := range data[min(n, len(data)):] {
			var c []int64
			for i := 0; i < n && i < 8; i++ {
				if b&(1<<i) != 0 {
					c = append(c, int64(i+1))
				}
			}
			cands = append(cands, c)
		}
		b := core.NewBlocks(k, atoms(sizes...), cands)
		sig := make([]uint64, n)
		bit := 0
		for mask := 1; mask < 1<<n && bit < 64; mask++ {
			var slice []int64
			for i := 0; i < n; i++ {
				if mask&(1<<i) != 0 {
					slice = append(slice, int64(i+1))
				}
			}
			v := b.Check(slice)
			if !v.Shown {
				continue
			}
			if v.Respondents < k {
				t.Fatalf("shown group with %d < k=%d", v.Respondents, k)
			}
			for i := 0; i < n; i++ {
				if mask&(1<<i) != 0 {
					sig[i] |= 1 << bit
				}
			}
			bit++
		}
		regions := map[uint64]int{}
		for i := 0; i < n; i++ {
			regions[sig[i]] += sizes[i]
		}
		if bit == 0 {
			return
		}
		for _, size := range regions {
			if size > 0 && size < k {
				t.Fatalf("k=%d sizes %v candidates %v: a region of %d can be isolated", k, sizes, cands, size)
			}
		}
	})
}
