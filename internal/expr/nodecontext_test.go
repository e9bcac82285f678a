package expr_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/noderun/noderun/internal/expr"
	"github.com/noderun/noderun/nodes"
)

// contextLookup is a fakeLookup that also keeps node context data.
type contextLookup struct {
	*fakeLookup
	contexts map[string]map[string]any
}

var _ expr.ContextReader = contextLookup{}

func (c contextLookup) NodeContext(name string) map[string]any { return c.contexts[name] }

// TestNodeContext reads Split in Batches' node context the ways old
// workflows do: $node["X"].context["key"], $("X").context and
// $input.context (the node feeding input 0).
func TestNodeContext(t *testing.T) {
	t.Parallel()
	sib := map[string]any{
		"noItemsLeft":     true,
		"currentRunIndex": 2,
		"maxRunIndex":     3,
		"items":           []nodes.Item{},
		"processedItems":  []nodes.Item{{JSON: map[string]any{"n": 1.0}, PairedItem: nodes.One(nodes.PairedItem{Item: 4})}},
	}
	base := &fakeLookup{
		outputs: map[string][][]nodes.Item{
			"Split In Batches": {{{JSON: map[string]any{"n": 5.0}}}},
			"Set":              {{{JSON: map[string]any{"n": 5.0}}}},
		},
		params:  map[string]map[string]any{"Split In Batches": {}, "Set": {}},
		prev:    map[string]string{"Mark": "Split In Batches"},
		current: "Mark",
		input:   []nodes.Item{{JSON: map[string]any{"n": 5.0}}},
	}
	withCtx := contextLookup{fakeLookup: base, contexts: map[string]map[string]any{"Split In Batches": sib}}
	cases := []struct {
		name   string
		lookup expr.NodeLookup
		expr   string
		want   any
	}{
		{"noItemsLeft by index", withCtx, `={{ $node["Split In Batches"].context["noItemsLeft"] }}`, true},
		{"run indexes by dot", withCtx, `={{ $node["Split In Batches"].context.currentRunIndex + "/" + $node["Split In Batches"].context.maxRunIndex }}`, "2/3"},
		{"stored items are item objects", withCtx, `={{ $node["Split In Batches"].context.processedItems[0].json.n + $node["Split In Batches"].context.processedItems[0].pairedItem.item }}`, 5.0},
		{"empty item list", withCtx, `={{ $node["Split In Batches"].context.items.length }}`, 0.0},
		{"missing key is undefined", withCtx, `={{ $node["Split In Batches"].context.nope === undefined }}`, true},
		{"dollar node", withCtx, `={{ $("Split In Batches").context.noItemsLeft }}`, true},
		{"input context is the previous node's", withCtx, `={{ $input.context.maxRunIndex }}`, 3.0},
		{"node without context data", withCtx, `={{ Object.keys($node["Set"].context).length }}`, 0.0},
		{"writes do not reach the state", withCtx, `={{ (() => { const c = $node["Split In Batches"].context; c.noItemsLeft = false; return $node["Split In Batches"].context.noItemsLeft })() }}`, true},
		{"lookup without contexts gives an empty object", base, `={{ Object.keys($node["Split In Batches"].context).length }}`, 0.0},
	}
	ev := expr.New(expr.Options{})
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, err := ev.Evaluate(tc.expr, &expr.Data{Input: base.input, Lookup: tc.lookup, Node: expr.NodeInfo{Name: "Mark"}})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
			if sib["noItemsLeft"] != true {
				t.Error("an expression changed the node state")
			}
		})
	}
}
