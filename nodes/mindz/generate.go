package mindz

// Regenerate description.json and doc-notes.json from the hand-written
// catalogue, then README.md from them, credentials.json and doc-intro.md.
//go:generate go run ./internal/cmd/mindzgen .
//go:generate go run ../../internal/openapi/cmd/openapigen docs .
