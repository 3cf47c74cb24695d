package csvio

import (
	"io"
	"strconv"

	"throughline/internal/model"
)

// SurveyResultsColumns are the columns of a results export: one line per group and
// measure. A group the anonymity engine hides has one line, measure "all", with
// shown=false and every figure empty: neither a score nor a count of respondents.
var SurveyResultsColumns = []string{"pulse", "group", "shown", "invited", "respondents", "response_rate_pct",
	"measure", "measure_label", "answered", "skipped", "favourable_pct", "neutral_pct", "unfavourable_pct",
	"mean", "enps", "change_since_previous"}

// WriteSurveyResults writes results that have already been through the anonymity
// engine: the main group, then each group of the breakdown.
func WriteSurveyResults(w io.Writer, res model.SurveyResults) error {
	cw := NewWriter(w)
	if err := cw.Write(SurveyResultsColumns); err != nil {
		return err
	}
	f1 := func(v float64) string { return strconv.FormatFloat(v, 'f', 1, 64) }
	f2 := func(v float64) string { return strconv.FormatFloat(v, 'f', 2, 64) }
	change := func(s model.Score) string {
		if !s.HasChange {
			return ""
		}
		return f1(s.Change)
	}
	pulse := res.Round.SurveyTitle + " — " + res.Round.Label()
	groups := append([]model.GroupResult{res.Main}, res.Groups...)
	for _, g := range groups {
		head := []string{pulse, g.Label, strconv.FormatBool(g.Shown), strconv.Itoa(g.Invited)}
		if !g.Shown {
			rec := append(head, "", "", "all", model.FewerThan(res.K)+" responses, or hidden by the remainder rule")
			for len(rec) < len(SurveyResultsColumns) {
				rec = append(rec, "")
			}
			if err := cw.Write(rec); err != nil {
				return err
			}
			continue
		}
		head = append(head, strconv.Itoa(g.Respondents), f1(g.ResponseRate))
		for _, d := range g.Dimensions {
			rec := append(append([]string{}, head...), string(d.Dimension), d.Dimension.Label(), strconv.Itoa(d.Answered), "",
				f1(d.Favourable), f1(d.Neutral), f1(d.Unfavourable), f2(d.Mean), "", change(d.Score))
			if err := cw.Write(rec); err != nil {
				return err
			}
		}
		if g.ENPS != nil {
			e := *g.ENPS
			rec := append(append([]string{}, head...), "enps", "eNPS", strconv.Itoa(e.Answered), "", "", "", "", f2(e.Mean), f1(e.ENPS), change(e))
			if err := cw.Write(rec); err != nil {
				return err
			}
		}
		for _, q := range g.Questions {
			rec := append(append([]string{}, head...), q.Question.Key, q.Question.Text, strconv.Itoa(q.Answered), strconv.Itoa(q.Skipped))
			if q.Question.Kind == model.KindENPS {
				rec = append(rec, "", "", "", f2(q.Mean), f1(q.ENPS), change(q.Score))
			} else {
				rec = append(rec, f1(q.Favourable), f1(q.Neutral), f1(q.Unfavourable), f2(q.Mean), "", change(q.Score))
			}
			if err := cw.Write(rec); err != nil {
				return err
			}
		}
	}
	return cw.Flush()
}

// WriteInvitations writes invitation links, one line per person: the only time the
// links exist outside the people they are sent to.
func WriteInvitations(w io.Writer, links []model.Invitation, url func(token string) string) error {
	cw := NewWriter(w)
	if err := cw.Write([]string{"employee_id", "name", "email", "link"}); err != nil {
		return err
	}
	for _, l := range links {
		if err := cw.Write([]string{l.EmployeeID, l.Name, l.Email, url(l.Token)}); err != nil {
			return err
		}
	}
	return cw.Flush()
}
