package core

import (
	"context"
	"fmt"
	"strconv"

	"throughline/internal/model"
	"throughline/internal/store"
)

// SeedDevelopment writes development history in one transaction with bulk writes: what
// the demo organization needs, tens of thousands of rows in a second or two. Only the
// system may call it. The rules that matter for trust hold here too: every module
// belongs to its cohort's program and every dilemma choice to its module; no one
// completes a module they are not a participant for; sessions never hold more people
// than seats; journal entries belong to their author and are shared only with an
// active coach of theirs; and 360 ratings are stored only as counts, with no rater next
// to a rating, under the organization's anonymity threshold.
func (c *Core) SeedDevelopment(ctx context.Context, actor model.Actor, s model.DevelopmentSeed) error {
	if !actor.IsSystem() {
		return model.Forbidden()
	}
	return c.write(ctx, func(tx *store.Tx) error {
		mods, err := tx.DevModules(ctx, devSeedPrograms(s))
		if err != nil {
			return err
		}
		cohortIDs, err := seedCohorts(ctx, tx, s.Cohorts, mods)
		if err != nil {
			return err
		}
		if err := seedWorkshops(ctx, tx, s, cohortIDs); err != nil {
			return err
		}
		if err := seedCoaching(ctx, tx, s.Coaching); err != nil {
			return err
		}
		if err := seedAssessments(ctx, tx, s.Assessments); err != nil {
			return err
		}
		if err := seedJournal(ctx, tx, s.Journal, s.Coaching, cohortIDs); err != nil {
			return err
		}
		return audit(ctx, tx, actor, "development_seeded", "organization", 0,
			fmt.Sprintf("%d cohorts, %d coaching pairs, %d assessments", len(s.Cohorts), len(s.Coaching), len(s.Assessments)))
	})
}

func devSeedPrograms(s model.DevelopmentSeed) []int64 {
	seen := map[int64]bool{}
	var out []int64
	for _, ch := range s.Cohorts {
		if !seen[ch.ProgramID] {
			seen[ch.ProgramID] = true
			out = append(out, ch.ProgramID)
		}
	}
	return out
}

func seedCohorts(ctx context.Context, tx *store.Tx, cs []model.CohortSeed, mods map[int64][]model.DevModule) ([]int64, error) {
	ins := make([]model.CohortInput, len(cs))
	for i := range cs {
		in := cs[i].CohortInput
		if err := in.Validate(); err != nil {
			return nil, seedErr("cohort", i, err)
		}
		if len(mods[in.ProgramID]) == 0 {
			return nil, fmt.Errorf("core: seed cohort %d: program %d has no modules", i+1, in.ProgramID)
		}
		ins[i] = in
	}
	ids, err := tx.InsertCohorts(ctx, ins, tx.Now().Unix())
	if err != nil {
		return nil, err
	}
	var members []store.CohortMemberRow
	var done []store.CompletionRow
	var projects []model.ActionProject
	for i, ch := range cs {
		in := ins[i]
		participant := map[int64]bool{}
		for _, p := range in.ParticipantIDs {
			participant[p] = true
			members = append(members, store.CohortMemberRow{CohortID: ids[i], Role: model.CohortParticipant, Person: model.Person{ID: p}})
		}
		for _, f := range in.FacilitatorIDs {
			members = append(members, store.CohortMemberRow{CohortID: ids[i], Role: model.CohortFacilitator, Person: model.Person{ID: f}})
		}
		byID := map[int64]model.DevModule{}
		for _, m := range mods[in.ProgramID] {
			byID[m.ID] = m
		}
		seen := map[[2]int64]bool{}
		for _, d := range ch.Completions {
			m, ok := byID[d.ModuleID]
			if !ok || !participant[d.PersonID] {
				return nil, fmt.Errorf("core: seed completion: module %d or person %d is not in cohort %q", d.ModuleID, d.PersonID, in.Name)
			}
			if d.OptionID != 0 {
				found := false
				for _, o := range m.Options {
					found = found || o.ID == d.OptionID
				}
				if !found {
					return nil, fmt.Errorf("core: seed completion: option %d is not one of module %d's", d.OptionID, m.ID)
				}
			}
			k := [2]int64{d.PersonID, d.ModuleID}
			if seen[k] {
				return nil, fmt.Errorf("core: seed completion: person %d completed module %d twice", d.PersonID, d.ModuleID)
			}
			seen[k] = true
			by := "self"
			if m.Kind == model.ModuleWorkshop {
				by = "attendance"
			}
			done = append(done, store.CompletionRow{CohortID: ids[i], PersonID: d.PersonID, ModuleID: d.ModuleID, OptionID: d.OptionID, RecordedBy: by, CompletedAt: d.At})
		}
		for _, p := range ch.Projects {
			if m, ok := byID[p.ModuleID]; !ok || m.Kind != model.ModuleActionProject || !participant[p.PersonID] {
				return nil, fmt.Errorf("core: seed action project of person %d: not an action project of cohort %q", p.PersonID, in.Name)
			}
			p.CohortID = ids[i]
			projects = append(projects, p)
		}
	}
	if err := tx.InsertCohortMembers(ctx, members, tx.Now().Unix()); err != nil {
		return nil, err
	}
	if err := tx.InsertCompletions(ctx, done); err != nil {
		return nil, err
	}
	return ids, tx.InsertActionProjects(ctx, projects)
}

func seedWorkshops(ctx context.Context, tx *store.Tx, s model.DevelopmentSeed, cohortIDs []int64) error {
	var rows []store.WorkshopSeed
	add := func(cohortID int64, w model.WorkshopSeed) error {
		if w.Capacity < len(w.Registrations) || w.Capacity < 1 || w.End <= w.Start || w.Title == "" || (w.Place == "" && w.VideoURL == "") {
			return fmt.Errorf("core: seed workshop %q: needs a title, a place or link, an end after its start and seats for its registrations", w.Title)
		}
		seen := map[int64]bool{}
		for _, r := range w.Registrations {
			if seen[r.PersonID] || !r.Attendance.Valid() {
				return fmt.Errorf("core: seed workshop %q: person %d registered twice or with a bad attendance", w.Title, r.PersonID)
			}
			seen[r.PersonID] = true
		}
		rows = append(rows, store.WorkshopSeed{WorkshopInput: model.WorkshopInput{CohortID: cohortID, ModuleID: w.ModuleID, Title: w.Title, Description: w.Description,
			Start: w.Start, End: w.End, Place: w.Place, VideoURL: w.VideoURL, Capacity: w.Capacity, FacilitatorID: w.FacilitatorID}, Registrations: w.Registrations})
		return nil
	}
	for i, ch := range s.Cohorts {
		for _, w := range ch.Workshops {
			if err := add(cohortIDs[i], w); err != nil {
				return err
			}
		}
	}
	for _, w := range s.Workshops {
		if w.ModuleID != 0 {
			return fmt.Errorf("core: seed workshop %q: a session linked to a module belongs to a cohort", w.Title)
		}
		if err := add(0, w); err != nil {
			return err
		}
	}
	_, err := tx.InsertWorkshops(ctx, rows)
	return err
}

func seedCoaching(ctx context.Context, tx *store.Tx, cs []model.CoachingSeed) error {
	rows := make([]store.CoachingSeed, len(cs))
	pairs := map[[2]int64]bool{}
	for i, x := range cs {
		in := x.CoachingAssignmentInput
		if err := in.Validate(); err != nil {
			return seedErr("coaching", i, err)
		}
		k := [2]int64{in.CoachID, in.CoacheeID}
		if pairs[k] {
			return fmt.Errorf("core: seed coaching: coach %d and coachee %d paired twice", in.CoachID, in.CoacheeID)
		}
		pairs[k] = true
		for _, s := range x.Sessions {
			if s.EndsAt <= s.StartsAt || !s.Status.Valid() {
				return fmt.Errorf("core: seed coaching session: bad times or status")
			}
		}
		for _, cm := range x.Commitments {
			ci := model.CommitmentInput{Text: cm.Text, Owner: cm.Owner, DueOn: cm.DueOn}
			if err := ci.Validate(); err != nil {
				return seedErr("commitment", i, err)
			}
		}
		rows[i] = store.CoachingSeed{Assignment: in, StartedOn: x.StartedOn, Sessions: x.Sessions, Commitments: x.Commitments}
	}
	return tx.InsertCoaching(ctx, rows)
}

func seedAssessments(ctx context.Context, tx *store.Tx, as []model.AssessmentSeed) error {
	if len(model.Competencies) != model.NumCompetencies {
		return fmt.Errorf("core: %d competencies, NumCompetencies says %d", len(model.Competencies), model.NumCompetencies)
	}
	k, err := threshold(ctx, tx)
	if err != nil {
		return err
	}
	rows := make([]store.AssessmentSeed, len(as))
	for i, a := range as {
		if !model.ValidDate(a.OpensOn) || !model.ValidDate(a.ClosesOn) || a.ClosesOn < a.OpensOn {
			return fmt.Errorf("core: seed assessment %d: bad dates", i+1)
		}
		rec := store.AssessmentRecord{SubjectID: a.SubjectID, Title: a.Title, OpensOn: a.OpensOn, ClosesOn: a.ClosesOn, MinGroup: k, Status: model.AssessmentOpen}
		if a.Closed {
			rec.Status, rec.ClosedAt = model.AssessmentClosed, dayStartOf(a.ClosesOn)+86400
		}
		type key struct {
			rel   model.Relation
			comp  int
			level int
		}
		counts := map[key]int{}
		var raters []store.RaterRow
		seen := map[int64]bool{}
		selves := 0
		for _, r := range a.Raters {
			if seen[r.PersonID] {
				return fmt.Errorf("core: seed assessment %d: person %d rates twice", i+1, r.PersonID)
			}
			seen[r.PersonID] = true
			switch r.Relation {
			case model.RelSelf:
				selves++
				if r.PersonID != a.SubjectID {
					return fmt.Errorf("core: seed assessment %d: self rater is not the subject", i+1)
				}
			case model.RelManager, model.RelPeer, model.RelReport:
			default:
				return fmt.Errorf("core: seed assessment %d: unknown relation %q", i+1, r.Relation)
			}
			raters = append(raters, store.RaterRow{PersonID: r.PersonID, Relation: r.Relation, Answered: r.Answered})
			if !r.Answered {
				continue
			}
			for ci, l := range r.Levels {
				if l == 0 {
					continue
				}
				if l < 1 || l > 5 {
					return fmt.Errorf("core: seed assessment %d: level %d out of range", i+1, l)
				}
				counts[key{r.Relation, ci, l}]++
			}
		}
		if selves != 1 {
			return fmt.Errorf("core: seed assessment %d: needs exactly one self rater", i+1)
		}
		rows[i] = store.AssessmentSeed{AssessmentRecord: rec, Raters: raters}
		for kk, n := range counts {
			rows[i].Counts = append(rows[i].Counts, store.RatingCount{Relation: kk.rel, Competency: model.Competencies[kk.comp].Key, Level: kk.level, N: n})
		}
	}
	ids, err := tx.InsertAssessments(ctx, rows)
	if err != nil {
		return err
	}
	// An open assessment closes by itself the day after its closing day, as one
	// started by hand does.
	for i, a := range as {
		if !a.Closed {
			closeAt := dayStartOf(a.ClosesOn) + 86400
			if err := enqueue(ctx, tx, jobCloseAssessment, "assessment.close:"+strconv.FormatInt(ids[i], 10), assessmentPayload{ids[i]}, closeAt); err != nil {
				return err
			}
		}
	}
	return nil
}

func seedJournal(ctx context.Context, tx *store.Tx, js []model.JournalSeed, coaching []model.CoachingSeed, cohortIDs []int64) error {
	coaches := map[[2]int64]bool{}
	for _, c := range coaching {
		coaches[[2]int64{c.CoachID, c.CoacheeID}] = true
	}
	rows := make([]store.JournalRecord, len(js))
	for i, j := range js {
		in := model.JournalInput{Prompt: j.Prompt, Body: j.Body}
		if err := in.Validate(); err != nil {
			return seedErr("journal entry", i, err)
		}
		if j.SharedWithID != 0 && !coaches[[2]int64{j.SharedWithID, j.PersonID}] {
			return fmt.Errorf("core: seed journal entry %d: shared with %d, who does not coach its author", i+1, j.SharedWithID)
		}
		var cohort int64
		if j.Cohort != 0 {
			if j.Cohort < 0 || j.Cohort > len(cohortIDs) {
				return fmt.Errorf("core: seed journal entry %d: no cohort %d", i+1, j.Cohort)
			}
			cohort = cohortIDs[j.Cohort-1]
		}
		rows[i] = store.JournalRecord{PersonID: j.PersonID, ModuleID: j.ModuleID, CohortID: cohort, Prompt: in.Prompt, Body: in.Body, SharedWithID: j.SharedWithID, CreatedAt: j.At}
	}
	return tx.InsertJournalEntries(ctx, rows)
}
