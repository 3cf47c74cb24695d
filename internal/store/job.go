package store

import (
	"context"

	"throughline/internal/model"
)

const jobColumns = `id, kind, COALESCE(dedupe_key, ''), payload, run_at, status, attempts, max_attempts, locked_by, locked_until, last_error, created_at, finished_at`

func scanJob(s interface{ Scan(...any) error }) (model.Job, error) {
	var j model.Job
	err := s.Scan(&j.ID, &j.Kind, &j.DedupeKey, &j.Payload, &j.RunAt, &j.Status, &j.Attempts, &j.MaxAttempts,
		&j.LockedBy, &j.LockedUntil, &j.LastError, &j.CreatedAt, &j.FinishedAt)
	return j, err
}

// EnqueueJob schedules a job. A job with the same dedupe key (when given) replaces the
// pending one's time and payload, and leaves a running or finished one alone, so
// scheduling the same work twice runs it once.
func (tx *Tx) EnqueueJob(ctx context.Context, j model.Job) error {
	maxAttempts := j.MaxAttempts
	if maxAttempts <= 0 {
		maxAttempts = 5
	}
	payload := j.Payload
	if payload == "" {
		payload = "{}"
	}
	_, err := tx.exec(ctx, `INSERT INTO jobs (kind, dedupe_key, payload, run_at, status, max_attempts, created_at)
		VALUES (?, ?, ?, ?, 'pending', ?, ?)
		ON CONFLICT (dedupe_key) DO UPDATE SET run_at = excluded.run_at, payload = excluded.payload
		WHERE jobs.status = 'pending'`,
		j.Kind, nullString(j.DedupeKey), payload, j.RunAt, maxAttempts, tx.now.Unix())
	return wrap("enqueue job", err)
}

// CancelJob cancels the pending job with a dedupe key, if there is one.
func (tx *Tx) CancelJob(ctx context.Context, dedupeKey string) error {
	_, err := tx.exec(ctx, `UPDATE jobs SET status = 'cancelled', finished_at = ? WHERE dedupe_key = ? AND status = 'pending'`,
		tx.now.Unix(), dedupeKey)
	return wrap("cancel job", err)
}

// ClaimJob takes the next due job for worker and leases it until leaseUntil: a pending
// job whose time has come, or a running one whose lease expired (its server died). The
// claim is one UPDATE … RETURNING; on PostgreSQL the inner SELECT skips rows other
// claimers hold, and the outer WHERE checks the status again, so two servers never
// claim the same job. It returns ErrNotFound when nothing is due.
func (tx *Tx) ClaimJob(ctx context.Context, worker string, leaseUntil int64) (model.Job, error) {
	now := tx.now.Unix()
	const due = `((status = 'pending' AND run_at <= ?) OR (status = 'running' AND locked_until < ?))`
	row := tx.queryRow(ctx, `UPDATE jobs SET status = 'running', locked_by = ?, locked_until = ?, attempts = attempts + 1
		WHERE id = (SELECT id FROM jobs WHERE `+due+` ORDER BY run_at, id LIMIT 1`+tx.d.skipLocked()+`)
		AND `+due+` RETURNING `+jobColumns, worker, leaseUntil, now, now, now, now)
	j, err := scanJob(row)
	return j, wrap("claim job", err)
}

// FinishJob records the outcome of a job the worker holds: done, failed, or pending
// again at retryAt. It reports false when the worker no longer holds the lease (another
// server took the job over after it expired), so the outcome is not recorded twice.
func (tx *Tx) FinishJob(ctx context.Context, id int64, worker, status string, retryAt int64, lastError string) (bool, error) {
	finished := int64(0)
	if status != model.JobPending {
		finished = tx.now.Unix()
	}
	q := `UPDATE jobs SET status = ?, last_error = ?, finished_at = ?, locked_by = '', locked_until = 0`
	args := []any{status, lastError, finished}
	if status == model.JobPending {
		q += `, run_at = ?`
		args = append(args, retryAt)
	}
	q += ` WHERE id = ? AND locked_by = ? AND status = 'running'`
	args = append(args, id, worker)
	res, err := tx.exec(ctx, q, args...)
	if err != nil {
		return false, wrap("finish job", err)
	}
	n, err := res.RowsAffected()
	return n > 0, wrap("finish job", err)
}

// FindJobs lists jobs, newest first, optionally of one kind.
func (tx *Tx) FindJobs(ctx context.Context, kind string, limit int) ([]model.Job, error) {
	q := `SELECT ` + jobColumns + ` FROM jobs`
	var args []any
	if kind != "" {
		q += ` WHERE kind = ?`
		args = append(args, kind)
	}
	q += ` ORDER BY id DESC LIMIT ?`
	rows, err := tx.query(ctx, q, append(args, limit)...)
	if err != nil {
		return nil, wrap("find jobs", err)
	}
	defer rows.Close()
	var out []model.Job
	for rows.Next() {
		j, err := scanJob(rows)
		if err != nil {
			return nil, wrap("find jobs", err)
		}
		out = append(out, j)
	}
	return out, wrap("find jobs", rows.Err())
}

// FindJobByKey returns the job with a dedupe key.
func (tx *Tx) FindJobByKey(ctx context.Context, key string) (model.Job, error) {
	j, err := scanJob(tx.queryRow(ctx, `SELECT `+jobColumns+` FROM jobs WHERE dedupe_key = ?`, key))
	return j, wrap("find job", err)
}

// NextJobAt returns the time of the earliest pending job, or 0.
func (tx *Tx) NextJobAt(ctx context.Context) (int64, error) {
	var at *int64
	err := tx.queryRow(ctx, `SELECT min(run_at) FROM jobs WHERE status = 'pending'`).Scan(&at)
	if err != nil || at == nil {
		return 0, wrap("next job", err)
	}
	return *at, nil
}
