package api

import (
	"fmt"
	"net/http"
	"strconv"

	"throughline/internal/csvio"
	"throughline/internal/httpx"
	"throughline/internal/model"
)

// Engagement (issue 5): surveys, pulses, answering, results through the anonymity
// engine, team results for scorecards, and action plans.

// QuestionBody is a question of the bank.
type QuestionBody struct {
	ID        int64  `json:"id"`
	Key       string `json:"key"`
	Dimension string `json:"dimension"`
	Kind      string `json:"kind"`
	Text      string `json:"text"`
	InPulse   bool   `json:"in_default_pulse"`
}

func questionBody(q model.Question) QuestionBody {
	return QuestionBody{ID: q.ID, Key: q.Key, Dimension: string(q.Dimension), Kind: string(q.Kind), Text: q.Text, InPulse: q.InPulse}
}

func (h *Handler) questionBank(w http.ResponseWriter, r *http.Request) {
	a, ok := actor(w, r)
	if !ok {
		return
	}
	qs, err := h.core.QuestionBank(r.Context(), a)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	out := make([]QuestionBody, 0, len(qs))
	for _, q := range qs {
		out = append(out, questionBody(q))
	}
	httpx.WriteJSON(w, http.StatusOK, DataBody[[]QuestionBody]{Data: out})
}

// SurveyBody is a survey.
type SurveyBody struct {
	ID            int64   `json:"id"`
	Title         string  `json:"title"`
	Intro         string  `json:"intro"`
	Audience      string  `json:"audience"`
	DepartmentIDs []int64 `json:"department_ids"`
	LocationIDs   []int64 `json:"location_ids"`
	EveryWeeks    int     `json:"every_weeks"`
	OpenDays      int     `json:"open_days"`
	ReminderDays  int     `json:"reminder_days"`
	Status        string  `json:"status"`
	QuestionIDs   []int64 `json:"question_ids"`
	Rounds        int     `json:"pulses"`
}

func surveyBody(s model.Survey) SurveyBody {
	nz := func(x []int64) []int64 {
		if x == nil {
			return []int64{}
		}
		return x
	}
	return SurveyBody{ID: s.ID, Title: s.Title, Intro: s.Intro, Audience: string(s.Audience), DepartmentIDs: nz(s.DepartmentIDs),
		LocationIDs: nz(s.LocationIDs), EveryWeeks: s.EveryWeeks, OpenDays: s.OpenDays, ReminderDays: s.ReminderDays,
		Status: s.Status, QuestionIDs: nz(s.QuestionIDs), Rounds: s.Rounds}
}

// RoundBody is a pulse: one round of a survey.
type RoundBody struct {
	ID       int64  `json:"id"`
	SurveyID int64  `json:"survey_id"`
	Survey   string `json:"survey"`
	Number   int    `json:"number"`
	OpensOn  string `json:"opens_on"`
	ClosesOn string `json:"closes_on"`
	Status   string `json:"status"`
	Invited  int    `json:"invited"`
	K        int    `json:"anonymity_threshold"`
	Answered *bool  `json:"answered,omitempty"` // for the caller, on their own pulses
}

func roundBody(r model.Round) RoundBody {
	b := RoundBody{ID: r.ID, SurveyID: r.SurveyID, Survey: r.SurveyTitle, Number: r.Number, OpensOn: r.OpensOn, ClosesOn: r.ClosesOn,
		Status: string(r.Status), Invited: r.Invited, K: r.MinGroup}
	if r.Invitee {
		a := r.Answered
		b.Answered = &a
	}
	return b
}

func (h *Handler) surveys(w http.ResponseWriter, r *http.Request) {
	a, ok := actor(w, r)
	if !ok {
		return
	}
	ss, err := h.core.Surveys(r.Context(), a)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	out := make([]SurveyBody, 0, len(ss))
	for _, s := range ss {
		out = append(out, surveyBody(s))
	}
	httpx.WriteJSON(w, http.StatusOK, DataBody[[]SurveyBody]{Data: out})
}

// SurveyInputBody creates a survey.
type SurveyInputBody struct {
	Title         string  `json:"title"`
	Intro         string  `json:"intro"`
	Audience      string  `json:"audience"`
	DepartmentIDs []int64 `json:"department_ids"`
	LocationIDs   []int64 `json:"location_ids"`
	QuestionIDs   []int64 `json:"question_ids"`
	OpensOn       string  `json:"opens_on"`
	OpenDays      int     `json:"open_days"`
	EveryWeeks    int     `json:"every_weeks"`
	ReminderDays  int     `json:"reminder_days"`
}

func (h *Handler) createSurvey(w http.ResponseWriter, r *http.Request) {
	a, ok := actor(w, r)
	if !ok {
		return
	}
	var in SurveyInputBody
	if err := httpx.DecodeJSON(w, r, &in, 0); err != nil {
		h.fail(w, r, err)
		return
	}
	s, err := h.core.CreateSurvey(r.Context(), a, model.SurveyInput{Title: in.Title, Intro: in.Intro, Audience: model.Audience(in.Audience),
		DepartmentIDs: in.DepartmentIDs, LocationIDs: in.LocationIDs, QuestionIDs: in.QuestionIDs, OpensOn: in.OpensOn,
		OpenDays: in.OpenDays, EveryWeeks: in.EveryWeeks, ReminderDays: in.ReminderDays})
	if err != nil {
		h.fail(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusCreated, DataBody[SurveyBody]{Data: surveyBody(s)})
}

// SurveyDetailBody is a survey with its questions and pulses.
type SurveyDetailBody struct {
	SurveyBody
	Questions []QuestionBody `json:"questions"`
	Pulses    []RoundBody    `json:"pulse_list"`
}

func (h *Handler) survey(w http.ResponseWriter, r *http.Request) {
	a, ok := actor(w, r)
	if !ok {
		return
	}
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, model.NotFound("survey"))
		return
	}
	d, err := h.core.Survey(r.Context(), a, id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	body := SurveyDetailBody{SurveyBody: surveyBody(d.Survey), Questions: []QuestionBody{}, Pulses: []RoundBody{}}
	for _, q := range d.Questions {
		body.Questions = append(body.Questions, questionBody(q))
	}
	for _, x := range d.Rounds {
		body.Pulses = append(body.Pulses, roundBody(x))
	}
	httpx.WriteJSON(w, http.StatusOK, DataBody[SurveyDetailBody]{Data: body})
}

// pulses lists the caller's open pulses (status=open, the default) or the closed
// pulses whose results they can read (status=closed).
func (h *Handler) pulses(w http.ResponseWriter, r *http.Request) {
	a, ok := actor(w, r)
	if !ok {
		return
	}
	var rs []model.Round
	var err error
	switch r.URL.Query().Get("status") {
	case "", "open":
		rs, err = h.core.MyPulses(r.Context(), a)
	case "closed":
		rs, err = h.core.ClosedPulses(r.Context(), a, 100)
	default:
		err = &model.Error{Code: model.CodeInvalid, Message: "status must be open or closed.", Fields: map[string]string{"status": "Must be open or closed."}}
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	out := make([]RoundBody, 0, len(rs))
	for _, x := range rs {
		out = append(out, roundBody(x))
	}
	httpx.WriteJSON(w, http.StatusOK, DataBody[[]RoundBody]{Data: out})
}

// QuestionnaireBody is what the caller answers.
type QuestionnaireBody struct {
	Pulse     RoundBody      `json:"pulse"`
	Intro     string         `json:"intro"`
	Questions []QuestionBody `json:"questions"`
}

func (h *Handler) questionnaire(w http.ResponseWriter, r *http.Request) {
	a, ok := actor(w, r)
	if !ok {
		return
	}
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, model.NotFound("pulse"))
		return
	}
	q, err := h.core.Questionnaire(r.Context(), a, id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	body := QuestionnaireBody{Pulse: roundBody(q.Round), Intro: q.Round.Intro, Questions: []QuestionBody{}}
	for _, x := range q.Questions {
		body.Questions = append(body.Questions, questionBody(x))
	}
	httpx.WriteJSON(w, http.StatusOK, DataBody[QuestionnaireBody]{Data: body})
}

// ResponseInputBody is one person's answers: values of scale questions and texts of
// comment questions, by question id. Questions left out are skipped.
type ResponseInputBody struct {
	Answers  map[string]int    `json:"answers"`
	Comments map[string]string `json:"comments"`
}

// AcceptedBody acknowledges an answer. It says nothing else: the answers are not
// linked to the caller and cannot be read back.
type AcceptedBody struct {
	Accepted bool   `json:"accepted"`
	Message  string `json:"message"`
}

func (h *Handler) respond(w http.ResponseWriter, r *http.Request) {
	a, ok := actor(w, r)
	if !ok {
		return
	}
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, model.NotFound("pulse"))
		return
	}
	var in ResponseInputBody
	if err := httpx.DecodeJSON(w, r, &in, 64<<10); err != nil {
		h.fail(w, r, err)
		return
	}
	sub := model.PulseAnswers{Answers: map[int64]int{}, Comments: map[int64]string{}}
	var v model.Validator
	for k, x := range in.Answers {
		q, err := strconv.ParseInt(k, 10, 64)
		if err != nil {
			v.Add("answers", "Answers are keyed by question id.")
			continue
		}
		sub.Answers[q] = x
	}
	for k, x := range in.Comments {
		q, err := strconv.ParseInt(k, 10, 64)
		if err != nil {
			v.Add("comments", "Comments are keyed by question id.")
			continue
		}
		sub.Comments[q] = x
	}
	if err := v.Err(); err != nil {
		h.fail(w, r, err)
		return
	}
	if err := h.core.SubmitPulse(r.Context(), a, id, sub); err != nil {
		h.fail(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusCreated, DataBody[AcceptedBody]{Data: AcceptedBody{Accepted: true,
		Message: "Thank you. Your answers were saved without your name."}})
}

// ScoreBody is an aggregate the anonymity engine allowed. Shares are percentages.
type ScoreBody struct {
	Answered     int      `json:"answered"`
	Favourable   *float64 `json:"favourable_pct,omitempty"`
	Neutral      *float64 `json:"neutral_pct,omitempty"`
	Unfavourable *float64 `json:"unfavourable_pct,omitempty"`
	ENPS         *float64 `json:"enps,omitempty"`
	Promoters    *float64 `json:"promoters_pct,omitempty"`
	Passives     *float64 `json:"passives_pct,omitempty"`
	Detractors   *float64 `json:"detractors_pct,omitempty"`
	Mean         float64  `json:"mean"`
	Distribution []int    `json:"distribution"` // answers by value, from the scale's lowest
	Change       *float64 `json:"change_since_previous,omitempty"`
}

func scoreBody(kind model.QuestionKind, s model.Score) ScoreBody {
	f := func(v float64) *float64 { return &v }
	b := ScoreBody{Answered: s.Answered, Mean: s.Mean, Distribution: s.Counts}
	if b.Distribution == nil {
		b.Distribution = []int{}
	}
	if kind == model.KindENPS {
		b.ENPS, b.Promoters, b.Passives, b.Detractors = f(s.ENPS), f(s.Promoters), f(s.Passives), f(s.Detractors)
	} else {
		b.Favourable, b.Neutral, b.Unfavourable = f(s.Favourable), f(s.Neutral), f(s.Unfavourable)
	}
	if s.HasChange {
		b.Change = f(s.Change)
	}
	return b
}

// DimensionBody is a dimension's score.
type DimensionBody struct {
	Dimension string `json:"dimension"`
	Label     string `json:"label"`
	ScoreBody
}

// QuestionResultBody is a question's score.
type QuestionResultBody struct {
	QuestionID int64  `json:"question_id"`
	Key        string `json:"key"`
	Text       string `json:"text"`
	Skipped    int    `json:"skipped"`
	ScoreBody
}

// GroupBody is one group of respondents. A hidden group carries no figure and no count
// of respondents: only its frozen headcount and why it is hidden.
type GroupBody struct {
	Key          string               `json:"key"`
	Label        string               `json:"label"`
	Filter       map[string]string    `json:"filter"`
	Shown        bool                 `json:"shown"`
	Hidden       string               `json:"hidden,omitempty"`
	Invited      int                  `json:"invited"`
	Respondents  *int                 `json:"respondents"`
	ResponseRate *float64             `json:"response_rate_pct"`
	Dimensions   []DimensionBody      `json:"dimensions"`
	ENPS         *ScoreBody           `json:"enps"`
	Questions    []QuestionResultBody `json:"questions,omitempty"`
}

func groupBody(g model.GroupResult, k int) GroupBody {
	b := GroupBody{Key: g.Key, Label: g.Label, Filter: sliceFilter(g.Slice), Shown: g.Shown, Invited: g.Invited, Dimensions: []DimensionBody{}}
	if !g.Shown {
		b.Hidden = model.Hidden(k)
		return b
	}
	n, rate := g.Respondents, g.ResponseRate
	b.Respondents, b.ResponseRate = &n, &rate
	for _, d := range g.Dimensions {
		b.Dimensions = append(b.Dimensions, DimensionBody{Dimension: string(d.Dimension), Label: d.Dimension.Label(), ScoreBody: scoreBody(model.KindLikert, d.Score)})
	}
	if g.ENPS != nil {
		e := scoreBody(model.KindENPS, *g.ENPS)
		b.ENPS = &e
	}
	for _, q := range g.Questions {
		b.Questions = append(b.Questions, QuestionResultBody{QuestionID: q.Question.ID, Key: q.Question.Key, Text: q.Question.Text,
			Skipped: q.Skipped, ScoreBody: scoreBody(q.Question.Kind, q.Score)})
	}
	return b
}

func sliceFilter(s model.SurveySlice) map[string]string {
	out := map[string]string{}
	set := func(k string, v int64) {
		if v != 0 {
			out[k] = strconv.FormatInt(v, 10)
		}
	}
	set("department_id", s.DepartmentID)
	set("location_id", s.LocationID)
	set("team_id", s.TeamID)
	set("line_id", s.LineID)
	set("level", int64(s.Level))
	if s.Tenure != "" {
		out["tenure"] = string(s.Tenure)
	}
	return out
}

// PulseCommentBody is a comment: its text and question, nothing else.
type PulseCommentBody struct {
	Question string `json:"question"`
	Text     string `json:"text"`
}

// PulseTrendBody is one pulse of a group's trend.
type PulseTrendBody struct {
	PulseID    int64    `json:"pulse_id"`
	Label      string   `json:"label"`
	Shown      bool     `json:"shown"`
	Engagement *float64 `json:"engagement_favourable_pct"`
	ENPS       *float64 `json:"enps"`
}

// PulseResultsBody is the results of a closed pulse, through the anonymity engine.
type PulseResultsBody struct {
	Pulse         RoundBody          `json:"pulse"`
	K             int                `json:"anonymity_threshold"`
	Scope         string             `json:"scope"`
	SummaryOnly   bool               `json:"summary_only"`
	Group         GroupBody          `json:"group"`
	Organization  *GroupBody         `json:"organization,omitempty"`
	GroupBy       string             `json:"group_by,omitempty"`
	Groups        []GroupBody        `json:"groups"`
	GroupsTotal   int                `json:"groups_total"` // groups in the whole breakdown; groups holds limit of them from offset
	Limit         int                `json:"limit"`
	Offset        int                `json:"offset"`
	Comments      []PulseCommentBody `json:"comments"`
	CommentsTotal int                `json:"comments_total"`
	Trend         []PulseTrendBody   `json:"trend"`
}

// resultsQuery reads the filters of a results request.
func resultsQuery(r *http.Request, roundID int64) (model.ResultsQuery, error) {
	q := model.ResultsQuery{RoundID: roundID, GroupBy: model.GroupBy(r.URL.Query().Get("group_by"))}
	var err error
	for _, p := range []struct {
		name string
		dst  *int64
	}{{"department_id", &q.Slice.DepartmentID}, {"location_id", &q.Slice.LocationID}, {"team_id", &q.Slice.TeamID}, {"line_id", &q.Slice.LineID}} {
		if *p.dst, err = idParam(r, p.name); err != nil {
			return q, err
		}
	}
	if s := r.URL.Query().Get("level"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 {
			return q, &model.Error{Code: model.CodeInvalid, Message: "level must be a positive whole number.", Fields: map[string]string{"level": "Must be a positive whole number."}}
		}
		q.Slice.Level = n
	}
	q.Slice.Tenure = model.TenureBand(r.URL.Query().Get("tenure"))
	return q, nil
}

func (h *Handler) pulseResults(w http.ResponseWriter, r *http.Request) {
	a, ok := actor(w, r)
	if !ok {
		return
	}
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, model.NotFound("pulse"))
		return
	}
	q, err := resultsQuery(r, id)
	var page model.Page
	if err == nil {
		page, err = pageOf(r) // a window of the breakdown's groups
		q.GroupOffset, q.GroupLimit = page.Offset, page.Limit
	}
	var res model.SurveyResults
	if err == nil {
		res, err = h.core.PulseResults(r.Context(), a, q)
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	body := PulseResultsBody{Pulse: roundBody(res.Round), K: res.K, Scope: res.Scope, SummaryOnly: res.SummaryOnly, Group: groupBody(res.Main, res.K),
		GroupBy: string(res.Query.GroupBy), Groups: []GroupBody{}, GroupsTotal: res.GroupsTotal, Limit: q.GroupLimit, Offset: q.GroupOffset, Comments: []PulseCommentBody{}, CommentsTotal: res.CommentsTotal, Trend: []PulseTrendBody{}}
	if res.Benchmark != nil {
		b := groupBody(*res.Benchmark, res.K)
		body.Organization = &b
	}
	for _, g := range res.Groups {
		body.Groups = append(body.Groups, groupBody(g, res.K))
	}
	for _, c := range res.Comments {
		body.Comments = append(body.Comments, PulseCommentBody{Question: c.Question, Text: c.Body})
	}
	for _, p := range res.Trend {
		t := PulseTrendBody{PulseID: p.RoundID, Label: p.Label, Shown: p.Shown}
		if p.HasEng {
			v := p.Engagement
			t.Engagement = &v
		}
		if p.HasENPS {
			v := p.ENPS
			t.ENPS = &v
		}
		body.Trend = append(body.Trend, t)
	}
	httpx.WriteJSON(w, http.StatusOK, DataBody[PulseResultsBody]{Data: body})
}

func (h *Handler) pulseResultsCSV(w http.ResponseWriter, r *http.Request) {
	a, ok := actor(w, r)
	if !ok {
		return
	}
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, model.NotFound("pulse"))
		return
	}
	q, err := resultsQuery(r, id)
	var res model.SurveyResults
	if err == nil {
		res, err = h.core.ExportPulseResults(r.Context(), a, q)
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="pulse-%d-results.csv"`, id))
	w.Header().Set("Cache-Control", "no-store")
	_ = csvio.WriteSurveyResults(w, res)
}

// TeamResultBody is a manager's team in a closed pulse: figures when the anonymity
// engine shows the team, "insufficient" with no figures when it does not.
type TeamResultBody struct {
	ManagerID   int64    `json:"manager_id"`
	Manager     string   `json:"manager"`
	Period      string   `json:"period"`
	Status      string   `json:"status"`
	Respondents *int     `json:"respondents"`
	Engagement  *float64 `json:"engagement_favourable_pct"`
	ENPS        *float64 `json:"enps"`
}

func (h *Handler) teamResults(w http.ResponseWriter, r *http.Request) {
	a, ok := actor(w, r)
	if !ok {
		return
	}
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, model.NotFound("pulse"))
		return
	}
	rs, err := h.core.TeamEngagementResults(r.Context(), a, id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	out := make([]TeamResultBody, 0, len(rs))
	for _, t := range rs {
		b := TeamResultBody{ManagerID: t.ManagerID, Manager: t.ManagerName, Period: t.Period, Status: t.Status}
		if t.Status == model.TeamResultOK {
			n := t.Respondents
			b.Respondents = &n
			if t.HasEngagement {
				v := t.Engagement
				b.Engagement = &v
			}
			if t.HasENPS {
				v := t.ENPS
				b.ENPS = &v
			}
		}
		out = append(out, b)
	}
	httpx.WriteJSON(w, http.StatusOK, DataBody[[]TeamResultBody]{Data: out})
}

func (h *Handler) closePulse(w http.ResponseWriter, r *http.Request) {
	a, ok := actor(w, r)
	if !ok {
		return
	}
	id, err := pathID(r)
	if err == nil {
		err = h.core.CloseRound(r.Context(), a, id)
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusOK, DataBody[AcceptedBody]{Data: AcceptedBody{Accepted: true, Message: "The pulse is closed and its results are ready."}})
}

// syncPulse records a closed pulse's team results on the scorecards again (closing
// does it; this repeats it, for example after the engagement metric was added).
func (h *Handler) syncPulse(w http.ResponseWriter, r *http.Request) {
	a, ok := actor(w, r)
	if !ok {
		return
	}
	id, err := pathID(r)
	var rep model.ObservationReport
	if err == nil {
		rep, err = h.core.SyncEngagement(r.Context(), a, id)
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusOK, DataBody[ObservationReportBody]{Data: reportBody(rep)})
}

// PlanActionBody is one action of a plan.
type PlanActionBody struct {
	ID      int64  `json:"id"`
	Title   string `json:"title"`
	OwnerID int64  `json:"owner_id"`
	Owner   string `json:"owner"`
	DueOn   string `json:"due_on"`
	Status  string `json:"status"`
}

// FocusChangeBody is a focus area's change at the next pulse.
type FocusChangeBody struct {
	Dimension string   `json:"dimension"`
	Shown     bool     `json:"shown"`
	Before    *float64 `json:"before"`
	After     *float64 `json:"after"`
}

// ActionPlanBody is an action plan.
type ActionPlanBody struct {
	ID        int64             `json:"id"`
	PulseID   int64             `json:"pulse_id"`
	ManagerID int64             `json:"manager_id"`
	Manager   string            `json:"manager"`
	Focus     []string          `json:"focus"`
	Note      string            `json:"note"`
	Items     []PlanActionBody  `json:"actions"`
	FollowUp  []FocusChangeBody `json:"follow_up"`
}

func planBody(p model.ActionPlan) ActionPlanBody {
	b := ActionPlanBody{ID: p.ID, PulseID: p.RoundID, ManagerID: p.ManagerID, Manager: p.ManagerName, Note: p.Note,
		Focus: []string{}, Items: []PlanActionBody{}, FollowUp: []FocusChangeBody{}}
	for _, f := range p.Focus {
		b.Focus = append(b.Focus, string(f))
	}
	for _, it := range p.Items {
		b.Items = append(b.Items, PlanActionBody{ID: it.ID, Title: it.Title, OwnerID: it.OwnerID, Owner: it.OwnerName, DueOn: it.DueOn, Status: it.Status})
	}
	for _, f := range p.FollowUp {
		fc := FocusChangeBody{Dimension: string(f.Dimension), Shown: f.Shown}
		if f.Shown {
			before, after := f.Before, f.After
			fc.Before, fc.After = &before, &after
		}
		b.FollowUp = append(b.FollowUp, fc)
	}
	return b
}

func (h *Handler) actionPlans(w http.ResponseWriter, r *http.Request) {
	a, ok := actor(w, r)
	if !ok {
		return
	}
	team, err := idParam(r, "team_id")
	if err == nil && team == 0 {
		err = &model.Error{Code: model.CodeInvalid, Message: "team_id is required: the manager whose team's plans to list.", Fields: map[string]string{"team_id": "Required."}}
	}
	var ps []model.ActionPlan
	if err == nil {
		ps, err = h.core.TeamActionPlans(r.Context(), a, team)
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	out := make([]ActionPlanBody, 0, len(ps))
	for _, p := range ps {
		out = append(out, planBody(p))
	}
	httpx.WriteJSON(w, http.StatusOK, DataBody[[]ActionPlanBody]{Data: out})
}

// ActionPlanInputBody starts an action plan.
type ActionPlanInputBody struct {
	PulseID   int64    `json:"pulse_id"`
	ManagerID int64    `json:"manager_id"`
	Focus     []string `json:"focus"`
	Note      string   `json:"note"`
}

func (h *Handler) createActionPlan(w http.ResponseWriter, r *http.Request) {
	a, ok := actor(w, r)
	if !ok {
		return
	}
	var in ActionPlanInputBody
	if err := httpx.DecodeJSON(w, r, &in, 0); err != nil {
		h.fail(w, r, err)
		return
	}
	pi := model.ActionPlanInput{RoundID: in.PulseID, ManagerID: in.ManagerID, Note: in.Note}
	for _, f := range in.Focus {
		pi.Focus = append(pi.Focus, model.Dimension(f))
	}
	p, err := h.core.CreateActionPlan(r.Context(), a, pi)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusCreated, DataBody[ActionPlanBody]{Data: planBody(p)})
}

// PlanActionInputBody adds an action to a plan.
type PlanActionInputBody struct {
	Title   string `json:"title"`
	OwnerID int64  `json:"owner_id"`
	DueOn   string `json:"due_on"`
}

func (h *Handler) addActionItem(w http.ResponseWriter, r *http.Request) {
	a, ok := actor(w, r)
	if !ok {
		return
	}
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, model.NotFound("action plan"))
		return
	}
	var in PlanActionInputBody
	if err := httpx.DecodeJSON(w, r, &in, 0); err != nil {
		h.fail(w, r, err)
		return
	}
	if err := h.core.AddActionItem(r.Context(), a, id, model.ActionItemInput{Title: in.Title, OwnerID: in.OwnerID, DueOn: in.DueOn}); err != nil {
		h.fail(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusCreated, DataBody[AcceptedBody]{Data: AcceptedBody{Accepted: true, Message: "Action added."}})
}
