package nodes_test

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/noderun/noderun/nodes"
)

// TestPairedItemJSON checks pairedItem round trips in every form n8n
// writes, with and without sourceOverwrite.
func TestPairedItemJSON(t *testing.T) {
	t.Parallel()
	one := 1
	prep := &nodes.PairedSource{PreviousNode: "Prepare", PreviousNodeOutput: 0, PreviousNodeRun: 2}
	cases := []struct {
		name string
		in   string
		want nodes.PairedItems
		out  string
	}{
		{"object", `{"item":3}`, nodes.One(nodes.PairedItem{Item: 3}), `{"item":3}`},
		{"object with input", `{"item":0,"input":1}`, nodes.One(nodes.PairedItem{Item: 0, Input: &one}), `{"item":0,"input":1}`},
		{"number", `2`, nodes.One(nodes.PairedItem{Item: 2}), `{"item":2}`},
		{"array of one stays an array", `[{"item":1}]`,
			nodes.PairedItems{Items: []nodes.PairedItem{{Item: 1}}, List: true}, `[{"item":1}]`},
		{"empty array", `[]`, nodes.PairedItems{Items: []nodes.PairedItem{}, List: true}, `[]`},
		{"sourceOverwrite", `{"item":2,"sourceOverwrite":{"previousNode":"Prepare","previousNodeOutput":0,"previousNodeRun":2}}`,
			nodes.One(nodes.PairedItem{Item: 2, SourceOverwrite: prep}),
			`{"item":2,"sourceOverwrite":{"previousNode":"Prepare","previousNodeOutput":0,"previousNodeRun":2}}`},
		{"sourceOverwrite first, as Loop Over Items writes processed items",
			`{"sourceOverwrite":{"previousNode":"Body","previousNodeOutput":0,"previousNodeRun":1},"item":0}`,
			nodes.One(nodes.PairedItem{Item: 0, SourceOverwrite: &nodes.PairedSource{PreviousNode: "Body", PreviousNodeRun: 1}}),
			`{"item":0,"sourceOverwrite":{"previousNode":"Body","previousNodeOutput":0,"previousNodeRun":1}}`},
		{"sourceOverwrite with n8n's optional fields left out", `{"item":1,"sourceOverwrite":{"previousNode":"X"}}`,
			nodes.One(nodes.PairedItem{Item: 1, SourceOverwrite: &nodes.PairedSource{PreviousNode: "X"}}),
			`{"item":1,"sourceOverwrite":{"previousNode":"X","previousNodeOutput":0,"previousNodeRun":0}}`},
		{"array with sourceOverwrite", `[{"item":0,"sourceOverwrite":{"previousNode":"Prepare","previousNodeOutput":0,"previousNodeRun":2}},{"item":1,"input":1}]`,
			nodes.PairedItems{Items: []nodes.PairedItem{{Item: 0, SourceOverwrite: prep}, {Item: 1, Input: &one}}, List: true},
			`[{"item":0,"sourceOverwrite":{"previousNode":"Prepare","previousNodeOutput":0,"previousNodeRun":2}},{"item":1,"input":1}]`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var got nodes.PairedItems
			if err := json.Unmarshal([]byte(tc.in), &got); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("decoded (-want +got):\n%s", diff)
			}
			b, err := json.Marshal(got)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.out, string(b)); diff != "" {
				t.Errorf("encoded (-want +got):\n%s", diff)
			}
		})
	}
}

// TestItemPairedItemOmitted checks that an item without lineage writes
// no pairedItem key and one with lineage but no source writes none.
func TestItemPairedItemOmitted(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		item nodes.Item
		want string
	}{
		{nodes.Item{JSON: map[string]any{}}, `{"json":{}}`},
		{nodes.Item{JSON: map[string]any{}, PairedItem: nodes.One(nodes.Paired(0, 0))}, `{"json":{},"pairedItem":{"item":0}}`},
	} {
		b, err := json.Marshal(tc.item)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(tc.want, string(b)); diff != "" {
			t.Errorf("(-want +got):\n%s", diff)
		}
	}
}

// TestPairedSourceOf reads sources kept in node context in each form
// they take: the struct, a pointer, Map's object and a checkpoint's
// decoded JSON.
func TestPairedSourceOf(t *testing.T) {
	t.Parallel()
	s := nodes.PairedSource{PreviousNode: "Prepare", PreviousNodeOutput: 1, PreviousNodeRun: 2}
	decoded, err := nodes.DecodeJSON([]byte(`{"previousNode":"Prepare","previousNodeOutput":1,"previousNodeRun":2}`))
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		in   any
		want *nodes.PairedSource
	}{
		{"struct", s, &s},
		{"pointer", &s, &s},
		{"Map", s.Map(), &s},
		{"decoded JSON", decoded, &s},
		{"float64 numbers", map[string]any{"previousNode": "Prepare", "previousNodeOutput": 1.0, "previousNodeRun": 2.0}, &s},
		{"json.Number", map[string]any{"previousNode": "Prepare", "previousNodeOutput": json.Number("1"), "previousNodeRun": json.Number("2")}, &s},
		{"only the node", map[string]any{"previousNode": "Prepare"}, &nodes.PairedSource{PreviousNode: "Prepare"}},
		{"no node name", map[string]any{"previousNodeRun": 2}, nil},
		{"nil", nil, nil},
		{"nil pointer", (*nodes.PairedSource)(nil), nil},
		{"other", "Prepare", nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, ok := nodes.PairedSourceOf(tc.in)
			if ok != (tc.want != nil) {
				t.Fatalf("ok = %v, want %v", ok, tc.want != nil)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

// TestPairedSourceMapKeyOrder checks that the context object keeps n8n's
// key order (JSON.stringify($node["Loop"].context.sourceData)).
func TestPairedSourceMapKeyOrder(t *testing.T) {
	t.Parallel()
	m := nodes.PairedSource{PreviousNode: "A", PreviousNodeOutput: 1, PreviousNodeRun: 0}.Map()
	b, err := nodes.MarshalJSON(m)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(`{"previousNode":"A","previousNodeOutput":1,"previousNodeRun":0}`, string(b)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}
