package core_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/noderun/noderun/internal/nodetest"
	"github.com/noderun/noderun/nodes"
	"github.com/noderun/noderun/nodes/core"
)

// fakeCtx is the shared test context (internal/nodetest) with the node
// type's handler to run.
type fakeCtx struct{ *nodetest.Context }

// registry has every core type.
func registry(t testing.TB) *nodes.Registry {
	t.Helper()
	r := nodes.NewRegistry()
	if err := registerAll(r); err != nil {
		t.Fatal(err)
	}
	return r
}

func registerAll(r *nodes.Registry) error { return core.Register(r) }

func remarshalT(t testing.TB, in, out any) {
	t.Helper()
	b, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, out); err != nil {
		t.Fatal(err)
	}
}

// newFake builds a context for a node of type name/version with the stored
// parameters and input items; input lineage is stamped as the engine does.
func newFake(t testing.TB, name string, version float64, params map[string]any, items []nodes.Item) *fakeCtx {
	t.Helper()
	typ, err := registry(t).Lookup(name, version)
	if err != nil {
		t.Fatal(err)
	}
	if params == nil {
		params = map[string]any{}
	}
	node := &nodes.Node{Name: "Node", Type: name, TypeVersion: version,
		Parameters: nodes.NodeParameters(typ.Description.Properties, params, version)}
	in := make([]nodes.Item, len(items))
	for i, it := range items {
		it.PairedItem = nodes.One(nodes.Paired(i, 0))
		in[i] = it
	}
	c := nodetest.New(node, in)
	c.NodeType = typ
	c.Zone = mustZone(t, "America/New_York")
	return &fakeCtx{c}
}

func mustZone(t testing.TB, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// run executes the node's handler.
func (f *fakeCtx) run() (nodes.Outputs, error) { return f.NodeType.Handler.Execute(f.Context) }

func contextWithCancel() (context.Context, context.CancelFunc) {
	return context.WithCancel(context.Background())
}

// jsonItems decodes a JSON array of objects into items.
func jsonItems(t testing.TB, s string) []nodes.Item {
	t.Helper()
	var objs []map[string]any
	if err := json.Unmarshal([]byte(s), &objs); err != nil {
		t.Fatalf("items %s: %v", s, err)
	}
	out := make([]nodes.Item, len(objs))
	for i, o := range objs {
		out[i] = nodes.Item{JSON: o}
	}
	return out
}

// jsonMap decodes a JSON object.
func jsonMap(t testing.TB, s string) map[string]any {
	t.Helper()
	var m map[string]any
	dec := json.NewDecoder(strings.NewReader(s))
	if err := dec.Decode(&m); err != nil {
		t.Fatalf("json %s: %v", s, err)
	}
	return m
}

// outJSON returns the json payloads of every output, as plain values.
func outJSON(outs nodes.Outputs) [][]any {
	res := make([][]any, len(outs))
	for k, out := range outs {
		res[k] = []any{}
		for _, it := range out {
			b, _ := json.Marshal(it.JSON)
			var v any
			_ = json.Unmarshal(b, &v)
			res[k] = append(res[k], v)
		}
	}
	return res
}
