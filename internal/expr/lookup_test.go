package expr_test

import (
	"errors"

	"github.com/noderun/noderun/internal/expr"
	"github.com/noderun/noderun/nodes"
)

// fakeLookup is a NodeLookup over fixed outputs. Paired follows each
// item's pairedItem back along prev (node -> the node feeding it).
type fakeLookup struct {
	// outputs[node][output] are the items of the node's latest run.
	outputs map[string][][]nodes.Item
	params  map[string]map[string]any
	// prev maps a node to the node feeding its input 0.
	prev map[string]string
	// current is the node being evaluated.
	current   string
	input     []nodes.Item
	connected map[string]int
	runs      map[string]int
}

var _ expr.NodeLookup = (*fakeLookup)(nil)

func (f *fakeLookup) HasNode(name string) bool {
	_, ok := f.params[name]
	return ok || name == f.current
}

func (f *fakeLookup) Executed(name string) bool { _, ok := f.outputs[name]; return ok }

func (f *fakeLookup) Output(name string, output, run int) ([]nodes.Item, bool) {
	outs, ok := f.outputs[name]
	if !ok || output >= len(outs) || run > 0 {
		return nil, false
	}
	return outs[output], true
}

func (f *fakeLookup) ConnectedOutput(name string) int { return f.connected[name] }

func (f *fakeLookup) Parameters(name string) map[string]any { return f.params[name] }

func (f *fakeLookup) Runs(name string) int { return f.runs[name] }

func (f *fakeLookup) Paired(name string, itemIndex int) (nodes.Item, error) {
	items, node := f.input, f.prev[f.current]
	idx := itemIndex
	for {
		if idx >= len(items) {
			return nodes.Item{}, &expr.ExpressionError{Message: "Invalid expression", Description: "no path back"}
		}
		if node == name {
			return items[idx], nil
		}
		pi := items[idx].PairedItem.Items
		if len(pi) == 0 {
			return nodes.Item{}, &expr.ExpressionError{Message: "Invalid expression"}
		}
		if len(pi) > 1 {
			return nodes.Item{}, errors.New("Multiple matches")
		}
		idx = pi[0].Item
		node = f.prev[node]
		if node == "" {
			return nodes.Item{}, &expr.ExpressionError{Message: "Invalid expression"}
		}
		items = f.outputs[node][f.connected[node]]
	}
}

func (f *fakeLookup) PrevNode() (string, int, int) { return f.prev[f.current], 0, 0 }
