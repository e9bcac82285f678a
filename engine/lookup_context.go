package engine

import "github.com/noderun/noderun/internal/expr"

var _ expr.ContextReader = (*lookup)(nil)

// NodeContext implements expr.ContextReader: the state node name keeps
// between its runs (ExecuteContext.State), which expressions read as
// $node["name"].context.
func (l *lookup) NodeContext(name string) map[string]any { return l.run.state[name] }
