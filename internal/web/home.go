package web

import (
	"html/template"
	"net/http"
	"strconv"

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
}

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
	if p.Collab, err = h.core.CollabSummary(ctx, actor); err != nil {
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
