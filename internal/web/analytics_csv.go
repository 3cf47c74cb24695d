package web

import (
	"io"
	"strconv"

	"throughline/internal/core"
	"throughline/internal/csvio"
	"throughline/internal/model"
)

// The analytics exports: every table the pages show, as CSV with formula-guarded cells.
// A hidden group is written as "hidden", never as a number, and a missing value as an
// empty cell, never as zero.

func num1(has bool, v float64) string {
	if !has {
		return ""
	}
	return strconv.FormatFloat(v, 'f', 1, 64)
}

func writeIndexes(w io.Writer, xs []model.Index) error {
	cw := csvio.NewWriter(w)
	head := []string{"period", "manager", "title", "department", "location", "level", "index", "components_with_data"}
	for _, c := range model.IndexComponents {
		head = append(head, string(c))
	}
	if err := cw.Write(head); err != nil {
		return err
	}
	for _, x := range xs {
		p := x.Person
		rec := []string{x.Period, p.Name, p.Title, p.DepartmentName, p.LocationName, strconv.Itoa(p.Depth), num1(x.Has, x.Value), strconv.Itoa(x.Coverage)}
		for _, c := range model.IndexComponents {
			v := x.Component(c)
			rec = append(rec, num1(v.Has, v.Value))
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	return cw.Flush()
}

func writeHeatmap(w io.Writer, h core.IndexHeatmap) error {
	cw := csvio.NewWriter(w)
	if err := cw.Write([]string{"measure", string(h.By), "period", "mean", "managers_with_value", "managers", "status"}); err != nil {
		return err
	}
	for _, m := range h.Measures {
		for _, g := range h.Groups {
			for j, cell := range g.Cells[m] {
				status, mean, n := "shown", num1(true, cell.Mean), strconv.Itoa(cell.N)
				switch {
				case cell.Closed:
					status, mean, n = "hidden", "", ""
				case cell.Missing:
					status, mean = "no data", ""
				}
				if err := cw.Write([]string{m, g.Name, h.Periods[j], mean, n, strconv.Itoa(cell.Managers), status}); err != nil {
					return err
				}
			}
		}
	}
	return cw.Flush()
}

func writeCalibration(w io.Writer, g core.CalibrationGrid) error {
	cw := csvio.NewWriter(w)
	if err := cw.Write([]string{"manager", "department", "period", "financial_attainment_pct", "purpose_results", "index", "purpose_axis",
		"results_band", "purpose_band", "calibrated_rating", "calibration_reason"}); err != nil {
		return err
	}
	write := func(m core.GridManager) error {
		rating, reason := "", ""
		if m.Calibration != nil {
			rating, reason = strconv.Itoa(m.Calibration.Rating), m.Calibration.Reason
		}
		return cw.Write([]string{m.Person.Name, m.Person.DepartmentName, g.Period, num1(m.HasFinancial, 100*m.Financial), num1(m.HasPurposeResults, m.PurposeResults),
			num1(m.HasIndex, m.Index), num1(m.HasPurpose, m.Purpose), string(m.Results), string(m.PurposeBand), rating, reason})
	}
	for _, row := range g.Rows {
		for _, cell := range row {
			for _, m := range cell.Managers {
				if err := write(m); err != nil {
					return err
				}
			}
		}
	}
	for _, m := range g.Unplaced {
		if err := write(m); err != nil {
			return err
		}
	}
	return cw.Flush()
}

// writeDashboard writes the dashboard's tables one after another, each row named by
// its table in the first column.
func writeDashboard(w io.Writer, d core.Dashboard) error {
	cw := csvio.NewWriter(w)
	rows := [][]string{{"table", "name", "value", "detail"}}
	add := func(table, name, value, detail string) { rows = append(rows, []string{table, name, value, detail}) }
	add("objectives", "active", strconv.Itoa(d.Objectives.Active), d.Objectives.Year)
	add("objectives", "staffed", strconv.Itoa(d.Objectives.Staffed), d.Objectives.Year)
	for _, o := range d.Objectives.Unstaffed {
		add("unstaffed_objective", o.Title, "", o.OwnerName)
	}
	add("index", "managers_with_value", strconv.Itoa(d.Index.N), d.Period)
	add("index", "managers_without_value", strconv.Itoa(d.Index.Missing), d.Period)
	add("index", "mean", num1(d.Index.N > 0, d.Index.Mean), d.Period)
	add("index", "median", num1(d.Index.N > 0, d.Index.Median), d.Period)
	for i, n := range d.Index.Buckets {
		add("index_distribution", strconv.Itoa(i*10)+"-"+strconv.Itoa(i*10+10), strconv.Itoa(n), d.Period)
	}
	for _, t := range d.Index.Trend {
		add("index_trend", t.Period, num1(true, t.Mean), strconv.Itoa(t.N)+" managers")
	}
	for _, g := range d.Lagging {
		add("lagging_department", g.Name, num1(true, g.Mean), strconv.Itoa(g.N)+" managers")
	}
	for _, g := range d.Leading {
		add("leading_department", g.Name, num1(true, g.Mean), strconv.Itoa(g.N)+" managers")
	}
	for _, t := range d.Engagement {
		if !t.Shown {
			add("engagement", t.Label, "hidden", "")
			continue
		}
		add("engagement", t.Label, num1(t.HasEng, t.Engagement), "eNPS "+num1(t.HasENPS, t.ENPS))
	}
	add("balance_warnings", "managers_with_warning", strconv.Itoa(d.Warnings.Count), strconv.Itoa(d.Warnings.Managers)+" managers")
	for _, p := range d.Warnings.Top {
		add("balance_warning", p.Name, num1(true, 100*p.Value), "weak: "+p.Detail)
	}
	for _, s := range d.Silos {
		add("silo", s.Department, num1(true, 100*s.Inward), strconv.Itoa(s.Reached)+" departments reached")
	}
	for _, b := range d.Bridges {
		add("bridge", b.Name, strconv.Itoa(int(b.Value)), b.Department)
	}
	for _, p := range d.Programs {
		add("program_impact", p.Title, num1(p.HasEst, p.Estimate), p.Verdict)
	}
	for _, r := range rows {
		if err := cw.Write(r); err != nil {
			return err
		}
	}
	return cw.Flush()
}

func writeImpact(w io.Writer, p core.ProgramImpact) error {
	cw := csvio.NewWriter(w)
	if err := cw.Write([]string{"program", "outcome", "unit", "program_managers", "comparison_managers", "program_before", "program_after",
		"comparison_before", "comparison_after", "estimate", "ci95_low", "ci95_high", "verdict"}); err != nil {
		return err
	}
	for _, o := range p.Outcomes {
		has := o.HasEst && o.Enough
		rec := []string{p.Title, o.Label, o.Unit, strconv.Itoa(o.Treated), strconv.Itoa(o.Controls),
			num1(o.HasEst, o.TreatedBase), num1(o.HasEst, o.TreatedFollow), num1(o.HasEst, o.ControlBase), num1(o.HasEst, o.ControlFollow),
			num2(has, o.Estimate), num2(has, o.Low), num2(has, o.High), o.Verdict}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	return cw.Flush()
}

func num2(has bool, v float64) string {
	if !has {
		return ""
	}
	return strconv.FormatFloat(v, 'f', 2, 64)
}
