package core_test

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/noderun/noderun/nodes"
)

func TestRegisterVersions(t *testing.T) {
	t.Parallel()
	reg := registry(t)
	tests := []struct {
		name     string
		versions []float64
		missing  []float64
	}{
		{"n8n-nodes-base.manualTrigger", []float64{1}, []float64{2}},
		{"n8n-nodes-base.noOp", []float64{1}, nil},
		{"n8n-nodes-base.stickyNote", []float64{1}, nil},
		{"n8n-nodes-base.stopAndError", []float64{1}, nil},
		{"n8n-nodes-base.set", []float64{1, 2, 3, 3.1, 3.2, 3.3, 3.4, 3.5}, []float64{3.6}},
		{"n8n-nodes-base.if", []float64{1, 2, 2.1, 2.2, 2.3}, []float64{3}},
		{"n8n-nodes-base.filter", []float64{1, 2, 2.1, 2.2, 2.3}, []float64{3}},
		{"n8n-nodes-base.switch", []float64{1, 2, 3, 3.1, 3.2, 3.3, 3.4}, []float64{4}},
	}
	for _, tt := range tests {
		for _, v := range tt.versions {
			typ, err := reg.Lookup(tt.name, v)
			if err != nil {
				t.Errorf("Lookup(%s, %v): %v", tt.name, v, err)
				continue
			}
			if typ.Handler == nil {
				t.Errorf("%s@%v has no handler", tt.name, v)
			}
		}
		for _, v := range tt.missing {
			if _, err := reg.Lookup(tt.name, v); err == nil {
				t.Errorf("Lookup(%s, %v) succeeded, want unknown version", tt.name, v)
			}
		}
	}
}

func TestRegisterTwiceFails(t *testing.T) {
	t.Parallel()
	reg := registry(t)
	if err := registerAll(reg); err == nil {
		t.Fatal("second registration succeeded, want duplicate error")
	}
}

func TestPorts(t *testing.T) {
	t.Parallel()
	reg := registry(t)
	rules := func(n int) []any {
		out := make([]any, n)
		for i := range out {
			out[i] = map[string]any{"conditions": map[string]any{}}
		}
		return out
	}
	tests := []struct {
		name    string
		version float64
		params  map[string]any
		in, out int
		trigger bool
	}{
		{name: "n8n-nodes-base.manualTrigger", version: 1, in: 0, out: 1, trigger: true},
		{name: "n8n-nodes-base.stickyNote", version: 1, in: 0, out: 0},
		{name: "n8n-nodes-base.stopAndError", version: 1, in: 1, out: 0},
		{name: "n8n-nodes-base.noOp", version: 1, in: 1, out: 1},
		{name: "n8n-nodes-base.set", version: 3.4, in: 1, out: 1},
		{name: "n8n-nodes-base.if", version: 2.3, in: 1, out: 2},
		{name: "n8n-nodes-base.filter", version: 2.3, in: 1, out: 1},
		{name: "n8n-nodes-base.switch", version: 3.4, params: map[string]any{"mode": "rules", "rules": map[string]any{"values": rules(3)}}, in: 1, out: 3},
		{name: "n8n-nodes-base.switch", version: 3.4, params: map[string]any{"mode": "rules", "rules": map[string]any{"values": rules(3)}, "options": map[string]any{"fallbackOutput": "extra"}}, in: 1, out: 4},
		{name: "n8n-nodes-base.switch", version: 3.4, params: map[string]any{"mode": "rules", "rules": map[string]any{"values": rules(2)}, "options": map[string]any{"fallbackOutput": float64(0)}}, in: 1, out: 2},
		{name: "n8n-nodes-base.switch", version: 3.4, params: map[string]any{"mode": "expression", "numberOutputs": float64(3)}, in: 1, out: 3},
		{name: "n8n-nodes-base.switch", version: 3.2, params: map[string]any{"mode": "expression"}, in: 1, out: 4},
	}
	for _, tt := range tests {
		typ, err := reg.Lookup(tt.name, tt.version)
		if err != nil {
			t.Fatal(err)
		}
		params := nodes.NodeParameters(typ.Description.Properties, tt.params, tt.version)
		got := []any{typ.InputCount(params), typ.OutputCount(params), typ.Description.IsTrigger()}
		want := []any{tt.in, tt.out, tt.trigger}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s@%v %v: [inputs outputs trigger] (-want +got):\n%s", tt.name, tt.version, tt.params, diff)
		}
	}
}

// TestDefaults checks the parameters the engine completes from the
// descriptions (nodes.NodeParameters) against n8n's getNodeParameters on
// the same stored parameters (testdata/golden/node_parameters.jsonl).
func TestDefaults(t *testing.T) {
	t.Parallel()
	reg := registry(t)
	raw, err := os.ReadFile("testdata/golden/node_parameters.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(strings.TrimSpace(string(raw)), "\n") {
		var c []any
		if err := json.Unmarshal([]byte(line), &c); err != nil {
			t.Fatalf("%s: %v", line, err)
		}
		name, version, stored, want := c[0].(string), c[1].(float64), c[2].(map[string]any), c[3]
		typ, err := reg.Lookup(name, version)
		if err != nil {
			t.Fatal(err)
		}
		var got any
		remarshalT(t, nodes.NodeParameters(typ.Description.Properties, stored, version), &got)
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s@%v %v defaults (-n8n +noderun):\n%s", name, version, stored, diff)
		}
	}
}
