package demo

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"sort"
	"time"

	"throughline/internal/core"
	"throughline/internal/model"
)

// The demo's leadership development, written through one core call (SeedDevelopment):
//
//   - The managers in the leadership program (InProgram: a deterministic third of the
//     middle managers, the same whose teams' engagement improves in engagement.go) are
//     enrolled in two programs: a completed cohort of Purpose Discovery that ran over the
//     last half year, and cohorts of Ethical Decision-Making that started a month ago.
//     Cohorts hold up to twenty managers, each with a facilitator from the People
//     department; the demo coach facilitates the demo manager's cohort.
//   - Every middle manager had a 360 near the start of the completed cohort and one
//     near its end. Others' ratings rise about a quarter of a point for those in the
//     program and barely for the rest, with noise per rater and per competency: a
//     modest effect the analytics can find.
//   - Workshops: each completed cohort met in the past (attendance recorded), each
//     running cohort has a session to come with registrations, and one open session.
//   - Coaching: the demo coach coaches the demo manager and a few others; people of the
//     People department coach a share of the other participants.
//   - Journal entries exist only for the demo manager: everyone else's would be private,
//     so none is invented. Their reflections are in our own words.

// devText is what the demo manager wrote in their journal.
var devText = struct {
	story, values, closing, dilemma, free, shared string
}{
	story:   "The season the irrigation failed, the team fixed it overnight without being asked. I felt most useful when I cleared the way for them, and most frustrated when I was the bottleneck. What connects the two: I care about people being trusted with real problems.",
	values:  "Honesty was tested when the quarter's numbers looked better if we delayed reporting a quality issue by a week. I reported it. It cost us a difficult call with a customer and gained us a team that knows bad news travels fast here.",
	closing: "I will start every weekly meeting with one thing that went wrong and what we learned. The team will notice because I will go first.",
	dilemma: "Booking the order early would hit the target, but the customer has not signed and the team would learn that the numbers matter more than the truth. I would wait, and say why out loud.",
	free:    "Noticed today that I interrupted Amira twice in the planning meeting. She had the better idea. Next week: ask her to open the discussion.",
	shared:  "What I want from coaching: to stop rescuing my team when they are stuck, and to ask better questions instead. I default to fixing because it feels faster.",
}

// devCommitments are coaching commitments, in rotation.
var devCommitments = []string{
	"Ask each person on the team what gets in the way of their best work",
	"Hold the difficult conversation I have been putting off",
	"Delegate the monthly report and coach rather than review it",
	"Start team meetings with the purpose, in one sentence",
	"Ask for feedback from one peer after each steering meeting",
}

// ratingNoise is the spread of one rater's rating around a manager's true level.
const ratingNoise = 0.65

// programGrowth and baseGrowth are the mean changes of others' ratings between the two
// 360s, on the 1–5 scale.
const (
	programGrowth = 0.25
	baseGrowth    = 0.03
)

type devWorld struct {
	g       *gen
	rng     *rand.Rand
	ids     map[string]int64
	now     time.Time
	res     *Result
	manager *person // the demo manager
	coach   *person
	people  []*person
	byEmp   map[string]*person
}

func (w *devWorld) day(t time.Time) string { return t.UTC().Format("2006-01-02") }

// development builds the history and writes it with one core call.
func (g *gen) development(ctx context.Context, c *core.Core, root *person, res *Result) error {
	ids, err := c.PersonIDsByEmployeeID(ctx, model.System)
	if err != nil {
		return err
	}
	w := &devWorld{g: g, rng: rand.New(rand.NewPCG(g.rng.Uint64(), 0x646576)), ids: ids, now: g.now.UTC(), res: res, byEmp: map[string]*person{}}
	w.people = g.flatten(root)
	var managers, participants, helpers []*person
	for _, p := range w.people {
		w.byEmp[p.emp] = p
		if p.email == res.Manager.Login {
			w.manager = p
		}
		if p.email == res.Coach.Login {
			w.coach = p
		}
		if p.role == model.RoleManager && len(p.reports) > 0 {
			managers = append(managers, p)
			if InProgram(p.emp) {
				participants = append(participants, p)
			}
		}
		if p.dept == "People" && len(p.reports) == 0 && p.email != res.Coach.Login {
			helpers = append(helpers, p)
		}
	}
	if len(participants) == 0 {
		return nil
	}
	if len(helpers) == 0 {
		for _, p := range w.people {
			if len(p.reports) == 0 && !InProgram(p.emp) && p.email != res.Coach.Login {
				helpers = append(helpers, p)
				if len(helpers) == 8 {
					break
				}
			}
		}
	}
	programs, err := c.DevPrograms(ctx, model.System)
	if err != nil {
		return err
	}
	detail := map[string]core.DevProgramDetail{}
	for _, p := range programs {
		if p.Key == "purpose_discovery" || p.Key == "ethical_decisions" {
			if detail[p.Key], err = c.DevProgram(ctx, model.System, p.ID); err != nil {
				return err
			}
		}
	}
	pd, eth := detail["purpose_discovery"], detail["ethical_decisions"]
	if pd.Program.ID == 0 || eth.Program.ID == 0 {
		return fmt.Errorf("the built-in programs are missing")
	}
	seed := model.DevelopmentSeed{}
	aStart, aEnd := w.now.AddDate(0, 0, -200), w.now.AddDate(0, 0, -35)
	bStart, bEnd := w.now.AddDate(0, 0, -30), w.now.AddDate(0, 0, 60)

	// Cohorts of up to twenty, the demo manager's first in each program.
	order := append([]*person(nil), participants...)
	sort.SliceStable(order, func(i, j int) bool { return order[i] == w.manager && order[j] != w.manager })
	groups := func(ps []*person) [][]*person {
		var out [][]*person
		for i := 0; i < len(ps); i += 20 {
			out = append(out, ps[i:min(i+20, len(ps))])
		}
		return out
	}
	// Program B mixes people differently: every other participant swaps halves.
	shuffled := append([]*person(nil), order[1:]...)
	w.rng.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	shuffled = append([]*person{order[0]}, shuffled...)
	facilitator := func(i int, mine bool) int64 {
		if mine && w.coach != nil {
			return w.ids[w.coach.emp]
		}
		if len(helpers) == 0 {
			return 0
		}
		return w.ids[helpers[i%len(helpers)].emp]
	}
	for i, grp := range groups(order) {
		seed.Cohorts = append(seed.Cohorts, w.completedCohort(pd, i+1, grp, aStart, aEnd, facilitator(i, false)))
	}
	for i, grp := range groups(shuffled) {
		mine := i == 0 && w.manager != nil && InProgram(w.manager.emp)
		seed.Cohorts = append(seed.Cohorts, w.runningCohort(eth, i+1, grp, bStart, bEnd, facilitator(i+1, mine)))
	}
	seed.Workshops = append(seed.Workshops, w.openSession(helpers))
	seed.Coaching = w.coaching(participants, helpers)
	seed.Assessments = w.assessments(managers, aStart, aEnd)
	seed.Journal = w.journal(seed, pd, eth)
	if err := c.SeedDevelopment(ctx, model.System, seed); err != nil {
		return err
	}
	return w.plan(ctx, c)
}

// moduleTimes spreads completions of a program's modules between a cohort's start and
// each module's due date.
func (w *devWorld) doneAt(start time.Time, m model.DevModule, end time.Time) int64 {
	due := end
	if m.DueDays > 0 {
		due = start.AddDate(0, 0, m.DueDays)
	}
	span := due.Sub(start)
	if span <= 0 {
		span = 24 * time.Hour
	}
	at := start.Add(time.Duration(0.3*float64(span) + w.rng.Float64()*0.8*float64(span)))
	if at.After(w.now) {
		at = w.now.Add(-time.Hour)
	}
	return at.Unix()
}

// completedCohort is a cohort of Purpose Discovery that ran from start to end: most
// participants completed every module, a few stopped part-way.
func (w *devWorld) completedCohort(pd core.DevProgramDetail, n int, grp []*person, start, end time.Time, facilitator int64) model.CohortSeed {
	cs := model.CohortSeed{CohortInput: model.CohortInput{ProgramID: pd.Program.ID, Name: fmt.Sprintf("%s, cohort %d", start.Format("January 2006"), n),
		StartsOn: w.day(start), EndsOn: w.day(end)}}
	if facilitator != 0 {
		cs.FacilitatorIDs = []int64{facilitator}
	}
	var workshop model.DevModule
	for _, m := range pd.Modules {
		if m.Kind == model.ModuleWorkshop {
			workshop = m
		}
	}
	sessionAt := start.AddDate(0, 0, max(workshop.DueDays-5, 7)).Truncate(24 * time.Hour).Add(13 * time.Hour)
	ws := model.WorkshopSeed{ModuleID: workshop.ID, Title: "Purpose circle, cohort " + fmt.Sprint(n), Start: sessionAt.Unix(), End: sessionAt.Add(2 * time.Hour).Unix(),
		Place: w.g.sc.Locations[n%len(w.g.sc.Locations)] + " office, training room", Capacity: len(grp) + 4, FacilitatorID: facilitator,
		Description: "Each manager reads their purpose statement aloud and tells the story behind it; the others ask questions, no advice."}
	for _, p := range grp {
		pid := w.ids[p.emp]
		cs.ParticipantIDs = append(cs.ParticipantIDs, pid)
		// 85% complete everything; the rest stop after a share of the modules.
		stop := len(pd.Modules)
		if w.rng.Float64() < 0.15 && p != w.manager {
			stop = 2 + w.rng.IntN(len(pd.Modules)-2)
		}
		attended := false
		for i, m := range pd.Modules {
			if i >= stop {
				break
			}
			if m.Kind == model.ModuleWorkshop {
				attended = true
				cs.Completions = append(cs.Completions, model.CompletionSeed{PersonID: pid, ModuleID: m.ID, At: sessionAt.Unix()})
				continue
			}
			if !m.Required && w.rng.Float64() < 0.4 {
				continue
			}
			cs.Completions = append(cs.Completions, model.CompletionSeed{PersonID: pid, ModuleID: m.ID, At: w.doneAt(start, m, end)})
		}
		att := model.AttendanceAbsent
		if attended {
			att = model.AttendancePresent
		}
		ws.Registrations = append(ws.Registrations, model.Registration{PersonID: pid, Attendance: att, RegisteredAt: start.AddDate(0, 0, 3).Unix()})
	}
	cs.Workshops = []model.WorkshopSeed{ws}
	return cs
}

// dilemmaWeights make the cohort's choices differ by dilemma, as real ones would.
var dilemmaWeights = [][]float64{{0.1, 0.55, 0.3, 0.05}, {0.6, 0.05, 0.3, 0.05}, {0.45, 0.05, 0.2, 0.3}, {0.25, 0.2, 0.05, 0.5}, {0.5, 0.25, 0.15, 0.1}, {0.15, 0.1, 0.3, 0.45}, {0.3, 0.45, 0.2, 0.05}}

func pickWeighted(rng *rand.Rand, weights []float64, n int) int {
	if len(weights) < n {
		return rng.IntN(n)
	}
	x := rng.Float64()
	for i := 0; i < n; i++ {
		if x < weights[i] {
			return i
		}
		x -= weights[i]
	}
	return n - 1
}

// runningCohort is a cohort of Ethical Decision-Making a month in: most participants
// did what was due, some are behind; the workshop is still to come. The demo manager
// has done the introduction and the first dilemma, so the second is open for them.
func (w *devWorld) runningCohort(eth core.DevProgramDetail, n int, grp []*person, start, end time.Time, facilitator int64) model.CohortSeed {
	cs := model.CohortSeed{CohortInput: model.CohortInput{ProgramID: eth.Program.ID, Name: fmt.Sprintf("%s, cohort %d", start.Format("January 2006"), n),
		StartsOn: w.day(start), EndsOn: w.day(end)}}
	if facilitator != 0 {
		cs.FacilitatorIDs = []int64{facilitator}
	}
	var workshop model.DevModule
	for _, m := range eth.Modules {
		if m.Kind == model.ModuleWorkshop {
			workshop = m
		}
	}
	sessionAt := start.AddDate(0, 0, workshop.DueDays-3).Truncate(24 * time.Hour).Add(9 * time.Hour)
	ws := model.WorkshopSeed{ModuleID: workshop.ID, Title: "Dilemma lab, cohort " + fmt.Sprint(n), Start: sessionAt.Unix(), End: sessionAt.Add(3 * time.Hour).Unix(),
		VideoURL: fmt.Sprintf("https://meet.%s/dilemma-lab-%d", w.g.sc.Domain, n), Capacity: len(grp) + 2, FacilitatorID: facilitator,
		Description: "We look at how the cohort chose in each dilemma, in total and never who chose what, and discuss the strongest reasons on each side."}
	today := w.day(w.now)
	// Most participants keep up with everything due; the others stop somewhere and are
	// behind. How many keep up differs by cohort, so some cohorts are on track and some
	// are not.
	keepRate := 0.62 + 0.35*w.rng.Float64()
	for _, p := range grp {
		pid := w.ids[p.emp]
		cs.ParticipantIDs = append(cs.ParticipantIDs, pid)
		keepsUp := w.rng.Float64() < keepRate
		stopAt := 1 + w.rng.IntN(4)
		done := map[int64]bool{}
		nDone := 0
		di := 0
		for _, m := range eth.Modules {
			isDilemma := m.IsDilemma()
			if isDilemma {
				di++
			}
			due := m.DueFor(cs.StartsOn)
			if m.Kind == model.ModuleWorkshop || due == "" || due > today && w.rng.Float64() > 0.25 {
				continue
			}
			ready := true
			for _, pre := range m.Prereqs {
				ready = ready && done[pre]
			}
			if p == w.manager {
				// The demo manager: the introduction and the first dilemma, no more.
				if m.Key != "eth_intro" && m.Key != "eth_d1" {
					continue
				}
			} else if !ready || (!keepsUp && nDone >= stopAt) {
				continue
			}
			nDone++
			c := model.CompletionSeed{PersonID: pid, ModuleID: m.ID, At: w.doneAt(start, m, end)}
			if isDilemma {
				c.OptionID = m.Options[pickWeighted(w.rng, dilemmaWeights[(di-1)%len(dilemmaWeights)], len(m.Options))].ID
			}
			cs.Completions = append(cs.Completions, c)
			done[m.ID] = true
		}
		if w.rng.Float64() < 0.6 || p == w.manager {
			ws.Registrations = append(ws.Registrations, model.Registration{PersonID: pid, Attendance: model.AttendanceUnknown, RegisteredAt: w.now.AddDate(0, 0, -w.rng.IntN(20)-1).Unix()})
		}
	}
	cs.Workshops = []model.WorkshopSeed{ws}
	return cs
}

// openSession is a workshop anyone may join, two weeks from now, with seats left.
func (w *devWorld) openSession(helpers []*person) model.WorkshopSeed {
	at := w.now.AddDate(0, 0, 14).Truncate(24 * time.Hour).Add(14 * time.Hour)
	ws := model.WorkshopSeed{Title: "Open session: listening to understand", Start: at.Unix(), End: at.Add(90 * time.Minute).Unix(),
		Place: w.g.sc.Locations[0] + " office, room 2", VideoURL: "https://meet." + w.g.sc.Domain + "/listening", Capacity: 24,
		Description: "Ninety minutes of practice in pairs: let them finish, reflect before you respond, ask about feelings and needs, and resist fixing. Open to everyone."}
	if len(helpers) > 0 {
		ws.FacilitatorID = w.ids[helpers[0].emp]
	}
	for i, p := range w.people {
		if len(ws.Registrations) == 9 {
			break
		}
		if i%37 == 5 && p.email != w.res.Employee.Login {
			ws.Registrations = append(ws.Registrations, model.Registration{PersonID: w.ids[p.emp], Attendance: model.AttendanceUnknown, RegisteredAt: w.now.AddDate(0, 0, -2).Unix()})
		}
	}
	return ws
}

// coaching pairs the demo coach with the demo manager and three more participants, and
// People-department colleagues with one in four of the other participants (at most 400).
func (w *devWorld) coaching(participants, helpers []*person) []model.CoachingSeed {
	var out []model.CoachingSeed
	add := func(coach, coachee *person, k int) {
		started := w.now.AddDate(0, 0, -90-w.rng.IntN(60))
		cs := model.CoachingSeed{CoachingAssignmentInput: model.CoachingAssignmentInput{CoachID: w.ids[coach.emp], CoacheeID: w.ids[coachee.emp],
			Focus: []string{"Leading with purpose", "Difficult conversations", "Delegating and developing the team", "Making ethical calls under pressure"}[k%4]},
			StartedOn: w.day(started)}
		for s := 0; s < 3; s++ {
			at := started.AddDate(0, 0, 21*(s+1)).Truncate(24 * time.Hour).Add(time.Duration(9+k%6) * time.Hour)
			st := model.SessionHeld
			if at.After(w.now) {
				st = model.SessionScheduled
			}
			cs.Sessions = append(cs.Sessions, model.CoachingSession{StartsAt: at.Unix(), EndsAt: at.Add(time.Hour).Unix(), Place: "Video call", Status: st})
		}
		next := w.now.AddDate(0, 0, 6+k%7).Truncate(24 * time.Hour).Add(10 * time.Hour)
		cs.Sessions = append(cs.Sessions, model.CoachingSession{StartsAt: next.Unix(), EndsAt: next.Add(time.Hour).Unix(), Place: "Video call", Status: model.SessionScheduled})
		cs.Commitments = []model.Commitment{
			{Text: devCommitments[k%len(devCommitments)], Owner: "coachee", DueOn: w.day(w.now.AddDate(0, 0, 10)), Done: false},
			{Text: devCommitments[(k+2)%len(devCommitments)], Owner: "coachee", DueOn: w.day(w.now.AddDate(0, 0, -20)), Done: true},
			{Text: "Send the article on listening we talked about", Owner: "coach", Done: k%2 == 0},
		}
		out = append(out, cs)
	}
	k := 0
	if w.coach != nil {
		if w.manager != nil && w.manager != w.coach {
			add(w.coach, w.manager, k)
			k++
		}
		for _, p := range participants {
			if k >= 4 {
				break
			}
			if p != w.manager {
				add(w.coach, p, k)
				k++
			}
		}
	}
	for i, p := range participants {
		if len(helpers) == 0 || len(out) >= 400 || i < 4 || p == w.manager || i%4 != 0 {
			continue
		}
		add(helpers[i%len(helpers)], p, k)
		k++
	}
	return out
}

// assessments gives every middle manager a 360 near the start of the completed cohort
// and one near its end, and the demo manager an open one that their demo employee has not answered.
func (w *devWorld) assessments(managers []*person, aStart, aEnd time.Time) []model.AssessmentSeed {
	var out []model.AssessmentSeed
	comps := len(model.Competencies)
	for _, m := range managers {
		prog := InProgram(m.emp)
		// The manager's true level per competency, and its growth.
		var level, growth [model.NumCompetencies]float64
		base := 3.1 + w.rng.NormFloat64()*0.35
		g := baseGrowth
		if prog {
			g = programGrowth
		}
		for c := 0; c < comps; c++ {
			level[c] = base + w.rng.NormFloat64()*0.3
			growth[c] = g + w.rng.NormFloat64()*0.12
		}
		peers := w.peersOf(m)
		rounds := []struct {
			title       string
			open, close time.Time
			after       bool
			closed      bool
		}{
			{"360 before the program season", aStart.AddDate(0, 0, -14), aStart, false, true},
			{"360 at the end of the program season", aEnd.AddDate(0, 0, -14), aEnd, true, true},
		}
		if m == w.manager {
			rounds = append(rounds, struct {
				title       string
				open, close time.Time
				after       bool
				closed      bool
			}{"360 this quarter", w.now.AddDate(0, 0, -5), w.now.AddDate(0, 0, 9), true, false})
		}
		for _, r := range rounds {
			a := model.AssessmentSeed{SubjectID: w.ids[m.emp], Title: r.title, OpensOn: w.day(r.open), ClosesOn: w.day(r.close), Closed: r.closed}
			rate := func(bias float64) [model.NumCompetencies]int {
				var out [model.NumCompetencies]int
				for c := 0; c < comps; c++ {
					if w.rng.Float64() < 0.05 {
						continue // cannot say
					}
					x := level[c] + bias + w.rng.NormFloat64()*ratingNoise
					if r.after {
						x += growth[c]
					}
					out[c] = clamp(int(math.Round(x)), 1, 5)
				}
				return out
			}
			answered := func(p float64) bool { return r.closed && w.rng.Float64() < p || !r.closed && w.rng.Float64() < p*0.5 }
			a.Raters = append(a.Raters, model.RaterSeed{PersonID: w.ids[m.emp], Relation: model.RelSelf, Answered: true, Levels: rate(0.35)})
			if mgr := w.byEmp[m.manager]; mgr != nil {
				ok := answered(0.9)
				a.Raters = append(a.Raters, model.RaterSeed{PersonID: w.ids[mgr.emp], Relation: model.RelManager, Answered: ok, Levels: rate(-0.05)})
			}
			for _, p := range peers {
				ok := answered(0.75)
				a.Raters = append(a.Raters, model.RaterSeed{PersonID: w.ids[p.emp], Relation: model.RelPeer, Answered: ok, Levels: rate(0)})
			}
			for _, rep := range m.reports {
				ok := answered(0.82)
				if !r.closed && rep.email == w.res.Employee.Login {
					ok = false // left for the demo employee to answer
				}
				a.Raters = append(a.Raters, model.RaterSeed{PersonID: w.ids[rep.emp], Relation: model.RelReport, Answered: ok, Levels: rate(0.1)})
			}
			for i := range a.Raters {
				if !a.Raters[i].Answered {
					a.Raters[i].Levels = [model.NumCompetencies]int{}
				}
			}
			out = append(out, a)
		}
	}
	return out
}

// peersOf is up to four other middle managers under the same manager.
func (w *devWorld) peersOf(m *person) []*person {
	mgr := w.byEmp[m.manager]
	if mgr == nil {
		return nil
	}
	var out []*person
	for _, p := range mgr.reports {
		if p != m && len(p.reports) > 0 && len(out) < 4 {
			out = append(out, p)
		}
	}
	return out
}

// journal writes the demo manager's own entries: their reflections in both programs, a
// note to self, and one entry shared with their coach.
func (w *devWorld) journal(seed model.DevelopmentSeed, pd, eth core.DevProgramDetail) []model.JournalSeed {
	if w.manager == nil || !InProgram(w.manager.emp) {
		return nil
	}
	me := w.ids[w.manager.emp]
	var out []model.JournalSeed
	texts := map[string]string{"pd_story": devText.story, "pd_values": devText.values, "pd_closing": devText.closing, "eth_d1": devText.dilemma}
	// Each reflection belongs to the cohort in which the manager completed its module.
	for _, prog := range []core.DevProgramDetail{pd, eth} {
		for _, m := range prog.Modules {
			body, ok := texts[m.Key]
			if !ok {
				continue
			}
			for ci, cs := range seed.Cohorts {
				for _, c := range cs.Completions {
					if c.PersonID == me && c.ModuleID == m.ID {
						out = append(out, model.JournalSeed{PersonID: me, ModuleID: m.ID, Cohort: ci + 1, Prompt: m.Prompt, Body: body, At: c.At})
					}
				}
			}
		}
	}
	out = append(out, model.JournalSeed{PersonID: me, Prompt: "What did I notice about myself this week?", Body: devText.free, At: w.now.AddDate(0, 0, -3).Unix()})
	shared := model.JournalSeed{PersonID: me, Prompt: "Before my next coaching session", Body: devText.shared, At: w.now.AddDate(0, 0, -8).Unix()}
	if w.coach != nil && w.coach != w.manager {
		shared.SharedWithID = w.ids[w.coach.emp]
	}
	return append(out, shared)
}

// plan turns the demo manager's weakest competency into a goal of this quarter.
func (w *devWorld) plan(ctx context.Context, c *core.Core) error {
	if w.manager == nil {
		return nil
	}
	me := w.ids[w.manager.emp]
	p, err := c.DevelopmentPlan(ctx, model.System, me)
	if err != nil || p.Results == nil || len(p.Gaps) == 0 {
		return err
	}
	g := p.Gaps[0]
	in := model.PlanGoalInput{Competency: g.Competency.Key, Title: "Grow in " + g.Competency.Label + ": practise it in every one-to-one", Period: model.CurrentQuarter(w.now)}
	if len(g.Modules) > 0 {
		in.ModuleID = g.Modules[0].ID
	}
	_, err = c.AddPlanGoal(ctx, model.System, me, in)
	return err
}
