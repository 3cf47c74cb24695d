package api

import (
	"encoding/json"
	"net/http"

	"throughline/internal/httpx"
	"throughline/internal/model"
)

// Outgoing webhooks (issue 10), admin only: endpoints, tests, the delivery log and
// redelivery.

func webhookRoutes(h *Handler) []Route {
	return []Route{
		{"GET", "/webhooks", h.webhooks},
		{"POST", "/webhooks", h.createWebhook},
		{"GET", "/webhooks/{id}", h.webhook},
		{"PUT", "/webhooks/{id}", h.updateWebhook},
		{"DELETE", "/webhooks/{id}", h.deleteWebhook},
		{"POST", "/webhooks/{id}/test", h.testWebhook},
		{"POST", "/webhooks/{id}/secret", h.renewWebhookSecret},
		{"GET", "/webhook-deliveries", h.webhookDeliveries},
		{"GET", "/webhook-deliveries/{id}", h.webhookDelivery},
		{"POST", "/webhook-deliveries/{id}/redeliver", h.redeliverWebhook},
	}
}

func webhookOperations() []op {
	hookID := param{"id", "path", "integer", "The endpoint's id."}
	deliveryID := param{"id", "path", "integer", "The delivery's id."}
	return []op{
		{method: "GET", path: "/webhooks", summary: "Webhook endpoints with a summary of their deliveries (admin). URLs are shown; secrets never are.", tag: "webhooks", resp: DataBody[[]WebhookBody]{}},
		{method: "POST", path: "/webhooks", summary: "Register an endpoint (admin). The response holds the signing secret, shown this once. format is slack (a Slack incoming-webhook message) or json (the signed envelope {id, event, occurred_at, data}); events are survey.opened, review.due, idea.adopted and hackathon.results. Loopback and private addresses are refused unless the server sets THROUGHLINE_WEBHOOK_ALLOW_PRIVATE=1.", tag: "webhooks",
			body: WebhookRequest{}, resp: DataBody[WebhookCreatedBody]{}, status: "201"},
		{method: "GET", path: "/webhooks/{id}", summary: "One endpoint (admin).", tag: "webhooks", params: []param{hookID}, resp: DataBody[WebhookBody]{}},
		{method: "PUT", path: "/webhooks/{id}", summary: "Change an endpoint: name, URL, format, events, active (admin). Turning it on again clears the reason it was turned off.", tag: "webhooks",
			params: []param{hookID}, body: WebhookRequest{}, resp: DataBody[WebhookBody]{}},
		{method: "DELETE", path: "/webhooks/{id}", summary: "Delete an endpoint with its delivery log; pending deliveries are dropped (admin).", tag: "webhooks", params: []param{hookID}, status: "204"},
		{method: "POST", path: "/webhooks/{id}/test", summary: "Send a webhook.test event to this endpoint now, even when it is off (admin). Returns the delivery's id.", tag: "webhooks",
			params: []param{hookID}, resp: DataBody[IDBody]{}, status: "202"},
		{method: "POST", path: "/webhooks/{id}/secret", summary: "Replace the endpoint's signing secret; the new one is in the response, shown this once (admin).", tag: "webhooks",
			params: []param{hookID}, resp: DataBody[WebhookSecretBody]{}},
		{method: "GET", path: "/webhook-deliveries", summary: "The delivery log, newest first (admin): each event sent to each endpoint, with its latest attempt.", tag: "webhooks",
			params: append([]param{{"webhook_id", "query", "integer", "Only this endpoint."}, {"event", "query", "string", "Only this event, such as idea.adopted or webhook.test."},
				{"status", "query", "string", "pending, succeeded or failed."}}, pageParams...),
			resp: ListBody[DeliveryBody]{}},
		{method: "GET", path: "/webhook-deliveries/{id}", summary: "One delivery with the event's data and every attempt: status code, duration, error and the first KiB of the answer (admin).", tag: "webhooks",
			params: []param{deliveryID}, resp: DataBody[DeliveryDetailBody]{}},
		{method: "POST", path: "/webhook-deliveries/{id}/redeliver", summary: "Send a failed delivery again, with a fresh set of retries and the same event id (admin).", tag: "webhooks",
			params: []param{deliveryID}, status: "202"},
	}
}

// WebhookRequest creates or replaces an endpoint.
type WebhookRequest struct {
	Name   string   `json:"name"`
	URL    string   `json:"url"`
	Format string   `json:"format"`
	Events []string `json:"events"`
	Active *bool    `json:"active"` // default true
}

func (b WebhookRequest) input() model.WebhookInput {
	active := b.Active == nil || *b.Active
	return model.WebhookInput{Name: b.Name, URL: b.URL, Format: model.WebhookFormat(b.Format), Events: b.Events, Active: active}
}

// WebhookBody is an endpoint, without its secret.
type WebhookBody struct {
	ID                int64    `json:"id"`
	Name              string   `json:"name"`
	URL               string   `json:"url"`
	Format            string   `json:"format"`
	Events            []string `json:"events"`
	Active            bool     `json:"active"`
	DisabledReason    string   `json:"disabled_reason,omitempty"`
	CreatedBy         string   `json:"created_by"`
	CreatedAt         int64    `json:"created_at"`
	UpdatedAt         int64    `json:"updated_at"`
	PendingDeliveries int      `json:"pending_deliveries"`
	FailedDeliveries  int      `json:"failed_deliveries"`
	LastDeliveryAt    int64    `json:"last_delivery_at,omitempty"`
	LastStatus        string   `json:"last_status,omitempty"`
}

func webhookBody(w model.Webhook) WebhookBody {
	events := w.Events
	if events == nil {
		events = []string{}
	}
	return WebhookBody{ID: w.ID, Name: w.Name, URL: w.URL, Format: string(w.Format), Events: events, Active: w.Active,
		DisabledReason: w.DisabledReason, CreatedBy: w.CreatedBy, CreatedAt: w.CreatedAt, UpdatedAt: w.UpdatedAt,
		PendingDeliveries: w.Pending, FailedDeliveries: w.Failed, LastDeliveryAt: w.LastDeliveryAt, LastStatus: w.LastStatus}
}

// WebhookCreatedBody is a new endpoint with its secret, which is not shown again.
type WebhookCreatedBody struct {
	WebhookBody
	Secret string `json:"secret"`
}

// WebhookSecretBody is a renewed secret, which is not shown again.
type WebhookSecretBody struct {
	Secret string `json:"secret"`
}

// DeliveryBody is one event on its way to one endpoint.
type DeliveryBody struct {
	ID             int64  `json:"id"`
	WebhookID      int64  `json:"webhook_id"`
	WebhookName    string `json:"webhook_name"`
	EventID        int64  `json:"event_id"`
	Event          string `json:"event"`
	Status         string `json:"status"`
	Attempts       int    `json:"attempts"`
	LastStatusCode int    `json:"last_status_code,omitempty"`
	LastError      string `json:"last_error,omitempty"`
	NextAttemptAt  int64  `json:"next_attempt_at,omitempty"`
	CreatedAt      int64  `json:"created_at"`
	UpdatedAt      int64  `json:"updated_at"`
}

func deliveryBody(d model.WebhookDelivery) DeliveryBody {
	b := DeliveryBody{ID: d.ID, WebhookID: d.WebhookID, WebhookName: d.WebhookName, EventID: d.EventID, Event: d.Event, Status: d.Status,
		Attempts: d.Attempts, LastStatusCode: d.LastStatusCode, LastError: d.LastError, CreatedAt: d.CreatedAt, UpdatedAt: d.UpdatedAt}
	if d.Status == model.DeliveryPending {
		b.NextAttemptAt = d.NextAttemptAt
	}
	return b
}

// AttemptBody is one try to deliver.
type AttemptBody struct {
	Attempt      int    `json:"attempt"`
	At           int64  `json:"at"`
	StatusCode   int    `json:"status_code"`
	DurationMS   int64  `json:"duration_ms"`
	Error        string `json:"error,omitempty"`
	ResponseBody string `json:"response_body,omitempty"`
	NextRetryAt  int64  `json:"next_retry_at,omitempty"`
}

// DeliveryDetailBody is a delivery with its event's data and its attempts.
type DeliveryDetailBody struct {
	DeliveryBody
	Data     map[string]any `json:"data"`
	Attempts []AttemptBody  `json:"attempts"`
}

func (h *Handler) webhooks(w http.ResponseWriter, r *http.Request) {
	a, ok := actor(w, r)
	if !ok {
		return
	}
	list, err := h.core.Webhooks(r.Context(), a)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	out := make([]WebhookBody, 0, len(list))
	for _, x := range list {
		out = append(out, webhookBody(x))
	}
	httpx.WriteJSON(w, http.StatusOK, DataBody[[]WebhookBody]{Data: out})
}

func (h *Handler) createWebhook(w http.ResponseWriter, r *http.Request) {
	a, ok := actor(w, r)
	if !ok {
		return
	}
	var req WebhookRequest
	if !h.decode(w, r, &req) {
		return
	}
	hook, secret, err := h.core.CreateWebhook(r.Context(), a, req.input())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusCreated, DataBody[WebhookCreatedBody]{Data: WebhookCreatedBody{WebhookBody: webhookBody(hook), Secret: secret}})
}

func (h *Handler) webhook(w http.ResponseWriter, r *http.Request) {
	a, id, ok := h.start(w, r, "webhook endpoint")
	if !ok {
		return
	}
	hook, err := h.core.Webhook(r.Context(), a, id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusOK, DataBody[WebhookBody]{Data: webhookBody(hook)})
}

func (h *Handler) updateWebhook(w http.ResponseWriter, r *http.Request) {
	a, id, ok := h.start(w, r, "webhook endpoint")
	if !ok {
		return
	}
	var req WebhookRequest
	if !h.decode(w, r, &req) {
		return
	}
	hook, err := h.core.UpdateWebhook(r.Context(), a, id, req.input())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusOK, DataBody[WebhookBody]{Data: webhookBody(hook)})
}

func (h *Handler) deleteWebhook(w http.ResponseWriter, r *http.Request) {
	a, id, ok := h.start(w, r, "webhook endpoint")
	if !ok {
		return
	}
	h.done(w, r, h.core.DeleteWebhook(r.Context(), a, id))
}

func (h *Handler) testWebhook(w http.ResponseWriter, r *http.Request) {
	a, id, ok := h.start(w, r, "webhook endpoint")
	if !ok {
		return
	}
	deliveryID, err := h.core.SendTestWebhook(r.Context(), a, id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusAccepted, DataBody[IDBody]{Data: IDBody{ID: deliveryID}})
}

func (h *Handler) renewWebhookSecret(w http.ResponseWriter, r *http.Request) {
	a, id, ok := h.start(w, r, "webhook endpoint")
	if !ok {
		return
	}
	secret, err := h.core.RenewWebhookSecret(r.Context(), a, id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusOK, DataBody[WebhookSecretBody]{Data: WebhookSecretBody{Secret: secret}})
}

func (h *Handler) webhookDeliveries(w http.ResponseWriter, r *http.Request) {
	a, ok := actor(w, r)
	if !ok {
		return
	}
	page, err := pageOf(r)
	var hookID int64
	if err == nil {
		hookID, err = idParam(r, "webhook_id")
	}
	var l model.List[model.WebhookDelivery]
	if err == nil {
		q := r.URL.Query()
		l, err = h.core.WebhookDeliveries(r.Context(), a, model.DeliveryFilter{WebhookID: hookID, Event: q.Get("event"), Status: q.Get("status"), Page: page})
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusOK, listOf(l, deliveryBody))
}

func (h *Handler) webhookDelivery(w http.ResponseWriter, r *http.Request) {
	a, id, ok := h.start(w, r, "delivery")
	if !ok {
		return
	}
	d, err := h.core.WebhookDelivery(r.Context(), a, id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	out := DeliveryDetailBody{DeliveryBody: deliveryBody(d.Delivery), Data: map[string]any{}, Attempts: []AttemptBody{}}
	_ = json.Unmarshal([]byte(d.Delivery.Data), &out.Data)
	for _, x := range d.Attempts {
		out.Attempts = append(out.Attempts, AttemptBody{Attempt: x.Attempt, At: x.At, StatusCode: x.StatusCode, DurationMS: x.DurationMS,
			Error: x.Error, ResponseBody: x.ResponseBody, NextRetryAt: x.NextRetryAt})
	}
	httpx.WriteJSON(w, http.StatusOK, DataBody[DeliveryDetailBody]{Data: out})
}

func (h *Handler) redeliverWebhook(w http.ResponseWriter, r *http.Request) {
	a, id, ok := h.start(w, r, "delivery")
	if !ok {
		return
	}
	if err := h.core.RedeliverWebhook(r.Context(), a, id); err != nil {
		h.fail(w, r, err)
		return
	}
	w.WriteHeader(http.StatusAccepted)
}
