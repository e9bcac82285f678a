package routing_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/noderun/noderun/nodes"
	"github.com/noderun/noderun/nodes/routing"
)

func TestLoadDescriptionErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		js   string
		want []string // substrings of the error
	}{
		{"not JSON", `{"name":"x",`, []string{`node type "(unnamed)"`, "decode description"}},
		{"wrong type names the field", `{"name":"bad","displayName":"Bad","version":1,"properties":[{"name":"p","type":"string","routing":{"send":{"property":5}}}]}`,
			[]string{`node type "bad"`, "properties[0](p).routing.send.property", "cannot use JSON number as string"}},
		{"validation names the property path", `{"name":"val","displayName":"Val","version":1,"properties":[
			{"name":"op","type":"options","options":[{"name":"A"}]},
			{"name":"c","type":"collection","options":[{"name":"inner"}]}]}`,
			[]string{`node type "val"`, "properties[0](op).options[0](A): option has no value", "properties[1](c).options[0](inner): property has no type"}},
		{"missing version", `{"name":"nov","displayName":"NoV","properties":[]}`, []string{`node type "nov"`, "version"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := routing.LoadDescription([]byte(tt.js))
			if err == nil {
				t.Fatal("LoadDescription succeeded, want an error")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
		})
	}
}

func TestLoadDescriptionKeepsUnknownFields(t *testing.T) {
	t.Parallel()
	d, err := routing.LoadDescription([]byte(`{"name":"x","displayName":"X","version":[1,2],"documentationUrl":"https://d","usableAsTool":true,"properties":[]}`))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]any{"documentationUrl": "https://d", "usableAsTool": true}
	if diff := cmp.Diff(want, d.Extra); diff != "" {
		t.Errorf("Extra (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(nodes.Versions{1, 2}, d.Version); diff != "" {
		t.Errorf("Version (-want +got):\n%s", diff)
	}
}

func TestAddRequestOptions(t *testing.T) {
	t.Parallel()
	names := func(p *nodes.Property) []string {
		var out []string
		for _, o := range p.Options {
			out = append(out, o.DisplayName)
		}
		return out
	}
	t.Run("appended when absent, idempotent", func(t *testing.T) {
		t.Parallel()
		d := &nodes.Description{Name: "a", Properties: []*nodes.Property{{Name: "x", Type: "string"}}}
		routing.AddRequestOptions(d)
		routing.AddRequestOptions(d)
		if len(d.Properties) != 2 || d.Properties[1].Name != "requestOptions" {
			t.Fatalf("properties = %v", d.Properties)
		}
		want := []string{"Batching", "Ignore SSL Issues (Insecure)", "Proxy", "Timeout"}
		if diff := cmp.Diff(want, names(d.Properties[1])); diff != "" {
			t.Errorf("options (-want +got):\n%s", diff)
		}
		if diff := cmp.Diff(map[string]any{}, d.Properties[1].Default); diff != "" {
			t.Errorf("default (-want +got):\n%s", diff)
		}
	})
	t.Run("merged with the node's own and sorted", func(t *testing.T) {
		t.Parallel()
		d := &nodes.Description{Name: "b", Properties: []*nodes.Property{
			{Name: "requestOptions", Type: "collection", Options: []*nodes.Property{{DisplayName: "Custom Header", Name: "custom", Type: "string"}}},
			{Name: "after", Type: "string"},
		}}
		routing.AddRequestOptions(d)
		want := []string{"Batching", "Custom Header", "Ignore SSL Issues (Insecure)", "Proxy", "Timeout"}
		if diff := cmp.Diff(want, names(d.Properties[0])); diff != "" {
			t.Errorf("options (-want +got):\n%s", diff)
		}
		if d.Properties[1].Name != "after" {
			t.Errorf("position changed: %v", d.Properties)
		}
	})
}

func TestRegister(t *testing.T) {
	t.Parallel()
	reg := nodes.NewRegistry()
	js := strings.ReplaceAll(perItemDesc, "{{BASE}}", "http://127.0.0.1:1")
	typ, err := routing.Register(reg, []byte(js), "community-pkg.perItem")
	if err != nil {
		t.Fatalf("Register: %v", err)
	}
	got, err := reg.Lookup("community-pkg.perItem", 1)
	if err != nil || got != typ || !got.IsDeclarative() {
		t.Errorf("Lookup by alias = %v, %v", got, err)
	}
	if _, ok := reg.Declarative.(*routing.Handler); !ok {
		t.Errorf("registry Declarative = %T, want *routing.Handler", reg.Declarative)
	}
	if _, err := routing.Register(reg, []byte(js)); err == nil {
		t.Error("registering the same type twice succeeded")
	}
}
