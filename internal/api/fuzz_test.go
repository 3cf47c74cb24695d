package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/http/httptest"
	"net/url"
	"reflect"
	"strings"
	"testing"

	"throughline/internal/httpx"
	"throughline/internal/model"
)

// requestTypes are request bodies of the API that the fuzz target decodes with the
// API's strict decoder, with each route's body limit.
var requestTypes = []struct {
	name  string
	new   func() any
	limit int64
}{
	{"webhook", func() any { return &WebhookRequest{} }, httpx.MaxJSONBytes},
	{"pulse response", func() any { return &ResponseInputBody{} }, 64 << 10},
	{"observation batch", func() any { return &ObservationBatchBody{} }, 4 << 20},
	{"goal", func() any { return &GoalRequest{} }, httpx.MaxJSONBytes},
	{"post", func() any { return &PostRequest{} }, httpx.MaxJSONBytes},
	{"progress", func() any { return &ProgressRequest{} }, httpx.MaxJSONBytes},
}

// jsonFields returns the names a struct accepts, lower-cased (encoding/json matches
// them regardless of case).
func jsonFields(t reflect.Type) map[string]bool {
	out := map[string]bool{}
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if f.Anonymous && name == "" {
			for k := range jsonFields(f.Type) {
				out[k] = true
			}
			continue
		}
		if name == "" {
			name = f.Name
		}
		out[strings.ToLower(name)] = true
	}
	return out
}

// FuzzRequestBodies decodes any bytes as each API request type, as the handlers do:
// the result is a value or an invalid (or too_large) *model.Error with a message, and
// never a panic; a decoded body has no unknown top-level field; a webhook request that
// validates has an http(s) URL with a host and known events. The seeds run as a unit
// test; .ci/fuzz runs the target for a few seconds.
func FuzzRequestBodies(f *testing.F) {
	seeds := []string{
		`{"name":"Slack","url":"https://hooks.slack.com/services/T/B/X","format":"slack","events":["idea.adopted"],"active":true}`,
		`{"name":"x","url":"javascript:alert(1)","format":"json","events":["review.due","review.due"]}`,
		`{"name":"x","url":"http://user:pw@example.com/","format":"json","events":["webhook.test"]}`,
		`{"answers":{"12":4,"13":5},"comments":{"14":"fine"}}`,
		`{"answers":{"x":4}}`,
		`{"observations":[{"metric_key":"nps","subject_type":"team","subject":"E2","period":"2026-Q1","value":7.5}],"dry_run":true}`,
		`{"observations":[{"value":1e309}]}`,
		`{"level":"team","title":"Goal","owner_id":1,"period":"2026-Q1","parents":[{"goal_id":1,"weight":2}]}`,
		`{"kind":"idea","title":"t","body":"b","tags":["a","b"],"coauthor_ids":[1,2]}`,
		`{"current":42}`, `{"done":true,"current":null}`,
		`{"secret":"mine"}`, `{"Name":"case","URL":"https://example.com","FORMAT":"json"}`, `[]`, `"text"`, `{`, ``,
	}
	for i, s := range seeds {
		for k := range requestTypes {
			f.Add([]byte(s), uint8(i+k))
		}
	}
	f.Fuzz(func(t *testing.T, data []byte, which uint8) {
		rt := requestTypes[int(which)%len(requestTypes)]
		dst := rt.new()
		r := httptest.NewRequest("POST", "/", bytes.NewReader(data))
		r.Header.Set("Content-Type", "application/json")
		err := httpx.DecodeJSON(httptest.NewRecorder(), r, dst, rt.limit)
		if err != nil {
			var me *model.Error
			if !errors.As(err, &me) || (me.Code != model.CodeInvalid && me.Code != model.CodeTooLarge) || me.Message == "" {
				t.Fatalf("%s: err = %#v, want an invalid or too_large *model.Error with a message", rt.name, err)
			}
			return
		}
		if int64(len(data)) > rt.limit {
			t.Fatalf("%s: %d bytes decoded past the limit of %d", rt.name, len(data), rt.limit)
		}
		var top map[string]json.RawMessage
		if json.Unmarshal(data, &top) == nil {
			known := jsonFields(reflect.TypeOf(dst).Elem())
			for k := range top {
				if !known[strings.ToLower(k)] {
					t.Fatalf("%s: the unknown field %q was accepted", rt.name, k)
				}
			}
		}
		if w, ok := dst.(*WebhookRequest); ok {
			in := w.input()
			if in.Validate() == nil {
				u, err := url.Parse(in.URL)
				if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil || len(in.Events) == 0 {
					t.Fatalf("an invalid webhook passed validation: %+v", in)
				}
				for _, e := range in.Events {
					if !model.KnownWebhookEvent(e) {
						t.Fatalf("the event %q passed validation", e)
					}
				}
			}
		}
	})
}
