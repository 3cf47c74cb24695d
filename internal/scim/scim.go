// Package scim serves SCIM 2.0 provisioning (RFC 7643, RFC 7644) under /scim/v2: Users
// and Groups, with groups mapped to departments, behind a bearer API token of an
// administrator. It speaks the dialect common identity providers send (Okta, Entra ID):
// userName and externalId filters, PATCH with or without a path, case-insensitive
// operation names, and group membership changes by add, remove and replace.
package scim

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"throughline/internal/core"
	"throughline/internal/httpx"
	"throughline/internal/model"
)

// Schema URNs.
const (
	userSchema       = "urn:ietf:params:scim:schemas:core:2.0:User"
	groupSchema      = "urn:ietf:params:scim:schemas:core:2.0:Group"
	enterpriseSchema = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"
	listSchema       = "urn:ietf:params:scim:api:messages:2.0:ListResponse"
	patchSchema      = "urn:ietf:params:scim:api:messages:2.0:PatchOp"
	errorSchema      = "urn:ietf:params:scim:api:messages:2.0:Error"
	// Prefix is where SCIM lives.
	Prefix = "/scim/v2"
)

// Handler serves SCIM.
type Handler struct {
	core *core.Core
}

// New returns the SCIM handler.
func New(c *core.Core) *Handler { return &Handler{core: c} }

// Routes registers the SCIM endpoints.
func (h *Handler) Routes(mux *http.ServeMux) {
	r := func(p string, f http.HandlerFunc) { httpx.HandleFunc(mux, p, f) }
	r("GET "+Prefix+"/ServiceProviderConfig", h.serviceProviderConfig)
	r("GET "+Prefix+"/ResourceTypes", h.resourceTypes)
	r("GET "+Prefix+"/Users", h.listUsers)
	r("POST "+Prefix+"/Users", h.createUser)
	r("GET "+Prefix+"/Users/{id}", h.getUser)
	r("PUT "+Prefix+"/Users/{id}", h.replaceUser)
	r("PATCH "+Prefix+"/Users/{id}", h.patchUser)
	r("DELETE "+Prefix+"/Users/{id}", h.deleteUser)
	r("GET "+Prefix+"/Groups", h.listGroups)
	r("POST "+Prefix+"/Groups", h.createGroup)
	r("GET "+Prefix+"/Groups/{id}", h.getGroup)
	r("PUT "+Prefix+"/Groups/{id}", h.replaceGroup)
	r("PATCH "+Prefix+"/Groups/{id}", h.patchGroup)
	r("DELETE "+Prefix+"/Groups/{id}", h.deleteGroup)
}

// --- representations ---

type name struct {
	Formatted  string `json:"formatted,omitempty"`
	GivenName  string `json:"givenName,omitempty"`
	FamilyName string `json:"familyName,omitempty"`
}

type email struct {
	Value   string `json:"value"`
	Type    string `json:"type,omitempty"`
	Primary bool   `json:"primary,omitempty"`
}

type ref struct {
	Value   string `json:"value"`
	Display string `json:"display,omitempty"`
	Ref     string `json:"$ref,omitempty"`
}

type enterprise struct {
	EmployeeNumber string `json:"employeeNumber,omitempty"`
	Department     string `json:"department,omitempty"`
	Manager        *ref   `json:"manager,omitempty"`
}

type meta struct {
	ResourceType string `json:"resourceType"`
	Created      string `json:"created,omitempty"`
	LastModified string `json:"lastModified,omitempty"`
	Location     string `json:"location"`
}

type user struct {
	Schemas     []string    `json:"schemas"`
	ID          string      `json:"id,omitempty"`
	ExternalID  string      `json:"externalId,omitempty"`
	UserName    string      `json:"userName"`
	Name        *name       `json:"name,omitempty"`
	DisplayName string      `json:"displayName,omitempty"`
	Emails      []email     `json:"emails,omitempty"`
	Title       string      `json:"title,omitempty"`
	Active      *bool       `json:"active,omitempty"`
	Enterprise  *enterprise `json:"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User,omitempty"`
	Groups      []ref       `json:"groups,omitempty"`
	Meta        *meta       `json:"meta,omitempty"`
}

type group struct {
	Schemas     []string `json:"schemas"`
	ID          string   `json:"id,omitempty"`
	DisplayName string   `json:"displayName"`
	Members     []ref    `json:"members"`
	Meta        *meta    `json:"meta,omitempty"`
}

type list[T any] struct {
	Schemas      []string `json:"schemas"`
	TotalResults int      `json:"totalResults"`
	StartIndex   int      `json:"startIndex"`
	ItemsPerPage int      `json:"itemsPerPage"`
	Resources    []T      `json:"Resources"`
}

func toUser(u model.ProvisionedUser) user {
	active := u.Active
	out := user{Schemas: []string{userSchema, enterpriseSchema}, ID: strconv.FormatInt(u.ID, 10), ExternalID: u.ExternalID,
		UserName: u.Email, Name: &name{Formatted: u.Name, GivenName: u.GivenName, FamilyName: u.FamilyName}, DisplayName: u.Name,
		Emails: []email{{Value: u.Email, Type: "work", Primary: true}}, Title: u.Title, Active: &active,
		Enterprise: &enterprise{EmployeeNumber: u.EmployeeID, Department: u.Department},
		Meta:       &meta{ResourceType: "User", LastModified: stamp(u.Modified), Location: Prefix + "/Users/" + strconv.FormatInt(u.ID, 10)}}
	if u.ManagerID != 0 {
		out.Enterprise.Manager = &ref{Value: strconv.FormatInt(u.ManagerID, 10)}
	}
	return out
}

func (u user) provisioned() (model.ProvisionedUser, error) {
	p := model.ProvisionedUser{ExternalID: u.ExternalID, Email: u.UserName, Title: u.Title, Active: true, Name: u.DisplayName}
	if u.Active != nil {
		p.Active = *u.Active
	}
	if u.Name != nil {
		if u.Name.Formatted != "" {
			p.Name = u.Name.Formatted
		}
		p.GivenName, p.FamilyName = u.Name.GivenName, u.Name.FamilyName
		if p.Name == "" {
			p.Name = strings.TrimSpace(u.Name.GivenName + " " + u.Name.FamilyName)
		}
	}
	if p.Email == "" {
		for _, e := range u.Emails {
			if e.Primary || p.Email == "" {
				p.Email = e.Value
			}
		}
	}
	if u.Enterprise != nil {
		p.EmployeeID, p.Department = u.Enterprise.EmployeeNumber, u.Enterprise.Department
		if u.Enterprise.Manager != nil && u.Enterprise.Manager.Value != "" {
			id, err := strconv.ParseInt(u.Enterprise.Manager.Value, 10, 64)
			if err != nil {
				return p, invalid("invalidValue", "manager.value must be the id of a user.")
			}
			p.ManagerID = id
		}
	}
	if p.Email == "" {
		return p, invalid("invalidValue", "userName (an email address) is required.")
	}
	return p, nil
}

func toGroup(g model.ProvisionedGroup) group {
	out := group{Schemas: []string{groupSchema}, ID: strconv.FormatInt(g.ID, 10), DisplayName: g.Name, Members: []ref{},
		Meta: &meta{ResourceType: "Group", Location: Prefix + "/Groups/" + strconv.FormatInt(g.ID, 10)}}
	for _, m := range g.Members {
		id := strconv.FormatInt(m.ID, 10)
		out.Members = append(out.Members, ref{Value: id, Display: m.Name, Ref: Prefix + "/Users/" + id})
	}
	return out
}

func stamp(unix int64) string {
	if unix == 0 {
		return ""
	}
	return time.Unix(unix, 0).UTC().Format(time.RFC3339)
}

// --- plumbing ---

type scimError struct {
	status   int
	scimType string
	detail   string
}

func (e *scimError) Error() string { return e.detail }

func invalid(scimType, detail string) error {
	return &scimError{status: http.StatusBadRequest, scimType: scimType, detail: detail}
}

func write(w http.ResponseWriter, status int, v any) {
	b, _ := json.Marshal(v)
	w.Header().Set("Content-Type", "application/scim+json")
	w.WriteHeader(status)
	_, _ = w.Write(b)
}

// fail writes a SCIM error body with the status core's error maps to.
func fail(w http.ResponseWriter, r *http.Request, err error) {
	var se *scimError
	if errors.As(err, &se) {
		write(w, se.status, map[string]any{"schemas": []string{errorSchema}, "status": strconv.Itoa(se.status), "scimType": se.scimType, "detail": se.detail})
		return
	}
	status := httpx.Status(err)
	if status >= 500 {
		httpx.Logger(r.Context()).Error("scim", "err", err.Error())
	}
	body := map[string]any{"schemas": []string{errorSchema}, "status": strconv.Itoa(status), "detail": model.ErrorMessageOf(err)}
	switch status {
	case http.StatusConflict:
		body["scimType"] = "uniqueness"
	case http.StatusUnprocessableEntity:
		status = http.StatusBadRequest
		body["status"] = "400"
		body["scimType"] = "invalidValue"
		if f := model.FieldsOf(err); len(f) > 0 {
			var parts []string
			for k, v := range f {
				parts = append(parts, k+": "+v)
			}
			body["detail"] = strings.Join(parts, " ")
		}
	}
	write(w, status, body)
}

// actor requires an administrator's API token (or session).
func actor(w http.ResponseWriter, r *http.Request) (model.Actor, bool) {
	a := httpx.ActorFrom(r.Context())
	if a.Anonymous() {
		w.Header().Set("WWW-Authenticate", `Bearer realm="scim"`)
		write(w, http.StatusUnauthorized, map[string]any{"schemas": []string{errorSchema}, "status": "401", "detail": "Send an administrator's API token as a Bearer token."})
		return a, false
	}
	return a, true
}

// maxBody bounds a SCIM request body.
const maxBody = 1 << 20

func decode(w http.ResponseWriter, r *http.Request, v any) error {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBody))
	if _, big := httpx.TooLarge(err); big {
		return &scimError{status: http.StatusRequestEntityTooLarge, detail: "The body is larger than 1 MiB."}
	}
	if err != nil {
		return invalid("invalidSyntax", "The body is unreadable.")
	}
	if err := json.Unmarshal(body, v); err != nil {
		return invalid("invalidSyntax", "The body is not valid JSON: "+err.Error())
	}
	return nil
}

func pathID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, model.NotFound("resource")
	}
	return id, nil
}

// filterEq parses the filters identity providers send: `attr eq "value"`.
func filterEq(f string) (attr, value string, err error) {
	f = strings.TrimSpace(f)
	if f == "" {
		return "", "", nil
	}
	parts := strings.SplitN(f, " ", 3)
	if len(parts) != 3 || !strings.EqualFold(parts[1], "eq") {
		return "", "", invalid("invalidFilter", fmt.Sprintf("Only filters of the form attribute eq \"value\" are supported, not %q.", model.Clip(f, 80)))
	}
	v, err := strconv.Unquote(parts[2])
	if err != nil {
		v = strings.Trim(parts[2], `"`)
	}
	return strings.ToLower(parts[0]), v, nil
}

func paging(r *http.Request) (int, int) {
	start, _ := strconv.Atoi(r.URL.Query().Get("startIndex"))
	count, err := strconv.Atoi(r.URL.Query().Get("count"))
	if start < 1 {
		start = 1
	}
	if err != nil || count < 0 {
		count = 100
	}
	return start, min(count, model.MaxLimit)
}
