package core

import (
	"context"
	"errors"
	"fmt"

	"throughline/internal/model"
	"throughline/internal/store"
)

// ImportGoals creates the goals and key results of a goals file, all or nothing. Each
// goal obeys the same rules as one made in a form (the actor may set goals only for
// themselves and their reporting line; parents rank above; dates nest), and every
// problem is reported with its line. It returns the number of goals created.
func (c *Core) ImportGoals(ctx context.Context, actor model.Actor, b model.GoalBatch) (int, error) {
	if err := requireSignedIn(actor); err != nil {
		return 0, err
	}
	bad := &model.ImportError{Lines: append([]model.LineError(nil), b.Problems...)}
	add := func(line int, field, format string, args ...any) {
		bad.Lines = append(bad.Lines, model.LineError{Line: line, Field: field, Message: fmt.Sprintf(format, args...)})
	}
	if len(b.Goals) == 0 && len(b.KeyResults) == 0 {
		add(1, "", "The file has no goals or key results in it.")
		return 0, bad.AsError()
	}
	byRef := map[string]int{}
	for i, g := range b.Goals {
		if g.Ref == "" {
			continue
		}
		if first, dup := byRef[g.Ref]; dup {
			add(g.Line, "ref", "Ref %q is already used on line %d.", model.Clip(g.Ref, 40), b.Goals[first].Line)
			continue
		}
		byRef[g.Ref] = i
	}
	// Order the goals so that parents named by ref come first; a cycle among refs is an error.
	order := make([]int, 0, len(b.Goals))
	state := make([]int, len(b.Goals)) // 0 new, 1 visiting, 2 done
	var visit func(i int) bool
	visit = func(i int) bool {
		switch state[i] {
		case 1:
			return false
		case 2:
			return true
		}
		state[i] = 1
		for _, p := range b.Goals[i].Parents {
			if j, ok := byRef[p.Ref]; p.Ref != "" && ok && !visit(j) {
				if state[i] == 1 {
					add(b.Goals[i].Line, "parents", "The goals of this file align to each other in a cycle.")
				}
				state[i] = 2
				return false
			}
		}
		state[i] = 2
		order = append(order, i)
		return true
	}
	for i := range b.Goals {
		visit(i)
	}
	created := 0
	err := c.write(ctx, func(tx *store.Tx) error {
		objectives, err := tx.FindObjectives(ctx, true)
		if err != nil {
			return err
		}
		objByTitle := map[string]int64{}
		for _, o := range objectives {
			objByTitle[model.FoldKey(o.Title)] = o.ID
		}
		ids := map[string]int64{}
		for _, i := range order {
			row := b.Goals[i]
			in := row.GoalInput
			owner, err := tx.FindPersonByEmployeeID(ctx, row.Owner)
			if errors.Is(err, store.ErrNotFound) {
				add(row.Line, "owner", "No one has employee id %q.", model.Clip(row.Owner, 40))
				continue
			} else if err != nil {
				return err
			}
			in.OwnerID = owner.ID
			ok := true
			for _, p := range row.Parents {
				ref := model.ParentRef{GoalID: p.GoalID, ObjectiveID: p.ObjectiveID, Weight: p.Weight}
				switch {
				case p.Ref != "":
					id, found := ids[p.Ref]
					if !found {
						if _, inFile := byRef[p.Ref]; !inFile {
							add(row.Line, "parents", "No goal in the file has ref %q.", model.Clip(p.Ref, 40))
						}
						ok = false
						continue
					}
					ref.GoalID = id
				case p.Objective != "":
					id, found := objByTitle[model.FoldKey(p.Objective)]
					if !found {
						add(row.Line, "parents", "No objective is titled %q.", model.Clip(p.Objective, 80))
						ok = false
						continue
					}
					ref.ObjectiveID = id
				}
				in.Parents = append(in.Parents, ref)
			}
			if !ok {
				continue
			}
			if err := in.Validate(); err != nil {
				addFields(bad, row.Line, err)
				continue
			}
			rec, err := c.checkGoal(ctx, tx, actor, 0, in)
			if err != nil {
				if model.ErrorCodeOf(err) != model.CodeInvalid {
					return err
				}
				addFields(bad, row.Line, err)
				continue
			}
			id, err := tx.CreateGoal(ctx, rec)
			if err != nil {
				return err
			}
			if err := tx.ReplaceParents(ctx, id, in.Parents); err != nil {
				return err
			}
			ids[row.Ref] = id
			created++
		}
		touched := map[int64]bool{}
		for _, k := range b.KeyResults {
			goalID := k.GoalID
			if goalID == 0 {
				id, ok := ids[k.GoalRef]
				if !ok {
					if _, inFile := byRef[k.GoalRef]; !inFile {
						add(k.Line, "ref", "No goal in the file has ref %q.", model.Clip(k.GoalRef, 40))
					}
					continue
				}
				goalID = id
			} else {
				g, err := tx.FindGoalByID(ctx, goalID)
				if errors.Is(err, store.ErrNotFound) || (err == nil && !canEditGoal(actor, g.OwnerID, g.OwnerPath)) {
					add(k.Line, "ref", "You cannot add key results to goal %d.", goalID)
					continue
				} else if err != nil {
					return err
				}
			}
			in := k.KeyResultInput
			if err := in.Validate(); err != nil {
				addFields(bad, k.Line, err)
				continue
			}
			if _, err := tx.CreateKeyResult(ctx, goalID, in); err != nil {
				return err
			}
			touched[goalID] = true
		}
		if len(bad.Lines) > 0 {
			return bad.AsError()
		}
		var all []int64
		for _, id := range ids {
			all = append(all, id)
		}
		for id := range touched {
			all = append(all, id)
		}
		if err := c.recompute(ctx, tx, all); err != nil {
			return err
		}
		return audit(ctx, tx, actor, "goals_imported", "goal", 0, fmt.Sprintf("%d goals, %d key results", created, len(b.KeyResults)))
	})
	if err != nil {
		return 0, err
	}
	return created, nil
}

// addFields turns an invalid error's fields into line errors.
func addFields(bad *model.ImportError, line int, err error) {
	fields := model.FieldsOf(err)
	if len(fields) == 0 {
		bad.Lines = append(bad.Lines, model.LineError{Line: line, Message: model.ErrorMessageOf(err)})
		return
	}
	for _, k := range sortedKeys(fields) {
		bad.Lines = append(bad.Lines, model.LineError{Line: line, Field: k, Message: fields[k]})
	}
}
