package core

import (
	"context"
	"fmt"
	"math"
	"time"

	"throughline/internal/model"
)

// The scorecard metrics that pulse surveys feed, by their stable keys.
const (
	EngagementMetric = "employee_engagement"
	ENPSMetric       = "enps"
)

// SyncEngagement records a closed round's team results on managers' scorecards: the
// engagement favourability as "employee_engagement" and the eNPS as "enps", each for
// the period the round opened in (a quarter or a month, as the metric is measured).
// Only teams the anonymity engine shows are recorded; a team below the threshold gets
// no value at all, never a derived one. A metric the organization does not keep is
// skipped. Recording is idempotent, so closing twice or syncing again changes nothing;
// for a quarterly metric the latest pulse of the quarter is the value. hr, admin and
// the system.
func (c *Core) SyncEngagement(ctx context.Context, actor model.Actor, roundID int64) (model.ObservationReport, error) {
	if !actor.IsSystem() {
		if err := requireRole(actor, model.RoleAdmin, model.RoleHR); err != nil {
			return model.ObservationReport{}, err
		}
	}
	results, err := c.TeamEngagementResults(ctx, model.System, roundID)
	if err != nil {
		return model.ObservationReport{}, err
	}
	var total model.ObservationReport
	for _, key := range []string{EngagementMetric, ENPSMetric} {
		m, err := c.MetricByKey(ctx, model.System, key)
		if model.ErrorCodeOf(err) == model.CodeNotFound {
			continue
		}
		if err != nil {
			return total, err
		}
		var obs []SystemObservation
		for _, r := range results {
			if r.Status != model.TeamResultOK {
				continue
			}
			v, ok := r.Engagement, r.HasEngagement
			if key == ENPSMetric {
				v, ok = r.ENPS, r.HasENPS
			}
			if !ok {
				continue
			}
			day, err := time.Parse("2006-01-02", r.OpensOn)
			if err != nil {
				return total, fmt.Errorf("core: round %d opens on %q: %w", roundID, r.OpensOn, err)
			}
			period := model.QuarterOfTime(day)
			if m.Frequency == model.Monthly {
				period = day.Format("2006-01")
			}
			obs = append(obs, SystemObservation{SubjectType: model.SubjectTeam, SubjectID: r.ManagerID, Period: period,
				Value: math.Round(v*10) / 10, Note: "From the pulse that opened on " + r.OpensOn + "."})
		}
		if len(obs) == 0 {
			continue
		}
		rep, err := c.RecordSystemObservations(ctx, key, model.SourceSurvey, obs)
		if err != nil {
			return total, err
		}
		total.Rows += rep.Rows
		total.Created += rep.Created
		total.Corrected += rep.Corrected
		total.Unchanged += rep.Unchanged
	}
	return total, nil
}

// syncEngagement is SyncEngagement after a round closes; a failure is logged, not
// returned, because the round did close. It can be repeated from the API.
func (c *Core) syncEngagement(ctx context.Context, roundID int64) {
	if _, err := c.SyncEngagement(ctx, model.System, roundID); err != nil {
		c.log.Warn("engagement observations", "round", roundID, "err", err.Error())
	}
}
