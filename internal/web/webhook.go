package web

import (
	"bytes"
	"encoding/json"
	"net/http"

	"throughline/internal/model"
)

// Outgoing webhooks (issue 10): admin pages for endpoints and the delivery log.

// WebhooksPage lists the endpoints, with the form for a new one.
type WebhooksPage struct {
	Page
	Webhooks []model.Webhook
	Form     Form
}

// Events are the events an endpoint can subscribe to.
func (WebhooksPage) Events() []model.WebhookEvent { return model.WebhookEvents }

// Checked reports whether an event's box is ticked on the form: all of them on a new
// form.
func (p WebhooksPage) Checked(event string) bool {
	if p.Form.Values == nil {
		return true
	}
	return has(p.Form.Values["events"], event)
}

// Value is a submitted field's value.
func (p WebhooksPage) Value(name string) string { return p.Form.Value(name) }

// ActiveChecked reports whether the "on" box is ticked: it is on a new form.
func (p WebhooksPage) ActiveChecked() bool {
	return p.Form.Values == nil || p.Form.Value("active") == "1"
}

// WebhookPage is one endpoint: its settings form, its recent deliveries, and its secret
// on the one response that shows it.
type WebhookPage struct {
	Page
	Webhook    model.Webhook
	Form       Form
	NewSecret  string // shown once, after creating the endpoint or renewing its secret
	Created    bool
	Deliveries model.List[model.WebhookDelivery]
}

// Events are the events an endpoint can subscribe to.
func (WebhookPage) Events() []model.WebhookEvent { return model.WebhookEvents }

// Checked reports whether an event's box is ticked: the submitted form's, else the
// endpoint's.
func (p WebhookPage) Checked(event string) bool {
	if p.Form.Values != nil {
		return has(p.Form.Values["events"], event)
	}
	return p.Webhook.Subscribes(event)
}

// Value is a field's value: the submitted form's, else the endpoint's.
func (p WebhookPage) Value(name string) string {
	if p.Form.Values != nil {
		return p.Form.Value(name)
	}
	switch name {
	case "name":
		return p.Webhook.Name
	case "url":
		return p.Webhook.URL
	case "format":
		return string(p.Webhook.Format)
	case "active":
		if p.Webhook.Active {
			return "1"
		}
	}
	return ""
}

// ActiveChecked reports whether the "on" box is ticked.
func (p WebhookPage) ActiveChecked() bool { return p.Value("active") == "1" }

// DeliveriesPage is the delivery log.
type DeliveriesPage struct {
	Page
	Results  model.List[model.WebhookDelivery]
	Webhooks []model.Webhook
	Filter   model.DeliveryFilter
}

// Statuses are the statuses the log can be filtered by.
func (DeliveriesPage) Statuses() []string {
	return []string{model.DeliveryPending, model.DeliverySucceeded, model.DeliveryFailed}
}

// Events are the events the log can be filtered by.
func (DeliveriesPage) Events() []string {
	out := []string{}
	for _, e := range model.WebhookEvents {
		out = append(out, e.Name)
	}
	return append(out, model.EventWebhookTest)
}

// DeliveryPage is one delivery with its attempts.
type DeliveryPage struct {
	Page
	Detail model.WebhookDeliveryDetail
	Data   string // the event's data, indented
}

func has(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func webhookInput(r *http.Request) model.WebhookInput {
	return model.WebhookInput{Name: r.PostForm.Get("name"), URL: r.PostForm.Get("url"), Format: model.WebhookFormat(r.PostForm.Get("format")),
		Events: r.PostForm["events"], Active: r.PostForm.Get("active") == "1"}
}

func (h *Handler) webhooks(w http.ResponseWriter, r *http.Request) {
	h.webhooksPage(w, r, http.StatusOK, Form{})
}

func (h *Handler) webhooksPage(w http.ResponseWriter, r *http.Request, status int, form Form) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	list, err := h.core.Webhooks(r.Context(), actor)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, status, "webhooks", &WebhooksPage{Page: Page{Title: "Webhooks", Section: "webhooks"}, Webhooks: list, Form: form})
}

func (h *Handler) createWebhook(w http.ResponseWriter, r *http.Request) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	if err := parseForm(w, r); err != nil {
		h.fail(w, r, err)
		return
	}
	hook, secret, err := h.core.CreateWebhook(r.Context(), actor, webhookInput(r))
	if model.ErrorCodeOf(err) == model.CodeInvalid {
		h.webhooksPage(w, r, http.StatusUnprocessableEntity, formFrom(r, err))
		return
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	// The secret is shown on this response only: the page is not a redirect target.
	h.webhookPage(w, r, http.StatusCreated, &WebhookPage{Webhook: hook, NewSecret: secret, Created: true})
}

func (h *Handler) webhook(w http.ResponseWriter, r *http.Request) {
	h.webhookPage(w, r, http.StatusOK, &WebhookPage{})
}

// webhookPage renders an endpoint; p.Webhook is loaded unless already set.
func (h *Handler) webhookPage(w http.ResponseWriter, r *http.Request, status int, p *WebhookPage) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	id, err := pathID(r, "id")
	if p.Webhook.ID != 0 {
		id, err = p.Webhook.ID, nil
	}
	var hook model.Webhook
	if err == nil {
		hook, err = h.core.Webhook(r.Context(), actor, id)
	}
	if err == nil {
		p.Deliveries, err = h.core.WebhookDeliveries(r.Context(), actor, model.DeliveryFilter{WebhookID: id, Page: model.Page{Limit: 10}})
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	p.Webhook = hook
	p.Page = Page{Title: hook.Name + " · Webhooks", Section: "webhooks"}
	h.render(w, r, status, "webhook", p)
}

func (h *Handler) updateWebhook(w http.ResponseWriter, r *http.Request) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	id, err := pathID(r, "id")
	if err == nil {
		err = parseForm(w, r)
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	_, err = h.core.UpdateWebhook(r.Context(), actor, id, webhookInput(r))
	if model.ErrorCodeOf(err) == model.CodeInvalid {
		h.webhookPage(w, r, http.StatusUnprocessableEntity, &WebhookPage{Form: formFrom(r, err)})
		return
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.redirect(w, r, "/admin/webhooks/"+itoa(id), "success", "The endpoint is saved.")
}

func (h *Handler) deleteWebhook(w http.ResponseWriter, r *http.Request) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	id, err := pathID(r, "id")
	if err == nil {
		err = h.core.DeleteWebhook(r.Context(), actor, id)
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.redirect(w, r, "/admin/webhooks", "success", "The endpoint and its delivery log are deleted.")
}

func (h *Handler) testWebhook(w http.ResponseWriter, r *http.Request) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	id, err := pathID(r, "id")
	var deliveryID int64
	if err == nil {
		deliveryID, err = h.core.SendTestWebhook(r.Context(), actor, id)
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.redirect(w, r, "/admin/webhook-deliveries/"+itoa(deliveryID), "success", "A test event is on its way. Reload this page to see how the receiver answered.")
}

func (h *Handler) renewWebhookSecret(w http.ResponseWriter, r *http.Request) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	id, err := pathID(r, "id")
	var secret string
	if err == nil {
		secret, err = h.core.RenewWebhookSecret(r.Context(), actor, id)
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.webhookPage(w, r, http.StatusOK, &WebhookPage{Webhook: model.Webhook{ID: id}, NewSecret: secret})
}

func (h *Handler) webhookDeliveries(w http.ResponseWriter, r *http.Request) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	q := r.URL.Query()
	f := model.DeliveryFilter{WebhookID: queryID(r, "webhook_id"), Event: q.Get("event"), Status: q.Get("status"),
		Page: model.Page{Limit: 50, Offset: queryInt(r, "offset", 0)}}
	hooks, err := h.core.Webhooks(r.Context(), actor)
	var l model.List[model.WebhookDelivery]
	if err == nil {
		l, err = h.core.WebhookDeliveries(r.Context(), actor, f)
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "webhook_deliveries", &DeliveriesPage{Page: Page{Title: "Delivery log · Webhooks", Section: "webhooks"},
		Results: l, Webhooks: hooks, Filter: f})
}

func (h *Handler) webhookDelivery(w http.ResponseWriter, r *http.Request) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	id, err := pathID(r, "id")
	var d model.WebhookDeliveryDetail
	if err == nil {
		d, err = h.core.WebhookDelivery(r.Context(), actor, id)
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var pretty bytes.Buffer
	if json.Indent(&pretty, []byte(d.Delivery.Data), "", "  ") != nil {
		pretty.Reset()
		pretty.WriteString(d.Delivery.Data)
	}
	h.render(w, r, http.StatusOK, "webhook_delivery", &DeliveryPage{Page: Page{Title: "Delivery " + itoa(id) + " · Webhooks", Section: "webhooks"},
		Detail: d, Data: pretty.String()})
}

func (h *Handler) redeliverWebhook(w http.ResponseWriter, r *http.Request) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	id, err := pathID(r, "id")
	if err == nil {
		err = h.core.RedeliverWebhook(r.Context(), actor, id)
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.redirect(w, r, "/admin/webhook-deliveries/"+itoa(id), "success", "The delivery is queued again.")
}
