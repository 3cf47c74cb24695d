package core_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"throughline/internal/core"
	"throughline/internal/dbtest"
	"throughline/internal/model"
	"throughline/internal/store"
)

var (
	testJobRuns  sync.Map // "engine:id" → *atomic.Int32
	testJobFails atomic.Int32
)

func init() {
	core.RegisterJobKind("test.count", func(ctx context.Context, c *core.Core, j model.Job) error {
		var p struct {
			Key string `json:"key"`
		}
		if err := json.Unmarshal([]byte(j.Payload), &p); err != nil {
			return err
		}
		v, _ := testJobRuns.LoadOrStore(p.Key, new(atomic.Int32))
		v.(*atomic.Int32).Add(1)
		time.Sleep(time.Millisecond)
		return nil
	})
	core.RegisterJobKind("test.flaky", func(ctx context.Context, c *core.Core, j model.Job) error {
		if j.Attempts < 3 {
			testJobFails.Add(1)
			return errors.New("not yet")
		}
		return nil
	})
}

// TestJobsRunExactlyOnce starts several "servers" (separate connections and cores on
// one database) that claim jobs at the same time; each job must run exactly once.
func TestJobsRunExactlyOnce(t *testing.T) {
	for _, engine := range dbtest.EngineNames() {
		t.Run(engine, func(t *testing.T) {
			url := dbtest.NewURL(t, engine)
			const servers, jobs = 4, 60
			cores := make([]*core.Core, servers)
			for i := range cores {
				db, err := store.Open(context.Background(), url)
				if err != nil {
					t.Fatal(err)
				}
				t.Cleanup(func() { db.Close() })
				cores[i] = dbtest.NewCore(db)
			}
			prefix := fmt.Sprintf("%s-%d-", engine, time.Now().UnixNano())
			if err := core.EnqueueForTest(context.Background(), cores[0], "test.count", jobs, prefix); err != nil {
				t.Fatal(err)
			}
			var wg sync.WaitGroup
			var ran atomic.Int32
			for i, c := range cores {
				wg.Add(1)
				go func() {
					defer wg.Done()
					n, err := c.RunDueJobs(context.Background(), fmt.Sprintf("server-%d", i))
					if err != nil {
						t.Errorf("server %d: %v", i, err)
					}
					ran.Add(int32(n))
				}()
			}
			wg.Wait()
			if ran.Load() != jobs {
				t.Errorf("%d jobs claimed, want %d", ran.Load(), jobs)
			}
			for i := 0; i < jobs; i++ {
				v, ok := testJobRuns.Load(fmt.Sprintf("%s%d", prefix, i))
				if !ok || v.(*atomic.Int32).Load() != 1 {
					n := int32(0)
					if ok {
						n = v.(*atomic.Int32).Load()
					}
					t.Errorf("job %d ran %d times", i, n)
				}
			}
		})
	}
}

// TestJobsRetryAndLease checks retries with backoff and that a job whose server died
// (its lease expired) is claimed again.
func TestJobsRetryAndLease(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *store.DB) {
		now := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
		db.SetNow(func() time.Time { return now })
		c := dbtest.NewCore(db)
		ctx := context.Background()
		if err := core.EnqueueForTest(ctx, c, "test.flaky", 1, "flaky"); err != nil {
			t.Fatal(err)
		}
		for attempt := 1; attempt <= 3; attempt++ {
			if n, err := c.RunDueJobs(ctx, "w"); err != nil || n != 1 {
				t.Fatalf("attempt %d: ran %d, %v", attempt, n, err)
			}
			if n, _ := c.RunDueJobs(ctx, "w"); n != 0 {
				t.Fatalf("attempt %d: the retry ran before its backoff", attempt)
			}
			now = now.Add(time.Hour)
		}
		jobs, err := c.Jobs(ctx, model.System, "test.flaky", 10)
		if err != nil || len(jobs) != 1 || jobs[0].Status != model.JobDone || jobs[0].Attempts != 3 {
			t.Fatalf("jobs %+v, %v; want one done after 3 attempts", jobs, err)
		}
		// A claimed job whose worker never finishes is claimed again after the lease.
		if err := core.EnqueueForTest(ctx, c, "test.count", 1, "lease-"+db.Engine()); err != nil {
			t.Fatal(err)
		}
		if _, err := core.ClaimForTest(ctx, c, "dead-server"); err != nil {
			t.Fatal(err)
		}
		if n, _ := c.RunDueJobs(ctx, "w"); n != 0 {
			t.Fatalf("a leased job was claimed before its lease expired")
		}
		now = now.Add(core.JobLease + time.Second)
		if n, _ := c.RunDueJobs(ctx, "w"); n != 1 {
			t.Fatalf("the job of a dead server was not claimed again")
		}
	})
}
