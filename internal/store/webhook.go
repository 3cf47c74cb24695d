package store

import (
	"context"
	"strings"

	"throughline/internal/model"
)

// Outgoing webhooks: endpoints, events, deliveries and attempts (migration 0008).
// Secrets are read only by WebhookSecret and DeliveryTarget, never with an endpoint.

const webhookColumns = `w.id, w.name, w.url, w.format, w.events, w.active, w.disabled_reason, w.created_by, w.created_at, w.updated_at`

func scanWebhook(s interface{ Scan(...any) error }, extra ...any) (model.Webhook, error) {
	var w model.Webhook
	var format, events string
	err := s.Scan(append([]any{&w.ID, &w.Name, &w.URL, &format, &events, &w.Active, &w.DisabledReason, &w.CreatedBy, &w.CreatedAt, &w.UpdatedAt}, extra...)...)
	w.Format = model.WebhookFormat(format)
	w.Events = strings.Fields(events)
	return w, err
}

// CreateWebhook stores an endpoint with its secret.
func (tx *Tx) CreateWebhook(ctx context.Context, in model.WebhookInput, secret, createdBy string) (int64, error) {
	now := tx.now.Unix()
	id, err := tx.insertID(ctx, `INSERT INTO webhooks (name, url, format, secret, events, active, created_by, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, in.Name, in.URL, string(in.Format), secret, strings.Join(in.Events, " "), in.Active, createdBy, now, now)
	return id, wrap("create webhook", err)
}

// UpdateWebhook changes an endpoint. Turning it on again clears the reason it was
// turned off.
func (tx *Tx) UpdateWebhook(ctx context.Context, id int64, in model.WebhookInput) error {
	res, err := tx.exec(ctx, `UPDATE webhooks SET name = ?, url = ?, format = ?, events = ?, active = ?,
		disabled_reason = CASE WHEN ? THEN '' ELSE disabled_reason END, updated_at = ? WHERE id = ?`,
		in.Name, in.URL, string(in.Format), strings.Join(in.Events, " "), in.Active, in.Active, tx.now.Unix(), id)
	if err != nil {
		return wrap("update webhook", err)
	}
	return mustAffect(res, "update webhook")
}

// SetWebhookSecret replaces an endpoint's secret.
func (tx *Tx) SetWebhookSecret(ctx context.Context, id int64, secret string) error {
	res, err := tx.exec(ctx, `UPDATE webhooks SET secret = ?, updated_at = ? WHERE id = ?`, secret, tx.now.Unix(), id)
	if err != nil {
		return wrap("set webhook secret", err)
	}
	return mustAffect(res, "set webhook secret")
}

// DisableWebhook turns an endpoint off with a reason.
func (tx *Tx) DisableWebhook(ctx context.Context, id int64, reason string) error {
	_, err := tx.exec(ctx, `UPDATE webhooks SET active = FALSE, disabled_reason = ?, updated_at = ? WHERE id = ?`, reason, tx.now.Unix(), id)
	return wrap("disable webhook", err)
}

// DeleteWebhook removes an endpoint; its deliveries and their attempts go with it.
func (tx *Tx) DeleteWebhook(ctx context.Context, id int64) error {
	res, err := tx.exec(ctx, `DELETE FROM webhooks WHERE id = ?`, id)
	if err != nil {
		return wrap("delete webhook", err)
	}
	return mustAffect(res, "delete webhook")
}

// FindWebhookByID returns an endpoint.
func (tx *Tx) FindWebhookByID(ctx context.Context, id int64) (model.Webhook, error) {
	w, err := scanWebhook(tx.queryRow(ctx, `SELECT `+webhookColumns+` FROM webhooks w WHERE w.id = ?`, id))
	return w, wrap("find webhook", err)
}

// WebhookSecret returns an endpoint's signing secret.
func (tx *Tx) WebhookSecret(ctx context.Context, id int64) (string, error) {
	var s string
	err := tx.queryRow(ctx, `SELECT secret FROM webhooks WHERE id = ?`, id).Scan(&s)
	return s, wrap("webhook secret", err)
}

// FindWebhooks lists every endpoint by name, with how many deliveries are pending and
// failed, and the latest delivery's time and status.
func (tx *Tx) FindWebhooks(ctx context.Context) ([]model.Webhook, error) {
	rows, err := tx.query(ctx, `SELECT `+webhookColumns+`,
		(SELECT count(*) FROM webhook_deliveries d WHERE d.webhook_id = w.id AND d.status = 'pending'),
		(SELECT count(*) FROM webhook_deliveries d WHERE d.webhook_id = w.id AND d.status = 'failed'),
		COALESCE((SELECT d.updated_at FROM webhook_deliveries d WHERE d.webhook_id = w.id ORDER BY d.id DESC LIMIT 1), 0),
		COALESCE((SELECT d.status FROM webhook_deliveries d WHERE d.webhook_id = w.id ORDER BY d.id DESC LIMIT 1), '')
		FROM webhooks w ORDER BY w.name, w.id`)
	if err != nil {
		return nil, wrap("find webhooks", err)
	}
	defer rows.Close()
	var out []model.Webhook
	for rows.Next() {
		var pending, failed int
		var lastAt int64
		var lastStatus string
		w, err := scanWebhook(rows, &pending, &failed, &lastAt, &lastStatus)
		if err != nil {
			return nil, wrap("find webhooks", err)
		}
		w.Pending, w.Failed, w.LastDeliveryAt, w.LastStatus = pending, failed, lastAt, lastStatus
		out = append(out, w)
	}
	return out, wrap("find webhooks", rows.Err())
}

// ActiveWebhooks lists the endpoints that are on.
func (tx *Tx) ActiveWebhooks(ctx context.Context) ([]model.Webhook, error) {
	rows, err := tx.query(ctx, `SELECT `+webhookColumns+` FROM webhooks w WHERE w.active ORDER BY w.id`)
	if err != nil {
		return nil, wrap("active webhooks", err)
	}
	defer rows.Close()
	var out []model.Webhook
	for rows.Next() {
		w, err := scanWebhook(rows)
		if err != nil {
			return nil, wrap("active webhooks", err)
		}
		out = append(out, w)
	}
	return out, wrap("active webhooks", rows.Err())
}

// CreateWebhookEvent records an event and its data (JSON).
func (tx *Tx) CreateWebhookEvent(ctx context.Context, event, data string) (int64, error) {
	id, err := tx.insertID(ctx, `INSERT INTO webhook_events (event, occurred_at, data) VALUES (?, ?, ?)`, event, tx.now.Unix(), data)
	return id, wrap("create webhook event", err)
}

// CreateWebhookDelivery records that an event is due to an endpoint.
func (tx *Tx) CreateWebhookDelivery(ctx context.Context, webhookID, eventID int64, event string) (int64, error) {
	now := tx.now.Unix()
	id, err := tx.insertID(ctx, `INSERT INTO webhook_deliveries (webhook_id, event_id, event, status, next_attempt_at, created_at, updated_at)
		VALUES (?, ?, ?, 'pending', ?, ?, ?)`, webhookID, eventID, event, now, now, now)
	return id, wrap("create webhook delivery", err)
}

const deliveryColumns = `d.id, d.webhook_id, w.name, d.event_id, d.event, d.status, d.attempts, d.last_status_code, d.last_error,
	d.next_attempt_at, d.created_at, d.updated_at`

func scanDelivery(s interface{ Scan(...any) error }, extra ...any) (model.WebhookDelivery, error) {
	var d model.WebhookDelivery
	err := s.Scan(append([]any{&d.ID, &d.WebhookID, &d.WebhookName, &d.EventID, &d.Event, &d.Status, &d.Attempts, &d.LastStatusCode,
		&d.LastError, &d.NextAttemptAt, &d.CreatedAt, &d.UpdatedAt}, extra...)...)
	return d, err
}

// FindDeliveries lists deliveries, newest first.
func (tx *Tx) FindDeliveries(ctx context.Context, f model.DeliveryFilter) ([]model.WebhookDelivery, int, error) {
	var conds []string
	var args []any
	if f.WebhookID != 0 {
		conds = append(conds, "d.webhook_id = ?")
		args = append(args, f.WebhookID)
	}
	if f.Event != "" {
		conds = append(conds, "d.event = ?")
		args = append(args, f.Event)
	}
	if f.Status != "" {
		conds = append(conds, "d.status = ?")
		args = append(args, f.Status)
	}
	from := ` FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id` + where(conds)
	total, err := tx.count(ctx, `SELECT count(*)`+from, args...)
	if err != nil {
		return nil, 0, wrap("find deliveries", err)
	}
	rows, err := tx.query(ctx, `SELECT `+deliveryColumns+from+` ORDER BY d.id DESC LIMIT ? OFFSET ?`, append(args, f.Page.Limit, f.Page.Offset)...)
	if err != nil {
		return nil, 0, wrap("find deliveries", err)
	}
	defer rows.Close()
	var out []model.WebhookDelivery
	for rows.Next() {
		d, err := scanDelivery(rows)
		if err != nil {
			return nil, 0, wrap("find deliveries", err)
		}
		out = append(out, d)
	}
	return out, total, wrap("find deliveries", rows.Err())
}

// FindDeliveryByID returns a delivery with its event's data.
func (tx *Tx) FindDeliveryByID(ctx context.Context, id int64) (model.WebhookDelivery, error) {
	var data string
	d, err := scanDelivery(tx.queryRow(ctx, `SELECT `+deliveryColumns+`, e.data FROM webhook_deliveries d
		JOIN webhooks w ON w.id = d.webhook_id JOIN webhook_events e ON e.id = d.event_id WHERE d.id = ?`, id), &data)
	d.Data = data
	return d, wrap("find delivery", err)
}

// DeliveryTarget is everything a delivery attempt needs: the delivery, its endpoint,
// the endpoint's secret and the event.
type DeliveryTarget struct {
	Delivery   model.WebhookDelivery
	Webhook    model.Webhook
	Secret     string
	OccurredAt int64
	Data       string
}

// FindDeliveryTarget loads a delivery for an attempt.
func (tx *Tx) FindDeliveryTarget(ctx context.Context, id int64) (DeliveryTarget, error) {
	var t DeliveryTarget
	var format, events string
	w := &t.Webhook
	d := &t.Delivery
	err := tx.queryRow(ctx, `SELECT `+deliveryColumns+`, w.url, w.format, w.events, w.active, w.secret, e.occurred_at, e.data
		FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id JOIN webhook_events e ON e.id = d.event_id
		WHERE d.id = ?`, id).Scan(&d.ID, &d.WebhookID, &d.WebhookName, &d.EventID, &d.Event, &d.Status, &d.Attempts, &d.LastStatusCode,
		&d.LastError, &d.NextAttemptAt, &d.CreatedAt, &d.UpdatedAt, &w.URL, &format, &events, &w.Active, &t.Secret, &t.OccurredAt, &t.Data)
	w.ID, w.Name, w.Format, w.Events = d.WebhookID, d.WebhookName, model.WebhookFormat(format), strings.Fields(events)
	return t, wrap("find delivery target", err)
}

// RecordWebhookAttempt records one attempt and the delivery's new state, if the delivery
// is still pending. It reports false when it was not (another server recorded the
// outcome first), and then records nothing.
func (tx *Tx) RecordWebhookAttempt(ctx context.Context, a model.WebhookAttempt, status string) (bool, error) {
	res, err := tx.exec(ctx, `UPDATE webhook_deliveries SET status = ?, attempts = ?, last_status_code = ?, last_error = ?,
		next_attempt_at = ?, updated_at = ? WHERE id = ? AND status = 'pending'`,
		status, a.Attempt, a.StatusCode, a.Error, a.NextRetryAt, tx.now.Unix(), a.DeliveryID)
	if err != nil {
		return false, wrap("record webhook attempt", err)
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return false, wrap("record webhook attempt", err)
	}
	_, err = tx.exec(ctx, `INSERT INTO webhook_attempts (delivery_id, attempt, at, status_code, duration_ms, error, response_body, next_retry_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, a.DeliveryID, a.Attempt, a.At, a.StatusCode, a.DurationMS, a.Error, a.ResponseBody, a.NextRetryAt)
	return err == nil, wrap("record webhook attempt", err)
}

// FailDelivery ends a pending delivery without an attempt (its endpoint was turned off).
func (tx *Tx) FailDelivery(ctx context.Context, id int64, reason string) error {
	_, err := tx.exec(ctx, `UPDATE webhook_deliveries SET status = 'failed', last_error = ?, next_attempt_at = 0, updated_at = ?
		WHERE id = ? AND status = 'pending'`, reason, tx.now.Unix(), id)
	return wrap("fail delivery", err)
}

// RetryDelivery makes a failed delivery pending again. It returns ErrNotFound when the
// delivery does not exist or has not failed.
func (tx *Tx) RetryDelivery(ctx context.Context, id int64) error {
	now := tx.now.Unix()
	res, err := tx.exec(ctx, `UPDATE webhook_deliveries SET status = 'pending', next_attempt_at = ?, updated_at = ?
		WHERE id = ? AND status = 'failed'`, now, now, id)
	if err != nil {
		return wrap("retry delivery", err)
	}
	return mustAffect(res, "retry delivery")
}

// FindWebhookAttempts lists a delivery's attempts, oldest first.
func (tx *Tx) FindWebhookAttempts(ctx context.Context, deliveryID int64) ([]model.WebhookAttempt, error) {
	rows, err := tx.query(ctx, `SELECT id, delivery_id, attempt, at, status_code, duration_ms, error, response_body, next_retry_at
		FROM webhook_attempts WHERE delivery_id = ? ORDER BY attempt, id`, deliveryID)
	if err != nil {
		return nil, wrap("find webhook attempts", err)
	}
	defer rows.Close()
	var out []model.WebhookAttempt
	for rows.Next() {
		var a model.WebhookAttempt
		if err := rows.Scan(&a.ID, &a.DeliveryID, &a.Attempt, &a.At, &a.StatusCode, &a.DurationMS, &a.Error, &a.ResponseBody, &a.NextRetryAt); err != nil {
			return nil, wrap("find webhook attempts", err)
		}
		out = append(out, a)
	}
	return out, wrap("find webhook attempts", rows.Err())
}

// DeleteOldDeliveries removes finished deliveries last changed before cutoff, and the
// events no delivery refers to any more.
func (tx *Tx) DeleteOldDeliveries(ctx context.Context, cutoff int64) error {
	if _, err := tx.exec(ctx, `DELETE FROM webhook_deliveries WHERE status <> 'pending' AND updated_at < ?`, cutoff); err != nil {
		return wrap("delete old deliveries", err)
	}
	_, err := tx.exec(ctx, `DELETE FROM webhook_events WHERE occurred_at < ?
		AND NOT EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.event_id = webhook_events.id)`, cutoff)
	return wrap("delete old deliveries", err)
}
