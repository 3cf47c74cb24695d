package store

import (
	"context"
	"strings"

	"throughline/internal/model"
)

const objectiveColumns = `o.id, o.title, o.description, o.why, o.horizon, COALESCE(o.owner_person_id, 0), COALESCE(op.name, ''),
	o.status, o.position`

const objectiveFrom = ` FROM objectives o LEFT JOIN people op ON op.id = o.owner_person_id`

func scanObjective(s interface{ Scan(...any) error }) (model.Objective, error) {
	var o model.Objective
	var status string
	err := s.Scan(&o.ID, &o.Title, &o.Description, &o.Why, &o.Horizon, &o.OwnerID, &o.OwnerName, &status, &o.Position)
	o.Status = model.ObjectiveStatus(status)
	return o, err
}

// FindObjectives lists the strategic objectives in their order. Retired ones are
// included only when asked.
func (tx *Tx) FindObjectives(ctx context.Context, includeRetired bool) ([]model.Objective, error) {
	q := `SELECT ` + objectiveColumns + objectiveFrom
	if !includeRetired {
		q += ` WHERE o.status <> 'retired'`
	}
	rows, err := tx.query(ctx, q+` ORDER BY o.position, o.id`)
	if err != nil {
		return nil, wrap("find objectives", err)
	}
	defer rows.Close()
	var out []model.Objective
	for rows.Next() {
		o, err := scanObjective(rows)
		if err != nil {
			return nil, wrap("find objectives", err)
		}
		out = append(out, o)
	}
	return out, wrap("find objectives", rows.Err())
}

// FindObjectiveByID returns one objective.
func (tx *Tx) FindObjectiveByID(ctx context.Context, id int64) (model.Objective, error) {
	o, err := scanObjective(tx.queryRow(ctx, `SELECT `+objectiveColumns+objectiveFrom+` WHERE o.id = ?`, id))
	return o, wrap("find objective", err)
}

// CurrentPurpose returns the newest purpose statement.
func (tx *Tx) CurrentPurpose(ctx context.Context) (model.PurposeVersion, error) {
	var p model.PurposeVersion
	err := tx.queryRow(ctx, `SELECT id, statement, explanation, author_name, created_at FROM purpose_versions ORDER BY id DESC LIMIT 1`).
		Scan(&p.ID, &p.Statement, &p.Explanation, &p.AuthorName, &p.CreatedAt)
	return p, wrap("current purpose", err)
}

// PurposeHistory lists every version, newest first.
func (tx *Tx) PurposeHistory(ctx context.Context) ([]model.PurposeVersion, error) {
	rows, err := tx.query(ctx, `SELECT id, statement, explanation, author_name, created_at FROM purpose_versions ORDER BY id DESC`)
	if err != nil {
		return nil, wrap("purpose history", err)
	}
	defer rows.Close()
	var out []model.PurposeVersion
	for rows.Next() {
		var p model.PurposeVersion
		if err := rows.Scan(&p.ID, &p.Statement, &p.Explanation, &p.AuthorName, &p.CreatedAt); err != nil {
			return nil, wrap("purpose history", err)
		}
		out = append(out, p)
	}
	return out, wrap("purpose history", rows.Err())
}

// AddPurposeVersion stores a new current purpose statement.
func (tx *Tx) AddPurposeVersion(ctx context.Context, in model.PurposeInput, accountID int64, author string) (int64, error) {
	id, err := tx.insertID(ctx, `INSERT INTO purpose_versions (statement, explanation, account_id, author_name, created_at) VALUES (?, ?, ?, ?, ?)`,
		in.Statement, in.Explanation, nullInt64(accountID), author, tx.now.Unix())
	return id, wrap("add purpose", err)
}

// FindValues lists the organization's values in order; inactive ones only when asked.
func (tx *Tx) FindValues(ctx context.Context, includeInactive bool) ([]model.Value, error) {
	q := `SELECT id, name, description, behaviours, position, active FROM org_values`
	if !includeInactive {
		q += ` WHERE active`
	}
	rows, err := tx.query(ctx, q+` ORDER BY position, id`)
	if err != nil {
		return nil, wrap("find values", err)
	}
	defer rows.Close()
	var out []model.Value
	for rows.Next() {
		var v model.Value
		var behaviours string
		if err := rows.Scan(&v.ID, &v.Name, &v.Description, &behaviours, &v.Position, &v.Active); err != nil {
			return nil, wrap("find values", err)
		}
		v.Behaviours = splitLines(behaviours)
		out = append(out, v)
	}
	return out, wrap("find values", rows.Err())
}

// CreateValue adds a value.
func (tx *Tx) CreateValue(ctx context.Context, in model.ValueInput) (int64, error) {
	now := tx.now.Unix()
	id, err := tx.insertID(ctx, `INSERT INTO org_values (name, name_key, description, behaviours, position, active, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, TRUE, ?, ?)`, in.Name, model.FoldKey(in.Name), in.Description, strings.Join(in.Behaviours, "\n"), in.Position, now, now)
	return id, wrap("create value", err)
}

// UpdateValue changes a value.
func (tx *Tx) UpdateValue(ctx context.Context, id int64, in model.ValueInput, active bool) error {
	res, err := tx.exec(ctx, `UPDATE org_values SET name = ?, name_key = ?, description = ?, behaviours = ?, position = ?, active = ?, updated_at = ? WHERE id = ?`,
		in.Name, model.FoldKey(in.Name), in.Description, strings.Join(in.Behaviours, "\n"), in.Position, active, tx.now.Unix(), id)
	if err != nil {
		return wrap("update value", err)
	}
	return mustAffect(res, "update value")
}

// CreateObjective adds a strategic objective.
func (tx *Tx) CreateObjective(ctx context.Context, in model.ObjectiveInput) (int64, error) {
	now := tx.now.Unix()
	id, err := tx.insertID(ctx, `INSERT INTO objectives (title, description, why, horizon, owner_person_id, status, position, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, in.Title, in.Description, in.Why, in.Horizon, nullInt64(in.OwnerID), string(in.Status), in.Position, now, now)
	return id, wrap("create objective", err)
}

// UpdateObjective changes an objective.
func (tx *Tx) UpdateObjective(ctx context.Context, id int64, in model.ObjectiveInput) error {
	res, err := tx.exec(ctx, `UPDATE objectives SET title = ?, description = ?, why = ?, horizon = ?, owner_person_id = ?, status = ?, position = ?, updated_at = ? WHERE id = ?`,
		in.Title, in.Description, in.Why, in.Horizon, nullInt64(in.OwnerID), string(in.Status), in.Position, tx.now.Unix(), id)
	if err != nil {
		return wrap("update objective", err)
	}
	return mustAffect(res, "update objective")
}

// FindPersonalPurpose returns a person's statement and values; a person who has written
// nothing gets an empty record, not an error.
func (tx *Tx) FindPersonalPurpose(ctx context.Context, personID int64) (model.PersonalPurpose, error) {
	pp := model.PersonalPurpose{PersonID: personID}
	err := tx.queryRow(ctx, `SELECT statement, share_manager, share_coach, updated_at FROM personal_purposes WHERE person_id = ?`, personID).
		Scan(&pp.Statement, &pp.ShareManager, &pp.ShareCoach, &pp.UpdatedAt)
	if err != nil && !isNoRows(err) {
		return pp, wrap("find personal purpose", err)
	}
	rows, err := tx.query(ctx, `SELECT pv.rank, COALESCE(pv.value_id, 0), COALESCE(v.name, pv.own_words)
		FROM personal_values pv LEFT JOIN org_values v ON v.id = pv.value_id WHERE pv.person_id = ? ORDER BY pv.rank`, personID)
	if err != nil {
		return pp, wrap("find personal values", err)
	}
	defer rows.Close()
	for rows.Next() {
		var v model.PersonalValue
		if err := rows.Scan(&v.Rank, &v.ValueID, &v.Name); err != nil {
			return pp, wrap("find personal values", err)
		}
		v.OrgValue = v.ValueID != 0
		pp.Values = append(pp.Values, v)
	}
	return pp, wrap("find personal values", rows.Err())
}

// SavePersonalPurpose replaces a person's statement and values.
func (tx *Tx) SavePersonalPurpose(ctx context.Context, personID int64, in model.PersonalPurposeInput) error {
	// written_at keeps the first time a statement was written (the index of past
	// periods counts a statement from then on); clearing and rewriting starts it again.
	if _, err := tx.exec(ctx, `INSERT INTO personal_purposes (person_id, statement, share_manager, share_coach, updated_at, written_at) VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT (person_id) DO UPDATE SET statement = excluded.statement, share_manager = excluded.share_manager,
		share_coach = excluded.share_coach, updated_at = excluded.updated_at,
		written_at = CASE WHEN personal_purposes.statement = '' THEN excluded.written_at ELSE personal_purposes.written_at END`,
		personID, in.Statement, in.ShareManager, in.ShareCoach, tx.now.Unix(), tx.now.Unix()); err != nil {
		return wrap("save personal purpose", err)
	}
	if _, err := tx.exec(ctx, `DELETE FROM personal_values WHERE person_id = ?`, personID); err != nil {
		return wrap("save personal values", err)
	}
	rows := make([][]any, 0, len(in.Values))
	for i, c := range in.Values {
		own := c.OwnWords
		if c.ValueID != 0 {
			own = ""
		}
		rows = append(rows, []any{personID, i + 1, nullInt64(c.ValueID), own})
	}
	return tx.insertMany(ctx, "personal_values", []string{"person_id", "rank", "value_id", "own_words"}, rows)
}

// PurposeFact is one person's contribution to the purpose aggregates.
type PurposeFact struct {
	PersonID     int64
	DepartmentID int64
	Department   string
	Written      bool
	OrgRanks     []int // ranks of their chosen values that are organization values
	Chosen       []int // ranks of every chosen value
}

// PurposeFacts loads, for every active person, whether they wrote a statement and the
// ranks of their values, for the aggregates hr and executives see.
func (tx *Tx) PurposeFacts(ctx context.Context) ([]PurposeFact, error) {
	rows, err := tx.query(ctx, `SELECT p.id, COALESCE(p.department_id, 0), COALESCE(d.name, ''),
		CASE WHEN pp.statement IS NOT NULL AND pp.statement <> '' THEN 1 ELSE 0 END
		FROM people p LEFT JOIN departments d ON d.id = p.department_id LEFT JOIN personal_purposes pp ON pp.person_id = p.id
		WHERE p.active ORDER BY p.id`)
	if err != nil {
		return nil, wrap("purpose facts", err)
	}
	var out []PurposeFact
	idx := map[int64]int{}
	for rows.Next() {
		var f PurposeFact
		var written int
		if err := rows.Scan(&f.PersonID, &f.DepartmentID, &f.Department, &written); err != nil {
			rows.Close()
			return nil, wrap("purpose facts", err)
		}
		f.Written = written == 1
		idx[f.PersonID] = len(out)
		out = append(out, f)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, wrap("purpose facts", err)
	}
	vrows, err := tx.query(ctx, `SELECT person_id, rank, value_id IS NOT NULL FROM personal_values ORDER BY person_id, rank`)
	if err != nil {
		return nil, wrap("purpose facts", err)
	}
	defer vrows.Close()
	for vrows.Next() {
		var pid int64
		var rank int
		var org bool
		if err := vrows.Scan(&pid, &rank, &org); err != nil {
			return nil, wrap("purpose facts", err)
		}
		i, ok := idx[pid]
		if !ok {
			continue
		}
		out[i].Chosen = append(out[i].Chosen, rank)
		if org {
			out[i].OrgRanks = append(out[i].OrgRanks, rank)
		}
	}
	return out, wrap("purpose facts", vrows.Err())
}

func splitLines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// StatementsWritten returns, for every person with a personal purpose statement, when
// they first wrote it (Unix seconds).
func (tx *Tx) StatementsWritten(ctx context.Context) (map[int64]int64, error) {
	rows, err := tx.query(ctx, `SELECT person_id, written_at FROM personal_purposes WHERE statement <> ''`)
	if err != nil {
		return nil, wrap("statements written", err)
	}
	defer rows.Close()
	out := map[int64]int64{}
	for rows.Next() {
		var id, at int64
		if err := rows.Scan(&id, &at); err != nil {
			return nil, wrap("statements written", err)
		}
		out[id] = at
	}
	return out, wrap("statements written", rows.Err())
}
