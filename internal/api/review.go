package api

import (
	"net/http"

	"throughline/internal/core"
	"throughline/internal/httpx"
	"throughline/internal/model"
)

// ReviewCycleBody is a review cycle and its reviews counted by state.
type ReviewCycleBody struct {
	ID         int64          `json:"id"`
	Name       string         `json:"name"`
	Period     string         `json:"period"`
	Status     string         `json:"status"`
	SelfDue    string         `json:"self_due"`
	ManagerDue string         `json:"manager_due"`
	SignoffDue string         `json:"signoff_due"`
	Total      int            `json:"reviews"`
	ByState    map[string]int `json:"by_state"`
}

func cycleBody(c model.ReviewCycle) ReviewCycleBody {
	b := ReviewCycleBody{ID: c.ID, Name: c.Name, Period: c.Period, Status: string(c.Status), SelfDue: c.SelfDue, ManagerDue: c.ManagerDue,
		SignoffDue: c.SignoffDue, Total: c.Total, ByState: map[string]int{}}
	for k, v := range c.ByState {
		b.ByState[string(k)] = v
	}
	return b
}

// ReviewBody is a review. The texts appear only when the caller may read them.
type ReviewBody struct {
	ID                 int64  `json:"id"`
	CycleID            int64  `json:"cycle_id"`
	Cycle              string `json:"cycle"`
	Period             string `json:"period"`
	CycleStatus        string `json:"cycle_status"`
	PersonID           int64  `json:"person_id"`
	Person             string `json:"person"`
	ReviewerID         int64  `json:"reviewer_id,omitempty"`
	Reviewer           string `json:"reviewer,omitempty"`
	State              string `json:"state"`
	Due                string `json:"due,omitempty"`
	SelfText           string `json:"self_text,omitempty"`
	ManagerText        string `json:"manager_text,omitempty"`
	SelfSubmittedAt    int64  `json:"self_submitted_at,omitempty"`
	ManagerSubmittedAt int64  `json:"manager_submitted_at,omitempty"`
	PersonSignedAt     int64  `json:"person_signed_at,omitempty"`
	ReviewerSignedAt   int64  `json:"reviewer_signed_at,omitempty"`
}

func reviewBody(r model.Review) ReviewBody {
	return ReviewBody{ID: r.ID, CycleID: r.CycleID, Cycle: r.CycleName, Period: r.CyclePeriod, CycleStatus: string(r.CycleStatus),
		PersonID: r.PersonID, Person: r.PersonName, ReviewerID: r.ReviewerID, Reviewer: r.ReviewerName, State: string(r.State), Due: r.Due(),
		SelfText: r.SelfText, ManagerText: r.ManagerText, SelfSubmittedAt: r.SelfSubmittedAt, ManagerSubmittedAt: r.ManagerSubmittedAt,
		PersonSignedAt: r.PersonSignedAt, ReviewerSignedAt: r.ReviewerSignedAt}
}

// ReviewActionBody is an agreed action.
type ReviewActionBody struct {
	ID      int64  `json:"id"`
	Text    string `json:"text"`
	OwnerID int64  `json:"owner_id,omitempty"`
	Owner   string `json:"owner,omitempty"`
	DueOn   string `json:"due_on,omitempty"`
	Done    bool   `json:"done"`
}

// ReviewGoalBody is a goal in a review.
type ReviewGoalBody struct {
	ID       int64   `json:"id"`
	Title    string  `json:"title"`
	Progress float64 `json:"progress"`
	Status   string  `json:"status"`
}

// UpwardFeedbackBody is the upward feedback of the person's latest 360 that closed by
// the end of the cycle's period, through the anonymity engine; collected is false when
// there is none or its direct reports are hidden.
type UpwardFeedbackBody struct {
	Collected   bool             `json:"collected"`
	Respondents int              `json:"respondents"`
	Source      string           `json:"assessment,omitempty"`
	ClosedOn    string           `json:"closed_on,omitempty"`
	Items       []UpwardItemBody `json:"competencies,omitempty"`
}

// UpwardItemBody is the direct reports' rating of one competency.
type UpwardItemBody struct {
	Competency string  `json:"competency"`
	Mean       float64 `json:"mean"`
	Favourable float64 `json:"favourable"`
	Answers    int     `json:"answers"`
}

// ReviewDetailBody is a review with every section of the template.
type ReviewDetailBody struct {
	ReviewBody
	Party     string             `json:"your_part,omitempty"`
	Scorecard *ScorecardBody     `json:"scorecard"`
	Frozen    bool               `json:"scorecard_frozen"`
	Goals     []ReviewGoalBody   `json:"goals"`
	Upward    UpwardFeedbackBody `json:"upward_feedback"`
	// Competencies are the same 360's results, or null.
	Competencies *AssessmentResultsBody `json:"competencies"`
	Actions      []ReviewActionBody     `json:"agreed_actions"`
	// Calibration is hr's calibrated rating from the calibration grid, or null.
	Calibration *CalibrationBody `json:"calibration"`
}

func (h *Handler) reviewCycles(w http.ResponseWriter, r *http.Request) {
	a, ok := actor(w, r)
	if !ok {
		return
	}
	page, err := pageOf(r)
	var cs []model.ReviewCycle
	if err == nil {
		cs, err = h.core.ReviewCycles(r.Context(), a)
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusOK, listOf(paginate(cs, page), cycleBody))
}

// ReviewCycleInputBody creates a cycle.
type ReviewCycleInputBody struct {
	Name       string `json:"name"`
	Period     string `json:"period"`
	SelfDue    string `json:"self_due"`
	ManagerDue string `json:"manager_due"`
	SignoffDue string `json:"signoff_due"`
}

func (h *Handler) createReviewCycle(w http.ResponseWriter, r *http.Request) {
	a, ok := actor(w, r)
	if !ok {
		return
	}
	var b ReviewCycleInputBody
	err := httpx.DecodeJSON(w, r, &b, 0)
	var c model.ReviewCycle
	if err == nil {
		c, err = h.core.CreateReviewCycle(r.Context(), a, model.ReviewCycleInput{Name: b.Name, Period: b.Period, SelfDue: b.SelfDue, ManagerDue: b.ManagerDue, SignoffDue: b.SignoffDue})
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusCreated, DataBody[ReviewCycleBody]{Data: cycleBody(c)})
}

// ReviewCycleDetailBody is a cycle with its reviews (texts left out).
type ReviewCycleDetailBody struct {
	ReviewCycleBody
	Reviews []ReviewBody `json:"review_list"`
}

func (h *Handler) reviewCycle(w http.ResponseWriter, r *http.Request) {
	a, ok := actor(w, r)
	if !ok {
		return
	}
	id, err := pathID(r)
	var d core.ReviewCycleDetail
	if err == nil {
		d, err = h.core.ReviewCycle(r.Context(), a, id)
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	body := ReviewCycleDetailBody{ReviewCycleBody: cycleBody(d.Cycle), Reviews: []ReviewBody{}}
	for _, rv := range d.Reviews {
		body.Reviews = append(body.Reviews, reviewBody(rv))
	}
	httpx.WriteJSON(w, http.StatusOK, DataBody[ReviewCycleDetailBody]{Data: body})
}

func (h *Handler) cycleAction(open bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		a, ok := actor(w, r)
		if !ok {
			return
		}
		id, err := pathID(r)
		if err == nil {
			if open {
				err = h.core.OpenReviewCycle(r.Context(), a, id)
			} else {
				err = h.core.CloseReviewCycle(r.Context(), a, id)
			}
		}
		if err != nil {
			h.fail(w, r, err)
			return
		}
		h.reviewCycle(w, r)
	}
}

// MyReviewsBody is the caller's reviews.
type MyReviewsBody struct {
	Own      []ReviewBody `json:"own"`
	ToReview []ReviewBody `json:"to_review"`
	Line     []ReviewBody `json:"in_line"`
}

func (h *Handler) reviews(w http.ResponseWriter, r *http.Request) {
	a, ok := actor(w, r)
	if !ok {
		return
	}
	m, err := h.core.Reviews(r.Context(), a)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	conv := func(rs []model.Review) []ReviewBody {
		out := []ReviewBody{}
		for _, x := range rs {
			out = append(out, reviewBody(x))
		}
		return out
	}
	httpx.WriteJSON(w, http.StatusOK, DataBody[MyReviewsBody]{Data: MyReviewsBody{Own: conv(m.Own), ToReview: conv(m.ToReview), Line: conv(m.Line)}})
}

func (h *Handler) review(w http.ResponseWriter, r *http.Request) {
	h.sendReview(w, r, http.StatusOK)
}

// sendReview writes the review of the request's path with status.
func (h *Handler) sendReview(w http.ResponseWriter, r *http.Request, status int) {
	a, ok := actor(w, r)
	if !ok {
		return
	}
	id, err := pathID(r)
	var d model.ReviewDetail
	if err == nil {
		d, err = h.core.Review(r.Context(), a, id)
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	body := ReviewDetailBody{ReviewBody: reviewBody(d.Review), Party: string(d.Party), Frozen: d.Frozen, Goals: []ReviewGoalBody{},
		Upward: UpwardFeedbackBody{Collected: d.Upward.Collected, Respondents: d.Upward.Respondents, Source: d.Upward.Source, ClosedOn: d.Upward.ClosedOn}, Actions: []ReviewActionBody{}}
	for _, it := range d.Upward.Items {
		body.Upward.Items = append(body.Upward.Items, UpwardItemBody{Competency: it.Question, Mean: it.Mean, Favourable: it.Score, Answers: it.Answers})
	}
	if d.Competencies != nil {
		c := resultsBody360(*d.Competencies)
		body.Competencies = &c
	}
	if d.Scorecard != nil {
		sc := scorecardBody(*d.Scorecard)
		body.Scorecard = &sc
	}
	for _, g := range d.Goals {
		body.Goals = append(body.Goals, ReviewGoalBody{ID: g.ID, Title: g.Title, Progress: g.Progress, Status: g.Status})
	}
	for _, x := range d.Actions {
		body.Actions = append(body.Actions, ReviewActionBody{ID: x.ID, Text: x.Text, OwnerID: x.OwnerID, Owner: x.OwnerName, DueOn: x.DueOn, Done: x.Done})
	}
	if d.Calibration != nil {
		k := calibrationBody(*d.Calibration)
		body.Calibration = &k
	}
	httpx.WriteJSON(w, status, DataBody[ReviewDetailBody]{Data: body})
}

// ReviewTextBody saves the self review or the manager review; submit also takes the
// review to its next step.
type ReviewTextBody struct {
	Text   string `json:"text"`
	Submit bool   `json:"submit,omitempty"`
}

func (h *Handler) reviewText(which string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		a, ok := actor(w, r)
		if !ok {
			return
		}
		var b ReviewTextBody
		id, err := pathID(r)
		if err == nil {
			err = httpx.DecodeJSON(w, r, &b, 0)
		}
		if err == nil {
			err = h.core.SaveReviewText(r.Context(), a, id, which, model.ReviewTextInput{Text: b.Text})
		}
		if err == nil && b.Submit {
			step := model.StepSubmitSelf
			if which == "manager" {
				step = model.StepSubmitManager
			}
			_, err = h.core.AdvanceReview(r.Context(), a, id, step)
		}
		if err != nil {
			h.fail(w, r, err)
			return
		}
		h.review(w, r)
	}
}

// ReviewStepBody takes a step of the review: submit_self, return, submit_manager, sign.
type ReviewStepBody struct {
	Step string `json:"step"`
}

func (h *Handler) reviewStep(w http.ResponseWriter, r *http.Request) {
	a, ok := actor(w, r)
	if !ok {
		return
	}
	var b ReviewStepBody
	id, err := pathID(r)
	if err == nil {
		err = httpx.DecodeJSON(w, r, &b, 0)
	}
	if err == nil {
		_, err = h.core.AdvanceReview(r.Context(), a, id, model.ReviewStep(b.Step))
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.review(w, r)
}

// ReviewActionInputBody adds an agreed action.
type ReviewActionInputBody struct {
	Text    string `json:"text"`
	OwnerID int64  `json:"owner_id,omitempty"`
	DueOn   string `json:"due_on,omitempty"`
}

func (h *Handler) addReviewAction(w http.ResponseWriter, r *http.Request) {
	a, ok := actor(w, r)
	if !ok {
		return
	}
	var b ReviewActionInputBody
	id, err := pathID(r)
	if err == nil {
		err = httpx.DecodeJSON(w, r, &b, 0)
	}
	if err == nil {
		err = h.core.AddReviewAction(r.Context(), a, id, model.ReviewActionInput{Text: b.Text, OwnerID: b.OwnerID, DueOn: b.DueOn})
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.sendReview(w, r, http.StatusCreated)
}
