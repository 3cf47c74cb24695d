package web

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"throughline/internal/core"
	"throughline/internal/csvio"
	"throughline/internal/httpx"
	"throughline/internal/model"
)

// GoalsPage lists goals.
type GoalsPage struct {
	Page
	View    string // mine, team, all
	Year    string
	Level   model.GoalLevel
	Status  model.GoalStatus
	Query   string
	Results model.List[model.Goal]
	HasTeam bool
}

func (h *Handler) goals(w http.ResponseWriter, r *http.Request) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	ctx := r.Context()
	q := r.URL.Query()
	p := &GoalsPage{Page: Page{Title: "Goals", Section: "goals"}, View: q.Get("view"), Year: q.Get("year"),
		Level: model.GoalLevel(q.Get("level")), Status: model.GoalStatus(q.Get("status")), Query: strings.TrimSpace(q.Get("q"))}
	if len(p.Year) != 4 {
		p.Year = strconv.Itoa(h.core.Now().Year())
	}
	f := model.GoalFilter{Year: p.Year, Level: p.Level, Status: p.Status, Query: p.Query, Page: model.Page{Limit: 50, Offset: queryInt(r, "offset", 0)}}
	if p.Level.Rank() == 0 {
		f.Level, p.Level = "", ""
	}
	if !p.Status.Valid() {
		f.Status, p.Status = "", ""
	}
	var team []int64
	if actor.PersonID != 0 {
		t, err := h.core.Team(ctx, actor, actor.PersonID)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		for _, m := range t.Members {
			team = append(team, m.ID)
		}
		p.HasTeam = len(team) > 0
	}
	switch {
	case p.View == "all":
	case p.View == "team" && p.HasTeam:
		f.OwnerIDs = team
	case actor.PersonID != 0:
		p.View = "mine"
		f.OwnerIDs = []int64{actor.PersonID}
	default:
		p.View = "all"
	}
	var err error
	if p.Results, err = h.core.Goals(ctx, actor, f); err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "goals", p)
}

// GoalFormPage creates or edits a goal.
type GoalFormPage struct {
	Page
	ID      int64
	Form    Form
	Choices core.GoalChoices
	Levels  []model.GoalLevel
	Status  []model.GoalStatus
	Slots   []int
}

// parentSlots is how many alignments a form offers.
const parentSlots = 3

func goalInput(r *http.Request) model.GoalInput {
	owner, _ := strconv.ParseInt(r.PostForm.Get("owner_id"), 10, 64)
	in := model.GoalInput{Level: model.GoalLevel(r.PostForm.Get("level")), Title: r.PostForm.Get("title"), Description: r.PostForm.Get("description"),
		OwnerID: owner, Period: r.PostForm.Get("period"), StartsOn: r.PostForm.Get("starts_on"), EndsOn: r.PostForm.Get("ends_on"),
		Status: model.GoalStatus(r.PostForm.Get("status"))}
	for i := 1; i <= parentSlots; i++ {
		k := strconv.Itoa(i)
		ref := r.PostForm.Get("parent_" + k)
		kind, idText, ok := strings.Cut(ref, ":")
		id, err := strconv.ParseInt(idText, 10, 64)
		if !ok || err != nil || id <= 0 {
			continue
		}
		weight, err := strconv.ParseFloat(strings.TrimSpace(r.PostForm.Get("weight_"+k)), 64)
		if err != nil {
			weight = 1
		}
		switch kind {
		case "o":
			in.Parents = append(in.Parents, model.ParentRef{ObjectiveID: id, Weight: weight})
		case "g":
			in.Parents = append(in.Parents, model.ParentRef{GoalID: id, Weight: weight})
		}
	}
	for _, s := range r.PostForm["contributors"] {
		if id, err := strconv.ParseInt(s, 10, 64); err == nil && id > 0 {
			in.Contributors = append(in.Contributors, id)
		}
	}
	return in
}

func (h *Handler) goalForm(w http.ResponseWriter, r *http.Request, status int, id int64, form Form) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	year := strconv.Itoa(h.core.Now().Year())
	if p := form.Value("period"); len(p) >= 4 {
		year = p[:4]
	}
	ch, err := h.core.GoalChoices(r.Context(), actor, year)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	title := "New goal"
	if id != 0 {
		title = "Edit goal"
	}
	slots := make([]int, parentSlots)
	for i := range slots {
		slots[i] = i + 1
	}
	h.render(w, r, status, "goal_form", &GoalFormPage{Page: Page{Title: title, Section: "goals"}, ID: id, Form: form, Choices: ch,
		Levels: model.GoalLevels, Status: model.GoalStatuses, Slots: slots})
}

func (h *Handler) goalNew(w http.ResponseWriter, r *http.Request) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	level := "individual"
	if actor.Is(model.RoleManager) {
		level = "team"
	}
	if actor.Is(model.RoleExecutive) {
		level = "department"
	}
	v := map[string][]string{"level": {level}, "owner_id": {itoa(actor.PersonID)}, "period": {model.CurrentQuarter(h.core.Now())}, "status": {"on_track"}, "weight_1": {"1"}}
	if parent := r.URL.Query().Get("parent"); parent != "" {
		v["parent_1"] = []string{parent}
	}
	h.goalForm(w, r, http.StatusOK, 0, Form{Values: v})
}

func (h *Handler) goalCreate(w http.ResponseWriter, r *http.Request) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	if err := parseForm(w, r); err != nil {
		h.fail(w, r, err)
		return
	}
	id, err := h.core.CreateGoal(r.Context(), actor, goalInput(r))
	if model.ErrorCodeOf(err) == model.CodeInvalid {
		h.goalForm(w, r, http.StatusUnprocessableEntity, 0, formFrom(r, err))
		return
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.redirect(w, r, "/goals/"+itoa(id), "success", "Goal created. Add its key results below.")
}

func (h *Handler) goalEdit(w http.ResponseWriter, r *http.Request) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	id, err := pathID(r, "id")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	g, err := h.core.Goal(r.Context(), actor, id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if !g.CanEdit {
		h.fail(w, r, model.Forbidden())
		return
	}
	v := map[string][]string{"level": {string(g.Level)}, "title": {g.Title}, "description": {g.Description}, "owner_id": {itoa(g.OwnerID)},
		"period": {g.Period}, "starts_on": {g.StartsOn}, "ends_on": {g.EndsOn}, "status": {string(g.Status)}}
	for i, p := range g.Parents {
		if i >= parentSlots {
			break
		}
		k := strconv.Itoa(i + 1)
		if p.ObjectiveID != 0 {
			v["parent_"+k] = []string{"o:" + itoa(p.ObjectiveID)}
		} else {
			v["parent_"+k] = []string{"g:" + itoa(p.ParentGoalID)}
		}
		v["weight_"+k] = []string{strconv.FormatFloat(p.Weight, 'f', -1, 64)}
	}
	for _, c := range g.Contributors {
		v["contributors"] = append(v["contributors"], itoa(c.ID))
	}
	h.goalForm(w, r, http.StatusOK, id, Form{Values: v})
}

func (h *Handler) goalUpdate(w http.ResponseWriter, r *http.Request) {
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
	err = h.core.UpdateGoal(r.Context(), actor, id, goalInput(r))
	if model.ErrorCodeOf(err) == model.CodeInvalid {
		h.goalForm(w, r, http.StatusUnprocessableEntity, id, formFrom(r, err))
		return
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.redirect(w, r, "/goals/"+itoa(id), "success", "Goal saved.")
}

func (h *Handler) goalDelete(w http.ResponseWriter, r *http.Request) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	id, err := pathID(r, "id")
	if err == nil {
		err = h.core.DeleteGoal(r.Context(), actor, id)
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.redirect(w, r, "/goals", "success", "Goal deleted.")
}

// GoalPage is one goal.
type GoalPage struct {
	Page
	core.GoalDetail
	KRForm     Form
	UpdateForm Form
	Statuses   []model.GoalStatus
}

func (h *Handler) goalPage(w http.ResponseWriter, r *http.Request, status int, krForm, updForm Form) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	id, err := pathID(r, "id")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	g, err := h.core.Goal(r.Context(), actor, id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if updForm.Values == nil {
		updForm.Values = map[string][]string{"status": {string(g.Status)}}
	}
	if krForm.Values == nil {
		krForm.Values = map[string][]string{"kind": {"measured"}, "weight": {"1"}, "start": {"0"}}
	}
	h.render(w, r, status, "goal", &GoalPage{Page: Page{Title: g.Title, Section: "goals"}, GoalDetail: g, KRForm: krForm, UpdateForm: updForm, Statuses: model.GoalStatuses})
}

func (h *Handler) goal(w http.ResponseWriter, r *http.Request) {
	h.goalPage(w, r, http.StatusOK, Form{}, Form{})
}

func parseNumber(s string) (float64, bool) {
	v, err := strconv.ParseFloat(strings.ReplaceAll(strings.TrimSpace(s), ",", ""), 64)
	return v, err == nil
}

func (h *Handler) keyResultAdd(w http.ResponseWriter, r *http.Request) {
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
	in := model.KeyResultInput{Title: r.PostForm.Get("title"), Kind: model.KeyResultKind(r.PostForm.Get("kind")), Unit: r.PostForm.Get("unit")}
	var v model.Validator
	num := func(field string) float64 {
		s := r.PostForm.Get(field)
		if strings.TrimSpace(s) == "" {
			return 0
		}
		x, ok := parseNumber(s)
		v.Check(ok, field, "Enter a number.")
		return x
	}
	in.Weight = num("weight")
	if in.Kind == model.KRMeasured {
		in.Start, in.Target = num("start"), num("target")
		in.Current = in.Start
		if strings.TrimSpace(r.PostForm.Get("current")) != "" {
			in.Current = num("current")
		}
	}
	err = v.Err()
	if err == nil {
		_, err = h.core.AddKeyResult(r.Context(), actor, id, in)
	}
	if model.ErrorCodeOf(err) == model.CodeInvalid {
		h.goalPage(w, r, http.StatusUnprocessableEntity, formFrom(r, err), Form{})
		return
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.redirect(w, r, "/goals/"+itoa(id)+"#key-results", "success", "Key result added.")
}

func (h *Handler) keyResultProgress(w http.ResponseWriter, r *http.Request) {
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
	var in model.ProgressInput
	if s := r.PostForm.Get("current"); s != "" {
		v, ok := parseNumber(s)
		if !ok {
			h.redirect(w, r, "/goals/"+r.PostForm.Get("goal")+"#key-results", "error", "Enter the current value as a number.")
			return
		}
		in.Current = &v
	}
	if _, present := r.PostForm["done"]; present {
		done := r.PostForm.Get("done") == "1"
		in.Done = &done
	}
	k, err := h.core.RecordProgress(r.Context(), actor, id, in)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.redirect(w, r, "/goals/"+itoa(k.GoalID)+"#key-results", "success", "Progress recorded. The goals above it are updated too.")
}

func (h *Handler) keyResultDelete(w http.ResponseWriter, r *http.Request) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	id, err := pathID(r, "id")
	if err == nil {
		err = parseForm(w, r)
	}
	if err == nil {
		err = h.core.DeleteKeyResult(r.Context(), actor, id)
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.redirect(w, r, "/goals/"+r.PostForm.Get("goal")+"#key-results", "success", "Key result removed.")
}

func (h *Handler) goalCheckIn(w http.ResponseWriter, r *http.Request) {
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
	err = h.core.AddGoalUpdate(r.Context(), actor, id, model.GoalUpdateInput{Status: model.GoalStatus(r.PostForm.Get("status")), Comment: r.PostForm.Get("comment")})
	if model.ErrorCodeOf(err) == model.CodeInvalid {
		h.goalPage(w, r, http.StatusUnprocessableEntity, Form{}, formFrom(r, err))
		return
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.redirect(w, r, "/goals/"+itoa(id)+"#updates", "success", "Check-in recorded.")
}

// LineOfSightPage is one person's line of sight.
type LineOfSightPage struct {
	Page
	model.LineOfSight
	Year string
}

func (h *Handler) lineOfSight(w http.ResponseWriter, r *http.Request) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	person := queryID(r, "person")
	if person == 0 {
		person = actor.PersonID
	}
	if person == 0 {
		h.fail(w, r, &model.Error{Code: model.CodeNotFound, Message: "Your account is not linked to a person; open someone's line of sight from their page."})
		return
	}
	year := r.URL.Query().Get("year")
	if len(year) != 4 {
		year = strconv.Itoa(h.core.Now().Year())
	}
	los, err := h.core.LineOfSight(r.Context(), actor, person, year)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	title := "Your line of sight"
	if person != actor.PersonID {
		title = "Line of sight of " + los.Person.Name
	}
	h.render(w, r, http.StatusOK, "line_of_sight", &LineOfSightPage{Page: Page{Title: title, Section: "sight"}, LineOfSight: los, Year: year})
}

// GoalImportPage uploads goals and key results.
type GoalImportPage struct {
	Page
	Lines   []model.LineError
	Message string
	Form    Form
}

func (h *Handler) goalImportForm(w http.ResponseWriter, r *http.Request) {
	if _, ok := h.requireActor(w, r); !ok {
		return
	}
	h.render(w, r, http.StatusOK, "goal_import", &GoalImportPage{Page: Page{Title: "Import goals", Section: "goals"}})
}

func (h *Handler) goalImport(w http.ResponseWriter, r *http.Request) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, csvio.MaxFileBytes+1<<20)
	p := &GoalImportPage{Page: Page{Title: "Import goals", Section: "goals"}}
	file, _, err := r.FormFile("file")
	if err != nil {
		if _, big := httpx.TooLarge(err); big {
			h.fail(w, r, model.TooLarge("file", csvio.MaxFileBytes))
			return
		}
		p.Form = Form{Errors: map[string]string{"file": "Choose a CSV file to upload."}}
		h.render(w, r, http.StatusUnprocessableEntity, "goal_import", p)
		return
	}
	defer file.Close()
	batch, err := csvio.ReadGoals(file)
	var n int
	if err == nil {
		n, err = h.core.ImportGoals(r.Context(), actor, batch)
	}
	var ie *model.ImportError
	if errors.As(err, &ie) {
		p.Lines, p.Message = ie.Lines, "The file was not imported: nothing was changed."
		h.render(w, r, http.StatusUnprocessableEntity, "goal_import", p)
		return
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.redirect(w, r, "/goals?view=all", "success", strconv.Itoa(n)+" goals imported with their key results.")
}
