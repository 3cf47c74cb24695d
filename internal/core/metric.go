package core

import (
	"context"
	"fmt"
	"sort"

	"throughline/internal/model"
	"throughline/internal/store"
)

// The catalogue rules, in one place:
//   - everyone signed in reads the published metrics and why each one matters: being
//     open about why a metric exists is part of the product;
//   - hr and admin keep the catalogue: they create, edit, publish and retire metrics,
//     and see drafts;
//   - a metric's values are recorded by hr, admin, or the person who owns the metric.
//     Managers never record their own results.

// canKeepCatalogue reports whether actor may change the catalogue.
func canKeepCatalogue(actor model.Actor) bool { return actor.Is(model.RoleAdmin, model.RoleHR) }

// canRecord reports whether actor may record values of m.
func canRecord(actor model.Actor, m model.Metric) bool {
	return canKeepCatalogue(actor) || (actor.PersonID != 0 && actor.PersonID == m.OwnerID)
}

// Metrics lists the catalogue. Drafts and retired metrics are listed only for hr and
// admin; everyone else sees what is published.
func (c *Core) Metrics(ctx context.Context, actor model.Actor, f model.MetricFilter) ([]model.Metric, error) {
	if err := requireSignedIn(actor); err != nil {
		return nil, err
	}
	if !canKeepCatalogue(actor) {
		f.Status, f.WithRetired = model.MetricPublished, false
	}
	var out []model.Metric
	err := c.read(ctx, func(tx *store.Tx) (err error) {
		out, err = tx.FindMetrics(ctx, f)
		return err
	})
	return out, err
}

// Metric returns one metric. A draft is not found for those who may not see drafts.
func (c *Core) Metric(ctx context.Context, actor model.Actor, id int64) (model.Metric, error) {
	if err := requireSignedIn(actor); err != nil {
		return model.Metric{}, err
	}
	var m model.Metric
	err := c.read(ctx, func(tx *store.Tx) (err error) {
		m, err = tx.FindMetricByID(ctx, id)
		return notFound(err, "metric")
	})
	if err == nil && m.Status != model.MetricPublished && !canKeepCatalogue(actor) && actor.PersonID != m.OwnerID {
		return model.Metric{}, model.NotFound("metric")
	}
	return m, err
}

// MetricByKey returns the metric with a stable key, such as "employee_engagement".
// Integrations and other modules find their metrics this way.
func (c *Core) MetricByKey(ctx context.Context, actor model.Actor, key string) (model.Metric, error) {
	if err := requireSignedIn(actor); err != nil {
		return model.Metric{}, err
	}
	var m model.Metric
	err := c.read(ctx, func(tx *store.Tx) (err error) {
		m, err = tx.FindMetricByKey(ctx, key)
		return notFound(err, "metric")
	})
	if err == nil && m.Status != model.MetricPublished && !canKeepCatalogue(actor) && actor.PersonID != m.OwnerID {
		return model.Metric{}, model.NotFound("metric")
	}
	return m, err
}

// checkMetricRefs checks the ids a metric input names against the database.
func checkMetricRefs(ctx context.Context, tx *store.Tx, in *model.MetricInput) error {
	var v model.Validator
	if in.OwnerID == 0 && in.OwnerEmail != "" {
		p, err := tx.FindPersonByEmail(ctx, in.OwnerEmail)
		if err != nil || !p.Active {
			v.Add("owner_email", "No one in the directory has the email "+model.Clip(in.OwnerEmail, 80)+".")
		} else {
			in.OwnerID = p.ID
		}
	}
	check := func(table string, ids []int64, field, msg string) error {
		var want []int64
		for _, id := range ids {
			if id != 0 {
				want = append(want, id)
			}
		}
		if len(want) == 0 {
			return nil
		}
		have, err := tx.ExistingIDs(ctx, table, want)
		if err != nil {
			return err
		}
		for _, id := range want {
			if !have[id] {
				v.Add(field, msg)
			}
		}
		return nil
	}
	if err := check("objectives", []int64{in.ObjectiveID}, "objective_id", "Choose one of the strategic objectives."); err != nil {
		return err
	}
	if err := check("people", []int64{in.OwnerID}, "owner_id", "Choose an owner from the directory."); err != nil {
		return err
	}
	if err := check("departments", []int64{in.ScopeDepartmentID}, "scope_department_id", "Choose one of the departments."); err != nil {
		return err
	}
	if err := check("people", in.ManagerIDs, "manager_ids", "Every named manager must be a person in the directory."); err != nil {
		return err
	}
	return v.Err()
}

// CreateMetric adds a metric to the catalogue. hr and admin only.
func (c *Core) CreateMetric(ctx context.Context, actor model.Actor, in model.MetricInput) (model.Metric, error) {
	if err := requireRole(actor, model.RoleAdmin, model.RoleHR); err != nil {
		return model.Metric{}, err
	}
	if err := in.Validate(); err != nil {
		return model.Metric{}, err
	}
	var m model.Metric
	err := c.write(ctx, func(tx *store.Tx) error {
		if err := checkMetricRefs(ctx, tx, &in); err != nil {
			return err
		}
		id, err := tx.CreateMetric(ctx, in)
		if err != nil {
			return conflict(err, "key", fmt.Sprintf("Another metric already has the key %q.", in.Key))
		}
		if err := audit(ctx, tx, actor, "metric_created", "metric", id, in.Key); err != nil {
			return err
		}
		m, err = tx.FindMetricByID(ctx, id)
		return err
	})
	return m, err
}

// UpdateMetric changes a metric. The frequency cannot change once values are recorded
// (they would no longer fit their periods); a new combine rule recombines every period.
func (c *Core) UpdateMetric(ctx context.Context, actor model.Actor, id int64, in model.MetricInput) (model.Metric, error) {
	if err := requireRole(actor, model.RoleAdmin, model.RoleHR); err != nil {
		return model.Metric{}, err
	}
	if err := in.Validate(); err != nil {
		return model.Metric{}, err
	}
	var m model.Metric
	err := c.write(ctx, func(tx *store.Tx) error {
		old, err := tx.FindMetricByID(ctx, id)
		if err != nil {
			return notFound(err, "metric")
		}
		if err := checkMetricRefs(ctx, tx, &in); err != nil {
			return err
		}
		if old.Frequency != in.Frequency {
			n, err := tx.CountObservationsOf(ctx, id)
			if err != nil {
				return err
			}
			if n > 0 {
				msg := fmt.Sprintf("The frequency cannot change: %d %s values are recorded. Create a new metric instead.", n, old.Frequency)
				return &model.Error{Code: model.CodeInvalid, Message: msg, Fields: map[string]string{"frequency": msg}}
			}
		}
		if err := tx.UpdateMetric(ctx, id, in); err != nil {
			return conflict(notFound(err, "metric"), "key", fmt.Sprintf("Another metric already has the key %q.", in.Key))
		}
		if old.Combine != in.Combine {
			if err := recombineMetric(ctx, tx, id, in.Combine, in.Frequency); err != nil {
				return err
			}
		}
		if err := audit(ctx, tx, actor, "metric_updated", "metric", id, in.Key); err != nil {
			return err
		}
		m, err = tx.FindMetricByID(ctx, id)
		return err
	})
	return m, err
}

// SetMetricStatus publishes, retires or returns a metric to draft. Publishing needs the
// "why this matters" text. hr and admin only.
func (c *Core) SetMetricStatus(ctx context.Context, actor model.Actor, id int64, status model.MetricStatus) error {
	if err := requireRole(actor, model.RoleAdmin, model.RoleHR); err != nil {
		return err
	}
	return c.write(ctx, func(tx *store.Tx) error {
		m, err := tx.FindMetricByID(ctx, id)
		if err != nil {
			return notFound(err, "metric")
		}
		in := metricInputOf(m)
		in.Status = status
		if err := in.Validate(); err != nil {
			return err
		}
		if err := tx.SetMetricStatus(ctx, id, status); err != nil {
			return err
		}
		return audit(ctx, tx, actor, "metric_"+string(status), "metric", id, m.Key)
	})
}

// metricInputOf returns the input that would recreate m.
func metricInputOf(m model.Metric) model.MetricInput {
	return model.MetricInput{Key: m.Key, Name: m.Name, Perspective: m.Perspective, Unit: m.Unit, Direction: m.Direction,
		Target: m.Target, Floor: m.Floor, Weight: m.Weight, Combine: m.Combine, Frequency: m.Frequency, ObjectiveID: m.ObjectiveID,
		OwnerID: m.OwnerID, OwnerEmail: m.OwnerEmail, Why: m.Why, Description: m.Description, Scope: m.Scope, ScopeDepartmentID: m.ScopeDepartmentID,
		ManagerIDs: m.ManagerIDs, Status: m.Status, Position: m.Position}
}

// MetricInputOf returns the input that would recreate m, for edit forms.
func MetricInputOf(m model.Metric) model.MetricInput { return metricInputOf(m) }

// appliesTo reports whether a published metric is on p's scorecard: every middle
// manager, the middle managers of one department, or the people it names.
func appliesTo(m model.Metric, p model.Person) bool {
	if m.Status != model.MetricPublished {
		return false
	}
	switch m.Scope {
	case model.ScopeAll:
		return p.IsMiddleManager
	case model.ScopeDepartment:
		return p.IsMiddleManager && p.DepartmentID == m.ScopeDepartmentID
	case model.ScopeNamed:
		for _, id := range m.ManagerIDs {
			if id == p.ID {
				return true
			}
		}
	}
	return false
}

// sortMetrics orders metrics as scorecards show them.
func sortMetrics(ms []model.Metric) {
	order := map[model.Perspective]int{}
	for i, p := range model.Perspectives {
		order[p] = i
	}
	sort.SliceStable(ms, func(i, j int) bool {
		if order[ms[i].Perspective] != order[ms[j].Perspective] {
			return order[ms[i].Perspective] < order[ms[j].Perspective]
		}
		if ms[i].Position != ms[j].Position {
			return ms[i].Position < ms[j].Position
		}
		return ms[i].Name < ms[j].Name
	})
}

// MetricSubjects lists what a metric's values can be recorded for: the managers whose
// scorecards carry it (as directory entries) and the departments. For those who may
// record the metric.
func (c *Core) MetricSubjects(ctx context.Context, actor model.Actor, metricID int64) ([]model.Person, []model.Department, error) {
	if err := requireSignedIn(actor); err != nil {
		return nil, nil, err
	}
	var people []model.Person
	var depts []model.Department
	err := c.read(ctx, func(tx *store.Tx) error {
		m, err := tx.FindMetricByID(ctx, metricID)
		if err != nil {
			return notFound(err, "metric")
		}
		if !canRecord(actor, m) {
			return model.Forbidden()
		}
		all, err := tx.FindScorecardPeople(ctx, store.ScorecardPeopleFilter{})
		if err != nil {
			return err
		}
		m.Status = model.MetricPublished // drafts collect values for the people they will apply to
		for _, p := range all {
			if appliesTo(m, p) {
				people = append(people, p.Directory())
			}
		}
		depts, err = tx.FindDepartments(ctx)
		return err
	})
	return people, depts, err
}
