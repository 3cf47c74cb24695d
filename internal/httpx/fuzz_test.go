package httpx

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"throughline/internal/model"
)

type fuzzBody struct {
	Name    string            `json:"name"`
	Count   int               `json:"count"`
	Weights []float64         `json:"weights"`
	Nested  map[string]string `json:"nested"`
	Flag    *bool             `json:"flag"`
}

const fuzzLimit = 4096

// FuzzDecodeJSON: any body either decodes or gives an invalid (or too_large) *model.Error
// with a message, and nothing panics. A body that decodes has no field the type lacks
// (encoding/json matches names case-insensitively, and so does this check) and holds a
// single value; a body over the limit never decodes, and gets 413 when the limit is what
// stopped it. The seeds (here and in testdata/fuzz/FuzzDecodeJSON) run as a unit test.
func FuzzDecodeJSON(f *testing.F) {
	for _, s := range []string{`{"name":"a","count":1}`, `{"nope":1}`, `{"count":"x"}`, `{} {}`, ``, `[`, `{"weights":[1e400]}`,
		`{"nested":{"a":"b"}}`, `{"NAME":"upper case still matches"}`, `{"name":"a","name":"b"}`, `{"flag":null}`, `null`,
		`{"name":"\ud800"}`, `{"count":1.5}`, `{"count":99999999999999999999}`, `  {"name":"x"}  `, `{"name":"x"}garbage`,
		`{"name":"` + strings.Repeat("x", fuzzLimit) + `"}`, `{}` + strings.Repeat(" ", fuzzLimit)} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		r := httptest.NewRequest("POST", "/", bytes.NewReader(data))
		r.Header.Set("Content-Type", "application/json")
		var v fuzzBody
		err := DecodeJSON(httptest.NewRecorder(), r, &v, fuzzLimit)
		if err == nil {
			if len(data) > fuzzLimit {
				t.Fatalf("a body of %d bytes decoded past the %d-byte limit", len(data), fuzzLimit)
			}
			var top map[string]json.RawMessage
			if json.Unmarshal(data, &top) == nil {
				for k := range top {
					switch strings.ToLower(k) {
					case "name", "count", "weights", "nested", "flag":
					default:
						t.Fatalf("the unknown field %q was accepted", k)
					}
				}
			}
			return
		}
		var me *model.Error
		if !errors.As(err, &me) || (me.Code != model.CodeInvalid && me.Code != model.CodeTooLarge) || me.Message == "" {
			t.Fatalf("err = %#v, want an invalid or too_large *model.Error with a message", err)
		}
		if me.Code == model.CodeTooLarge && (len(data) <= fuzzLimit || Status(err) != http.StatusRequestEntityTooLarge) {
			t.Fatalf("too_large for %d bytes (limit %d), status %d", len(data), fuzzLimit, Status(err))
		}
	})
}

// TestDecodeJSONRejects names the rules the fuzz target checks at random.
func TestDecodeJSONRejects(t *testing.T) {
	for body, want := range map[string]string{
		`{"name":"a","extra":1}`:    `Unknown field "extra".`,
		`{"name":"a"} {"name":"b"}`: "The body must hold a single JSON value.",
		`{"count":"x"}`:             `Field "count" must be a int.`,
		``:                          "The body is empty; send a JSON object.",
		`{"name":"` + strings.Repeat("x", fuzzLimit) + `"}`: "The body is larger than 4 KiB.",
	} {
		r := httptest.NewRequest("POST", "/", strings.NewReader(body))
		err := DecodeJSON(httptest.NewRecorder(), r, &fuzzBody{}, fuzzLimit)
		if model.ErrorMessageOf(err) != want {
			t.Errorf("%.40q: %v, want %q", body, err, want)
		}
	}
	r := httptest.NewRequest("POST", "/", strings.NewReader(`{}`))
	r.Header.Set("Content-Type", "text/plain")
	if err := DecodeJSON(httptest.NewRecorder(), r, &fuzzBody{}, 0); model.ErrorCodeOf(err) != model.CodeInvalid {
		t.Errorf("text/plain: %v", err)
	}
}

// TestLimitBodies: a declared length over the limit is refused before the handler runs;
// an undeclared one fails when read.
func TestLimitBodies(t *testing.T) {
	reached := false
	h := LimitBodies(10, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		reached = true
		var v fuzzBody
		if err := DecodeJSON(w, r, &v, 100); err != nil {
			w.WriteHeader(Status(err))
		}
	}))
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest("POST", "/", strings.NewReader(`{"name":"much too long"}`)))
	if w.Code != 413 || reached {
		t.Errorf("declared: %d, handler reached %v", w.Code, reached)
	}
	r := httptest.NewRequest("POST", "/", strings.NewReader(`{"name":"much too long"}`))
	r.ContentLength = -1
	w = httptest.NewRecorder()
	h.ServeHTTP(w, r)
	if w.Code != 413 || !reached {
		t.Errorf("undeclared: %d, handler reached %v", w.Code, reached)
	}
}
