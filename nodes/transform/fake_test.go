package transform

import (
	"time"

	"github.com/noderun/noderun/internal/nodetest"
	"github.com/noderun/noderun/nodes"
)

// fakeCtx is the shared test context: parameters are the stored
// literals (no defaults), expressions go through internal/expr.
type fakeCtx = nodetest.Context

func newFake(typ string, version float64, params map[string]any, inputs ...[]nodes.Item) *fakeCtx {
	if params == nil {
		params = map[string]any{}
	}
	return &fakeCtx{
		Def:    &nodes.Node{Name: "Node", Type: "n8n-nodes-base." + typ, TypeVersion: version, Parameters: params},
		Inputs: inputs,
		Data:   map[string]any{},
		Zone:   mustZone("America/New_York"),
	}
}

func mustZone(name string) *time.Location {
	l, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return l
}

// items builds input items from JSON objects.
func items(objs ...map[string]any) []nodes.Item {
	out := make([]nodes.Item, len(objs))
	for i, o := range objs {
		out[i] = nodes.Item{JSON: o}
	}
	return out
}

// obj is shorthand for a JSON object.
type obj = map[string]any

// arr is shorthand for a JSON array.
type arr = []any
