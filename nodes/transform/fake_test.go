package transform

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/noderun/noderun/nodes"
)

// fakeCtx is a minimal nodes.ExecuteContext for handler tests: parameters
// are stored literals; the only expressions understood are "={{ $json.x }}".
type fakeCtx struct {
	ctx      context.Context
	node     *nodes.Node
	inputs   [][]nodes.Item
	runIndex int
	state    map[string]any
	tz       *time.Location
}

func newFake(typ string, version float64, params map[string]any, inputs ...[]nodes.Item) *fakeCtx {
	if params == nil {
		params = map[string]any{}
	}
	return &fakeCtx{
		ctx:    context.Background(),
		node:   &nodes.Node{Name: "Node", Type: "n8n-nodes-base." + typ, TypeVersion: version, Parameters: params},
		inputs: inputs,
		state:  map[string]any{},
		tz:     mustZone("America/New_York"),
	}
}

func mustZone(name string) *time.Location {
	l, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return l
}

func (f *fakeCtx) Context() context.Context { return f.ctx }
func (f *fakeCtx) Node() *nodes.Node        { return f.node }
func (f *fakeCtx) Type() *nodes.Type        { return nil }
func (f *fakeCtx) RunIndex() int            { return f.runIndex }
func (f *fakeCtx) Mode() string             { return "manual" }
func (f *fakeCtx) InputData(i int) []nodes.Item {
	if i < len(f.inputs) {
		return f.inputs[i]
	}
	return nil
}

func (f *fakeCtx) Param(path string, item int, def any) (any, error) {
	v, ok := f.RawParam(path)
	if !ok {
		return def, nil
	}
	return f.Evaluate(v, item, nil)
}

func (f *fakeCtx) RawParam(path string) (any, bool) {
	var cur any = f.node.Parameters
	for _, k := range strings.Split(path, ".") {
		m, ok := cur.(map[string]any)
		if !ok {
			return nil, false
		}
		if cur, ok = m[k]; !ok {
			return nil, false
		}
	}
	return cur, true
}

func (f *fakeCtx) Evaluate(v any, item int, _ map[string]any) (any, error) {
	switch t := v.(type) {
	case string:
		if !strings.HasPrefix(t, "=") {
			return t, nil
		}
		expr := strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(t, "={{"), "}}"))
		if !strings.HasPrefix(expr, "$json.") {
			return nil, fmt.Errorf("fake context cannot evaluate %q", t)
		}
		in := f.InputData(0)
		if item >= len(in) {
			return nil, nil
		}
		return getValue(in[item].JSON, strings.TrimPrefix(expr, "$json."), false), nil
	case map[string]any:
		out := map[string]any{}
		for k, x := range t {
			r, err := f.Evaluate(x, item, nil)
			if err != nil {
				return nil, err
			}
			out[k] = r
		}
		return out, nil
	case []any:
		out := make([]any, len(t))
		for i, x := range t {
			r, err := f.Evaluate(x, item, nil)
			if err != nil {
				return nil, err
			}
			out[i] = r
		}
		return out, nil
	}
	return v, nil
}

func (f *fakeCtx) ContinueOnFail() bool { return false }
func (f *fakeCtx) Credential(string) (map[string]any, error) {
	return nil, fmt.Errorf("no credentials")
}
func (f *fakeCtx) State() map[string]any    { return f.state }
func (f *fakeCtx) Timezone() *time.Location { return f.tz }
func (f *fakeCtx) Logger() *slog.Logger     { return slog.Default() }
func (f *fakeCtx) Services() nodes.Services { return nil }
func (f *fakeCtx) HTTP(context.Context, *nodes.Request, string) (*nodes.Response, error) {
	return nil, fmt.Errorf("no http")
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
