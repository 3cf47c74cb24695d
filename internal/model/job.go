package model

// Job is scheduled work claimed from the jobs table. Payload is JSON; it never holds
// private text (answers, journals, tokens).
type Job struct {
	ID          int64
	Kind        string
	DedupeKey   string
	Payload     string
	RunAt       int64
	Status      string // pending, running, done, failed, cancelled
	Attempts    int
	MaxAttempts int
	LockedBy    string
	LockedUntil int64
	LastError   string
	CreatedAt   int64
	FinishedAt  int64
}

// The job statuses.
const (
	JobPending   = "pending"
	JobRunning   = "running"
	JobDone      = "done"
	JobFailed    = "failed"
	JobCancelled = "cancelled"
)
