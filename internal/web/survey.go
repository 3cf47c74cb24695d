package web

import (
	"fmt"
	"html/template"
	"math"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"throughline/internal/chart"
	"throughline/internal/core"
	"throughline/internal/csvio"
	"throughline/internal/httpx"
	"throughline/internal/model"
)

// Engagement pages: the hub, surveys for hr, answering (signed in or by link),
// results through the anonymity engine, action plans and the help page.

// SurveysPage is the engagement hub: pulses to answer, results to read, the manager's
// own team, and for hr and admin the surveys and the threshold.
type SurveysPage struct {
	Page
	Open      []model.Round
	Closed    []model.Round
	Team      *core.TeamEngagement
	TeamPlan  *model.ActionPlan // what the actor's own team is doing about its results
	Surveys   []model.Survey
	K         int
	CanManage bool
	Form      Form
	Now       time.Time
}

// DaysLeft is how many days a round has left.
func (p *SurveysPage) DaysLeft(r model.Round) int { return r.DaysLeft(p.Now) }

func (h *Handler) surveys(w http.ResponseWriter, r *http.Request) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	h.renderSurveys(w, r, actor, http.StatusOK, Form{})
}

func (h *Handler) renderSurveys(w http.ResponseWriter, r *http.Request, actor model.Actor, status int, form Form) {
	ctx := r.Context()
	p := &SurveysPage{Page: Page{Title: "Engagement", Section: "engagement"}, Form: form, Now: h.core.Now(),
		CanManage: actor.Is(model.RoleAdmin, model.RoleHR)}
	var err error
	if p.Open, err = h.core.MyPulses(ctx, actor); err == nil {
		p.Closed, err = h.core.ClosedPulses(ctx, actor, 12)
	}
	if err == nil {
		var te core.TeamEngagement
		te, err = h.core.MyTeamEngagement(ctx, actor)
		if err == nil {
			p.Team = &te
		} else if model.ErrorCodeOf(err) == model.CodeNotFound {
			err = nil
		}
	}
	if err == nil && actor.PersonID != 0 {
		var me model.Person
		if me, err = h.core.Me(ctx, actor); err == nil && me.ManagerID != 0 {
			var plans []model.ActionPlan
			if plans, err = h.core.TeamActionPlans(ctx, actor, me.ManagerID); err == nil && len(plans) > 0 {
				p.TeamPlan = &plans[0]
			}
		}
	}
	if err == nil {
		p.K, err = h.core.SurveyThreshold(ctx)
	}
	if err == nil && p.CanManage {
		p.Surveys, err = h.core.Surveys(ctx, actor)
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, status, "surveys", p)
}

func (h *Handler) setThreshold(w http.ResponseWriter, r *http.Request) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	if err := parseForm(w, r); err != nil {
		h.fail(w, r, err)
		return
	}
	k, _ := strconv.Atoi(r.PostForm.Get("min_group"))
	err := h.core.SetSurveyThreshold(r.Context(), actor, k)
	if model.ErrorCodeOf(err) == model.CodeInvalid {
		h.renderSurveys(w, r, actor, http.StatusUnprocessableEntity, formFrom(r, err))
		return
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.redirect(w, r, "/surveys", "success", fmt.Sprintf("The anonymity threshold is now %d. Pulses already launched keep theirs.", k))
}

// SurveyFormPage is the form for a new survey.
type SurveyFormPage struct {
	Page
	core.SurveyOptions
	Form Form
	Dims []model.Dimension
}

// Checked reports whether a checkbox is ticked: from the submitted form, or by
// default (the short pulse's questions, every department).
func (p *SurveyFormPage) Checked(name string, v int64) bool {
	s := strconv.FormatInt(v, 10)
	if p.Form.Values == nil {
		if name == "questions" {
			for _, q := range p.Bank {
				if q.ID == v {
					return q.InPulse
				}
			}
		}
		return false
	}
	for _, x := range p.Form.Values[name] {
		if x == s {
			return true
		}
	}
	return false
}

// Val returns a submitted value, or a default.
func (p *SurveyFormPage) Val(name, def string) string {
	if p.Form.Values == nil {
		return def
	}
	return p.Form.Value(name)
}

// Questions returns the bank's questions of a dimension.
func (p *SurveyFormPage) Questions(d model.Dimension) []model.Question {
	var out []model.Question
	for _, q := range p.Bank {
		if q.Dimension == d {
			out = append(out, q)
		}
	}
	return out
}

var allDims = []model.Dimension{model.DimEngagement, model.DimPurpose, model.DimSafety, model.DimManager, model.DimInclusion, model.DimENPS, model.DimComment}

func (h *Handler) newSurvey(w http.ResponseWriter, r *http.Request) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	h.renderSurveyForm(w, r, actor, http.StatusOK, Form{})
}

func (h *Handler) renderSurveyForm(w http.ResponseWriter, r *http.Request, actor model.Actor, status int, form Form) {
	o, err := h.core.NewSurveyOptions(r.Context(), actor)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, status, "survey_new", &SurveyFormPage{Page: Page{Title: "New survey", Section: "engagement"}, SurveyOptions: o, Form: form, Dims: allDims})
}

func valueIDs(vals []string) []int64 {
	var out []int64
	for _, v := range vals {
		if id, err := strconv.ParseInt(v, 10, 64); err == nil && id > 0 {
			out = append(out, id)
		}
	}
	return out
}

// formIntOr reads a whole number, or -1 so the input's Validate names the field.
func formIntOr(r *http.Request, name string) int {
	n, err := strconv.Atoi(strings.TrimSpace(r.PostForm.Get(name)))
	if err != nil {
		return -1
	}
	return n
}

func (h *Handler) createSurvey(w http.ResponseWriter, r *http.Request) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	if err := parseForm(w, r); err != nil {
		h.fail(w, r, err)
		return
	}
	f := r.PostForm
	in := model.SurveyInput{Title: f.Get("title"), Intro: f.Get("intro"), Audience: model.Audience(f.Get("audience")),
		DepartmentIDs: valueIDs(f["departments"]), LocationIDs: valueIDs(f["locations"]), QuestionIDs: valueIDs(f["questions"]),
		OpensOn: f.Get("opens_on"), OpenDays: formIntOr(r, "open_days"), EveryWeeks: formIntOr(r, "every_weeks"), ReminderDays: formIntOr(r, "reminder_days")}
	s, err := h.core.CreateSurvey(r.Context(), actor, in)
	if model.ErrorCodeOf(err) == model.CodeInvalid {
		h.renderSurveyForm(w, r, actor, http.StatusUnprocessableEntity, formFrom(r, err))
		return
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.redirect(w, r, "/surveys/"+itoa(s.ID), "success", "Survey created. Its audience and their groups are frozen when each pulse opens.")
}

// SurveyPage is one survey for hr and admin: its schedule, questions, rounds and the
// team results of its latest closed round.
type SurveyPage struct {
	Page
	core.SurveyDetail
	Feed      []model.TeamResult
	FeedRound *model.Round
	Now       time.Time
}

// FeedCounts counts the teams with results and the insufficient ones.
func (p *SurveyPage) FeedCounts() (ok, insufficient int) {
	for _, t := range p.Feed {
		if t.Status == model.TeamResultOK {
			ok++
		} else {
			insufficient++
		}
	}
	return
}

// OKCount is the number of teams with results.
func (p *SurveyPage) OKCount() int { n, _ := p.FeedCounts(); return n }

// InsufficientCount is the number of teams below the threshold.
func (p *SurveyPage) InsufficientCount() int { _, n := p.FeedCounts(); return n }

// DaysLeft is how many days a round has left.
func (p *SurveyPage) DaysLeft(r model.Round) int { return r.DaysLeft(p.Now) }

func (h *Handler) survey(w http.ResponseWriter, r *http.Request) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	id, err := pathID(r, "id")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	d, err := h.core.Survey(r.Context(), actor, id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	p := &SurveyPage{Page: Page{Title: d.Survey.Title, Section: "engagement"}, SurveyDetail: d, Now: h.core.Now()}
	for _, rd := range d.Rounds {
		if rd.Status == model.RoundClosed {
			rd := rd
			p.FeedRound = &rd
			if p.Feed, err = h.core.TeamEngagementResults(r.Context(), actor, rd.ID); err != nil {
				h.fail(w, r, err)
				return
			}
			break
		}
	}
	h.render(w, r, http.StatusOK, "survey", p)
}

// backTo returns the survey page a round action came from.
func backTo(r *http.Request) string {
	if id, err := strconv.ParseInt(r.PostForm.Get("survey"), 10, 64); err == nil && id > 0 {
		return "/surveys/" + itoa(id)
	}
	return "/surveys"
}

func (h *Handler) roundAction(do func(r *http.Request, actor model.Actor, id int64) (string, error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		actor, ok := h.requireActor(w, r)
		if !ok {
			return
		}
		id, err := pathID(r, "id")
		if err == nil {
			err = parseForm(w, r)
		}
		if err != nil {
			h.fail(w, r, err)
			return
		}
		msg, err := do(r, actor, id)
		if err != nil {
			code := model.ErrorCodeOf(err)
			if code == model.CodeInvalid || code == model.CodeConflict {
				h.redirect(w, r, backTo(r), "error", model.ErrorMessageOf(err))
				return
			}
			h.fail(w, r, err)
			return
		}
		h.redirect(w, r, backTo(r), "success", msg)
	}
}

func (h *Handler) launchRound(r *http.Request, actor model.Actor, id int64) (string, error) {
	return "The pulse is open. Its audience and their groups are now frozen.", h.core.LaunchRound(r.Context(), actor, id)
}

func (h *Handler) closeRound(r *http.Request, actor model.Actor, id int64) (string, error) {
	return "The pulse is closed and its results are ready.", h.core.CloseRound(r.Context(), actor, id)
}

func (h *Handler) raiseThreshold(r *http.Request, actor model.Actor, id int64) (string, error) {
	k, _ := strconv.Atoi(r.PostForm.Get("min_group"))
	return fmt.Sprintf("This pulse's threshold is now %d.", k), h.core.RaiseRoundThreshold(r.Context(), actor, id, k)
}

func (h *Handler) endSurvey(r *http.Request, actor model.Actor, id int64) (string, error) {
	return "The survey has ended: no more pulses will open.", h.core.EndSurvey(r.Context(), actor, id)
}

// invitations makes single-use links and returns them as a CSV file, the only time
// they are shown.
func (h *Handler) invitations(w http.ResponseWriter, r *http.Request) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	id, err := pathID(r, "id")
	if err == nil {
		err = parseForm(w, r)
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	links, err := h.core.CreateInvitations(r.Context(), actor, id, model.InvitationOptions{WithoutAccountOnly: r.PostForm.Get("without_account") == "1"})
	if err != nil {
		if model.ErrorCodeOf(err) == model.CodeConflict {
			h.redirect(w, r, backTo(r), "error", model.ErrorMessageOf(err))
			return
		}
		h.fail(w, r, err)
		return
	}
	base := "http://" + r.Host
	if httpx.IsHTTPS(r, h.trustProxy) {
		base = "https://" + r.Host
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="pulse-%d-links.csv"`, id))
	w.Header().Set("Cache-Control", "no-store")
	_ = csvio.WriteInvitations(w, links, func(token string) string { return base + "/invite?t=" + url.QueryEscape(token) })
}

// AnswerPage is a questionnaire, signed in or through an invitation link.
type AnswerPage struct {
	Page
	core.Questionnaire
	Form    Form
	Token   string // the invitation token, for the form (never in a URL we log)
	Action  string
	Message string // why the pulse cannot be answered, when it cannot
	Done    bool
	K       int
	Labels  []string
}

// Picked reports whether a scale answer is selected.
func (p *AnswerPage) Picked(q model.Question, v int) bool {
	return p.Form.Value("a"+strconv.FormatInt(q.ID, 10)) == strconv.Itoa(v)
}

// Skipped reports whether a question has no answer selected.
func (p *AnswerPage) Skipped(q model.Question) bool {
	return p.Form.Value("a"+strconv.FormatInt(q.ID, 10)) == ""
}

// Scale lists the answers of a scale question.
func (p *AnswerPage) Scale(q model.Question) []int {
	lo, hi := q.Kind.Range()
	out := make([]int, 0, hi-lo+1)
	for v := lo; v <= hi; v++ {
		out = append(out, v)
	}
	return out
}

// Minutes estimates how long the questionnaire takes.
func (p *AnswerPage) Minutes() int { return model.Minutes(len(p.Questions)) }

// Likert returns the label of a Likert answer.
func (p *AnswerPage) Likert(v int) string { return model.LikertLabels[v-1] }

// FieldError returns the message of a question's field.
func (p *AnswerPage) FieldError(q model.Question) string {
	return p.Form.Error("q" + strconv.FormatInt(q.ID, 10))
}

func (h *Handler) answerForm(w http.ResponseWriter, r *http.Request) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	id, err := pathID(r, "id")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.renderAnswer(w, r, actor, id, http.StatusOK, Form{})
}

func (h *Handler) renderAnswer(w http.ResponseWriter, r *http.Request, actor model.Actor, id int64, status int, form Form) {
	p := &AnswerPage{Page: Page{Title: "Pulse survey", Section: "engagement"}, Form: form, Action: "/pulses/" + itoa(id), Labels: model.LikertLabels}
	q, err := h.core.Questionnaire(r.Context(), actor, id)
	if err != nil {
		if model.ErrorCodeOf(err) != model.CodeConflict {
			h.fail(w, r, err)
			return
		}
		p.Message = model.ErrorMessageOf(err)
		status = http.StatusConflict
	}
	p.Questionnaire = q
	p.K, _ = h.core.SurveyThreshold(r.Context())
	if q.Round.MinGroup > 0 {
		p.K = q.Round.MinGroup
	}
	if q.Round.SurveyTitle != "" {
		p.Title = q.Round.SurveyTitle
	}
	h.render(w, r, status, "answer", p)
}

// submission reads a questionnaire form: a<id> holds a scale answer, c<id> a comment.
// Unanswered questions are simply absent: skipped.
func submission(form url.Values) model.PulseAnswers {
	sub := model.PulseAnswers{Answers: map[int64]int{}, Comments: map[int64]string{}}
	for k, vs := range form {
		if len(k) < 2 || len(vs) == 0 {
			continue
		}
		id, err := strconv.ParseInt(k[1:], 10, 64)
		if err != nil || id <= 0 {
			continue
		}
		switch k[0] {
		case 'a':
			if vs[0] == "" {
				continue
			}
			v, err := strconv.Atoi(vs[0])
			if err != nil {
				v = -1 // out of range: core names the field
			}
			sub.Answers[id] = v
		case 'c':
			sub.Comments[id] = vs[0]
		}
	}
	return sub
}

func (h *Handler) submitAnswers(w http.ResponseWriter, r *http.Request) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	id, err := pathID(r, "id")
	if err == nil {
		err = parseForm(w, r)
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	err = h.core.SubmitPulse(r.Context(), actor, id, submission(r.PostForm))
	switch model.ErrorCodeOf(err) {
	case "":
		h.redirect(w, r, "/surveys", "success", "Thank you. Your answers were saved without your name. Results appear when the pulse closes.")
	case model.CodeInvalid:
		h.renderAnswer(w, r, actor, id, http.StatusUnprocessableEntity, formFrom(r, err))
	case model.CodeConflict:
		h.renderAnswer(w, r, actor, id, http.StatusConflict, Form{})
	default:
		h.fail(w, r, err)
	}
}

// inviteForm shows the questionnaire of an invitation link, without signing in. The
// token travels in the query string (which access logs leave out) and then in the
// form body.
func (h *Handler) inviteForm(w http.ResponseWriter, r *http.Request) {
	h.renderInvite(w, r, r.URL.Query().Get("t"), http.StatusOK, Form{}, false)
}

func (h *Handler) renderInvite(w http.ResponseWriter, r *http.Request, token string, status int, form Form, done bool) {
	p := &AnswerPage{Page: Page{Title: "Pulse survey"}, Form: form, Token: token, Action: "/invite", Done: done, Labels: model.LikertLabels}
	p.K, _ = h.core.SurveyThreshold(r.Context())
	if !done {
		q, err := h.core.InvitationQuestionnaire(r.Context(), token)
		switch model.ErrorCodeOf(err) {
		case "":
			p.Questionnaire = q
			p.K = q.Round.MinGroup
		case model.CodeNotFound, model.CodeConflict, model.CodeForbidden:
			p.Message = model.ErrorMessageOf(err)
			if status == http.StatusOK {
				status = httpx.Status(err)
			}
		default:
			h.fail(w, r, err)
			return
		}
	}
	w.Header().Set("Referrer-Policy", "no-referrer")
	h.render(w, r, status, "invite", p)
}

func (h *Handler) submitInvite(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(w, r); err != nil {
		h.fail(w, r, err)
		return
	}
	token := r.PostForm.Get("t")
	err := h.core.SubmitByInvitation(r.Context(), token, submission(r.PostForm))
	switch model.ErrorCodeOf(err) {
	case "":
		h.renderInvite(w, r, "", http.StatusOK, Form{}, true)
	case model.CodeInvalid:
		h.renderInvite(w, r, token, http.StatusUnprocessableEntity, formFrom(r, err), false)
	case model.CodeNotFound, model.CodeConflict:
		h.renderInvite(w, r, token, httpx.Status(err), Form{}, false)
	default:
		h.fail(w, r, err)
	}
}

// PulseResultsPage is the results of a round, already through the anonymity engine.
type PulseResultsPage struct {
	Page
	model.SurveyResults
	Hidden       string
	Base         string // the results URL with the current filters, for links
	CSV          string
	Dims         template.HTML
	ENPSChart    template.HTML
	Distribution template.HTML
	Heatmap      template.HTML
	TrendEng     template.HTML
	TrendENPS    template.HTML
	CanPlan      bool
	PlanTeam     int64
	Focus        []model.Dimension
	PlanForm     Form
	HasLikert    bool
	GroupByOpts  []model.GroupBy
	TeamName     string
	ActiveFilter bool
	AllHidden    bool // every row of the breakdown is hidden
	GroupsPager  pager
}

// FirstComments and MoreComments split the comments so the page stays readable.
func (p *PulseResultsPage) FirstComments() []model.SurveyComment {
	return p.Comments[:min(len(p.Comments), shownComments)]
}

// MoreComments are the comments after the first ones, behind a disclosure.
func (p *PulseResultsPage) MoreComments() []model.SurveyComment {
	if len(p.Comments) <= shownComments {
		return nil
	}
	return p.Comments[shownComments:]
}

const shownComments = 12

// Sel reports whether a filter option is the current one.
func (p *PulseResultsPage) Sel(name string, v any) bool {
	s := p.Query.Slice
	switch name {
	case "department":
		return fmt.Sprint(s.DepartmentID) == fmt.Sprint(v)
	case "location":
		return fmt.Sprint(s.LocationID) == fmt.Sprint(v)
	case "team":
		return fmt.Sprint(s.TeamID) == fmt.Sprint(v)
	case "level":
		return fmt.Sprint(s.Level) == fmt.Sprint(v)
	case "tenure":
		return string(s.Tenure) == fmt.Sprint(v)
	case "group_by":
		return string(p.Query.GroupBy) == fmt.Sprint(v)
	}
	return false
}

// resultsGroupsPerPage is how many rows of a breakdown one results page shows.
const resultsGroupsPerPage = 100

func queryOf(r *http.Request, roundID int64) model.ResultsQuery {
	q := r.URL.Query()
	id := func(name string) int64 {
		v, _ := strconv.ParseInt(q.Get(name), 10, 64)
		return max(v, 0)
	}
	level, _ := strconv.Atoi(q.Get("level"))
	return model.ResultsQuery{RoundID: roundID, GroupBy: model.GroupBy(q.Get("group_by")), Slice: model.SurveySlice{
		DepartmentID: id("department"), LocationID: id("location"), TeamID: id("team"), LineID: id("line"),
		Level: max(level, 0), Tenure: model.TenureBand(q.Get("tenure")),
	}}
}

func sliceQuery(s model.SurveySlice, by model.GroupBy) url.Values {
	v := url.Values{}
	set := func(k string, x int64) {
		if x != 0 {
			v.Set(k, strconv.FormatInt(x, 10))
		}
	}
	set("department", s.DepartmentID)
	set("location", s.LocationID)
	set("team", s.TeamID)
	set("line", s.LineID)
	set("level", int64(s.Level))
	if s.Tenure != "" {
		v.Set("tenure", string(s.Tenure))
	}
	if by != "" {
		v.Set("group_by", string(by))
	}
	return v
}

func (h *Handler) results(w http.ResponseWriter, r *http.Request) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	id, err := pathID(r, "id")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	q := queryOf(r, id)
	q.GroupLimit = resultsGroupsPerPage
	q.GroupOffset, _ = strconv.Atoi(r.URL.Query().Get("offset"))
	res, err := h.core.PulseResults(r.Context(), actor, q)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	p := &PulseResultsPage{Page: Page{Title: res.Round.SurveyTitle + " · " + res.Round.Label(), Section: "engagement", Wide: true},
		SurveyResults: res, Hidden: model.Hidden(res.K), GroupByOpts: model.GroupBys, ActiveFilter: !res.Query.Slice.IsZero()}
	base := "/pulses/" + itoa(id) + "/results"
	p.Base = base
	p.CSV = base + ".csv"
	if qs := sliceQuery(res.Query.Slice, res.Query.GroupBy).Encode(); qs != "" {
		p.CSV += "?" + qs
	}
	for _, d := range res.Main.Dimensions {
		p.HasLikert = p.HasLikert || d.Answered > 0
	}
	if len(res.Groups) > 0 {
		groups := model.List[model.GroupResult]{Items: res.Groups, Total: res.GroupsTotal,
			Page: model.Page{Limit: resultsGroupsPerPage, Offset: min(max(q.GroupOffset, 0), res.GroupsTotal)}}
		p.GroupsPager = pager{PageInfo: groups.Info(), Base: base + "?" + sliceQuery(res.Query.Slice, res.Query.GroupBy).Encode() + "&"}
	}
	p.AllHidden = len(res.Groups) > 0
	for _, g := range res.Groups {
		p.AllHidden = p.AllHidden && !g.Shown
	}
	p.Dims = dimensionsChart(res.Main)
	p.ENPSChart = enpsChart(res.Main)
	p.Distribution = distributionChart(res.Main)
	p.Heatmap = heatmap(res, base)
	p.TrendEng, p.TrendENPS = trendCharts(res.Trend)
	if t := res.Query.Slice.TeamID; t != 0 && !res.SummaryOnly {
		for _, o := range res.Teams {
			if o.ID == t {
				p.TeamName = o.Label
			}
		}
		p.PlanTeam = t
		p.Focus = model.FocusDimensions
		has := false
		for _, pl := range res.Plans {
			has = has || pl.RoundID == res.Round.ID
		}
		p.CanPlan = !has && (actor.SeesEveryone() || actor.PersonID == t || res.Scope != "organization")
	}
	h.render(w, r, http.StatusOK, "results", p)
}

func (h *Handler) resultsCSV(w http.ResponseWriter, r *http.Request) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	id, err := pathID(r, "id")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	res, err := h.core.ExportPulseResults(r.Context(), actor, queryOf(r, id))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="pulse-%d-results.csv"`, id))
	w.Header().Set("Cache-Control", "no-store")
	_ = csvio.WriteSurveyResults(w, res)
}

// Chart colours: unfavourable, neutral, favourable (colour-blind-safe, and each segment
// also prints its share).
const (
	colUnfav = "#b42318"
	colNeut  = "#98a2b3"
	colFav   = "#0f766e"
)

func dimensionsChart(g model.GroupResult) template.HTML {
	if !g.Shown {
		return ""
	}
	c := chart.Stacked{ID: "dimensions-chart", Title: "Favourable, neutral and unfavourable answers by dimension", Width: 560}
	for _, d := range g.Dimensions {
		if d.Answered == 0 {
			c.Rows = append(c.Rows, chart.StackedRow{Label: d.Dimension.Label(), Note: "no answers"})
			continue
		}
		c.Rows = append(c.Rows, chart.StackedRow{Label: d.Dimension.Label(), Segments: []chart.Segment{
			{Label: "Unfavourable", Value: d.Unfavourable / 100, Color: colUnfav},
			{Label: "Neutral", Value: d.Neutral / 100, Color: colNeut},
			{Label: "Favourable", Value: d.Favourable / 100, Color: colFav},
		}})
	}
	if len(c.Rows) == 0 {
		return ""
	}
	return c.SVG()
}

func enpsChart(g model.GroupResult) template.HTML {
	if !g.Shown || g.ENPS == nil || g.ENPS.Answered == 0 {
		return ""
	}
	e := g.ENPS
	return chart.Stacked{ID: "enps-chart", Title: "Detractors, passives and promoters", Width: 460, Rows: []chart.StackedRow{{
		Label: "Answers", Segments: []chart.Segment{
			{Label: "Detractors 0–6", Value: e.Detractors / 100, Color: colUnfav},
			{Label: "Passives 7–8", Value: e.Passives / 100, Color: colNeut},
			{Label: "Promoters 9–10", Value: e.Promoters / 100, Color: colFav},
		}}}}.SVG()
}

// likertColours run from strongly disagree (red) to strongly agree (teal), with a grey
// middle; each segment also prints its share.
var likertColours = []string{"#b42318", "#e07a67", "#98a2b3", "#5fb3a6", "#0f766e"}

var likertShort = []string{"Strongly disagree", "Disagree", "Neutral", "Agree", "Strongly agree"}

// distributionChart draws the answers to each Likert question, from 1 to 5.
func distributionChart(g model.GroupResult) template.HTML {
	if !g.Shown {
		return ""
	}
	c := chart.Stacked{ID: "distribution-chart", Title: "How people answered each statement, from strongly disagree to strongly agree", Width: 960}
	for i, q := range g.Questions {
		if q.Question.Kind != model.KindLikert {
			continue
		}
		label := strconv.Itoa(i+1) + ". " + model.Clip(q.Question.Text, 52)
		if q.Answered == 0 {
			c.Rows = append(c.Rows, chart.StackedRow{Label: label, Note: "no answers counted"})
			continue
		}
		var segs []chart.Segment
		for v, n := range q.Counts {
			segs = append(segs, chart.Segment{Label: likertShort[v], Value: float64(n) / float64(q.Answered), Color: likertColours[v]})
		}
		c.Rows = append(c.Rows, chart.StackedRow{Label: label, Segments: segs})
	}
	if len(c.Rows) == 0 {
		return ""
	}
	return c.SVG()
}

// heatmap draws the groups of the breakdown × the dimensions and eNPS. A hidden group
// is a hatched row labelled "hidden"; its cells carry no value and no link.
func heatmap(res model.SurveyResults, base string) template.HTML {
	if len(res.Groups) == 0 {
		return ""
	}
	var cols []string
	var dims []model.Dimension
	for _, d := range res.Main.Dimensions {
		cols = append(cols, d.Dimension.Label())
		dims = append(dims, d.Dimension)
	}
	hasENPS := res.Main.ENPS != nil
	if hasENPS {
		cols = append(cols, "eNPS")
	}
	if !res.Main.Shown {
		// The columns come from the main group; without it, from the first shown row.
		for _, g := range res.Groups {
			if g.Shown {
				for _, d := range g.Dimensions {
					cols = append(cols, d.Dimension.Label())
					dims = append(dims, d.Dimension)
				}
				if g.ENPS != nil {
					cols = append(cols, "eNPS")
					hasENPS = true
				}
				break
			}
		}
	}
	if len(cols) == 0 {
		return ""
	}
	m := chart.Heatmap{ID: "heatmap", Title: "Favourable answers by " + strings.ToLower(res.Query.GroupBy.Label()) + " and dimension; eNPS",
		Cols: cols, Min: 0, Max: 100, CellWidth: 104, Diverging: true}
	for _, g := range res.Groups {
		m.Rows = append(m.Rows, g.Label)
		row := make([]chart.Cell, 0, len(cols))
		href := base + "?" + sliceQuery(g.Slice, "").Encode()
		for _, d := range dims {
			c := chart.Cell{Suppressed: !g.Shown, Href: href}
			if dr, ok := g.Dimension(d); ok && g.Shown {
				c.Value, c.Text = dr.Favourable, dr.FavText()
			} else if g.Shown {
				c.Missing = true
			}
			row = append(row, c)
		}
		if hasENPS {
			c := chart.Cell{Suppressed: !g.Shown, Href: href}
			if g.Shown && g.ENPS != nil && g.ENPS.Answered > 0 {
				c.Value, c.Text = (g.ENPS.ENPS+100)/2, g.ENPS.ENPSText()
			} else if g.Shown {
				c.Missing = true
			}
			row = append(row, c)
		}
		m.Cells = append(m.Cells, row)
	}
	return m.SVG()
}

func trendCharts(points []model.TrendPoint) (template.HTML, template.HTML) {
	if len(points) < 2 {
		return "", ""
	}
	labels := make([]string, len(points))
	eng := make([]float64, len(points))
	enps := make([]float64, len(points))
	for i, p := range points {
		labels[i] = p.Short
		eng[i], enps[i] = chart.Missing, chart.Missing
		if p.HasEng {
			eng[i] = p.Engagement
		}
		if p.HasENPS {
			enps[i] = p.ENPS
		}
	}
	a := chart.Line{ID: "trend-engagement", Title: "Engagement, percent favourable, by pulse", Labels: labels,
		Series: []chart.Series{{Name: "Engagement", Values: eng}}, YMin: 0, YMax: 100, Format: chart.Format(0, "%"), Width: 520, Height: 220}
	b := chart.Line{ID: "trend-enps", Title: "eNPS by pulse", Labels: labels,
		Series: []chart.Series{{Name: "eNPS", Values: enps}}, YMin: -100, YMax: 100, Format: chart.Format(0, ""), Width: 520, Height: 220}
	zero := 0.0
	b.Reference, b.RefLabel = &zero, "0"
	if allMissing(eng) {
		return "", b.SVG()
	}
	if allMissing(enps) {
		return a.SVG(), ""
	}
	return a.SVG(), b.SVG()
}

func allMissing(vs []float64) bool {
	for _, v := range vs {
		if !math.IsNaN(v) {
			return false
		}
	}
	return true
}

// createPlan starts an action plan for a team from its results.
func (h *Handler) createPlan(w http.ResponseWriter, r *http.Request) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	id, err := pathID(r, "id")
	if err == nil {
		err = parseForm(w, r)
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	team, _ := strconv.ParseInt(r.PostForm.Get("team"), 10, 64)
	in := model.ActionPlanInput{RoundID: id, ManagerID: team, Note: r.PostForm.Get("note")}
	for _, f := range r.PostForm["focus"] {
		in.Focus = append(in.Focus, model.Dimension(f))
	}
	plan, err := h.core.CreateActionPlan(r.Context(), actor, in)
	back := "/pulses/" + itoa(id) + "/results?team=" + itoa(team)
	switch model.ErrorCodeOf(err) {
	case "":
		h.redirect(w, r, "/plans/"+itoa(plan.ID), "success", "Action plan started. Add the actions, their owners and due dates.")
	case model.CodeInvalid, model.CodeConflict:
		h.redirect(w, r, back, "error", firstMessage(err))
	default:
		h.fail(w, r, err)
	}
}

// firstMessage is an error's field message when it has one, else its message.
func firstMessage(err error) string {
	for _, m := range model.FieldsOf(err) {
		return m
	}
	return model.ErrorMessageOf(err)
}

// PlanPage is an action plan.
type PlanPage struct {
	Page
	core.ActionPlanDetail
	Form     Form
	ItemForm Form
	Focus    []model.Dimension
	Today    string
}

// HasFocus reports whether the plan (or the submitted form) has a focus area.
func (p *PlanPage) HasFocus(d model.Dimension) bool {
	if p.Form.Values != nil {
		for _, f := range p.Form.Values["focus"] {
			if f == string(d) {
				return true
			}
		}
		return false
	}
	for _, f := range p.Plan.Focus {
		if f == d {
			return true
		}
	}
	return false
}

func (h *Handler) plan(w http.ResponseWriter, r *http.Request) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	id, err := pathID(r, "id")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.renderPlan(w, r, actor, id, http.StatusOK, Form{}, Form{})
}

func (h *Handler) renderPlan(w http.ResponseWriter, r *http.Request, actor model.Actor, id int64, status int, form, itemForm Form) {
	d, err := h.core.ActionPlan(r.Context(), actor, id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, status, "plan", &PlanPage{Page: Page{Title: "Action plan · Team of " + d.Plan.ManagerName, Section: "engagement"},
		ActionPlanDetail: d, Form: form, ItemForm: itemForm, Focus: model.FocusDimensions, Today: h.core.Now().UTC().Format("2006-01-02")})
}

func (h *Handler) updatePlan(w http.ResponseWriter, r *http.Request) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	id, err := pathID(r, "id")
	if err == nil {
		err = parseForm(w, r)
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	in := model.ActionPlanInput{Note: r.PostForm.Get("note")}
	for _, f := range r.PostForm["focus"] {
		in.Focus = append(in.Focus, model.Dimension(f))
	}
	err = h.core.UpdateActionPlan(r.Context(), actor, id, in)
	if model.ErrorCodeOf(err) == model.CodeInvalid {
		h.renderPlan(w, r, actor, id, http.StatusUnprocessableEntity, formFrom(r, err), Form{})
		return
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.redirect(w, r, "/plans/"+itoa(id), "success", "Plan saved.")
}

func (h *Handler) addPlanItem(w http.ResponseWriter, r *http.Request) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	id, err := pathID(r, "id")
	if err == nil {
		err = parseForm(w, r)
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	owner, _ := strconv.ParseInt(r.PostForm.Get("owner"), 10, 64)
	err = h.core.AddActionItem(r.Context(), actor, id, model.ActionItemInput{Title: r.PostForm.Get("title"), OwnerID: owner, DueOn: r.PostForm.Get("due_on")})
	if model.ErrorCodeOf(err) == model.CodeInvalid {
		h.renderPlan(w, r, actor, id, http.StatusUnprocessableEntity, Form{}, formFrom(r, err))
		return
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.redirect(w, r, "/plans/"+itoa(id), "success", "Action added.")
}

func (h *Handler) setItemStatus(w http.ResponseWriter, r *http.Request) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	id, err := pathID(r, "id")
	if err == nil {
		err = parseForm(w, r)
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if err := h.core.SetActionItemStatus(r.Context(), actor, id, r.PostForm.Get("status")); err != nil {
		h.fail(w, r, err)
		return
	}
	plan, _ := strconv.ParseInt(r.PostForm.Get("plan"), 10, 64)
	h.redirect(w, r, "/plans/"+itoa(max(plan, 0)), "success", "Action updated.")
}

// BankPage is the question bank.
type BankPage struct {
	Page
	Bank      []model.Question
	Dims      []model.Dimension
	CanManage bool
	Form      Form
}

// Questions returns the bank's questions of a dimension.
func (p *BankPage) Questions(d model.Dimension) []model.Question {
	var out []model.Question
	for _, q := range p.Bank {
		if q.Dimension == d {
			out = append(out, q)
		}
	}
	return out
}

func (h *Handler) questionBank(w http.ResponseWriter, r *http.Request) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	h.renderBank(w, r, actor, http.StatusOK, Form{})
}

func (h *Handler) renderBank(w http.ResponseWriter, r *http.Request, actor model.Actor, status int, form Form) {
	bank, err := h.core.QuestionBank(r.Context(), actor)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, status, "question_bank", &BankPage{Page: Page{Title: "Question bank", Section: "engagement"}, Bank: bank, Dims: allDims,
		CanManage: actor.Is(model.RoleAdmin, model.RoleHR), Form: form})
}

func (h *Handler) addQuestion(w http.ResponseWriter, r *http.Request) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	if err := parseForm(w, r); err != nil {
		h.fail(w, r, err)
		return
	}
	_, err := h.core.AddQuestion(r.Context(), actor, model.QuestionInput{Dimension: model.Dimension(r.PostForm.Get("dimension")), Text: r.PostForm.Get("text")})
	if model.ErrorCodeOf(err) == model.CodeInvalid {
		h.renderBank(w, r, actor, http.StatusUnprocessableEntity, formFrom(r, err))
		return
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.redirect(w, r, "/surveys/questions", "success", "Question added to the bank.")
}

// AnonymityHelpPage explains the anonymity rule.
type AnonymityHelpPage struct {
	Page
	K        int
	Min, Max int
}

func (h *Handler) helpAnonymity(w http.ResponseWriter, r *http.Request) {
	k, err := h.core.SurveyThreshold(r.Context())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "help_anonymity", &AnonymityHelpPage{Page: Page{Title: "How anonymity works", Section: "engagement"},
		K: k, Min: core.MinMinGroup, Max: core.MaxMinGroup})
}
