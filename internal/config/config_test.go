package config

import (
	"flag"
	"testing"
	"time"
)

func TestPrecedence(t *testing.T) {
	env := map[string]string{"THROUGHLINE_DB": "from-env.db", "THROUGHLINE_SESSION_TTL": "2h"}
	c, err := Load(func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	if c.DatabaseURL != "from-env.db" || c.SessionTTL != 2*time.Hour || c.Addr != "127.0.0.1:8080" {
		t.Errorf("env over defaults: %+v", c)
	}
	fs := flag.NewFlagSet("x", flag.ContinueOnError)
	c.DatabaseFlag(fs)
	if err := fs.Parse([]string{"--db", "postgres://flag"}); err != nil {
		t.Fatal(err)
	}
	if c.DatabaseURL != "postgres://flag" {
		t.Errorf("flag over env: %q", c.DatabaseURL)
	}
}

func TestValidate(t *testing.T) {
	for k, v := range map[string]string{
		"THROUGHLINE_SESSION_TTL":   "soon",
		"THROUGHLINE_COOKIE_SECURE": "sometimes",
		"THROUGHLINE_LOG_FORMAT":    "xml",
		"THROUGHLINE_LOG_LEVEL":     "loud",
		"THROUGHLINE_TRUST_PROXY":   "perhaps",
	} {
		if _, err := Load(func(key string) string {
			if key == k {
				return v
			}
			return ""
		}); err == nil {
			t.Errorf("%s=%s accepted", k, v)
		}
	}
}
