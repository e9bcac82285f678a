package expr

import "fmt"

// SyntaxError is an expression that does not compile.
type SyntaxError struct {
	Expression string
	// Offset is the byte offset of the failing chunk in Expression.
	Offset  int
	Message string
}

func (e *SyntaxError) Error() string {
	return fmt.Sprintf("invalid syntax in expression at offset %d: %s", e.Offset, e.Message)
}

// ExpressionError is n8n's ExpressionError: it fails the node instead of
// yielding undefined (unknown node, env access denied, .constructor ...).
type ExpressionError struct {
	Message     string
	Description string
}

func (e *ExpressionError) Error() string {
	if e.Description != "" {
		return e.Message + ": " + e.Description
	}
	return e.Message
}
