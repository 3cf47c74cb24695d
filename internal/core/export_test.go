package core

import (
	"context"
	"fmt"

	"throughline/internal/model"
	"throughline/internal/store"
)

// EnqueueForTest schedules n jobs of kind, due now, with payload keys prefix0, prefix1, ….
func EnqueueForTest(ctx context.Context, c *Core, kind string, n int, prefix string) error {
	return c.write(ctx, func(tx *store.Tx) error {
		for i := 0; i < n; i++ {
			key := fmt.Sprintf("%s%d", prefix, i)
			if err := enqueue(ctx, tx, kind, "", map[string]string{"key": key}, tx.Now().Unix()); err != nil {
				return err
			}
		}
		return nil
	})
}

// ClaimForTest claims one job as worker and never finishes it, like a server that died.
func ClaimForTest(ctx context.Context, c *Core, worker string) (model.Job, error) {
	var j model.Job
	err := c.write(ctx, func(tx *store.Tx) (err error) {
		j, err = tx.ClaimJob(ctx, worker, tx.Now().Add(JobLease).Unix())
		return err
	})
	return j, err
}

// ExportPeopleIDsForBench returns every active person's id.
func (c *Core) ExportPeopleIDsForBench(ctx context.Context) ([]int64, error) {
	var out []int64
	err := c.read(ctx, func(tx *store.Tx) error {
		rows, err := tx.AllPersonRows(ctx)
		for _, r := range rows {
			if r.Active {
				out = append(out, r.ID)
			}
		}
		return err
	})
	return out, err
}
