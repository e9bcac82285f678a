package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestGenOpenAPI(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	var stdout, stderr bytes.Buffer
	code := run([]string{"gen", "openapi", "--name", "acme", "--display-name", "Acme", "../../internal/openapi/testdata/chatwoot.openapi.json", "-o", dir}, nil, &stdout, &stderr)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	for _, f := range []string{"description.json", "README.md"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Error(err)
		}
	}
	if !strings.Contains(stdout.String(), "29 resources, 115 operations") {
		t.Errorf("stdout %q", stdout.String())
	}
	if code := run([]string{"gen", "openapi"}, nil, &stdout, &stderr); code != 2 {
		t.Errorf("gen openapi without arguments: exit %d, want 2", code)
	}
}
