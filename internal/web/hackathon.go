package web

import (
	"net/http"

	"throughline/internal/core"
	"throughline/internal/model"
)

// HackathonsPage lists the hackathons.
type HackathonsPage struct {
	Page
	Hackathons  []model.Hackathon
	CanOrganize bool
}

func (h *Handler) hackathons(w http.ResponseWriter, r *http.Request) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	hs, err := h.core.Hackathons(r.Context(), actor, model.HackathonFilter{})
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "hackathons", &HackathonsPage{Page: Page{Title: "Hackathons", Section: "collab"}, Hackathons: hs,
		CanOrganize: actor.Is(model.RoleExecutive, model.RoleHR, model.RoleAdmin)})
}

// HackathonPage is one hackathon.
type HackathonPage struct {
	Page
	core.HackathonDetail
	Forms      map[string]Form
	Objectives []model.Objective
	Phases     []model.HackathonStatus
	Results    *model.HackathonResults
}

// MyTeam is the viewer's team, if any.
func (p *HackathonPage) MyTeam() *model.HackTeam {
	for i := range p.Teams {
		if p.Teams[i].ID == p.MyTeamID {
			return &p.Teams[i]
		}
	}
	return nil
}

// NextPhase is the phase an organizer can move to next.
func (p *HackathonPage) NextPhase() model.HackathonStatus {
	r := p.Status.Rank()
	if r == 0 || r >= len(model.HackathonStatuses) {
		return ""
	}
	return model.HackathonStatuses[r]
}

func (h *Handler) hackathonPage(w http.ResponseWriter, r *http.Request, status int, forms map[string]Form) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	id, err := pathID(r, "id")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	d, err := h.core.Hackathon(r.Context(), actor, id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	p := &HackathonPage{Page: Page{Title: d.Title, Section: "collab"}, HackathonDetail: d, Forms: forms, Phases: model.HackathonStatuses}
	if d.CanOrganize {
		if p.Objectives, err = h.core.Objectives(r.Context(), actor); err != nil {
			h.fail(w, r, err)
			return
		}
	}
	if d.Status == model.HackFinished {
		res, err := h.core.HackathonResults(r.Context(), actor, id)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		p.Results = &res
	}
	h.render(w, r, status, "hackathon", p)
}

func (h *Handler) hackathon(w http.ResponseWriter, r *http.Request) {
	h.hackathonPage(w, r, http.StatusOK, nil)
}

// HackathonFormPage creates or edits a hackathon.
type HackathonFormPage struct {
	Page
	ID     int64
	Form   Form
	People core.PeopleChoices
}

func hackathonInput(r *http.Request, v *model.Validator) model.HackathonInput {
	msg := "Enter a whole number."
	weight := "Enter a weight such as 30."
	return model.HackathonInput{Title: r.PostForm.Get("title"), Theme: r.PostForm.Get("theme"), Description: r.PostForm.Get("description"),
		StartsOn: r.PostForm.Get("starts_on"), EndsOn: r.PostForm.Get("ends_on"), VotesCloseOn: r.PostForm.Get("votes_close_on"),
		TeamMin: formIntChecked(r, "team_min", v, msg), TeamMax: formIntChecked(r, "team_max", v, msg), JudgeIDs: formIDs(r, "judge_ids"),
		Weights: model.Rubric{Impact: formFloatChecked(r, "weight_impact", v, weight), Feasibility: formFloatChecked(r, "weight_feasibility", v, weight),
			Alignment: formFloatChecked(r, "weight_alignment", v, weight), Innovation: formFloatChecked(r, "weight_innovation", v, weight)}}
}

func (h *Handler) hackathonForm(w http.ResponseWriter, r *http.Request, status int, id int64, form Form) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	if !actor.Is(model.RoleExecutive, model.RoleHR, model.RoleAdmin) {
		h.fail(w, r, model.Forbidden())
		return
	}
	people, ok := h.peopleChoices(w, r, actor)
	if !ok {
		return
	}
	title := "New hackathon"
	if id != 0 {
		title = "Edit hackathon"
	}
	h.render(w, r, status, "hackathon_form", &HackathonFormPage{Page: Page{Title: title, Section: "collab"}, ID: id, Form: form, People: people})
}

func (h *Handler) hackathonNew(w http.ResponseWriter, r *http.Request) {
	now := h.core.Now()
	h.hackathonForm(w, r, http.StatusOK, 0, Form{Values: map[string][]string{"team_min": {"2"}, "team_max": {"5"},
		"starts_on": {now.AddDate(0, 0, 30).Format("2006-01-02")}, "ends_on": {now.AddDate(0, 0, 31).Format("2006-01-02")},
		"votes_close_on": {now.AddDate(0, 0, 38).Format("2006-01-02")},
		"weight_impact":  {"30"}, "weight_feasibility": {"20"}, "weight_alignment": {"30"}, "weight_innovation": {"20"}}})
}

func (h *Handler) hackathonCreate(w http.ResponseWriter, r *http.Request) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	if err := parseForm(w, r); err != nil {
		h.fail(w, r, err)
		return
	}
	var v model.Validator
	in := hackathonInput(r, &v)
	var id int64
	err := v.Err()
	if err == nil {
		id, err = h.core.CreateHackathon(r.Context(), actor, in)
	}
	h.finish(w, r, withFields(&v, err), func(f Form) { h.hackathonForm(w, r, http.StatusUnprocessableEntity, 0, f) },
		"/hackathons/"+itoa(id)+"#challenges", "Hackathon created. Add its challenges next.")
}

func (h *Handler) hackathonEdit(w http.ResponseWriter, r *http.Request) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	id, err := pathID(r, "id")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	d, err := h.core.Hackathon(r.Context(), actor, id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	wt := func(x float64) []string { return []string{formatNum(x * 100 / max(d.Weights.Total(), 1e-9))} }
	v := map[string][]string{"title": {d.Title}, "theme": {d.Theme}, "description": {d.Description}, "starts_on": {d.StartsOn}, "ends_on": {d.EndsOn},
		"votes_close_on": {unixDay(d.VotesCloseAt)}, "team_min": {itoa(int64(d.TeamMin))}, "team_max": {itoa(int64(d.TeamMax))},
		"weight_impact": wt(d.Weights.Impact), "weight_feasibility": wt(d.Weights.Feasibility), "weight_alignment": wt(d.Weights.Alignment), "weight_innovation": wt(d.Weights.Innovation)}
	for _, j := range d.Judges {
		v["judge_ids"] = append(v["judge_ids"], itoa(j.ID))
	}
	h.hackathonForm(w, r, http.StatusOK, id, Form{Values: v})
}

func (h *Handler) hackathonUpdate(w http.ResponseWriter, r *http.Request) {
	actor, id, ok := h.begin(w, r)
	if !ok {
		return
	}
	var v model.Validator
	in := hackathonInput(r, &v)
	err := v.Err()
	if err == nil {
		err = h.core.UpdateHackathon(r.Context(), actor, id, in)
	}
	h.finish(w, r, withFields(&v, err), func(f Form) { h.hackathonForm(w, r, http.StatusUnprocessableEntity, id, f) }, "/hackathons/"+itoa(id), "Hackathon saved.")
}

func (h *Handler) hackathonAddChallenge(w http.ResponseWriter, r *http.Request) {
	actor, id, ok := h.begin(w, r)
	if !ok {
		return
	}
	_, err := h.core.AddChallenge(r.Context(), actor, id, model.ChallengeInput{Title: r.PostForm.Get("title"), Description: r.PostForm.Get("description"), ObjectiveID: formID(r, "objective_id")})
	h.finish(w, r, err, func(f Form) { h.hackathonPage(w, r, http.StatusUnprocessableEntity, map[string]Form{"challenge": f}) },
		"/hackathons/"+itoa(id)+"#challenges", "Challenge added.")
}

func (h *Handler) hackathonPhase(w http.ResponseWriter, r *http.Request) {
	actor, id, ok := h.begin(w, r)
	if !ok {
		return
	}
	to := model.HackathonStatus(r.PostForm.Get("status"))
	err := h.core.AdvanceHackathon(r.Context(), actor, id, to)
	h.finish(w, r, err, nil, "/hackathons/"+itoa(id), "The hackathon moved to: "+to.Label()+".")
}

func (h *Handler) hackathonRegister(w http.ResponseWriter, r *http.Request) {
	actor, id, ok := h.begin(w, r)
	if !ok {
		return
	}
	err := h.core.RegisterForHackathon(r.Context(), actor, id)
	h.finish(w, r, err, nil, "/hackathons/"+itoa(id)+"#teams", "You are registered. Join a team or start one.")
}

func (h *Handler) hackathonUnregister(w http.ResponseWriter, r *http.Request) {
	actor, id, ok := h.begin(w, r)
	if !ok {
		return
	}
	err := h.core.UnregisterFromHackathon(r.Context(), actor, id)
	h.finish(w, r, err, nil, "/hackathons/"+itoa(id), "You are no longer registered.")
}

// TeamFormPage registers a team, with suggested members from other departments.
type TeamFormPage struct {
	Page
	core.TeamSuggestions
	Form Form
}

func (h *Handler) hackTeamForm(w http.ResponseWriter, r *http.Request, status int, form Form) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	id, err := pathID(r, "id")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	s, err := h.core.TeamSuggestions(r.Context(), actor, id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if form.Values == nil && len(s.Challenges) > 0 {
		form.Values = map[string][]string{"challenge_id": {itoa(s.Challenges[0].ID)}}
	}
	h.render(w, r, status, "hack_team_form", &TeamFormPage{Page: Page{Title: "Register a team", Section: "collab"}, TeamSuggestions: s, Form: form})
}

func (h *Handler) hackTeamNew(w http.ResponseWriter, r *http.Request) {
	h.hackTeamForm(w, r, http.StatusOK, Form{})
}

func (h *Handler) hackTeamCreate(w http.ResponseWriter, r *http.Request) {
	actor, id, ok := h.begin(w, r)
	if !ok {
		return
	}
	tid, err := h.core.CreateTeam(r.Context(), actor, id, model.TeamInput{Name: r.PostForm.Get("name"), ChallengeID: formID(r, "challenge_id"), MemberIDs: formIDs(r, "member_ids")})
	h.finish(w, r, err, func(f Form) { h.hackTeamForm(w, r, http.StatusUnprocessableEntity, f) }, "/hackathon-teams/"+itoa(tid), "Your team is registered.")
}

// HackTeamPage is a hackathon team with its submission.
type HackTeamPage struct {
	Page
	core.TeamDetail
	Form Form
}

func (h *Handler) hackTeamPage(w http.ResponseWriter, r *http.Request, status int, form Form) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	id, err := pathID(r, "id")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	d, err := h.core.HackTeam(r.Context(), actor, id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if form.Values == nil && d.Team.Submission != nil {
		s := d.Team.Submission
		links := ""
		for i, l := range s.Links {
			if i > 0 {
				links += "\n"
			}
			links += l
		}
		form.Values = map[string][]string{"title": {s.Title}, "description": {s.Description}, "links": {links}, "impact_hypothesis": {s.ImpactHypothesis}}
	}
	h.render(w, r, status, "hack_team", &HackTeamPage{Page: Page{Title: d.Team.Name, Section: "collab"}, TeamDetail: d, Form: form})
}

func (h *Handler) hackTeam(w http.ResponseWriter, r *http.Request) {
	h.hackTeamPage(w, r, http.StatusOK, Form{})
}

func (h *Handler) hackTeamJoin(w http.ResponseWriter, r *http.Request) {
	actor, id, ok := h.begin(w, r)
	if !ok {
		return
	}
	err := h.core.JoinTeam(r.Context(), actor, id)
	h.finish(w, r, err, nil, "/hackathon-teams/"+itoa(id), "You joined the team.")
}

func (h *Handler) hackTeamLeave(w http.ResponseWriter, r *http.Request) {
	actor, id, ok := h.begin(w, r)
	if !ok {
		return
	}
	err := h.core.LeaveTeam(r.Context(), actor, id)
	h.finish(w, r, err, nil, "/hackathon-teams/"+itoa(id), "You left the team; you are still registered.")
}

func (h *Handler) hackTeamSubmit(w http.ResponseWriter, r *http.Request) {
	actor, id, ok := h.begin(w, r)
	if !ok {
		return
	}
	_, err := h.core.SaveSubmission(r.Context(), actor, id, model.SubmissionInput{Title: r.PostForm.Get("title"), Description: r.PostForm.Get("description"),
		Links: r.PostForm.Get("links"), ImpactHypothesis: r.PostForm.Get("impact_hypothesis")})
	h.finish(w, r, err, func(f Form) { h.hackTeamPage(w, r, http.StatusUnprocessableEntity, f) }, "/hackathon-teams/"+itoa(id)+"#submission", "Submission saved. You can change it until judging starts.")
}

// JudgingPage is a judge's scoring sheet.
type JudgingPage struct {
	Page
	core.JudgingSheet
	Forms map[int64]Form
	Scale []int
}

// Criterion is one criterion of the rubric on the judging sheet.
type Criterion struct{ Name, Label string }

// Criteria lists the rubric's criteria in order.
func (p *JudgingPage) Criteria() []Criterion {
	return []Criterion{{"impact", "Impact"}, {"feasibility", "Feasibility"}, {"alignment", "Purpose alignment"}, {"innovation", "Innovation"}}
}

func (h *Handler) judgingPage(w http.ResponseWriter, r *http.Request, status int, forms map[int64]Form) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	id, err := pathID(r, "id")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	s, err := h.core.JudgingSheet(r.Context(), actor, id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if forms == nil {
		forms = map[int64]Form{}
	}
	for _, row := range s.Rows {
		if _, ok := forms[row.Submission.ID]; !ok && row.Score != nil {
			forms[row.Submission.ID] = Form{Values: map[string][]string{"impact": {itoa(int64(row.Score.Impact))}, "feasibility": {itoa(int64(row.Score.Feasibility))},
				"alignment": {itoa(int64(row.Score.Alignment))}, "innovation": {itoa(int64(row.Score.Innovation))}, "comment": {row.Score.Comment}}}
		}
	}
	h.render(w, r, status, "judging", &JudgingPage{Page: Page{Title: "Judging: " + s.Hackathon.Title, Section: "collab"}, JudgingSheet: s, Forms: forms, Scale: []int{1, 2, 3, 4, 5}})
}

func (h *Handler) judging(w http.ResponseWriter, r *http.Request) {
	h.judgingPage(w, r, http.StatusOK, nil)
}

func (h *Handler) scoreSubmission(w http.ResponseWriter, r *http.Request) {
	actor, id, ok := h.begin(w, r)
	if !ok {
		return
	}
	var v model.Validator
	in := model.ScoreInput{Comment: r.PostForm.Get("comment")}
	for _, c := range []struct {
		name string
		dst  *int
	}{{"impact", &in.Impact}, {"feasibility", &in.Feasibility}, {"alignment", &in.Alignment}, {"innovation", &in.Innovation}} {
		*c.dst = formIntChecked(r, c.name, &v, "Score from 1 to 5.")
	}
	hid := formID(r, "hackathon")
	err := v.Err()
	if err == nil {
		var scored int64
		if scored, err = h.core.ScoreSubmission(r.Context(), actor, id, in); scored != 0 {
			hid = scored
		}
	}
	err = withFields(&v, err)
	if model.ErrorCodeOf(err) == model.CodeInvalid && hid != 0 {
		r.SetPathValue("id", itoa(hid))
		h.judgingPage(w, r, http.StatusUnprocessableEntity, map[int64]Form{id: formFrom(r, err)})
		return
	}
	h.finish(w, r, err, nil, "/hackathons/"+itoa(hid)+"/judging#sub-"+itoa(id), "Scores saved.")
}

func (h *Handler) hackathonVote(w http.ResponseWriter, r *http.Request) {
	actor, id, ok := h.begin(w, r)
	if !ok {
		return
	}
	var err error
	msg := "Your vote is in. You can change it until voting closes."
	if r.PostForm.Get("withdraw") == "1" {
		err = h.core.WithdrawVote(r.Context(), actor, id)
		msg = "Your vote was withdrawn."
	} else {
		err = h.core.Vote(r.Context(), actor, id, formID(r, "submission_id"))
	}
	h.finish(w, r, err, nil, "/hackathons/"+itoa(id)+"#vote", msg)
}

// ResultsPage shows a hackathon's standings and, for organizers, the winners form.
type ResultsPage struct {
	Page
	model.HackathonResults
	CanOrganize bool
	Form        Form
}

// PlaceLabels name the places the winners form offers.
func (p *ResultsPage) PlaceLabels() []string {
	return []string{"Winner", "Second place", "Third place"}
}

func (h *Handler) resultsPage(w http.ResponseWriter, r *http.Request, status int, form Form) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	id, err := pathID(r, "id")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	res, err := h.core.HackathonResults(r.Context(), actor, id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if form.Values == nil {
		form.Values = map[string][]string{}
		for _, x := range res.Results {
			if x.Submission.Place > 0 {
				form.Values["place_"+itoa(int64(x.Submission.Place))] = []string{itoa(x.Submission.ID)}
			}
		}
		if len(form.Values) == 0 {
			for i, x := range res.Results {
				if i < 3 && x.Judges > 0 {
					form.Values["place_"+itoa(int64(i+1))] = []string{itoa(x.Submission.ID)}
				}
			}
		}
	}
	h.render(w, r, status, "hack_results", &ResultsPage{Page: Page{Title: "Results: " + res.Hackathon.Title, Section: "collab"}, HackathonResults: res,
		CanOrganize: actor.Is(model.RoleExecutive, model.RoleHR, model.RoleAdmin), Form: form})
}

func (h *Handler) hackathonResults(w http.ResponseWriter, r *http.Request) {
	h.resultsPage(w, r, http.StatusOK, Form{})
}

func (h *Handler) hackathonWinners(w http.ResponseWriter, r *http.Request) {
	actor, id, ok := h.begin(w, r)
	if !ok {
		return
	}
	in := model.WinnersInput{Places: []int64{formID(r, "place_1"), formID(r, "place_2"), formID(r, "place_3")}}
	err := h.core.PublishWinners(r.Context(), actor, id, in)
	h.finish(w, r, err, func(f Form) { h.resultsPage(w, r, http.StatusUnprocessableEntity, f) }, "/hackathons/"+itoa(id)+"/results", "Winners published. The hackathon is finished.")
}

func (h *Handler) submissionToInitiative(w http.ResponseWriter, r *http.Request) {
	actor, id, ok := h.begin(w, r)
	if !ok {
		return
	}
	iid, err := h.core.SubmissionToInitiative(r.Context(), actor, id)
	h.finish(w, r, err, nil, "/initiatives/"+itoa(iid), "The winning idea is now an initiative, with its team on board.")
}
