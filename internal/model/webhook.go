package model

import (
	"net/netip"
	"net/url"
	"strings"
	"unicode/utf8"
)

// Webhook events. Each is emitted in the same transaction as the change it reports, and
// its data holds only ids, titles and names of public things and links, never private
// text (survey answers and comments, journals, review text, notes).
const (
	EventSurveyOpened     = "survey.opened"     // a pulse round opened
	EventReviewDue        = "review.due"        // a review cycle opened: self-reviews are due
	EventIdeaAdopted      = "idea.adopted"      // an idea or best practice moved to adopted
	EventHackathonResults = "hackathon.results" // a hackathon's winners were published
	EventWebhookTest      = "webhook.test"      // an administrator pressed "Send test"
)

// WebhookEvent describes an event an endpoint can subscribe to.
type WebhookEvent struct {
	Name, Label, Help string
}

// WebhookEvents are the events endpoints subscribe to. webhook.test is not among them:
// a test goes to the one endpoint it was sent to, whatever it subscribes to.
var WebhookEvents = []WebhookEvent{
	{EventSurveyOpened, "Pulse opened", "A pulse survey round opens for answers."},
	{EventReviewDue, "Reviews due", "A review cycle opens: self-reviews are due."},
	{EventIdeaAdopted, "Idea adopted", "An idea or best practice is adopted."},
	{EventHackathonResults, "Hackathon results", "A hackathon's winners are published."},
}

// KnownWebhookEvent reports whether name is an event endpoints may subscribe to.
func KnownWebhookEvent(name string) bool {
	for _, e := range WebhookEvents {
		if e.Name == name {
			return true
		}
	}
	return false
}

// WebhookFormat is the body an endpoint receives.
type WebhookFormat string

// The formats: a Slack-compatible incoming-webhook message ({"text", "blocks"}), or the
// generic signed JSON envelope ({"id", "event", "occurred_at", "data"}).
const (
	FormatSlack WebhookFormat = "slack"
	FormatJSON  WebhookFormat = "json"
)

// Label names the format for people.
func (f WebhookFormat) Label() string {
	switch f {
	case FormatSlack:
		return "Slack message"
	case FormatJSON:
		return "Signed JSON"
	}
	return string(f)
}

// Webhook is an endpoint that receives events. Its secret is never part of it: it is
// shown once, when the endpoint is created or its secret renewed.
type Webhook struct {
	ID             int64
	Name           string
	URL            string
	Format         WebhookFormat
	Events         []string
	Active         bool
	DisabledReason string // why Throughline turned it off (the receiver answered 410 Gone)
	CreatedBy      string
	CreatedAt      int64
	UpdatedAt      int64
	// Summary of its deliveries, for lists.
	Pending, Failed int
	LastDeliveryAt  int64
	LastStatus      string
}

// Subscribes reports whether the endpoint receives event.
func (w Webhook) Subscribes(event string) bool {
	for _, e := range w.Events {
		if e == event {
			return true
		}
	}
	return false
}

// Host is the URL's host, which lists and the audit log show instead of the whole URL
// (a Slack URL's path is itself a secret).
func (w Webhook) Host() string {
	u, err := url.Parse(w.URL)
	if err != nil {
		return ""
	}
	return u.Host
}

// WebhookInput creates or changes an endpoint.
type WebhookInput struct {
	Name   string
	URL    string
	Format WebhookFormat
	Events []string
	Active bool
}

// Bounds of an endpoint.
const (
	MaxWebhookName = 100
	MaxWebhookURL  = 2000
)

// Validate checks the input and normalizes the events (known, unique, in the canonical
// order).
func (in *WebhookInput) Validate() error {
	var v Validator
	in.Name = strings.TrimSpace(in.Name)
	in.URL = strings.TrimSpace(in.URL)
	v.Check(in.Name != "", "name", "Give the endpoint a name, such as the channel it posts to.")
	v.Check(utf8.RuneCountInString(in.Name) <= MaxWebhookName, "name", "Keep the name under 100 characters.")
	if msg := checkWebhookURL(in.URL); msg != "" {
		v.Add("url", msg)
	}
	switch in.Format {
	case FormatSlack, FormatJSON:
	default:
		v.Add("format", "Choose Slack message or signed JSON.")
	}
	chosen := map[string]bool{}
	for _, e := range in.Events {
		if !KnownWebhookEvent(e) {
			v.Add("events", "Choose events from the list.")
			break
		}
		chosen[e] = true
	}
	in.Events = in.Events[:0:0]
	for _, e := range WebhookEvents {
		if chosen[e.Name] {
			in.Events = append(in.Events, e.Name)
		}
	}
	v.Check(len(chosen) > 0, "events", "Choose at least one event.")
	return v.Err()
}

func checkWebhookURL(raw string) string {
	if raw == "" {
		return "Enter the URL that receives the events."
	}
	if len(raw) > MaxWebhookURL {
		return "The URL is too long."
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || u.Opaque != "" {
		return "Enter a full http:// or https:// URL."
	}
	if u.User != nil {
		return "Leave the user name and password out of the URL."
	}
	if u.Fragment != "" {
		return "Leave the #fragment out of the URL."
	}
	if strings.ContainsAny(raw, " \t\r\n") {
		return "The URL cannot contain spaces."
	}
	return ""
}

// PrivateAddress reports whether ip is one a webhook must not reach unless the server
// allows private addresses: loopback, private networks (RFC 1918, unique local IPv6),
// link-local (which includes cloud metadata services), carrier-grade NAT, multicast and
// unspecified addresses.
func PrivateAddress(ip netip.Addr) bool {
	ip = ip.Unmap()
	if !ip.IsValid() {
		return true
	}
	if ip.IsLoopback() || ip.IsPrivate() || ip.IsLinkLocalUnicast() || ip.IsLinkLocalMulticast() ||
		ip.IsInterfaceLocalMulticast() || ip.IsMulticast() || ip.IsUnspecified() {
		return true
	}
	for _, p := range nonPublic {
		if p.Contains(ip) {
			return true
		}
	}
	return false
}

var nonPublic = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"),      // "this network"
	netip.MustParsePrefix("100.64.0.0/10"),  // carrier-grade NAT
	netip.MustParsePrefix("192.0.0.0/24"),   // IETF protocol assignments
	netip.MustParsePrefix("198.18.0.0/15"),  // benchmarking
	netip.MustParsePrefix("240.0.0.0/4"),    // reserved, and broadcast
	netip.MustParsePrefix("64:ff9b::/96"),   // NAT64, which can reach IPv4 private space
	netip.MustParsePrefix("64:ff9b:1::/48"), // local-use NAT64
	netip.MustParsePrefix("2002::/16"),      // 6to4, which can embed a private IPv4 address
	netip.MustParsePrefix("fec0::/10"),      // deprecated site-local
	netip.MustParsePrefix("100::/64"),       // discard-only
}

// Delivery statuses.
const (
	DeliveryPending   = "pending"
	DeliverySucceeded = "succeeded"
	DeliveryFailed    = "failed"
)

// WebhookDelivery is one event on its way to one endpoint, with the outcome of its
// latest attempt.
type WebhookDelivery struct {
	ID             int64
	WebhookID      int64
	WebhookName    string
	EventID        int64
	Event          string
	Status         string
	Attempts       int
	LastStatusCode int
	LastError      string
	NextAttemptAt  int64 // when pending: the next try
	CreatedAt      int64
	UpdatedAt      int64
	Data           string // the event's data, JSON (only in a delivery's detail)
}

// WebhookAttempt is one try to deliver: what the receiver answered and how long it took.
type WebhookAttempt struct {
	ID           int64
	DeliveryID   int64
	Attempt      int
	At           int64
	StatusCode   int // 0 when no response came (refused, timed out)
	DurationMS   int64
	Error        string // truncated
	ResponseBody string // the first KiB
	NextRetryAt  int64  // 0 when there is no retry
}

// DeliveryFilter selects deliveries for the log.
type DeliveryFilter struct {
	WebhookID int64
	Event     string
	Status    string
	Page      Page
}

// Validate checks the filter.
func (f DeliveryFilter) Validate() error {
	var v Validator
	if f.Event != "" && f.Event != EventWebhookTest {
		v.Check(KnownWebhookEvent(f.Event), "event", "Choose an event from the list.")
	}
	switch f.Status {
	case "", DeliveryPending, DeliverySucceeded, DeliveryFailed:
	default:
		v.Add("status", "Choose pending, succeeded or failed.")
	}
	v.Check(f.WebhookID >= 0, "webhook_id", "Choose an endpoint.")
	return v.Err()
}

// WebhookDeliveryDetail is a delivery with every attempt, oldest first.
type WebhookDeliveryDetail struct {
	Delivery WebhookDelivery
	Webhook  Webhook
	Attempts []WebhookAttempt
}
