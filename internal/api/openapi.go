package api

import (
	"encoding/json"
	"net/http"
	"reflect"
	"strings"
	"sync"

	"throughline/internal/httpx"
)

// op describes one operation of the OpenAPI document. It is written by hand, apart from
// the routes, so the test that compares them checks something real; schemas are derived
// from the response types by reflection, so they cannot drift from the JSON we write.
type op struct {
	method, path, summary, tag string
	params                     []param
	body                       any    // a request body type, or nil
	bodyType                   string // media type of the body when not JSON
	resp                       any    // the 200/201 response type
	respType                   string // media type of the response when not JSON
	status                     string
}

type param struct {
	name, in, typ, desc string
}

var (
	pageParams = []param{{"limit", "query", "integer", "Items per page, 1 to 500 (default 50)."}, {"offset", "query", "integer", "Items to skip."}}
	idParamDoc = param{"id", "path", "integer", "The id."}
)

func operations() []op {
	return []op{
		{method: "GET", path: "/openapi.json", summary: "This document.", tag: "meta", resp: map[string]any{}},
		{method: "GET", path: "/me", summary: "The signed-in account and its person.", tag: "people", resp: DataBody[MeBody]{}},
		{method: "GET", path: "/people", summary: "Search the people directory. Private fields appear only for the person's reporting line, hr and admin.", tag: "people",
			params: append([]param{{"q", "query", "string", "Words matched against name, email, title and employee id."},
				{"department_id", "query", "integer", "Only this department."}, {"location_id", "query", "integer", "Only this location."},
				{"manager_id", "query", "integer", "Only direct reports of this person."}, {"include_inactive", "query", "boolean", "Include inactive people (hr and admin)."}}, pageParams...),
			resp: ListBody[PersonBody]{}},
		{method: "GET", path: "/people/{id}", summary: "One person, with their managers and direct reports.", tag: "people", params: []param{idParamDoc}, resp: DataBody[PersonDetailBody]{}},
		{method: "POST", path: "/people/import", summary: "Import a people CSV file (all or nothing; errors name their lines). hr and admin.", tag: "people",
			params: []param{{"dry_run", "query", "boolean", "Report what would change and change nothing."},
				{"deactivate_missing", "query", "boolean", "The file is complete: deactivate people not in it."},
				{"filename", "query", "string", "A name for the import history."}},
			bodyType: "text/csv", resp: DataBody[ImportReportBody]{}, status: "201"},
		{method: "GET", path: "/people/export", summary: "Every person as a people CSV file. hr and admin.", tag: "people", respType: "text/csv"},
		{method: "GET", path: "/departments", summary: "Departments with their headcounts.", tag: "organization", params: pageParams, resp: ListBody[DepartmentBody]{}},
		{method: "GET", path: "/departments/{id}", summary: "One department.", tag: "organization", params: []param{idParamDoc}, resp: DataBody[DepartmentBody]{}},
		{method: "GET", path: "/locations", summary: "Locations with their headcounts.", tag: "organization", params: pageParams, resp: ListBody[LocationBody]{}},
		{method: "GET", path: "/locations/{id}", summary: "One location.", tag: "organization", params: []param{idParamDoc}, resp: DataBody[LocationBody]{}},
		// Engagement (issue 5).
		{method: "GET", path: "/question-bank", summary: "The survey question bank.", tag: "engagement", resp: DataBody[[]QuestionBody]{}},
		{method: "GET", path: "/surveys", summary: "Every survey. hr and admin.", tag: "engagement", resp: DataBody[[]SurveyBody]{}},
		{method: "POST", path: "/surveys", summary: "Create a survey and schedule its first pulse; a pulse whose opening date has come opens at once, freezing its audience and their groups. hr and admin.", tag: "engagement",
			body: SurveyInputBody{}, resp: DataBody[SurveyBody]{}, status: "201"},
		{method: "GET", path: "/surveys/{id}", summary: "A survey with its questions and pulses. hr and admin.", tag: "engagement", params: []param{idParamDoc}, resp: DataBody[SurveyDetailBody]{}},
		{method: "GET", path: "/pulses", summary: "The caller's open pulses, with whether they answered (status=open), or the closed pulses whose results they can read (status=closed).", tag: "engagement",
			params: []param{{"status", "query", "string", "open (the default) or closed."}}, resp: DataBody[[]RoundBody]{}},
		{method: "GET", path: "/pulses/{id}/questions", summary: "The questions of an open pulse the caller was invited to and has not answered.", tag: "engagement", params: []param{idParamDoc}, resp: DataBody[QuestionnaireBody]{}},
		{method: "POST", path: "/pulses/{id}/responses", summary: "Answer an open pulse, once. Answers are stored without the caller's identity and cannot be read back or changed.", tag: "engagement",
			params: []param{idParamDoc}, body: ResponseInputBody{}, resp: DataBody[AcceptedBody]{}, status: "201"},
		{method: "POST", path: "/pulses/{id}/close", summary: "Close an open pulse now. hr and admin.", tag: "engagement", params: []param{idParamDoc}, resp: DataBody[AcceptedBody]{}},
		{method: "GET", path: "/pulses/{id}/results", summary: "Results of a closed pulse through the anonymity engine: a group hidden to protect anonymity has shown=false and no figures, not even its number of respondents.", tag: "engagement",
			params: []param{idParamDoc, {"group_by", "query", "string", "department, location, team, level or tenure."},
				{"department_id", "query", "integer", "Only this department."}, {"location_id", "query", "integer", "Only this location."},
				{"team_id", "query", "integer", "Only the direct reports of this manager."}, {"line_id", "query", "integer", "Only people below this manager."},
				{"level", "query", "integer", "Only this level (1 is the top)."}, {"tenure", "query", "string", "under_1, 1_to_3, 3_to_5, 5_plus or unknown."}},
			resp: DataBody[ResultsBody]{}},
		{method: "GET", path: "/pulses/{id}/results.csv", summary: "The same results as a CSV file, one line per group and measure.", tag: "engagement",
			params: []param{idParamDoc, {"group_by", "query", "string", "As for the results."}}, respType: "text/csv"},
		{method: "GET", path: "/pulses/{id}/team-results", summary: "Each manager's team in a closed pulse: engagement and eNPS where the anonymity engine shows the team, status insufficient otherwise. The feed of scorecard observations. hr, admin and executives.", tag: "engagement",
			params: []param{idParamDoc}, resp: DataBody[[]TeamResultBody]{}},
		{method: "GET", path: "/action-plans", summary: "A team's action plans with the change in their focus areas at the next pulse.", tag: "engagement",
			params: []param{{"team_id", "query", "integer", "The manager whose team's plans to list."}}, resp: DataBody[[]ActionPlanBody]{}},
		{method: "POST", path: "/action-plans", summary: "Start an action plan for a manager's team after a closed pulse.", tag: "engagement", body: ActionPlanInputBody{}, resp: DataBody[ActionPlanBody]{}, status: "201"},
		{method: "POST", path: "/action-plans/{id}/actions", summary: "Add an action with an owner and a due date to a plan.", tag: "engagement",
			params: []param{idParamDoc}, body: ActionItemInputBody{}, resp: DataBody[AcceptedBody]{}, status: "201"},
	}
}

var (
	docOnce sync.Once
	docJSON []byte
)

// Document returns the OpenAPI 3.1 document.
func Document() map[string]any {
	schemas := map[string]any{}
	paths := map[string]any{}
	for _, o := range operations() {
		item, _ := paths[Prefix+o.path].(map[string]any)
		if item == nil {
			item = map[string]any{}
			paths[Prefix+o.path] = item
		}
		var params []any
		for _, p := range o.params {
			params = append(params, map[string]any{"name": p.name, "in": p.in, "required": p.in == "path",
				"description": p.desc, "schema": map[string]any{"type": p.typ}})
		}
		status := o.status
		if status == "" {
			status = "200"
		}
		content := map[string]any{}
		switch {
		case o.respType != "":
			content[o.respType] = map[string]any{"schema": map[string]any{"type": "string"}}
		case o.resp != nil:
			content["application/json"] = map[string]any{"schema": schemaOf(reflect.TypeOf(o.resp), schemas)}
		}
		responses := map[string]any{
			status: map[string]any{"description": "OK", "content": content},
			"401":  map[string]any{"$ref": "#/components/responses/Unauthenticated"},
			"403":  map[string]any{"$ref": "#/components/responses/Forbidden"},
			"422":  map[string]any{"$ref": "#/components/responses/Invalid"},
		}
		if strings.Contains(o.path, "{id}") {
			responses["404"] = map[string]any{"$ref": "#/components/responses/NotFound"}
		}
		operation := map[string]any{"summary": o.summary, "tags": []string{o.tag}, "responses": responses,
			"operationId": strings.ToLower(o.method) + strings.NewReplacer("/", "_", "{", "", "}", "", ".", "_").Replace(o.path)}
		if params != nil {
			operation["parameters"] = params
		}
		if o.bodyType != "" {
			operation["requestBody"] = map[string]any{"required": true, "content": map[string]any{o.bodyType: map[string]any{"schema": map[string]any{"type": "string"}}}}
		} else if o.body != nil {
			operation["requestBody"] = map[string]any{"required": true, "content": map[string]any{"application/json": map[string]any{"schema": schemaOf(reflect.TypeOf(o.body), schemas)}}}
		}
		if o.path == "/openapi.json" {
			operation["security"] = []any{}
		}
		item[strings.ToLower(o.method)] = operation
	}
	errRef := map[string]any{"application/json": map[string]any{"schema": schemaOf(reflect.TypeOf(httpx.ErrorBody{}), schemas)}}
	return map[string]any{
		"openapi": "3.1.0",
		"info": map[string]any{"title": "Throughline API", "version": "1",
			"description": "The JSON API of Throughline. Authenticate with a session cookie or an API token (Authorization: Bearer tl_…). Errors have the shape {\"error\":{\"code\",\"message\",\"fields\"}}."},
		"servers":  []any{map[string]any{"url": Prefix}},
		"security": []any{map[string]any{"bearer": []string{}}, map[string]any{"session": []string{}}},
		"paths":    stripPrefix(paths),
		"components": map[string]any{
			"schemas": schemas,
			"securitySchemes": map[string]any{
				"bearer":  map[string]any{"type": "http", "scheme": "bearer", "description": "An API token created on the account page."},
				"session": map[string]any{"type": "apiKey", "in": "cookie", "name": httpx.SessionCookie},
			},
			"responses": map[string]any{
				"Unauthenticated": map[string]any{"description": "Not signed in, or the token is unknown, expired or revoked.", "content": errRef},
				"Forbidden":       map[string]any{"description": "The actor may not do this.", "content": errRef},
				"Invalid":         map[string]any{"description": "The input is invalid; fields name each problem.", "content": errRef},
				"NotFound":        map[string]any{"description": "No such resource, or one the actor may not know exists.", "content": errRef},
			},
		},
	}
}

// stripPrefix keys paths relative to the server URL.
func stripPrefix(paths map[string]any) map[string]any {
	out := make(map[string]any, len(paths))
	for k, v := range paths {
		out[strings.TrimPrefix(k, Prefix)] = v
	}
	return out
}

// schemaOf derives a JSON Schema from a Go type, registering named structs as components.
func schemaOf(t reflect.Type, defs map[string]any) map[string]any {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.String:
		return map[string]any{"type": "string"}
	case reflect.Bool:
		return map[string]any{"type": "boolean"}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64, reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return map[string]any{"type": "integer"}
	case reflect.Float32, reflect.Float64:
		return map[string]any{"type": "number"}
	case reflect.Slice, reflect.Array:
		return map[string]any{"type": "array", "items": schemaOf(t.Elem(), defs)}
	case reflect.Map:
		return map[string]any{"type": "object", "additionalProperties": schemaOf(t.Elem(), defs)}
	case reflect.Interface:
		return map[string]any{}
	case reflect.Struct:
		name := schemaName(t)
		if _, ok := defs[name]; !ok {
			defs[name] = map[string]any{} // placeholder against recursion
			props := map[string]any{}
			var required []string
			addFields(t, props, &required, defs)
			s := map[string]any{"type": "object", "properties": props}
			if len(required) > 0 {
				s["required"] = required
			}
			defs[name] = s
		}
		return map[string]any{"$ref": "#/components/schemas/" + name}
	}
	return map[string]any{}
}

func addFields(t reflect.Type, props map[string]any, required *[]string, defs map[string]any) {
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		tag := f.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		if f.Anonymous && name == "" {
			addFields(f.Type, props, required, defs)
			continue
		}
		if name == "" {
			name = f.Name
		}
		props[name] = schemaOf(f.Type, defs)
		if !strings.Contains(opts, "omitempty") && f.Type.Kind() != reflect.Pointer {
			*required = append(*required, name)
		}
	}
}

// schemaName turns "DataBody[throughline/internal/api.MeBody]" into "DataBody_MeBody".
func schemaName(t reflect.Type) string {
	n := t.Name()
	if i := strings.IndexByte(n, '['); i >= 0 {
		inner := n[i+1 : len(n)-1]
		if j := strings.LastIndexByte(inner, '.'); j >= 0 {
			inner = inner[j+1:]
		}
		n = n[:i] + "_" + inner
	}
	return n
}

func (h *Handler) openapi(w http.ResponseWriter, r *http.Request) {
	docOnce.Do(func() { docJSON, _ = json.MarshalIndent(Document(), "", "  ") })
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "public, max-age=300")
	_, _ = w.Write(docJSON)
}
