package schemagen_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"strings"
	"testing"

	"github.com/noderun/noderun/internal/schemagen"
	"github.com/noderun/noderun/nodes"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

var update = flag.Bool("update", false, "rewrite testdata/acme.schema.json")

// acmeSchemas generates the schemas of a registry holding only the
// synthetic Acme node.
func acmeSchemas(t *testing.T) map[string][]byte {
	t.Helper()
	raw, err := os.ReadFile("testdata/acme.description.json")
	if err != nil {
		t.Fatal(err)
	}
	var d nodes.Description
	if err := json.Unmarshal(raw, &d); err != nil {
		t.Fatal(err)
	}
	reg := nodes.NewRegistry()
	if err := reg.Register(&nodes.Type{Description: &d, Aliases: []string{"acme"}}); err != nil {
		t.Fatal(err)
	}
	files, err := schemagen.Generate(reg)
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// TestAcmeGolden pins the generated schema of a small description.
func TestAcmeGolden(t *testing.T) {
	t.Parallel()
	got := acmeSchemas(t)["nodes/acme.thing.schema.json"]
	if *update {
		if err := os.WriteFile("testdata/acme.schema.json", got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile("testdata/acme.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(want, got) {
		t.Errorf("schema changed; review with go test -update and git diff:\n%s", got)
	}
}

// TestAcmeParameters validates parameters against the synthetic node's
// schema: defaults of absent controlling values, per-resource operation
// enums, required fields, @version and expressions.
func TestAcmeParameters(t *testing.T) {
	t.Parallel()
	const base = "https://schemas.noderun.test/"
	c := jsonschema.NewCompiler()
	for name, b := range acmeSchemas(t) {
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		if err := c.AddResource(base+name, doc); err != nil {
			t.Fatal(err)
		}
	}
	s, err := c.Compile(base + schemagen.WorkflowFile)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		version float64
		params  string
		wantErr string // substring; "" for valid
	}{
		{"defaults need the user id", 1, `{}`, "missing property 'id'"},
		{"default operation of user", 1, `{"resource":"user"}`, "missing property 'id'"},
		{"user get", 1, `{"id":"7"}`, ""},
		{"user id empty", 1, `{"id":""}`, "/parameters/id"},
		{"user id expression", 1, `{"id":"={{ $json.id }}"}`, ""},
		{"post default operation needs nothing", 1, `{"resource":"post"}`, ""},
		{"post create needs a title", 1, `{"resource":"post","operation":"create"}`, "missing property 'title'"},
		{"post create", 1, `{"resource":"post","operation":"create","title":"t","tags":["news"]}`, ""},
		{"bad tag", 1, `{"resource":"post","operation":"create","title":"t","tags":["gossip"]}`, "/parameters/tags"},
		{"operation of the other resource", 1, `{"resource":"post","operation":"delete"}`, "/parameters/operation"},
		{"unknown resource", 1, `{"resource":"comment"}`, "/parameters/resource"},
		{"expression resource", 1, `{"resource":"={{ 'post' }}","operation":"delete"}`, ""},
		{"number as expression", 1, `{"resource":"post","limit":"={{ 5 }}"}`, ""},
		{"number as object", 1, `{"resource":"post","limit":{}}`, "/parameters/limit"},
		{"boolean", 1, `{"id":"1","simplify":"yes"}`, "/parameters/simplify"},
		{"format hidden in v1, so not checked", 1, `{"id":"1","format":"csv"}`, ""},
		{"v2 csv needs a separator", 2, `{"id":"1","format":"csv"}`, "missing property 'separator'"},
		{"v2 bad format", 2, `{"id":"1","format":"xml"}`, "/parameters/format"},
		{"v2 csv", 2, `{"id":"1","format":"csv","separator":";"}`, ""},
		{"collection", 1, `{"id":"1","options":{"timeout":5,"unknown":1}}`, ""},
		{"collection bad type", 1, `{"id":"1","options":{"timeout":{}}}`, "/parameters/options"},
		{"fixed collection", 1, `{"id":"1","filters":{"filter":[{"field":"a","op":"ne"}]}}`, ""},
		{"fixed collection bad op", 1, `{"id":"1","filters":{"filter":[{"field":"a","op":"gt"}]}}`, "/parameters/filters"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			doc := `{"nodes":[{"name":"A","type":"acme","typeVersion":` + jsonNumber(tt.version) + `,"parameters":` + tt.params + `}]}`
			var v any
			if err := json.Unmarshal([]byte(doc), &v); err != nil {
				t.Fatal(err)
			}
			err := s.Validate(v)
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

func jsonNumber(f float64) string {
	b, _ := json.Marshal(f)
	return string(b)
}
