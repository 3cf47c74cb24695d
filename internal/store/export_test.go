package store

// RebindForTest exposes the PostgreSQL placeholder rewrite to tests.
func RebindForTest(q string) string { return dialect{name: Postgres}.rebind(q) }
