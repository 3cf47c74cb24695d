package model

import (
	"strings"
	"unicode/utf8"
)

// Account is a way to sign in. Most accounts belong to a person; an account without a
// person (PersonID 0) is for administrators and integrations outside the org chart.
type Account struct {
	ID           int64
	PersonID     int64
	Login        string // an email address, unique case-insensitively
	DisplayName  string
	Role         Role
	Active       bool
	HasPassword  bool
	CreatedAt    int64
	LastSignInAt int64 // 0 when never
}

// AccountFilter selects accounts.
type AccountFilter struct {
	Query string
	Role  Role
	Page  Page
}

// AccountInput creates an account.
type AccountInput struct {
	Login       string
	DisplayName string
	Role        Role
	Password    string // optional; an account without one signs in by other means
	PersonID    int64  // optional
}

// Normalize trims the fields and lower-cases the login.
func (in *AccountInput) Normalize() {
	in.Login = strings.ToLower(strings.TrimSpace(in.Login))
	in.DisplayName = strings.Join(strings.Fields(in.DisplayName), " ")
	in.Role = Role(strings.ToLower(strings.TrimSpace(string(in.Role))))
}

// Validate checks the input.
func (in *AccountInput) Validate() error {
	var v Validator
	if in.Login == "" {
		v.Add("login", "Email is required.")
	} else if !ValidEmail(in.Login) {
		v.Add("login", "Enter a valid email address.")
	}
	v.Check(utf8.RuneCountInString(in.DisplayName) <= 200, "display_name", "Name must be at most 200 characters.")
	v.Check(in.Role.Valid(), "role", "Choose a role.")
	if in.Password != "" {
		if msg := PasswordProblem(in.Password); msg != "" {
			v.Add("password", msg)
		}
	}
	return v.Err()
}

// PasswordProblem returns why pw is unacceptable, or "".
func PasswordProblem(pw string) string {
	n := utf8.RuneCountInString(pw)
	switch {
	case n < 10:
		return "Passwords must be at least 10 characters."
	case len(pw) > 256:
		return "Passwords must be at most 256 bytes."
	}
	return ""
}

// SignInInput is what a person types to sign in.
type SignInInput struct {
	Login    string
	Password string
	Address  string // the client's IP address, for rate limiting
	Agent    string // the User-Agent, shown in the list of sessions
}

// Session is a signed-in browser.
type Session struct {
	ID         string // the hash of the token, never the token itself
	AccountID  int64
	CreatedAt  int64
	ExpiresAt  int64
	LastSeenAt int64
	Address    string
	Agent      string
	Current    bool
}

// APIToken is a credential for integrations. Only a hash of the secret is stored; the
// secret is shown once, when the token is created.
type APIToken struct {
	ID         int64
	AccountID  int64
	Name       string
	Prefix     string // the first characters of the secret, to recognise it
	CreatedAt  int64
	LastUsedAt int64
	ExpiresAt  int64 // 0: never
	RevokedAt  int64 // 0: active
}

// APITokenInput creates a token.
type APITokenInput struct {
	Name      string
	ExpiresAt int64
}

// Validate checks the input.
func (in *APITokenInput) Validate() error {
	var v Validator
	in.Name = strings.TrimSpace(in.Name)
	v.Check(in.Name != "", "name", "Give the token a name, so you know what uses it.")
	v.Check(utf8.RuneCountInString(in.Name) <= 100, "name", "Name must be at most 100 characters.")
	return v.Err()
}
