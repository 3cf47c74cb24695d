// Package servers tests Throughline as servers, without a browser: under load, killed
// in the middle of writes, and two servers sharing one PostgreSQL database. It is apart
// from the browser tests (package e2e) so that each suite has its own time limit.
package servers

// The tests use package app (dot-imported) to start the program: Start, Engines.
