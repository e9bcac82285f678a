package code

import (
	"strings"

	"github.com/noderun/noderun/internal/expr"
	"github.com/noderun/noderun/nodes"
)

// staticKey is where $getWorkflowStaticData's objects live in the node's
// State (they last for the execution).
const staticKey = "__codeStaticData"

// newRunner returns a fresh code runner for one node run, wired to the
// node's logger, $env access and static data.
func newRunner(ctx nodes.ExecuteContext, opts Options) (*expr.CodeRunner, error) {
	co := expr.CodeOptions{
		Timeout: opts.Timeout, MaxMemory: opts.MaxMemory,
		MaxStringLength: opts.MaxStringLength, MaxArrayLength: opts.MaxArrayLength,
		Console: func(args []string) {
			ctx.Logger().Info("console.log", "output", strings.Join(args, " "))
		},
	}
	if ed, ok := ctx.(nodes.ExpressionData); ok {
		co.Env = ed.EnvAccess()
	}
	if st := ctx.State(); st != nil {
		if sd, ok := st[staticKey].(map[string]map[string]any); ok {
			co.StaticData = sd
		}
	}
	return expr.NewCodeRunner(co)
}

// saveStatic keeps what the code wrote to its static data.
func saveStatic(ctx nodes.ExecuteContext, r *expr.CodeRunner) {
	sd := r.StaticData()
	if len(sd) == 0 {
		return
	}
	if st := ctx.State(); st != nil {
		st[staticKey] = sd
	}
}

// exprData returns the expression scope of item itemIndex.
func exprData(ctx nodes.ExecuteContext, itemIndex int) *expr.Data {
	if ed, ok := ctx.(nodes.ExpressionData); ok {
		if d, ok := ed.ExpressionData(itemIndex).(*expr.Data); ok {
			return d
		}
	}
	n := ctx.Node()
	return &expr.Data{
		ItemIndex: itemIndex, RunIndex: ctx.RunIndex(), Input: ctx.InputData(0),
		Node:     expr.NodeInfo{Name: n.Name, ID: n.ID, Type: n.Type, TypeVersion: n.TypeVersion, Parameters: n.Parameters},
		Timezone: ctx.Timezone(),
	}
}

// stringParam reads a string parameter.
func stringParam(ctx nodes.ExecuteContext, name string, itemIndex int, def string) (string, error) {
	v, err := ctx.Param(name, itemIndex, def)
	if err != nil {
		return "", err
	}
	s, ok := v.(string)
	if !ok {
		if v == nil {
			return def, nil
		}
		return "", nodes.NewOperationErrorf(ctx.Node().Name, "parameter %q must be a string", name).WithItem(itemIndex)
	}
	return s, nil
}
