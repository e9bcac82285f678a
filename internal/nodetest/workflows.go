package nodetest

import (
	"path/filepath"
	"testing"
)

// ExampleWorkflows returns the repository's example workflows and the
// shared conformance workflows, for tests of a package two levels below
// the repository root (engine/validate, internal/schemagen ...). It fails
// the test when fewer than five are found.
func ExampleWorkflows(t testing.TB) []string {
	t.Helper()
	var files []string
	for _, pattern := range []string{"../../workflows/*.json", "../../../shared/conformance/*/workflow.json"} {
		m, err := filepath.Glob(pattern)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, m...)
	}
	if len(files) < 5 {
		t.Fatalf("found only %d example workflows", len(files))
	}
	return files
}
