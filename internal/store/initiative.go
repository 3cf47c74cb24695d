package store

import (
	"context"

	"throughline/internal/model"
)

const initiativeColumns = `i.id, i.title, i.mission, i.sponsor_person_id, s.name, i.lead_person_id, l.name, l.path,
	i.status, i.starts_on, i.ends_on, i.outcomes, i.created_at, i.updated_at,
	(SELECT count(*) FROM initiative_members m WHERE m.initiative_id = i.id),
	COALESCE((SELECT hs.id FROM hackathon_submissions hs WHERE hs.initiative_id = i.id ORDER BY hs.id LIMIT 1), 0)`

const initiativeFrom = ` FROM initiatives i JOIN people s ON s.id = i.sponsor_person_id JOIN people l ON l.id = i.lead_person_id`

func scanInitiative(s rowScanner) (model.Initiative, error) {
	var in model.Initiative
	var status string
	err := s.Scan(&in.ID, &in.Title, &in.Mission, &in.SponsorID, &in.SponsorName, &in.LeadID, &in.LeadName, &in.LeadPath,
		&status, &in.StartsOn, &in.EndsOn, &in.Outcomes, &in.CreatedAt, &in.UpdatedAt, &in.MemberCount, &in.FromSubmission)
	in.Status = model.InitiativeStatus(status)
	return in, err
}

// FindInitiativeByID returns one initiative without its related rows.
func (tx *Tx) FindInitiativeByID(ctx context.Context, id int64) (model.Initiative, error) {
	in, err := scanInitiative(tx.queryRow(ctx, `SELECT `+initiativeColumns+initiativeFrom+` WHERE i.id = ?`, id))
	return in, wrap("find initiative", err)
}

// FindInitiatives returns one page of initiatives matching f, newest start first, and
// the total.
func (tx *Tx) FindInitiatives(ctx context.Context, f model.InitiativeFilter) ([]model.Initiative, int, error) {
	f.Page = f.Page.Normalize()
	var conds []string
	var args []any
	if f.Status != "" {
		conds = append(conds, "i.status = ?")
		args = append(args, string(f.Status))
	}
	if f.Open {
		conds = append(conds, "i.status IN ('proposed', 'active', 'paused')")
	}
	if f.MemberID != 0 {
		conds = append(conds, "EXISTS (SELECT 1 FROM initiative_members m WHERE m.initiative_id = i.id AND m.person_id = ?)")
		args = append(args, f.MemberID)
	}
	for _, w := range splitWords(f.Query) {
		conds = append(conds, `i.search_key LIKE ? ESCAPE '\'`)
		args = append(args, likePattern(w))
	}
	total, err := tx.count(ctx, `SELECT count(*) FROM initiatives i`+where(conds), args...)
	if err != nil || total == 0 {
		return nil, 0, wrap("find initiatives", err)
	}
	out, err := collectRows(ctx, tx, "find initiatives", `SELECT `+initiativeColumns+initiativeFrom+where(conds)+
		` ORDER BY CASE i.status WHEN 'active' THEN 0 WHEN 'proposed' THEN 1 WHEN 'paused' THEN 2 ELSE 3 END, i.starts_on DESC, i.id DESC LIMIT ? OFFSET ?`,
		append(args, f.Page.Limit, f.Page.Offset), scanInitiative)
	return out, total, err
}

// InitiativeRecord is an initiative's row as written.
type InitiativeRecord struct {
	Title     string
	Mission   string
	SponsorID int64
	LeadID    int64
	Status    model.InitiativeStatus
	StartsOn  string
	EndsOn    string
	Outcomes  string
	CreatedAt int64 // 0: now
}

func (r InitiativeRecord) searchKey() string { return model.FoldKey(r.Title + " " + r.Mission) }

// CreateInitiative inserts an initiative.
func (tx *Tx) CreateInitiative(ctx context.Context, r InitiativeRecord) (int64, error) {
	at := r.CreatedAt
	if at == 0 {
		at = tx.now.Unix()
	}
	id, err := tx.insertID(ctx, `INSERT INTO initiatives (title, mission, sponsor_person_id, lead_person_id, status, starts_on, ends_on, outcomes, search_key, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, r.Title, r.Mission, r.SponsorID, r.LeadID, string(r.Status), r.StartsOn, r.EndsOn, r.Outcomes,
		r.searchKey(), at, at)
	return id, wrap("create initiative", err)
}

// UpdateInitiative writes an initiative's fields.
func (tx *Tx) UpdateInitiative(ctx context.Context, id int64, r InitiativeRecord) error {
	res, err := tx.exec(ctx, `UPDATE initiatives SET title = ?, mission = ?, sponsor_person_id = ?, lead_person_id = ?, status = ?,
		starts_on = ?, ends_on = ?, outcomes = ?, search_key = ?, updated_at = ? WHERE id = ?`, r.Title, r.Mission, r.SponsorID, r.LeadID,
		string(r.Status), r.StartsOn, r.EndsOn, r.Outcomes, r.searchKey(), tx.now.Unix(), id)
	if err != nil {
		return wrap("update initiative", err)
	}
	return mustAffect(res, "update initiative")
}

// ReplaceInitiativeObjectives sets the objectives an initiative serves.
func (tx *Tx) ReplaceInitiativeObjectives(ctx context.Context, id int64, objectiveIDs []int64) error {
	if _, err := tx.exec(ctx, `DELETE FROM initiative_objectives WHERE initiative_id = ?`, id); err != nil {
		return wrap("replace initiative objectives", err)
	}
	rows := make([][]any, 0, len(objectiveIDs))
	for _, o := range objectiveIDs {
		rows = append(rows, []any{id, o})
	}
	return tx.insertMany(ctx, "initiative_objectives", []string{"initiative_id", "objective_id"}, rows)
}

// InitiativeObjectives returns the objectives of initiatives, by initiative.
func (tx *Tx) InitiativeObjectives(ctx context.Context, ids []int64) (map[int64][]model.ObjectiveRef, error) {
	out := map[int64][]model.ObjectiveRef{}
	for _, chunk := range chunks(ids, 5000) {
		cond, args := inIDs("io.initiative_id", chunk)
		type row struct {
			id  int64
			ref model.ObjectiveRef
		}
		rs, err := collectRows(ctx, tx, "initiative objectives", `SELECT io.initiative_id, o.id, o.title FROM initiative_objectives io
			JOIN objectives o ON o.id = io.objective_id WHERE `+cond+` ORDER BY o.position, o.id`, args, func(s rowScanner) (row, error) {
			var r row
			err := s.Scan(&r.id, &r.ref.ID, &r.ref.Title)
			return r, err
		})
		if err != nil {
			return nil, err
		}
		for _, r := range rs {
			out[r.id] = append(out[r.id], r.ref)
		}
	}
	return out, nil
}

// InitiativeMembers returns the members of initiatives, by initiative, leads first then
// by name.
func (tx *Tx) InitiativeMembers(ctx context.Context, ids []int64) (map[int64][]model.InitiativeMember, error) {
	out := map[int64][]model.InitiativeMember{}
	for _, chunk := range chunks(ids, 5000) {
		cond, args := inIDs("im.initiative_id", chunk)
		var iid, joined int64
		var role string
		err := tx.scanPeopleWith(ctx, "initiative members", `SELECT im.initiative_id, im.role, im.joined_at, `+personColumns+personFrom+
			` JOIN initiative_members im ON im.person_id = p.id WHERE `+cond+` ORDER BY p.name, p.id`, args,
			[]any{&iid, &role, &joined}, func(p model.Person) {
				out[iid] = append(out[iid], model.InitiativeMember{Person: p, Role: role, JoinedAt: joined})
			})
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// UpsertInitiativeMember adds a member, or changes their role.
func (tx *Tx) UpsertInitiativeMember(ctx context.Context, initiativeID, personID int64, role string) error {
	_, err := tx.exec(ctx, `INSERT INTO initiative_members (initiative_id, person_id, role, joined_at) VALUES (?, ?, ?, ?)
		ON CONFLICT (initiative_id, person_id) DO UPDATE SET role = excluded.role`, initiativeID, personID, role, tx.now.Unix())
	return wrap("add initiative member", err)
}

// RemoveInitiativeMember removes a member.
func (tx *Tx) RemoveInitiativeMember(ctx context.Context, initiativeID, personID int64) error {
	res, err := tx.exec(ctx, `DELETE FROM initiative_members WHERE initiative_id = ? AND person_id = ?`, initiativeID, personID)
	if err != nil {
		return wrap("remove initiative member", err)
	}
	return mustAffect(res, "remove initiative member")
}

// IsInitiativeMember reports whether a person is a member.
func (tx *Tx) IsInitiativeMember(ctx context.Context, initiativeID, personID int64) (bool, error) {
	n, err := tx.count(ctx, `SELECT count(*) FROM initiative_members WHERE initiative_id = ? AND person_id = ?`, initiativeID, personID)
	return n > 0, wrap("is initiative member", err)
}

// FindMilestones returns the milestones of an initiative in order.
func (tx *Tx) FindMilestones(ctx context.Context, initiativeID int64) ([]model.Milestone, error) {
	return collectRows(ctx, tx, "find milestones", `SELECT id, initiative_id, title, due_on, done_at, position FROM initiative_milestones
		WHERE initiative_id = ? ORDER BY position, CASE WHEN due_on = '' THEN 1 ELSE 0 END, due_on, id`, []any{initiativeID}, scanMilestone)
}

func scanMilestone(s rowScanner) (model.Milestone, error) {
	var m model.Milestone
	err := s.Scan(&m.ID, &m.InitiativeID, &m.Title, &m.DueOn, &m.DoneAt, &m.Position)
	return m, err
}

// FindMilestoneByID returns one milestone.
func (tx *Tx) FindMilestoneByID(ctx context.Context, id int64) (model.Milestone, error) {
	m, err := scanMilestone(tx.queryRow(ctx, `SELECT id, initiative_id, title, due_on, done_at, position FROM initiative_milestones WHERE id = ?`, id))
	return m, wrap("find milestone", err)
}

// CreateMilestone adds a milestone at the end.
func (tx *Tx) CreateMilestone(ctx context.Context, initiativeID int64, in model.MilestoneInput) (int64, error) {
	id, err := tx.insertID(ctx, `INSERT INTO initiative_milestones (initiative_id, title, due_on, done_at, position, created_at)
		VALUES (?, ?, ?, 0, (SELECT COALESCE(max(position), 0) + 1 FROM initiative_milestones WHERE initiative_id = ?), ?)`,
		initiativeID, in.Title, in.DueOn, initiativeID, tx.now.Unix())
	return id, wrap("create milestone", err)
}

// SetMilestoneDone marks a milestone reached (at now) or not (0).
func (tx *Tx) SetMilestoneDone(ctx context.Context, id int64, done bool) error {
	at := int64(0)
	if done {
		at = tx.now.Unix()
	}
	_, err := tx.exec(ctx, `UPDATE initiative_milestones SET done_at = ? WHERE id = ?`, at, id)
	return wrap("set milestone done", err)
}

const joinColumns = `r.id, r.initiative_id, i.title, r.message, r.status, r.decided_by_name, r.created_at, r.decided_at, `

// FindJoinRequests returns an initiative's join requests with the given status ("" for
// all), oldest first.
func (tx *Tx) FindJoinRequests(ctx context.Context, initiativeID int64, status model.JoinRequestStatus) ([]model.JoinRequest, error) {
	q := `SELECT ` + joinColumns + personColumns + personFrom + ` JOIN initiative_join_requests r ON r.person_id = p.id
		JOIN initiatives i ON i.id = r.initiative_id WHERE r.initiative_id = ?`
	args := []any{initiativeID}
	if status != "" {
		q += ` AND r.status = ?`
		args = append(args, string(status))
	}
	var out []model.JoinRequest
	var r model.JoinRequest
	var st string
	err := tx.scanPeopleWith(ctx, "find join requests", q+` ORDER BY r.created_at, r.id`, args,
		[]any{&r.ID, &r.InitiativeID, &r.InitiativeTitle, &r.Message, &st, &r.DecidedByName, &r.CreatedAt, &r.DecidedAt}, func(p model.Person) {
			r.Person, r.Status = p, model.JoinRequestStatus(st)
			out = append(out, r)
		})
	return out, err
}

// FindJoinRequestByID returns one join request.
func (tx *Tx) FindJoinRequestByID(ctx context.Context, id int64) (model.JoinRequest, error) {
	var r model.JoinRequest
	var st string
	found := false
	err := tx.scanPeopleWith(ctx, "find join request", `SELECT `+joinColumns+personColumns+personFrom+
		` JOIN initiative_join_requests r ON r.person_id = p.id JOIN initiatives i ON i.id = r.initiative_id WHERE r.id = ?`, []any{id},
		[]any{&r.ID, &r.InitiativeID, &r.InitiativeTitle, &r.Message, &st, &r.DecidedByName, &r.CreatedAt, &r.DecidedAt}, func(p model.Person) {
			r.Person, r.Status, found = p, model.JoinRequestStatus(st), true
		})
	if err == nil && !found {
		err = wrap("find join request", errNoRows)
	}
	return r, err
}

// PendingJoinRequestsOf lists the ids of the initiatives a person has asked to join.
func (tx *Tx) PendingJoinRequestsOf(ctx context.Context, personID int64) (map[int64]bool, error) {
	ids, err := collectRows(ctx, tx, "pending join requests", `SELECT initiative_id FROM initiative_join_requests WHERE person_id = ? AND status = 'pending'`,
		[]any{personID}, func(s rowScanner) (int64, error) {
			var id int64
			err := s.Scan(&id)
			return id, err
		})
	out := map[int64]bool{}
	for _, id := range ids {
		out[id] = true
	}
	return out, err
}

// CreateJoinRequest records a request to join. A second pending request of the same
// person for the same initiative is a unique violation.
func (tx *Tx) CreateJoinRequest(ctx context.Context, initiativeID, personID int64, message string) (int64, error) {
	id, err := tx.insertID(ctx, `INSERT INTO initiative_join_requests (initiative_id, person_id, message, status, created_at)
		VALUES (?, ?, ?, 'pending', ?)`, initiativeID, personID, message, tx.now.Unix())
	return id, wrap("create join request", err)
}

// DecideJoinRequest closes a pending request.
func (tx *Tx) DecideJoinRequest(ctx context.Context, id int64, status model.JoinRequestStatus, byName string) error {
	res, err := tx.exec(ctx, `UPDATE initiative_join_requests SET status = ?, decided_by_name = ?, decided_at = ? WHERE id = ? AND status = 'pending'`,
		string(status), byName, tx.now.Unix(), id)
	if err != nil {
		return wrap("decide join request", err)
	}
	return mustAffect(res, "decide join request")
}
