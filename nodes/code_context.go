package nodes

// ExpressionData is an optional interface of ExecuteContext for nodes that
// run user code against the same data an expression sees (the Code,
// Function and Function Item nodes). The engine implements it.
type ExpressionData interface {
	// ExpressionData returns the expression scope of item itemIndex: the
	// engine's *expr.Data (typed any so this package does not depend on
	// the expression engine).
	ExpressionData(itemIndex int) any
	// EnvAccess answers $env lookups; nil when $env access is denied.
	EnvAccess() func(name string) (string, bool)
}
