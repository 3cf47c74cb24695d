package core

import (
	"context"
	"fmt"

	"throughline/internal/model"
	"throughline/internal/score"
	"throughline/internal/store"
)

// EnqueueForTest schedules n jobs of kind, due now, with payload keys prefix0, prefix1, ….
func EnqueueForTest(ctx context.Context, c *Core, kind string, n int, prefix string) error {
	return c.write(ctx, func(tx *store.Tx) error {
		for i := 0; i < n; i++ {
			key := fmt.Sprintf("%s%d", prefix, i)
			if err := enqueue(ctx, tx, kind, "", map[string]string{"key": key}, tx.Now().Unix()); err != nil {
				return err
			}
		}
		return nil
	})
}

// ClaimForTest claims one job as worker and never finishes it, like a server that died.
func ClaimForTest(ctx context.Context, c *Core, worker string) (model.Job, error) {
	var j model.Job
	err := c.write(ctx, func(tx *store.Tx) (err error) {
		j, err = tx.ClaimJob(ctx, worker, tx.Now().Add(JobLease).Unix())
		return err
	})
	return j, err
}

// ExportPeopleIDsForBench returns every active person's id.
func (c *Core) ExportPeopleIDsForBench(ctx context.Context) ([]int64, error) {
	var out []int64
	err := c.read(ctx, func(tx *store.Tx) error {
		rows, err := tx.AllPersonRows(ctx)
		for _, r := range rows {
			if r.Active {
				out = append(out, r.ID)
			}
		}
		return err
	})
	return out, err
}

// reportsMean is the direct reports' mean rating over every competency they rated, where
// the engine shows them, and how many answered, from an assessment's full results: the
// reference the analytics' fast path (assessmentMeansOf) is held equal to.
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

// AssessmentMeans is what the analytics read of a closed assessment.
type AssessmentMeans = assessmentMeans

// MeansOfResults is the means of an assessment taken from its full results
// (AssessmentResultsOf), as the analytics computed them before the fast path.
func MeansOfResults(r model.AssessmentResults) AssessmentMeans {
	var m AssessmentMeans
	if r.Others.Shown {
		m.OthersShown, m.Others = true, r.Others.Mean
	}
	if mean, n, ok := reportsMean(r); ok {
		m.ReportsShown, m.Reports, m.Respondents = true, mean, n
	}
	return m
}

// MeansOfCounts runs the fast path on an assessment's rating counts: it sums them by
// relation and competency as store.RatingSums does, and computes the means.
func MeansOfCounts(minGroup int, counts []store.RatingCount, answered map[model.Relation]int) AssessmentMeans {
	type key struct {
		rel  model.Relation
		comp string
	}
	acc := map[key]*store.RatingSum{}
	var sums []*store.RatingSum
	for _, c := range counts {
		if c.Relation == model.RelSelf {
			continue
		}
		k := key{c.Relation, c.Competency}
		if acc[k] == nil {
			acc[k] = &store.RatingSum{AssessmentID: c.AssessmentID, Relation: c.Relation, Competency: c.Competency}
			sums = append(sums, acc[k])
		}
		acc[k].N += c.N
		acc[k].Sum += c.N * c.Level
	}
	flat := make([]store.RatingSum, len(sums))
	for i, s := range sums {
		flat[i] = *s
	}
	return assessmentMeansOf(minGroup, flat, answered, groupVerdicts{})
}

// ClosedAssessmentMeans returns every closed assessment's means twice: by the fast path
// (store.RatingSums, assessmentMeansOf) and from the full results (loadResults).
func ClosedAssessmentMeans(ctx context.Context, c *Core) (fast, full map[int64]AssessmentMeans, err error) {
	err = c.read(ctx, func(tx *store.Tx) error {
		closed, err := tx.ClosedAssessments(ctx, "")
		if err != nil {
			return err
		}
		if fast, err = loadMeans(ctx, tx, closed); err != nil {
			return err
		}
		as, err := tx.FindAssessments(ctx, store.AssessmentFilter{Status: model.AssessmentClosed})
		if err != nil {
			return err
		}
		res, err := loadResults(ctx, tx, as)
		if err != nil {
			return err
		}
		full = map[int64]AssessmentMeans{}
		for id, r := range res {
			full[id] = MeansOfResults(r)
		}
		return nil
	})
	return fast, full, err
}

// DevelopmentMeasuresBefore is DevelopmentMeasures as it was before the index recompute
// read every period at once and took 360 means from rating sums (issue 9): one period,
// each 360 through its full results. Tests hold the two equal.
func DevelopmentMeasuresBefore(ctx context.Context, c *Core, period string) ([]model.DevelopmentMeasure, error) {
	_, end, err := model.PeriodDates(period)
	if err != nil {
		return nil, err
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
		all, err := tx.FindAssessments(ctx, store.AssessmentFilter{ClosedBy: end})
		if err != nil {
			return err
		}
		latest := map[int64][]model.Assessment{}
		for _, a := range all {
			if _, ok := idx[a.SubjectID]; ok && len(latest[a.SubjectID]) < 2 {
				latest[a.SubjectID] = append(latest[a.SubjectID], a)
			}
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

// DevelopmentMeasuresOf is the index's read of development: every period at once, for
// the middle managers the index reads (middleManagers).
func DevelopmentMeasuresOf(ctx context.Context, c *Core, periods []string) (map[string][]model.DevelopmentMeasure, error) {
	var out map[string][]model.DevelopmentMeasure
	err := c.read(ctx, func(tx *store.Tx) error {
		people, err := middleManagers(ctx, tx)
		if err != nil {
			return err
		}
		out, err = developmentMeasures(ctx, tx, periods, personNames(people))
		return err
	})
	return out, err
}
