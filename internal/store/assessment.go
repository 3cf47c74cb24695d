package store

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"throughline/internal/model"
)

// 360 assessments. Ratings are stored only as counts (assessment_tallies): an answer
// adds one to the count of its assessment, relation, competency and level, in the same
// transaction that marks the rater as having answered. No row names a rater next to a
// rating. See core/assessment.go for who sees what.

const assessmentColumns = `a.id, a.subject_id, p.name, a.title, a.opens_on, a.closes_on, a.status, a.min_group, a.created_at, a.closed_at,
	(SELECT count(*) FROM assessment_raters r WHERE r.assessment_id = a.id),
	(SELECT count(*) FROM assessment_raters r WHERE r.assessment_id = a.id AND r.answered)`

func scanAssessment(s rowScanner) (model.Assessment, error) {
	var a model.Assessment
	var st string
	err := s.Scan(&a.ID, &a.SubjectID, &a.SubjectName, &a.Title, &a.OpensOn, &a.ClosesOn, &st, &a.MinGroup, &a.CreatedAt, &a.ClosedAt, &a.Invited, &a.Answered)
	a.Status = model.AssessmentStatus(st)
	return a, err
}

// AssessmentFilter selects assessments.
type AssessmentFilter struct {
	IDs        []int64
	SubjectIDs []int64
	Under      string // subjects below this line prefix (model.Person.LinePrefix)
	Status     model.AssessmentStatus
	ClosedBy   string // closed, with closes_on on or before this day
	Limit      int
}

// FindAssessments lists assessments, the latest closing first.
func (tx *Tx) FindAssessments(ctx context.Context, f AssessmentFilter) ([]model.Assessment, error) {
	var conds []string
	var args []any
	addIn(&conds, &args, "a.id", f.IDs)
	addIn(&conds, &args, "a.subject_id", f.SubjectIDs)
	if f.Under != "" {
		lo, hi := SubtreeRange(f.Under)
		conds = append(conds, "p.path >= ? AND p.path < ?")
		args = append(args, lo, hi)
	}
	if f.Status != "" {
		conds = append(conds, "a.status = ?")
		args = append(args, string(f.Status))
	}
	if f.ClosedBy != "" {
		conds = append(conds, "a.status = 'closed' AND a.closes_on <= ?")
		args = append(args, f.ClosedBy)
	}
	q := `SELECT ` + assessmentColumns + ` FROM assessments a JOIN people p ON p.id = a.subject_id` + where(conds) + ` ORDER BY a.closes_on DESC, a.id DESC`
	if f.Limit > 0 {
		q += ` LIMIT ?`
		args = append(args, f.Limit)
	}
	return collectRows(ctx, tx, "find assessments", q, args, scanAssessment)
}

// FindAssessmentByID returns one assessment.
func (tx *Tx) FindAssessmentByID(ctx context.Context, id int64) (model.Assessment, error) {
	a, err := scanAssessment(tx.queryRow(ctx, `SELECT `+assessmentColumns+` FROM assessments a JOIN people p ON p.id = a.subject_id WHERE a.id = ?`, id))
	return a, wrap("find assessment", err)
}

// RaterRow is one person asked to rate.
type RaterRow struct {
	AssessmentID int64
	PersonID     int64
	Relation     model.Relation
	Answered     bool
}

// AssessmentRecord is an assessment as written.
type AssessmentRecord struct {
	SubjectID         int64
	Title             string
	OpensOn, ClosesOn string
	MinGroup          int
	Status            model.AssessmentStatus
	ClosedAt          int64
}

// CreateAssessment writes an open assessment with its raters.
func (tx *Tx) CreateAssessment(ctx context.Context, r AssessmentRecord, raters []RaterRow) (int64, error) {
	id, err := tx.insertID(ctx, `INSERT INTO assessments (subject_id, title, opens_on, closes_on, status, min_group, created_at) VALUES (?, ?, ?, ?, 'open', ?, ?)`,
		r.SubjectID, r.Title, r.OpensOn, r.ClosesOn, r.MinGroup, tx.now.Unix())
	if err != nil {
		return 0, wrap("create assessment", err)
	}
	rows := make([][]any, len(raters))
	for i, x := range raters {
		rows[i] = []any{id, x.PersonID, string(x.Relation), false}
	}
	return id, tx.insertMany(ctx, "assessment_raters", []string{"assessment_id", "person_id", "relation", "answered"}, rows)
}

// RaterOf returns a person's part in an assessment; ErrNotFound when they were not asked.
func (tx *Tx) RaterOf(ctx context.Context, assessmentID, personID int64) (RaterRow, error) {
	r := RaterRow{AssessmentID: assessmentID, PersonID: personID}
	var rel string
	err := tx.queryRow(ctx, `SELECT relation, answered FROM assessment_raters WHERE assessment_id = ? AND person_id = ?`, assessmentID, personID).Scan(&rel, &r.Answered)
	r.Relation = model.Relation(rel)
	return r, wrap("rater", err)
}

// RaterAssessments lists the open assessments a person was asked to rate (not as self),
// with whether they answered.
func (tx *Tx) RaterAssessments(ctx context.Context, personID int64) ([]model.Assessment, error) {
	type row struct {
		a   model.Assessment
		rel string
		ans bool
	}
	rows, err := collectRows(ctx, tx, "rater assessments", `SELECT `+assessmentColumns+`, r.relation, r.answered
		FROM assessment_raters r JOIN assessments a ON a.id = r.assessment_id JOIN people p ON p.id = a.subject_id
		WHERE r.person_id = ? AND a.status = 'open' ORDER BY a.closes_on, a.id`, []any{personID},
		func(s rowScanner) (row, error) {
			var x row
			var st string
			err := s.Scan(&x.a.ID, &x.a.SubjectID, &x.a.SubjectName, &x.a.Title, &x.a.OpensOn, &x.a.ClosesOn, &st, &x.a.MinGroup, &x.a.CreatedAt,
				&x.a.ClosedAt, &x.a.Invited, &x.a.Answered, &x.rel, &x.ans)
			x.a.Status = model.AssessmentStatus(st)
			return x, err
		})
	out := make([]model.Assessment, len(rows))
	for i, r := range rows {
		out[i] = r.a
		out[i].MyRelation, out[i].IAnswered = model.Relation(r.rel), r.ans
	}
	return out, err
}

// RelationCounts counts an assessment's raters by relation: invited, and answered.
func (tx *Tx) RelationCounts(ctx context.Context, assessmentID int64) (invited, answered map[model.Relation]int, err error) {
	type row struct {
		rel     string
		inv, an int
	}
	rows, err := collectRows(ctx, tx, "relation counts", `SELECT relation, count(*), sum(CASE WHEN answered THEN 1 ELSE 0 END)
		FROM assessment_raters WHERE assessment_id = ? GROUP BY relation`, []any{assessmentID}, func(s rowScanner) (row, error) {
		var r row
		return r, s.Scan(&r.rel, &r.inv, &r.an)
	})
	invited, answered = map[model.Relation]int{}, map[model.Relation]int{}
	for _, r := range rows {
		invited[model.Relation(r.rel)], answered[model.Relation(r.rel)] = r.inv, r.an
	}
	return invited, answered, err
}

// MarkAnswered records that a rater answered; false when they already had.
func (tx *Tx) MarkAnswered(ctx context.Context, assessmentID, personID int64) (bool, error) {
	res, err := tx.exec(ctx, `UPDATE assessment_raters SET answered = TRUE WHERE assessment_id = ? AND person_id = ? AND NOT answered`, assessmentID, personID)
	if err != nil {
		return false, wrap("mark answered", err)
	}
	n, err := res.RowsAffected()
	return n == 1, wrap("mark answered", err)
}

// AddRatings adds one rater's ratings to the counts: competency → level.
func (tx *Tx) AddRatings(ctx context.Context, assessmentID int64, rel model.Relation, ratings map[string]int) error {
	if len(ratings) == 0 {
		return nil
	}
	keys := make([]string, 0, len(ratings))
	for k := range ratings {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	b.WriteString(`INSERT INTO assessment_tallies (assessment_id, relation, competency, level, n) VALUES `)
	args := make([]any, 0, len(keys)*4)
	for i, k := range keys {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString("(?, ?, ?, ?, 1)")
		args = append(args, assessmentID, string(rel), k, ratings[k])
	}
	b.WriteString(` ON CONFLICT (assessment_id, relation, competency, level) DO UPDATE SET n = assessment_tallies.n + 1`)
	_, err := tx.exec(ctx, b.String(), args...)
	return wrap("add ratings", err)
}

// RatingCount is the number of raters of a relation who gave a competency a level.
type RatingCount struct {
	AssessmentID int64
	Relation     model.Relation
	Competency   string
	Level        int
	N            int
}

// RatingCounts returns the counts of assessments.
func (tx *Tx) RatingCounts(ctx context.Context, ids []int64) ([]RatingCount, error) {
	var conds []string
	var args []any
	addIn(&conds, &args, "assessment_id", ids)
	return collectRows(ctx, tx, "rating counts", `SELECT assessment_id, relation, competency, level, n FROM assessment_tallies`+where(conds), args,
		func(s rowScanner) (RatingCount, error) {
			var r RatingCount
			var rel string
			err := s.Scan(&r.AssessmentID, &rel, &r.Competency, &r.Level, &r.N)
			r.Relation = model.Relation(rel)
			return r, err
		})
}

// CloseAssessment closes an open assessment; false when it was not open. On PostgreSQL,
// whose heap keeps the order rows were written in and marks each row with its writing
// transaction, the counts and the raters are rewritten in random order in this one
// transaction, so nothing physical follows the order in which people answered. On
// SQLite both tables are WITHOUT ROWID, stored in key order.
func (tx *Tx) CloseAssessment(ctx context.Context, id int64) (bool, error) {
	res, err := tx.exec(ctx, `UPDATE assessments SET status = 'closed', closed_at = ? WHERE id = ? AND status = 'open'`, tx.now.Unix(), id)
	if err != nil {
		return false, wrap("close assessment", err)
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return false, wrap("close assessment", err)
	}
	if !tx.d.keepsInsertionOrder() {
		return true, nil
	}
	for _, t := range []struct{ name, cols string }{
		{"assessment_tallies", "relation, competency, level, n"},
		{"assessment_raters", "person_id, relation, answered"},
	} {
		q := `WITH moved AS (DELETE FROM ` + t.name + ` WHERE assessment_id = ? RETURNING ` + t.cols + `)
			INSERT INTO ` + t.name + ` (assessment_id, ` + t.cols + `) SELECT ?, ` + t.cols + ` FROM moved ORDER BY random()`
		if _, err := tx.exec(ctx, q, id, id); err != nil {
			return false, wrap("shuffle "+t.name, err)
		}
	}
	return true, nil
}

// DueAssessments lists the open assessments whose closing day has passed.
func (tx *Tx) DueAssessments(ctx context.Context, today string) ([]int64, error) {
	return collectRows(ctx, tx, "due assessments", `SELECT id FROM assessments WHERE status = 'open' AND closes_on < ? ORDER BY id`, []any{today},
		func(s rowScanner) (int64, error) {
			var id int64
			return id, s.Scan(&id)
		})
}

// AssessmentSeed is a closed or open assessment with its raters and counts, for the
// demo generator.
type AssessmentSeed struct {
	AssessmentRecord
	Raters []RaterRow
	Counts []RatingCount
}

// InsertAssessments writes many assessments with their raters and counts in bulk, and
// returns their ids.
func (tx *Tx) InsertAssessments(ctx context.Context, seeds []AssessmentSeed) ([]int64, error) {
	now := tx.now.Unix()
	rows := make([][]any, len(seeds))
	for i, s := range seeds {
		st := s.Status
		if st == "" {
			st = model.AssessmentOpen
		}
		rows[i] = []any{s.SubjectID, s.Title, s.OpensOn, s.ClosesOn, string(st), s.MinGroup, now, s.ClosedAt}
	}
	ids, err := tx.insertManyReturning(ctx, "assessments", []string{"subject_id", "title", "opens_on", "closes_on", "status", "min_group", "created_at", "closed_at"}, rows)
	if err != nil {
		return nil, err
	}
	var raters, counts [][]any
	for i, s := range seeds {
		for _, r := range s.Raters {
			raters = append(raters, []any{ids[i], r.PersonID, string(r.Relation), r.Answered})
		}
		for _, c := range s.Counts {
			if c.N <= 0 || c.Level < 1 || c.Level > 5 {
				return nil, fmt.Errorf("store: insert assessments: count %+v out of range", c)
			}
			counts = append(counts, []any{ids[i], string(c.Relation), c.Competency, c.Level, c.N})
		}
	}
	if err := tx.insertMany(ctx, "assessment_raters", []string{"assessment_id", "person_id", "relation", "answered"}, raters); err != nil {
		return nil, err
	}
	return ids, tx.insertMany(ctx, "assessment_tallies", []string{"assessment_id", "relation", "competency", "level", "n"}, counts)
}

// AnsweredByRelation counts, for each assessment, the raters of each relation who
// answered; with rels given, of those relations only.
func (tx *Tx) AnsweredByRelation(ctx context.Context, ids []int64, rels ...model.Relation) (map[int64]map[model.Relation]int, error) {
	var conds []string
	var args []any
	addIn(&conds, &args, "assessment_id", ids)
	if len(rels) > 0 {
		conds = append(conds, "relation IN ("+placeholders(len(rels))+")")
		for _, r := range rels {
			args = append(args, string(r))
		}
	}
	conds = append(conds, "answered")
	type row struct {
		id  int64
		rel string
		n   int
	}
	rows, err := collectRows(ctx, tx, "answered by relation", `SELECT assessment_id, relation, count(*) FROM assessment_raters`+where(conds)+
		` GROUP BY assessment_id, relation`, args, func(s rowScanner) (row, error) {
		var r row
		return r, s.Scan(&r.id, &r.rel, &r.n)
	})
	out := map[int64]map[model.Relation]int{}
	for _, r := range rows {
		if out[r.id] == nil {
			out[r.id] = map[model.Relation]int{}
		}
		out[r.id][model.Relation(r.rel)] = r.n
	}
	return out, err
}

// ClosedAssessment is a closed assessment in the compact form the analytics read.
type ClosedAssessment struct {
	ID        int64
	SubjectID int64
	ClosesOn  string
	MinGroup  int
}

// ClosedAssessments lists the closed assessments that closed on or before a day ("" for
// any), the latest closing first, in the order of FindAssessments.
func (tx *Tx) ClosedAssessments(ctx context.Context, by string) ([]ClosedAssessment, error) {
	q := `SELECT id, subject_id, closes_on, min_group FROM assessments WHERE status = 'closed'`
	var args []any
	if by != "" {
		q += ` AND closes_on <= ?`
		args = append(args, by)
	}
	return collectRows(ctx, tx, "closed assessments", q+` ORDER BY closes_on DESC, id DESC`, args, func(s rowScanner) (ClosedAssessment, error) {
		var a ClosedAssessment
		return a, s.Scan(&a.ID, &a.SubjectID, &a.ClosesOn, &a.MinGroup)
	})
}

// RatingSum is how many ratings one relation gave a competency in an assessment, and
// their sum: all a mean needs, one row where RatingCounts has one per level.
type RatingSum struct {
	AssessmentID int64
	Relation     model.Relation
	Competency   string
	N, Sum       int
}

// RatingSums returns the count and sum of the ratings of assessments by relation and
// competency, self-ratings left out (no mean of others includes them).
func (tx *Tx) RatingSums(ctx context.Context, ids []int64) ([]RatingSum, error) {
	var conds []string
	var args []any
	addIn(&conds, &args, "assessment_id", ids)
	conds = append(conds, "relation <> 'self'")
	rows, err := tx.query(ctx, `SELECT assessment_id, relation, competency, SUM(n), SUM(n * level) FROM assessment_tallies`+where(conds)+
		` GROUP BY assessment_id, relation, competency`, args...)
	if err != nil {
		return nil, wrap("rating sums", err)
	}
	defer rows.Close()
	// Sized for most assessments (the demo has eight or nine rows each), not grown
	// row by row.
	out := make([]RatingSum, 0, 9*len(ids))
	for rows.Next() {
		var r RatingSum
		var rel string
		if err := rows.Scan(&r.AssessmentID, &rel, &r.Competency, &r.N, &r.Sum); err != nil {
			return nil, wrap("rating sums", err)
		}
		r.Relation = model.Relation(rel)
		out = append(out, r)
	}
	return out, wrap("rating sums", rows.Err())
}
