package api

import (
	"net/http"

	"throughline/internal/httpx"
	"throughline/internal/model"
)

// The check-in bodies have no private-note field at all: private notes are read by
// their author on the check-in page, and never through the API.

// CheckinSeriesBody is a recurring one-to-one.
type CheckinSeriesBody struct {
	ID          int64  `json:"id"`
	ManagerID   int64  `json:"manager_id"`
	Manager     string `json:"manager"`
	ReportID    int64  `json:"report_id"`
	Report      string `json:"report"`
	CadenceDays int    `json:"cadence_days"`
	NextID      int64  `json:"next_checkin_id,omitempty"`
	NextOn      string `json:"next_on,omitempty"`
	LastOn      string `json:"last_held_on,omitempty"`
	Held        int    `json:"held"`
	OpenActions int    `json:"open_actions"`
}

func seriesBody(s model.CheckinSeries) CheckinSeriesBody {
	return CheckinSeriesBody{ID: s.ID, ManagerID: s.ManagerID, Manager: s.ManagerName, ReportID: s.ReportID, Report: s.ReportName,
		CadenceDays: s.CadenceDays, NextID: s.NextID, NextOn: s.NextOn, LastOn: s.LastOn, Held: s.Held, OpenActions: s.OpenActions}
}

// CheckinOverviewBody is the caller's one-to-ones.
type CheckinOverviewBody struct {
	AsManager   []CheckinSeriesBody `json:"as_manager"`
	WithManager []CheckinSeriesBody `json:"with_manager"`
}

// TalkingPointBody is a point of the shared agenda.
type TalkingPointBody struct {
	ID        int64  `json:"id"`
	AuthorID  int64  `json:"author_id"`
	Author    string `json:"author"`
	Text      string `json:"text"`
	GoalID    int64  `json:"goal_id,omitempty"`
	Goal      string `json:"goal,omitempty"`
	MetricID  int64  `json:"metric_id,omitempty"`
	Metric    string `json:"metric,omitempty"`
	Discussed bool   `json:"discussed"`
}

// ActionItemBody is an action item; origin_checkin_id is where it was agreed.
type ActionItemBody struct {
	ID              int64  `json:"id"`
	Text            string `json:"text"`
	OwnerID         int64  `json:"owner_id"`
	Owner           string `json:"owner"`
	DueOn           string `json:"due_on,omitempty"`
	OriginCheckinID int64  `json:"origin_checkin_id"`
	Carried         int    `json:"carried"`
	Done            bool   `json:"done"`
}

// CheckinBody is one check-in: agenda, shared notes and action items.
type CheckinBody struct {
	ID          int64              `json:"id"`
	SeriesID    int64              `json:"series_id"`
	ManagerID   int64              `json:"manager_id"`
	Manager     string             `json:"manager"`
	ReportID    int64              `json:"report_id"`
	Report      string             `json:"report"`
	ScheduledOn string             `json:"scheduled_on"`
	Status      string             `json:"status"`
	SharedNotes string             `json:"shared_notes"`
	Points      []TalkingPointBody `json:"agenda"`
	Actions     []ActionItemBody   `json:"actions"`
	PrevID      int64              `json:"previous_id,omitempty"`
	NextID      int64              `json:"next_id,omitempty"`
}

func checkinBody(c model.Checkin) CheckinBody {
	b := CheckinBody{ID: c.ID, SeriesID: c.SeriesID, ManagerID: c.ManagerID, Manager: c.ManagerName, ReportID: c.ReportID, Report: c.ReportName,
		ScheduledOn: c.ScheduledOn, Status: string(c.Status), SharedNotes: c.SharedNotes, Points: []TalkingPointBody{}, Actions: []ActionItemBody{},
		PrevID: c.PrevID, NextID: c.NextID}
	for _, p := range c.Points {
		b.Points = append(b.Points, TalkingPointBody{ID: p.ID, AuthorID: p.AuthorID, Author: p.AuthorName, Text: p.Text, GoalID: p.GoalID,
			Goal: p.GoalTitle, MetricID: p.MetricID, Metric: p.MetricName, Discussed: p.Discussed})
	}
	for _, a := range c.Actions {
		b.Actions = append(b.Actions, ActionItemBody{ID: a.ID, Text: a.Text, OwnerID: a.OwnerID, Owner: a.OwnerName, DueOn: a.DueOn,
			OriginCheckinID: a.OriginCheckinID, Carried: a.Carried, Done: a.Done()})
	}
	return b
}

func (h *Handler) checkins(w http.ResponseWriter, r *http.Request) {
	a, ok := actor(w, r)
	if !ok {
		return
	}
	o, err := h.core.Checkins(r.Context(), a)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	body := CheckinOverviewBody{AsManager: []CheckinSeriesBody{}, WithManager: []CheckinSeriesBody{}}
	for _, s := range o.AsManager {
		body.AsManager = append(body.AsManager, seriesBody(s))
	}
	for _, s := range o.WithManager {
		body.WithManager = append(body.WithManager, seriesBody(s))
	}
	httpx.WriteJSON(w, http.StatusOK, DataBody[CheckinOverviewBody]{Data: body})
}

// CheckinSeriesInputBody starts check-ins with a direct report.
type CheckinSeriesInputBody struct {
	ReportID    int64  `json:"report_id"`
	CadenceDays int    `json:"cadence_days"`
	FirstOn     string `json:"first_on"`
}

func (h *Handler) startCheckins(w http.ResponseWriter, r *http.Request) {
	a, ok := actor(w, r)
	if !ok {
		return
	}
	var b CheckinSeriesInputBody
	err := httpx.DecodeJSON(w, r, &b, 0)
	var id int64
	if err == nil {
		id, err = h.core.StartCheckins(r.Context(), a, model.CheckinSeriesInput{ReportID: b.ReportID, CadenceDays: b.CadenceDays, FirstOn: b.FirstOn})
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.sendCheckin(w, r, a, id, http.StatusCreated)
}

func (h *Handler) sendCheckin(w http.ResponseWriter, r *http.Request, a model.Actor, id int64, status int) {
	v, err := h.core.Checkin(r.Context(), a, id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	httpx.WriteJSON(w, status, DataBody[CheckinBody]{Data: checkinBody(v.Checkin)})
}

func (h *Handler) checkin(w http.ResponseWriter, r *http.Request) {
	a, ok := actor(w, r)
	if !ok {
		return
	}
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.sendCheckin(w, r, a, id, http.StatusOK)
}

// checkinChange decodes a body, applies one change to a check-in and returns it.
func checkinChange[B any](h *Handler, status int, apply func(r *http.Request, a model.Actor, id int64, b B) (int64, error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		a, ok := actor(w, r)
		if !ok {
			return
		}
		var b B
		id, err := pathID(r)
		if err == nil {
			err = httpx.DecodeJSON(w, r, &b, 0)
		}
		if err == nil {
			id, err = apply(r, a, id, b)
		}
		if err != nil {
			h.fail(w, r, err)
			return
		}
		h.sendCheckin(w, r, a, id, status)
	}
}

// TalkingPointInputBody adds a talking point.
type TalkingPointInputBody struct {
	Text     string `json:"text"`
	GoalID   int64  `json:"goal_id,omitempty"`
	MetricID int64  `json:"metric_id,omitempty"`
}

// ActionItemInputBody adds an action item.
type ActionItemInputBody struct {
	Text    string `json:"text"`
	OwnerID int64  `json:"owner_id"`
	DueOn   string `json:"due_on,omitempty"`
}

// SharedNotesBody replaces the shared notes.
type SharedNotesBody struct {
	Text string `json:"text"`
}

// CompleteCheckinBody marks a check-in held; the response is the next one, with the
// open action items carried into it.
type CompleteCheckinBody struct {
	NextOn string `json:"next_on,omitempty"`
}

func (h *Handler) checkinRoutes() []Route {
	return []Route{
		{"POST", "/checkins/{id}/points", checkinChange(h, http.StatusCreated, func(r *http.Request, a model.Actor, id int64, b TalkingPointInputBody) (int64, error) {
			return id, h.core.AddCheckinPoint(r.Context(), a, id, model.CheckinPointInput{Text: b.Text, GoalID: b.GoalID, MetricID: b.MetricID})
		})},
		{"POST", "/checkins/{id}/actions", checkinChange(h, http.StatusCreated, func(r *http.Request, a model.Actor, id int64, b ActionItemInputBody) (int64, error) {
			return id, h.core.AddCheckinAction(r.Context(), a, id, model.CheckinActionInput{Text: b.Text, OwnerID: b.OwnerID, DueOn: b.DueOn})
		})},
		{"PUT", "/checkins/{id}/shared-notes", checkinChange(h, http.StatusOK, func(r *http.Request, a model.Actor, id int64, b SharedNotesBody) (int64, error) {
			return id, h.core.SaveSharedNotes(r.Context(), a, id, model.CheckinNotesInput{Text: b.Text})
		})},
		{"POST", "/checkins/{id}/complete", checkinChange(h, http.StatusCreated, func(r *http.Request, a model.Actor, id int64, b CompleteCheckinBody) (int64, error) {
			return h.core.CompleteCheckin(r.Context(), a, id, b.NextOn)
		})},
	}
}

// FeedbackBody is a piece of feedback or praise.
type FeedbackBody struct {
	ID         int64  `json:"id"`
	FromID     int64  `json:"from_id"`
	From       string `json:"from"`
	ToID       int64  `json:"to_id"`
	To         string `json:"to"`
	Visibility string `json:"visibility"`
	Text       string `json:"text"`
	ValueID    int64  `json:"value_id,omitempty"`
	Value      string `json:"value,omitempty"`
	Competency string `json:"competency,omitempty"`
	CreatedAt  int64  `json:"created_at"`
}

func feedbackBody(f model.Feedback) FeedbackBody {
	return FeedbackBody{ID: f.ID, FromID: f.FromID, From: f.FromName, ToID: f.ToID, To: f.ToName, Visibility: string(f.Visibility), Text: f.Text,
		ValueID: f.ValueID, Value: f.ValueName, Competency: f.Competency, CreatedAt: f.CreatedAt}
}

// FeedbackRequestBody is a request for feedback.
type FeedbackRequestBody struct {
	ID        int64  `json:"id"`
	FromID    int64  `json:"from_id"`
	From      string `json:"from"`
	ToID      int64  `json:"to_id"`
	To        string `json:"to"`
	Message   string `json:"message"`
	Status    string `json:"status"`
	CreatedAt int64  `json:"created_at"`
}

func requestBody(q model.FeedbackRequest) FeedbackRequestBody {
	return FeedbackRequestBody{ID: q.ID, FromID: q.FromID, From: q.FromName, ToID: q.ToID, To: q.ToName, Message: q.Message, Status: string(q.Status), CreatedAt: q.CreatedAt}
}

// FeedbackInboxBody is the caller's feedback.
type FeedbackInboxBody struct {
	Received []FeedbackBody        `json:"received"`
	Given    []FeedbackBody        `json:"given"`
	Team     []FeedbackBody        `json:"team"`
	Praise   []FeedbackBody        `json:"praise"`
	Waiting  []FeedbackRequestBody `json:"requests_waiting"`
	Sent     []FeedbackRequestBody `json:"requests_sent"`
}

func (h *Handler) feedback(w http.ResponseWriter, r *http.Request) {
	a, ok := actor(w, r)
	if !ok {
		return
	}
	in, err := h.core.Feedback(r.Context(), a)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	conv := func(fs []model.Feedback) []FeedbackBody {
		out := []FeedbackBody{}
		for _, f := range fs {
			out = append(out, feedbackBody(f))
		}
		return out
	}
	convQ := func(qs []model.FeedbackRequest) []FeedbackRequestBody {
		out := []FeedbackRequestBody{}
		for _, q := range qs {
			out = append(out, requestBody(q))
		}
		return out
	}
	httpx.WriteJSON(w, http.StatusOK, DataBody[FeedbackInboxBody]{Data: FeedbackInboxBody{Received: conv(in.Received), Given: conv(in.Given),
		Team: conv(in.Team), Praise: conv(in.Praise), Waiting: convQ(in.Waiting), Sent: convQ(in.Sent)}})
}

// FeedbackInputBody gives feedback (visibility private or public; request_id answers a
// request).
type FeedbackInputBody struct {
	ToID       int64  `json:"to_id"`
	Visibility string `json:"visibility,omitempty"`
	Text       string `json:"text"`
	ValueID    int64  `json:"value_id,omitempty"`
	Competency string `json:"competency,omitempty"`
	RequestID  int64  `json:"request_id,omitempty"`
}

// IDBody is the id of something created.
type IDBody struct {
	ID int64 `json:"id"`
}

func (h *Handler) giveFeedback(w http.ResponseWriter, r *http.Request) {
	a, ok := actor(w, r)
	if !ok {
		return
	}
	var b FeedbackInputBody
	err := httpx.DecodeJSON(w, r, &b, 0)
	var id int64
	if err == nil {
		id, err = h.core.GiveFeedback(r.Context(), a, model.FeedbackInput{ToID: b.ToID, Visibility: model.FeedbackVisibility(b.Visibility),
			Text: b.Text, ValueID: b.ValueID, Competency: b.Competency, RequestID: b.RequestID})
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusCreated, DataBody[IDBody]{Data: IDBody{ID: id}})
}

// FeedbackRequestInputBody asks someone for feedback.
type FeedbackRequestInputBody struct {
	ToID    int64  `json:"to_id"`
	Message string `json:"message,omitempty"`
}

func (h *Handler) requestFeedback(w http.ResponseWriter, r *http.Request) {
	a, ok := actor(w, r)
	if !ok {
		return
	}
	var b FeedbackRequestInputBody
	err := httpx.DecodeJSON(w, r, &b, 0)
	var id int64
	if err == nil {
		id, err = h.core.RequestFeedback(r.Context(), a, model.FeedbackRequestInput{ToID: b.ToID, Message: b.Message})
	}
	if err != nil {
		if f := model.FieldsOf(err); f != nil && f["ask_to_id"] != "" {
			err = &model.Error{Code: model.CodeInvalid, Message: model.ErrorMessageOf(err), Fields: map[string]string{"to_id": f["ask_to_id"]}}
		}
		h.fail(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusCreated, DataBody[IDBody]{Data: IDBody{ID: id}})
}

// DueItemBody is something the caller has to do.
type DueItemBody struct {
	Kind    string `json:"kind"`
	Title   string `json:"title"`
	Detail  string `json:"detail,omitempty"`
	Href    string `json:"href"`
	DueOn   string `json:"due_on,omitempty"`
	Overdue bool   `json:"overdue"`
}

func (h *Handler) due(w http.ResponseWriter, r *http.Request) {
	a, ok := actor(w, r)
	if !ok {
		return
	}
	items, err := h.core.DueItems(r.Context(), a)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	out := []DueItemBody{}
	for _, it := range items {
		out = append(out, DueItemBody{Kind: it.Kind, Title: it.Title, Detail: it.Detail, Href: it.Href, DueOn: it.DueOn, Overdue: it.Overdue})
	}
	httpx.WriteJSON(w, http.StatusOK, DataBody[[]DueItemBody]{Data: out})
}
