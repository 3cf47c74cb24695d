package core

import (
	"context"
	"fmt"
	"strings"
	"time"

	"throughline/internal/model"
	"throughline/internal/store"
)

// SeedCollaboration writes collaboration history in one transaction with bulk writes:
// what the demo organization needs, thousands of rows in well under a second. Only the
// system may call it. Every input is validated as the forms validate it, and the rules
// that matter for trust hold here too: no judge scores their own team, one audience
// vote per person per hackathon and none for one's own team, workflow steps follow the
// workflow, a decline has a reason, and no project selects more people than it has room.
func (c *Core) SeedCollaboration(ctx context.Context, actor model.Actor, s model.CollabSeed) error {
	if !actor.IsSystem() {
		return model.Forbidden()
	}
	return c.write(ctx, func(tx *store.Tx) error {
		subs, err := seedHackathons(ctx, tx, s.Hackathons)
		if err != nil {
			return err
		}
		if err := seedInitiatives(ctx, tx, s.Initiatives, subs); err != nil {
			return err
		}
		if err := seedPosts(ctx, tx, s.Posts); err != nil {
			return err
		}
		if err := seedPrograms(ctx, tx, s.Programs); err != nil {
			return err
		}
		return audit(ctx, tx, actor, "collaboration_seeded", "organization", 0,
			fmt.Sprintf("%d initiatives, %d hackathons, %d posts, %d programs", len(s.Initiatives), len(s.Hackathons), len(s.Posts), len(s.Programs)))
	})
}

func seedErr(what string, i int, err error) error {
	return fmt.Errorf("core: seed %s %d: %w", what, i+1, err)
}

// seedHackathons writes hackathons and returns the submission id of every team, by
// hackathon and team index.
func seedHackathons(ctx context.Context, tx *store.Tx, hs []model.HackathonSeed) ([][]int64, error) {
	subs := make([][]int64, len(hs))
	for hi, h := range hs {
		in := h.HackathonInput
		if err := in.Validate(); err != nil {
			return nil, seedErr("hackathon", hi, err)
		}
		hid, err := tx.CreateHackathon(ctx, store.HackathonRecord{HackathonInput: in, Status: h.Status, OrganizerID: h.OrganizerID, CreatedAt: h.CreatedAt})
		if err != nil {
			return nil, err
		}
		if err := tx.ReplaceJudges(ctx, hid, in.JudgeIDs); err != nil {
			return nil, err
		}
		judge := map[int64]bool{}
		for _, j := range in.JudgeIDs {
			judge[j] = true
		}
		var challenges []int64
		for _, ch := range h.Challenges {
			if err := ch.Validate(); err != nil {
				return nil, seedErr("challenge", len(challenges), err)
			}
			id, err := tx.CreateChallenge(ctx, hid, ch)
			if err != nil {
				return nil, err
			}
			challenges = append(challenges, id)
		}
		teamOfPerson := map[int64]int{}
		var regs []store.RegistrationRow
		subs[hi] = make([]int64, len(h.Teams))
		for ti, t := range h.Teams {
			if len(t.Members) == 0 || len(t.Members) > in.TeamMax || t.Challenge < 0 || t.Challenge >= len(challenges) {
				return nil, fmt.Errorf("core: seed team %q: needs 1 to %d members and one of the challenges", t.Name, in.TeamMax)
			}
			tid, err := tx.CreateTeam(ctx, hid, t.Name, challenges[t.Challenge], t.Members[0], t.At)
			if err != nil {
				return nil, err
			}
			for _, m := range t.Members {
				if _, dup := teamOfPerson[m]; dup {
					return nil, fmt.Errorf("core: seed team %q: person %d is in two teams", t.Name, m)
				}
				teamOfPerson[m] = ti
				regs = append(regs, store.RegistrationRow{HackathonID: hid, PersonID: m, TeamID: tid, At: t.At})
			}
			if t.Submission == nil {
				continue
			}
			if err := t.Submission.Validate(); err != nil {
				return nil, seedErr("submission", ti, err)
			}
			sid, err := tx.UpsertSubmission(ctx, hid, tid, *t.Submission, t.SubmittedAt)
			if err != nil {
				return nil, err
			}
			subs[hi][ti] = sid
			for _, sc := range t.Scores {
				if !judge[sc.JudgeID] {
					return nil, fmt.Errorf("core: seed score: person %d is not a judge", sc.JudgeID)
				}
				if own, ok := teamOfPerson[sc.JudgeID]; ok && own == ti {
					return nil, fmt.Errorf("core: seed score: judge %d is on team %q and cannot score it", sc.JudgeID, t.Name)
				}
				if err := sc.ScoreInput.Validate(); err != nil {
					return nil, err
				}
				if err := tx.UpsertScore(ctx, sid, sc.JudgeID, sc.ScoreInput, t.SubmittedAt+86400); err != nil {
					return nil, err
				}
			}
		}
		for _, p := range h.Unteamed {
			if _, dup := teamOfPerson[p]; !dup {
				regs = append(regs, store.RegistrationRow{HackathonID: hid, PersonID: p, At: h.CreatedAt})
			}
		}
		if err := tx.InsertRegistrations(ctx, regs); err != nil {
			return nil, err
		}
		places := map[int64]int{}
		var audience int64
		for ti, t := range h.Teams {
			if t.Place > 0 && subs[hi][ti] != 0 {
				places[subs[hi][ti]] = t.Place
			}
			if t.AudienceChoice {
				audience = subs[hi][ti]
			}
		}
		if len(places) > 0 || audience != 0 {
			if err := tx.SetPlaces(ctx, hid, places, audience); err != nil {
				return nil, err
			}
		}
		voted := map[int64]bool{}
		var votes []store.VoteRow
		for _, v := range h.Votes {
			if v.Team < 0 || v.Team >= len(h.Teams) || subs[hi][v.Team] == 0 {
				return nil, fmt.Errorf("core: seed vote for team %d: no such submission", v.Team)
			}
			if voted[v.PersonID] {
				return nil, fmt.Errorf("core: seed vote: person %d votes twice", v.PersonID)
			}
			if own, ok := teamOfPerson[v.PersonID]; ok && own == v.Team {
				return nil, fmt.Errorf("core: seed vote: person %d votes for their own team", v.PersonID)
			}
			voted[v.PersonID] = true
			votes = append(votes, store.VoteRow{HackathonID: hid, PersonID: v.PersonID, SubmissionID: subs[hi][v.Team], At: v.At})
		}
		if err := tx.InsertVotes(ctx, votes); err != nil {
			return nil, err
		}
	}
	return subs, nil
}

func seedInitiatives(ctx context.Context, tx *store.Tx, is []model.InitiativeSeed, subs [][]int64) error {
	var members []store.MemberRow
	var milestones []store.MilestoneRow
	var requests []store.JoinRequestRow
	for ii, s := range is {
		in := s.InitiativeInput
		if err := in.Validate(); err != nil {
			return seedErr("initiative", ii, err)
		}
		id, err := tx.CreateInitiative(ctx, store.InitiativeRecord{Title: in.Title, Mission: in.Mission, SponsorID: in.SponsorID, LeadID: in.LeadID,
			Status: in.Status, StartsOn: in.StartsOn, EndsOn: in.EndsOn, Outcomes: in.Outcomes, CreatedAt: s.CreatedAt})
		if err != nil {
			return err
		}
		if err := tx.ReplaceInitiativeObjectives(ctx, id, in.ObjectiveIDs); err != nil {
			return err
		}
		seen := map[int64]bool{}
		for _, m := range s.Members {
			if seen[m.PersonID] {
				continue
			}
			seen[m.PersonID] = true
			role := m.Role
			if m.PersonID == in.LeadID {
				role = "Lead"
			}
			members = append(members, store.MemberRow{InitiativeID: id, PersonID: m.PersonID, Role: role, JoinedAt: max(m.JoinedAt, s.CreatedAt)})
		}
		if !seen[in.LeadID] {
			members = append(members, store.MemberRow{InitiativeID: id, PersonID: in.LeadID, Role: "Lead", JoinedAt: s.CreatedAt})
		}
		for k, m := range s.Milestones {
			mi := model.MilestoneInput{Title: m.Title, DueOn: m.DueOn}
			if err := mi.Validate(); err != nil {
				return seedErr("milestone", k, err)
			}
			milestones = append(milestones, store.MilestoneRow{InitiativeID: id, Title: mi.Title, DueOn: mi.DueOn, DoneAt: m.DoneAt, Position: k + 1, CreatedAt: s.CreatedAt})
		}
		for _, r := range s.Requests {
			if !seen[r.PersonID] && r.PersonID != in.LeadID {
				requests = append(requests, store.JoinRequestRow{InitiativeID: id, PersonID: r.PersonID, Message: strings.TrimSpace(r.Message), Status: model.JoinPending, CreatedAt: r.At})
			}
		}
		if s.FromHackathon > 0 {
			h, t := s.FromHackathon-1, s.FromTeam-1
			if h >= len(subs) || t < 0 || t >= len(subs[h]) || subs[h][t] == 0 {
				return fmt.Errorf("core: seed initiative %q: no such hackathon submission", in.Title)
			}
			if err := tx.SetSubmissionInitiative(ctx, subs[h][t], id); err != nil {
				return err
			}
		}
	}
	if err := tx.InsertInitiativeMembers(ctx, members); err != nil {
		return err
	}
	if err := tx.InsertMilestones(ctx, milestones); err != nil {
		return err
	}
	return tx.InsertJoinRequests(ctx, requests)
}

func seedPosts(ctx context.Context, tx *store.Tx, ps []model.PostSeed) error {
	var authorIDs []int64
	for _, p := range ps {
		authorIDs = append(authorIDs, p.AuthorID)
	}
	authors := map[int64]model.Person{}
	for _, chunk := range splitIDs(authorIDs, 500) {
		people, err := tx.FindAllPeople(ctx, model.PersonFilter{IDs: chunk, IncludeInactive: true})
		if err != nil {
			return err
		}
		for _, p := range people {
			authors[p.ID] = p
		}
	}
	var tags, coauthors, votes []store.PostLinkRow
	var adoptions []store.AdoptionRow
	var steps []store.StatusChangeRow
	for pi, s := range ps {
		in := s.PostInput
		if err := in.Validate(); err != nil {
			return seedErr("post", pi, err)
		}
		author, ok := authors[s.AuthorID]
		if !ok {
			return fmt.Errorf("core: seed post %d: no author %d", pi+1, s.AuthorID)
		}
		id, err := tx.CreatePost(ctx, store.PostRecord{Kind: in.Kind, Title: in.Title, Body: in.Body, AuthorID: author.ID, TeamManagerID: teamOf(author),
			ObjectiveID: in.ObjectiveID, Tags: in.Tags, CreatedAt: s.CreatedAt})
		if err != nil {
			return err
		}
		for _, t := range in.Tags {
			tags = append(tags, store.PostLinkRow{PostID: id, Tag: t})
		}
		own := map[int64]bool{author.ID: true}
		for _, co := range in.CoAuthorIDs {
			if co != author.ID {
				own[co] = true
				coauthors = append(coauthors, store.PostLinkRow{PostID: id, PersonID: co})
			}
		}
		seen := map[int64]bool{}
		for k, v := range s.Voters {
			if own[v] || seen[v] {
				continue
			}
			seen[v] = true
			votes = append(votes, store.PostLinkRow{PostID: id, PersonID: v, At: s.CreatedAt + int64(k+1)*3600})
		}
		status, adoptedOn, implementedOn, reason := model.PostNew, "", "", ""
		updated := s.CreatedAt
		for _, st := range s.Steps {
			if !in.Kind.HasWorkflow() || !status.CanMoveTo(st.To) {
				return fmt.Errorf("core: seed post %q: cannot move from %s to %s", in.Title, status, st.To)
			}
			si := model.PostStatusInput{Status: st.To, Reason: st.Reason}
			if err := si.Validate(); err != nil {
				return seedErr("post step", pi, err)
			}
			steps = append(steps, store.StatusChangeRow{PostID: id, From: status, To: st.To, Reason: si.Reason, By: st.By, At: st.At})
			switch st.To {
			case model.PostAdopted:
				adoptedOn = unixDate(st.At)
			case model.PostImplemented:
				implementedOn = unixDate(st.At)
			case model.PostDeclined:
				reason = si.Reason
			case model.PostUnderReview:
				reason = ""
			}
			status, updated = st.To, st.At
		}
		if status != model.PostNew {
			if err := tx.SeedPostStatus(ctx, id, status, reason, adoptedOn, implementedOn, updated); err != nil {
				return err
			}
		}
		for _, cm := range s.Comments {
			cid, err := tx.CreateCommentAt(ctx, id, cm.AuthorID, 0, cm.Body, cm.At)
			if err != nil {
				return err
			}
			for _, r := range cm.Replies {
				if _, err := tx.CreateCommentAt(ctx, id, r.AuthorID, cid, r.Body, r.At); err != nil {
					return err
				}
			}
		}
		for _, a := range s.Adoptions {
			if in.Kind != model.KindPractice {
				return fmt.Errorf("core: seed post %q: only best practices are adopted", in.Title)
			}
			adoptions = append(adoptions, store.AdoptionRow{PostID: id, TeamManagerID: a.TeamManagerID, AdoptedOn: a.AdoptedOn, Note: a.Note, By: "Throughline demo", At: dayStartOf(a.AdoptedOn)})
		}
	}
	for _, f := range []func() error{
		func() error { return tx.InsertPostTags(ctx, tags) },
		func() error { return tx.InsertCoAuthors(ctx, coauthors) },
		func() error { return tx.InsertPostVotes(ctx, votes) },
		func() error { return tx.InsertStatusChanges(ctx, steps) },
		func() error { return tx.InsertAdoptions(ctx, adoptions) },
	} {
		if err := f(); err != nil {
			return err
		}
	}
	return nil
}

func seedPrograms(ctx context.Context, tx *store.Tx, ps []model.ProgramSeed) error {
	var apps []store.ApplicationRow
	var logs []store.LogRow
	var refl []store.ReflectionRow
	for pi, p := range ps {
		in := p.ServiceProgramInput
		if err := in.Validate(); err != nil {
			return seedErr("program", pi, err)
		}
		pid, err := tx.CreateProgram(ctx, in, p.Status, p.CreatedAt)
		if err != nil {
			return err
		}
		selected := map[int64]bool{}
		for ji, pr := range p.Projects {
			pin := pr.ServiceProjectInput
			if err := pin.Validate(); err != nil {
				return seedErr("project", ji, err)
			}
			prid, err := tx.CreateProject(ctx, pid, pin, p.CreatedAt)
			if err != nil {
				return err
			}
			team := map[int64]bool{}
			for _, a := range pr.Applications {
				ai := model.ApplicationInput{Motivation: a.Motivation}
				if err := ai.Validate(); err != nil {
					return err
				}
				decided := int64(0)
				if a.Status != model.AppApplied {
					decided = a.At + 7*86400
				}
				if a.Status == model.AppSelected {
					if selected[a.PersonID] {
						return fmt.Errorf("core: seed project %q: person %d is selected twice in the program", pin.Title, a.PersonID)
					}
					selected[a.PersonID], team[a.PersonID] = true, true
				}
				apps = append(apps, store.ApplicationRow{ProjectID: prid, PersonID: a.PersonID, Motivation: ai.Motivation, Status: a.Status, CreatedAt: a.At, DecidedAt: decided})
			}
			if len(team) > pin.Capacity {
				return fmt.Errorf("core: seed project %q: %d selected for %d places", pin.Title, len(team), pin.Capacity)
			}
			for _, l := range pr.Logs {
				if !team[l.PersonID] {
					return fmt.Errorf("core: seed project %q: person %d logs hours without being on the team", pin.Title, l.PersonID)
				}
				li := l.ServiceLogInput
				if err := li.Validate(); err != nil {
					return err
				}
				logs = append(logs, store.LogRow{ProjectID: prid, PersonID: l.PersonID, ServiceLogInput: li, At: l.At})
			}
			for _, r := range pr.Reflections {
				ri := model.ReflectionInput{Body: r.Body, Shared: r.Shared}
				if err := ri.Validate(); err != nil {
					return err
				}
				refl = append(refl, store.ReflectionRow{ProjectID: prid, PersonID: r.PersonID, Body: ri.Body, Shared: ri.Shared, At: r.At})
			}
			for _, s := range pr.Skills {
				si := model.SkillsInput{Skills: s.Skills}
				if err := si.Validate(); err != nil {
					return err
				}
				if err := tx.AddSkills(ctx, s.PersonID, si.Skills, model.SkillFromService, prid, s.NotedOn); err != nil {
					return err
				}
			}
		}
	}
	if err := tx.InsertApplications(ctx, apps); err != nil {
		return err
	}
	if err := tx.InsertServiceLogs(ctx, logs); err != nil {
		return err
	}
	return tx.InsertReflections(ctx, refl)
}

func splitIDs(ids []int64, n int) [][]int64 {
	var out [][]int64
	for len(ids) > n {
		out = append(out, ids[:n])
		ids = ids[n:]
	}
	if len(ids) > 0 {
		out = append(out, ids)
	}
	return out
}

func unixDate(at int64) string { return dayOf(time.Unix(at, 0)) }
