package csvio

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"throughline/internal/model"
)

// GoalColumns are the columns of a goals file. Each line is a goal or a key result
// (column "type"). Goals name each other by "ref"; a key result's "ref" names its goal.
//
//	type        goal or key_result
//	ref         a goal's name in this file (goal lines); the goal of a key result
//	            (key_result lines): a ref, or goal:ID for an existing goal
//	level       department, team or individual
//	title       the goal or key result
//	description optional
//	owner       the owner's employee id
//	period      2026, 2026-H1 or 2026-Q1
//	status      on_track, at_risk, off_track or done (default on_track)
//	parents     ";"-separated: a ref, goal:ID or objective:ID or objective:Title, each
//	            optionally followed by *WEIGHT (default 1), e.g. "objective:Soil health*2; G3"
//	kind        measured or milestone (key results)
//	start, target, current, unit, weight   measured key results; weight also for milestones
//	done        yes or no (milestones)
var GoalColumns = []string{"type", "ref", "level", "title", "description", "owner", "period", "status", "parents",
	"kind", "start", "target", "current", "unit", "weight", "done"}

// ReadGoals parses a goals file. Cells it cannot parse are listed in the batch's
// Problems; structural problems are returned as a *model.ImportError.
func ReadGoals(src io.Reader) (model.GoalBatch, error) {
	rd, err := newReader(src)
	if err != nil {
		return model.GoalBatch{}, err
	}
	col := map[string]int{}
	for i, h := range rd.header {
		key := strings.ReplaceAll(HeaderKey(h), " ", "_")
		for _, c := range GoalColumns {
			if key == c {
				col[c] = i
			}
		}
	}
	var bad model.ImportError
	for _, req := range []string{"type", "ref", "title"} {
		if _, ok := col[req]; !ok {
			bad.Lines = append(bad.Lines, model.LineError{Line: 1, Field: req, Message: fmt.Sprintf("The header has no %q column.", req)})
		}
	}
	if len(bad.Lines) > 0 {
		return model.GoalBatch{}, &bad
	}
	var b model.GoalBatch
	for {
		rec, line, err := rd.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return model.GoalBatch{}, err
		}
		if blank(rec) {
			continue
		}
		get := func(k string) string {
			i, ok := col[k]
			if !ok || i >= len(rec) {
				return ""
			}
			return strings.TrimSpace(unescapeCell(rec[i]))
		}
		problem := func(field, format string, args ...any) {
			b.Problems = append(b.Problems, model.LineError{Line: line, Field: field, Message: fmt.Sprintf(format, args...)})
		}
		num := func(field string, def float64) float64 {
			s := get(field)
			if s == "" {
				return def
			}
			v, err := strconv.ParseFloat(s, 64)
			if err != nil {
				problem(field, "%q is not a number.", model.Clip(s, 30))
			}
			return v
		}
		switch strings.ToLower(get("type")) {
		case "goal":
			row := model.GoalRow{Line: line, Ref: get("ref"), Owner: get("owner")}
			row.Level = model.GoalLevel(strings.ToLower(get("level")))
			row.Title, row.Description, row.Period = get("title"), get("description"), get("period")
			row.Status = model.GoalStatus(strings.ToLower(strings.ReplaceAll(get("status"), " ", "_")))
			if row.Ref == "" {
				problem("ref", "Give every goal a ref, so key results and other goals can name it.")
			}
			for _, item := range strings.Split(get("parents"), ";") {
				item = strings.TrimSpace(item)
				if item == "" {
					continue
				}
				spec := model.ParentSpec{Weight: 1}
				if i := strings.LastIndexByte(item, '*'); i > 0 {
					w, err := strconv.ParseFloat(strings.TrimSpace(item[i+1:]), 64)
					if err != nil || w <= 0 {
						problem("parents", "Weight %q is not a positive number.", model.Clip(item[i+1:], 20))
					}
					spec.Weight, item = w, strings.TrimSpace(item[:i])
				}
				switch {
				case strings.HasPrefix(item, "goal:"):
					id, err := strconv.ParseInt(strings.TrimPrefix(item, "goal:"), 10, 64)
					if err != nil {
						problem("parents", "%q is not goal:ID.", model.Clip(item, 40))
					}
					spec.GoalID = id
				case strings.HasPrefix(item, "objective:"):
					ref := strings.TrimSpace(strings.TrimPrefix(item, "objective:"))
					if id, err := strconv.ParseInt(ref, 10, 64); err == nil {
						spec.ObjectiveID = id
					} else {
						spec.Objective = ref
					}
				default:
					spec.Ref = item
				}
				row.Parents = append(row.Parents, spec)
			}
			b.Goals = append(b.Goals, row)
		case "key_result", "key result", "kr":
			row := model.KeyResultRow{Line: line}
			if ref := get("ref"); strings.HasPrefix(ref, "goal:") {
				id, err := strconv.ParseInt(strings.TrimPrefix(ref, "goal:"), 10, 64)
				if err != nil {
					problem("ref", "%q is not goal:ID.", model.Clip(ref, 40))
				}
				row.GoalID = id
			} else {
				row.GoalRef = ref
			}
			row.Title = get("title")
			row.Kind = model.KeyResultKind(strings.ToLower(get("kind")))
			if row.Kind == "" {
				row.Kind = model.KRMeasured
			}
			row.Start, row.Target = num("start", 0), num("target", 0)
			row.Current = num("current", row.Start)
			row.Unit = get("unit")
			row.Weight = num("weight", 1)
			if d, ok := parseActive(get("done")); ok {
				row.Done = d && get("done") != ""
			} else {
				problem("done", "%q is not yes or no.", model.Clip(get("done"), 20))
			}
			b.KeyResults = append(b.KeyResults, row)
		default:
			problem("type", "Type %q is not goal or key_result.", model.Clip(get("type"), 30))
		}
	}
	return b, nil
}
