package core

import (
	"context"
	"fmt"
	"math"
	"sort"
	"strings"

	"throughline/internal/model"
	"throughline/internal/score"
	"throughline/internal/store"
)

// ObservationOptions control a batch of observations.
type ObservationOptions struct {
	DryRun   bool
	Filename string            // for the audit log of CSV imports
	Problems []model.LineError // cells the CSV reader could not read, reported with the rest
}

// RecordObservations records a batch of values (one from a form, many from a CSV file
// or an API call) with the given source. The batch is all or nothing: every problem is
// reported with its line (the file line, or the item's position in an API batch) and
// nothing is written if there is any. It is idempotent by metric, subject and period:
// the same value again changes nothing; a different value is a correction, and the old
// value is kept in the history with who changed it and when. The combined results the
// scorecards read are recomputed, in the same transaction, for exactly the metric,
// subject and quarter each value touches.
func (c *Core) RecordObservations(ctx context.Context, actor model.Actor, rows []model.ObservationInput, source model.Source, opts ObservationOptions) (model.ObservationReport, error) {
	if err := requireSignedIn(actor); err != nil {
		return model.ObservationReport{}, err
	}
	switch source {
	case model.SourceManual, model.SourceCSV, model.SourceAPI:
	case model.SourceSystem, model.SourceSurvey:
		if !actor.IsSystem() {
			return model.ObservationReport{}, model.Forbidden()
		}
	default:
		return model.ObservationReport{}, fmt.Errorf("core: record observations: unknown source %q", source)
	}
	rep := model.ObservationReport{Rows: len(rows), DryRun: opts.DryRun}
	var bad model.ImportError
	add := func(line int, field, format string, args ...any) {
		if len(bad.Lines) < model.MaxReportedLineErrors {
			bad.Lines = append(bad.Lines, model.LineError{Line: line, Field: field, Message: fmt.Sprintf(format, args...)})
		}
	}
	if len(rows) == 0 && len(opts.Problems) == 0 {
		add(1, "", "There are no values to record.")
		return rep, bad.AsError()
	}
	bad.Lines = append(bad.Lines, opts.Problems...)
	for i := range rows {
		if rows[i].Line == 0 {
			rows[i].Line = i + 1
		}
		if err := rows[i].Validate(); err != nil {
			fields := model.FieldsOf(err)
			keys := make([]string, 0, len(fields))
			for k := range fields {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			for _, k := range keys {
				add(rows[i].Line, k, "%s", fields[k])
			}
		}
	}
	run := c.write
	if opts.DryRun {
		run = c.read
	}
	err := run(ctx, func(tx *store.Tx) error {
		metrics, err := tx.FindMetrics(ctx, model.MetricFilter{})
		if err != nil {
			return err
		}
		byKey := map[string]model.Metric{}
		byID := map[int64]model.Metric{}
		for _, m := range metrics {
			byKey[m.Key], byID[m.ID] = m, m
		}
		owns := false
		for _, m := range metrics {
			owns = owns || canRecord(actor, m)
		}
		if !owns {
			return model.Forbidden()
		}
		// Resolve subjects given by reference, in two queries.
		var emps []string
		for _, r := range rows {
			if r.SubjectID == 0 && r.SubjectType == model.SubjectTeam && r.SubjectRef != "" {
				emps = append(emps, r.SubjectRef)
			}
		}
		personByEmp, err := peopleByEmployeeID(ctx, tx, emps)
		if err != nil {
			return err
		}
		depts, err := tx.NamedIDs(ctx, "departments")
		if err != nil {
			return err
		}
		deptIDs := map[int64]bool{}
		for _, id := range depts {
			deptIDs[id] = true
		}
		var personIDs []int64
		for _, r := range rows {
			if r.SubjectType == model.SubjectTeam && r.SubjectID != 0 {
				personIDs = append(personIDs, r.SubjectID)
			}
		}
		knownPeople, err := tx.ExistingIDs(ctx, "people", personIDs)
		if err != nil {
			return err
		}
		type item struct {
			row store.ObservationRow
			in  *model.ObservationInput
		}
		items := make([]item, 0, len(rows))
		first := map[store.ObservationKey]int{}
		for i := range rows {
			r := &rows[i]
			m, ok := byID[r.MetricID]
			if r.MetricID == 0 {
				m, ok = byKey[r.MetricKey]
			}
			if !ok {
				if r.MetricID != 0 || r.MetricKey != "" {
					add(r.Line, "metric", "Unknown metric %q: no metric in the catalogue has that key.", model.Clip(firstNonEmpty(r.MetricKey, fmt.Sprint(r.MetricID)), 60))
				}
				continue
			}
			if !canRecord(actor, m) {
				add(r.Line, "metric", "You may not record values of %q: hr, admin or the metric's owner do.", m.Key)
				continue
			}
			if m.Frequency == model.Monthly && !model.ValidMonth(r.Period) && model.ValidQuarter(r.Period) {
				add(r.Line, "period", "%q is recorded monthly: give a month such as %s, not a quarter.", m.Key, model.MonthsOf(r.Period)[0])
				continue
			}
			if m.Frequency == model.Quarterly && !model.ValidQuarter(r.Period) && model.ValidMonth(r.Period) {
				add(r.Line, "period", "%q is recorded quarterly: give a quarter such as %s, not a month.", m.Key, model.QuarterOf(r.Period))
				continue
			}
			subject := r.SubjectID
			switch {
			case r.SubjectType == model.SubjectTeam && subject == 0 && r.SubjectRef != "":
				p, ok := personByEmp[r.SubjectRef]
				if !ok {
					add(r.Line, "subject", "Unknown manager %q: no one has that employee id.", model.Clip(r.SubjectRef, 40))
					continue
				}
				subject = p
			case r.SubjectType == model.SubjectTeam:
				if !knownPeople[subject] {
					add(r.Line, "subject", "Unknown manager: no person has the id %d.", subject)
					continue
				}
			case r.SubjectType == model.SubjectDepartment && subject == 0:
				id, ok := depts[model.FoldKey(r.SubjectRef)]
				if !ok {
					add(r.Line, "subject", "Unknown department %q.", model.Clip(r.SubjectRef, 60))
					continue
				}
				subject = id
			case r.SubjectType == model.SubjectDepartment:
				if !deptIDs[subject] {
					add(r.Line, "subject", "Unknown department: no department has the id %d.", subject)
					continue
				}
			}
			if !model.ValidMonth(r.Period) && !model.ValidQuarter(r.Period) || math.IsNaN(r.Value) {
				continue // already reported
			}
			row := store.ObservationRow{MetricID: m.ID, SubjectType: r.SubjectType, SubjectID: subject, Period: r.Period,
				Value: r.Value, Source: source, Note: r.Note}
			if line, dup := first[row.Key()]; dup {
				add(r.Line, "period", "The same metric, subject and period is already on line %d.", line)
				continue
			}
			first[row.Key()] = r.Line
			items = append(items, item{row: row, in: r})
		}
		if len(bad.Lines) > 0 {
			return bad.AsError()
		}
		// Diff against what is stored.
		metricSet, periodSet, subjectSet := map[int64]bool{}, map[string]bool{}, map[int64]bool{}
		for _, it := range items {
			metricSet[it.row.MetricID], periodSet[it.row.Period], subjectSet[it.row.SubjectID] = true, true, true
		}
		existing, err := tx.ObservationRows(ctx, keysOf(metricSet), stringKeys(periodSet), keysOf(subjectSet))
		if err != nil {
			return err
		}
		have := make(map[store.ObservationKey]store.ObservationRow, len(existing))
		for _, e := range existing {
			have[e.Key()] = e
		}
		var inserts, corrections []store.ObservationRow
		var history []model.ObservationChange
		touched := map[resultKey]bool{}
		for _, it := range items {
			old, ok := have[it.row.Key()]
			switch {
			case !ok:
				inserts = append(inserts, it.row)
			case old.Value == it.row.Value && old.Note == it.row.Note:
				rep.Unchanged++
				continue
			default:
				it.row.ID = old.ID
				corrections = append(corrections, it.row)
				history = append(history, model.ObservationChange{ObservationID: old.ID, OldValue: old.Value, NewValue: it.row.Value,
					OldSource: old.Source, OldNote: old.Note, ByName: actorName(actor)})
			}
			touched[resultKey{it.row.MetricID, it.row.SubjectType, it.row.SubjectID, model.QuarterOf(it.row.Period)}] = true
		}
		rep.Created, rep.Corrected = len(inserts), len(corrections)
		if opts.DryRun || len(touched) == 0 {
			return nil
		}
		if err := tx.InsertObservations(ctx, inserts, actor.AccountID, actorName(actor)); err != nil {
			return err
		}
		if err := tx.CorrectObservations(ctx, corrections, actor.AccountID, actorName(actor)); err != nil {
			return err
		}
		if err := tx.InsertObservationHistory(ctx, history, actor.AccountID); err != nil {
			return err
		}
		if err := recombine(ctx, tx, byID, touched); err != nil {
			return err
		}
		detail := fmt.Sprintf("%s: %d new, %d corrected", source, rep.Created, rep.Corrected)
		if opts.Filename != "" {
			detail += " from " + model.Clip(opts.Filename, 80)
		}
		return audit(ctx, tx, actor, "observations_recorded", "metric", singleMetric(items2ids(inserts, corrections)), detail)
	})
	return rep, err
}

// SystemObservation is a value Throughline computes itself, such as team engagement from
// a pulse survey: for a subject (a manager's team by the manager's person id, or a
// department by its id) and a period that fits the metric's frequency.
type SystemObservation struct {
	SubjectType model.SubjectType
	SubjectID   int64
	Period      string
	Value       float64
	Note        string
}

// RecordSystemObservations records values that Throughline computes (engagement and
// eNPS from pulse surveys, adopted ideas, service hours) for the metric with a stable
// key, such as "employee_engagement" or "enps". Other modules call it; it acts as the
// system and follows every rule of RecordObservations (all or nothing, idempotent,
// corrections kept in the history, results recombined). The source is system or survey.
// A metric that is not in the catalogue is not_found: the organization decides which
// metrics it keeps.
func (c *Core) RecordSystemObservations(ctx context.Context, metricKey string, source model.Source, obs []SystemObservation) (model.ObservationReport, error) {
	if source != model.SourceSystem && source != model.SourceSurvey {
		return model.ObservationReport{}, fmt.Errorf("core: system observations need the system or survey source, not %q", source)
	}
	if _, err := c.MetricByKey(ctx, model.System, metricKey); err != nil {
		return model.ObservationReport{}, err
	}
	rows := make([]model.ObservationInput, len(obs))
	for i, o := range obs {
		rows[i] = model.ObservationInput{Line: i + 1, MetricKey: metricKey, SubjectType: o.SubjectType, SubjectID: o.SubjectID,
			Period: o.Period, Value: o.Value, Note: o.Note}
	}
	return c.RecordObservations(ctx, model.System, rows, source, ObservationOptions{})
}

// resultKey identifies a combined result: a metric, a subject and a quarter.
type resultKey struct {
	metric  int64
	typ     model.SubjectType
	subject int64
	quarter string
}

// recombine recomputes the combined results of the touched keys from their observations:
// the months of a quarter (or the quarter itself) combined by the metric's rule.
func recombine(ctx context.Context, tx *store.Tx, metrics map[int64]model.Metric, touched map[resultKey]bool) error {
	metricSet, periodSet, subjectSet := map[int64]bool{}, map[string]bool{}, map[int64]bool{}
	for k := range touched {
		metricSet[k.metric], subjectSet[k.subject] = true, true
		if metrics[k.metric].Frequency == model.Monthly {
			for _, mo := range model.MonthsOf(k.quarter) {
				periodSet[mo] = true
			}
		} else {
			periodSet[k.quarter] = true
		}
	}
	obs, err := tx.ObservationRows(ctx, keysOf(metricSet), stringKeys(periodSet), keysOf(subjectSet))
	if err != nil {
		return err
	}
	results := combineRows(metrics, obs, touched)
	return tx.UpsertResults(ctx, results)
}

// combineRows turns observations into results for the wanted keys (all keys when want
// is nil).
func combineRows(metrics map[int64]model.Metric, obs []store.ObservationRow, want map[resultKey]bool) []store.ResultRow {
	parts := map[resultKey][]float64{}
	for _, o := range obs {
		k := resultKey{o.MetricID, o.SubjectType, o.SubjectID, model.QuarterOf(o.Period)}
		if want != nil && !want[k] {
			continue
		}
		m := metrics[o.MetricID]
		p := parts[k]
		if p == nil {
			n := 1
			if m.Frequency == model.Monthly {
				n = 3
			}
			p = make([]float64, n)
			for i := range p {
				p[i] = math.NaN()
			}
			parts[k] = p
		}
		idx := 0
		if m.Frequency == model.Monthly && model.ValidMonth(o.Period) {
			idx = monthIndex(o.Period)
		}
		p[idx] = o.Value
	}
	out := make([]store.ResultRow, 0, len(parts))
	for k, p := range parts {
		v, n := score.Combine(metrics[k.metric].Combine, p)
		if n == 0 {
			continue
		}
		out = append(out, store.ResultRow{MetricID: k.metric, SubjectType: k.typ, SubjectID: k.subject, Period: k.quarter,
			Value: v, Parts: n, Expected: len(p)})
	}
	return out
}

// monthIndex is a month's position in its quarter, 0 to 2.
func monthIndex(month string) int {
	m := int(month[5]-'0')*10 + int(month[6]-'0')
	return (m - 1) % 3
}

// recombineMetric recomputes every result of one metric (after its rule changed).
func recombineMetric(ctx context.Context, tx *store.Tx, id int64, rule model.Combine, freq model.Frequency) error {
	obs, err := tx.AllObservationRowsOf(ctx, id)
	if err != nil {
		return err
	}
	if err := tx.DeleteMetricResults(ctx, id); err != nil {
		return err
	}
	return tx.UpsertResults(ctx, combineRows(map[int64]model.Metric{id: {ID: id, Combine: rule, Frequency: freq}}, obs, nil))
}

// peopleByEmployeeID maps employee ids to person ids.
func peopleByEmployeeID(ctx context.Context, tx *store.Tx, emps []string) (map[string]int64, error) {
	return tx.PersonIDsByEmployeeID(ctx, emps)
}

// Observations lists the recorded values of a metric, for hr, admin and its owner.
func (c *Core) Observations(ctx context.Context, actor model.Actor, f model.ObservationFilter) (model.List[model.Observation], error) {
	if err := requireSignedIn(actor); err != nil {
		return model.List[model.Observation]{}, err
	}
	f.Page = f.Page.Normalize()
	var out model.List[model.Observation]
	err := c.read(ctx, func(tx *store.Tx) error {
		if f.MetricID != 0 {
			m, err := tx.FindMetricByID(ctx, f.MetricID)
			if err != nil {
				return notFound(err, "metric")
			}
			if !canRecord(actor, m) {
				return model.Forbidden()
			}
		} else if !canKeepCatalogue(actor) {
			return model.Forbidden()
		}
		items, total, err := tx.FindObservations(ctx, f)
		out = model.List[model.Observation]{Items: items, Total: total, Page: f.Page}
		return err
	})
	return out, err
}

// ObservationHistory returns an observation and its corrections, for those who may
// record the metric's values.
func (c *Core) ObservationHistory(ctx context.Context, actor model.Actor, id int64) (model.Observation, []model.ObservationChange, error) {
	if err := requireSignedIn(actor); err != nil {
		return model.Observation{}, nil, err
	}
	var o model.Observation
	var hist []model.ObservationChange
	err := c.read(ctx, func(tx *store.Tx) error {
		var err error
		if o, err = tx.FindObservationByID(ctx, id); err != nil {
			return notFound(err, "observation")
		}
		m, err := tx.FindMetricByID(ctx, o.MetricID)
		if err != nil {
			return err
		}
		if !canRecord(actor, m) {
			return model.NotFound("observation")
		}
		hist, err = tx.ObservationHistory(ctx, []int64{id})
		return err
	})
	return o, hist, err
}

func actorName(a model.Actor) string {
	if a.Name != "" {
		return a.Name
	}
	return a.Login
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if strings.TrimSpace(s) != "" && s != "0" {
			return s
		}
	}
	return ""
}

func keysOf(m map[int64]bool) []int64 {
	out := make([]int64, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

func stringKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func items2ids(lists ...[]store.ObservationRow) []int64 {
	seen := map[int64]bool{}
	for _, l := range lists {
		for _, r := range l {
			seen[r.MetricID] = true
		}
	}
	return keysOf(seen)
}

// singleMetric returns the metric id when a batch touched one metric, else 0.
func singleMetric(ids []int64) int64 {
	if len(ids) == 1 {
		return ids[0]
	}
	return 0
}
