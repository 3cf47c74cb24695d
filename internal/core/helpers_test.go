package core_test

import (
	"errors"
	"strconv"

	"throughline/internal/model"
)

func asImportError(err error, target **model.ImportError) bool { return errors.As(err, target) }

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
