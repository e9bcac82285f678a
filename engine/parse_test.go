package engine_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/noderun/noderun/engine"
)

func TestParseErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, input, want string
	}{
		{"empty", ``, "wf.json: empty input"},
		{"not json", `{"nodes": [}`, "wf.json: malformed JSON at line 1, column 12"},
		{"not a workflow", `{"hello": 1}`, "wf.json: nodes: missing: this is not an n8n workflow"},
		{"nodes not array", `{"nodes": {}}`, "wf.json: nodes: want an array of nodes"},
		{"node without type", `{"nodes": [{"name": "A"}]}`, "wf.json: nodes[0].type: node \"A\" has no type"},
		{"bad field type", `{"nodes": [{"name": "A", "type": "x", "disabled": "yes"}]}`, "wf.json: nodes[0].disabled: want bool"},
		{"bad onError", `{"nodes": [{"name": "A", "type": "x", "onError": "explode"}]}`, "wf.json: nodes[0].onError: failed rule \"oneof\""},
		{"bad connections", `{"nodes": [], "connections": {"A": {"main": [[{"node": 1}]]}}}`, "wf.json: connections:"},
		{"array needs selection", `[{"name":"a","nodes":[]},{"name":"b","nodes":[]}]`, "holds 2 workflows"},
		{"array selection miss", `[{"name":"a","nodes":[]}]`, ""},
		{"scalar", `42`, "want a workflow JSON object or an export array"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := engine.Parse([]byte(tt.input), "wf.json", engine.Selector{})
			if tt.want == "" {
				if err != nil {
					t.Fatalf("unexpected error %v", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error %v, want it to contain %q", err, tt.want)
			}
		})
	}
}

func TestParseExportArraySelection(t *testing.T) {
	t.Parallel()
	input := []byte(`[{"id":"7","name":"First","nodes":[],"createdAt":"2024-01-01","shared":[{"role":"owner"}],"isArchived":false},
		{"id":"8","name":"Second","nodes":[],"versionCounter":3}]`)
	for _, sel := range []engine.Selector{{ID: "8"}, {Name: "Second"}} {
		wf, err := engine.Parse(input, "export.json", sel)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff([]string{"8", "Second"}, []string{wf.ID, wf.Name}); diff != "" {
			t.Error(diff)
		}
	}
}

func TestRunRejectsBadGraphs(t *testing.T) {
	t.Parallel()
	reg := testRegistry(t)
	tests := []struct{ name, input, want string }{
		{"unknown type", `{"nodes":[{"name":"A","type":"nope.node","typeVersion":1}]}`, `nodes[0].type: node "A": unknown node type "nope.node"`},
		{"bad version", `{"nodes":[{"name":"A","type":"test.pass","typeVersion":7}]}`, `has no typeVersion 7`},
		{"duplicate name", `{"nodes":[{"name":"A","type":"test.pass"},{"name":"A","type":"test.pass"}]}`, `nodes[1].name: duplicate node name "A"`},
		{"negative input", `{"nodes":[{"name":"A","type":"test.trigger"},{"name":"B","type":"test.pass"}],"connections":{"A":{"main":[[{"node":"B","type":"main","index":-1}]]}}}`, `connections.A.main[0][0].index: connection from "A" to "B" has a negative input index -1`},
		{"missing target", `{"nodes":[{"name":"A","type":"test.trigger"}],"connections":{"A":{"main":[[{"node":"B","type":"main","index":0}]]}}}`, `connections.A.main[0][0].node: connection from "A" to missing node "B"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			wf, err := engine.Parse([]byte(tt.input), "wf.json", engine.Selector{})
			if err != nil {
				t.Fatal(err)
			}
			_, err = engine.New(reg).Run(t.Context(), wf, engine.RunOptions{})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error %v, want it to contain %q", err, tt.want)
			}
		})
	}
}
