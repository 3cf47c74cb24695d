package stats

import "testing"

// TestBalancedSelect: eight Sales people applied first, then two from People and two
// from Finance. A first-come cohort of six would be all Sales; the balanced one takes
// two from each department.
func TestBalancedSelect(t *testing.T) {
	const sales, people, finance = 0, 1, 2
	var cands []Candidate
	for i := 0; i < 8; i++ {
		cands = append(cands, Candidate{ID: int64(i + 1), Person: int64(100 + i), Group: sales, Place: i % 2, Order: int64(i)})
	}
	cands = append(cands,
		Candidate{ID: 9, Person: 200, Group: people, Place: 0, Order: 10},
		Candidate{ID: 10, Person: 201, Group: people, Place: 0, Order: 11},
		Candidate{ID: 11, Person: 300, Group: finance, Place: 1, Order: 12},
		Candidate{ID: 12, Person: 301, Group: finance, Place: 1, Order: 13},
	)
	got := BalancedSelect([]Slot{{Capacity: 6, Candidates: cands}})[0]
	count := map[int]int{}
	byID := map[int64]Candidate{}
	for _, c := range cands {
		byID[c.ID] = c
	}
	for _, id := range got {
		count[byID[id].Group]++
	}
	if len(got) != 6 || count[sales] != 2 || count[people] != 2 || count[finance] != 2 {
		t.Errorf("selected %v: by department %v, want 2 from each", got, count)
	}
	// Among the Sales applicants, locations are balanced too: one from each place.
	places := map[int]int{}
	for _, id := range got {
		if c := byID[id]; c.Group == sales {
			places[c.Place]++
		}
	}
	if places[0] != 1 || places[1] != 1 {
		t.Errorf("Sales picks by place %v, want one from each", places)
	}
}

// TestBalancedSelectAcrossSlots: a person who applied to two projects is placed once,
// and the slots take turns, so the second project is not left with nobody.
func TestBalancedSelectAcrossSlots(t *testing.T) {
	a := Candidate{ID: 1, Person: 1, Group: 0, Order: 1}
	b := Candidate{ID: 2, Person: 2, Group: 1, Order: 2}
	a2 := Candidate{ID: 3, Person: 1, Group: 0, Order: 3} // person 1 again, second project
	c := Candidate{ID: 4, Person: 3, Group: 0, Order: 4}
	got := BalancedSelect([]Slot{{Capacity: 2, Candidates: []Candidate{a, b}}, {Capacity: 2, Candidates: []Candidate{a2, c}}})
	if len(got[0]) != 2 || len(got[1]) != 1 || got[1][0] != 4 {
		t.Errorf("got %v, want [[1 2] [4]]", got)
	}
	// Group balance never differs by more than one while groups have applicants.
	var many []Candidate
	for i := 0; i < 30; i++ {
		many = append(many, Candidate{ID: int64(i + 1), Person: int64(i + 1), Group: i % 3 * (i % 2), Order: int64(i)})
	}
	sel := BalancedSelect([]Slot{{Capacity: 9, Candidates: many}})[0]
	count := map[int]int{}
	for _, id := range sel {
		count[many[id-1].Group]++
	}
	lo, hi := 99, 0
	for _, n := range count {
		lo, hi = min(lo, n), max(hi, n)
	}
	if hi-lo > 1 {
		t.Errorf("group counts %v differ by more than one", count)
	}
}
