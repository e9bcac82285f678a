package validate

import (
	"errors"

	"github.com/noderun/noderun/internal/expr"
)

// expressions compiles every expression string in every node's
// parameters and reports those that do not compile.
func (v *validator) expressions() {
	for i, n := range v.wf.Nodes {
		if n == nil {
			continue
		}
		v.walkExpressions(n.Name, n.Parameters, key(nodePath(i), "parameters"), 0)
	}
}

func (v *validator) walkExpressions(node string, val any, path string, depth int) {
	if depth > 64 {
		return
	}
	switch t := val.(type) {
	case string:
		if !expr.IsExpression(t) {
			return
		}
		if err := v.check(t); err != nil {
			msg := err.Error()
			var se *expr.SyntaxError
			if errors.As(err, &se) {
				msg = se.Error()
			}
			v.add(Error, path, node, "expression does not compile: %s", msg)
		}
	case map[string]any:
		for _, k := range sortedKeys(t) {
			v.walkExpressions(node, t[k], key(path, k), depth+1)
		}
	case []any:
		for j, e := range t {
			v.walkExpressions(node, e, index(path, j), depth+1)
		}
	}
}

// check compiles one expression, turning a panic into an error.
func (v *validator) check(s string) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = errors.New("the expression could not be parsed")
		}
	}()
	return v.opts.Evaluator.Check(s)
}
