package store

import (
	"context"
	"strings"

	"throughline/internal/model"
)

// postColumns selects a post; the first placeholder is the viewer's person id, for
// "did I vote for it".
const postColumns = `po.id, po.kind, po.title, po.body, po.author_person_id, au.name, au.path, COALESCE(ad.name, ''),
	COALESCE(po.team_manager_id, 0), COALESCE(tm.name, ''), COALESCE(po.objective_id, 0), COALESCE(ob.title, ''),
	po.status, po.decline_reason, po.adopted_on, po.implemented_on, po.created_at, po.updated_at,
	(SELECT count(*) FROM post_votes v WHERE v.post_id = po.id),
	(SELECT count(*) FROM post_comments c WHERE c.post_id = po.id),
	(SELECT count(*) FROM practice_adoptions pa WHERE pa.post_id = po.id),
	EXISTS (SELECT 1 FROM post_votes mv WHERE mv.post_id = po.id AND mv.person_id = ?)`

const postFrom = ` FROM posts po JOIN people au ON au.id = po.author_person_id LEFT JOIN departments ad ON ad.id = au.department_id
	LEFT JOIN people tm ON tm.id = po.team_manager_id LEFT JOIN objectives ob ON ob.id = po.objective_id`

func scanPost(s rowScanner) (model.Post, error) {
	var p model.Post
	var kind, status string
	err := s.Scan(&p.ID, &kind, &p.Title, &p.Body, &p.AuthorID, &p.AuthorName, &p.AuthorPath, &p.AuthorDept, &p.TeamManagerID, &p.TeamManagerName,
		&p.ObjectiveID, &p.ObjectiveTitle, &status, &p.DeclineReason, &p.AdoptedOn, &p.ImplementedOn, &p.CreatedAt, &p.UpdatedAt,
		&p.Votes, &p.CommentCount, &p.AdoptionCount, &p.Voted)
	p.Kind, p.Status = model.PostKind(kind), model.PostStatus(status)
	return p, err
}

// FindPostByID returns one post without tags and co-authors; viewerID marks the
// viewer's vote.
func (tx *Tx) FindPostByID(ctx context.Context, id, viewerID int64) (model.Post, error) {
	p, err := scanPost(tx.queryRow(ctx, `SELECT `+postColumns+postFrom+` WHERE po.id = ?`, viewerID, id))
	return p, wrap("find post", err)
}

// FindPosts returns one page of posts matching f and the total.
func (tx *Tx) FindPosts(ctx context.Context, f model.PostFilter, viewerID int64) ([]model.Post, int, error) {
	f.Page = f.Page.Normalize()
	var conds []string
	var args []any
	if f.Kind != "" {
		conds = append(conds, "po.kind = ?")
		args = append(args, string(f.Kind))
	}
	if f.Status != "" {
		conds = append(conds, "po.status = ?")
		args = append(args, string(f.Status))
	}
	if t := model.FoldKey(f.Tag); t != "" {
		conds = append(conds, "EXISTS (SELECT 1 FROM post_tags pt WHERE pt.post_id = po.id AND pt.tag = ?)")
		args = append(args, t)
	}
	if f.AuthorID != 0 {
		conds = append(conds, "(po.author_person_id = ? OR EXISTS (SELECT 1 FROM post_coauthors pc WHERE pc.post_id = po.id AND pc.person_id = ?))")
		args = append(args, f.AuthorID, f.AuthorID)
	}
	for _, w := range splitWords(f.Query) {
		conds = append(conds, `po.search_key LIKE ? ESCAPE '\'`)
		args = append(args, likePattern(w))
	}
	total, err := tx.count(ctx, `SELECT count(*) FROM posts po`+where(conds), args...)
	if err != nil || total == 0 {
		return nil, 0, wrap("find posts", err)
	}
	order := ` ORDER BY po.created_at DESC, po.id DESC`
	if f.Sort == "votes" {
		order = ` ORDER BY (SELECT count(*) FROM post_votes v WHERE v.post_id = po.id) DESC, po.created_at DESC, po.id DESC`
	}
	all := append([]any{viewerID}, args...)
	out, err := collectRows(ctx, tx, "find posts", `SELECT `+postColumns+postFrom+where(conds)+order+` LIMIT ? OFFSET ?`,
		append(all, f.Page.Limit, f.Page.Offset), scanPost)
	return out, total, err
}

// PostTags returns the tags of posts, by post, alphabetically.
func (tx *Tx) PostTags(ctx context.Context, ids []int64) (map[int64][]string, error) {
	out := map[int64][]string{}
	for _, chunk := range chunks(ids, 5000) {
		cond, args := inIDs("post_id", chunk)
		type row struct {
			id  int64
			tag string
		}
		rs, err := collectRows(ctx, tx, "post tags", `SELECT post_id, tag FROM post_tags WHERE `+cond+` ORDER BY tag`, args, func(s rowScanner) (row, error) {
			var r row
			err := s.Scan(&r.id, &r.tag)
			return r, err
		})
		if err != nil {
			return nil, err
		}
		for _, r := range rs {
			out[r.id] = append(out[r.id], r.tag)
		}
	}
	return out, nil
}

// PostCoAuthors returns the co-authors of posts, by post.
func (tx *Tx) PostCoAuthors(ctx context.Context, ids []int64) (map[int64][]model.Person, error) {
	out := map[int64][]model.Person{}
	for _, chunk := range chunks(ids, 5000) {
		cond, args := inIDs("pc.post_id", chunk)
		var pid int64
		err := tx.scanPeopleWith(ctx, "post co-authors", `SELECT pc.post_id, `+personColumns+personFrom+
			` JOIN post_coauthors pc ON pc.person_id = p.id WHERE `+cond+` ORDER BY p.name, p.id`, args, []any{&pid},
			func(p model.Person) { out[pid] = append(out[pid], p) })
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// TopTags lists the most used tags.
func (tx *Tx) TopTags(ctx context.Context, limit int) ([]model.TagCount, error) {
	return collectRows(ctx, tx, "top tags", `SELECT tag, count(*) FROM post_tags GROUP BY tag ORDER BY count(*) DESC, tag LIMIT ?`, []any{limit},
		func(s rowScanner) (model.TagCount, error) {
			var t model.TagCount
			err := s.Scan(&t.Tag, &t.Count)
			return t, err
		})
}

// PostRecord is a post's row as written.
type PostRecord struct {
	Kind          model.PostKind
	Title         string
	Body          string
	AuthorID      int64
	TeamManagerID int64
	ObjectiveID   int64
	Tags          []string
	CreatedAt     int64 // 0: now
}

func (r PostRecord) searchKey() string {
	return model.FoldKey(r.Title + " " + r.Body + " " + strings.Join(r.Tags, " "))
}

// CreatePost inserts a post with status new.
func (tx *Tx) CreatePost(ctx context.Context, r PostRecord) (int64, error) {
	at := r.CreatedAt
	if at == 0 {
		at = tx.now.Unix()
	}
	id, err := tx.insertID(ctx, `INSERT INTO posts (kind, title, body, author_person_id, team_manager_id, objective_id, status, search_key, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, 'new', ?, ?, ?)`, string(r.Kind), r.Title, r.Body, r.AuthorID, nullInt64(r.TeamManagerID), nullInt64(r.ObjectiveID),
		r.searchKey(), at, at)
	return id, wrap("create post", err)
}

// UpdatePost writes a post's text, kind, objective and search key.
func (tx *Tx) UpdatePost(ctx context.Context, id int64, r PostRecord) error {
	res, err := tx.exec(ctx, `UPDATE posts SET kind = ?, title = ?, body = ?, objective_id = ?, search_key = ?, updated_at = ? WHERE id = ?`,
		string(r.Kind), r.Title, r.Body, nullInt64(r.ObjectiveID), r.searchKey(), tx.now.Unix(), id)
	if err != nil {
		return wrap("update post", err)
	}
	return mustAffect(res, "update post")
}

// ReplacePostTags sets a post's tags.
func (tx *Tx) ReplacePostTags(ctx context.Context, id int64, tags []string) error {
	if _, err := tx.exec(ctx, `DELETE FROM post_tags WHERE post_id = ?`, id); err != nil {
		return wrap("replace tags", err)
	}
	rows := make([][]any, 0, len(tags))
	for _, t := range tags {
		rows = append(rows, []any{id, t})
	}
	return tx.insertMany(ctx, "post_tags", []string{"post_id", "tag"}, rows)
}

// ReplaceCoAuthors sets a post's co-authors.
func (tx *Tx) ReplaceCoAuthors(ctx context.Context, id int64, personIDs []int64) error {
	if _, err := tx.exec(ctx, `DELETE FROM post_coauthors WHERE post_id = ?`, id); err != nil {
		return wrap("replace co-authors", err)
	}
	rows := make([][]any, 0, len(personIDs))
	for _, p := range personIDs {
		rows = append(rows, []any{id, p})
	}
	return tx.insertMany(ctx, "post_coauthors", []string{"post_id", "person_id"}, rows)
}

// SetPostStatus moves a post and records the step in its history.
func (tx *Tx) SetPostStatus(ctx context.Context, id int64, from, to model.PostStatus, reason, byName string, at int64) error {
	if at == 0 {
		at = tx.now.Unix()
	}
	day := tx.now.UTC().Format("2006-01-02")
	if at != tx.now.Unix() {
		day = unixDay(at)
	}
	set := `status = ?, updated_at = ?`
	args := []any{string(to), at}
	switch to {
	case model.PostDeclined:
		set += `, decline_reason = ?`
		args = append(args, reason)
	case model.PostUnderReview:
		set += `, decline_reason = ''`
	case model.PostAdopted:
		set += `, adopted_on = ?`
		args = append(args, day)
	case model.PostImplemented:
		set += `, implemented_on = ?`
		args = append(args, day)
	}
	res, err := tx.exec(ctx, `UPDATE posts SET `+set+` WHERE id = ? AND status = ?`, append(args, id, string(from))...)
	if err != nil {
		return wrap("set post status", err)
	}
	if err := mustAffect(res, "set post status"); err != nil {
		return err
	}
	_, err = tx.exec(ctx, `INSERT INTO post_status_changes (post_id, from_status, to_status, reason, by_name, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
		id, string(from), string(to), reason, byName, at)
	return wrap("record post status", err)
}

// FindStatusChanges returns a post's workflow history, oldest first.
func (tx *Tx) FindStatusChanges(ctx context.Context, id int64) ([]model.StatusChange, error) {
	return collectRows(ctx, tx, "status changes", `SELECT from_status, to_status, reason, by_name, created_at FROM post_status_changes
		WHERE post_id = ? ORDER BY created_at, id`, []any{id}, func(s rowScanner) (model.StatusChange, error) {
		var c model.StatusChange
		var from, to string
		err := s.Scan(&from, &to, &c.Reason, &c.ByName, &c.At)
		c.From, c.To = model.PostStatus(from), model.PostStatus(to)
		return c, err
	})
}

// AddPostVote records a person's vote for a post; a second vote is ignored.
func (tx *Tx) AddPostVote(ctx context.Context, postID, personID int64) error {
	_, err := tx.exec(ctx, `INSERT INTO post_votes (post_id, person_id, created_at) VALUES (?, ?, ?) ON CONFLICT (post_id, person_id) DO NOTHING`,
		postID, personID, tx.now.Unix())
	return wrap("vote for post", err)
}

// RemovePostVote withdraws a person's vote for a post.
func (tx *Tx) RemovePostVote(ctx context.Context, postID, personID int64) error {
	_, err := tx.exec(ctx, `DELETE FROM post_votes WHERE post_id = ? AND person_id = ?`, postID, personID)
	return wrap("withdraw post vote", err)
}

// FindComments returns a post's comments, oldest first, replies under their comment.
func (tx *Tx) FindComments(ctx context.Context, postID int64) ([]model.PostComment, error) {
	all, err := collectRows(ctx, tx, "find comments", `SELECT c.id, c.post_id, COALESCE(c.parent_id, 0), c.author_person_id, a.name, c.body, c.created_at
		FROM post_comments c JOIN people a ON a.id = c.author_person_id WHERE c.post_id = ? ORDER BY c.created_at, c.id`, []any{postID}, scanComment)
	if err != nil {
		return nil, err
	}
	var top []model.PostComment
	index := map[int64]int{}
	for _, c := range all {
		if c.ParentID == 0 {
			index[c.ID] = len(top)
			top = append(top, c)
		}
	}
	for _, c := range all {
		if i, ok := index[c.ParentID]; ok {
			top[i].Replies = append(top[i].Replies, c)
		}
	}
	return top, nil
}

func scanComment(s rowScanner) (model.PostComment, error) {
	var c model.PostComment
	err := s.Scan(&c.ID, &c.PostID, &c.ParentID, &c.AuthorID, &c.AuthorName, &c.Body, &c.CreatedAt)
	return c, err
}

// FindCommentByID returns one comment.
func (tx *Tx) FindCommentByID(ctx context.Context, id int64) (model.PostComment, error) {
	c, err := scanComment(tx.queryRow(ctx, `SELECT c.id, c.post_id, COALESCE(c.parent_id, 0), c.author_person_id, a.name, c.body, c.created_at
		FROM post_comments c JOIN people a ON a.id = c.author_person_id WHERE c.id = ?`, id))
	return c, wrap("find comment", err)
}

// CreateComment adds a comment.
func (tx *Tx) CreateComment(ctx context.Context, postID, authorID, parentID int64, body string) (int64, error) {
	id, err := tx.insertID(ctx, `INSERT INTO post_comments (post_id, parent_id, author_person_id, body, created_at) VALUES (?, ?, ?, ?, ?)`,
		postID, nullInt64(parentID), authorID, body, tx.now.Unix())
	return id, wrap("create comment", err)
}

// UpsertAdoption records that a team adopted a practice, or updates the record.
func (tx *Tx) UpsertAdoption(ctx context.Context, postID, teamManagerID int64, in model.AdoptionInput, byName string) error {
	_, err := tx.exec(ctx, `INSERT INTO practice_adoptions (post_id, team_manager_id, adopted_on, note, recorded_by_name, created_at) VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT (post_id, team_manager_id) DO UPDATE SET adopted_on = excluded.adopted_on, note = excluded.note, recorded_by_name = excluded.recorded_by_name`,
		postID, teamManagerID, in.AdoptedOn, in.Note, byName, tx.now.Unix())
	return wrap("record adoption", err)
}

// FindAdoptions returns the teams that adopted a practice, most recent first.
func (tx *Tx) FindAdoptions(ctx context.Context, postID int64) ([]model.Adoption, error) {
	return collectRows(ctx, tx, "find adoptions", `SELECT pa.post_id, pa.team_manager_id, m.name, COALESCE(d.name, ''), pa.adopted_on, pa.note, pa.recorded_by_name
		FROM practice_adoptions pa JOIN people m ON m.id = pa.team_manager_id LEFT JOIN departments d ON d.id = m.department_id
		WHERE pa.post_id = ? ORDER BY pa.adopted_on DESC, m.name`, []any{postID}, func(s rowScanner) (model.Adoption, error) {
		var a model.Adoption
		err := s.Scan(&a.PostID, &a.TeamManagerID, &a.TeamManagerName, &a.Department, &a.AdoptedOn, &a.Note, &a.RecordedByName)
		return a, err
	})
}

// InnovationRow is one team's count of one kind of innovation in a span of days.
type InnovationRow struct {
	ManagerID int64
	Name      string
	Dept      string
	Count     int
}

// ImplementedIdeas counts the ideas implemented between two dates (inclusive), by team.
func (tx *Tx) ImplementedIdeas(ctx context.Context, from, to string) ([]InnovationRow, error) {
	return collectRows(ctx, tx, "implemented ideas", `SELECT po.team_manager_id, m.name, COALESCE(d.name, ''), count(*) FROM posts po
		JOIN people m ON m.id = po.team_manager_id LEFT JOIN departments d ON d.id = m.department_id
		WHERE po.kind = 'idea' AND po.status = 'implemented' AND po.implemented_on >= ? AND po.implemented_on <= ?
		GROUP BY po.team_manager_id, m.name, d.name ORDER BY po.team_manager_id`, []any{from, to}, scanInnovation)
}

// AdoptedPractices counts the best-practice adoptions recorded for days between two
// dates (inclusive), by team.
func (tx *Tx) AdoptedPractices(ctx context.Context, from, to string) ([]InnovationRow, error) {
	return collectRows(ctx, tx, "adopted practices", `SELECT pa.team_manager_id, m.name, COALESCE(d.name, ''), count(*) FROM practice_adoptions pa
		JOIN posts po ON po.id = pa.post_id JOIN people m ON m.id = pa.team_manager_id LEFT JOIN departments d ON d.id = m.department_id
		WHERE po.kind = 'practice' AND pa.adopted_on >= ? AND pa.adopted_on <= ?
		GROUP BY pa.team_manager_id, m.name, d.name ORDER BY pa.team_manager_id`, []any{from, to}, scanInnovation)
}

func scanInnovation(s rowScanner) (InnovationRow, error) {
	var r InnovationRow
	err := s.Scan(&r.ManagerID, &r.Name, &r.Dept, &r.Count)
	return r, err
}

// CountPostsSince counts the posts written since an instant.
func (tx *Tx) CountPostsSince(ctx context.Context, since int64) (int, error) {
	n, err := tx.count(ctx, `SELECT count(*) FROM posts WHERE created_at >= ?`, since)
	return n, wrap("count posts", err)
}
