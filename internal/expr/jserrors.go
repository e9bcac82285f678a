package expr

import (
	"errors"
	"fmt"

	"github.com/dop251/goja"
)

// errTimeout is the error of an evaluation that ran past Options.Timeout.
var errTimeout = &ExpressionError{Message: "Expression timed out"}

// fatal returns the error that must fail the node for a JavaScript error,
// or nil when n8n swallows it (the chunk yields undefined).
func fatal(err error) error {
	var ie *goja.InterruptedError
	if errors.As(err, &ie) {
		if e, ok := ie.Value().(error); ok {
			return e
		}
		return errTimeout
	}
	var ee *ExpressionError
	if errors.As(err, &ee) {
		return ee
	}
	var se *goja.StackOverflowError
	if errors.As(err, &se) {
		return nil
	}
	return nil
}

// recovered turns a panic escaping goja (a Go bug or a goja value thrown
// outside JavaScript) into an error.
func recovered(r any) error {
	switch t := r.(type) {
	case *goja.Exception:
		return fatal(t)
	case *goja.InterruptedError:
		return fatal(t)
	case *ExpressionError:
		return t
	case goja.Value:
		if e, ok := t.Export().(error); ok {
			var ee *ExpressionError
			if errors.As(e, &ee) {
				return ee
			}
		}
		return nil
	}
	return fmt.Errorf("expressions: internal error: %v", r)
}

// throw raises err in JavaScript; an *ExpressionError keeps failing the
// node when it reaches Go again.
func (v *vm) throw(err error) {
	panic(v.rt.NewGoError(err))
}

// throwExpr raises an ExpressionError with message and description.
func (v *vm) throwExpr(msg, desc string) {
	v.throw(&ExpressionError{Message: msg, Description: desc})
}
