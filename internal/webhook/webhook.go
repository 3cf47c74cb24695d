// Package webhook is the wire side of Throughline's outgoing webhooks: the event data
// types, the two body formats (a Slack-compatible message and a signed JSON envelope),
// the HMAC signature, and an HTTP sender that refuses private addresses unless told
// otherwise. What is sent, when and to whom is decided in core; this package only
// builds and sends requests. It imports the standard library and model.
package webhook

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"throughline/internal/model"
)

// Event data. Every field is an id, a title or name of something the whole organization
// may see, a date, a count or a link: never private text such as survey answers and
// comments, journals, review text or notes. A test walks these types to keep it so.

// SurveyOpened is the data of survey.opened: a pulse round opened for answers.
type SurveyOpened struct {
	SurveyID    int64  `json:"survey_id"`
	SurveyTitle string `json:"survey_title"`
	RoundID     int64  `json:"round_id"`
	Round       int    `json:"round"`
	OpensOn     string `json:"opens_on"`
	ClosesOn    string `json:"closes_on"`
	Invited     int    `json:"invited"`
	URL         string `json:"url"`
}

// ReviewDue is the data of review.due: a review cycle opened, so self-reviews are due.
type ReviewDue struct {
	CycleID    int64  `json:"cycle_id"`
	Name       string `json:"name"`
	Period     string `json:"period"`
	SelfDue    string `json:"self_due,omitempty"`
	ManagerDue string `json:"manager_due,omitempty"`
	SignoffDue string `json:"signoff_due,omitempty"`
	Reviews    int    `json:"reviews"`
	URL        string `json:"url"`
}

// IdeaAdopted is the data of idea.adopted: an idea or best practice was adopted.
type IdeaAdopted struct {
	PostID int64  `json:"post_id"`
	Kind   string `json:"kind"`
	Title  string `json:"title"`
	URL    string `json:"url"`
}

// HackathonResults is the data of hackathon.results: the winners were published.
type HackathonResults struct {
	HackathonID    int64    `json:"hackathon_id"`
	Title          string   `json:"title"`
	Winners        []Winner `json:"winners"`
	AudienceChoice *Winner  `json:"audience_choice,omitempty"`
	URL            string   `json:"url"`
}

// Winner is a placed submission.
type Winner struct {
	Place        int    `json:"place,omitempty"`
	SubmissionID int64  `json:"submission_id"`
	Title        string `json:"title"`
	Team         string `json:"team"`
}

// Test is the data of webhook.test.
type Test struct {
	WebhookID int64  `json:"webhook_id"`
	Name      string `json:"name"`
	SentBy    string `json:"sent_by"`
}

// Envelope is the generic JSON body: the event's id (the same for every endpoint and
// every retry, so receivers can drop duplicates), its name, when it happened, and its
// data.
type Envelope struct {
	ID         int64           `json:"id"`
	Event      string          `json:"event"`
	OccurredAt string          `json:"occurred_at"`
	Data       json.RawMessage `json:"data"`
}

// NewEnvelope builds the envelope of a stored event.
func NewEnvelope(id int64, event string, occurredAt int64, data string) Envelope {
	if data == "" {
		data = "{}"
	}
	return Envelope{ID: id, Event: event, OccurredAt: time.Unix(occurredAt, 0).UTC().Format(time.RFC3339), Data: json.RawMessage(data)}
}

// Body returns the request body of an event in an endpoint's format.
func Body(format model.WebhookFormat, env Envelope) ([]byte, error) {
	switch format {
	case model.FormatJSON:
		return json.Marshal(env)
	case model.FormatSlack:
		return slackBody(env)
	}
	return nil, fmt.Errorf("webhook: unknown format %q", format)
}

// slackMessage is the body of a Slack incoming webhook (and of the many chat tools
// that accept the same shape): a plain-text fallback and Block Kit blocks.
type slackMessage struct {
	Text   string       `json:"text"`
	Blocks []slackBlock `json:"blocks,omitempty"`
}

type slackBlock struct {
	Type     string      `json:"type"`
	Text     *slackText  `json:"text,omitempty"`
	Elements []slackText `json:"elements,omitempty"`
}

type slackText struct {
	Type string `json:"type"`
	Text string `json:"text"`
}

func slackBody(env Envelope) ([]byte, error) {
	text, link, err := summary(env)
	if err != nil {
		return nil, err
	}
	plain := text
	if link != "" {
		text += " <" + slackEscape(link) + "|Open in Throughline>"
	}
	msg := slackMessage{Text: plain, Blocks: []slackBlock{
		{Type: "section", Text: &slackText{Type: "mrkdwn", Text: text}},
		{Type: "context", Elements: []slackText{{Type: "mrkdwn", Text: "Throughline · `" + env.Event + "`"}}},
	}}
	return json.Marshal(msg)
}

// summary is one line about the event, in Slack's mrkdwn, with every value from the
// organization escaped, and the link to it when it is absolute.
func summary(env Envelope) (string, string, error) {
	var text, link string
	var err error
	switch env.Event {
	case model.EventSurveyOpened:
		var d SurveyOpened
		if err = json.Unmarshal(env.Data, &d); err == nil {
			text = fmt.Sprintf("Pulse survey *%s* (round %d) is open until %s: %d %s invited.",
				slackEscape(d.SurveyTitle), d.Round, day(d.ClosesOn), d.Invited, plural(d.Invited, "person", "people"))
			link = d.URL
		}
	case model.EventReviewDue:
		var d ReviewDue
		if err = json.Unmarshal(env.Data, &d); err == nil {
			text = fmt.Sprintf("Review cycle *%s* (%s) is open: %d %s", slackEscape(d.Name), slackEscape(d.Period), d.Reviews, plural(d.Reviews, "review", "reviews"))
			if d.SelfDue != "" {
				text += ", self-reviews due " + day(d.SelfDue)
			}
			text += "."
			link = d.URL
		}
	case model.EventIdeaAdopted:
		var d IdeaAdopted
		if err = json.Unmarshal(env.Data, &d); err == nil {
			kind := "Idea"
			if d.Kind == "practice" {
				kind = "Best practice"
			}
			text = fmt.Sprintf("%s *%s* was adopted.", kind, slackEscape(d.Title))
			link = d.URL
		}
	case model.EventHackathonResults:
		var d HackathonResults
		if err = json.Unmarshal(env.Data, &d); err == nil {
			var parts []string
			for _, w := range d.Winners {
				parts = append(parts, fmt.Sprintf("%s: *%s* (%s)", ordinal(w.Place), slackEscape(w.Title), slackEscape(w.Team)))
			}
			if a := d.AudienceChoice; a != nil {
				parts = append(parts, fmt.Sprintf("audience choice: *%s* (%s)", slackEscape(a.Title), slackEscape(a.Team)))
			}
			text = fmt.Sprintf("Results of *%s* are out", slackEscape(d.Title))
			if len(parts) > 0 {
				text += ". " + strings.Join(parts, "; ")
			}
			text += "."
			link = d.URL
		}
	case model.EventWebhookTest:
		var d Test
		if err = json.Unmarshal(env.Data, &d); err == nil {
			text = fmt.Sprintf("Test message from Throughline: the endpoint *%s* is connected.", slackEscape(d.Name))
		}
	default:
		text = "Throughline event `" + slackEscape(env.Event) + "`."
	}
	if err != nil {
		return "", "", fmt.Errorf("webhook: %s data: %w", env.Event, err)
	}
	if !strings.HasPrefix(link, "https://") && !strings.HasPrefix(link, "http://") {
		link = ""
	}
	return text, link, nil
}

// slackEscape escapes the three characters Slack's mrkdwn gives meaning to, so a title
// can neither mention @channel (<!channel>) nor forge a link.
func slackEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}

func day(iso string) string {
	t, err := time.Parse(time.DateOnly, iso)
	if err != nil {
		return slackEscape(iso)
	}
	return t.Format("Mon 2 Jan 2006")
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func ordinal(n int) string {
	switch n {
	case 1:
		return "1st"
	case 2:
		return "2nd"
	case 3:
		return "3rd"
	}
	return strconv.Itoa(n) + "th"
}

// The request headers. The signature covers the timestamp and the raw body, so a
// captured request cannot be replayed later with a new timestamp, nor its body changed.
const (
	HeaderEvent     = "X-Throughline-Event"
	HeaderDelivery  = "X-Throughline-Delivery"
	HeaderTimestamp = "X-Throughline-Timestamp"
	HeaderSignature = "X-Throughline-Signature"
)

// Sign returns the X-Throughline-Signature value of a body sent at timestamp ts (Unix
// seconds): "sha256=" and the hex HMAC-SHA256, keyed with the endpoint's secret, of the
// timestamp in decimal, a full stop, and the raw body.
func Sign(secret string, ts int64, body []byte) string {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write([]byte(strconv.FormatInt(ts, 10)))
	m.Write([]byte{'.'})
	m.Write(body)
	return "sha256=" + hex.EncodeToString(m.Sum(nil))
}

// Errors of Verify.
var (
	ErrBadSignature = errors.New("webhook: the signature does not match")
	ErrStale        = errors.New("webhook: the timestamp is too old or in the future")
)

// Verify checks a received request the way a receiver should: the signature matches
// (compared in constant time), and the timestamp is within tolerance of now.
func Verify(secret, timestamp, signature string, body []byte, now time.Time, tolerance time.Duration) error {
	ts, err := strconv.ParseInt(timestamp, 10, 64)
	if err != nil {
		return ErrStale
	}
	if d := now.Sub(time.Unix(ts, 0)); d > tolerance || d < -tolerance {
		return ErrStale
	}
	if !hmac.Equal([]byte(Sign(secret, ts, body)), []byte(signature)) {
		return ErrBadSignature
	}
	return nil
}

// NewSecret returns a new signing secret: "whsec_" and 32 random bytes in base64url.
func NewSecret() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	return "whsec_" + base64.RawURLEncoding.EncodeToString(b)
}
