// Package servers tests Throughline as servers, without a browser: under load, killed
// in the middle of writes, and two servers sharing one PostgreSQL database. It is apart
// from the browser tests (package e2e) so that each suite has its own time limit.
package servers

import (
	"testing"

	"throughline/e2e/app"
	"throughline/internal/dbtest"
)

// App is a running Throughline.
type App = app.App

func startApp(t *testing.T, engine string) *App {
	t.Helper()
	return app.Start(t, engine)
}

func engines() []string { return dbtest.EngineNames() }
