package demo

import (
	"context"
	"fmt"
	"math"
	"sort"
	"time"

	"throughline/internal/core"
	"throughline/internal/model"
	"throughline/internal/stats"
)

// collab is the working state of the collaboration generator.
type collab struct {
	g        *gen
	txt      collabText
	ids      map[string]int64 // employee id → person id
	all      []*person
	byEmp    map[string]*person
	byDept   map[string][]*person
	depts    []string
	silo     string    // the department that mostly keeps to itself
	bridge   string    // the department whose people connect the others
	managers []*person // middle managers
	bridgers []*person // people who take part across many departments
	manager  *person   // the demo manager, who should see a network with reach
	employee *person   // the demo employee, left free to register for the open hackathon
	objIDs   []int64
	now      time.Time
	judges   map[string]bool
}

// collaboration seeds the scenario's collaboration history through one core call: eight
// initiatives (one grown from a hackathon winner, one drawn from a single department on
// purpose), a finished hackathon with winners and one open for registration, about 150
// ideas, practices and stories with votes and comments, and a service corps of six
// projects. The network it makes has bridges (a department and a few people who work
// across every other) and a silo (one department that mostly works with itself).
func (g *gen) collaboration(ctx context.Context, c *core.Core, root *person, res *Result) error {
	txt, ok := collabTexts[g.sc.Key]
	if !ok {
		return fmt.Errorf("demo: no collaboration texts for scenario %q", g.sc.Key)
	}
	w := &collab{g: g, txt: txt, now: g.now.UTC(), byEmp: map[string]*person{}, byDept: map[string][]*person{}, judges: map[string]bool{}}
	w.all = g.flatten(root)
	for _, p := range w.all {
		w.byEmp[p.emp] = p
		w.byDept[p.dept] = append(w.byDept[p.dept], p)
		if p.role == model.RoleManager && len(p.reports) > 0 && p.reports[0].role == model.RoleEmployee {
			w.managers = append(w.managers, p)
		}
		if p.email == res.Manager.Login {
			w.manager = p
		}
		if p.email == res.Employee.Login {
			w.employee = p
		}
	}
	for _, d := range g.sc.Departments {
		w.depts = append(w.depts, d.Name)
	}
	w.silo, w.bridge = w.depts[4], w.depts[5]
	var err error
	if w.ids, err = c.PersonIDsByEmployeeID(ctx, model.System); err != nil {
		return err
	}
	objectives, err := c.Objectives(ctx, model.System)
	if err != nil {
		return err
	}
	for _, o := range objectives {
		w.objIDs = append(w.objIDs, o.ID)
	}
	w.pickBridgers()
	seed := model.CollabSeed{}
	past, winner := w.pastHackathon()
	seed.Hackathons = []model.HackathonSeed{past, w.openHackathon()}
	seed.Initiatives = w.initiatives(past, winner)
	seed.Posts = w.posts()
	seed.Programs = []model.ProgramSeed{w.corps()}
	return c.SeedCollaboration(ctx, model.System, seed)
}

func (w *collab) id(p *person) int64 { return w.ids[p.emp] }

func (w *collab) day(t time.Time) string { return t.UTC().Format("2006-01-02") }

func (w *collab) daysAgo(n float64) time.Time {
	return w.now.Add(-time.Duration(n * 24 * float64(time.Hour)))
}

func (w *collab) obj(i int) int64 {
	if i < 0 || i >= len(w.objIDs) {
		return 0
	}
	return w.objIDs[i]
}

func (w *collab) objs(i int) []int64 {
	if id := w.obj(i); id != 0 {
		return []int64{id}
	}
	return nil
}

// pickBridgers chooses four people of the bridging department and two middle managers
// elsewhere who will take part in activities with every department.
func (w *collab) pickBridgers() {
	rng := w.g.rng
	pool := w.byDept[w.bridge]
	for _, i := range rng.Perm(len(pool)) {
		if len(w.bridgers) < 4 && pool[i].level >= 3 && pool[i] != w.employee {
			w.bridgers = append(w.bridgers, pool[i])
		}
	}
	for _, i := range rng.Perm(len(w.managers)) {
		m := w.managers[i]
		if len(w.bridgers) < 6 && m.dept != w.silo && m.dept != w.bridge && m != w.manager {
			w.bridgers = append(w.bridgers, m)
		}
	}
}

// pick returns n distinct people from pool, skipping those in taken (and marking the
// chosen ones taken).
// br is the i-th bridger, cycling; a small organization may have few.
func (w *collab) br(i int) *person {
	if len(w.bridgers) == 0 {
		return w.managers[i%len(w.managers)]
	}
	return w.bridgers[i%len(w.bridgers)]
}

func (w *collab) pick(n int, pool []*person, taken map[*person]bool) []*person {
	var out []*person
	for _, i := range w.g.rng.Perm(len(pool)) {
		if len(out) == n {
			break
		}
		p := pool[i]
		if taken[p] || p.level < 2 {
			continue
		}
		taken[p] = true
		out = append(out, p)
	}
	return out
}

// mixed returns n people from different departments (never the silo), starting with
// anchor when given and not taken already.
func (w *collab) mixed(n int, anchor *person, taken map[*person]bool) []*person {
	var out []*person
	if anchor != nil && !taken[anchor] {
		out = append(out, anchor)
		taken[anchor] = true
	}
	order := w.g.rng.Perm(len(w.depts))
	for k := 0; len(out) < n && k < 4*len(w.depts); k++ {
		d := w.depts[order[k%len(order)]]
		if d == w.silo {
			continue
		}
		out = append(out, w.pick(1, w.byDept[d], taken)...)
	}
	return out
}

func (w *collab) idsOf(ps []*person) []int64 {
	out := make([]int64, 0, len(ps))
	for _, p := range ps {
		out = append(out, w.id(p))
	}
	return out
}

func (w *collab) head(dept string) *person {
	for _, p := range w.byDept[dept] {
		if p.level == 2 {
			return p
		}
	}
	return w.all[0]
}

// pastHackathon is the finished hackathon: five teams, one of them drawn from the silo
// department alone, judged by three judges (one of whom is on a team and so did not
// score it), with audience votes and winners. It returns the winning team's index.
func (w *collab) pastHackathon() (model.HackathonSeed, int) {
	rng := w.g.rng
	t := w.txt.Past
	start := w.daysAgo(121)
	ceo, hrHead, judge3 := w.all[0], w.head(w.depts[len(w.depts)-1]), w.head(w.depts[1])
	for _, j := range []*person{ceo, hrHead, judge3} {
		w.judges[j.emp] = true
	}
	h := model.HackathonSeed{
		HackathonInput: model.HackathonInput{Title: t.Title, Theme: t.Theme, Description: t.Description, StartsOn: w.day(start), EndsOn: w.day(start.AddDate(0, 0, 1)),
			VotesCloseOn: w.day(start.AddDate(0, 0, 6)), TeamMin: 2, TeamMax: 5, Weights: model.DefaultRubric, JudgeIDs: w.idsOf([]*person{ceo, hrHead, judge3})},
		Status: model.HackFinished, OrganizerID: w.id(hrHead), CreatedAt: start.AddDate(0, 0, -40).Unix(),
	}
	for _, ch := range t.Challenges {
		h.Challenges = append(h.Challenges, model.ChallengeInput{Title: ch.Title, Description: ch.Description, ObjectiveID: w.obj(ch.Objective)})
	}
	taken := map[*person]bool{ceo: true, hrHead: true, judge3: true}
	names := []string{"Field Notes", "Second Life", "Common Ground", "Quiet Engine", "Full Circle"}
	var teams [][]*person
	teams = append(teams, w.mixed(5, w.manager, taken))       // the winner, led by the demo manager
	teams = append(teams, w.mixed(4, w.br(0), taken))         // a bridger's team
	teams = append(teams, w.mixed(4, judge3, taken))          // a judge's own team
	teams = append(teams, w.pick(4, w.byDept[w.silo], taken)) // the silo keeps to itself
	teams = append(teams, w.mixed(3, w.br(1), taken))
	scores := [][4]int{{5, 4, 5, 4}, {4, 4, 4, 5}, {4, 3, 4, 4}, {3, 4, 3, 3}, {3, 3, 4, 2}}
	for ti, members := range teams {
		sub := t.Submissions[ti%len(t.Submissions)]
		ts := model.TeamSeed{Name: names[ti], Challenge: ti % len(h.Challenges), Members: w.idsOf(members), At: start.AddDate(0, 0, -10+ti).Unix(),
			Submission:  &model.SubmissionInput{Title: sub.Title, Description: sub.Description, ImpactHypothesis: sub.Impact, Links: "https://example.org/hackathon/" + fmt.Sprint(ti+1)},
			SubmittedAt: start.AddDate(0, 0, 1).Add(time.Duration(ti) * time.Hour).Unix()}
		for _, j := range []*person{ceo, hrHead, judge3} {
			if ti == 2 && j == judge3 {
				continue // conflict of interest: a judge never scores their own team
			}
			s := scores[ti]
			jit := func(v int) int { return max(1, min(5, v+rng.IntN(3)-1)) }
			if j == ceo {
				jit = func(v int) int { return v }
			}
			ts.Scores = append(ts.Scores, model.ScoreSeed{JudgeID: w.id(j), ScoreInput: model.ScoreInput{Impact: jit(s[0]), Feasibility: jit(s[1]), Alignment: jit(s[2]), Innovation: jit(s[3]),
				Comment: []string{"Clear impact hypothesis.", "Would like to see the cost.", "Strong link to our purpose.", "Simple and doable."}[rng.IntN(4)]}})
		}
		h.Teams = append(h.Teams, ts)
		teams[ti] = members
	}
	// The places follow the judges' scores, as the organizers published them.
	judged := make([]float64, len(h.Teams))
	for ti, ts := range h.Teams {
		for _, sc := range ts.Scores {
			judged[ti] += h.Weights.Score(float64(sc.Impact), float64(sc.Feasibility), float64(sc.Alignment), float64(sc.Innovation)) / float64(len(ts.Scores))
		}
	}
	order := make([]int, len(h.Teams))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return judged[order[a]] > judged[order[b]] })
	for place, ti := range order[:3] {
		h.Teams[ti].Place = place + 1
	}
	// Audience votes: the crowd likes the fourth and first teams best.
	inTeam := map[*person]int{}
	for ti, members := range teams {
		for _, m := range members {
			inTeam[m] = ti + 1
		}
	}
	prefs := []int{0, 0, 3, 3, 3, 1, 2, 4, 0, 3}
	votes := make([]int, len(teams))
	for _, i := range rng.Perm(len(w.all)) {
		p := w.all[i]
		if len(h.Votes) >= len(w.all)/4 || p.level < 2 {
			continue
		}
		v := prefs[rng.IntN(len(prefs))]
		if inTeam[p] == v+1 {
			continue
		}
		votes[v]++
		h.Votes = append(h.Votes, model.VoteSeed{PersonID: w.id(p), Team: v, At: start.AddDate(0, 0, 2).Unix()})
	}
	best := 0
	for ti := range votes {
		if votes[ti] > votes[best] {
			best = ti
		}
	}
	h.Teams[best].AudienceChoice = true
	for _, p := range w.pick(6, w.all, taken) {
		h.Unteamed = append(h.Unteamed, w.id(p))
	}
	return h, order[0]
}

// openHackathon is open for registration: three teams formed, people looking for a team,
// and the demo employee not registered yet.
func (w *collab) openHackathon() model.HackathonSeed {
	t := w.txt.Open
	start := w.now.AddDate(0, 0, 16)
	ceo, hrHead := w.all[0], w.head(w.depts[len(w.depts)-1])
	h := model.HackathonSeed{
		HackathonInput: model.HackathonInput{Title: t.Title, Theme: t.Theme, Description: t.Description, StartsOn: w.day(start), EndsOn: w.day(start.AddDate(0, 0, 1)),
			VotesCloseOn: w.day(start.AddDate(0, 0, 7)), TeamMin: 2, TeamMax: 5, Weights: model.Rubric{Impact: 0.35, Feasibility: 0.2, Alignment: 0.3, Innovation: 0.15},
			JudgeIDs: w.idsOf([]*person{ceo, hrHead, w.head(w.depts[2])})},
		Status: model.HackRegistration, OrganizerID: w.id(hrHead), CreatedAt: w.daysAgo(12).Unix(),
	}
	for _, ch := range t.Challenges {
		h.Challenges = append(h.Challenges, model.ChallengeInput{Title: ch.Title, Description: ch.Description, ObjectiveID: w.obj(ch.Objective)})
	}
	taken := map[*person]bool{ceo: true, hrHead: true, w.employee: true}
	for _, m := range w.employee.reports {
		taken[m] = true
	}
	names := []string{"Root Cause", "Green Shift", "Night Owls"}
	for ti := range names {
		var members []*person
		if ti == 2 {
			members = w.pick(2, w.byDept[w.silo], taken)
		} else {
			members = w.mixed(3, w.br(2+ti), taken)
		}
		h.Teams = append(h.Teams, model.TeamSeed{Name: names[ti], Challenge: ti % len(h.Challenges), Members: w.idsOf(members), At: w.daysAgo(float64(10 - ti)).Unix()})
	}
	for _, p := range w.pick(9, w.all, taken) {
		h.Unteamed = append(h.Unteamed, w.id(p))
	}
	return h
}

// initiatives are the scenario's seven initiatives and the past hackathon's winner.
func (w *collab) initiatives(past model.HackathonSeed, winner int) []model.InitiativeSeed {
	rng := w.g.rng
	var out []model.InitiativeSeed
	statuses := []model.InitiativeStatus{model.InitiativeActive, model.InitiativeActive, model.InitiativeActive, model.InitiativeCompleted,
		model.InitiativeActive, model.InitiativeProposed, model.InitiativeActive}
	startAgo := []float64{200, 150, 320, 300, 90, 5, 260}
	for i, it := range w.txt.Initiatives {
		if i >= len(statuses) {
			break
		}
		taken := map[*person]bool{}
		var lead *person
		var members []*person
		switch {
		case i == 0:
			lead = w.manager
			members = w.mixed(6, lead, taken)
			members = append(members, w.br(0), w.br(4))
		case i == 6: // the silo's own initiative: one department only
			lead = w.managerIn(w.silo)
			members = append([]*person{lead}, w.pick(5, w.byDept[w.silo], map[*person]bool{lead: true})...)
		default:
			lead = w.managers[(i*7+3)%len(w.managers)]
			if lead.dept == w.silo || lead == w.manager {
				lead = w.managers[(i*11+5)%len(w.managers)]
			}
			members = w.mixed(3+rng.IntN(5), lead, taken)
			members = append(members, w.br(i))
			if i%2 == 0 {
				members = append(members, w.br(i+3))
			}
		}
		start := w.daysAgo(startAgo[i])
		in := model.InitiativeInput{Title: it.Title, Mission: it.Mission, SponsorID: w.id(w.head(lead.dept)), LeadID: w.id(lead), Status: statuses[i],
			StartsOn: w.day(start), ObjectiveIDs: w.objs(it.Objective)}
		if i == 1 || i == 6 {
			in.SponsorID = w.id(w.all[0])
		}
		if statuses[i] == model.InitiativeCompleted {
			in.EndsOn = w.day(w.daysAgo(30))
			in.Outcomes = it.Outcomes
		} else if i%3 == 0 {
			in.EndsOn = w.day(start.AddDate(1, 0, 0))
		}
		s := model.InitiativeSeed{InitiativeInput: in, CreatedAt: start.AddDate(0, 0, -7).Unix()}
		seen := map[*person]bool{}
		for k, m := range members {
			if seen[m] {
				continue
			}
			seen[m] = true
			s.Members = append(s.Members, model.MemberSeed{PersonID: w.id(m), Role: memberRoles[(i+k)%len(memberRoles)], JoinedAt: start.AddDate(0, 0, k*3).Unix()})
		}
		done := len(it.Milestones) * []int{2, 1, 2, 3, 1, 0, 1}[i] / 3
		if statuses[i] == model.InitiativeCompleted {
			done = len(it.Milestones)
		}
		for k, m := range it.Milestones {
			ms := model.MilestoneSeed{Title: m, DueOn: w.day(start.AddDate(0, 2*(k+1), 0))}
			if k < done {
				ms.DoneAt = start.AddDate(0, 2*(k+1), -3).Unix()
			}
			s.Milestones = append(s.Milestones, ms)
		}
		if statuses[i].Open() && i != 6 {
			for _, p := range w.pick(1+i%2, w.all, seen) {
				s.Requests = append(s.Requests, model.JoinSeed{PersonID: w.id(p), Message: "I would like to help; I have worked on something similar.", At: w.daysAgo(float64(3 + i)).Unix()})
			}
		}
		out = append(out, s)
	}
	// The winner of the past hackathon became an initiative.
	team := past.Teams[winner]
	sub := team.Submission
	start := w.daysAgo(100)
	s := model.InitiativeSeed{InitiativeInput: model.InitiativeInput{Title: sub.Title, Mission: sub.Description + "\n\nImpact hypothesis: " + sub.ImpactHypothesis,
		SponsorID: w.id(w.all[0]), LeadID: team.Members[0], Status: model.InitiativeActive, StartsOn: w.day(start),
		ObjectiveIDs: w.objs(w.txt.Past.Challenges[team.Challenge].Objective)}, CreatedAt: start.Unix(), FromHackathon: 1, FromTeam: winner + 1}
	for k, m := range team.Members {
		s.Members = append(s.Members, model.MemberSeed{PersonID: m, Role: "Hackathon team", JoinedAt: start.Unix() + int64(k)})
	}
	s.Milestones = []model.MilestoneSeed{{Title: "Pilot agreed with two teams", DueOn: w.day(start.AddDate(0, 1, 0)), DoneAt: start.AddDate(0, 1, -2).Unix()},
		{Title: "Pilot results reviewed", DueOn: w.day(start.AddDate(0, 4, 0))}}
	return append(out, s)
}

func (w *collab) managerIn(dept string) *person {
	for _, m := range w.managers {
		if m.dept == dept {
			return m
		}
	}
	return w.head(dept)
}

// posts writes about 150 posts of the hub: 90 ideas, 35 best practices, 25 stories.
func (w *collab) posts() []model.PostSeed {
	rng := w.g.rng
	var texts []postText
	var kinds []model.PostKind
	ideas := append(append([]postText(nil), w.txt.Ideas...), genericIdeas...)
	// Pairs of departments that could work together, for the rest of the ideas.
	for a := 0; a < len(w.depts) && len(ideas) < 90; a++ {
		for b := a + 1; b < len(w.depts) && len(ideas) < 90; b++ {
			ideas = append(ideas, postText{Title: fmt.Sprintf("Joint planning day for %s and %s", w.depts[a], w.depts[b]),
				Body: fmt.Sprintf("Half a day each quarter where %s and %s plan the next quarter together, so handovers stop surprising either side.", w.depts[a], w.depts[b]),
				Tags: []string{"collaboration", "planning"}})
		}
	}
	for a := 0; a < len(w.depts) && len(ideas) < 93; a++ {
		for b := len(w.depts) - 1; b > a && len(ideas) < 93; b-- {
			ideas = append(ideas, postText{Title: fmt.Sprintf("%s open hour for %s", w.depts[a], w.depts[b]),
				Body: fmt.Sprintf("Once a month %s holds an open hour where %s colleagues bring questions and half-finished work.", w.depts[a], w.depts[b]),
				Tags: []string{"collaboration", "learning"}})
		}
	}
	for _, t := range ideas[:min(93, len(ideas))] {
		texts, kinds = append(texts, t), append(kinds, model.KindIdea)
	}
	for _, t := range genericPractices {
		texts, kinds = append(texts, t), append(kinds, model.KindPractice)
	}
	for _, t := range genericStories {
		texts, kinds = append(texts, t), append(kinds, model.KindStory)
	}
	managerNames := map[string]string{}
	for _, p := range w.all {
		managerNames[p.emp] = p.name
	}
	hrName := w.head(w.depts[len(w.depts)-1]).name
	var out []model.PostSeed
	for i, t := range texts {
		// Authors: the demo employee and manager write a few; the silo's people write
		// among themselves; everyone else at random.
		var author *person
		switch {
		case i%37 == 5:
			author = w.employee
		case i%29 == 3:
			author = w.manager
		default:
			author = w.all[1+rng.IntN(len(w.all)-1)]
		}
		created := w.daysAgo(5 + rng.Float64()*395)
		if author == w.employee {
			created = w.daysAgo(3 + float64(i))
		}
		s := model.PostSeed{PostInput: model.PostInput{Kind: kinds[i], Title: t.Title, Body: t.Body, Tags: t.Tags}, AuthorID: w.id(author), CreatedAt: created.Unix()}
		if rng.IntN(3) == 0 {
			s.ObjectiveID = w.obj(rng.IntN(max(1, len(w.objIDs))))
		}
		// Co-authors: a quarter of posts. The silo writes with its own department; the
		// bridges with anyone.
		if rng.IntN(4) == 0 || contains2(w.bridgers, author) {
			pool := w.all
			if author.dept == w.silo {
				pool = w.byDept[w.silo]
			} else if !contains2(w.bridgers, author) {
				pool = w.byDept[author.dept]
			}
			for _, co := range w.pick(1+rng.IntN(2), pool, map[*person]bool{author: true}) {
				s.CoAuthorIDs = append(s.CoAuthorIDs, w.id(co))
			}
		}
		reviewer := hrName
		if author.manager != "" {
			reviewer = managerNames[author.manager]
		}
		age := w.now.Sub(created).Hours() / 24
		step := func(to model.PostStatus, frac float64, reason string) {
			s.Steps = append(s.Steps, model.StepSeed{To: to, Reason: reason, By: reviewer, At: created.Add(time.Duration(frac*age*24) * time.Hour).Unix()})
		}
		if kinds[i].HasWorkflow() {
			r := rng.Float64()
			switch {
			case kinds[i] == model.KindPractice && r < 0.85, kinds[i] == model.KindIdea && r < 0.3 && age > 30:
				step(model.PostUnderReview, 0.1, "")
				step(model.PostAdopted, 0.3, "")
				if rng.IntN(2) == 0 || kinds[i] == model.KindIdea {
					step(model.PostImplemented, 0.3+rng.Float64()*0.6, "")
				}
			case r < 0.45:
				step(model.PostUnderReview, 0.2, "")
			case r < 0.55 && age > 14:
				step(model.PostUnderReview, 0.2, "")
				step(model.PostDeclined, 0.5, declineReasons[rng.IntN(len(declineReasons))])
			}
		}
		// Votes and comments: a few posts are popular, most get a handful.
		nv := int(math.Min(60, math.Floor(-math.Log(1-rng.Float64())*6)))
		if kinds[i] == model.KindPractice {
			nv += 3
		}
		for _, v := range w.pick(nv, w.all, map[*person]bool{author: true}) {
			s.Voters = append(s.Voters, w.id(v))
		}
		for k := 0; k < rng.IntN(5); k++ {
			cm := model.CommentSeed{AuthorID: w.id(w.all[1+rng.IntN(len(w.all)-1)]), Body: commentTexts[rng.IntN(len(commentTexts))], At: created.Add(time.Duration(k+1) * 20 * time.Hour).Unix()}
			if rng.IntN(3) == 0 {
				cm.Replies = append(cm.Replies, model.CommentSeed{AuthorID: w.id(author), Body: replyTexts[rng.IntN(len(replyTexts))], At: cm.At + 3600})
			}
			s.Comments = append(s.Comments, cm)
		}
		// Best practices are adopted by teams across the last year.
		if kinds[i] == model.KindPractice && len(s.Steps) >= 2 {
			adoptedAt := time.Unix(s.Steps[1].At, 0)
			for _, k := range rng.Perm(len(w.managers))[:rng.IntN(7)] {
				m := w.managers[k]
				if m.dept == w.silo && rng.IntN(3) > 0 {
					continue
				}
				on := adoptedAt.Add(time.Duration(rng.Float64()*w.now.Sub(adoptedAt).Hours()) * time.Hour)
				s.Adoptions = append(s.Adoptions, model.AdoptionSeed{TeamManagerID: w.id(m), AdoptedOn: w.day(on), Note: "Tried it for a month; keeping it."})
			}
		}
		out = append(out, s)
	}
	return out
}

func contains2(ps []*person, p *person) bool {
	for _, x := range ps {
		if x == p {
			return true
		}
	}
	return false
}

// corps is the service corps program: six projects, applications from across the
// organization, a cohort chosen by the same balanced selection the organizers' assistant
// uses (stats.BalancedSelect), hours and beneficiaries logged, reflections and skills.
func (w *collab) corps() model.ProgramSeed {
	rng := w.g.rng
	t := w.txt.Corps
	start := w.daysAgo(60)
	p := model.ProgramSeed{ServiceProgramInput: model.ServiceProgramInput{Name: t.Name, Description: t.Description, StartsOn: w.day(start),
		EndsOn: w.day(w.now.AddDate(0, 0, 60)), ApplyBy: w.day(start.AddDate(0, 0, -14))}, Status: model.ServiceRunning, CreatedAt: start.AddDate(0, 0, -45).Unix()}
	deptIdx, locIdx := map[string]int{}, map[string]int{}
	for i, d := range w.depts {
		deptIdx[d] = i
	}
	for i, l := range w.g.sc.Locations {
		locIdx[l] = i
	}
	type app struct {
		who *person
		at  int64
	}
	apps := make([][]app, len(t.Projects))
	slots := make([]stats.Slot, len(t.Projects))
	applied := map[*person]bool{}
	appID := int64(0)
	byID := map[int64]struct {
		project int
		who     *person
	}{}
	for j := range t.Projects {
		slots[j].Capacity = 4 + rng.IntN(4)
		n := slots[j].Capacity + 2 + rng.IntN(5)
		var pool []*person
		for _, q := range w.all {
			// The silo rarely applies; the bridges always do.
			if q.level >= 3 && (q.dept != w.silo || rng.IntN(6) == 0) {
				pool = append(pool, q)
			}
		}
		first := map[*person]bool{}
		var chosen []*person
		if j < 2 {
			chosen = append(chosen, w.br(j))
			first[w.br(j)] = true
		}
		chosen = append(chosen, w.pick(n, pool, first)...)
		for k, q := range chosen {
			at := start.AddDate(0, 0, -40+k+j).Unix()
			apps[j] = append(apps[j], app{q, at})
			appID++
			byID[appID] = struct {
				project int
				who     *person
			}{j, q}
			slots[j].Candidates = append(slots[j].Candidates, stats.Candidate{ID: appID, Person: w.id(q), Group: deptIdx[q.dept], Place: locIdx[q.loc], Order: at})
			applied[q] = true
		}
	}
	selected := map[*person]int{} // person → project
	for j, ids := range stats.BalancedSelect(slots) {
		for _, id := range ids {
			selected[byID[id].who] = j
		}
	}
	for j, pt := range t.Projects {
		pstart := start.AddDate(0, 0, 7*j)
		pend := pstart.AddDate(0, 0, 21+rng.IntN(30))
		ps := model.ProjectSeed{ServiceProjectInput: model.ServiceProjectInput{Title: pt.Title, Description: pt.Description, Place: pt.Place, Partner: pt.Partner,
			StartsOn: w.day(pstart), EndsOn: w.day(pend), Capacity: slots[j].Capacity, Skills: pt.Skills}}
		for _, a := range apps[j] {
			status := model.AppWaitlisted
			if pj, ok := selected[a.who]; ok && pj == j {
				status = model.AppSelected
			}
			ps.Applications = append(ps.Applications, model.ApplicationSeed{PersonID: w.id(a.who), Motivation: motivationTexts[rng.IntN(len(motivationTexts))], Status: status, At: a.at})
			if status != model.AppSelected {
				continue
			}
			for d := pstart; d.Before(w.now) && d.Before(pend); d = d.AddDate(0, 0, 5+rng.IntN(9)) {
				ps.Logs = append(ps.Logs, model.LogSeed{PersonID: w.id(a.who), ServiceLogInput: model.ServiceLogInput{WorkedOn: w.day(d),
					Hours: float64(2 + rng.IntN(7)), Beneficiaries: rng.IntN(40), Note: logNotes[rng.IntN(len(logNotes))]}, At: d.Unix()})
			}
			if rng.IntN(2) == 0 && pstart.Before(w.now) {
				ps.Reflections = append(ps.Reflections, model.ReflectionSeed{PersonID: w.id(a.who), Body: reflectionTexts[rng.IntN(len(reflectionTexts))],
					Shared: rng.IntN(5) < 2, At: min(w.now.Unix(), pstart.AddDate(0, 0, 10).Unix())})
			}
			if rng.IntN(3) > 0 && pstart.Before(w.now) && len(pt.Skills) > 0 {
				ps.Skills = append(ps.Skills, model.SkillSeed{PersonID: w.id(a.who), Skills: pt.Skills[:1+rng.IntN(len(pt.Skills))], NotedOn: w.day(pstart.AddDate(0, 0, 14))})
			}
		}
		p.Projects = append(p.Projects, ps)
	}
	return p
}
