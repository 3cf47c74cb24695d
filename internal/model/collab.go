package model

import (
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// TeamMix is who a team is drawn from: the departments, locations and levels of its
// members, most common first. A team drawn from one department is flagged, because the
// point of cross-functional work is that it is not.
type TeamMix struct {
	Size             int
	Departments      []MixCount
	Locations        []MixCount
	Levels           []MixCount
	SingleDepartment bool // two or more members, all from the same department
}

// MixCount is one group of a team's mix and how many members come from it.
type MixCount struct {
	Name  string
	Count int
}

// MixOf computes the mix of a team's members.
func MixOf(people []Person) TeamMix {
	m := TeamMix{Size: len(people)}
	depts, locs, levels := map[string]int{}, map[string]int{}, map[string]int{}
	for _, p := range people {
		depts[dashIfEmpty(p.DepartmentName)]++
		locs[dashIfEmpty(p.LocationName)]++
		levels[LevelLabel(p.Depth)]++
	}
	m.Departments, m.Locations, m.Levels = mixCounts(depts), mixCounts(locs), mixCounts(levels)
	m.SingleDepartment = len(people) >= 2 && len(m.Departments) == 1
	return m
}

// LevelLabel names a level of the hierarchy for team mixes ("Level 3"). Depth is 0
// when the viewer may not see it; such members are counted as "Level not shown".
func LevelLabel(depth int) string {
	if depth <= 0 {
		return "Level not shown"
	}
	return "Level " + strconv.Itoa(depth)
}

func dashIfEmpty(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

func mixCounts(m map[string]int) []MixCount {
	out := make([]MixCount, 0, len(m))
	for k, v := range m {
		out = append(out, MixCount{Name: k, Count: v})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Count != out[j].Count {
			return out[i].Count > out[j].Count
		}
		return out[i].Name < out[j].Name
	})
	return out
}

// ObjectiveRef names a strategic objective that something serves.
type ObjectiveRef struct {
	ID    int64
	Title string
}

// SplitList splits a comma- or newline-separated list, trims each item, collapses
// spaces, drops empty items and case-insensitive duplicates, and keeps the order.
func SplitList(s string) []string {
	var out []string
	seen := map[string]bool{}
	for _, part := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == '\n' || r == ';' }) {
		part = strings.Join(strings.Fields(part), " ")
		if part == "" || seen[FoldKey(part)] {
			continue
		}
		seen[FoldKey(part)] = true
		out = append(out, part)
	}
	return out
}

// checkList validates the items of a list field.
func checkListField(v *Validator, field, what string, items []string, maxItems, maxLen int) {
	if len(items) > maxItems {
		v.Add(field, "List at most "+strconv.Itoa(maxItems)+" "+what+".")
	}
	for _, it := range items {
		if utf8.RuneCountInString(it) > maxLen {
			v.Add(field, "Each of the "+what+" must be at most "+strconv.Itoa(maxLen)+" characters.")
			break
		}
	}
}

// checkText validates a trimmed text field's length and presence.
func checkTextField(v *Validator, field, s string, required bool, maxLen int, missing string) {
	if required && s == "" {
		v.Add(field, missing)
		return
	}
	if utf8.RuneCountInString(s) > maxLen {
		v.Add(field, "This must be at most "+withThousands(maxLen)+" characters.")
	}
}

func withThousands(n int) string {
	s := strconv.Itoa(n)
	if len(s) <= 3 {
		return s
	}
	return s[:len(s)-3] + "," + s[len(s)-3:]
}

// tidy collapses runs of spaces in a one-line text.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// uniqueIDs drops zero and repeated ids, keeping the order.
func uniquePositiveIDs(ids []int64) []int64 {
	var out []int64
	seen := map[int64]bool{}
	for _, id := range ids {
		if id > 0 && !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}
