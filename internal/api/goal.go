package api

import (
	"errors"
	"net/http"

	"throughline/internal/csvio"
	"throughline/internal/httpx"
	"throughline/internal/model"
)

// GoalBody is a goal.
type GoalBody struct {
	ID           int64           `json:"id"`
	Level        string          `json:"level"`
	Title        string          `json:"title"`
	Description  string          `json:"description"`
	OwnerID      int64           `json:"owner_id"`
	Owner        string          `json:"owner"`
	DepartmentID int64           `json:"department_id,omitempty"`
	Department   string          `json:"department,omitempty"`
	Period       string          `json:"period"`
	StartsOn     string          `json:"starts_on"`
	EndsOn       string          `json:"ends_on"`
	Status       string          `json:"status"`
	Progress     float64         `json:"progress"`
	Parents      []ParentBody    `json:"parents,omitempty"`
	Contributors []PersonBody    `json:"contributors,omitempty"`
	KeyResults   []KeyResultBody `json:"key_results,omitempty"`
	Children     []GoalChildBody `json:"children,omitempty"`
	Updates      []UpdateBody    `json:"updates,omitempty"`
	CanEdit      *bool           `json:"can_edit,omitempty"`
}

// ParentBody is what a goal aligns to.
type ParentBody struct {
	GoalID      int64   `json:"goal_id,omitempty"`
	ObjectiveID int64   `json:"objective_id,omitempty"`
	Title       string  `json:"title"`
	Weight      float64 `json:"weight"`
}

// GoalChildBody is a goal aligned under another goal or an objective.
type GoalChildBody struct {
	ID       int64   `json:"id"`
	Title    string  `json:"title"`
	Level    string  `json:"level"`
	OwnerID  int64   `json:"owner_id"`
	Owner    string  `json:"owner"`
	Status   string  `json:"status"`
	Progress float64 `json:"progress"`
	Weight   float64 `json:"weight"`
}

// KeyResultBody is a key result.
type KeyResultBody struct {
	ID       int64   `json:"id"`
	GoalID   int64   `json:"goal_id"`
	Title    string  `json:"title"`
	Kind     string  `json:"kind"`
	Start    float64 `json:"start"`
	Target   float64 `json:"target"`
	Current  float64 `json:"current"`
	Unit     string  `json:"unit"`
	Done     bool    `json:"done"`
	Weight   float64 `json:"weight"`
	Progress float64 `json:"progress"`
}

// UpdateBody is a check-in on a goal.
type UpdateBody struct {
	Author    string  `json:"author"`
	Status    string  `json:"status"`
	Progress  float64 `json:"progress"`
	Comment   string  `json:"comment"`
	CreatedAt int64   `json:"created_at"`
}

func goalChildBody(g model.GoalChild) GoalChildBody {
	return GoalChildBody{ID: g.ID, Title: g.Title, Level: string(g.Level), OwnerID: g.OwnerID, Owner: g.OwnerName, Status: string(g.Status), Progress: g.Progress, Weight: g.Weight}
}

func keyResultBody(k model.KeyResult) KeyResultBody {
	return KeyResultBody{ID: k.ID, GoalID: k.GoalID, Title: k.Title, Kind: string(k.Kind), Start: k.Start, Target: k.Target, Current: k.Current,
		Unit: k.Unit, Done: k.Done, Weight: k.Weight, Progress: krProgress(k)}
}

func goalBody(g model.Goal) GoalBody {
	b := GoalBody{ID: g.ID, Level: string(g.Level), Title: g.Title, Description: g.Description, OwnerID: g.OwnerID, Owner: g.OwnerName,
		DepartmentID: g.DepartmentID, Department: g.DepartmentName, Period: g.Period, StartsOn: g.StartsOn, EndsOn: g.EndsOn,
		Status: string(g.Status), Progress: g.Progress}
	for _, p := range g.Parents {
		b.Parents = append(b.Parents, ParentBody{GoalID: p.ParentGoalID, ObjectiveID: p.ObjectiveID, Title: p.Title, Weight: p.Weight})
	}
	for _, p := range g.Contributors {
		b.Contributors = append(b.Contributors, personBody(p))
	}
	for _, k := range g.KeyResults {
		b.KeyResults = append(b.KeyResults, keyResultBody(k))
	}
	for _, c := range g.Children {
		b.Children = append(b.Children, goalChildBody(c))
	}
	for _, u := range g.Updates {
		b.Updates = append(b.Updates, UpdateBody{Author: u.AuthorName, Status: string(u.Status), Progress: u.Progress, Comment: u.Comment, CreatedAt: u.CreatedAt})
	}
	return b
}

// GoalRequest creates or changes a goal.
type GoalRequest struct {
	Level        string          `json:"level"`
	Title        string          `json:"title"`
	Description  string          `json:"description"`
	OwnerID      int64           `json:"owner_id"`
	Period       string          `json:"period"`
	StartsOn     string          `json:"starts_on"`
	EndsOn       string          `json:"ends_on"`
	Status       string          `json:"status"`
	Parents      []ParentRequest `json:"parents"`
	Contributors []int64         `json:"contributor_ids"`
}

// ParentRequest names a parent goal or objective, with a weight (default 1).
type ParentRequest struct {
	GoalID      int64   `json:"goal_id"`
	ObjectiveID int64   `json:"objective_id"`
	Weight      float64 `json:"weight"`
}

func (q GoalRequest) input() model.GoalInput {
	in := model.GoalInput{Level: model.GoalLevel(q.Level), Title: q.Title, Description: q.Description, OwnerID: q.OwnerID, Period: q.Period,
		StartsOn: q.StartsOn, EndsOn: q.EndsOn, Status: model.GoalStatus(q.Status), Contributors: q.Contributors}
	for _, p := range q.Parents {
		in.Parents = append(in.Parents, model.ParentRef{GoalID: p.GoalID, ObjectiveID: p.ObjectiveID, Weight: p.Weight})
	}
	return in
}

func (h *Handler) goals(w http.ResponseWriter, r *http.Request) {
	a, ok := actor(w, r)
	if !ok {
		return
	}
	q := r.URL.Query()
	page, err := pageOf(r)
	f := model.GoalFilter{Level: model.GoalLevel(q.Get("level")), Period: q.Get("period"), Year: q.Get("year"), Status: model.GoalStatus(q.Get("status")), Query: q.Get("q"), Page: page}
	if err == nil && f.Level != "" && f.Level.Rank() == 0 {
		err = &model.Error{Code: model.CodeInvalid, Message: "level must be department, team or individual.", Fields: map[string]string{"level": "Unknown level."}}
	}
	if err == nil && f.Status != "" && !f.Status.Valid() {
		err = &model.Error{Code: model.CodeInvalid, Message: "status must be on_track, at_risk, off_track or done.", Fields: map[string]string{"status": "Unknown status."}}
	}
	if err == nil {
		if owner, e := idParam(r, "owner_id"); e != nil {
			err = e
		} else if owner != 0 {
			f.OwnerIDs = []int64{owner}
		}
	}
	var l model.List[model.Goal]
	if err == nil {
		l, err = h.core.Goals(r.Context(), a, f)
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusOK, listOf(l, goalBody))
}

func (h *Handler) goal(w http.ResponseWriter, r *http.Request) {
	a, ok := actor(w, r)
	if !ok {
		return
	}
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, model.NotFound("goal"))
		return
	}
	h.writeGoal(w, r, a, id, http.StatusOK)
}

func (h *Handler) writeGoal(w http.ResponseWriter, r *http.Request, a model.Actor, id int64, status int) {
	d, err := h.core.Goal(r.Context(), a, id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	b := goalBody(d.Goal)
	b.CanEdit = &d.CanEdit
	httpx.WriteJSON(w, status, DataBody[GoalBody]{Data: b})
}

func (h *Handler) createGoal(w http.ResponseWriter, r *http.Request) {
	a, ok := actor(w, r)
	if !ok {
		return
	}
	var req GoalRequest
	if err := httpx.DecodeJSON(w, r, &req, 0); err != nil {
		h.fail(w, r, err)
		return
	}
	id, err := h.core.CreateGoal(r.Context(), a, req.input())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.writeGoal(w, r, a, id, http.StatusCreated)
}

func (h *Handler) updateGoal(w http.ResponseWriter, r *http.Request) {
	a, ok := actor(w, r)
	if !ok {
		return
	}
	id, err := pathID(r)
	var req GoalRequest
	if err == nil {
		err = httpx.DecodeJSON(w, r, &req, 0)
	}
	if err == nil {
		err = h.core.UpdateGoal(r.Context(), a, id, req.input())
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.writeGoal(w, r, a, id, http.StatusOK)
}

func (h *Handler) deleteGoal(w http.ResponseWriter, r *http.Request) {
	a, ok := actor(w, r)
	if !ok {
		return
	}
	id, err := pathID(r)
	if err == nil {
		err = h.core.DeleteGoal(r.Context(), a, id)
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// KeyResultRequest creates or changes a key result.
type KeyResultRequest struct {
	Title   string  `json:"title"`
	Kind    string  `json:"kind"`
	Start   float64 `json:"start"`
	Target  float64 `json:"target"`
	Current float64 `json:"current"`
	Unit    string  `json:"unit"`
	Done    bool    `json:"done"`
	Weight  float64 `json:"weight"`
}

func (q KeyResultRequest) input() model.KeyResultInput {
	return model.KeyResultInput{Title: q.Title, Kind: model.KeyResultKind(q.Kind), Start: q.Start, Target: q.Target, Current: q.Current, Unit: q.Unit, Done: q.Done, Weight: q.Weight}
}

func (h *Handler) addKeyResult(w http.ResponseWriter, r *http.Request) {
	a, ok := actor(w, r)
	if !ok {
		return
	}
	id, err := pathID(r)
	var req KeyResultRequest
	if err == nil {
		err = httpx.DecodeJSON(w, r, &req, 0)
	}
	if err == nil {
		_, err = h.core.AddKeyResult(r.Context(), a, id, req.input())
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.writeGoal(w, r, a, id, http.StatusCreated)
}

func (h *Handler) updateKeyResult(w http.ResponseWriter, r *http.Request) {
	a, ok := actor(w, r)
	if !ok {
		return
	}
	id, err := pathID(r)
	var req KeyResultRequest
	if err == nil {
		err = httpx.DecodeJSON(w, r, &req, 0)
	}
	if err == nil {
		err = h.core.UpdateKeyResult(r.Context(), a, id, req.input())
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (h *Handler) deleteKeyResult(w http.ResponseWriter, r *http.Request) {
	a, ok := actor(w, r)
	if !ok {
		return
	}
	id, err := pathID(r)
	if err == nil {
		err = h.core.DeleteKeyResult(r.Context(), a, id)
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// ProgressRequest records progress on a key result: a current value, or done.
type ProgressRequest struct {
	Current *float64 `json:"current"`
	Done    *bool    `json:"done"`
}

func (h *Handler) recordProgress(w http.ResponseWriter, r *http.Request) {
	a, ok := actor(w, r)
	if !ok {
		return
	}
	id, err := pathID(r)
	var req ProgressRequest
	if err == nil {
		err = httpx.DecodeJSON(w, r, &req, 0)
	}
	if err == nil && req.Current == nil && req.Done == nil {
		err = &model.Error{Code: model.CodeInvalid, Message: "Send current or done."}
	}
	var k model.KeyResult
	if err == nil {
		k, err = h.core.RecordProgress(r.Context(), a, id, model.ProgressInput{Current: req.Current, Done: req.Done})
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusOK, DataBody[KeyResultBody]{Data: keyResultBody(k)})
}

// GoalUpdateRequest records a check-in.
type GoalUpdateRequest struct {
	Status  string `json:"status"`
	Comment string `json:"comment"`
}

func (h *Handler) addGoalUpdate(w http.ResponseWriter, r *http.Request) {
	a, ok := actor(w, r)
	if !ok {
		return
	}
	id, err := pathID(r)
	var req GoalUpdateRequest
	if err == nil {
		err = httpx.DecodeJSON(w, r, &req, 0)
	}
	if err == nil {
		err = h.core.AddGoalUpdate(r.Context(), a, id, model.GoalUpdateInput{Status: model.GoalStatus(req.Status), Comment: req.Comment})
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.writeGoal(w, r, a, id, http.StatusCreated)
}

// GoalImportBody reports an import of goals.
type GoalImportBody struct {
	Created int `json:"goals_created"`
}

func (h *Handler) importGoals(w http.ResponseWriter, r *http.Request) {
	a, ok := actor(w, r)
	if !ok {
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, csvio.MaxFileBytes)
	b, err := csvio.ReadGoals(r.Body)
	var n int
	if err == nil {
		n, err = h.core.ImportGoals(r.Context(), a, b)
	}
	var ie *model.ImportError
	if errors.As(err, &ie) && model.ErrorCodeOf(err) == model.CodeInternal {
		err = ie.AsError()
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusCreated, DataBody[GoalImportBody]{Data: GoalImportBody{Created: n}})
}

// LineOfSightBody is a person's line of sight.
type LineOfSightBody struct {
	Person     PersonBody      `json:"person"`
	Purpose    *PurposeBody    `json:"purpose,omitempty"`
	Objectives []SightObjBody  `json:"objectives"`
	Unlinked   []SightGoalBody `json:"unlinked"`
	Own        int             `json:"own_goals"`
	Team       int             `json:"team_goals"`
	Linked     int             `json:"linked_goals"`
}

// SightObjBody is an objective in a line of sight.
type SightObjBody struct {
	Objective ObjectiveBody   `json:"objective"`
	Goals     []SightGoalBody `json:"goals"`
}

// SightGoalBody is a goal in a line-of-sight tree.
type SightGoalBody struct {
	ID       int64           `json:"id"`
	Title    string          `json:"title"`
	Level    string          `json:"level"`
	Owner    string          `json:"owner,omitempty"`
	Status   string          `json:"status"`
	Progress float64         `json:"progress"`
	Mine     bool            `json:"mine"`
	Team     bool            `json:"team"`
	Weight   float64         `json:"weight"`
	Children []SightGoalBody `json:"children"`
}

func sightGoal(s model.SightGoal) SightGoalBody {
	b := SightGoalBody{ID: s.Goal.ID, Title: s.Goal.Title, Level: string(s.Goal.Level), Owner: s.Goal.OwnerName, Status: string(s.Goal.Status),
		Progress: s.Goal.Progress, Mine: s.Mine, Team: s.Team, Weight: s.Weight, Children: []SightGoalBody{}}
	for _, c := range s.Children {
		b.Children = append(b.Children, sightGoal(c))
	}
	return b
}

func (h *Handler) lineOfSight(w http.ResponseWriter, r *http.Request) {
	a, ok := actor(w, r)
	if !ok {
		return
	}
	person, err := idParam(r, "person_id")
	if person == 0 {
		person = a.PersonID
	}
	year, yerr := h.yearParam(r)
	if err == nil {
		err = yerr
	}
	if err == nil && person == 0 {
		err = &model.Error{Code: model.CodeInvalid, Message: "Name a person_id: this account is not linked to a person.", Fields: map[string]string{"person_id": "Required."}}
	}
	var los model.LineOfSight
	if err == nil {
		los, err = h.core.LineOfSight(r.Context(), a, person, year)
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	b := LineOfSightBody{Person: personBody(los.Person), Objectives: []SightObjBody{}, Unlinked: []SightGoalBody{}, Own: los.Own, Team: los.Team, Linked: los.Linked}
	if los.Purpose != nil {
		p := purposeBody(*los.Purpose)
		b.Purpose = &p
	}
	for _, o := range los.Objectives {
		so := SightObjBody{Objective: objectiveBody(o.Objective), Goals: []SightGoalBody{}}
		for _, g := range o.Goals {
			so.Goals = append(so.Goals, sightGoal(g))
		}
		b.Objectives = append(b.Objectives, so)
	}
	for _, g := range los.Unlinked {
		b.Unlinked = append(b.Unlinked, sightGoal(g))
	}
	httpx.WriteJSON(w, http.StatusOK, DataBody[LineOfSightBody]{Data: b})
}

// StrategyBody shows where the strategy has no one working on it.
type StrategyBody struct {
	Year        string           `json:"year"`
	Unstaffed   []ObjectiveBody  `json:"unstaffed_objectives"`
	Objectives  []ObjectiveBody  `json:"objectives"`
	Orphans     []DeptOrphanBody `json:"orphan_goals_by_department"`
	GoalCount   int              `json:"goals"`
	OrphanCount int              `json:"orphan_goals"`
}

// DeptOrphanBody lists one department's goals that reach no objective.
type DeptOrphanBody struct {
	Department string          `json:"department"`
	Goals      []GoalChildBody `json:"goals"`
	Individual int             `json:"individual_goals"`
	Total      int             `json:"department_goals_total"`
}

func (h *Handler) strategy(w http.ResponseWriter, r *http.Request) {
	a, ok := actor(w, r)
	if !ok {
		return
	}
	year, err := h.yearParam(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	v, err := h.core.Strategy(r.Context(), a, year)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	b := StrategyBody{Year: v.Year, Unstaffed: []ObjectiveBody{}, Objectives: []ObjectiveBody{}, Orphans: []DeptOrphanBody{}, GoalCount: v.GoalCount, OrphanCount: v.OrphanCount}
	for _, o := range v.Unstaffed {
		b.Unstaffed = append(b.Unstaffed, objectiveBody(o))
	}
	for _, o := range v.Objectives {
		b.Objectives = append(b.Objectives, objectiveBody(o))
	}
	for _, d := range v.Orphans {
		ob := DeptOrphanBody{Department: d.Department, Individual: d.Individual, Total: d.Total, Goals: []GoalChildBody{}}
		for _, g := range d.Goals {
			ob.Goals = append(ob.Goals, GoalChildBody{ID: g.ID, Title: g.Title, Level: string(g.Level), OwnerID: g.OwnerID, Owner: g.OwnerName, Status: string(g.Status), Progress: g.Progress})
		}
		b.Orphans = append(b.Orphans, ob)
	}
	httpx.WriteJSON(w, http.StatusOK, DataBody[StrategyBody]{Data: b})
}
