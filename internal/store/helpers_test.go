package store_test

import (
	"strconv"
	"strings"
	"time"
)

type time_ = time.Time

func itoa(n int64) string     { return strconv.FormatInt(n, 10) }
func countSlash(s string) int { return strings.Count(s, "/") }
