package server

import (
	"net/http"
	"strconv"

	"throughline/internal/httpx"
)

func strconvFormat(n int64) string { return strconv.FormatInt(n, 10) }

func httpxPatterns(mux *http.ServeMux) []string { return httpx.Patterns(mux) }
