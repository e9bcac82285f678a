package openapi_test

import (
	"regexp"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/noderun/noderun/internal/openapi"
	"github.com/noderun/noderun/nodes"
)

const smallSpec = `{
  "openapi": "3.0.0",
  "tags": [{"name": "zeta", "description": "Zeta things"}, {"name": "alpha"}, {"name": "unused"}],
  "paths": {
    "/items/{resource}": {
      "get": {
        "tags": ["alpha"], "operationId": "V1_Items-list_all", "summary": "List (all) items",
        "parameters": [
          {"name": "resource", "in": "path", "required": true, "schema": {"type": "string"}},
          {"name": "page", "in": "query", "schema": {"type": "integer", "example": 2}},
          {"name": "kind", "in": "query", "required": true, "schema": {"type": "string", "enum": ["small", "big"]}}
        ]
      },
      "post": {
        "tags": ["zeta"], "operationId": "V1_Items-create",
        "parameters": [{"name": "resource", "in": "path", "required": true, "schema": {"type": "string"}}],
        "requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Item"}}}}
      }
    },
    "/old": {"get": {"tags": ["alpha"], "operationId": "old", "deprecated": true}},
    "/plain": {"delete": {}}
  },
  "components": {"schemas": {"Item": {
    "required": ["name"],
    "properties": {
      "name": {"type": "string"},
      "meta": {"type": "object", "properties": {"a": {"type": "integer", "example": 1}}},
      "flag": {"type": "boolean"}
    }
  }}}
}`

func build(t *testing.T, opts openapi.Options) *openapi.Result {
	t.Helper()
	doc, err := openapi.Load([]byte(smallSpec))
	if err != nil {
		t.Fatal(err)
	}
	res, err := openapi.BuildProperties(doc, opts)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func options(p *nodes.Property) []string {
	var out []string
	for _, o := range p.Options {
		out = append(out, o.Name+"="+o.Value.(string))
	}
	return out
}

func TestDefaultMappingOrderAndNames(t *testing.T) {
	t.Parallel()
	res := build(t, openapi.Options{})
	// Declared tags in declaration order (unused ones too), "default" last.
	if diff := cmp.Diff([]string{"Zeta=Zeta", "Alpha=Alpha", "Unused=Unused", "Default=Default"}, options(res.Properties[0])); diff != "" {
		t.Errorf("resources (-want +got):\n%s", diff)
	}
	// Operation selectors come in the order resources were first used.
	var ops [][]string
	for _, p := range res.Properties[1:4] {
		ops = append(ops, options(p))
	}
	want := [][]string{{"V 1 Items List All=V 1 Items List All"}, {"V 1 Items Create=V 1 Items Create"}, {"DELETE /plain=DELETE -plain"}}
	if diff := cmp.Diff(want, ops); diff != "" {
		t.Errorf("operations (-want +got):\n%s", diff)
	}
	if res.Operations != 3 {
		t.Errorf("operations = %d, want 3 (deprecated skipped)", res.Operations)
	}
}

func TestOptions(t *testing.T) {
	t.Parallel()
	res := build(t, openapi.Options{
		OperationIDPrefix:  regexp.MustCompile(`^V1_[A-Za-z]+-`),
		NamesFromSummaries: true,
		AdditionalFields:   true,
		DisplayByValue:     true,
		DropUnusedTags:     true,
		RenameReserved:     true,
	})
	if diff := cmp.Diff([]string{"Zeta=Zeta", "Alpha=Alpha", "Default=Default"}, options(res.Properties[0])); diff != "" {
		t.Errorf("resources (-want +got):\n%s", diff)
	}
	list := res.Properties[1].Options[0]
	if list.Name != "List (all) items" || list.Value != "List -all- items" {
		t.Errorf("summary name: got %q = %q", list.Name, list.Value)
	}
	if got := list.Routing.Request["url"]; got != `=/items/{{$parameter["resourceParameter"]}}` {
		t.Errorf("renamed path parameter url: %v", got)
	}
	create := res.Properties[2].Options[0]
	if create.Name != "Create" {
		t.Errorf("stripped prefix: got %q", create.Name)
	}
	type field struct {
		Name, Type string
		Required   bool
		Show       any
		Extra      []string
	}
	var got []field
	for _, p := range res.Properties[4:] {
		f := field{Name: p.Name, Type: p.Type, Required: p.Required, Show: p.DisplayOptions.Show["operation"][0]}
		for _, o := range p.Options {
			if p.Type == nodes.TypeCollection {
				f.Extra = append(f.Extra, o.Name+":"+o.Routing.Send.Type)
			}
		}
		got = append(got, f)
	}
	want := []field{
		{"operation", "notice", false, "List -all- items", nil},
		{"resourceParameter", "string", true, "List -all- items", nil},
		{"kind", "options", true, "List -all- items", nil},
		{"additionalFields", "collection", false, "List -all- items", []string{"page:query"}},
		{"operation", "notice", false, "Create", nil},
		{"resourceParameter", "string", true, "Create", nil},
		{"name", "string", true, "Create", nil},
		{"additionalFields", "collection", false, "Create", []string{"meta:body", "flag:body"}},
		{"operation", "notice", false, "DELETE -plain", nil},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("fields (-want +got):\n%s", diff)
	}
}

func TestFieldMapping(t *testing.T) {
	t.Parallel()
	res := build(t, openapi.Options{})
	byName := map[string]*nodes.Property{}
	for _, p := range res.Properties[4:] {
		if _, seen := byName[p.Name]; !seen {
			byName[p.Name] = p
		}
	}
	tests := []struct {
		name string
		typ  string
		def  any
		send string
	}{
		{"page", "number", 2.0, "query"},      // default from the example
		{"kind", "options", "small", "query"}, // enum: options, first value
		{"name", "string", "", "body"},
		{"meta", "json", "{\n  \"a\": 1\n}", "body"}, // object: JSON text of its example
		{"flag", "boolean", true, "body"},            // booleans default to true
	}
	for _, tt := range tests {
		p := byName[tt.name]
		if p == nil {
			t.Errorf("%s: missing", tt.name)
			continue
		}
		got := []any{p.Type, p.Default, p.Routing.Send.Type}
		if diff := cmp.Diff([]any{tt.typ, tt.def, tt.send}, got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tt.name, diff)
		}
	}
	if v := byName["meta"].Routing.Send.Value; v != "={{ JSON.parse($value) }}" {
		t.Errorf("json field value: %v", v)
	}
}

func TestWarnings(t *testing.T) {
	t.Parallel()
	res := build(t, openapi.Options{})
	var got []string
	for _, w := range res.Warnings {
		got = append(got, w.Path)
	}
	// Default mode: the "resource" path parameter clashes with the node's
	// own parameter (twice), and "DELETE /plain" differs from its value.
	want := []string{"#/paths/~1items~1{resource}/get", "#/paths/~1items~1{resource}/post", "#/paths/~1plain/delete"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("warning paths (-want +got):\n%s", diff)
	}
}
