package core

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"time"

	"throughline/internal/model"
	"throughline/internal/store"
	"throughline/internal/webhook"
)

// teamOf is the team a person's post counts for, named by the team's manager: their
// own team when they lead one, otherwise the team they belong to. It is recorded when
// the post is written, so history does not move when people do.
func teamOf(p model.Person) int64 {
	if p.DirectReports > 0 {
		return p.ID
	}
	return p.ManagerID
}

// canReviewPost reports whether actor moves a post through the workflow: executives,
// hr, admin, and the managers above its author.
func canReviewPost(actor model.Actor, p model.Post) bool {
	return actor.Is(model.RoleExecutive, model.RoleHR, model.RoleAdmin) || isUnder(p.AuthorPath, actor.Line)
}

// canEditPost reports whether actor edits a post: its author, hr and admin.
func canEditPost(actor model.Actor, p model.Post) bool {
	return actor.SeesEveryone() || (actor.PersonID != 0 && actor.PersonID == p.AuthorID)
}

// PostDetail is a post's page.
type PostDetail struct {
	model.Post
	Comments    []model.PostComment
	History     []model.StatusChange
	Adoptions   []model.Adoption
	CanReview   bool
	CanEdit     bool
	CanVote     bool // signed in as a person who is not an author
	CanAdopt    bool // a best practice, and the viewer leads a team that has not adopted it
	MyTeamID    int64
	NextStatus  []model.PostStatus
	IsCoAuthor  bool
	Participant bool // may comment
}

// Posts lists posts of the hub with their tags.
func (c *Core) Posts(ctx context.Context, actor model.Actor, f model.PostFilter) (model.List[model.Post], error) {
	if err := requireSignedIn(actor); err != nil {
		return model.List[model.Post]{}, err
	}
	f.Page = f.Page.Normalize()
	var out model.List[model.Post]
	err := c.read(ctx, func(tx *store.Tx) error {
		items, total, err := tx.FindPosts(ctx, f, actor.PersonID)
		if err != nil {
			return err
		}
		ids := make([]int64, len(items))
		for i, p := range items {
			ids[i] = p.ID
		}
		tags, err := tx.PostTags(ctx, ids)
		if err != nil {
			return err
		}
		for i := range items {
			items[i].Tags = tags[items[i].ID]
		}
		out = model.List[model.Post]{Items: items, Total: total, Page: f.Page}
		return nil
	})
	return out, err
}

// TopTags lists the most used tags of the hub.
func (c *Core) TopTags(ctx context.Context, actor model.Actor, limit int) ([]model.TagCount, error) {
	if err := requireSignedIn(actor); err != nil {
		return nil, err
	}
	var out []model.TagCount
	err := c.read(ctx, func(tx *store.Tx) (err error) {
		out, err = tx.TopTags(ctx, max(1, min(limit, 100)))
		return err
	})
	return out, err
}

// Post returns a post's page.
func (c *Core) Post(ctx context.Context, actor model.Actor, id int64) (PostDetail, error) {
	if err := requireSignedIn(actor); err != nil {
		return PostDetail{}, err
	}
	var d PostDetail
	err := c.read(ctx, func(tx *store.Tx) error {
		p, err := tx.FindPostByID(ctx, id, actor.PersonID)
		if err != nil {
			return notFound(err, "post")
		}
		tags, err := tx.PostTags(ctx, []int64{id})
		if err != nil {
			return err
		}
		p.Tags = tags[id]
		co, err := tx.PostCoAuthors(ctx, []int64{id})
		if err != nil {
			return err
		}
		p.CoAuthors = viewPeople(actor, co[id])
		for _, a := range p.CoAuthors {
			if a.ID == actor.PersonID {
				d.IsCoAuthor = true
			}
		}
		d.Post = p
		if d.Comments, err = tx.FindComments(ctx, id); err != nil {
			return err
		}
		if d.History, err = tx.FindStatusChanges(ctx, id); err != nil {
			return err
		}
		if p.Kind == model.KindPractice {
			if d.Adoptions, err = tx.FindAdoptions(ctx, id); err != nil {
				return err
			}
		}
		d.CanReview = p.Kind.HasWorkflow() && canReviewPost(actor, p)
		if d.CanReview {
			d.NextStatus = p.Status.Next()
		}
		d.CanEdit = canEditPost(actor, p)
		d.Participant = actor.PersonID != 0
		d.CanVote = d.Participant && actor.PersonID != p.AuthorID && !d.IsCoAuthor
		if actor.PersonID != 0 && p.Kind == model.KindPractice && p.Status != model.PostDeclined {
			me, err := tx.FindPersonByID(ctx, actor.PersonID)
			if err != nil {
				return err
			}
			if me.DirectReports > 0 {
				d.MyTeamID = me.ID
				d.CanAdopt = true
				for _, a := range d.Adoptions {
					if a.TeamManagerID == me.ID {
						d.CanAdopt = false
					}
				}
			}
		}
		return nil
	})
	return d, err
}

// checkPost checks a post's objective and co-authors against the database.
func checkPost(ctx context.Context, tx *store.Tx, authorID int64, in model.PostInput) error {
	var v model.Validator
	if in.ObjectiveID != 0 {
		if err := checkObjectives(ctx, tx, &v, "objective_id", []int64{in.ObjectiveID}); err != nil {
			return err
		}
	}
	for _, id := range in.CoAuthorIDs {
		if id == authorID {
			v.Add("coauthor_ids", "You are the author; name your co-authors only.")
			continue
		}
		if _, err := activePerson(ctx, tx, &v, id, "coauthor_ids", "Every co-author must be an active person."); err != nil {
			return err
		}
	}
	return v.Err()
}

// CreatePost shares an idea, a best practice or a story. It counts for the author's
// team (see teamOf).
func (c *Core) CreatePost(ctx context.Context, actor model.Actor, in model.PostInput) (int64, error) {
	if err := requirePerson(actor); err != nil {
		return 0, err
	}
	if err := in.Validate(); err != nil {
		return 0, err
	}
	var id int64
	err := c.write(ctx, func(tx *store.Tx) error {
		me, err := tx.FindPersonByID(ctx, actor.PersonID)
		if err != nil {
			return err
		}
		if err := checkPost(ctx, tx, me.ID, in); err != nil {
			return err
		}
		id, err = tx.CreatePost(ctx, store.PostRecord{Kind: in.Kind, Title: in.Title, Body: in.Body, AuthorID: me.ID, TeamManagerID: teamOf(me),
			ObjectiveID: in.ObjectiveID, Tags: in.Tags})
		if err != nil {
			return err
		}
		if err := tx.ReplacePostTags(ctx, id, in.Tags); err != nil {
			return err
		}
		if err := tx.ReplaceCoAuthors(ctx, id, in.CoAuthorIDs); err != nil {
			return err
		}
		return audit(ctx, tx, actor, "post_created", "post", id, string(in.Kind))
	})
	return id, err
}

// UpdatePost changes a post's text, kind, objective, tags and co-authors; its author,
// hr and admin may.
func (c *Core) UpdatePost(ctx context.Context, actor model.Actor, id int64, in model.PostInput) error {
	if err := requireSignedIn(actor); err != nil {
		return err
	}
	if err := in.Validate(); err != nil {
		return err
	}
	return c.write(ctx, func(tx *store.Tx) error {
		p, err := tx.FindPostByID(ctx, id, actor.PersonID)
		if err != nil {
			return notFound(err, "post")
		}
		if !canEditPost(actor, p) {
			return model.Forbidden()
		}
		if p.Kind != in.Kind && p.Status != model.PostNew {
			return &model.Error{Code: model.CodeConflict, Message: "A post under review keeps its kind.", Fields: map[string]string{"kind": "A post under review keeps its kind."}}
		}
		if err := checkPost(ctx, tx, p.AuthorID, in); err != nil {
			return err
		}
		if err := tx.UpdatePost(ctx, id, store.PostRecord{Kind: in.Kind, Title: in.Title, Body: in.Body, ObjectiveID: in.ObjectiveID, Tags: in.Tags}); err != nil {
			return err
		}
		if err := tx.ReplacePostTags(ctx, id, in.Tags); err != nil {
			return err
		}
		if err := tx.ReplaceCoAuthors(ctx, id, in.CoAuthorIDs); err != nil {
			return err
		}
		return audit(ctx, tx, actor, "post_updated", "post", id, "")
	})
}

// VotePost adds (on) or withdraws the actor's vote for a post. Authors and co-authors
// do not vote for their own post.
func (c *Core) VotePost(ctx context.Context, actor model.Actor, id int64, on bool) error {
	if err := requirePerson(actor); err != nil {
		return err
	}
	return c.write(ctx, func(tx *store.Tx) error {
		p, err := tx.FindPostByID(ctx, id, actor.PersonID)
		if err != nil {
			return notFound(err, "post")
		}
		if !on {
			return tx.RemovePostVote(ctx, id, actor.PersonID)
		}
		co, err := tx.PostCoAuthors(ctx, []int64{id})
		if err != nil {
			return err
		}
		own := p.AuthorID == actor.PersonID
		for _, a := range co[id] {
			own = own || a.ID == actor.PersonID
		}
		if own {
			return &model.Error{Code: model.CodeForbidden, Message: "You cannot vote for your own post."}
		}
		return tx.AddPostVote(ctx, id, actor.PersonID)
	})
}

// CommentOnPost adds a comment, or a reply to a top-level comment: replies go one level
// deep. It returns the comment's id.
func (c *Core) CommentOnPost(ctx context.Context, actor model.Actor, id int64, in model.CommentInput) (int64, error) {
	if err := requirePerson(actor); err != nil {
		return 0, err
	}
	if err := in.Validate(); err != nil {
		return 0, err
	}
	var cid int64
	err := c.write(ctx, func(tx *store.Tx) error {
		if _, err := tx.FindPostByID(ctx, id, actor.PersonID); err != nil {
			return notFound(err, "post")
		}
		if in.ParentID != 0 {
			parent, err := tx.FindCommentByID(ctx, in.ParentID)
			if errors.Is(err, store.ErrNotFound) || (err == nil && parent.PostID != id) {
				return &model.Error{Code: model.CodeInvalid, Message: "The comment you reply to is not on this post.", Fields: map[string]string{"parent_id": "No such comment on this post."}}
			}
			if err != nil {
				return err
			}
			if parent.ParentID != 0 {
				return &model.Error{Code: model.CodeInvalid, Message: "Replies go one level deep: reply to the comment itself.", Fields: map[string]string{"parent_id": "Reply to the top-level comment."}}
			}
		}
		var err error
		cid, err = tx.CreateComment(ctx, id, actor.PersonID, in.ParentID, in.Body)
		return err
	})
	return cid, err
}

// MovePost moves an idea or a best practice through the workflow. Declining needs a
// reason; implemented is reached only through adopted.
func (c *Core) MovePost(ctx context.Context, actor model.Actor, id int64, in model.PostStatusInput) error {
	if err := requireSignedIn(actor); err != nil {
		return err
	}
	if err := in.Validate(); err != nil {
		return err
	}
	defer func() {
		if in.Status == model.PostImplemented {
			c.syncInnovation(ctx, dayOf(c.Now()))
		}
	}()
	return c.write(ctx, func(tx *store.Tx) error {
		p, err := tx.FindPostByID(ctx, id, actor.PersonID)
		if err != nil {
			return notFound(err, "post")
		}
		if !canReviewPost(actor, p) {
			return model.Forbidden()
		}
		if !p.Kind.HasWorkflow() {
			return &model.Error{Code: model.CodeConflict, Message: "Stories are shared, not reviewed."}
		}
		if !p.Status.CanMoveTo(in.Status) {
			return &model.Error{Code: model.CodeConflict, Message: "A post that is " + p.Status.Label() + " cannot become " + in.Status.Label() + ".",
				Fields: map[string]string{"status": "Not a next step from " + p.Status.Label() + "."}}
		}
		if err := tx.SetPostStatus(ctx, id, p.Status, in.Status, in.Reason, actor.Name, 0); err != nil {
			if errors.Is(err, store.ErrNotFound) {
				return &model.Error{Code: model.CodeConflict, Message: "Someone else changed this post's status just now. Reload and try again."}
			}
			return err
		}
		if in.Status == model.PostAdopted {
			if err := c.emit(ctx, tx, model.EventIdeaAdopted, webhook.IdeaAdopted{PostID: id, Kind: string(p.Kind), Title: p.Title,
				URL: c.link("/ideas/" + strconv.FormatInt(id, 10))}); err != nil {
				return err
			}
		}
		return audit(ctx, tx, actor, "post_"+string(in.Status), "post", id, "")
	})
}

// RecordAdoption records that a team adopted a best practice: managers record it for
// their own team (TeamManagerID 0 or their own id), or for a team in their reporting
// line; hr and admin for any team.
func (c *Core) RecordAdoption(ctx context.Context, actor model.Actor, id int64, in model.AdoptionInput) error {
	if err := requireSignedIn(actor); err != nil {
		return err
	}
	if in.TeamManagerID == 0 {
		in.TeamManagerID = actor.PersonID
	}
	if in.AdoptedOn == "" {
		in.AdoptedOn = dayOf(c.Now())
	}
	if err := in.Validate(); err != nil {
		return err
	}
	defer c.syncInnovation(ctx, in.AdoptedOn)
	return c.write(ctx, func(tx *store.Tx) error {
		p, err := tx.FindPostByID(ctx, id, actor.PersonID)
		if err != nil {
			return notFound(err, "post")
		}
		if p.Kind != model.KindPractice {
			return &model.Error{Code: model.CodeConflict, Message: "Only best practices are adopted by teams."}
		}
		if p.Status == model.PostDeclined {
			return &model.Error{Code: model.CodeConflict, Message: "This practice was declined; reopen it before teams adopt it."}
		}
		if in.TeamManagerID == 0 {
			return &model.Error{Code: model.CodeInvalid, Message: "Choose the team that adopted it.", Fields: map[string]string{"team_manager_id": "Choose a team."}}
		}
		m, err := tx.FindPersonByID(ctx, in.TeamManagerID)
		if err != nil {
			return notFound(err, "team")
		}
		if m.DirectReports == 0 {
			return &model.Error{Code: model.CodeInvalid, Message: m.Name + " does not lead a team.", Fields: map[string]string{"team_manager_id": "Choose someone who leads a team."}}
		}
		if !actor.SeesEveryone() && actor.PersonID != m.ID && !isUnder(m.Path, actor.Line) {
			return model.Forbidden()
		}
		if in.AdoptedOn > dayOf(tx.Now()) {
			return &model.Error{Code: model.CodeInvalid, Message: "An adoption cannot be in the future.", Fields: map[string]string{"adopted_on": "Choose today or an earlier day."}}
		}
		if err := tx.UpsertAdoption(ctx, id, m.ID, in, actor.Name); err != nil {
			return err
		}
		return audit(ctx, tx, actor, "practice_adopted", "post", id, "")
	})
}

// InnovationCounts counts, per team, the ideas implemented and the best practices
// adopted in a quarter ("2026-Q1"). The scorecard's innovation observations (source:
// system) are written from these counts: one observation per team manager per quarter.
// Executives, hr and admin may read them, and the system.
func (c *Core) InnovationCounts(ctx context.Context, actor model.Actor, quarter string) ([]model.InnovationCount, error) {
	if err := requireRole(actor, model.RoleExecutive, model.RoleHR, model.RoleAdmin); err != nil {
		return nil, err
	}
	if len(quarter) != 7 || quarter[5] != 'Q' {
		return nil, &model.Error{Code: model.CodeInvalid, Message: "Give a quarter such as 2026-Q1.", Fields: map[string]string{"quarter": "Give a quarter such as 2026-Q1."}}
	}
	return c.innovationCounts(ctx, quarter)
}

// innovationCounts counts innovations per team in a period: a quarter ("2026-Q1") or a
// month ("2026-03").
func (c *Core) innovationCounts(ctx context.Context, period string) ([]model.InnovationCount, error) {
	from, to, err := periodRange(period)
	if err != nil {
		return nil, &model.Error{Code: model.CodeInvalid, Message: "Give a quarter such as 2026-Q1 or a month such as 2026-03.", Fields: map[string]string{"quarter": "Not a period."}}
	}
	var out []model.InnovationCount
	err = c.read(ctx, func(tx *store.Tx) error {
		ideas, err := tx.ImplementedIdeas(ctx, from, to)
		if err != nil {
			return err
		}
		practices, err := tx.AdoptedPractices(ctx, from, to)
		if err != nil {
			return err
		}
		byTeam := map[int64]*model.InnovationCount{}
		get := func(r store.InnovationRow) *model.InnovationCount {
			ic, ok := byTeam[r.ManagerID]
			if !ok {
				ic = &model.InnovationCount{ManagerID: r.ManagerID, ManagerName: r.Name, DepartmentName: r.Dept, Quarter: period}
				byTeam[r.ManagerID] = ic
			}
			return ic
		}
		for _, r := range ideas {
			get(r).ImplementedIdeas += r.Count
		}
		for _, r := range practices {
			get(r).AdoptedPractices += r.Count
		}
		for _, ic := range byTeam {
			out = append(out, *ic)
		}
		sortInnovation(out)
		return nil
	})
	return out, err
}

// periodRange returns the first and last day of a quarter or a month.
func periodRange(period string) (string, string, error) {
	if len(period) == 7 && period[4] == '-' && period[5] != 'Q' {
		t, err := time.Parse("2006-01", period)
		if err != nil {
			return "", "", err
		}
		return t.Format("2006-01-02"), t.AddDate(0, 1, -1).Format("2006-01-02"), nil
	}
	return model.PeriodDates(period)
}

func sortInnovation(out []model.InnovationCount) {
	sort.Slice(out, func(i, j int) bool { return out[i].ManagerID < out[j].ManagerID })
}

// InnovationMetric is the catalogue key innovation counts are written to.
const InnovationMetric = "ideas_implemented"

// SyncInnovation writes the innovation counts of the period containing day into the
// scorecard: for each team, an observation (source: system) of the ideas implemented and
// practices adopted in that month or quarter (whichever the metric keyed
// InnovationMetric is recorded by). It is idempotent: counts that have not
// changed change nothing, and a changed count is recorded as a correction. When the
// organization keeps no such metric, there is nothing to write.
func (c *Core) SyncInnovation(ctx context.Context, actor model.Actor, day string) (model.ObservationReport, error) {
	if err := requireRole(actor, model.RoleAdmin, model.RoleHR); err != nil {
		return model.ObservationReport{}, err
	}
	m, err := c.MetricByKey(ctx, model.System, InnovationMetric)
	if err != nil {
		return model.ObservationReport{}, err
	}
	t, err := time.Parse("2006-01-02", day)
	if err != nil {
		return model.ObservationReport{}, &model.Error{Code: model.CodeInvalid, Message: "Give a day such as 2026-03-31."}
	}
	// The metric's own frequency decides the period the count is recorded for.
	quarter := model.CurrentQuarter(t)
	if m.Frequency == model.Monthly {
		quarter = t.Format("2006-01")
	}
	counts, err := c.innovationCounts(ctx, quarter)
	if err != nil {
		return model.ObservationReport{}, err
	}
	obs := make([]SystemObservation, 0, len(counts))
	for _, ic := range counts {
		obs = append(obs, SystemObservation{SubjectType: model.SubjectTeam, SubjectID: ic.ManagerID, Period: quarter, Value: float64(ic.Total()),
			Note: fmt.Sprintf("%d ideas implemented, %d practices adopted", ic.ImplementedIdeas, ic.AdoptedPractices)})
	}
	if len(obs) == 0 {
		return model.ObservationReport{}, nil
	}
	return c.RecordSystemObservations(ctx, InnovationMetric, model.SourceSystem, obs)
}

// syncInnovation is SyncInnovation after an idea or adoption changes; a failure is logged,
// not returned, because the change itself succeeded.
func (c *Core) syncInnovation(ctx context.Context, day string) {
	if _, err := c.SyncInnovation(ctx, model.System, day); err != nil && model.ErrorCodeOf(err) != model.CodeNotFound {
		c.log.Warn("innovation observations", "day", day, "err", err.Error())
	}
}
