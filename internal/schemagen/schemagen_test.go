package schemagen_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/noderun/noderun/internal/nodetest"
	"github.com/noderun/noderun/internal/schemagen"
	"github.com/noderun/noderun/nodes/bundled"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

// schemasDir is the checked-in schemas folder.
const schemasDir = "../../schemas"

func generate(t *testing.T) map[string][]byte {
	t.Helper()
	reg, err := bundled.Registry()
	if err != nil {
		t.Fatal(err)
	}
	files, err := schemagen.Generate(reg)
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// TestSchemasInSync fails when `noderun schema -o schemas/` would change
// the checked-in schemas.
func TestSchemasInSync(t *testing.T) {
	t.Parallel()
	files := generate(t)
	var onDisk []string
	err := filepath.WalkDir(schemasDir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".schema.json") {
			return err
		}
		rel, _ := filepath.Rel(schemasDir, path)
		onDisk = append(onDisk, filepath.ToSlash(rel))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var generated []string
	for name := range files {
		generated = append(generated, name)
	}
	sort.Strings(generated)
	sort.Strings(onDisk)
	if diff := cmp.Diff(generated, onDisk); diff != "" {
		t.Fatalf("schema files differ (-generated +checked in); run: go run ./cmd/noderun schema -o schemas/\n%s", diff)
	}
	for _, name := range generated {
		got, err := os.ReadFile(filepath.Join(schemasDir, filepath.FromSlash(name)))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, files[name]) {
			t.Errorf("schemas/%s is stale; run: go run ./cmd/noderun schema -o schemas/", name)
		}
	}
}

// TestSchemasAreSmall keeps the checked-in schemas a reasonable size.
func TestSchemasAreSmall(t *testing.T) {
	t.Parallel()
	total := 0
	for name, b := range generate(t) {
		total += len(b)
		if len(b) > 512<<10 {
			t.Errorf("%s is %d KB, want at most 512 KB", name, len(b)>>10)
		}
	}
	if total > 2<<20 {
		t.Errorf("schemas total %d KB, want at most 2 MB", total>>10)
	}
}

// compile loads the generated schemas from memory (the same bytes the
// sync test compares with the files) and compiles the workflow schema;
// compiling also checks them against the draft 2020-12 meta-schema.
func compile(t *testing.T) *jsonschema.Schema {
	t.Helper()
	const base = "https://schemas.noderun.test/"
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	for name, b := range generate(t) {
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if err := c.AddResource(base+name, doc); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	s, err := c.Compile(base + schemagen.WorkflowFile)
	if err != nil {
		t.Fatalf("compile: %v", err)
	}
	return s
}

// TestExampleWorkflowsMatchSchema validates every example and conformance
// workflow against the workflow schema.
func TestExampleWorkflowsMatchSchema(t *testing.T) {
	t.Parallel()
	s := compile(t)
	for _, file := range nodetest.ExampleWorkflows(t) {
		t.Run(file, func(t *testing.T) {
			t.Parallel()
			b, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
			if err != nil {
				t.Fatal(err)
			}
			if err := s.Validate(doc); err != nil {
				t.Errorf("%v", err)
			}
		})
	}
}

// TestSchemaRejectsMistakes checks that the schema catches what it claims
// to: option values per resource and operation, required fields, node
// fields, connections.
func TestSchemaRejectsMistakes(t *testing.T) {
	t.Parallel()
	s := compile(t)
	dns := func(params string) string {
		return `{"nodes":[{"name":"D","type":"n8n-nodes-noderun.dnsFilter","typeVersion":1,"parameters":` + params + `}],"connections":{}}`
	}
	tests := []struct {
		name    string
		doc     string
		wantErr string // a substring of the validation error, "" for valid
	}{
		{"seed operation", dns(`{"resource":"Distributors","operation":"Users Reset Password Url","id":"1"}`), ""},
		{"expression id", dns(`{"resource":"Distributors","operation":"Users Reset Password Url","id":"={{ $json.id }}"}`), ""},
		{"expression operation", dns(`{"resource":"Distributors","operation":"={{ 'x' }}"}`), ""},
		{"unknown parameter allowed", dns(`{"resource":"Distributors","operation":"Users Reset Password Url","id":"1","extra":true}`), ""},
		{"missing required id", dns(`{"resource":"Distributors","operation":"Users Reset Password Url"}`), "missing property 'id'"},
		{"empty required id", dns(`{"resource":"Distributors","operation":"Users Reset Password Url","id":""}`), "/parameters/id"},
		{"unknown resource", dns(`{"resource":"Nope"}`), "/parameters/resource"},
		{"operation of another resource", dns(`{"resource":"Distributors","operation":"Create"}`), "/parameters/operation"},
		{"unknown type is not checked", `{"nodes":[{"name":"X","type":"acme.thing","parameters":{"anything":1}}],"connections":{}}`, ""},
		{"bad onError", `{"nodes":[{"name":"X","type":"n8n-nodes-base.noOp","onError":"explode","parameters":{}}]}`, "/onError"},
		{"bad typeVersion", `{"nodes":[{"name":"X","type":"n8n-nodes-base.noOp","typeVersion":9,"parameters":{}}]}`, "/typeVersion"},
		{"negative input index", `{"nodes":[],"connections":{"A":{"main":[[{"node":"B","type":"main","index":-1}]]}}}`, "/index"},
		{"no nodes", `{"name":"x"}`, "missing property 'nodes'"},
		{"http method", `{"nodes":[{"name":"H","type":"n8n-nodes-base.httpRequest","typeVersion":4.2,"parameters":{"method":"FETCH","url":"https://x"}}]}`, "/parameters/method"},
		{"export array", `[{"nodes":[]},{"nodes":[{"name":"X","type":"n8n-nodes-base.noOp","typeVersion":1}]}]`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var doc any
			if err := json.Unmarshal([]byte(tt.doc), &doc); err != nil {
				t.Fatal(err)
			}
			err := s.Validate(doc)
			switch {
			case tt.wantErr == "" && err != nil:
				t.Errorf("want valid, got %v", err)
			case tt.wantErr != "" && err == nil:
				t.Errorf("want an error mentioning %q, got none", tt.wantErr)
			case tt.wantErr != "" && !strings.Contains(err.Error(), tt.wantErr):
				t.Errorf("want an error mentioning %q, got %v", tt.wantErr, err)
			}
		})
	}
}

// TestFileName checks the file names of node schemas.
func TestFileName(t *testing.T) {
	t.Parallel()
	tests := map[string]string{
		"n8n-nodes-base.set":                       "n8n-nodes-base.set.schema.json",
		"@devlikeapro/n8n-nodes-chatwoot.chatWoot": "devlikeapro-n8n-nodes-chatwoot.chatWoot.schema.json",
	}
	for in, want := range tests {
		if got := schemagen.FileName(in); got != want {
			t.Errorf("FileName(%q) = %q, want %q", in, got, want)
		}
	}
}
