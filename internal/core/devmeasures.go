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
	_, end, err := model.PeriodDates(period)
	if err != nil {
		return nil, &model.Error{Code: model.CodeInvalid, Message: "Enter a period such as 2026-Q1.", Fields: map[string]string{"period": "Enter a period such as 2026-Q1."}}
	}
	endAt := dayStartOf(end) + 86400
	var out []model.DevelopmentMeasure
	err = c.read(ctx, func(tx *store.Tx) error {
		managers, err := tx.FindAllPeople(ctx, model.PersonFilter{MiddleManagers: true})
		if err != nil {
			return err
		}
		idx := map[int64]int{}
		out = make([]model.DevelopmentMeasure, len(managers))
		for i, m := range managers {
			out[i] = model.DevelopmentMeasure{PersonID: m.ID, Name: m.Name}
			idx[m.ID] = i
		}
		// Progress.
		rows, err := tx.MemberCohorts(ctx, 0, model.CohortParticipant)
		if err != nil {
			return err
		}
		var cohortIDs, progIDs []int64
		seenC, seenP := map[int64]bool{}, map[int64]bool{}
		for _, r := range rows {
			if _, ok := idx[r.PersonID]; !ok || r.Cohort.StartsOn > end {
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
			return err
		}
		done, err := completionsBy(ctx, tx, cohortIDs, endAt)
		if err != nil {
			return err
		}
		sums, ns := map[int64]float64{}, map[int64]int{}
		for _, r := range rows {
			if _, ok := idx[r.PersonID]; !ok || !seenC[r.Cohort.ID] {
				continue
			}
			p := score.ProgramProgress(mods[r.Cohort.ProgramID], done[[2]int64{r.Cohort.ID, r.PersonID}], r.Cohort.StartsOn, end)
			sums[r.PersonID] += p.Percent
			ns[r.PersonID]++
		}
		for pid, n := range ns {
			i := idx[pid]
			out[i].HasProgress, out[i].Progress = true, sums[pid]/float64(n)
		}
		// 360s.
		latest, err := lastTwoAssessments(ctx, tx, idx, end)
		if err != nil {
			return err
		}
		var want []model.Assessment
		for _, as := range latest {
			want = append(want, as...)
		}
		res, err := loadResults(ctx, tx, want)
		if err != nil {
			return err
		}
		for pid, as := range latest {
			i := idx[pid]
			last := res[as[0].ID]
			if m, n, ok := reportsMean(last); ok {
				out[i].HasUpward, out[i].Upward, out[i].UpwardRespondents, out[i].UpwardOn = true, m, n, as[0].ClosesOn
			}
			if len(as) == 2 {
				before := res[as[1].ID]
				if last.Others.Shown && before.Others.Shown {
					out[i].HasGrowth = true
					out[i].OthersBefore, out[i].OthersAfter = before.Others.Mean, last.Others.Mean
					out[i].Growth = last.Others.Mean - before.Others.Mean
				}
			}
		}
		return nil
	})
	return out, err
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

// lastTwoAssessments returns, for the people of idx, their last two assessments that
// closed by a day, the latest first.
func lastTwoAssessments(ctx context.Context, tx *store.Tx, idx map[int64]int, by string) (map[int64][]model.Assessment, error) {
	all, err := tx.FindAssessments(ctx, store.AssessmentFilter{ClosedBy: by})
	if err != nil {
		return nil, err
	}
	out := map[int64][]model.Assessment{}
	for _, a := range all { // latest closing first
		if _, ok := idx[a.SubjectID]; ok && len(out[a.SubjectID]) < 2 {
			out[a.SubjectID] = append(out[a.SubjectID], a)
		}
	}
	return out, nil
}

// reportsMean is the direct reports' mean rating over every competency they rated, where
// the engine shows them, and how many answered.
func reportsMean(r model.AssessmentResults) (float64, int, bool) {
	if !r.ReportsShown {
		return 0, 0, false
	}
	var sum float64
	n := 0
	for _, it := range r.Items {
		if it.Reports.Shown {
			sum += it.Reports.Mean * float64(it.Reports.N)
			n += it.Reports.N
		}
	}
	if n == 0 {
		return 0, 0, false
	}
	return sum / float64(n), r.Reports, true
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
	as, err := tx.FindAssessments(ctx, store.AssessmentFilter{Status: model.AssessmentClosed})
	if err != nil {
		return nil, err
	}
	res, err := loadResults(ctx, tx, as)
	if err != nil {
		return nil, err
	}
	var out []model.UpwardRating
	for _, a := range as {
		if m, n, ok := reportsMean(res[a.ID]); ok {
			out = append(out, model.UpwardRating{PersonID: a.SubjectID, AssessmentID: a.ID, ClosedOn: a.ClosesOn, Mean: m, Respondents: n})
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
