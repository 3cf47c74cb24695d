package core

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"throughline/internal/model"
	"throughline/internal/store"
	"throughline/internal/webhook"
)

// Outgoing webhooks. The rules, in one place:
//   - only admins manage endpoints, read the delivery log, send tests and redeliver;
//   - an event is recorded, with one delivery per subscribed active endpoint and one job
//     per delivery, in the same transaction as the change it reports (emit): a change
//     that commits always has its event, a change that rolls back never sends one;
//   - event data holds ids, titles and names of public things, dates, counts and links
//     (the types in package webhook), never private text;
//   - deliveries run from the jobs table: at least once, retried with exponential
//     backoff and jitter, every attempt in the delivery log; a 410 Gone turns the
//     endpoint off;
//   - the secret is shown once, when it is made; the audit log records what changed,
//     never the secret nor the URL's path (a Slack URL's path is a secret too).

// The delivery job and its retry schedule: attempt n+1 runs about WebhookBackoff[n-1]
// after attempt n failed, give or take a fifth (jitter, so that many deliveries that
// failed together do not retry together). After WebhookMaxAttempts the delivery fails.
const jobDeliverWebhook = "webhook.deliver"

// WebhookBackoff is the wait before each retry.
var WebhookBackoff = []time.Duration{time.Minute, 5 * time.Minute, 30 * time.Minute, 2 * time.Hour, 12 * time.Hour}

// WebhookMaxAttempts is how many times a delivery is tried: once, then once per backoff.
var WebhookMaxAttempts = len(WebhookBackoff) + 1

// webhookRetention is how long finished deliveries stay in the log.
const webhookRetention = 90 * 24 * time.Hour

type deliveryPayload struct {
	DeliveryID int64 `json:"delivery_id"`
}

func init() {
	RegisterJobKind(jobDeliverWebhook, func(ctx context.Context, c *Core, j model.Job) error {
		var p deliveryPayload
		if err := json.Unmarshal([]byte(j.Payload), &p); err != nil {
			return failJob(err)
		}
		return c.deliverWebhook(ctx, j, p.DeliveryID)
	})
}

// webhookBackoff is the wait after the nth failed attempt, with ±20% jitter.
func webhookBackoff(n int) time.Duration {
	base := WebhookBackoff[max(0, min(n-1, len(WebhookBackoff)-1))]
	return time.Duration(float64(base) * (0.8 + 0.4*rand.Float64()))
}

// link turns a path into the link events carry: absolute with THROUGHLINE_BASE_URL,
// else the path.
func (c *Core) link(path string) string { return c.baseURL + path }

// emit records event with data and enqueues a delivery to every active endpoint that
// subscribes to it, in tx. data must be one of the types of package webhook.
func (c *Core) emit(ctx context.Context, tx *store.Tx, event string, data any) error {
	hooks, err := tx.ActiveWebhooks(ctx)
	if err != nil {
		return err
	}
	var to []model.Webhook
	for _, h := range hooks {
		if h.Subscribes(event) {
			to = append(to, h)
		}
	}
	_, err = c.enqueueEvent(ctx, tx, event, data, to)
	return err
}

// enqueueEvent records an event and one delivery (and its job) per endpoint, and wakes
// the job runner once the transaction commits. It returns the deliveries' ids.
func (c *Core) enqueueEvent(ctx context.Context, tx *store.Tx, event string, data any, to []model.Webhook) ([]int64, error) {
	if len(to) == 0 {
		return nil, nil
	}
	b, err := json.Marshal(data)
	if err != nil {
		return nil, fmt.Errorf("core: webhook data: %w", err)
	}
	eventID, err := tx.CreateWebhookEvent(ctx, event, string(b))
	if err != nil {
		return nil, err
	}
	var ids []int64
	for _, h := range to {
		id, err := tx.CreateWebhookDelivery(ctx, h.ID, eventID, event)
		if err != nil {
			return nil, err
		}
		if err := enqueueDelivery(ctx, tx, id, fmt.Sprintf("webhook:%d", id)); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	tx.OnCommit(c.wakeJobs)
	return ids, nil
}

// enqueueDelivery schedules a delivery's job now. key may be "" (a redelivery: a new job
// beside the finished one).
func enqueueDelivery(ctx context.Context, tx *store.Tx, deliveryID int64, key string) error {
	b, _ := json.Marshal(deliveryPayload{DeliveryID: deliveryID})
	return tx.EnqueueJob(ctx, model.Job{Kind: jobDeliverWebhook, DedupeKey: key, Payload: string(b),
		RunAt: tx.Now().Unix(), MaxAttempts: WebhookMaxAttempts})
}

// deliverWebhook makes one attempt at a delivery. The request is sent outside any
// transaction; its outcome is recorded after. Should the server die in between, the
// job's lease expires and another server sends it again: delivery is at least once,
// and receivers drop duplicates by the event id.
func (c *Core) deliverWebhook(ctx context.Context, job model.Job, deliveryID int64) error {
	var t store.DeliveryTarget
	err := c.read(ctx, func(tx *store.Tx) (err error) {
		t, err = tx.FindDeliveryTarget(ctx, deliveryID)
		return err
	})
	if errors.Is(err, store.ErrNotFound) {
		return nil // the endpoint was deleted, and its deliveries with it
	}
	if err != nil {
		return err
	}
	if t.Delivery.Status != model.DeliveryPending {
		return nil // done already (a job that ran twice)
	}
	if !t.Webhook.Active && t.Delivery.Event != model.EventWebhookTest {
		return c.write(ctx, func(tx *store.Tx) error {
			return tx.FailDelivery(ctx, deliveryID, "The endpoint is turned off; the event was not sent.")
		})
	}
	body, err := webhook.Body(t.Webhook.Format, webhook.NewEnvelope(t.Delivery.EventID, t.Delivery.Event, t.OccurredAt, t.Data))
	if err != nil {
		_ = c.write(ctx, func(tx *store.Tx) error {
			return tx.FailDelivery(ctx, deliveryID, webhook.Clean(err.Error(), webhook.MaxErrorText))
		})
		return failJob(err)
	}
	start := c.Now()
	res := c.hooks.Send(ctx, webhook.Request{URL: t.Webhook.URL, Event: t.Delivery.Event, DeliveryID: deliveryID,
		Secret: t.Secret, Body: body, At: start})

	a := model.WebhookAttempt{DeliveryID: deliveryID, Attempt: t.Delivery.Attempts + 1, At: start.Unix(),
		StatusCode: res.StatusCode, DurationMS: res.Duration.Milliseconds(), Error: res.Err, ResponseBody: res.Body}
	status, gone := model.DeliverySucceeded, res.StatusCode == 410
	var next time.Time
	switch {
	case res.OK():
	case gone || job.Attempts >= job.MaxAttempts:
		status = model.DeliveryFailed
	default:
		status = model.DeliveryPending
		next = c.Now().Add(webhookBackoff(job.Attempts))
		a.NextRetryAt = next.Unix()
	}
	// The outcome is recorded even when the runner is shutting down.
	wctx := context.WithoutCancel(ctx)
	err = c.write(wctx, func(tx *store.Tx) error {
		recorded, err := tx.RecordWebhookAttempt(wctx, a, status)
		if err != nil || !recorded {
			return err
		}
		if gone {
			if err := tx.DisableWebhook(wctx, t.Webhook.ID, "The receiver answered 410 Gone: it no longer accepts events."); err != nil {
				return err
			}
			return audit(wctx, tx, model.System, "webhook_disabled", "webhook", t.Webhook.ID, "the receiver answered 410 Gone")
		}
		return nil
	})
	if err != nil {
		return err
	}
	failure := fmt.Errorf("webhook %d: delivery %d: %s", t.Webhook.ID, deliveryID, res.Err)
	switch status {
	case model.DeliverySucceeded:
		return nil
	case model.DeliveryFailed:
		return failJob(failure)
	}
	return retryJobAt(next, failure)
}

// Webhooks lists the endpoints with a summary of their deliveries. admin.
func (c *Core) Webhooks(ctx context.Context, actor model.Actor) ([]model.Webhook, error) {
	if err := requireRole(actor, model.RoleAdmin); err != nil {
		return nil, err
	}
	var out []model.Webhook
	err := c.read(ctx, func(tx *store.Tx) (err error) {
		out, err = tx.FindWebhooks(ctx)
		return err
	})
	return out, err
}

// Webhook returns one endpoint. admin.
func (c *Core) Webhook(ctx context.Context, actor model.Actor, id int64) (model.Webhook, error) {
	if err := requireRole(actor, model.RoleAdmin); err != nil {
		return model.Webhook{}, err
	}
	var w model.Webhook
	err := c.read(ctx, func(tx *store.Tx) (err error) {
		w, err = tx.FindWebhookByID(ctx, id)
		return notFound(err, "webhook endpoint")
	})
	return w, err
}

// checkWebhook validates an endpoint's input, refusing a literal private address unless
// private addresses are allowed.
func (c *Core) checkWebhook(in *model.WebhookInput) error {
	if err := in.Validate(); err != nil {
		return err
	}
	if err := c.hooks.CheckHost(in.URL); err != nil {
		msg := "This address is on a private network. Throughline sends webhooks to public addresses only, unless the server sets THROUGHLINE_WEBHOOK_ALLOW_PRIVATE=1."
		return &model.Error{Code: model.CodeInvalid, Message: msg, Fields: map[string]string{"url": msg}}
	}
	return nil
}

func webhookDetail(in model.WebhookInput, host string) string {
	state := "on"
	if !in.Active {
		state = "off"
	}
	return fmt.Sprintf("%s; %s; %s; events %s; %s", in.Name, host, in.Format, strings.Join(in.Events, ","), state)
}

// CreateWebhook registers an endpoint and returns it with its new secret, which is
// shown this once. admin.
func (c *Core) CreateWebhook(ctx context.Context, actor model.Actor, in model.WebhookInput) (model.Webhook, string, error) {
	if err := requireRole(actor, model.RoleAdmin); err != nil {
		return model.Webhook{}, "", err
	}
	if err := c.checkWebhook(&in); err != nil {
		return model.Webhook{}, "", err
	}
	secret := webhook.NewSecret()
	var w model.Webhook
	err := c.write(ctx, func(tx *store.Tx) error {
		id, err := tx.CreateWebhook(ctx, in, secret, actorName(actor))
		if err != nil {
			return err
		}
		if w, err = tx.FindWebhookByID(ctx, id); err != nil {
			return err
		}
		return audit(ctx, tx, actor, "webhook_created", "webhook", id, webhookDetail(in, w.Host()))
	})
	if err != nil {
		return model.Webhook{}, "", err
	}
	return w, secret, nil
}

// UpdateWebhook changes an endpoint: its name, URL, format, events, and whether it is on.
// admin.
func (c *Core) UpdateWebhook(ctx context.Context, actor model.Actor, id int64, in model.WebhookInput) (model.Webhook, error) {
	if err := requireRole(actor, model.RoleAdmin); err != nil {
		return model.Webhook{}, err
	}
	if err := c.checkWebhook(&in); err != nil {
		return model.Webhook{}, err
	}
	var w model.Webhook
	err := c.write(ctx, func(tx *store.Tx) error {
		if err := tx.UpdateWebhook(ctx, id, in); err != nil {
			return notFound(err, "webhook endpoint")
		}
		var err error
		if w, err = tx.FindWebhookByID(ctx, id); err != nil {
			return err
		}
		return audit(ctx, tx, actor, "webhook_updated", "webhook", id, webhookDetail(in, w.Host()))
	})
	return w, err
}

// DeleteWebhook removes an endpoint with its delivery log. Pending deliveries are
// dropped. admin.
func (c *Core) DeleteWebhook(ctx context.Context, actor model.Actor, id int64) error {
	if err := requireRole(actor, model.RoleAdmin); err != nil {
		return err
	}
	return c.write(ctx, func(tx *store.Tx) error {
		w, err := tx.FindWebhookByID(ctx, id)
		if err != nil {
			return notFound(err, "webhook endpoint")
		}
		if err := tx.DeleteWebhook(ctx, id); err != nil {
			return err
		}
		return audit(ctx, tx, actor, "webhook_deleted", "webhook", id, w.Name+"; "+w.Host())
	})
}

// RenewWebhookSecret replaces an endpoint's secret and returns the new one, shown this
// once. Deliveries from now on are signed with it. admin.
func (c *Core) RenewWebhookSecret(ctx context.Context, actor model.Actor, id int64) (string, error) {
	if err := requireRole(actor, model.RoleAdmin); err != nil {
		return "", err
	}
	secret := webhook.NewSecret()
	err := c.write(ctx, func(tx *store.Tx) error {
		if err := tx.SetWebhookSecret(ctx, id, secret); err != nil {
			return notFound(err, "webhook endpoint")
		}
		return audit(ctx, tx, actor, "webhook_secret_renewed", "webhook", id, "")
	})
	if err != nil {
		return "", err
	}
	return secret, nil
}

// SendTestWebhook sends a webhook.test event to one endpoint, whatever it subscribes to
// and even when it is off, and returns the delivery's id. admin.
func (c *Core) SendTestWebhook(ctx context.Context, actor model.Actor, id int64) (int64, error) {
	if err := requireRole(actor, model.RoleAdmin); err != nil {
		return 0, err
	}
	var deliveryID int64
	err := c.write(ctx, func(tx *store.Tx) error {
		w, err := tx.FindWebhookByID(ctx, id)
		if err != nil {
			return notFound(err, "webhook endpoint")
		}
		ids, err := c.enqueueEvent(ctx, tx, model.EventWebhookTest, webhook.Test{WebhookID: w.ID, Name: w.Name, SentBy: actorName(actor)}, []model.Webhook{w})
		if err != nil {
			return err
		}
		deliveryID = ids[0]
		return nil
	})
	return deliveryID, err
}

// WebhookDeliveries lists deliveries, newest first. admin.
func (c *Core) WebhookDeliveries(ctx context.Context, actor model.Actor, f model.DeliveryFilter) (model.List[model.WebhookDelivery], error) {
	if err := requireRole(actor, model.RoleAdmin); err != nil {
		return model.List[model.WebhookDelivery]{}, err
	}
	if err := f.Validate(); err != nil {
		return model.List[model.WebhookDelivery]{}, err
	}
	f.Page = f.Page.Normalize()
	out := model.List[model.WebhookDelivery]{Page: f.Page}
	err := c.read(ctx, func(tx *store.Tx) (err error) {
		out.Items, out.Total, err = tx.FindDeliveries(ctx, f)
		return err
	})
	return out, err
}

// WebhookDelivery returns a delivery with its event data and every attempt. admin.
func (c *Core) WebhookDelivery(ctx context.Context, actor model.Actor, id int64) (model.WebhookDeliveryDetail, error) {
	if err := requireRole(actor, model.RoleAdmin); err != nil {
		return model.WebhookDeliveryDetail{}, err
	}
	var out model.WebhookDeliveryDetail
	err := c.read(ctx, func(tx *store.Tx) (err error) {
		if out.Delivery, err = tx.FindDeliveryByID(ctx, id); err != nil {
			return notFound(err, "delivery")
		}
		if out.Webhook, err = tx.FindWebhookByID(ctx, out.Delivery.WebhookID); err != nil {
			return err
		}
		out.Attempts, err = tx.FindWebhookAttempts(ctx, id)
		return err
	})
	return out, err
}

// RedeliverWebhook tries a failed delivery again, with a fresh set of retries. The
// receiver gets the same event id as before. admin.
func (c *Core) RedeliverWebhook(ctx context.Context, actor model.Actor, deliveryID int64) error {
	if err := requireRole(actor, model.RoleAdmin); err != nil {
		return err
	}
	return c.write(ctx, func(tx *store.Tx) error {
		d, err := tx.FindDeliveryByID(ctx, deliveryID)
		if err != nil {
			return notFound(err, "delivery")
		}
		if d.Status != model.DeliveryFailed {
			return &model.Error{Code: model.CodeConflict, Message: "Only a failed delivery can be sent again; this one " + map[string]string{
				model.DeliveryPending: "is still pending.", model.DeliverySucceeded: "succeeded."}[d.Status]}
		}
		if err := tx.RetryDelivery(ctx, deliveryID); err != nil {
			return err
		}
		if err := enqueueDelivery(ctx, tx, deliveryID, ""); err != nil {
			return err
		}
		tx.OnCommit(c.wakeJobs)
		return audit(ctx, tx, actor, "webhook_redelivered", "webhook_delivery", deliveryID, d.Event)
	})
}

// purgeWebhookLog drops finished deliveries older than the retention period.
func purgeWebhookLog(ctx context.Context, tx *store.Tx) error {
	return tx.DeleteOldDeliveries(ctx, tx.Now().Add(-webhookRetention).Unix())
}
