package core

import (
	"context"
	"sort"

	"throughline/internal/model"
	"throughline/internal/score"
	"throughline/internal/store"
)

// What the analytics (issue 8) read about development. Every function here is for the
// system, hr, admin and executives, and gives only figures the anonymity rules allow:
// direct reports' ratings only where the engine shows them (assessment.go).

func requireDevelopmentReader(actor model.Actor) error {
	if actor.IsSystem() {
		return nil
	}
	return requireRole(actor, model.RoleAdmin, model.RoleHR, model.RoleExecutive)
}

// DevelopmentMeasures returns, for every active middle manager, their development as of
// the end of period (a year, half, quarter or month such as 2026-Q1):
//
//   - program progress, 0–100: over the cohorts they take part in as a participant that
//     started by the period's end, the mean of (completed required modules ÷ required
//     modules) counting completions up to the period's end (score.ProgramProgress);
//     HasProgress is false when they are in no such cohort;
//   - competency growth: the change in others' mean rating (every competency together,
//     1–5, from the shown groups only) between their last two 360 assessments that
//     closed by the period's end; HasGrowth is false without two such assessments with
//     others' ratings;
//   - the upward rating: their direct reports' mean rating in the latest 360 that closed
//     by the period's end, only where the anonymity engine shows it (HasUpward).
//
// The system, hr, admin and executives.
func (c *Core) DevelopmentMeasures(ctx context.Context, actor model.Actor, period string) ([]model.DevelopmentMeasure, error) {
	if err := requireDevelopmentReader(actor); err != nil {
		return nil, err
	}
	var out map[string][]model.DevelopmentMeasure
	err := c.read(ctx, func(tx *store.Tx) (err error) {
		out, err = developmentMeasures(ctx, tx, []string{period}, nil)
		return err
	})
	return out[period], err
}

// developmentMeasures is DevelopmentMeasures for several periods at once, inside a
// transaction: the managers, cohorts, modules, completions and 360s are read once for
// every period, and each 360's means are computed once. managers, when not nil, are the
// active middle managers by name, already read (MiddleManagerNames).
func developmentMeasures(ctx context.Context, tx *store.Tx, periods []string, managers []store.PersonName) (map[string][]model.DevelopmentMeasure, error) {
	ends := make([]string, len(periods))
	last := ""
	for i, period := range periods {
		_, end, err := model.PeriodDates(period)
		if err != nil {
			return nil, &model.Error{Code: model.CodeInvalid, Message: "Enter a period such as 2026-Q1.", Fields: map[string]string{"period": "Enter a period such as 2026-Q1."}}
		}
		ends[i] = end
		last = max(last, end)
	}
	if managers == nil {
		var err error
		if managers, err = tx.MiddleManagerNames(ctx); err != nil {
			return nil, err
		}
	}
	idx := make(map[int64]int, len(managers))
	for i, m := range managers {
		idx[m.ID] = i
	}
	// Every participant row of a manager in a cohort that started by the last period's
	// end, with its program's modules and the completions before that end.
	rows, err := tx.MemberCohorts(ctx, 0, model.CohortParticipant)
	if err != nil {
		return nil, err
	}
	var cohortIDs, progIDs []int64
	seenC, seenP := map[int64]bool{}, map[int64]bool{}
	for _, r := range rows {
		if _, ok := idx[r.PersonID]; !ok || r.Cohort.StartsOn > last {
			continue
		}
		if !seenC[r.Cohort.ID] {
			seenC[r.Cohort.ID] = true
			cohortIDs = append(cohortIDs, r.Cohort.ID)
		}
		if !seenP[r.Cohort.ProgramID] {
			seenP[r.Cohort.ProgramID] = true
			progIDs = append(progIDs, r.Cohort.ProgramID)
		}
	}
	mods, err := tx.DevModules(ctx, progIDs)
	if err != nil {
		return nil, err
	}
	completions, err := completionRows(ctx, tx, cohortIDs)
	if err != nil {
		return nil, err
	}
	// The 360s: every manager's closed ones by the last end, latest first; the last two by
	// each period's end are read.
	closed, err := tx.ClosedAssessments(ctx, last)
	if err != nil {
		return nil, err
	}
	byPerson := map[int64][]store.ClosedAssessment{}
	for _, a := range closed {
		if _, ok := idx[a.SubjectID]; ok {
			byPerson[a.SubjectID] = append(byPerson[a.SubjectID], a)
		}
	}
	latest := make([]map[int64][]store.ClosedAssessment, len(periods))
	wanted := map[int64]bool{}
	var want []store.ClosedAssessment
	for j, end := range ends {
		latest[j] = lastTwoBy(byPerson, end)
		for _, as := range latest[j] {
			for _, a := range as {
				if !wanted[a.ID] {
					wanted[a.ID] = true
					want = append(want, a)
				}
			}
		}
	}
	means, err := loadMeans(ctx, tx, want)
	if err != nil {
		return nil, err
	}

	out := make(map[string][]model.DevelopmentMeasure, len(periods))
	for j, period := range periods {
		end := ends[j]
		endAt := dayStartOf(end) + 86400
		ms := make([]model.DevelopmentMeasure, len(managers))
		for i, m := range managers {
			ms[i] = model.DevelopmentMeasure{PersonID: m.ID, Name: m.Name}
		}
		// Progress.
		started := map[int64]bool{}
		for _, r := range rows {
			if _, ok := idx[r.PersonID]; ok && r.Cohort.StartsOn <= end {
				started[r.Cohort.ID] = true
			}
		}
		done := completionsBefore(completions, started, endAt)
		sums, ns := map[int64]float64{}, map[int64]int{}
		for _, r := range rows {
			if _, ok := idx[r.PersonID]; !ok || !started[r.Cohort.ID] {
				continue
			}
			p := score.ProgramProgress(mods[r.Cohort.ProgramID], done[[2]int64{r.Cohort.ID, r.PersonID}], r.Cohort.StartsOn, end)
			sums[r.PersonID] += p.Percent
			ns[r.PersonID]++
		}
		for pid, n := range ns {
			i := idx[pid]
			ms[i].HasProgress, ms[i].Progress = true, sums[pid]/float64(n)
		}
		// 360s.
		for pid, as := range latest[j] {
			i := idx[pid]
			last := means[as[0].ID]
			if last.ReportsShown {
				ms[i].HasUpward, ms[i].Upward, ms[i].UpwardRespondents, ms[i].UpwardOn = true, last.Reports, last.Respondents, as[0].ClosesOn
			}
			if len(as) == 2 {
				before := means[as[1].ID]
				if last.OthersShown && before.OthersShown {
					ms[i].HasGrowth = true
					ms[i].OthersBefore, ms[i].OthersAfter = before.Others, last.Others
					ms[i].Growth = last.Others - before.Others
				}
			}
		}
		out[period] = ms
	}
	return out, nil
}

// lastTwoBy returns each person's last two assessments that closed by a day, the latest
// first, from their closed assessments, latest first.
func lastTwoBy(byPerson map[int64][]store.ClosedAssessment, by string) map[int64][]store.ClosedAssessment {
	out := map[int64][]store.ClosedAssessment{}
	for pid, as := range byPerson {
		for k, a := range as {
			if a.ClosesOn <= by {
				out[pid] = as[k:min(k+2, len(as))]
				break
			}
		}
	}
	return out
}

// completionRows loads the completions of cohorts.
func completionRows(ctx context.Context, tx *store.Tx, cohortIDs []int64) ([]store.CompletionRow, error) {
	var out []store.CompletionRow
	for start := 0; start < len(cohortIDs); start += 5000 {
		rows, err := tx.Completions(ctx, cohortIDs[start:min(start+5000, len(cohortIDs))], nil)
		if err != nil {
			return nil, err
		}
		out = append(out, rows...)
	}
	return out, nil
}

// completionsBefore keys the completions of some cohorts made before an instant by
// cohort and person, as completionsBy does.
func completionsBefore(rows []store.CompletionRow, cohorts map[int64]bool, before int64) map[[2]int64]map[int64]int64 {
	out := map[[2]int64]map[int64]int64{}
	for _, r := range rows {
		if r.CompletedAt >= before || !cohorts[r.CohortID] {
			continue
		}
		k := [2]int64{r.CohortID, r.PersonID}
		if out[k] == nil {
			out[k] = map[int64]int64{}
		}
		out[k][r.ModuleID] = r.CompletedAt
	}
	return out
}

// completionsBy loads the completions of cohorts made before an instant, by cohort and
// person.
func completionsBy(ctx context.Context, tx *store.Tx, cohortIDs []int64, before int64) (map[[2]int64]map[int64]int64, error) {
	out := map[[2]int64]map[int64]int64{}
	for start := 0; start < len(cohortIDs); start += 5000 {
		rows, err := tx.Completions(ctx, cohortIDs[start:min(start+5000, len(cohortIDs))], nil)
		if err != nil {
			return nil, err
		}
		for _, r := range rows {
			if r.CompletedAt >= before {
				continue
			}
			k := [2]int64{r.CohortID, r.PersonID}
			if out[k] == nil {
				out[k] = map[int64]int64{}
			}
			out[k][r.ModuleID] = r.CompletedAt
		}
	}
	return out, nil
}

// CohortMembers lists the people of a program's cohorts (every program when programID is
// 0) with each cohort's start and end, their part, and a participant's progress today:
// what the analytics need to compare a program's participants with comparable managers
// who were not in it. The system, hr, admin and executives.
func (c *Core) CohortMembers(ctx context.Context, actor model.Actor, programID int64) ([]model.CohortMember, error) {
	if err := requireDevelopmentReader(actor); err != nil {
		return nil, err
	}
	var out []model.CohortMember
	err := c.read(ctx, func(tx *store.Tx) error {
		rows, err := tx.MemberCohorts(ctx, programID, "")
		if err != nil {
			return err
		}
		var cohortIDs, progIDs []int64
		seenC, seenP := map[int64]bool{}, map[int64]bool{}
		for _, r := range rows {
			if !seenC[r.Cohort.ID] {
				seenC[r.Cohort.ID] = true
				cohortIDs = append(cohortIDs, r.Cohort.ID)
			}
			if !seenP[r.Cohort.ProgramID] {
				seenP[r.Cohort.ProgramID] = true
				progIDs = append(progIDs, r.Cohort.ProgramID)
			}
		}
		mods, err := tx.DevModules(ctx, progIDs)
		if err != nil {
			return err
		}
		day := today(tx)
		done, err := completionsBy(ctx, tx, cohortIDs, tx.Now().Unix()+1)
		if err != nil {
			return err
		}
		for _, r := range rows {
			m := model.CohortMember{CohortID: r.Cohort.ID, CohortName: r.Cohort.Name, ProgramID: r.Cohort.ProgramID, PersonID: r.PersonID, Name: r.Name,
				Role: r.Role, StartsOn: r.Cohort.StartsOn, EndsOn: r.Cohort.EndsOn}
			if r.Role == model.CohortParticipant {
				p := score.ProgramProgress(mods[r.Cohort.ProgramID], done[[2]int64{r.Cohort.ID, r.PersonID}], r.Cohort.StartsOn, day)
				m.Progress, m.Complete = p.Percent, p.Complete
			}
			out = append(out, m)
		}
		return nil
	})
	return out, err
}

// UpwardRatings lists, for every closed 360 assessment whose direct reports the
// anonymity engine shows, the person's upward mean rating with the day it closed, oldest
// first: the per-round series the analytics compare before and after a program. A 360
// whose reports are hidden is left out, never given as zero. The system, hr, admin and
// executives.
func (c *Core) UpwardRatings(ctx context.Context, actor model.Actor) ([]model.UpwardRating, error) {
	if err := requireDevelopmentReader(actor); err != nil {
		return nil, err
	}
	var out []model.UpwardRating
	err := c.read(ctx, func(tx *store.Tx) (err error) {
		out, err = upwardRatings(ctx, tx)
		return err
	})
	return out, err
}

// upwardRatings is UpwardRatings inside a transaction.
func upwardRatings(ctx context.Context, tx *store.Tx) ([]model.UpwardRating, error) {
	as, err := tx.ClosedAssessments(ctx, "")
	if err != nil {
		return nil, err
	}
	means, err := loadMeans(ctx, tx, as)
	if err != nil {
		return nil, err
	}
	var out []model.UpwardRating
	for _, a := range as {
		if m := means[a.ID]; m.ReportsShown {
			out = append(out, model.UpwardRating{PersonID: a.SubjectID, AssessmentID: a.ID, ClosedOn: a.ClosesOn, Mean: m.Reports, Respondents: m.Respondents})
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].ClosedOn != out[j].ClosedOn {
			return out[i].ClosedOn < out[j].ClosedOn
		}
		return out[i].AssessmentID < out[j].AssessmentID
	})
	return out, nil
}
