package ext

import "github.com/dop251/goja"

// ExtensionError is n8n's ExpressionExtensionError: an extension method
// used wrongly (unknown hash algorithm, unparsable date, a method called on
// the wrong type ...). Unlike other runtime errors in an expression, n8n
// does not swallow it: it fails the node.
type ExtensionError struct {
	Message     string
	Description string
}

func (e *ExtensionError) Error() string { return e.Message }

// throwExt panics with a JS error wrapping an *ExtensionError; goja turns
// the panic into a thrown exception.
func throwExt(rt *goja.Runtime, msg, desc string) {
	o := rt.NewGoError(&ExtensionError{Message: msg, Description: desc})
	_ = o.Set("name", "ExpressionExtensionError")
	if desc != "" {
		_ = o.Set("description", desc)
	}
	panic(o)
}
