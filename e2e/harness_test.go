// Package e2e drives the real program in headless Chromium. The tests start
// `throughline serve --demo` in-process on 127.0.0.1:0, with a fresh database, and use
// Debian's Chromium through chromedp. They skip when no Chromium is installed, and fail
// instead when THROUGHLINE_E2E=1 (CI sets it). Set THROUGHLINE_SCREENSHOTS to a
// directory to keep a PNG of every page a test looks at.
package e2e

// The tests use package app (dot-imported): app.Start runs the program, app.Browser
// opens Chromium, and the steps (Do, Click, Text, Shot...) drive it.
