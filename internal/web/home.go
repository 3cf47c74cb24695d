package web

import (
	"html/template"
	"net/http"
	"strconv"
	"time"

	"throughline/internal/chart"
	"throughline/internal/core"
	"throughline/internal/model"
)

// HomePage is the home page; what it holds depends on the role.
type HomePage struct {
	Page
	Me           *model.Person
	Team         *core.Team
	Peers        []model.Person
	Counts       model.OrgCounts
	Imports      []model.ImportReport
	Departments  []model.Department
	ShowOrgStats bool
	ShowImports  bool
	Purpose      model.PurposeVersion
	HasPurpose   bool
	Objectives   []model.Objective
	MyGoals      []model.Goal
	Due          []model.DueItem        // what the viewer has to do (performance, issue 4)
	DueFormal    []model.DueItem        // reviews and feedback requests among them
	DueRoutine   []model.DueItem        // check-ins and action items
	Scorecard    *core.ScorecardSummary // the viewer's own scorecard, for managers
	Trend        template.HTML          // its composite over eight quarters
	Collab       model.CollabSummary
	// Engagement (issue 5): open pulses to answer, and a manager's team result.
	Pulses         []model.Round
	TeamEngagement *core.TeamEngagement
	TeamTrend      template.HTML
	TeamPlan       *model.ActionPlan
	Now            time.Time
	// Development (issue 6): program progress and the next workshop.
	Development *model.DevelopmentHome
}

// PulseDaysLeft is how many days an open pulse has left.
func (p *HomePage) PulseDaysLeft(r model.Round) int { return r.DaysLeft(p.Now) }

func (h *Handler) home(w http.ResponseWriter, r *http.Request) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	ctx := r.Context()
	p := &HomePage{Page: Page{Title: "Home", Section: "home"}}
	if actor.PersonID != 0 {
		me, err := h.core.Me(ctx, actor)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		p.Me = &me
		if me.DirectReports > 0 {
			t, err := h.core.Team(ctx, actor, me.ID)
			if err != nil {
				h.fail(w, r, err)
				return
			}
			p.Team = &t
		}
		due, err := h.core.DueItems(ctx, actor)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		p.Due = due
		for _, d := range due {
			if d.Kind == "review" || d.Kind == "feedback" {
				p.DueFormal = append(p.DueFormal, d)
			} else {
				p.DueRoutine = append(p.DueRoutine, d)
			}
		}
		if sc, err := h.core.MyScorecard(ctx, actor); err != nil {
			h.fail(w, r, err)
			return
		} else if sc.Has {
			p.Scorecard = &sc
			p.Trend = compositeSparkline(sc.Trend)
		}
		if me.ManagerID != 0 {
			t, err := h.core.Team(ctx, actor, me.ManagerID)
			if err != nil {
				h.fail(w, r, err)
				return
			}
			for _, m := range t.Members {
				if m.ID != me.ID {
					p.Peers = append(p.Peers, m)
				}
			}
		}
	}
	var err error
	if p.Purpose, p.HasPurpose, err = h.core.Purpose(ctx, actor); err != nil {
		h.fail(w, r, err)
		return
	}
	if p.Objectives, err = h.core.ObjectivesWithProgress(ctx, actor); err != nil {
		h.fail(w, r, err)
		return
	}
	if actor.PersonID != 0 {
		l, err := h.core.Goals(ctx, actor, model.GoalFilter{OwnerIDs: []int64{actor.PersonID}, Year: strconv.Itoa(h.core.Now().Year()), Page: model.Page{Limit: 8}})
		if err != nil {
			h.fail(w, r, err)
			return
		}
		p.MyGoals = l.Items
	}
	if actor.PersonID != 0 {
		dev, err := h.core.MyDevelopment(ctx, actor)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		p.Development = &dev
	}
	if p.Collab, err = h.core.CollabSummary(ctx, actor); err != nil {
		h.fail(w, r, err)
		return
	}
	if err := h.homeEngagement(r, actor, p); err != nil {
		h.fail(w, r, err)
		return
	}
	if actor.Is(model.RoleAdmin, model.RoleHR, model.RoleExecutive) {
		p.ShowOrgStats = true
		if p.Counts, err = h.core.OrgCounts(ctx, actor); err != nil {
			h.fail(w, r, err)
			return
		}
		if p.Departments, err = h.core.Departments(ctx, actor); err != nil {
			h.fail(w, r, err)
			return
		}
	}
	if actor.Is(model.RoleAdmin, model.RoleHR) {
		p.ShowImports = true
		if p.Imports, err = h.core.RecentImports(ctx, actor, 5); err != nil {
			h.fail(w, r, err)
			return
		}
	}
	h.render(w, r, http.StatusOK, "home", p)
}

// homeEngagement adds the open pulses the actor has not answered and, for managers, their
// team's latest engagement result.
func (h *Handler) homeEngagement(r *http.Request, actor model.Actor, p *HomePage) error {
	p.Now = h.core.Now()
	pulses, err := h.core.MyPulses(r.Context(), actor)
	if err != nil {
		return err
	}
	for _, x := range pulses {
		if !x.Answered {
			p.Pulses = append(p.Pulses, x)
		}
	}
	if p.Team != nil {
		te, err := h.core.MyTeamEngagement(r.Context(), actor)
		switch {
		case err == nil:
			p.TeamEngagement = &te
			p.TeamTrend = teamTrend(te.History)
		case model.ErrorCodeOf(err) != model.CodeNotFound:
			return err
		}
		plans, err := h.core.TeamActionPlans(r.Context(), actor, actor.PersonID)
		if err != nil {
			return err
		}
		if len(plans) > 0 {
			p.TeamPlan = &plans[0]
		}
	}
	return nil
}

// teamTrend draws a manager's team engagement over the last pulses; a pulse in which
// the team was hidden is a gap.
func teamTrend(rs []model.TeamResult) template.HTML {
	if len(rs) < 2 {
		return ""
	}
	labels := make([]string, len(rs))
	vals := make([]float64, len(rs))
	for i, r := range rs {
		labels[i] = model.Round{OpensOn: r.OpensOn}.ShortLabel()
		vals[i] = chart.Missing
		if r.Status == model.TeamResultOK && r.HasEngagement {
			vals[i] = r.Engagement
		}
	}
	return chart.Line{ID: "team-trend", Title: "Your team's engagement, % favourable, by pulse", Labels: labels,
		Series: []chart.Series{{Name: "Engagement", Values: vals}}, YMin: 0, YMax: 100, Format: chart.Format(0, "%"), Width: 420, Height: 170}.SVG()
}
