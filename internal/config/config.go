// Package config is Throughline's one typed configuration: defaults, then THROUGHLINE_*
// environment variables, then command-line flags. It holds no globals.
package config

import (
	"flag"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"time"
)

// Config is the configuration of every command.
type Config struct {
	Addr         string        // THROUGHLINE_ADDR, --addr
	DatabaseURL  string        // THROUGHLINE_DB, --db
	BaseURL      string        // THROUGHLINE_BASE_URL: the public URL, for links in calendar files
	LogLevel     string        // THROUGHLINE_LOG_LEVEL: debug, info, warn, error
	LogFormat    string        // THROUGHLINE_LOG_FORMAT: text or json
	SessionTTL   time.Duration // THROUGHLINE_SESSION_TTL: idle time after which a session ends
	CookieSecure string        // THROUGHLINE_COOKIE_SECURE: auto, always or never
	TrustProxy   bool          // THROUGHLINE_TRUST_PROXY: believe X-Forwarded-For and X-Forwarded-Proto
	DemoPassword string        // THROUGHLINE_DEMO_PASSWORD: the shared password of demo accounts
	JobInterval  time.Duration // THROUGHLINE_JOB_INTERVAL: how often a server looks for due scheduled work

	OIDCIssuer       string // THROUGHLINE_OIDC_ISSUER: the OpenID provider's issuer URL; empty disables single sign-on
	OIDCClientID     string // THROUGHLINE_OIDC_CLIENT_ID
	OIDCClientSecret string // THROUGHLINE_OIDC_CLIENT_SECRET
	OIDCName         string // THROUGHLINE_OIDC_NAME: shown on the sign-in button

	WebhookAllowPrivate bool // THROUGHLINE_WEBHOOK_ALLOW_PRIVATE: let webhooks reach private and loopback addresses
}

// OIDCRedirectURL is the callback URL registered with the provider.
func (c Config) OIDCRedirectURL() string {
	return strings.TrimRight(c.BaseURL, "/") + "/auth/oidc/callback"
}

// Var describes one setting, for --help and the README's table.
type Var struct {
	Env, Flag, Default, Help string
}

// Vars lists every setting.
var Vars = []Var{
	{"THROUGHLINE_ADDR", "--addr", "127.0.0.1:8080", "Address the server listens on (use :8080 for every interface)."},
	{"THROUGHLINE_DB", "--db", "throughline.db", "Database: a SQLite file path, or a postgres:// URL."},
	{"THROUGHLINE_BASE_URL", "", "", "Public URL of the server, used in calendar files and links (default: taken from each request)."},
	{"THROUGHLINE_LOG_LEVEL", "", "info", "Log level: debug, info, warn or error."},
	{"THROUGHLINE_LOG_FORMAT", "", "text", "Log format: text or json."},
	{"THROUGHLINE_SESSION_TTL", "", "12h", "A session ends after this long without activity."},
	{"THROUGHLINE_COOKIE_SECURE", "", "auto", "Secure cookie flag: auto (when the request came over HTTPS), always or never."},
	{"THROUGHLINE_TRUST_PROXY", "", "false", "Trust X-Forwarded-For and X-Forwarded-Proto from a reverse proxy."},
	{"THROUGHLINE_DEMO_PASSWORD", "", "purpose-first", "Shared password of the demo organization's accounts."},
	{"THROUGHLINE_JOB_INTERVAL", "", "15s", "How often each server looks for due scheduled work (pulses opening and closing, reminders, recomputes, webhooks); any number of servers may run it."},
	{"THROUGHLINE_OIDC_ISSUER", "", "", "OpenID Connect issuer URL; setting it turns on single sign-on (needs THROUGHLINE_BASE_URL)."},
	{"THROUGHLINE_OIDC_CLIENT_ID", "", "", "Client id registered with the OpenID provider."},
	{"THROUGHLINE_OIDC_CLIENT_SECRET", "", "", "Client secret registered with the OpenID provider."},
	{"THROUGHLINE_OIDC_NAME", "", "single sign-on", "Name of the provider on the sign-in button, such as Okta or Entra ID."},
	{"THROUGHLINE_WEBHOOK_ALLOW_PRIVATE", "", "false", "Let outgoing webhooks reach loopback, private and link-local addresses (off: only public addresses, against server-side request forgery)."},
}

// Default returns the defaults.
func Default() Config {
	return Config{
		Addr:         "127.0.0.1:8080",
		DatabaseURL:  "throughline.db",
		LogLevel:     "info",
		LogFormat:    "text",
		SessionTTL:   12 * time.Hour,
		CookieSecure: "auto",
		DemoPassword: "purpose-first",
		JobInterval:  15 * time.Second,
	}
}

// Load returns the defaults overridden by the environment.
func Load(getenv func(string) string) (Config, error) {
	c := Default()
	set := func(key string, dst *string) {
		if v := strings.TrimSpace(getenv(key)); v != "" {
			*dst = v
		}
	}
	set("THROUGHLINE_ADDR", &c.Addr)
	set("THROUGHLINE_DB", &c.DatabaseURL)
	set("THROUGHLINE_BASE_URL", &c.BaseURL)
	set("THROUGHLINE_LOG_LEVEL", &c.LogLevel)
	set("THROUGHLINE_LOG_FORMAT", &c.LogFormat)
	set("THROUGHLINE_COOKIE_SECURE", &c.CookieSecure)
	set("THROUGHLINE_DEMO_PASSWORD", &c.DemoPassword)
	set("THROUGHLINE_OIDC_ISSUER", &c.OIDCIssuer)
	set("THROUGHLINE_OIDC_CLIENT_ID", &c.OIDCClientID)
	set("THROUGHLINE_OIDC_CLIENT_SECRET", &c.OIDCClientSecret)
	set("THROUGHLINE_OIDC_NAME", &c.OIDCName)
	if v := strings.TrimSpace(getenv("THROUGHLINE_SESSION_TTL")); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil {
			return c, fmt.Errorf("config: THROUGHLINE_SESSION_TTL: %q is not a duration such as 12h", v)
		}
		c.SessionTTL = d
	}
	if v := strings.TrimSpace(getenv("THROUGHLINE_JOB_INTERVAL")); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d < 100*time.Millisecond {
			return c, fmt.Errorf("config: THROUGHLINE_JOB_INTERVAL: %q is not a duration of at least 100ms, such as 15s", v)
		}
		c.JobInterval = d
	}
	if v := strings.TrimSpace(getenv("THROUGHLINE_TRUST_PROXY")); v != "" {
		b, err := strconv.ParseBool(v)
		if err != nil {
			return c, fmt.Errorf("config: THROUGHLINE_TRUST_PROXY: %q is not true or false", v)
		}
		c.TrustProxy = b
	}
	if v := strings.TrimSpace(getenv("THROUGHLINE_WEBHOOK_ALLOW_PRIVATE")); v != "" {
		b, err := strconv.ParseBool(v)
		if err != nil {
			return c, fmt.Errorf("config: THROUGHLINE_WEBHOOK_ALLOW_PRIVATE: %q is not true or false (or 1 or 0)", v)
		}
		c.WebhookAllowPrivate = b
	}
	return c, c.Validate()
}

// DatabaseFlag registers --db on fs.
func (c *Config) DatabaseFlag(fs *flag.FlagSet) {
	fs.StringVar(&c.DatabaseURL, "db", c.DatabaseURL, "database: a SQLite file path, or a postgres:// URL (THROUGHLINE_DB)")
}

// Validate checks the configuration.
func (c Config) Validate() error {
	switch {
	case c.DatabaseURL == "":
		return fmt.Errorf("config: the database URL is empty")
	case c.SessionTTL < time.Minute:
		return fmt.Errorf("config: the session TTL must be at least a minute")
	}
	switch c.CookieSecure {
	case "auto", "always", "never":
	default:
		return fmt.Errorf("config: THROUGHLINE_COOKIE_SECURE must be auto, always or never, not %q", c.CookieSecure)
	}
	switch c.LogFormat {
	case "text", "json":
	default:
		return fmt.Errorf("config: THROUGHLINE_LOG_FORMAT must be text or json, not %q", c.LogFormat)
	}
	if _, err := c.Level(); err != nil {
		return err
	}
	if c.OIDCIssuer != "" && (c.OIDCClientID == "" || c.BaseURL == "") {
		return fmt.Errorf("config: single sign-on needs THROUGHLINE_OIDC_CLIENT_ID and THROUGHLINE_BASE_URL as well as THROUGHLINE_OIDC_ISSUER")
	}
	return nil
}

// Level is the log level.
func (c Config) Level() (slog.Level, error) {
	var l slog.Level
	if err := l.UnmarshalText([]byte(c.LogLevel)); err != nil {
		return l, fmt.Errorf("config: THROUGHLINE_LOG_LEVEL must be debug, info, warn or error, not %q", c.LogLevel)
	}
	return l, nil
}
