package engine_test

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/noderun/noderun/engine"
	"github.com/noderun/noderun/nodes"
)

func TestNodeStateRoundTrip(t *testing.T) {
	t.Parallel()
	ordered, err := nodes.DecodeJSON([]byte(`{"z": 1, "a": {"y": true, "b": null}}`))
	if err != nil {
		t.Fatal(err)
	}
	in := 1
	cases := []struct {
		name  string
		value any
	}{
		{name: "items", value: []nodes.Item{{JSON: map[string]any{"n": 1.0}, PairedItem: nodes.One(nodes.Paired(2, 1)),
			Binary: map[string]*nodes.BinaryData{"data": {Data: "aGk=", MimeType: "text/plain"}}}}},
		{name: "no items", value: []nodes.Item{}},
		{name: "item", value: nodes.Item{JSON: "text", PairedItem: nodes.PairedItems{Items: []nodes.PairedItem{{Item: 0, Input: &in}}, List: true}}},
		{name: "int", value: 7},
		{name: "static data", value: map[string]map[string]any{"global": {"count": 2.0}, "node:Code": {}}},
		{name: "json", value: ordered},
		{name: "bool", value: true},
		{name: "string", value: "s"},
		{name: "null", value: nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			b, err := json.Marshal(engine.NodeState{"k": tc.value})
			if err != nil {
				t.Fatal(err)
			}
			var back engine.NodeState
			if err := json.Unmarshal(b, &back); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.value, back["k"]); diff != "" {
				t.Errorf("round trip of %s (-want +got):\n%s", b, diff)
			}
			again, err := json.Marshal(back)
			if err != nil {
				t.Fatal(err)
			}
			if string(again) != string(b) {
				t.Errorf("second encoding %s differs from the first %s", again, b)
			}
		})
	}
}

func TestNodeStateRejectsUnknownKinds(t *testing.T) {
	t.Parallel()
	var st engine.NodeState
	err := json.Unmarshal([]byte(`{"k": {"kind": "chan", "value": 1}}`), &st)
	if err == nil {
		t.Fatal("unknown kind accepted")
	}
}
