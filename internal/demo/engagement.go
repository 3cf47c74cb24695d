package demo

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"sort"
	"strconv"
	"strings"
	"time"

	"throughline/internal/core"
	"throughline/internal/model"
)

// The demo's engagement history: a monthly pulse that has run six times, and a
// seventh open now (so the demo employee has something to answer). Everything goes
// through core, like real answers: the rounds freeze their audience, the answers are
// stored without names, and closing computes the anonymity blocks and the team results.
//
// What the numbers say, by construction:
//   - every team has its own level, with a little drift and noise from pulse to pulse;
//   - one department lags (the third of each scenario);
//   - teams whose managers are in the leadership program (InProgram, a deterministic
//     third of the managers; issue 6 enrols the same ones) gain about 0.06 on the
//     latent scale per pulse, 2 to 4 points of favourability by the sixth, smaller than
//     one team's noise;
//   - about a third of the teams made an action plan after the third or fifth pulse,
//     and their focus areas improve a little at the next one;
//   - about one respondent in five writes a comment.

// InProgram reports whether the manager with this employee id is in the demo's
// leadership program: every third middle manager by employee number. Issue 6 (programs
// and cohorts) should enrol exactly these managers so that program impact is visible.
func InProgram(employeeID string) bool {
	n, err := strconv.Atoi(strings.TrimLeft(employeeID, "E"))
	return err == nil && n%3 == 1
}

// demoPulses is how many closed pulses the demo has, at every size.
const demoPulses = 6

// firstPulse is the day the demo's first pulse opens: one every four weeks, the last
// still open today.
func firstPulse(now time.Time) time.Time {
	return now.AddDate(0, 0, -28*demoPulses-3)
}

type teamModel struct {
	mgr      *person
	level    float64
	drift    float64
	rate     float64 // response rate
	program  bool
	planFrom int // pulse after which the team's plan applies (0: no plan)
	focus    []model.Dimension
}

// engagement builds the pulse history. It is called once from Generate.
func (g *gen) engagement(ctx context.Context, c *core.Core, root *person, res *Result) error {
	ids, err := c.PersonIDsByEmployeeID(ctx, model.System)
	if err != nil {
		return err
	}
	bank, err := c.QuestionBank(ctx, model.System)
	if err != nil {
		return err
	}
	var qs []model.Question
	var qids []int64
	for _, q := range bank {
		if q.InPulse {
			qs = append(qs, q)
			qids = append(qids, q.ID)
		}
	}
	rng := rand.New(rand.NewPCG(g.rng.Uint64(), 0x70756c7365))
	all := g.flatten(root)
	lagging := g.laggingDepartment()
	// Teams: every manager's direct reports.
	teams := map[string]*teamModel{}
	var order []*teamModel
	for _, p := range all {
		if len(p.reports) == 0 {
			continue
		}
		t := &teamModel{mgr: p, level: rng.NormFloat64() * 0.15, drift: rng.NormFloat64() * 0.04, rate: 0.74 + 0.2*rng.Float64(),
			program: p.role == model.RoleManager && InProgram(p.emp)}
		if p.dept == lagging {
			t.level -= 0.25
		}
		teams[p.emp] = t
		order = append(order, t)
	}
	personLevel := map[string]float64{}
	for _, p := range all {
		personLevel[p.emp] = rng.NormFloat64() * 0.3
	}
	pulses := demoPulses
	now := g.now.UTC()
	first := firstPulse(now)
	s, err := c.CreateSurvey(ctx, model.System, model.SurveyInput{
		Title: "Monthly engagement pulse", Audience: model.AudienceEveryone, QuestionIDs: qids,
		Intro:   "Twelve questions about your work, your team and our purpose. Every question is optional and your name is never stored with your answers. We share what we learn, and each team decides what to do about it.",
		OpensOn: first.Format("2006-01-02"), OpenDays: 7, EveryWeeks: 4, ReminderDays: 2,
	})
	if err != nil {
		return fmt.Errorf("demo: survey: %w", err)
	}
	byKey := map[string]int64{}
	for _, q := range qs {
		byKey[q.Key] = q.ID
	}
	comment := byKey["cmt_better"]
	dimShift := map[model.Dimension]float64{model.DimEngagement: 0, model.DimPurpose: -0.12, model.DimSafety: -0.05,
		model.DimManager: 0.05, model.DimInclusion: 0.1}
	var closed []model.Round
	for n := 1; n <= pulses+1; n++ {
		round, err := g.currentRound(ctx, c, s.ID, n)
		if err != nil {
			return err
		}
		open := n == pulses+1
		var pids []int64
		var subs []model.PulseAnswers
		said := map[string]bool{} // manager's team and comment: no team repeats a comment in one pulse
		for _, p := range all {
			mgr := p.manager
			t := teams[mgr]
			rate := 0.8
			if t != nil {
				rate = t.rate
			}
			if open {
				rate *= 0.55 // the current pulse is only a few days old
			}
			if p.email == res.Employee.Login || rng.Float64() >= rate {
				continue // the demo employee has not answered the open pulse yet
			}
			latent := personLevel[p.emp]
			if t != nil {
				latent += t.level + t.drift*float64(n) + rng.NormFloat64()*0.12
				if t.program {
					latent += 0.06 * float64(n-1)
				}
			}
			sub := model.PulseAnswers{Answers: map[int64]int{}, Comments: map[int64]string{}}
			for _, q := range qs {
				if q.Kind == model.KindComment || rng.Float64() < 0.03 {
					continue
				}
				x := latent + dimShift[q.Dimension]
				if t != nil && t.planFrom > 0 && n > t.planFrom && hasDim(t.focus, q.Dimension) {
					x += 0.18
				}
				if q.Kind == model.KindENPS {
					sub.Answers[q.ID] = clamp(int(math.Round(7.9+1.4*x+rng.NormFloat64()*1.1)), 0, 10)
				} else {
					sub.Answers[q.ID] = clamp(int(math.Round(3.8+x+rng.NormFloat64()*0.7)), 1, 5)
				}
			}
			if comment != 0 && rng.Float64() < 0.22 {
				text := pickComment(rng, latent)
				if !said[mgr+text] {
					said[mgr+text] = true
					sub.Comments[comment] = text
				}
			}
			if len(sub.Answers) == 0 && len(sub.Comments) == 0 {
				continue
			}
			pids = append(pids, ids[p.emp])
			subs = append(subs, sub)
		}
		if err := c.SeedResponses(ctx, model.System, round.ID, pids, subs); err != nil {
			return fmt.Errorf("demo: answers of pulse %d: %w", n, err)
		}
		if open {
			break
		}
		if err := c.CloseRound(ctx, model.System, round.ID); err != nil {
			return fmt.Errorf("demo: close pulse %d: %w", n, err)
		}
		closed = append(closed, round)
		// Action plans: about a third of the teams plan after the third pulse, and a few
		// more after the fifth; the demo manager's team always does, after the fifth, so
		// the latest results show how the plan went.
		if (n == 3 && pulses >= 5) || (n == pulses-1 && pulses >= 2) {
			if err := g.plans(ctx, c, round, order, ids, n, res, rng); err != nil {
				return err
			}
		}
	}
	return nil
}

// currentRound returns round number n of the survey, opening it if it is scheduled.
func (g *gen) currentRound(ctx context.Context, c *core.Core, surveyID int64, n int) (model.Round, error) {
	d, err := c.Survey(ctx, model.System, surveyID)
	if err != nil {
		return model.Round{}, err
	}
	for _, r := range d.Rounds {
		if r.Number != n {
			continue
		}
		if r.Status == model.RoundScheduled {
			if err := c.LaunchRound(ctx, model.System, r.ID); err != nil {
				return r, fmt.Errorf("demo: open pulse %d: %w", n, err)
			}
			return g.currentRound(ctx, c, surveyID, n)
		}
		return r, nil
	}
	return model.Round{}, fmt.Errorf("demo: no pulse %d", n)
}

// plans writes action plans after a closed round for about a third of the teams: the
// focus is the team's weakest dimension (and its second weakest, sometimes), judged on
// what the anonymity engine shows; teams it hides plan on their department's result.
func (g *gen) plans(ctx context.Context, c *core.Core, round model.Round, order []*teamModel,
	ids map[string]int64, n int, res *Result, rng *rand.Rand) error {
	// One breakdown by team gives every team's dimensions (and the organization's, for
	// teams the anonymity engine hides).
	byTeam, err := c.PulseResults(ctx, model.System, model.ResultsQuery{RoundID: round.ID, GroupBy: model.ByTeam})
	if err != nil {
		return err
	}
	rows := map[int64]model.GroupResult{}
	for _, g := range byTeam.Groups {
		rows[g.Slice.TeamID] = g
	}
	var seeds []core.ActionPlanSeed
	for i, t := range order {
		isDemo := t.mgr.email == res.Manager.Login
		if t.planFrom != 0 || t.mgr.role != model.RoleManager || len(t.mgr.reports) < 3 {
			continue
		}
		if !isDemo && (n != 3 || i%3 != 0) && (n == 3 || i%11 != 5) {
			continue
		}
		team := rows[ids[t.mgr.emp]]
		dims := append([]model.DimensionResult(nil), team.Dimensions...)
		if !team.Shown {
			dims = append(dims[:0], byTeam.Main.Dimensions...)
		}
		sort.SliceStable(dims, func(a, b int) bool { return dims[a].Favourable < dims[b].Favourable })
		focus := []model.Dimension{model.DimSafety}
		if len(dims) > 0 {
			focus = []model.Dimension{dims[0].Dimension}
			if len(dims) > 1 && rng.IntN(2) == 0 {
				focus = append(focus, dims[1].Dimension)
			}
		}
		note := notes[rng.IntN(len(notes))]
		t.planFrom, t.focus = n, focus
		seed := core.ActionPlanSeed{ActionPlanInput: model.ActionPlanInput{ManagerID: ids[t.mgr.emp], Focus: focus, Note: note}}
		due := round.ClosesOn
		for k, d := range focus {
			pool := actions[d]
			for j := 0; j < 2 && j < len(pool); j++ {
				owner := t.mgr
				if (j+k)%2 == 1 && len(t.mgr.reports) > 0 {
					owner = t.mgr.reports[rng.IntN(len(t.mgr.reports))]
				}
				title := pool[(j+rng.IntN(len(pool)))%len(pool)]
				seed.Items = append(seed.Items, core.ActionItemSeed{ActionItemInput: model.ActionItemInput{Title: title, OwnerID: ids[owner.emp],
					DueOn: addDate(due, 14+21*j)}})
			}
		}
		for j := range seed.Items {
			status := "open"
			if n <= 3 || j == 0 {
				status = "done"
			}
			if n <= 3 && j == len(seed.Items)-1 && rng.IntN(4) == 0 {
				status = "dropped"
			}
			seed.Items[j].Status = status
		}
		seeds = append(seeds, seed)
	}
	if err := c.SeedActionPlans(ctx, model.System, round.ID, seeds); err != nil {
		return fmt.Errorf("demo: action plans: %w", err)
	}
	return nil
}

func hasDim(ds []model.Dimension, d model.Dimension) bool {
	for _, x := range ds {
		if x == d {
			return true
		}
	}
	return false
}

func clamp(v, lo, hi int) int { return max(lo, min(hi, v)) }

func addDate(date string, days int) string {
	t, err := time.Parse("2006-01-02", date)
	if err != nil {
		return date
	}
	return t.AddDate(0, 0, days).Format("2006-01-02")
}

// pickComment chooses a comment whose tone follows the respondent's mood, with noise.
func pickComment(rng *rand.Rand, latent float64) string {
	x := latent + rng.NormFloat64()*0.5
	switch {
	case x > 0.35:
		return positiveComments[rng.IntN(len(positiveComments))]
	case x < -0.35:
		return criticalComments[rng.IntN(len(criticalComments))]
	}
	return mixedComments[rng.IntN(len(mixedComments))]
}

var positiveComments = []string{
	"Our weekly stand-up has become a place where people actually say what is stuck. Keep that.",
	"I finally understand how my work on the soil plans connects to what the company says it stands for. The town hall helped.",
	"My manager asks what I think before deciding, and then tells me why she went the way she did. That matters more than it sounds.",
	"The new onboarding buddy system made my first months so much easier.",
	"When I made a mistake last month, the conversation was about what we learn, not who to blame. Thank you.",
	"People here help each other across teams without being asked. That is rare.",
	"Keep sharing the customer stories at the monthly meeting. They remind us why the work matters.",
	"I like that we can say no to a request when it goes against what we say we value.",
	"Flexible hours around school pick-up have made it possible for me to stay.",
	"The volunteering day with the community garden was the best day of the year.",
	"I feel trusted to make decisions in my own area.",
	"Our team retrospectives are honest and short. More of that, please.",
}

var criticalComments = []string{
	"We hear a lot about purpose, but the targets we are measured on are only about volume.",
	"Decisions arrive without explanation. A sentence about why would help.",
	"I do not feel safe disagreeing in meetings where senior people are present.",
	"Workload has been too high since the reorganization; people are tired.",
	"Feedback only comes once a year and by then it is too late to act on it.",
	"The tools we use in the field are outdated and slow everyone down.",
	"Promotions feel like they depend on who you know rather than what you do.",
	"Meetings run over constantly and eat the time we need for actual work.",
	"Night-shift colleagues hear about changes last. Please tell everyone at the same time.",
	"I am not sure my manager knows what I work on day to day.",
	"Too many priorities at once; nothing gets finished properly.",
	"Please follow up on the last survey before asking again. What changed?",
}

var mixedComments = []string{
	"Good team, but we need clearer priorities for the quarter.",
	"More chances to learn from other departments would help us avoid repeating mistakes.",
	"I would like to understand how my goals connect to the company's strategy.",
	"The purpose statement is good. Now show us one decision it changed.",
	"Fewer, better meetings.",
	"Recognition is warm but rare. A quick thank-you in the moment goes a long way.",
	"Things are getting better since the spring, but slowly.",
	"Training budget exists on paper; finding the time to use it is the hard part.",
	"I would like more say in how our work is planned, not only in how it is done.",
	"Onboarding documents are out of date; new starters rely on whoever is around.",
	"Better handovers between shifts would save a lot of double work.",
	"More clarity on what happens with these survey results, please.",
}

var notes = []string{
	"We chose the area where our results were lowest and where we think we can make a difference in a month.",
	"The comments pointed here again. Small steps, checked at the next pulse.",
	"Agreed together at our team meeting after reading the results.",
	"We will try two concrete changes and look at the next pulse before adding more.",
}

var actions = map[model.Dimension][]string{
	model.DimEngagement: {
		"Block two hours every Friday with no meetings, for focused work",
		"Start each team meeting with one piece of recognition, named and specific",
		"Agree with each person one thing they want to learn this quarter",
	},
	model.DimPurpose: {
		"Open each monthly meeting with one customer or community story",
		"Map every team goal to the strategic objective it serves, together",
		"Ask in each planning session: what would our purpose say about this choice?",
	},
	model.DimSafety: {
		"Start retrospectives with one thing that went wrong and what we learned",
		"Manager speaks last in decisions, after everyone has given a view",
		"Rotate who chairs the weekly meeting",
	},
	model.DimManager: {
		"Fortnightly one-to-ones with a shared agenda anyone can add to",
		"Explain the why of every decision that affects the team, in writing",
		"Ask each person for one piece of feedback on how I lead, every month",
	},
	model.DimInclusion: {
		"Share meeting notes with colleagues on other shifts and sites the same day",
		"Invite someone from another location to each planning session",
		"Review who gets stretch assignments, and spread them more evenly",
	},
	model.DimENPS: {
		"Ask leavers and joiners what would make this a better place to work, and share what we hear",
		"Fix the three everyday frustrations the team named most often",
	},
}
