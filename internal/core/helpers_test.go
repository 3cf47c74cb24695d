package core_test

import (
	"errors"

	"throughline/internal/model"
)

func asImportError(err error, target **model.ImportError) bool { return errors.As(err, target) }
