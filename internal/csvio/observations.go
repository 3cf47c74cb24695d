package csvio

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"throughline/internal/model"
)

// ObservationHeaders maps each column of an observations file to the header spellings
// accepted for it (after HeaderKey). The subject is a manager's employee id for a team,
// or a department's name.
var ObservationHeaders = map[string][]string{
	"metric":       {"metric", "metric key", "key", "kpi", "measure"},
	"subject_type": {"subject type", "type", "level"},
	"subject":      {"subject", "manager", "manager id", "manager employee id", "employee id", "team", "department", "unit"},
	"period":       {"period", "month", "quarter"},
	"value":        {"value", "actual", "amount", "result"},
	"note":         {"note", "notes", "comment", "comments", "source note"},
}

var observationHeaderIndex = func() map[string]string {
	m := map[string]string{}
	for canon, spellings := range ObservationHeaders {
		m[HeaderKey(canon)] = canon
		for _, s := range spellings {
			m[s] = canon
		}
	}
	return m
}()

// ReadObservations parses an observations file. Structural problems come back as a
// *model.ImportError; cells it cannot read (a value that is not a number) are returned
// as problems, so core reports them with its own findings and one upload lists every
// problem at once. A file whose subject column is headed "department" and has no
// subject-type column names departments.
func ReadObservations(src io.Reader) ([]model.ObservationInput, []model.LineError, error) {
	rd, err := newReader(src)
	if err != nil {
		return nil, nil, err
	}
	col := map[string]int{}
	var bad model.ImportError
	deptHeader := false
	for i, h := range rd.header {
		key := HeaderKey(h)
		canon, ok := observationHeaderIndex[key]
		if !ok {
			continue
		}
		if first, dup := col[canon]; dup {
			bad.Lines = append(bad.Lines, model.LineError{Line: 1, Field: strings.TrimSpace(h),
				Message: fmt.Sprintf("Columns %q and %q both give %s; keep one.", strings.TrimSpace(rd.header[first]), strings.TrimSpace(h), canon)})
			continue
		}
		col[canon] = i
		if canon == "subject" && key == "department" {
			deptHeader = true
		}
	}
	for _, k := range []string{"metric", "subject", "period", "value"} {
		if _, ok := col[k]; !ok {
			bad.Lines = append(bad.Lines, model.LineError{Line: 1, Field: k, Message: fmt.Sprintf("The header has no %s column.", k)})
		}
	}
	if len(bad.Lines) > 0 {
		return nil, nil, &bad
	}
	var rows []model.ObservationInput
	var problems []model.LineError
	for {
		rec, line, err := rd.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			ie, ok := err.(*model.ImportError)
			if !ok {
				return nil, nil, err // the file is too large
			}
			bad.Lines = append(bad.Lines, ie.Lines...)
			if ie.Lines[0].Line == 0 {
				break
			}
			continue
		}
		if blank(rec) {
			continue
		}
		if len(rec) != len(rd.header) {
			bad.Lines = append(bad.Lines, model.LineError{Line: line, Message: fmt.Sprintf("The line has %d cells but the header has %d.", len(rec), len(rd.header))})
			continue
		}
		get := func(k string) string {
			i, ok := col[k]
			if !ok || i >= len(rec) {
				return ""
			}
			return strings.TrimSpace(unescapeCell(rec[i]))
		}
		row := model.ObservationInput{Line: line, MetricKey: get("metric"), SubjectType: model.SubjectType(strings.ToLower(get("subject_type"))),
			SubjectRef: get("subject"), Period: get("period"), Note: get("note")}
		if row.SubjectType == "" && deptHeader {
			row.SubjectType = model.SubjectDepartment
		}
		v, ok := ParseNumber(get("value"))
		if !ok {
			problems = append(problems, model.LineError{Line: line, Field: "value", Message: fmt.Sprintf("Value %q is not a number.", model.Clip(get("value"), 40))})
			v = 0 // reported above; keeps Validate from reporting it twice
		}
		row.Value = v
		rows = append(rows, row)
	}
	if len(bad.Lines) > 0 {
		return nil, nil, &bad
	}
	return rows, problems, nil
}

// ParseNumber reads a number as spreadsheets write it: "1234.5", "1,234.5", "87%",
// " 12 ". A comma alone is read as thousands separators only when followed by exactly
// three digits; "3,5" is refused rather than guessed.
func ParseNumber(s string) (float64, bool) {
	s = strings.TrimSpace(s)
	s = strings.TrimSuffix(s, "%")
	s = strings.ReplaceAll(s, " ", "")
	if strings.Contains(s, ",") {
		parts := strings.Split(strings.SplitN(s, ".", 2)[0], ",")
		for _, p := range parts[1:] {
			if len(p) != 3 {
				return math.NaN(), false
			}
		}
		s = strings.ReplaceAll(s, ",", "")
	}
	if s == "" {
		return math.NaN(), false
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
		return math.NaN(), false
	}
	return v, true
}

// ScorecardColumns are the columns of the scorecard export.
var ScorecardColumns = []string{"name", "email", "title", "department", "period", "composite_pct", "financial_pct", "customer_pct",
	"people_pct", "impact_pct", "innovation_pct", "ethics_pct", "perspectives_with_data", "metrics", "metrics_with_data", "balance_warning"}

// WriteScorecards writes one line per scorecard. Percentages have one decimal; a score
// without data is an empty cell, never zero.
func WriteScorecards(w io.Writer, cards []model.Scorecard) error {
	cw := NewWriter(w)
	if err := cw.Write(ScorecardColumns); err != nil {
		return err
	}
	pct := func(has bool, v float64) string {
		if !has || math.IsNaN(v) {
			return ""
		}
		return strconv.FormatFloat(math.Round(v*1000)/10, 'f', 1, 64)
	}
	for _, c := range cards {
		rec := []string{c.Person.Name, c.Person.Email, c.Person.Title, c.Person.DepartmentName, c.Period, pct(c.HasComposite, c.Composite)}
		for _, p := range model.Perspectives {
			ps := c.Perspective(p)
			rec = append(rec, pct(ps.HasData, ps.Score))
		}
		warn := ""
		if c.Warning != nil {
			warn = c.Warning.Message()
		}
		rec = append(rec, strconv.Itoa(c.Coverage), strconv.Itoa(c.Metrics), strconv.Itoa(c.WithData), warn)
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	return cw.Flush()
}
