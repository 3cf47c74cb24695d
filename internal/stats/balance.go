package stats

import "sort"

// Candidate is an applicant in a balanced selection.
type Candidate struct {
	ID     int64 // the application
	Person int64 // a person is placed at most once across all slots
	Group  int   // e.g. department
	Place  int   // e.g. location
	Order  int64 // e.g. when they applied: earlier wins a tie
}

// Slot is one team to fill: how many seats, and who applied to it.
type Slot struct {
	Capacity   int
	Candidates []Candidate
}

// BalancedSelect proposes a team for every slot, balanced across groups and places.
//
// The method is a greedy round-robin, documented so organizers can explain every
// choice: seats are filled one at a time, visiting the slots in turn (so no slot takes
// every shared applicant first). For each seat it picks, among the slot's applicants not
// yet placed anywhere, the one whose group is least represented in the slot so far;
// ties go to the place least represented in the slot, then the group and place least
// represented across all slots, then the earliest application, then the lowest id.
// Within a slot, the group counts of the groups that still have applicants therefore
// never differ by more than one. It returns the chosen candidate ids per slot, in the
// order they were chosen.
func BalancedSelect(slots []Slot) [][]int64 {
	out := make([][]int64, len(slots))
	placed := map[int64]bool{}
	allGroup, allPlace := map[int]int{}, map[int]int{}
	type counts struct{ group, place map[int]int }
	per := make([]counts, len(slots))
	cands := make([][]Candidate, len(slots))
	for i, s := range slots {
		per[i] = counts{map[int]int{}, map[int]int{}}
		cands[i] = append([]Candidate(nil), s.Candidates...)
		sort.Slice(cands[i], func(a, b int) bool {
			if cands[i][a].Order != cands[i][b].Order {
				return cands[i][a].Order < cands[i][b].Order
			}
			return cands[i][a].ID < cands[i][b].ID
		})
	}
	for {
		progress := false
		for i, s := range slots {
			if len(out[i]) >= s.Capacity {
				continue
			}
			best := -1
			for k, c := range cands[i] {
				if placed[c.Person] {
					continue
				}
				if best < 0 || less(c, cands[i][best], per[i].group, per[i].place, allGroup, allPlace) {
					best = k
				}
			}
			if best < 0 {
				continue
			}
			c := cands[i][best]
			placed[c.Person] = true
			per[i].group[c.Group]++
			per[i].place[c.Place]++
			allGroup[c.Group]++
			allPlace[c.Place]++
			out[i] = append(out[i], c.ID)
			progress = true
		}
		if !progress {
			return out
		}
	}
}

// less orders candidates for the next seat; candidates arrive sorted by Order and ID,
// so equal keys keep the earlier one.
func less(a, b Candidate, group, place, allGroup, allPlace map[int]int) bool {
	if group[a.Group] != group[b.Group] {
		return group[a.Group] < group[b.Group]
	}
	if place[a.Place] != place[b.Place] {
		return place[a.Place] < place[b.Place]
	}
	if allGroup[a.Group] != allGroup[b.Group] {
		return allGroup[a.Group] < allGroup[b.Group]
	}
	if allPlace[a.Place] != allPlace[b.Place] {
		return allPlace[a.Place] < allPlace[b.Place]
	}
	return false
}
