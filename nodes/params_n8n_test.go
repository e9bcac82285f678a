package nodes_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/noderun/noderun/nodes"
)

// paramCases is testdata/params/cases.json (written by
// testdata/params/gen): node types' properties and the stored parameters
// of every node of the example, conformance and corpus workflows plus
// hand-made cases.
type paramCases struct {
	Types map[string]json.RawMessage `json:"types"`
	Cases []struct {
		Name        string          `json:"name"`
		Type        string          `json:"type"`
		TypeVersion float64         `json:"typeVersion"`
		Parameters  json.RawMessage `json:"parameters"`
	} `json:"cases"`
}

// loadParamCases reads the differential cases and n8n's answers
// (testdata/params/n8n.json, recorded with n8n-params.mjs from the real
// n8n-workflow getNodeParameters).
func loadParamCases(tb testing.TB) (paramCases, map[string]any, map[string][]*nodes.Property) {
	tb.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "params", "cases.json"))
	if err != nil {
		tb.Fatal(err)
	}
	var cases paramCases
	if err := json.Unmarshal(data, &cases); err != nil {
		tb.Fatalf("cases.json: %v", err)
	}
	data, err = os.ReadFile(filepath.Join("testdata", "params", "n8n.json"))
	if err != nil {
		tb.Fatal(err)
	}
	answers, err := nodes.DecodeJSON(data)
	if err != nil {
		tb.Fatalf("n8n.json: %v", err)
	}
	types := map[string][]*nodes.Property{}
	for name, raw := range cases.Types {
		var props []*nodes.Property
		if err := json.Unmarshal(raw, &props); err != nil {
			tb.Fatalf("cases.json type %s: %v", name, err)
		}
		types[name] = props
	}
	return cases, answers.(map[string]any), types
}

// orderedJSON writes v indented with its recorded key order, so a
// comparison also checks that keys come in n8n's order.
func orderedJSON(tb testing.TB, v any) string {
	tb.Helper()
	b, err := nodes.MarshalJSON(v)
	if err != nil {
		tb.Fatal(err)
	}
	var buf bytes.Buffer
	if err := json.Indent(&buf, b, "", "  "); err != nil {
		tb.Fatal(err)
	}
	return buf.String()
}

// TestNodeParametersMatchN8n runs NodeParameters on every recorded case and
// compares the result, key order included, with n8n's getNodeParameters.
func TestNodeParametersMatchN8n(t *testing.T) {
	t.Parallel()
	cases, answers, types := loadParamCases(t)
	if len(cases.Cases) < 100 {
		t.Fatalf("only %d cases in testdata/params/cases.json", len(cases.Cases))
	}
	for _, c := range cases.Cases {
		t.Run(c.Name, func(t *testing.T) {
			t.Parallel()
			want, ok := answers[c.Name]
			if !ok {
				t.Fatalf("no n8n answer for %q: run testdata/params/n8n-params.mjs", c.Name)
			}
			props, ok := types[c.Type]
			if !ok {
				t.Fatalf("no properties for type %q", c.Type)
			}
			stored, err := nodes.DecodeJSON(c.Parameters)
			if err != nil {
				t.Fatal(err)
			}
			storedMap, _ := stored.(map[string]any)
			got := nodes.NodeParameters(props, storedMap, c.TypeVersion)
			if diff := cmp.Diff(orderedJSON(t, want), orderedJSON(t, got)); diff != "" {
				t.Errorf("NodeParameters (-n8n +got):\n%s", diff)
			}
		})
	}
}
