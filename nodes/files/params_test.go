package files_test

import (
	"encoding/json"
	"os"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/noderun/noderun/nodes"
)

// TestParameterDefaultsMatchN8n applies each description's defaults to
// stored parameters and compares with n8n's getNodeParameters on the real
// node descriptions (testdata/golden/params.json, made by params.gen.js).
func TestParameterDefaultsMatchN8n(t *testing.T) {
	t.Parallel()
	b, err := os.ReadFile("testdata/golden/params.json")
	if err != nil {
		t.Fatal(err)
	}
	var cases []struct {
		Type    string         `json:"type"`
		Version float64        `json:"version"`
		Stored  map[string]any `json:"stored"`
		Params  map[string]any `json:"params"`
	}
	if err := json.Unmarshal(b, &cases); err != nil {
		t.Fatal(err)
	}
	for _, tc := range cases {
		ty := typeByName(t, tc.Type)
		got := nodes.NodeParameters(ty.Description.Properties, tc.Stored, tc.Version)
		if diff := cmp.Diff(tc.Params, normalize(t, got)); diff != "" {
			t.Errorf("%s@%v %v (-n8n +noderun):\n%s", tc.Type, tc.Version, tc.Stored, diff)
		}
	}
}

// normalize round-trips a value through JSON so numbers compare as float64.
func normalize(t *testing.T, v any) map[string]any {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var out map[string]any
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	return out
}
