package openapi_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/noderun/noderun/internal/openapi"
	"github.com/noderun/noderun/nodes"
	"github.com/noderun/noderun/nodes/routing"
)

func TestRunGenWritesLoadableNode(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	var stdout, stderr bytes.Buffer
	code := openapi.RunGen([]string{"openapi", "--name", "acme", "--display-name", "Acme", "testdata/chatwoot.openapi.json",
		"-o", dir, "--base-url", "https://acme.test", "--credential", "acmeApi", "--additional-fields"}, &stdout, &stderr)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	if !strings.Contains(stdout.String(), "acme: 29 resources, 115 operations") {
		t.Errorf("summary: %q", stdout.String())
	}
	data, err := os.ReadFile(filepath.Join(dir, "description.json"))
	if err != nil {
		t.Fatal(err)
	}
	reg := nodes.NewRegistry()
	typ, err := routing.Register(reg, data)
	if err != nil {
		t.Fatal(err)
	}
	d := typ.Description
	if d.Name != "acme" || d.DisplayName != "Acme" || d.RequestDefaults["baseURL"] != "https://acme.test" || d.Credentials[0].Name != "acmeApi" {
		t.Errorf("description header: %s %s %v %v", d.Name, d.DisplayName, d.RequestDefaults, d.Credentials[0])
	}
	readme, err := os.ReadFile(filepath.Join(dir, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(readme), "### Users → Update A User") {
		t.Error("README.md lacks the Users → Update A User section")
	}
}

func TestRunGenErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		args []string
		code int
		msg  string
	}{
		{"no subcommand", nil, 2, "subcommand"},
		{"unknown subcommand", []string{"swagger"}, 2, "unknown subcommand"},
		{"missing name", []string{"openapi", "spec.json", "-o", "x"}, 2, "usage"},
		{"missing spec", []string{"openapi", "--name", "a", "nope.json", "-o", t.TempDir()}, 1, "nope.json"},
		{"bad prefix", []string{"openapi", "--name", "a", "--strip-prefix", "(", "testdata/chatwoot.openapi.json", "-o", t.TempDir()}, 1, "--strip-prefix"},
	}
	for _, tt := range tests {
		var stdout, stderr bytes.Buffer
		if code := openapi.RunGen(tt.args, &stdout, &stderr); code != tt.code || !strings.Contains(stderr.String(), tt.msg) {
			t.Errorf("%s: exit %d, stderr %q; want %d and %q", tt.name, code, stderr.String(), tt.code, tt.msg)
		}
	}
}
