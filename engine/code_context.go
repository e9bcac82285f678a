package engine

import "github.com/noderun/noderun/nodes"

var _ nodes.ExpressionData = (*nodeContext)(nil)

// ExpressionData implements nodes.ExpressionData: the *expr.Data an
// expression of item itemIndex would see.
func (c *nodeContext) ExpressionData(itemIndex int) any { return c.exprData(itemIndex, nil) }

// EnvAccess implements nodes.ExpressionData.
func (c *nodeContext) EnvAccess() func(string) (string, bool) { return c.run.e.envAccess }
