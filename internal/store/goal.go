package store

import (
	"context"
	"database/sql"

	"throughline/internal/model"
)

const goalColumns = `g.id, g.level, g.title, g.description, g.owner_person_id, o.name, o.path,
	COALESCE(g.department_id, 0), COALESCE(d.name, ''), g.period, g.starts_on, g.ends_on, g.status, g.progress, g.updated_at`

const goalFrom = ` FROM goals g JOIN people o ON o.id = g.owner_person_id LEFT JOIN departments d ON d.id = g.department_id`

func scanGoal(s interface{ Scan(...any) error }) (model.Goal, error) {
	var g model.Goal
	var level, status string
	err := s.Scan(&g.ID, &level, &g.Title, &g.Description, &g.OwnerID, &g.OwnerName, &g.OwnerPath,
		&g.DepartmentID, &g.DepartmentName, &g.Period, &g.StartsOn, &g.EndsOn, &status, &g.Progress, &g.UpdatedAt)
	g.Level, g.Status = model.GoalLevel(level), model.GoalStatus(status)
	return g, err
}

func (tx *Tx) goalsWhere(ctx context.Context, cond string, args ...any) ([]model.Goal, error) {
	rows, err := tx.query(ctx, `SELECT `+goalColumns+goalFrom+cond, args...)
	if err != nil {
		return nil, wrap("find goals", err)
	}
	defer rows.Close()
	var out []model.Goal
	for rows.Next() {
		g, err := scanGoal(rows)
		if err != nil {
			return nil, wrap("find goals", err)
		}
		out = append(out, g)
	}
	return out, wrap("find goals", rows.Err())
}

// FindGoalByID returns one goal without its related rows.
func (tx *Tx) FindGoalByID(ctx context.Context, id int64) (model.Goal, error) {
	g, err := scanGoal(tx.queryRow(ctx, `SELECT `+goalColumns+goalFrom+` WHERE g.id = ?`, id))
	return g, wrap("find goal", err)
}

// FindGoalsByIDs returns goals by id, in no particular order.
func (tx *Tx) FindGoalsByIDs(ctx context.Context, ids []int64) ([]model.Goal, error) {
	var out []model.Goal
	for _, chunk := range chunks(ids, 5000) {
		gs, err := tx.goalsWhere(ctx, ` WHERE g.id IN (`+placeholders(len(chunk))+`)`, int64Args(chunk)...)
		if err != nil {
			return nil, err
		}
		out = append(out, gs...)
	}
	return out, nil
}

func goalFilterWhere(f model.GoalFilter) ([]string, []any) {
	var conds []string
	var args []any
	if f.OwnerIDs != nil {
		if len(f.OwnerIDs) == 0 {
			conds = append(conds, "1 = 0")
		} else {
			conds = append(conds, "g.owner_person_id IN ("+placeholders(len(f.OwnerIDs))+")")
			args = append(args, int64Args(f.OwnerIDs)...)
		}
	}
	if f.Level != "" {
		conds = append(conds, "g.level = ?")
		args = append(args, string(f.Level))
	}
	if f.Period != "" {
		conds = append(conds, "g.period = ?")
		args = append(args, f.Period)
	}
	if f.Year != "" {
		conds = append(conds, "g.period LIKE ?")
		args = append(args, f.Year+"%")
	}
	if f.DepartmentID != 0 {
		conds = append(conds, "g.department_id = ?")
		args = append(args, f.DepartmentID)
	}
	if f.Status != "" {
		conds = append(conds, "g.status = ?")
		args = append(args, string(f.Status))
	}
	if q := model.FoldKey(f.Query); q != "" {
		conds = append(conds, `lower(g.title) LIKE ? ESCAPE '\'`)
		args = append(args, likePattern(q))
	}
	return conds, args
}

// FindGoals returns one page of goals matching f and the total. visible, when not
// empty, is an extra SQL condition on g and o (the owner) that core uses to keep
// individual goals inside the reader's reporting line.
func (tx *Tx) FindGoals(ctx context.Context, f model.GoalFilter, visible string, visibleArgs ...any) ([]model.Goal, int, error) {
	f.Page = f.Page.Normalize()
	conds, args := goalFilterWhere(f)
	if visible != "" {
		conds = append(conds, visible)
		args = append(args, visibleArgs...)
	}
	total, err := tx.count(ctx, `SELECT count(*)`+goalFrom+where(conds), args...)
	if err != nil || total == 0 {
		return nil, 0, wrap("find goals", err)
	}
	out, err := tx.goalsWhere(ctx, where(conds)+` ORDER BY g.period DESC, g.level, g.title, g.id LIMIT ? OFFSET ?`, append(args, f.Page.Limit, f.Page.Offset)...)
	return out, total, err
}

// GoalRecord is a goal's row as written.
type GoalRecord struct {
	Level        model.GoalLevel
	Title        string
	Description  string
	OwnerID      int64
	DepartmentID int64
	Period       string
	StartsOn     string
	EndsOn       string
	Status       model.GoalStatus
}

// CreateGoal inserts a goal.
func (tx *Tx) CreateGoal(ctx context.Context, r GoalRecord) (int64, error) {
	now := tx.now.Unix()
	id, err := tx.insertID(ctx, `INSERT INTO goals (level, title, description, owner_person_id, department_id, period, starts_on, ends_on, status, progress, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)`, string(r.Level), r.Title, r.Description, r.OwnerID, nullInt64(r.DepartmentID),
		r.Period, r.StartsOn, r.EndsOn, string(r.Status), now, now)
	return id, wrap("create goal", err)
}

// UpdateGoal writes a goal's fields.
func (tx *Tx) UpdateGoal(ctx context.Context, id int64, r GoalRecord) error {
	res, err := tx.exec(ctx, `UPDATE goals SET level = ?, title = ?, description = ?, owner_person_id = ?, department_id = ?, period = ?,
		starts_on = ?, ends_on = ?, status = ?, updated_at = ? WHERE id = ?`, string(r.Level), r.Title, r.Description, r.OwnerID,
		nullInt64(r.DepartmentID), r.Period, r.StartsOn, r.EndsOn, string(r.Status), tx.now.Unix(), id)
	if err != nil {
		return wrap("update goal", err)
	}
	return mustAffect(res, "update goal")
}

// SetGoalStatus changes a goal's status.
func (tx *Tx) SetGoalStatus(ctx context.Context, id int64, s model.GoalStatus) error {
	_, err := tx.exec(ctx, `UPDATE goals SET status = ?, updated_at = ? WHERE id = ?`, string(s), tx.now.Unix(), id)
	return wrap("set goal status", err)
}

// SetGoalProgress stores a goal's rolled-up progress.
func (tx *Tx) SetGoalProgress(ctx context.Context, id int64, p float64) error {
	_, err := tx.exec(ctx, `UPDATE goals SET progress = ? WHERE id = ?`, p, id)
	return wrap("set goal progress", err)
}

// DeleteGoal removes a goal with its key results, links and updates.
func (tx *Tx) DeleteGoal(ctx context.Context, id int64) error {
	res, err := tx.exec(ctx, `DELETE FROM goals WHERE id = ?`, id)
	if err != nil {
		return wrap("delete goal", err)
	}
	return mustAffect(res, "delete goal")
}

// ParentLinks returns the links from the given children to their parents, with each
// parent's title and progress.
func (tx *Tx) ParentLinks(ctx context.Context, childIDs []int64) ([]model.GoalLink, error) {
	var out []model.GoalLink
	for _, chunk := range chunks(childIDs, 5000) {
		rows, err := tx.query(ctx, `SELECT l.id, l.child_id, COALESCE(l.parent_goal_id, 0), COALESCE(l.objective_id, 0), l.weight,
			COALESCE(pg.title, ob.title), COALESCE(pg.progress, 0)
			FROM goal_links l LEFT JOIN goals pg ON pg.id = l.parent_goal_id LEFT JOIN objectives ob ON ob.id = l.objective_id
			WHERE l.child_id IN (`+placeholders(len(chunk))+`) ORDER BY l.id`, int64Args(chunk)...)
		if err != nil {
			return nil, wrap("parent links", err)
		}
		for rows.Next() {
			var l model.GoalLink
			if err := rows.Scan(&l.ID, &l.ChildID, &l.ParentGoalID, &l.ObjectiveID, &l.Weight, &l.Title, &l.Progress); err != nil {
				rows.Close()
				return nil, wrap("parent links", err)
			}
			out = append(out, l)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, wrap("parent links", err)
		}
	}
	return out, nil
}

// ChildLink is a child goal under a parent goal or objective.
type ChildLink struct {
	ParentGoalID int64
	ObjectiveID  int64
	Child        model.GoalChild
}

// ChildLinks returns the goals aligned under the given goals (objective false) or
// objectives (objective true).
func (tx *Tx) ChildLinks(ctx context.Context, parentIDs []int64, objective bool) ([]ChildLink, error) {
	col := "parent_goal_id"
	if objective {
		col = "objective_id"
	}
	var out []ChildLink
	for _, chunk := range chunks(parentIDs, 5000) {
		rows, err := tx.query(ctx, `SELECT COALESCE(l.parent_goal_id, 0), COALESCE(l.objective_id, 0), l.weight,
			g.id, g.title, g.level, g.owner_person_id, o.name, o.path, g.status, g.progress
			FROM goal_links l JOIN goals g ON g.id = l.child_id JOIN people o ON o.id = g.owner_person_id
			WHERE l.`+col+` IN (`+placeholders(len(chunk))+`) ORDER BY g.level, g.title, g.id`, int64Args(chunk)...)
		if err != nil {
			return nil, wrap("child links", err)
		}
		for rows.Next() {
			var c ChildLink
			var level, status string
			if err := rows.Scan(&c.ParentGoalID, &c.ObjectiveID, &c.Child.Weight, &c.Child.ID, &c.Child.Title, &level,
				&c.Child.OwnerID, &c.Child.OwnerName, &c.Child.OwnerPath, &status, &c.Child.Progress); err != nil {
				rows.Close()
				return nil, wrap("child links", err)
			}
			c.Child.Level, c.Child.Status = model.GoalLevel(level), model.GoalStatus(status)
			out = append(out, c)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, wrap("child links", err)
		}
	}
	return out, nil
}

// ReplaceParents sets a goal's parents.
func (tx *Tx) ReplaceParents(ctx context.Context, childID int64, parents []model.ParentRef) error {
	if _, err := tx.exec(ctx, `DELETE FROM goal_links WHERE child_id = ?`, childID); err != nil {
		return wrap("replace parents", err)
	}
	rows := make([][]any, 0, len(parents))
	for _, p := range parents {
		rows = append(rows, []any{childID, nullInt64(p.GoalID), nullInt64(p.ObjectiveID), p.Weight})
	}
	return tx.insertMany(ctx, "goal_links", []string{"child_id", "parent_goal_id", "objective_id", "weight"}, rows)
}

// AllGoalLinks loads every link, for the executive views that walk the whole cascade.
func (tx *Tx) AllGoalLinks(ctx context.Context) ([]model.GoalLink, error) {
	rows, err := tx.query(ctx, `SELECT id, child_id, COALESCE(parent_goal_id, 0), COALESCE(objective_id, 0), weight FROM goal_links`)
	if err != nil {
		return nil, wrap("all goal links", err)
	}
	defer rows.Close()
	var out []model.GoalLink
	for rows.Next() {
		var l model.GoalLink
		if err := rows.Scan(&l.ID, &l.ChildID, &l.ParentGoalID, &l.ObjectiveID, &l.Weight); err != nil {
			return nil, wrap("all goal links", err)
		}
		out = append(out, l)
	}
	return out, wrap("all goal links", rows.Err())
}

// GoalSummary is the compact form of a goal for whole-organization views.
type GoalSummary struct {
	ID           int64
	Title        string
	Level        model.GoalLevel
	OwnerID      int64
	OwnerName    string
	DepartmentID int64
	Department   string
	Status       model.GoalStatus
	Progress     float64
}

// AllGoalSummaries loads every goal whose period is in a year ("" for all) in compact form.
func (tx *Tx) AllGoalSummaries(ctx context.Context, year string) ([]GoalSummary, error) {
	q := `SELECT g.id, g.title, g.level, g.owner_person_id, o.name, COALESCE(o.department_id, 0), COALESCE(d.name, ''), g.status, g.progress
		FROM goals g JOIN people o ON o.id = g.owner_person_id LEFT JOIN departments d ON d.id = o.department_id`
	var args []any
	if year != "" {
		q += ` WHERE g.period LIKE ?`
		args = append(args, year+"%")
	}
	rows, err := tx.query(ctx, q+` ORDER BY g.id`, args...)
	if err != nil {
		return nil, wrap("goal summaries", err)
	}
	defer rows.Close()
	var out []GoalSummary
	for rows.Next() {
		var s GoalSummary
		var level, status string
		if err := rows.Scan(&s.ID, &s.Title, &level, &s.OwnerID, &s.OwnerName, &s.DepartmentID, &s.Department, &status, &s.Progress); err != nil {
			return nil, wrap("goal summaries", err)
		}
		s.Level, s.Status = model.GoalLevel(level), model.GoalStatus(status)
		out = append(out, s)
	}
	return out, wrap("goal summaries", rows.Err())
}

// FindContributors returns the contributors of goals, by goal.
func (tx *Tx) FindContributors(ctx context.Context, goalIDs []int64) (map[int64][]model.Person, error) {
	out := map[int64][]model.Person{}
	for _, chunk := range chunks(goalIDs, 5000) {
		rows, err := tx.query(ctx, `SELECT gc.goal_id, `+personColumns+personFrom+` JOIN goal_contributors gc ON gc.person_id = p.id
			WHERE gc.goal_id IN (`+placeholders(len(chunk))+`) ORDER BY p.name`, int64Args(chunk)...)
		if err != nil {
			return nil, wrap("find contributors", err)
		}
		for rows.Next() {
			var gid int64
			p, err := scanPerson(prefixScanner{rows, &gid})
			if err != nil {
				rows.Close()
				return nil, wrap("find contributors", err)
			}
			out[gid] = append(out[gid], p)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, wrap("find contributors", err)
		}
	}
	return out, nil
}

// prefixScanner scans one extra leading column before handing the rest to a scanner.
type prefixScanner struct {
	rows  *sql.Rows
	first any
}

func (p prefixScanner) Scan(dest ...any) error {
	return p.rows.Scan(append([]any{p.first}, dest...)...)
}

// ReplaceContributors sets a goal's contributors.
func (tx *Tx) ReplaceContributors(ctx context.Context, goalID int64, personIDs []int64) error {
	if _, err := tx.exec(ctx, `DELETE FROM goal_contributors WHERE goal_id = ?`, goalID); err != nil {
		return wrap("replace contributors", err)
	}
	rows := make([][]any, 0, len(personIDs))
	for _, id := range personIDs {
		rows = append(rows, []any{goalID, id})
	}
	return tx.insertMany(ctx, "goal_contributors", []string{"goal_id", "person_id"}, rows)
}

// IsContributor reports whether a person contributes to a goal.
func (tx *Tx) IsContributor(ctx context.Context, goalID, personID int64) (bool, error) {
	n, err := tx.count(ctx, `SELECT count(*) FROM goal_contributors WHERE goal_id = ? AND person_id = ?`, goalID, personID)
	return n > 0, wrap("is contributor", err)
}

// GoalsContributedBy lists the ids of the goals a person contributes to.
func (tx *Tx) GoalsContributedBy(ctx context.Context, personID int64) ([]int64, error) {
	rows, err := tx.query(ctx, `SELECT goal_id FROM goal_contributors WHERE person_id = ?`, personID)
	if err != nil {
		return nil, wrap("goals contributed", err)
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, wrap("goals contributed", err)
		}
		out = append(out, id)
	}
	return out, wrap("goals contributed", rows.Err())
}

const krColumns = `id, goal_id, title, kind, start_value, target_value, current_value, unit, done, weight, position, updated_at`

func scanKR(s interface{ Scan(...any) error }) (model.KeyResult, error) {
	var k model.KeyResult
	var kind string
	err := s.Scan(&k.ID, &k.GoalID, &k.Title, &kind, &k.Start, &k.Target, &k.Current, &k.Unit, &k.Done, &k.Weight, &k.Position, &k.UpdatedAt)
	k.Kind = model.KeyResultKind(kind)
	return k, err
}

// FindKeyResults returns the key results of goals, by goal, in order.
func (tx *Tx) FindKeyResults(ctx context.Context, goalIDs []int64) (map[int64][]model.KeyResult, error) {
	out := map[int64][]model.KeyResult{}
	for _, chunk := range chunks(goalIDs, 5000) {
		rows, err := tx.query(ctx, `SELECT `+krColumns+` FROM key_results WHERE goal_id IN (`+placeholders(len(chunk))+`) ORDER BY position, id`, int64Args(chunk)...)
		if err != nil {
			return nil, wrap("find key results", err)
		}
		for rows.Next() {
			k, err := scanKR(rows)
			if err != nil {
				rows.Close()
				return nil, wrap("find key results", err)
			}
			out[k.GoalID] = append(out[k.GoalID], k)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, wrap("find key results", err)
		}
	}
	return out, nil
}

// FindKeyResultByID returns one key result.
func (tx *Tx) FindKeyResultByID(ctx context.Context, id int64) (model.KeyResult, error) {
	k, err := scanKR(tx.queryRow(ctx, `SELECT `+krColumns+` FROM key_results WHERE id = ?`, id))
	return k, wrap("find key result", err)
}

// CreateKeyResult adds a key result at the end of its goal's list.
func (tx *Tx) CreateKeyResult(ctx context.Context, goalID int64, in model.KeyResultInput) (int64, error) {
	id, err := tx.insertID(ctx, `INSERT INTO key_results (goal_id, title, kind, start_value, target_value, current_value, unit, done, weight, position, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, (SELECT COALESCE(max(position), 0) + 1 FROM key_results WHERE goal_id = ?), ?)`,
		goalID, in.Title, string(in.Kind), in.Start, in.Target, in.Current, in.Unit, in.Done, in.Weight, goalID, tx.now.Unix())
	return id, wrap("create key result", err)
}

// UpdateKeyResult writes a key result's fields.
func (tx *Tx) UpdateKeyResult(ctx context.Context, id int64, in model.KeyResultInput) error {
	res, err := tx.exec(ctx, `UPDATE key_results SET title = ?, kind = ?, start_value = ?, target_value = ?, current_value = ?, unit = ?, done = ?, weight = ?, updated_at = ? WHERE id = ?`,
		in.Title, string(in.Kind), in.Start, in.Target, in.Current, in.Unit, in.Done, in.Weight, tx.now.Unix(), id)
	if err != nil {
		return wrap("update key result", err)
	}
	return mustAffect(res, "update key result")
}

// DeleteKeyResult removes a key result.
func (tx *Tx) DeleteKeyResult(ctx context.Context, id int64) error {
	res, err := tx.exec(ctx, `DELETE FROM key_results WHERE id = ?`, id)
	if err != nil {
		return wrap("delete key result", err)
	}
	return mustAffect(res, "delete key result")
}

// FindGoalUpdates lists a goal's check-ins, newest first.
func (tx *Tx) FindGoalUpdates(ctx context.Context, goalID int64, limit int) ([]model.GoalUpdate, error) {
	rows, err := tx.query(ctx, `SELECT id, goal_id, author_name, status, progress, comment, created_at FROM goal_updates
		WHERE goal_id = ? ORDER BY created_at DESC, id DESC LIMIT ?`, goalID, limit)
	if err != nil {
		return nil, wrap("goal updates", err)
	}
	defer rows.Close()
	var out []model.GoalUpdate
	for rows.Next() {
		var u model.GoalUpdate
		var status string
		if err := rows.Scan(&u.ID, &u.GoalID, &u.AuthorName, &status, &u.Progress, &u.Comment, &u.CreatedAt); err != nil {
			return nil, wrap("goal updates", err)
		}
		u.Status = model.GoalStatus(status)
		out = append(out, u)
	}
	return out, wrap("goal updates", rows.Err())
}

// AddGoalUpdate records a check-in.
func (tx *Tx) AddGoalUpdate(ctx context.Context, u model.GoalUpdate, personID int64) error {
	at := u.CreatedAt
	if at == 0 {
		at = tx.now.Unix()
	}
	_, err := tx.exec(ctx, `INSERT INTO goal_updates (goal_id, person_id, author_name, status, progress, comment, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		u.GoalID, nullInt64(personID), u.AuthorName, string(u.Status), u.Progress, u.Comment, at)
	return wrap("add goal update", err)
}

// GoalInputs are the rows a goal's progress is computed from.
type GoalInputs struct {
	KeyResults map[int64][]model.KeyResult
	Children   map[int64][]model.GoalChild // by parent goal
}

// LoadGoalInputs loads the key results and the children (with their stored progress and
// link weights) of the given goals.
func (tx *Tx) LoadGoalInputs(ctx context.Context, ids []int64) (GoalInputs, error) {
	krs, err := tx.FindKeyResults(ctx, ids)
	if err != nil {
		return GoalInputs{}, err
	}
	links, err := tx.ChildLinks(ctx, ids, false)
	if err != nil {
		return GoalInputs{}, err
	}
	children := map[int64][]model.GoalChild{}
	for _, l := range links {
		children[l.ParentGoalID] = append(children[l.ParentGoalID], l.Child)
	}
	return GoalInputs{KeyResults: krs, Children: children}, nil
}

// AllGoalIDs lists every goal id.
func (tx *Tx) AllGoalIDs(ctx context.Context) ([]int64, error) {
	rows, err := tx.query(ctx, `SELECT id FROM goals ORDER BY id`)
	if err != nil {
		return nil, wrap("all goal ids", err)
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, wrap("all goal ids", err)
		}
		out = append(out, id)
	}
	return out, wrap("all goal ids", rows.Err())
}

func chunks(ids []int64, n int) [][]int64 {
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

// InsertGoals inserts many goals in multi-row statements and returns their ids in order.
func (tx *Tx) InsertGoals(ctx context.Context, recs []GoalRecord) ([]int64, error) {
	now := tx.now.Unix()
	return tx.insertReturningIDs(ctx, "insert goals", `INSERT INTO goals (level, title, description, owner_person_id, department_id, period, starts_on, ends_on, status, created_at, updated_at) VALUES `,
		"(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", 11, len(recs), func(args []any, i int) []any {
			r := recs[i]
			return append(args, string(r.Level), r.Title, r.Description, r.OwnerID, nullInt64(r.DepartmentID), r.Period, r.StartsOn, r.EndsOn, string(r.Status), now, now)
		})
}

// InsertGoalLinks inserts many links.
func (tx *Tx) InsertGoalLinks(ctx context.Context, links []model.GoalLink) error {
	rows := make([][]any, len(links))
	for i, l := range links {
		rows[i] = []any{l.ChildID, nullInt64(l.ParentGoalID), nullInt64(l.ObjectiveID), l.Weight}
	}
	return tx.insertMany(ctx, "goal_links", []string{"child_id", "parent_goal_id", "objective_id", "weight"}, rows)
}

// InsertKeyResults inserts many key results (GoalID set on each).
func (tx *Tx) InsertKeyResults(ctx context.Context, krs []model.KeyResult) error {
	now := tx.now.Unix()
	rows := make([][]any, len(krs))
	for i, k := range krs {
		rows[i] = []any{k.GoalID, k.Title, string(k.Kind), k.Start, k.Target, k.Current, k.Unit, k.Done, k.Weight, k.Position, now}
	}
	return tx.insertMany(ctx, "key_results", []string{"goal_id", "title", "kind", "start_value", "target_value", "current_value", "unit", "done", "weight", "position", "updated_at"}, rows)
}

// InsertGoalUpdates inserts many check-ins.
func (tx *Tx) InsertGoalUpdates(ctx context.Context, us []model.GoalUpdate) error {
	now := tx.now.Unix()
	rows := make([][]any, len(us))
	for i, u := range us {
		at := u.CreatedAt
		if at == 0 {
			at = now
		}
		rows[i] = []any{u.GoalID, u.AuthorName, string(u.Status), u.Progress, u.Comment, at}
	}
	return tx.insertMany(ctx, "goal_updates", []string{"goal_id", "author_name", "status", "progress", "comment", "created_at"}, rows)
}

// SetGoalProgresses stores many goals' progress at once.
func (tx *Tx) SetGoalProgresses(ctx context.Context, progress map[int64]float64) error {
	rows := make([][]any, 0, len(progress))
	for id, p := range progress {
		rows = append(rows, []any{id, p})
	}
	return tx.updateMany(ctx, "goals", []bulkColumn{{"progress", "DOUBLE PRECISION"}}, rows)
}

// GoalOwner is a goal's id and its owner.
type GoalOwner struct {
	ID      int64
	OwnerID int64
}

// GoalOwners loads the id and owner of every goal whose period is in a year ("" for
// all): the goals of AllGoalSummaries, for counts per owner.
func (tx *Tx) GoalOwners(ctx context.Context, year string) ([]GoalOwner, error) {
	q := `SELECT id, owner_person_id FROM goals`
	var args []any
	if year != "" {
		q += ` WHERE period LIKE ?`
		args = append(args, year+"%")
	}
	return collectRows(ctx, tx, "goal owners", q+` ORDER BY id`, args, func(s rowScanner) (GoalOwner, error) {
		var g GoalOwner
		return g, s.Scan(&g.ID, &g.OwnerID)
	})
}
