package nodetest

import (
	"context"
	"fmt"

	"github.com/noderun/noderun/internal/expr"
	"github.com/noderun/noderun/nodes"
)

// RawParam returns the stored parameter at path (nodes.GetPath).
func (c *Context) RawParam(path string) (any, bool) { return nodes.GetPath(c.Def.Parameters, path) }

// Param resolves the parameter at path for item i, def when absent.
func (c *Context) Param(path string, i int, def any) (any, error) {
	v, ok := c.RawParam(path)
	if !ok {
		return def, nil
	}
	return c.Evaluate(v, i, nil)
}

// Evaluate resolves the expressions in v for item i of input 0 with the
// extra variables, as the engine does.
func (c *Context) Evaluate(v any, i int, extra map[string]any) (any, error) {
	ev := c.Evaluator
	if ev == nil {
		ev = DefaultEvaluator
	}
	return ev.Resolve(v, &expr.Data{
		ItemIndex: i, RunIndex: c.Runs, Input: c.InputData(0), Vars: extra,
		Timezone: c.Timezone(), Lookup: c.Lookup,
		Node: expr.NodeInfo{Name: c.Def.Name, Type: c.Def.Type, TypeVersion: c.Def.TypeVersion, Parameters: c.Def.Parameters},
	})
}

// Credential returns Creds[typeName], or a node error naming the missing
// credential type.
func (c *Context) Credential(typeName string) (map[string]any, error) {
	d, ok := c.Creds[typeName]
	if !ok {
		return nil, nodes.NewOperationErrorf(c.Def.Name, "node has no %q credential", typeName)
	}
	return d, nil
}

// HTTP calls HTTPFunc, or fails when the test gave none.
func (c *Context) HTTP(ctx context.Context, req *nodes.Request, credType string) (*nodes.Response, error) {
	if c.HTTPFunc == nil {
		return nil, fmt.Errorf("nodetest: node %q sent %s %s but the test gives no HTTP", c.Def.Name, req.Method, req.URL)
	}
	return c.HTTPFunc(ctx, req, credType)
}
