package scim

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"

	"throughline/internal/model"
)

func (h *Handler) serviceProviderConfig(w http.ResponseWriter, r *http.Request) {
	write(w, http.StatusOK, map[string]any{
		"schemas":          []string{"urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"},
		"documentationUri": "/help/scim",
		"patch":            map[string]bool{"supported": true},
		"bulk":             map[string]any{"supported": false, "maxOperations": 0, "maxPayloadSize": 0},
		"filter":           map[string]any{"supported": true, "maxResults": model.MaxLimit},
		"changePassword":   map[string]bool{"supported": false},
		"sort":             map[string]bool{"supported": false},
		"etag":             map[string]bool{"supported": false},
		"authenticationSchemes": []map[string]any{{"type": "oauthbearertoken", "name": "API token",
			"description": "An administrator's Throughline API token, sent as Authorization: Bearer tl_…", "primary": true}},
	})
}

func (h *Handler) resourceTypes(w http.ResponseWriter, r *http.Request) {
	write(w, http.StatusOK, list[map[string]any]{Schemas: []string{listSchema}, TotalResults: 2, StartIndex: 1, ItemsPerPage: 2, Resources: []map[string]any{
		{"schemas": []string{"urn:ietf:params:scim:schemas:core:2.0:ResourceType"}, "id": "User", "name": "User", "endpoint": "/Users", "schema": userSchema,
			"schemaExtensions": []map[string]any{{"schema": enterpriseSchema, "required": false}}},
		{"schemas": []string{"urn:ietf:params:scim:schemas:core:2.0:ResourceType"}, "id": "Group", "name": "Group", "endpoint": "/Groups", "schema": groupSchema},
	}})
}

func (h *Handler) listUsers(w http.ResponseWriter, r *http.Request) {
	a, ok := actor(w, r)
	if !ok {
		return
	}
	attr, value, err := filterEq(r.URL.Query().Get("filter"))
	if err != nil {
		fail(w, r, err)
		return
	}
	var byEmail, byExternal string
	switch attr {
	case "":
	case "username", "emails.value", `emails[type eq "work"].value`:
		byEmail = value
	case "externalid":
		byExternal = value
	default:
		fail(w, r, invalid("invalidFilter", "Users can be filtered by userName or externalId."))
		return
	}
	start, count := paging(r)
	users, total, err := h.core.ProvisionedUsers(r.Context(), a, byEmail, byExternal, start, count)
	if err != nil {
		fail(w, r, err)
		return
	}
	out := list[user]{Schemas: []string{listSchema}, TotalResults: total, StartIndex: start, ItemsPerPage: len(users), Resources: []user{}}
	for _, u := range users {
		out.Resources = append(out.Resources, toUser(u))
	}
	write(w, http.StatusOK, out)
}

func (h *Handler) getUser(w http.ResponseWriter, r *http.Request) {
	a, ok := actor(w, r)
	if !ok {
		return
	}
	id, err := pathID(r)
	var u model.ProvisionedUser
	if err == nil {
		u, err = h.core.ProvisionedUser(r.Context(), a, id)
	}
	if err != nil {
		fail(w, r, err)
		return
	}
	write(w, http.StatusOK, toUser(u))
}

func (h *Handler) createUser(w http.ResponseWriter, r *http.Request) {
	h.saveUser(w, r, 0, http.StatusCreated)
}

func (h *Handler) replaceUser(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		fail(w, r, err)
		return
	}
	h.saveUser(w, r, id, http.StatusOK)
}

func (h *Handler) saveUser(w http.ResponseWriter, r *http.Request, id int64, status int) {
	a, ok := actor(w, r)
	if !ok {
		return
	}
	var in user
	if err := decode(w, r, &in); err != nil {
		fail(w, r, err)
		return
	}
	p, err := in.provisioned()
	if err == nil {
		p, err = h.core.ProvisionUser(r.Context(), a, id, p)
	}
	if err != nil {
		fail(w, r, err)
		return
	}
	if status == http.StatusCreated {
		w.Header().Set("Location", Prefix+"/Users/"+strconv.FormatInt(p.ID, 10))
	}
	write(w, status, toUser(p))
}

type patchOp struct {
	Op    string          `json:"op"`
	Path  string          `json:"path"`
	Value json.RawMessage `json:"value"`
}

type patchBody struct {
	Schemas    []string  `json:"schemas"`
	Operations []patchOp `json:"Operations"`
}

// patchUser applies add, replace and remove operations to the current user, then saves
// the result as a replacement.
func (h *Handler) patchUser(w http.ResponseWriter, r *http.Request) {
	a, ok := actor(w, r)
	if !ok {
		return
	}
	id, err := pathID(r)
	var body patchBody
	if err == nil {
		err = decode(w, r, &body)
	}
	var u model.ProvisionedUser
	if err == nil {
		u, err = h.core.ProvisionedUser(r.Context(), a, id)
	}
	if err == nil {
		for _, op := range body.Operations {
			if err = applyUserOp(&u, op); err != nil {
				break
			}
		}
	}
	if err == nil {
		u, err = h.core.ProvisionUser(r.Context(), a, id, u)
	}
	if err != nil {
		fail(w, r, err)
		return
	}
	write(w, http.StatusOK, toUser(u))
}

func applyUserOp(u *model.ProvisionedUser, op patchOp) error {
	kind := strings.ToLower(op.Op)
	if kind != "add" && kind != "replace" && kind != "remove" {
		return invalid("invalidSyntax", "Operation "+op.Op+" is not add, replace or remove.")
	}
	if op.Path == "" {
		if kind == "remove" {
			return invalid("noTarget", "A remove operation needs a path.")
		}
		var attrs map[string]json.RawMessage
		if err := json.Unmarshal(op.Value, &attrs); err != nil {
			return invalid("invalidValue", "Without a path, the value must be an object of attributes.")
		}
		for k, v := range attrs {
			if err := setUserAttr(u, k, v, false); err != nil {
				return err
			}
		}
		return nil
	}
	return setUserAttr(u, op.Path, op.Value, kind == "remove")
}

// setUserAttr sets (or, with remove, clears) one attribute named by a SCIM path.
func setUserAttr(u *model.ProvisionedUser, path string, raw json.RawMessage, remove bool) error {
	p := strings.ToLower(path)
	p = strings.TrimPrefix(p, strings.ToLower(userSchema)+":")
	if strings.HasPrefix(p, strings.ToLower(enterpriseSchema)) {
		p = "enterprise." + strings.TrimPrefix(strings.TrimPrefix(p, strings.ToLower(enterpriseSchema)), ":")
	}
	str := func() (string, error) {
		if remove {
			return "", nil
		}
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return "", invalid("invalidValue", path+" must be a string.")
		}
		return strings.TrimSpace(s), nil
	}
	var err error
	switch p {
	case "active":
		if remove {
			return invalid("mutability", "active cannot be removed.")
		}
		var b bool
		if e := json.Unmarshal(raw, &b); e != nil {
			var s string
			if json.Unmarshal(raw, &s) != nil {
				return invalid("invalidValue", "active must be true or false.")
			}
			b = strings.EqualFold(s, "true")
		}
		u.Active = b
	case "username", "emails", `emails[type eq "work"].value`, "emails.value":
		if p == "emails" {
			var es []email
			if e := json.Unmarshal(raw, &es); e != nil || len(es) == 0 {
				return invalid("invalidValue", "emails must be a list of email objects.")
			}
			u.Email = es[0].Value
			return nil
		}
		u.Email, err = str()
	case "displayname", "name.formatted":
		u.Name, err = str()
	case "name.givenname":
		u.GivenName, err = str()
		u.Name = strings.TrimSpace(u.GivenName + " " + u.FamilyName)
	case "name.familyname":
		u.FamilyName, err = str()
		u.Name = strings.TrimSpace(u.GivenName + " " + u.FamilyName)
	case "name":
		var n name
		if e := json.Unmarshal(raw, &n); e != nil {
			return invalid("invalidValue", "name must be an object.")
		}
		u.GivenName, u.FamilyName = n.GivenName, n.FamilyName
		u.Name = n.Formatted
		if u.Name == "" {
			u.Name = strings.TrimSpace(n.GivenName + " " + n.FamilyName)
		}
	case "title":
		u.Title, err = str()
	case "externalid":
		u.ExternalID, err = str()
	case "enterprise.department", "department":
		u.Department, err = str()
	case "enterprise.employeenumber":
		u.EmployeeID, err = str()
	case "enterprise.manager", "enterprise.manager.value", "manager":
		if remove {
			u.ManagerID = 0
			return nil
		}
		var m ref
		if e := json.Unmarshal(raw, &m); e != nil {
			var s string
			if json.Unmarshal(raw, &s) != nil {
				return invalid("invalidValue", "manager must be {\"value\": id} or an id.")
			}
			m.Value = s
		}
		if m.Value == "" {
			u.ManagerID = 0
			return nil
		}
		id, e := strconv.ParseInt(m.Value, 10, 64)
		if e != nil {
			return invalid("invalidValue", "manager must be the id of a user.")
		}
		u.ManagerID = id
	case "schemas", "id", "meta", "groups", "phonenumbers", "addresses", "locale", "timezone", "preferredlanguage", "nickname", "usertype":
		// Attributes Throughline does not keep are accepted and ignored, as the RFC allows.
	default:
		return invalid("invalidPath", "Throughline does not know the attribute "+path+".")
	}
	return err
}

func (h *Handler) deleteUser(w http.ResponseWriter, r *http.Request) {
	a, ok := actor(w, r)
	if !ok {
		return
	}
	id, err := pathID(r)
	if err == nil {
		err = h.core.DeprovisionUser(r.Context(), a, id)
	}
	if err != nil {
		fail(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (h *Handler) listGroups(w http.ResponseWriter, r *http.Request) {
	a, ok := actor(w, r)
	if !ok {
		return
	}
	attr, value, err := filterEq(r.URL.Query().Get("filter"))
	if err == nil && attr != "" && attr != "displayname" {
		err = invalid("invalidFilter", "Groups can be filtered by displayName.")
	}
	var gs []model.ProvisionedGroup
	if err == nil {
		gs, err = h.core.ProvisionedGroups(r.Context(), a, value)
	}
	if err != nil {
		fail(w, r, err)
		return
	}
	start, count := paging(r)
	out := list[group]{Schemas: []string{listSchema}, TotalResults: len(gs), StartIndex: start, Resources: []group{}}
	for i, g := range gs {
		if i >= start-1 && len(out.Resources) < count {
			out.Resources = append(out.Resources, toGroup(g))
		}
	}
	out.ItemsPerPage = len(out.Resources)
	write(w, http.StatusOK, out)
}

func (h *Handler) getGroup(w http.ResponseWriter, r *http.Request) {
	a, ok := actor(w, r)
	if !ok {
		return
	}
	id, err := pathID(r)
	var g model.ProvisionedGroup
	if err == nil {
		g, err = h.core.ProvisionedGroup(r.Context(), a, id)
	}
	if err != nil {
		fail(w, r, err)
		return
	}
	write(w, http.StatusOK, toGroup(g))
}

func memberIDs(refs []ref) ([]int64, error) {
	var out []int64
	for _, m := range refs {
		id, err := strconv.ParseInt(m.Value, 10, 64)
		if err != nil {
			return nil, invalid("invalidValue", "A member value must be the id of a user.")
		}
		out = append(out, id)
	}
	return out, nil
}

func (h *Handler) createGroup(w http.ResponseWriter, r *http.Request) {
	a, ok := actor(w, r)
	if !ok {
		return
	}
	var in group
	err := decode(w, r, &in)
	var members []int64
	if err == nil {
		members, err = memberIDs(in.Members)
	}
	var g model.ProvisionedGroup
	if err == nil {
		g, err = h.core.ProvisionGroup(r.Context(), a, 0, replaceMembers(in.DisplayName, members))
	}
	if err != nil {
		fail(w, r, err)
		return
	}
	w.Header().Set("Location", Prefix+"/Groups/"+strconv.FormatInt(g.ID, 10))
	write(w, http.StatusCreated, toGroup(g))
}

func (h *Handler) replaceGroup(w http.ResponseWriter, r *http.Request) {
	a, ok := actor(w, r)
	if !ok {
		return
	}
	id, err := pathID(r)
	var in group
	if err == nil {
		err = decode(w, r, &in)
	}
	var members []int64
	if err == nil {
		members, err = memberIDs(in.Members)
	}
	var g model.ProvisionedGroup
	if err == nil {
		g, err = h.core.ProvisionGroup(r.Context(), a, id, replaceMembers(in.DisplayName, members))
	}
	if err != nil {
		fail(w, r, err)
		return
	}
	write(w, http.StatusOK, toGroup(g))
}

// patchGroup handles membership changes the way identity providers send them: add
// members, remove members[value eq "id"], remove members with a value list, replace
// members, and renames.
func (h *Handler) patchGroup(w http.ResponseWriter, r *http.Request) {
	a, ok := actor(w, r)
	if !ok {
		return
	}
	id, err := pathID(r)
	var body patchBody
	if err == nil {
		err = decode(w, r, &body)
	}
	var ch groupChange
	if err == nil {
		for _, op := range body.Operations {
			if err = ch.apply(op); err != nil {
				break
			}
		}
	}
	var g model.ProvisionedGroup
	if err == nil {
		g, err = h.core.ProvisionGroup(r.Context(), a, id, ch.core())
	}
	if err != nil {
		fail(w, r, err)
		return
	}
	write(w, http.StatusOK, toGroup(g))
}

func (h *Handler) deleteGroup(w http.ResponseWriter, r *http.Request) {
	a, ok := actor(w, r)
	if !ok {
		return
	}
	id, err := pathID(r)
	if err == nil {
		err = h.core.DeprovisionGroup(r.Context(), a, id)
	}
	if err != nil {
		fail(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
