package core

import (
	"sort"

	"throughline/internal/model"
)

// The anonymity engine. Every figure Throughline shows about people's anonymous answers
// (survey scores, favourability, eNPS, distributions, response rates, comments, heatmap
// cells, trends, CSV exports and API responses, and upward feedback in reviews) passes
// through it. Nothing computes such an aggregate another way.
//
// The rule, precisely:
//
//  1. Threshold. k is the organization's minimum group size (5 by default, 3 to 10),
//     frozen into a survey round when it launches. It can be raised until the round
//     closes and never lowered; once the round closes it never changes.
//
//  2. Atoms. Respondents are known only by the group frozen at launch: department,
//     location, manager's team (and so reporting line and level) and tenure band. An
//     atom is the set of respondents who share all of them. Answers are tallied per
//     atom; no figure is ever computed for less than an atom.
//
//  3. Blocks. When a round closes the engine partitions the atoms that have respondents
//     into blocks, each with at least k respondents, and stores the partition. It
//     starts with one block (everyone) and considers candidate groups in a fixed order
//     of priority (see surveyCandidates: everyone, departments, managers' teams,
//     reporting lines, locations, levels, tenure bands, then pairs of those). A
//     candidate G is accepted when, for every block B it touches, both B∩G and B∖G
//     have no respondents or at least k; each touched block is then split in two. A
//     candidate that would leave a part of 1 to k−1 respondents is refused: this is
//     the remainder rule. Because candidates come in order of priority, and larger
//     groups before smaller ones within a kind, the group refused is the later, more
//     specific one, the one whose figure would say more about fewer people.
//
//  4. Publishing. A group of respondents (any filter combination, heatmap cell, table
//     row or export line) is shown if and only if it is a union of whole blocks and
//     has at least k respondents. Anything else is hidden with one message that gives
//     neither a figure nor a count ("fewer than k").
//
//  5. Skipped questions. For each question, a block in which 1 to k−1 people answered
//     it contributes nothing to that question's figures, in every group: those answers
//     count as skipped. So per question, too, every block adds 0 or at least k answers.
//
//  6. Comments appear only for a group that is shown, in an order that says nothing
//     about when they were written (by random id), without dates or attributes.
//
// Why this holds against every combination: every figure shown is a sum over whole
// blocks, so anything computed from any number of figures, from any number of
// requests, pages, filters and exports, by adding and subtracting, is again a sum
// over whole blocks; the smallest is one block, with at least k respondents (and, per
// question, 0 or at least k answers). The partition is computed once per round and
// stored, so a new filter, a changed setting or a new version of Throughline cannot
// produce a second partition whose blocks cut across the first. Successive rounds are
// separate: each has its own frozen groups, answers and blocks, and a change between
// rounds is shown only for a group both rounds show.

// AnonAtom is an atom of the engine: respondents who share every frozen attribute.
type AnonAtom struct {
	ID          int64
	Respondents int
}

// Blocks is the engine's partition of atoms into blocks of at least k respondents. The
// zero Blocks shows nothing.
type Blocks struct {
	k       int
	resp    map[int64]int   // atom → respondents
	blockOf map[int64]int64 // atom → block, for atoms with respondents
	size    map[int64]int   // block → respondents
}

// Verdict is the engine's answer about one group.
type Verdict struct {
	Shown       bool
	Respondents int // 0 when hidden
}

// NewBlocks partitions atoms into blocks for threshold k, considering the candidate
// groups (each a list of atom ids) in order. The result depends only on its arguments.
func NewBlocks(k int, atoms []AnonAtom, candidates [][]int64) Blocks {
	b := Blocks{k: k, resp: map[int64]int{}, blockOf: map[int64]int64{}, size: map[int64]int{}}
	total := 0
	for _, a := range atoms {
		if a.Respondents <= 0 {
			continue
		}
		b.resp[a.ID] = a.Respondents
		b.blockOf[a.ID] = 1
		total += a.Respondents
	}
	if total == 0 {
		return b
	}
	b.size[1] = total
	next := int64(2)
	inside := map[int64]int{}
	for _, cand := range candidates {
		clear(inside)
		for _, id := range cand {
			if n := b.resp[id]; n > 0 {
				inside[b.blockOf[id]] += n
			}
		}
		if len(inside) == 0 {
			continue
		}
		ok := true
		for blk, in := range inside {
			out := b.size[blk] - in
			if in < k || (out > 0 && out < k) {
				ok = false
				break
			}
		}
		if !ok {
			continue
		}
		// Split every touched block that the candidate does not cover whole.
		touched := make([]int64, 0, len(inside))
		for blk := range inside {
			touched = append(touched, blk)
		}
		sort.Slice(touched, func(i, j int) bool { return touched[i] < touched[j] })
		moved := map[int64]int64{}
		for _, blk := range touched {
			in := inside[blk]
			if b.size[blk] == in {
				continue
			}
			moved[blk] = next
			b.size[next] = in
			b.size[blk] -= in
			next++
		}
		for _, id := range cand {
			if b.resp[id] > 0 {
				if nb, ok := moved[b.blockOf[id]]; ok {
					b.blockOf[id] = nb
				}
			}
		}
	}
	return b
}

// RestoreBlocks rebuilds a stored partition: each atom's respondents and block.
func RestoreBlocks(k int, atoms []AnonAtom, blockOf map[int64]int64) Blocks {
	b := Blocks{k: k, resp: map[int64]int{}, blockOf: map[int64]int64{}, size: map[int64]int{}}
	for _, a := range atoms {
		if a.Respondents <= 0 {
			continue
		}
		b.resp[a.ID] = a.Respondents
		b.blockOf[a.ID] = blockOf[a.ID]
		b.size[blockOf[a.ID]] += a.Respondents
	}
	return b
}

// K is the threshold.
func (b Blocks) K() int { return b.k }

// BlockOf returns an atom's block (0 for an atom without respondents).
func (b Blocks) BlockOf(atom int64) int64 { return b.blockOf[atom] }

// Assignments returns every atom's block, to be stored.
func (b Blocks) Assignments() map[int64]int64 {
	out := make(map[int64]int64, len(b.blockOf))
	for a, blk := range b.blockOf {
		out[a] = blk
	}
	return out
}

// Check decides whether a group, given as the atoms it contains, may be shown: it must
// be a union of whole blocks with at least k respondents. Atoms without respondents do
// not matter (they add nothing to any figure), and an atom listed twice counts once.
func (b Blocks) Check(atoms []int64) Verdict {
	v, _ := b.Cover(atoms)
	return v
}

// Cover is Check that also returns the blocks a shown group consists of: its figures
// are the sums of those blocks' tallies (BlockTallies.Sum).
func (b Blocks) Cover(atoms []int64) (Verdict, []int64) {
	if b.k <= 0 {
		return Verdict{}, nil
	}
	inside := map[int64]int{}
	seen := make(map[int64]bool, len(atoms))
	total := 0
	for _, id := range atoms {
		n := b.resp[id]
		if n <= 0 || seen[id] {
			continue
		}
		seen[id] = true
		inside[b.blockOf[id]] += n
		total += n
	}
	if total < b.k {
		return Verdict{}, nil
	}
	blocks := make([]int64, 0, len(inside))
	for blk, in := range inside {
		if in != b.size[blk] {
			return Verdict{}, nil
		}
		blocks = append(blocks, blk)
	}
	sort.Slice(blocks, func(i, j int) bool { return blocks[i] < blocks[j] })
	return Verdict{Shown: true, Respondents: total}, blocks
}

// BlockTallies holds the answers of a round (or of any set of anonymous answers) per
// block and question. Since every group that may be shown is a union of whole blocks,
// block tallies are all a figure ever needs, and they apply rule 5: a block with 1 to
// k−1 answers to a question contributes nothing to it.
type BlockTallies struct {
	b    Blocks
	qidx map[int64]int     // question → index
	qs   []int64           // index → question
	t    map[int64][]Tally // block → tallies by question index
	// width is the number of questions when known in advance: each block's tallies are
	// then made that size at once.
	width int
}

// NewTallies returns empty tallies over b's blocks.
func (b Blocks) NewTallies() *BlockTallies {
	return &BlockTallies{b: b, qidx: map[int64]int{}, t: map[int64][]Tally{}}
}

func (bt *BlockTallies) cell(block, question int64) *Tally {
	qi, ok := bt.qidx[question]
	if !ok {
		qi = len(bt.qs)
		bt.qidx[question] = qi
		bt.qs = append(bt.qs, question)
	}
	ts := bt.t[block]
	if ts == nil && bt.width > 0 {
		ts = make([]Tally, 0, bt.width) // no room wasted in a kept round
	}
	for len(ts) <= qi {
		ts = append(ts, Tally{})
	}
	bt.t[block] = ts
	return &ts[qi]
}

// Add counts n answers of value to question from an atom. Answers from atoms without
// respondents (which cannot happen with consistent data) are dropped.
func (bt *BlockTallies) Add(atom, question int64, value, n int) {
	blk, ok := bt.b.blockOf[atom]
	if !ok || value < 0 || value > 10 {
		return
	}
	bt.cell(blk, question)[value] += n
}

// AddBlock adds a whole block's tally of a question, as stored when a round closed.
func (bt *BlockTallies) AddBlock(block, question int64, t Tally) {
	bt.cell(block, question).Add(t)
}

// Blocks returns every block's raw tallies by question (before rule 5), to be stored.
func (bt *BlockTallies) Blocks() map[int64]map[int64]Tally {
	out := make(map[int64]map[int64]Tally, len(bt.t))
	for blk, ts := range bt.t {
		qs := make(map[int64]Tally, len(ts))
		for qi, t := range ts {
			if t.N() > 0 {
				qs[bt.qs[qi]] = t
			}
		}
		out[blk] = qs
	}
	return out
}

// Sum returns the tally of a question over blocks (from Cover), leaving out blocks with
// 1 to k−1 answers to it.
func (bt *BlockTallies) Sum(blocks []int64, question int64) Tally {
	return bt.SumAll(blocks)[question]
}

// SumAll returns the tallies of every question over blocks (from Cover), leaving out,
// question by question, blocks with 1 to k−1 answers to it.
func (bt *BlockTallies) SumAll(blocks []int64) map[int64]Tally {
	sums := make([]Tally, len(bt.qs))
	for _, blk := range blocks {
		for qi, t := range bt.t[blk] {
			if t.N() >= bt.b.k {
				sums[qi].Add(t)
			}
		}
	}
	out := make(map[int64]Tally, len(bt.qs))
	for qi, q := range bt.qs {
		out[q] = sums[qi]
	}
	return out
}

// BlockSizes lists the respondents of each block, smallest first; tests and the help
// page's example use it.
func (b Blocks) BlockSizes() []int {
	out := make([]int, 0, len(b.size))
	for _, n := range b.size {
		if n > 0 {
			out = append(out, n)
		}
	}
	sort.Ints(out)
	return out
}

// Tally counts the answers to one question by value (0 to 10).
type Tally [11]int

// Add adds another tally.
func (t *Tally) Add(o Tally) {
	for i := range t {
		t[i] += o[i]
	}
}

// N is the number of answers.
func (t Tally) N() int {
	n := 0
	for _, c := range t {
		n += c
	}
	return n
}

// ScoreOf computes the figures of a tally of answers to a question of kind: the
// favourable, neutral and unfavourable shares of a Likert question (4–5, 3, 1–2), or
// the promoter, passive and detractor shares of an eNPS question (9–10, 7–8, 0–6) and
// the eNPS itself (promoters minus detractors, in points from −100 to 100), and the
// mean. Only answers count; skipped questions are not in the tally. Call it only for
// tallies the anonymity engine allowed.
func ScoreOf(kind model.QuestionKind, t Tally) model.Score {
	var s model.Score
	lo, hi := kind.Range()
	s.Counts = make([]int, hi-lo+1)
	sum := 0
	for v := lo; v <= hi; v++ {
		s.Counts[v-lo] = t[v]
		s.Answered += t[v]
		sum += v * t[v]
	}
	if s.Answered == 0 {
		return s
	}
	n := float64(s.Answered)
	s.Mean = float64(sum) / n
	if kind == model.KindENPS {
		var pro, pas, det int
		for v := 0; v <= 10; v++ {
			switch {
			case v >= 9:
				pro += t[v]
			case v >= 7:
				pas += t[v]
			default:
				det += t[v]
			}
		}
		s.Promoters, s.Passives, s.Detractors = 100*float64(pro)/n, 100*float64(pas)/n, 100*float64(det)/n
		s.ENPS = s.Promoters - s.Detractors
		return s
	}
	s.Favourable = 100 * float64(t[4]+t[5]) / n
	s.Neutral = 100 * float64(t[3]) / n
	s.Unfavourable = 100 * float64(t[1]+t[2]) / n
	return s
}
