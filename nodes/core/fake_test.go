package core_test

import (
	"context"
	"encoding/json"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/noderun/noderun/internal/expr"
	"github.com/noderun/noderun/nodes"
	"github.com/noderun/noderun/nodes/core"
)

// evaluator is the real expression engine, shared by all tests.
var evaluator = expr.New(expr.Options{})

// fakeCtx is a minimal nodes.ExecuteContext: the node's parameters are
// completed with the description's defaults (nodes.NodeParameters) and
// expressions go through internal/expr against the input items.
type fakeCtx struct {
	ctx            context.Context
	node           *nodes.Node
	typ            *nodes.Type
	items          []nodes.Item
	continueOnFail bool
	mode           string
	tz             *time.Location
	lookup         expr.NodeLookup
}

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
	return &fakeCtx{ctx: context.Background(), node: node, typ: typ, items: in, mode: "manual", tz: mustZone(t, "America/New_York")}
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
func (f *fakeCtx) run() (nodes.Outputs, error) { return f.typ.Handler.Execute(f) }

func (f *fakeCtx) Context() context.Context { return f.ctx }
func (f *fakeCtx) Node() *nodes.Node        { return f.node }
func (f *fakeCtx) Type() *nodes.Type        { return f.typ }
func (f *fakeCtx) RunIndex() int            { return 0 }
func (f *fakeCtx) Mode() string             { return f.mode }
func (f *fakeCtx) ContinueOnFail() bool     { return f.continueOnFail }
func (f *fakeCtx) State() map[string]any    { return map[string]any{} }
func (f *fakeCtx) Timezone() *time.Location { return f.tz }
func (f *fakeCtx) Logger() *slog.Logger     { return slog.New(slog.DiscardHandler) }
func (f *fakeCtx) Services() nodes.Services { return nil }
func (f *fakeCtx) InputData(input int) []nodes.Item {
	if input != 0 {
		return nil
	}
	return f.items
}

func (f *fakeCtx) RawParam(path string) (any, bool) { return nodes.GetPath(f.node.Parameters, path) }

func (f *fakeCtx) Param(path string, i int, def any) (any, error) {
	v, ok := nodes.GetPath(f.node.Parameters, path)
	if !ok {
		return def, nil
	}
	return f.Evaluate(v, i, nil)
}

func (f *fakeCtx) Evaluate(v any, i int, extra map[string]any) (any, error) {
	return evaluator.Resolve(v, &expr.Data{
		ItemIndex: i, Input: f.items, Vars: extra, Timezone: f.tz, Lookup: f.lookup,
		Node: expr.NodeInfo{Name: f.node.Name, Type: f.node.Type, TypeVersion: f.node.TypeVersion, Parameters: f.node.Parameters},
	})
}

func (f *fakeCtx) Credential(string) (map[string]any, error) { return nil, nil }
func (f *fakeCtx) HTTP(context.Context, *nodes.Request, string) (*nodes.Response, error) {
	return nil, nil
}

var _ nodes.ExecuteContext = (*fakeCtx)(nil)

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
