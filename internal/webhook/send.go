package webhook

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"syscall"
	"time"
	"unicode/utf8"

	"throughline/internal/model"
)

// Bounds of one delivery attempt.
const (
	DefaultTimeout   = 10 * time.Second // the whole request, from dialling to the last byte read
	MaxResponseBody  = 1 << 10          // bytes of the receiver's answer kept in the delivery log
	MaxErrorText     = 300              // characters of an error kept in the delivery log
	maxDrainedBody   = 64 << 10         // bytes read past MaxResponseBody to reuse the connection
	userAgent        = "Throughline-Webhooks/1"
	privateAllowHint = "set THROUGHLINE_WEBHOOK_ALLOW_PRIVATE=1 to allow private addresses"
)

// SenderOptions configure a Sender.
type SenderOptions struct {
	// AllowPrivate lets webhooks reach loopback, private and link-local addresses
	// (THROUGHLINE_WEBHOOK_ALLOW_PRIVATE). Off by default, so that an administrator's
	// endpoint cannot be used to probe the network Throughline runs in.
	AllowPrivate bool
	Timeout      time.Duration // 0: DefaultTimeout
}

// Sender posts webhook requests. It is safe for concurrent use.
type Sender struct {
	client       *http.Client
	allowPrivate bool
	timeout      time.Duration
}

// NewSender returns a sender. The address check runs after name resolution, on the
// address actually dialled, so a host name that resolves to a private address (or
// changes to one between checks: DNS rebinding) is refused too. Proxies from the
// environment are not used, since a proxy would dial on our behalf, unchecked; nor are
// redirects followed: a 3xx is a failed attempt.
func NewSender(opts SenderOptions) *Sender {
	if opts.Timeout <= 0 {
		opts.Timeout = DefaultTimeout
	}
	s := &Sender{allowPrivate: opts.AllowPrivate, timeout: opts.Timeout}
	dialer := &net.Dialer{Timeout: opts.Timeout, KeepAlive: 30 * time.Second, Control: s.control}
	s.client = &http.Client{
		Transport: &http.Transport{
			Proxy:                 nil,
			DialContext:           dialer.DialContext,
			ForceAttemptHTTP2:     true,
			MaxIdleConns:          20,
			MaxIdleConnsPerHost:   2,
			IdleConnTimeout:       60 * time.Second,
			TLSHandshakeTimeout:   opts.Timeout,
			ResponseHeaderTimeout: opts.Timeout,
		},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	return s
}

// AllowsPrivate reports whether private addresses are allowed.
func (s *Sender) AllowsPrivate() bool { return s.allowPrivate }

// RefusedError is the error of a connection refused because its address is private.
type RefusedError struct{ Addr netip.Addr }

func (e *RefusedError) Error() string {
	return fmt.Sprintf("refused to connect to %s, a private, loopback or link-local address (%s)", e.Addr, privateAllowHint)
}

func (s *Sender) control(network, address string, _ syscall.RawConn) error {
	if s.allowPrivate {
		return nil
	}
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		return fmt.Errorf("refused to connect to %q: not an IP address", address)
	}
	if model.PrivateAddress(ap.Addr()) {
		return &RefusedError{Addr: ap.Addr().Unmap()}
	}
	return nil
}

// CheckHost refuses, before anything is sent, a URL whose host is a literal private
// address or "localhost", unless private addresses are allowed. Host names are checked
// when they are dialled.
func (s *Sender) CheckHost(rawURL string) error {
	if s.allowPrivate {
		return nil
	}
	u, err := url.Parse(rawURL)
	if err != nil {
		return err
	}
	host := strings.ToLower(u.Hostname())
	if host == "localhost" || strings.HasSuffix(host, ".localhost") {
		return &RefusedError{Addr: netip.IPv6Loopback()}
	}
	if ip, err := netip.ParseAddr(host); err == nil && model.PrivateAddress(ip) {
		return &RefusedError{Addr: ip.Unmap()}
	}
	return nil
}

// Request is one delivery attempt.
type Request struct {
	URL        string
	Event      string
	DeliveryID int64
	Secret     string
	Body       []byte
	At         time.Time // the timestamp that is signed
}

// Result is what came of an attempt.
type Result struct {
	StatusCode int // 0 when no response came
	Duration   time.Duration
	Body       string // the first MaxResponseBody bytes of the response, as valid UTF-8
	Err        string // why the attempt failed, without the URL; "" on a 2xx
}

// OK reports whether the receiver accepted the event (any 2xx).
func (r Result) OK() bool { return r.Err == "" && r.StatusCode >= 200 && r.StatusCode < 300 }

// Send posts one request and reports the outcome. It never returns the URL in an error
// text: a Slack URL's path is itself a secret.
func (s *Sender) Send(ctx context.Context, req Request) Result {
	ctx, cancel := context.WithTimeout(ctx, s.timeout)
	defer cancel()
	start := time.Now()
	hr, err := http.NewRequestWithContext(ctx, http.MethodPost, req.URL, bytes.NewReader(req.Body))
	if err != nil {
		return Result{Err: "the URL cannot be used", Duration: time.Since(start)}
	}
	ts := req.At.Unix()
	hr.Header.Set("Content-Type", "application/json")
	hr.Header.Set("User-Agent", userAgent)
	hr.Header.Set(HeaderEvent, req.Event)
	hr.Header.Set(HeaderDelivery, strconv.FormatInt(req.DeliveryID, 10))
	hr.Header.Set(HeaderTimestamp, strconv.FormatInt(ts, 10))
	hr.Header.Set(HeaderSignature, Sign(req.Secret, ts, req.Body))
	resp, err := s.client.Do(hr)
	if err != nil {
		return Result{Err: describe(err, s.timeout), Duration: time.Since(start)}
	}
	defer resp.Body.Close()
	head, err := io.ReadAll(io.LimitReader(resp.Body, MaxResponseBody))
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, maxDrainedBody))
	res := Result{StatusCode: resp.StatusCode, Duration: time.Since(start), Body: Clean(string(head), MaxResponseBody)}
	switch {
	case resp.StatusCode >= 300 && resp.StatusCode < 400:
		res.Err = fmt.Sprintf("the receiver answered %d, a redirect; redirects are not followed, so enter the final URL", resp.StatusCode)
	case resp.StatusCode < 200 || resp.StatusCode >= 300:
		res.Err = fmt.Sprintf("the receiver answered %d %s", resp.StatusCode, http.StatusText(resp.StatusCode))
	case err != nil:
		res.Err = "reading the answer: " + describe(err, s.timeout)
	}
	res.Err = Clean(res.Err, MaxErrorText)
	return res
}

// describe turns a client error into a short text without the request's URL.
func describe(err error, timeout time.Duration) string {
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	var refused *RefusedError
	switch {
	case errors.As(err, &refused):
		return Clean(refused.Error(), MaxErrorText)
	case errors.Is(err, context.DeadlineExceeded):
		return fmt.Sprintf("no answer within %s", timeout)
	}
	return Clean(err.Error(), MaxErrorText)
}

// Clean makes s safe to store as text on both engines and cuts it to at most max bytes
// on a character boundary: invalid UTF-8 becomes U+FFFD and NUL bytes (which
// PostgreSQL's text refuses) are dropped.
func Clean(s string, max int) string {
	s = strings.ReplaceAll(strings.ToValidUTF8(s, "\uFFFD"), "\x00", "")
	if len(s) <= max {
		return s
	}
	cut := max
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut]
}
