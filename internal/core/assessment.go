package core

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"time"

	"throughline/internal/model"
	"throughline/internal/store"
)

// 360 assessments of the leadership competencies. The rules, in one place:
//   - hr and admin start an assessment for anyone, a person for themselves, and a
//     manager for someone in their reporting line. Raters are frozen at launch: the
//     person (self), their manager, peers (their manager's other direct reports, up to
//     eight, and any chosen), and their direct reports. So is the anonymity threshold k.
//   - Each rater answers once (assessment_raters.answered). Ratings are stored only as
//     counts per relation, competency and level (assessment_tallies): nothing links a
//     rating to the person who gave it.
//   - Results exist only once the assessment has closed, so no one can watch a figure
//     move as a particular person answers.
//   - Self and manager ratings are shown as they are: each is one known person and
//     identifiable by nature. Peers' ratings are shown aggregated, for a competency that
//     at least model.PeerMinimum peers rated. Direct reports' ratings go through the
//     anonymity engine (anonymity.go) with threshold k: the reports who answered form one
//     atom; the group is shown only when it has at least k respondents, and, per
//     competency, only when at least k of them rated it (rule 5).
//   - "Others" (everyone but the person) is the sum of the shown groups only. A hidden
//     group is never part of any figure, so no figure minus another reveals it: others
//     minus manager minus peers is exactly the shown reports, or nothing.
//   - The person, their managers above, hr and admin read the results; the person's
//     reviews show them too (review.go).

// Job kind of assessments.
const jobCloseAssessment = "assessment.close"

type assessmentPayload struct {
	AssessmentID int64 `json:"assessment_id"`
}

func init() {
	RegisterJobKind(jobCloseAssessment, func(ctx context.Context, c *Core, j model.Job) error {
		var p assessmentPayload
		if err := json.Unmarshal([]byte(j.Payload), &p); err != nil {
			return err
		}
		return c.write(ctx, func(tx *store.Tx) error {
			_, err := tx.CloseAssessment(ctx, p.AssessmentID)
			return err
		})
	})
}

// maxDefaultPeers is how many of the manager's other reports are asked by default.
const maxDefaultPeers = 8

// canStartAssessment reports whether actor may start, close and read the 360s of a
// person: hr, admin, the person, and the managers above them.
func canReadAssessments(actor model.Actor, subject model.Person) bool {
	return actor.SeesEveryone() || (actor.PersonID != 0 && actor.PersonID == subject.ID) || isUnder(subject.Path, actor.Line)
}

// StartAssessment launches a 360 assessment of a person, open from today until its
// closing day, with its raters and the anonymity threshold frozen now.
func (c *Core) StartAssessment(ctx context.Context, actor model.Actor, in model.AssessmentInput) (int64, error) {
	if err := requireSignedIn(actor); err != nil {
		return 0, err
	}
	if err := in.Validate(); err != nil {
		return 0, err
	}
	var id int64
	err := c.write(ctx, func(tx *store.Tx) error {
		var v model.Validator
		subject, err := activePerson(ctx, tx, &v, in.SubjectID, "subject_id", "Choose an active person to be assessed.")
		if err != nil {
			return err
		}
		if err := v.Err(); err != nil {
			return err
		}
		if !canReadAssessments(actor, subject) {
			return model.Forbidden()
		}
		day := today(tx)
		max := addDays(day, 90)
		if in.ClosesOn < day || in.ClosesOn > max {
			msg := "Close the assessment between today and 90 days from now."
			return &model.Error{Code: model.CodeInvalid, Message: msg, Fields: map[string]string{"closes_on": msg}}
		}
		open, err := tx.FindAssessments(ctx, store.AssessmentFilter{SubjectIDs: []int64{subject.ID}, Status: model.AssessmentOpen})
		if err != nil {
			return err
		}
		if len(open) > 0 {
			return model.Errorf(model.CodeConflict, "%s already has an open 360 assessment, closing %s.", subject.Name, open[0].ClosesOn)
		}
		raters, err := freezeRaters(ctx, tx, subject, in.PeerIDs)
		if err != nil {
			return err
		}
		k, err := threshold(ctx, tx)
		if err != nil {
			return err
		}
		title := in.Title
		if title == "" {
			title = "360 assessment, " + model.CurrentQuarter(tx.Now())
		}
		id, err = tx.CreateAssessment(ctx, store.AssessmentRecord{SubjectID: subject.ID, Title: title, OpensOn: day, ClosesOn: in.ClosesOn, MinGroup: k}, raters)
		if err != nil {
			return err
		}
		closeAt, _ := time.Parse("2006-01-02", in.ClosesOn)
		if err := enqueue(ctx, tx, jobCloseAssessment, "assessment.close:"+strconv.FormatInt(id, 10), assessmentPayload{id}, closeAt.AddDate(0, 0, 1).Unix()); err != nil {
			return err
		}
		return audit(ctx, tx, actor, "assessment_started", "assessment", id, fmt.Sprintf("person %d; %d raters", subject.ID, len(raters)))
	})
	return id, err
}

// freezeRaters chooses the raters of a person's assessment.
func freezeRaters(ctx context.Context, tx *store.Tx, subject model.Person, extraPeers []int64) ([]store.RaterRow, error) {
	out := []store.RaterRow{{PersonID: subject.ID, Relation: model.RelSelf}}
	seen := map[int64]bool{subject.ID: true}
	add := func(id int64, rel model.Relation) {
		if id != 0 && !seen[id] {
			seen[id] = true
			out = append(out, store.RaterRow{PersonID: id, Relation: rel})
		}
	}
	if subject.ManagerID != 0 {
		m, err := tx.FindPersonByID(ctx, subject.ManagerID)
		if err != nil {
			return nil, err
		}
		if m.Active {
			add(m.ID, model.RelManager)
		}
	}
	reports, err := tx.FindAllPeople(ctx, model.PersonFilter{ManagerID: subject.ID})
	if err != nil {
		return nil, err
	}
	for _, r := range reports {
		add(r.ID, model.RelReport)
	}
	if subject.ManagerID != 0 {
		peers, err := tx.FindAllPeople(ctx, model.PersonFilter{ManagerID: subject.ManagerID})
		if err != nil {
			return nil, err
		}
		n := 0
		for _, p := range peers {
			if n < maxDefaultPeers && !seen[p.ID] {
				add(p.ID, model.RelPeer)
				n++
			}
		}
	}
	var v model.Validator
	for _, id := range extraPeers {
		if seen[id] {
			continue
		}
		p, err := activePerson(ctx, tx, &v, id, "peer_ids", "Every peer must be an active person.")
		if err != nil {
			return nil, err
		}
		if p.ID != 0 {
			add(p.ID, model.RelPeer)
		}
	}
	return out, v.Err()
}

// AssessmentsHub is the 360 page: what the actor is asked to rate, their own 360s, and
// the 360s of people they may read (their reporting line; everyone for hr and admin).
type AssessmentsHub struct {
	ToAnswer []model.Assessment
	Mine     []model.Assessment
	Line     []model.Assessment
	Reports  []model.Person // whom a manager may start a 360 for
	CanStart bool           // for anyone (hr and admin)
	Today    string
}

// Assessments returns the actor's 360 page.
func (c *Core) Assessments(ctx context.Context, actor model.Actor) (AssessmentsHub, error) {
	if err := requireSignedIn(actor); err != nil {
		return AssessmentsHub{}, err
	}
	var h AssessmentsHub
	err := c.read(ctx, func(tx *store.Tx) (err error) {
		h.Today = today(tx)
		h.CanStart = actor.SeesEveryone()
		if actor.PersonID != 0 {
			if h.ToAnswer, err = tx.RaterAssessments(ctx, actor.PersonID); err != nil {
				return err
			}
			if h.Mine, err = tx.FindAssessments(ctx, store.AssessmentFilter{SubjectIDs: []int64{actor.PersonID}, Limit: 20}); err != nil {
				return err
			}
			if h.Reports, err = tx.FindAllPeople(ctx, model.PersonFilter{ManagerID: actor.PersonID}); err != nil {
				return err
			}
			for i := range h.Reports {
				h.Reports[i] = h.Reports[i].Directory()
			}
		}
		var f store.AssessmentFilter
		switch {
		case actor.SeesEveryone():
			f.Limit = 100
		case actor.Line != "":
			f.Under, f.Limit = actor.Line, 100
		default:
			return nil
		}
		h.Line, err = tx.FindAssessments(ctx, f)
		return err
	})
	hideAnswered(h.Mine, h.Line, h.ToAnswer)
	return h, err
}

// hideAnswered drops how many raters answered: it is not told while an assessment is
// open, since watching the count move would show who answered when, and once closed the
// results tell it per shown group only.
func hideAnswered(lists ...[]model.Assessment) {
	for _, l := range lists {
		for i := range l {
			l[i].Answered = 0
		}
	}
}

// AssessmentForm is what a rater sees to answer.
type AssessmentForm struct {
	Assessment   model.Assessment
	Relation     model.Relation
	Answered     bool
	Competencies []model.Competency
	Anonymous    bool // the rater is a direct report
}

// AssessmentToAnswer returns an open assessment for one of its raters.
func (c *Core) AssessmentToAnswer(ctx context.Context, actor model.Actor, id int64) (AssessmentForm, error) {
	if err := requirePerson(actor); err != nil {
		return AssessmentForm{}, err
	}
	var f AssessmentForm
	err := c.read(ctx, func(tx *store.Tx) error {
		a, err := tx.FindAssessmentByID(ctx, id)
		if err != nil {
			return notFound(err, "assessment")
		}
		r, err := tx.RaterOf(ctx, id, actor.PersonID)
		if err != nil {
			return notFound(err, "assessment")
		}
		if a.Status != model.AssessmentOpen {
			return model.Errorf(model.CodeConflict, "This assessment closed on %s.", a.ClosesOn)
		}
		f = AssessmentForm{Assessment: a, Relation: r.Relation, Answered: r.Answered, Competencies: model.Competencies, Anonymous: r.Relation == model.RelReport || r.Relation == model.RelPeer}
		return nil
	})
	return f, err
}

// SubmitRatings records one rater's answers, once, while the assessment is open. The
// ratings are added to the counts of the rater's relation; the rater is marked as having
// answered in the same transaction. Nothing is written to the audit log, which would
// otherwise record who answered when.
func (c *Core) SubmitRatings(ctx context.Context, actor model.Actor, id int64, in model.RatingsInput) error {
	if err := requirePerson(actor); err != nil {
		return err
	}
	if err := in.Validate(); err != nil {
		return err
	}
	return c.write(ctx, func(tx *store.Tx) error {
		a, err := tx.FindAssessmentByID(ctx, id)
		if err != nil {
			return notFound(err, "assessment")
		}
		r, err := tx.RaterOf(ctx, id, actor.PersonID)
		if err != nil {
			return notFound(err, "assessment")
		}
		if a.Status != model.AssessmentOpen {
			return model.Errorf(model.CodeConflict, "This assessment closed on %s.", a.ClosesOn)
		}
		ok, err := tx.MarkAnswered(ctx, id, actor.PersonID)
		if err != nil {
			return err
		}
		if !ok {
			return model.Errorf(model.CodeConflict, "You have already answered this assessment. Answers cannot be changed.")
		}
		return tx.AddRatings(ctx, id, r.Relation, in.Ratings)
	})
}

// CloseAssessment closes an open assessment now: results appear, and no one can answer
// any more. hr, admin, the person and their managers above.
func (c *Core) CloseAssessment(ctx context.Context, actor model.Actor, id int64) error {
	if err := requireSignedIn(actor); err != nil {
		return err
	}
	return c.write(ctx, func(tx *store.Tx) error {
		a, _, err := readableAssessment(ctx, tx, actor, id)
		if err != nil {
			return err
		}
		ok, err := tx.CloseAssessment(ctx, a.ID)
		if err != nil {
			return err
		}
		if !ok {
			return model.Errorf(model.CodeConflict, "This assessment is already closed.")
		}
		if err := tx.CancelJob(ctx, "assessment.close:"+strconv.FormatInt(id, 10)); err != nil {
			return err
		}
		return audit(ctx, tx, actor, "assessment_closed", "assessment", id, "")
	})
}

func readableAssessment(ctx context.Context, tx *store.Tx, actor model.Actor, id int64) (model.Assessment, model.Person, error) {
	a, err := tx.FindAssessmentByID(ctx, id)
	if err != nil {
		return a, model.Person{}, notFound(err, "assessment")
	}
	subject, err := tx.FindPersonByID(ctx, a.SubjectID)
	if err != nil {
		return a, subject, err
	}
	if !canReadAssessments(actor, subject) {
		return a, subject, model.NotFound("assessment")
	}
	return a, subject, nil
}

// AssessmentResults returns a closed assessment's results through the anonymity rules.
// The person, their managers above, hr and admin.
func (c *Core) AssessmentResults(ctx context.Context, actor model.Actor, id int64) (model.AssessmentResults, error) {
	if err := requireSignedIn(actor); err != nil {
		return model.AssessmentResults{}, err
	}
	var out model.AssessmentResults
	err := c.read(ctx, func(tx *store.Tx) error {
		a, _, err := readableAssessment(ctx, tx, actor, id)
		if err != nil {
			return err
		}
		if a.Status != model.AssessmentClosed {
			return &model.Error{Code: model.CodeConflict, Message: fmt.Sprintf("Results appear when the assessment closes, on %s, so that no one can watch them change as people answer.", a.ClosesOn)}
		}
		rs, err := loadResults(ctx, tx, []model.Assessment{a})
		if err != nil {
			return err
		}
		out = rs[a.ID]
		return nil
	})
	return out, err
}

// loadResults computes the results of closed assessments with two queries.
func loadResults(ctx context.Context, tx *store.Tx, as []model.Assessment) (map[int64]model.AssessmentResults, error) {
	out := map[int64]model.AssessmentResults{}
	if len(as) == 0 {
		return out, nil
	}
	const chunk = 10000 // ids per query, well under the engines' parameter limits
	for start := 0; start < len(as); start += chunk {
		part := as[start:min(start+chunk, len(as))]
		ids := make([]int64, len(part))
		for i, a := range part {
			ids[i] = a.ID
		}
		counts, err := tx.RatingCounts(ctx, ids)
		if err != nil {
			return nil, err
		}
		answered, err := tx.AnsweredByRelation(ctx, ids)
		if err != nil {
			return nil, err
		}
		byID := map[int64][]store.RatingCount{}
		for _, c := range counts {
			byID[c.AssessmentID] = append(byID[c.AssessmentID], c)
		}
		for _, a := range part {
			out[a.ID] = AssessmentResultsOf(a, byID[a.ID], answered[a.ID])
		}
	}
	return out, nil
}

// AssessmentResultsOf computes the results of a closed assessment from its counts and
// the number of raters of each relation who answered, by the rules at the top of this
// file. It is exported for tests of the rules.
func AssessmentResultsOf(a model.Assessment, counts []store.RatingCount, answered map[model.Relation]int) model.AssessmentResults {
	res := model.AssessmentResults{Assessment: a, K: a.MinGroup}
	qidx := map[string]int64{}
	for i, comp := range model.Competencies {
		qidx[comp.Key] = int64(i + 1)
	}
	direct := map[model.Relation]map[string]Tally{model.RelSelf: {}, model.RelManager: {}}
	// Peers and direct reports: one atom each, through the engine.
	group := func(rel model.Relation, k int) (bool, int, map[int64]Tally) {
		b := NewBlocks(k, []AnonAtom{{ID: 1, Respondents: answered[rel]}}, nil)
		v, blocks := b.Cover([]int64{1})
		if !v.Shown {
			return false, 0, nil
		}
		bt := b.NewTallies()
		for _, c := range counts {
			if c.Relation == rel && qidx[c.Competency] != 0 {
				bt.Add(1, qidx[c.Competency], c.Level, c.N)
			}
		}
		return true, v.Respondents, bt.SumAll(blocks)
	}
	var peerSums, reportSums map[int64]Tally
	res.PeersShown, res.Peers, peerSums = group(model.RelPeer, model.PeerMinimum)
	res.ReportsShown, res.Reports, reportSums = group(model.RelReport, max(a.MinGroup, MinMinGroup))
	for _, c := range counts {
		if m, ok := direct[c.Relation]; ok && qidx[c.Competency] != 0 && c.Level >= 1 && c.Level <= 5 {
			t := m[c.Competency]
			t[c.Level] += c.N
			m[c.Competency] = t
		}
	}
	var all Tally
	for _, comp := range model.Competencies {
		q := qidx[comp.Key]
		it := model.CompetencyResult{Competency: comp}
		it.Self = groupScore(direct[model.RelSelf][comp.Key])
		it.Manager = groupScore(direct[model.RelManager][comp.Key])
		it.Peers = groupScore(peerSums[q])
		it.Reports = groupScore(reportSums[q])
		var others Tally
		others.Add(direct[model.RelManager][comp.Key])
		others.Add(peerSums[q])
		others.Add(reportSums[q])
		it.Others = groupScore(others)
		all.Add(others)
		if it.Self.Shown && it.Others.Shown {
			it.HasGap, it.Gap = true, it.Self.Mean-it.Others.Mean
		}
		res.Items = append(res.Items, it)
	}
	res.Others = groupScore(all)
	return res
}

// groupScore turns a tally of 1–5 ratings into a score; an empty tally is not shown.
func groupScore(t Tally) model.GroupScore {
	if t.N() == 0 {
		return model.GroupScore{}
	}
	s := ScoreOf(model.KindLikert, t)
	g := model.GroupScore{Shown: true, Mean: s.Mean, N: s.Answered}
	for l := 1; l <= 5; l++ {
		g.Counts[l-1] = t[l]
	}
	return g
}

// latestResults returns the results of a person's latest closed assessment that closed
// on or before a day ("" for any), or nil.
func latestResults(ctx context.Context, tx *store.Tx, personID int64, by string) (*model.AssessmentResults, error) {
	f := store.AssessmentFilter{SubjectIDs: []int64{personID}, Status: model.AssessmentClosed, Limit: 1}
	if by != "" {
		f.Status, f.ClosedBy = "", by
	}
	as, err := tx.FindAssessments(ctx, f)
	if err != nil || len(as) == 0 {
		return nil, err
	}
	rs, err := loadResults(ctx, tx, as)
	if err != nil {
		return nil, err
	}
	r := rs[as[0].ID]
	return &r, nil
}

// upwardSummary is the upward-feedback section of a review: the direct reports' ratings
// of each competency, only where the anonymity engine shows them.
func upwardSummary(r *model.AssessmentResults) model.UpwardFeedbackSummary {
	if r == nil || !r.ReportsShown {
		return model.UpwardFeedbackSummary{}
	}
	s := model.UpwardFeedbackSummary{Collected: true, Respondents: r.Reports, Source: r.Assessment.Title, ClosedOn: r.Assessment.ClosesOn}
	for _, it := range r.Items {
		if !it.Reports.Shown {
			continue
		}
		fav := it.Reports.Counts[3] + it.Reports.Counts[4]
		s.Items = append(s.Items, model.UpwardFeedbackItem{Question: it.Competency.Label, Score: float64(fav) / float64(it.Reports.N), Mean: it.Reports.Mean, Answers: it.Reports.N})
	}
	return s
}

// DevelopmentPlan returns a person's development plan: the competencies from their
// latest closed 360, largest need first (the lowest rating by others, then the largest
// gap between self and others), the modules that develop each, and the goals made of
// them. The person, their managers above, hr and admin.
func (c *Core) DevelopmentPlan(ctx context.Context, actor model.Actor, personID int64) (model.DevPlan, error) {
	if err := requireSignedIn(actor); err != nil {
		return model.DevPlan{}, err
	}
	var p model.DevPlan
	err := c.read(ctx, func(tx *store.Tx) error {
		person, err := tx.FindPersonByID(ctx, personID)
		if err != nil {
			return notFound(err, "person")
		}
		if !canReadAssessments(actor, person) {
			return model.NotFound("development plan")
		}
		p.Person = person.Directory()
		p.CanEdit = (actor.PersonID != 0 && actor.PersonID == personID) || isUnder(person.Path, actor.Line)
		if p.Results, err = latestResults(ctx, tx, personID, ""); err != nil {
			return err
		}
		mods, err := tx.ModulesByCompetency(ctx)
		if err != nil {
			return err
		}
		if p.Items, err = tx.PlanItems(ctx, personID); err != nil {
			return err
		}
		for _, comp := range model.Competencies {
			g := model.PlanGap{Competency: comp, Modules: mods[comp.Key]}
			if p.Results != nil {
				if it, ok := p.Results.Item(comp.Key); ok {
					g.HasOthers, g.Others = it.Others.Shown, it.Others.Mean
					g.HasSelf, g.Self = it.Self.Shown, it.Self.Mean
					g.HasGap, g.Gap = it.HasGap, it.Gap
				}
			}
			for _, item := range p.Items {
				if item.Competency == comp.Key {
					g.Items = append(g.Items, item)
				}
			}
			p.Gaps = append(p.Gaps, g)
		}
		sort.SliceStable(p.Gaps, func(i, j int) bool {
			a, b := p.Gaps[i], p.Gaps[j]
			if a.HasOthers != b.HasOthers {
				return a.HasOthers
			}
			if a.Others != b.Others {
				return a.Others < b.Others
			}
			return a.Gap > b.Gap
		})
		return nil
	})
	return p, err
}

// AddPlanGoal turns a competency of a person's plan into an individual goal in the goals
// module, linked to a module that develops the competency. The person and their
// managers above (who may set their goals).
func (c *Core) AddPlanGoal(ctx context.Context, actor model.Actor, personID int64, in model.PlanGoalInput) (int64, error) {
	if err := requireSignedIn(actor); err != nil {
		return 0, err
	}
	if err := in.Validate(); err != nil {
		return 0, err
	}
	var goalID int64
	err := c.write(ctx, func(tx *store.Tx) error {
		person, err := tx.FindPersonByID(ctx, personID)
		if err != nil {
			return notFound(err, "person")
		}
		if !(actor.IsSystem() || (actor.PersonID != 0 && actor.PersonID == personID) || isUnder(person.Path, actor.Line)) {
			if canReadAssessments(actor, person) {
				return model.Forbidden()
			}
			return model.NotFound("development plan")
		}
		desc := "From the development plan: grow in " + model.CompetencyLabel(in.Competency) + "."
		if in.ModuleID != 0 {
			m, err := tx.FindDevModuleByID(ctx, in.ModuleID)
			if errors.Is(err, store.ErrNotFound) {
				return &model.Error{Code: model.CodeInvalid, Message: "Please correct the highlighted fields.", Fields: map[string]string{"module_id": "Choose one of the modules."}}
			} else if err != nil {
				return err
			}
			desc += " Linked to the module “" + m.Title + "”."
		}
		gi := model.GoalInput{Level: model.LevelIndividual, Title: in.Title, Description: desc, OwnerID: personID, Period: in.Period}
		if err := gi.Validate(); err != nil {
			return err
		}
		goalID, err = c.createGoal(ctx, tx, actor, gi)
		if err != nil {
			return err
		}
		if _, err := tx.CreatePlanItem(ctx, personID, in.Competency, goalID, in.ModuleID); err != nil {
			return err
		}
		return audit(ctx, tx, actor, "plan_goal_added", "goal", goalID, in.Competency)
	})
	return goalID, err
}

// AssessmentDetail is an assessment's page for those who may read it.
type AssessmentDetail struct {
	Assessment model.Assessment
	Results    *model.AssessmentResults // once closed
	CanClose   bool
}

// Assessment returns an assessment for the person, their managers above, hr and admin:
// while open only its dates and how many were asked; once closed, its results.
func (c *Core) Assessment(ctx context.Context, actor model.Actor, id int64) (AssessmentDetail, error) {
	if err := requireSignedIn(actor); err != nil {
		return AssessmentDetail{}, err
	}
	var d AssessmentDetail
	err := c.read(ctx, func(tx *store.Tx) error {
		a, _, err := readableAssessment(ctx, tx, actor, id)
		if err != nil {
			return err
		}
		a.Answered = 0
		d.Assessment = a
		if a.Status == model.AssessmentOpen {
			d.CanClose = true
			return nil
		}
		rs, err := loadResults(ctx, tx, []model.Assessment{a})
		if err != nil {
			return err
		}
		r := rs[a.ID]
		d.Results = &r
		return nil
	})
	return d, err
}

// assessmentMeans is what the analytics read of a closed assessment: others' mean rating
// over every competency (Others of AssessmentResults) and the direct reports' mean
// (reportsMean of AssessmentResults). assessmentMeansOf computes them by the same rules
// as AssessmentResultsOf, from each relation's count and sum of ratings by competency
// instead of every rating level; TestAssessmentMeansEqualResults holds the two equal.
type assessmentMeans struct {
	OthersShown  bool
	Others       float64
	ReportsShown bool // the reports' group is shown and rated at least one competency shown
	Reports      float64
	Respondents  int // the reports who answered, when ReportsShown
}

// groupVerdicts asks the anonymity engine whether a group of respondents, as one atom
// with threshold k, is shown. The verdict depends on k and the respondents only, so it
// is asked once per pair.
type groupVerdicts map[[2]int]Verdict

func (g groupVerdicts) of(k, respondents int) Verdict {
	key := [2]int{k, respondents}
	if v, ok := g[key]; ok {
		return v
	}
	v := NewBlocks(k, []AnonAtom{{ID: 1, Respondents: respondents}}, nil).Check([]int64{1})
	g[key] = v
	return v
}

// competencyIndex maps a competency key to its place in model.Competencies.
var competencyIndex = func() map[string]int {
	m := make(map[string]int, len(model.Competencies))
	for i, c := range model.Competencies {
		m[c.Key] = i
	}
	return m
}()

// assessmentMeansOf computes an assessment's means from its rating sums (store.RatingSums)
// and the raters of each relation who answered. As in AssessmentResultsOf: the manager's
// ratings count as they are; peers' only when the group of peers who answered is shown
// with threshold model.PeerMinimum, and direct reports' only when theirs is shown with
// the assessment's threshold (at least MinMinGroup); and per competency a shown group
// adds its ratings only when it gave at least that threshold of them (rule 5).
func assessmentMeansOf(minGroup int, sums []store.RatingSum, answered map[model.Relation]int, verdicts groupVerdicts) assessmentMeans {
	type ns struct{ n, sum int }
	nc := len(model.Competencies)
	all := make([]ns, 3*nc)
	mgr, peers, reports := all[:nc], all[nc:2*nc], all[2*nc:]
	for _, s := range sums {
		i, ok := competencyIndex[s.Competency]
		if !ok {
			continue
		}
		switch s.Relation {
		case model.RelManager:
			mgr[i].n += s.N
			mgr[i].sum += s.Sum
		case model.RelPeer:
			peers[i].n += s.N
			peers[i].sum += s.Sum
		case model.RelReport:
			reports[i].n += s.N
			reports[i].sum += s.Sum
		}
	}
	kPeers, kReports := model.PeerMinimum, max(minGroup, MinMinGroup)
	peerV, reportV := verdicts.of(kPeers, answered[model.RelPeer]), verdicts.of(kReports, answered[model.RelReport])
	var out assessmentMeans
	var allN, allSum, upN int
	var upSum float64
	for i := range model.Competencies {
		n, sum := mgr[i].n, mgr[i].sum
		if peerV.Shown && peers[i].n >= kPeers {
			n, sum = n+peers[i].n, sum+peers[i].sum
		}
		if r := reports[i]; reportV.Shown && r.n >= kReports {
			n, sum = n+r.n, sum+r.sum
			// As reportsMean: each competency's mean weighted by its count.
			upSum += float64(r.sum) / float64(r.n) * float64(r.n)
			upN += r.n
		}
		allN, allSum = allN+n, allSum+sum
	}
	if allN > 0 {
		out.OthersShown, out.Others = true, float64(allSum)/float64(allN)
	}
	if reportV.Shown && upN > 0 {
		out.ReportsShown, out.Reports, out.Respondents = true, upSum/float64(upN), reportV.Respondents
	}
	return out
}

// loadMeans computes the means of closed assessments with two queries per 10,000.
func loadMeans(ctx context.Context, tx *store.Tx, as []store.ClosedAssessment) (map[int64]assessmentMeans, error) {
	out := make(map[int64]assessmentMeans, len(as))
	verdicts := groupVerdicts{}
	const chunk = 10000 // ids per query, well under the engines' parameter limits
	for start := 0; start < len(as); start += chunk {
		part := as[start:min(start+chunk, len(as))]
		ids := make([]int64, len(part))
		for i, a := range part {
			ids[i] = a.ID
		}
		sums, err := tx.RatingSums(ctx, ids)
		if err != nil {
			return nil, err
		}
		// No rule asks how many of the others answered.
		answered, err := tx.AnsweredByRelation(ctx, ids, model.RelPeer, model.RelReport)
		if err != nil {
			return nil, err
		}
		byID := make(map[int64][]store.RatingSum, len(part))
		for _, s := range sums {
			byID[s.AssessmentID] = append(byID[s.AssessmentID], s)
		}
		for _, a := range part {
			out[a.ID] = assessmentMeansOf(a.MinGroup, byID[a.ID], answered[a.ID], verdicts)
		}
	}
	return out, nil
}
