package httpx

import (
	"bytes"
	"errors"
	"net/http/httptest"
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

// FuzzDecodeJSON: any body either decodes or gives an invalid *model.Error with a
// message; nothing panics, and nothing larger than the limit is read.
func FuzzDecodeJSON(f *testing.F) {
	for _, s := range []string{`{"name":"a","count":1}`, `{"nope":1}`, `{"count":"x"}`, `{} {}`, ``, `[`, `{"weights":[1e400]}`, `{"nested":{"a":"b"}}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		r := httptest.NewRequest("POST", "/", bytes.NewReader(data))
		r.Header.Set("Content-Type", "application/json")
		var v fuzzBody
		err := DecodeJSON(httptest.NewRecorder(), r, &v, 4096)
		if err == nil {
			return
		}
		var me *model.Error
		if !errors.As(err, &me) || me.Code != model.CodeInvalid || me.Message == "" {
			t.Fatalf("err = %#v, want an invalid *model.Error with a message", err)
		}
	})
}
