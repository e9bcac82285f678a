package code

import (
	"errors"
	"fmt"

	"github.com/noderun/noderun/internal/expr"
	"github.com/noderun/noderun/internal/jsvalue"
	"github.com/noderun/noderun/nodes"
)

// functionNode runs the legacy Function node: the code gets items (a copy
// of the input, to change and return) and the data of item 0.
type functionNode struct{ opts Options }

// Execute implements nodes.Handler.
func (n *functionNode) Execute(ctx nodes.ExecuteContext) (nodes.Outputs, error) {
	name := ctx.Node().Name
	code, err := stringParam(ctx, "functionCode", 0, "")
	if err != nil {
		return nil, err
	}
	r, err := newRunner(ctx, n.opts)
	if err != nil {
		return nil, err
	}
	defer saveStatic(ctx, r)
	items, err := n.run(ctx, r, code)
	if err != nil {
		if ctx.ContinueOnFail() {
			return nodes.Outputs{{{JSON: map[string]any{"error": legacyMessage(err)}}}}, nil
		}
		var ce *expr.CodeError
		if errors.As(err, &ce) {
			msg := legacyMessage(err)
			if ce.Line > 0 && ce.Limit == "" {
				msg = fmt.Sprintf("%s [Line %d]", msg, ce.Line)
			}
			return nil, nodeError(name, err, msg, limitDescription(ce.Limit))
		}
		return nil, err
	}
	return nodes.Outputs{items}, nil
}

// run runs the code and checks its result as the Function node does.
func (n *functionNode) run(ctx nodes.ExecuteContext, r *expr.CodeRunner, code string) ([]nodes.Item, error) {
	name := ctx.Node().Name
	res, defined, err := r.Run(ctx.Context(), code, exprData(ctx, 0), map[string]any{"items": expr.InputItems, "getWorkflowStaticData": expr.StaticDataFunc})
	if err != nil {
		return nil, err
	}
	if !defined || res == nil {
		return nil, nodes.NewOperationError(name, "No data got returned. Always return an Array of items!")
	}
	var list []any
	switch t := res.(type) {
	case []any:
		list = t
	case map[string]any:
		if jsvalue.Truthy(t["json"]) {
			list = []any{t}
		} else {
			list = []any{map[string]any{"json": t}}
		}
	default:
		return nil, nodes.NewOperationError(name, "Always an Array of items has to be returned!")
	}
	for _, e := range list {
		if _, ok := e.(map[string]any); !ok {
			return nil, nodes.NewOperationError(name, `All returned items have to contain a property named "json"!`)
		}
	}
	objs, err := normalizeItems(name, list)
	if err != nil {
		return nil, err
	}
	out := make([]nodes.Item, len(objs))
	for i, o := range objs {
		j, present := o["json"]
		if !present {
			return nil, nodes.NewOperationError(name, `All returned items have to contain a property named "json"!`)
		}
		switch j.(type) {
		case map[string]any, []any, nil:
		default:
			return nil, nodes.NewOperationError(name, "The json-property has to be an object!")
		}
		if b, ok := o["binary"]; ok && b != nil && !isObject(b) {
			return nil, nodes.NewOperationError(name, "The binary-property has to be an object!")
		}
		it := nodes.Item{JSON: j}
		if b, ok := o["binary"]; ok && b != nil {
			bin, err := binaryOf(b)
			if err != nil {
				return nil, nodes.NewOperationError(name, "The binary-property has to be an object!")
			}
			it.Binary = bin
		}
		out[i] = it
	}
	return out, nil
}

// legacyMessage is the plain message of a Function / Function Item error
// (vm2 reports the error's own message).
func legacyMessage(err error) string {
	var ce *expr.CodeError
	if errors.As(err, &ce) {
		if ce.Message == "" {
			return "Unknown error"
		}
		return ce.Message
	}
	var ne *nodes.NodeError
	if errors.As(err, &ne) {
		return ne.Message
	}
	return err.Error()
}

// functionItemNode runs the legacy Function Item node: the code runs per
// item with item set to a copy of the item's json and returns the new
// json.
type functionItemNode struct{ opts Options }

// Execute implements nodes.Handler.
func (n *functionItemNode) Execute(ctx nodes.ExecuteContext) (nodes.Outputs, error) {
	name := ctx.Node().Name
	r, err := newRunner(ctx, n.opts)
	if err != nil {
		return nil, err
	}
	defer saveStatic(ctx, r)
	in := ctx.InputData(0)
	out := make([]nodes.Item, 0, len(in))
	for i, item := range in {
		code, err := stringParam(ctx, "functionCode", i, "")
		if err != nil {
			return nil, err
		}
		res, defined, err := r.Run(ctx.Context(), code, exprData(ctx, i), map[string]any{"item": expr.InputItemJSON, "getWorkflowStaticData": expr.StaticDataFunc})
		if err != nil {
			if ctx.ContinueOnFail() {
				out = append(out, nodes.Item{JSON: map[string]any{"error": legacyMessage(err)}})
				continue
			}
			var ce *expr.CodeError
			if errors.As(err, &ce) {
				msg := legacyMessage(err)
				if ce.Line > 0 && ce.Limit == "" {
					msg = fmt.Sprintf("%s [Line %d | Item Index: %d]", msg, ce.Line, i)
				} else {
					msg = fmt.Sprintf("%s [Item Index: %d]", msg, i)
				}
				e := nodes.NewOperationError(name, msg)
				e.SetDescription(limitDescription(ce.Limit))
				e.Wrapped = err
				return nil, e.WithItem(i)
			}
			return nil, err
		}
		if !defined {
			e := nodes.NewOperationError(name, "No data got returned. Always an object has to be returned!").WithItem(i)
			if ctx.ContinueOnFail() {
				out = append(out, nodes.Item{JSON: map[string]any{"error": e.Message}, PairedItem: nodes.One(nodes.PairedItem{Item: i})})
				continue
			}
			return nil, e
		}
		it := nodes.Item{JSON: res, PairedItem: nodes.One(nodes.PairedItem{Item: i})}
		if len(item.Binary) > 0 {
			it.Binary = item.Binary
		}
		out = append(out, it)
	}
	return nodes.Outputs{out}, nil
}
