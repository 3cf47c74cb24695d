package server

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"throughline/internal/dbtest"
	"throughline/internal/model"
	"throughline/internal/store"
)

// TestSCIMProvisioning plays the request sequences identity providers send: Okta
// (filter, create, patch without a path, group push) and Entra ID (patch with paths,
// "False" as a string, remove members[value eq …]).
func TestSCIMProvisioning(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		call := func(actor, method, path, body string) (int, map[string]any) {
			t.Helper()
			var rd *strings.Reader
			if body != "" {
				rd = strings.NewReader(body)
			} else {
				rd = strings.NewReader("")
			}
			w := f.do(t, actor, method, "/scim/v2"+path, rd, http.Header{"Content-Type": {"application/scim+json"}})
			var out map[string]any
			_ = json.Unmarshal(w.Body.Bytes(), &out)
			return w.Code, out
		}
		// Only an administrator's token may provision.
		if code, _ := call("", "GET", "/Users", ""); code != 401 {
			t.Errorf("no token: %d, want 401", code)
		}
		if code, _ := call("token:hr", "GET", "/Users", ""); code != 403 {
			t.Errorf("hr token: %d, want 403", code)
		}
		admin := "token:admin"
		if code, body := call(admin, "GET", "/ServiceProviderConfig", ""); code != 200 || body["patch"] == nil {
			t.Errorf("service provider config: %d %v", code, body)
		}

		// Okta: is the user there? No. Create them.
		code, body := call(admin, "GET", `/Users?filter=userName%20eq%20%22kim%40example.org%22`, "")
		if code != 200 || body["totalResults"].(float64) != 0 {
			t.Fatalf("filter before create: %d %v", code, body)
		}
		code, body = call(admin, "POST", "/Users", `{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"kim@example.org",
			"name":{"givenName":"Kim","familyName":"Wexler"},"emails":[{"primary":true,"value":"kim@example.org","type":"work"}],
			"active":true,"externalId":"00u1kim","title":"Analyst",
			"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"employeeNumber":"E50","department":"Sales","manager":{"value":"`+itoa(f.ids["E2"])+`"}}}`)
		if code != 201 {
			t.Fatalf("create: %d %v", code, body)
		}
		id := body["id"].(string)
		kim := dbtest.MustPerson(t, f.c, "E50")
		if kim.Name != "Kim Wexler" || kim.DepartmentName != "Sales" || kim.ManagerName != "Bo Diddley" || !kim.Active {
			t.Errorf("created person %+v", kim)
		}
		if code, body = call(admin, "GET", `/Users?filter=externalId%20eq%20%2200u1kim%22`, ""); code != 200 || body["totalResults"].(float64) != 1 {
			t.Errorf("filter by externalId: %d %v", code, body)
		}
		if code, _ = call(admin, "POST", "/Users", `{"userName":"KIM@example.org"}`); code != 409 {
			t.Errorf("duplicate create: %d, want 409", code)
		}

		// Okta deactivates with a patch without a path.
		code, body = call(admin, "PATCH", "/Users/"+id, `{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","value":{"active":false}}]}`)
		if code != 200 || body["active"] != false {
			t.Fatalf("Okta deactivate: %d %v", code, body)
		}
		// Entra ID reactivates with a path and a string, and renames.
		code, body = call(admin, "PATCH", "/Users/"+id, `{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[
			{"op":"Replace","path":"active","value":"True"},{"op":"Replace","path":"name.familyName","value":"Wexler-Goodman"},
			{"op":"Add","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department","value":"People"}]}`)
		if code != 200 || body["active"] != true {
			t.Fatalf("Entra patch: %d %v", code, body)
		}
		kim = dbtest.MustPerson(t, f.c, "E50")
		if kim.Name != "Kim Wexler-Goodman" || kim.DepartmentName != "People" || !kim.Active {
			t.Errorf("after the patch: %+v", kim)
		}
		if code, _ = call(admin, "PATCH", "/Users/"+id, `{"Operations":[{"op":"replace","path":"shoeSize","value":"44"}]}`); code != 400 {
			t.Errorf("unknown attribute: %d, want 400", code)
		}

		// Groups are departments: push a group with a member, then change membership.
		code, body = call(admin, "POST", "/Groups", `{"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"Platform","members":[{"value":"`+id+`"}]}`)
		if code != 201 {
			t.Fatalf("create group: %d %v", code, body)
		}
		gid := body["id"].(string)
		if got := dbtest.MustPerson(t, f.c, "E50").DepartmentName; got != "Platform" {
			t.Errorf("department after the group push: %q", got)
		}
		code, _ = call(admin, "PATCH", "/Groups/"+gid, `{"Operations":[{"op":"add","path":"members","value":[{"value":"`+itoa(f.ids["E9"])+`"}]}]}`)
		if code != 200 || dbtest.MustPerson(t, f.c, "E9").DepartmentName != "Platform" {
			t.Errorf("add member: %d", code)
		}
		code, _ = call(admin, "PATCH", "/Groups/"+gid, `{"Operations":[{"op":"remove","path":"members[value eq \"`+id+`\"]"}]}`)
		if code != 200 || dbtest.MustPerson(t, f.c, "E50").DepartmentName != "" {
			t.Errorf("remove member: %d, department %q", code, dbtest.MustPerson(t, f.c, "E50").DepartmentName)
		}
		code, body = call(admin, "GET", `/Groups?filter=displayName%20eq%20%22Platform%22`, "")
		if code != 200 || body["totalResults"].(float64) != 1 {
			t.Errorf("filter groups: %d %v", code, body)
		}
		code, _ = call(admin, "PATCH", "/Groups/"+gid, `{"Operations":[{"op":"replace","path":"displayName","value":"Platform Engineering"}]}`)
		if code != 200 {
			t.Errorf("rename group: %d", code)
		}

		// Deleting a user deactivates them; their record stays.
		if code, _ = call(admin, "DELETE", "/Users/"+id, ""); code != 204 {
			t.Errorf("delete: %d", code)
		}
		if p := dbtest.MustPerson(t, f.c, "E50"); p.Active {
			t.Error("a deleted user is still active")
		}
		if code, _ = call(admin, "GET", "/Users/999999", ""); code != 404 {
			t.Errorf("missing user: %d", code)
		}
		// Every change is in the audit log.
		l, _ := f.c.AuditLog(context.Background(), dbtest.MustActor(t, f.c, "admin@example.org"), model.Page{Limit: 200})
		n := 0
		for _, e := range l.Items {
			if e.Action == "user_provisioned" || e.Action == "group_provisioned" {
				n++
			}
		}
		if n < 5 {
			t.Errorf("%d provisioning entries in the audit log", n)
		}
	})
}
