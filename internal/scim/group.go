package scim

import (
	"encoding/json"
	"strconv"
	"strings"

	"throughline/internal/core"
)

// groupChange accumulates the operations of one PATCH.
type groupChange struct {
	name    string
	add     []int64
	remove  []int64
	replace bool
	members []int64
}

// replaceMembers is a full replacement of a group (POST, PUT).
func replaceMembers(name string, members []int64) core.GroupChange {
	return core.GroupChange{Name: name, Replace: true, Members: members}
}

func (g groupChange) core() core.GroupChange {
	return core.GroupChange{Name: g.name, Add: g.add, Remove: g.remove, Replace: g.replace, Members: g.members}
}

func (g *groupChange) apply(op patchOp) error {
	kind := strings.ToLower(op.Op)
	path := strings.TrimSpace(op.Path)
	lower := strings.ToLower(path)
	members := func() ([]int64, error) {
		if len(op.Value) == 0 || string(op.Value) == "null" {
			return nil, nil
		}
		var refs []ref
		if err := json.Unmarshal(op.Value, &refs); err != nil {
			var one ref
			if json.Unmarshal(op.Value, &one) != nil {
				return nil, invalid("invalidValue", "members must be a list of {\"value\": id}.")
			}
			refs = []ref{one}
		}
		return memberIDs(refs)
	}
	switch {
	case kind != "add" && kind != "replace" && kind != "remove":
		return invalid("invalidSyntax", "Operation "+op.Op+" is not add, replace or remove.")
	case lower == "displayname":
		var s string
		if err := json.Unmarshal(op.Value, &s); err != nil {
			return invalid("invalidValue", "displayName must be a string.")
		}
		g.name = s
	case path == "" && kind != "remove":
		var attrs map[string]json.RawMessage
		if err := json.Unmarshal(op.Value, &attrs); err != nil {
			return invalid("invalidValue", "Without a path, the value must be an object.")
		}
		for k, v := range attrs {
			switch strings.ToLower(k) {
			case "displayname":
				if err := json.Unmarshal(v, &g.name); err != nil {
					return invalid("invalidValue", "displayName must be a string.")
				}
			case "members":
				var refs []ref
				if err := json.Unmarshal(v, &refs); err != nil {
					return invalid("invalidValue", "members must be a list.")
				}
				ids, err := memberIDs(refs)
				if err != nil {
					return err
				}
				if kind == "replace" {
					g.replace, g.members = true, ids
				} else {
					g.add = append(g.add, ids...)
				}
			}
		}
	case lower == "members" && kind == "add":
		ids, err := members()
		if err != nil {
			return err
		}
		g.add = append(g.add, ids...)
	case lower == "members" && kind == "replace":
		ids, err := members()
		if err != nil {
			return err
		}
		g.replace, g.members = true, ids
	case lower == "members" && kind == "remove":
		ids, err := members()
		if err != nil {
			return err
		}
		if ids == nil {
			g.replace, g.members = true, nil // remove every member
		}
		g.remove = append(g.remove, ids...)
	case strings.HasPrefix(lower, "members[") && kind == "remove":
		// members[value eq "42"]
		inner := strings.TrimSuffix(strings.TrimPrefix(path[len("members["):], ""), "]")
		attr, value, err := filterEq(inner)
		if err != nil || attr != "value" {
			return invalid("invalidFilter", "Use members[value eq \"id\"].")
		}
		id, err := strconv.ParseInt(value, 10, 64)
		if err != nil {
			return invalid("invalidValue", "A member value must be the id of a user.")
		}
		g.remove = append(g.remove, id)
	default:
		return invalid("invalidPath", "Throughline does not know the group attribute "+path+".")
	}
	return nil
}
