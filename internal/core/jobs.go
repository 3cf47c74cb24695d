package core

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"sync"
	"time"

	"throughline/internal/model"
	"throughline/internal/store"
)

// Scheduled work. Jobs live in the jobs table, not in a server's memory: any number of
// servers sharing one database run the runner, and each job is claimed by exactly one
// of them (store.ClaimJob). A claim is a lease: a server that dies mid-job leaves it
// running with a lease that expires, and another server claims it again. Handlers must
// therefore be idempotent; the survey handlers are, because each changes a round only
// from the state it expects (scheduled → open → closed).
//
// Other areas add job kinds with RegisterJobKind from an init function in their own
// file. Payloads are JSON and never hold private text.

// JobFunc runs one job.
type JobFunc func(ctx context.Context, c *Core, job model.Job) error

var (
	jobKindsMu sync.RWMutex
	jobKinds   = map[string]JobFunc{}
)

// RegisterJobKind registers the handler of a job kind. It panics on a duplicate kind,
// which is a programming error.
func RegisterJobKind(kind string, fn JobFunc) {
	jobKindsMu.Lock()
	defer jobKindsMu.Unlock()
	if _, dup := jobKinds[kind]; dup {
		panic("core: job kind registered twice: " + kind)
	}
	jobKinds[kind] = fn
}

func jobKind(kind string) (JobFunc, bool) {
	jobKindsMu.RLock()
	defer jobKindsMu.RUnlock()
	fn, ok := jobKinds[kind]
	return fn, ok
}

// Job leases and retries.
const (
	JobLease        = 5 * time.Minute
	jobRetryBase    = 30 * time.Second
	jobRetryMax     = time.Hour
	maxJobErrorText = 500
)

// enqueue schedules a job in tx. key deduplicates: scheduling the same key again moves
// the pending job instead of adding another.
func enqueue(ctx context.Context, tx *store.Tx, kind, key string, payload any, runAt int64) error {
	b, err := json.Marshal(payload)
	if err != nil {
		return fmt.Errorf("core: job payload: %w", err)
	}
	return tx.EnqueueJob(ctx, model.Job{Kind: kind, DedupeKey: key, Payload: string(b), RunAt: runAt})
}

// retryAtError asks the runner to try a job again at a given time (Unix seconds)
// instead of after the default backoff, if attempts are left.
type retryAtError struct {
	at  int64
	err error
}

func (e *retryAtError) Error() string { return e.err.Error() }
func (e *retryAtError) Unwrap() error { return e.err }

// retryJobAt returns err so that the job is tried again at t.
func retryJobAt(t time.Time, err error) error { return &retryAtError{at: t.Unix(), err: err} }

// permanentError fails a job at once, whatever attempts are left.
type permanentError struct{ err error }

func (e *permanentError) Error() string { return e.err.Error() }
func (e *permanentError) Unwrap() error { return e.err }

// failJob returns err so that the job fails without another attempt.
func failJob(err error) error { return &permanentError{err: err} }

// wakeJobs tells this process's job runner to look for due jobs now rather than at its
// next tick. Other servers find the work at their next tick.
func (c *Core) wakeJobs() {
	select {
	case c.jobWake <- struct{}{}:
	default:
	}
}

// NewWorkerID names a runner in the jobs table: the host, the process and a random part.
func NewWorkerID() string {
	host, _ := os.Hostname()
	b := make([]byte, 4)
	_, _ = rand.Read(b)
	return fmt.Sprintf("%s:%d:%s", host, os.Getpid(), hex.EncodeToString(b))
}

// RunDueJobs claims and runs every job that is due, one at a time, and returns how
// many it ran. Tests and the command line call it directly; servers call RunJobs.
func (c *Core) RunDueJobs(ctx context.Context, worker string) (int, error) {
	ran := 0
	for {
		if err := ctx.Err(); err != nil {
			return ran, err
		}
		var job model.Job
		err := c.write(ctx, func(tx *store.Tx) (err error) {
			job, err = tx.ClaimJob(ctx, worker, tx.Now().Add(JobLease).Unix())
			return err
		})
		if errors.Is(err, store.ErrNotFound) {
			return ran, nil
		}
		if err != nil {
			return ran, err
		}
		ran++
		c.runJob(ctx, worker, job)
	}
}

func (c *Core) runJob(ctx context.Context, worker string, job model.Job) {
	fn, ok := jobKind(job.Kind)
	var runErr error
	if !ok {
		runErr = fmt.Errorf("no handler for job kind %q", job.Kind)
	} else {
		runErr = func() (err error) {
			defer func() {
				if p := recover(); p != nil {
					err = fmt.Errorf("panic: %v", p)
				}
			}()
			return fn(ctx, c, job)
		}()
	}
	status, retryAt, msg := model.JobDone, int64(0), ""
	if runErr != nil {
		msg = runErr.Error()
		if len(msg) > maxJobErrorText {
			msg = msg[:maxJobErrorText]
		}
		var at *retryAtError
		switch {
		case job.Attempts >= job.MaxAttempts || !ok || errors.As(runErr, new(*permanentError)):
			status = model.JobFailed
		case errors.As(runErr, &at):
			status, retryAt = model.JobPending, at.at
		default:
			status = model.JobPending
			backoff := jobRetryBase << min(job.Attempts-1, 10)
			retryAt = c.Now().Add(min(backoff, jobRetryMax)).Unix()
		}
		c.log.Warn("job failed", "job", job.ID, "kind", job.Kind, "attempt", job.Attempts, "status", status, "err", msg)
	}
	// A cancelled context must not leave the job running until its lease expires.
	fctx := context.WithoutCancel(ctx)
	err := c.write(fctx, func(tx *store.Tx) error {
		held, err := tx.FinishJob(fctx, job.ID, worker, status, retryAt, msg)
		if err == nil && !held {
			c.log.Warn("job lease lost before it finished", "job", job.ID, "kind", job.Kind)
		}
		return err
	})
	if err != nil {
		c.log.Error("record job outcome", "job", job.ID, "err", err.Error())
	}
}

// RunJobs runs due jobs until ctx ends, checking every interval (and sooner when a job
// is due before then). Any number of servers may run it at once.
func (c *Core) RunJobs(ctx context.Context, interval time.Duration) {
	if interval <= 0 {
		interval = 15 * time.Second
	}
	worker := NewWorkerID()
	c.log.Info("job runner started", "worker", worker)
	for {
		if _, err := c.RunDueJobs(ctx, worker); err != nil && ctx.Err() == nil {
			c.log.Warn("job runner", "err", err.Error())
		}
		wait := interval
		var next int64
		_ = c.read(ctx, func(tx *store.Tx) (err error) {
			next, err = tx.NextJobAt(ctx)
			return err
		})
		if next > 0 {
			if d := time.Until(time.Unix(next, 0)); d < wait {
				wait = max(d, time.Second)
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-c.jobWake:
		case <-time.After(wait):
		}
	}
}

// Jobs lists recent jobs of a kind ("" for every kind), for admins.
func (c *Core) Jobs(ctx context.Context, actor model.Actor, kind string, limit int) ([]model.Job, error) {
	if err := requireRole(actor, model.RoleAdmin, model.RoleHR); err != nil {
		return nil, err
	}
	var out []model.Job
	err := c.read(ctx, func(tx *store.Tx) (err error) {
		out, err = tx.FindJobs(ctx, kind, max(1, min(limit, 500)))
		return err
	})
	return out, err
}
