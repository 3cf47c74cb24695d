// Package sso signs people in with an OpenID Connect provider: the authorization code
// flow with PKCE (RFC 7636), through github.com/coreos/go-oidc/v3 and
// golang.org/x/oauth2. It knows the protocol only; which account a verified email
// signs into is core's decision.
package sso

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"
)

// Config names the provider and this application's registration with it.
type Config struct {
	Issuer       string
	ClientID     string
	ClientSecret string
	RedirectURL  string // https://throughline.example/auth/oidc/callback
	Name         string // shown on the sign-in button, e.g. "Okta"
}

// Enabled reports whether single sign-on is configured.
func (c Config) Enabled() bool { return c.Issuer != "" && c.ClientID != "" }

// Claims are what Throughline reads from a verified ID token.
type Claims struct {
	Subject       string `json:"sub"`
	Email         string `json:"email"`
	EmailVerified bool   `json:"email_verified"`
	Name          string `json:"name"`
	Nonce         string `json:"nonce"`
}

// Provider talks to one OpenID provider. Discovery happens on first use, so a provider
// that is down when Throughline starts does not stop it from starting.
type Provider struct {
	cfg      Config
	mu       sync.Mutex
	oauth    *oauth2.Config
	verifier *oidc.IDTokenVerifier
}

// New returns a provider for cfg.
func New(cfg Config) *Provider { return &Provider{cfg: cfg} }

// Name is the provider's display name.
func (p *Provider) Name() string {
	if p.cfg.Name != "" {
		return p.cfg.Name
	}
	return "single sign-on"
}

func (p *Provider) init(ctx context.Context) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.oauth != nil {
		return nil
	}
	prov, err := oidc.NewProvider(ctx, p.cfg.Issuer)
	if err != nil {
		return fmt.Errorf("sso: discover %s: %w", p.cfg.Issuer, err)
	}
	p.oauth = &oauth2.Config{ClientID: p.cfg.ClientID, ClientSecret: p.cfg.ClientSecret, Endpoint: prov.Endpoint(),
		RedirectURL: p.cfg.RedirectURL, Scopes: []string{oidc.ScopeOpenID, "email", "profile"}}
	p.verifier = prov.Verifier(&oidc.Config{ClientID: p.cfg.ClientID})
	return nil
}

// Secrets are the per-attempt values: state against cross-site forgery of the callback,
// a nonce against ID-token replay, and the PKCE verifier against code interception.
type Secrets struct {
	State, Nonce, Verifier string
}

// NewSecrets makes fresh random secrets.
func NewSecrets() Secrets {
	return Secrets{State: random(), Nonce: random(), Verifier: oauth2.GenerateVerifier()}
}

func random() string {
	b := make([]byte, 24)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

// HashState is how a state is stored: only a hash, so a leaked table cannot complete
// someone else's sign-in.
func HashState(state string) string {
	h := sha256.Sum256([]byte(state))
	return base64.RawURLEncoding.EncodeToString(h[:])
}

// AuthURL is where to send the browser to sign in.
func (p *Provider) AuthURL(ctx context.Context, s Secrets) (string, error) {
	if err := p.init(ctx); err != nil {
		return "", err
	}
	return p.oauth.AuthCodeURL(s.State, oidc.Nonce(s.Nonce), oauth2.S256ChallengeOption(s.Verifier)), nil
}

// ErrNotVerified is returned when the provider does not vouch for the email address.
var ErrNotVerified = errors.New("sso: the provider did not verify the email address")

// Exchange trades the code for tokens, verifies the ID token's signature, issuer,
// audience, expiry and nonce, and returns its claims.
func (p *Provider) Exchange(ctx context.Context, code, verifier, nonce string) (Claims, error) {
	if err := p.init(ctx); err != nil {
		return Claims{}, err
	}
	tok, err := p.oauth.Exchange(ctx, code, oauth2.VerifierOption(verifier))
	if err != nil {
		return Claims{}, fmt.Errorf("sso: exchange the code: %w", err)
	}
	raw, ok := tok.Extra("id_token").(string)
	if !ok || raw == "" {
		return Claims{}, errors.New("sso: the provider returned no ID token")
	}
	idt, err := p.verifier.Verify(ctx, raw)
	if err != nil {
		return Claims{}, fmt.Errorf("sso: verify the ID token: %w", err)
	}
	var c Claims
	if err := idt.Claims(&c); err != nil {
		return Claims{}, fmt.Errorf("sso: read the ID token: %w", err)
	}
	if c.Nonce != nonce {
		return Claims{}, errors.New("sso: the ID token's nonce does not match this sign-in")
	}
	c.Email = strings.ToLower(strings.TrimSpace(c.Email))
	if c.Email == "" || !c.EmailVerified {
		return c, ErrNotVerified
	}
	return c, nil
}
