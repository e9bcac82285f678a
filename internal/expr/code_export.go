package expr

import (
	"reflect"
	"strconv"

	"github.com/dop251/goja"
	"github.com/noderun/noderun/nodes"
)

// Export types of plain JavaScript objects and arrays (cheap to ask for,
// unlike Export, which converts the whole value).
var (
	plainObjectType = reflect.TypeOf(map[string]any(nil))
	plainArrayType  = reflect.TypeOf([]any(nil))
)

// exportCode converts a code result to Go as export does, walking plain
// objects and arrays itself (export asks goja to convert each object just
// to learn its kind) and refusing arrays longer than MaxArrayLength before
// allocating them.
func (c *CodeRunner) exportCode(val goja.Value, depth int) (any, error) {
	obj, ok := val.(*goja.Object)
	if !ok || depth > maxExportDepth {
		return c.vm.export(val, depth), nil
	}
	switch obj.ClassName() {
	case "Array":
		n := obj.Get("length").ToInteger()
		if n > int64(c.opts.MaxArrayLength) {
			return nil, &CodeError{Type: "RangeError", Message: "Invalid array length"}
		}
		if obj.ExportType() != plainArrayType {
			return c.vm.export(val, depth), nil // lazy arrays over Go data
		}
		out := make([]any, n)
		for i := range n {
			e, err := c.exportCode(obj.Get(strconv.FormatInt(i, 10)), depth+1)
			if err != nil {
				return nil, err
			}
			out[i] = e
		}
		return out, nil
	case "Object":
		if obj.ExportType() != plainObjectType {
			return c.vm.export(val, depth), nil // lazy JSON, DateTime, host objects
		}
		keys := obj.Keys()
		out := make(map[string]any, len(keys))
		order := make([]string, 0, len(keys))
		for _, k := range keys {
			e := obj.Get(k)
			if e == nil || goja.IsUndefined(e) {
				continue
			}
			if eo, ok := e.(*goja.Object); ok {
				if _, isFunc := goja.AssertFunction(eo); isFunc {
					continue
				}
			}
			x, err := c.exportCode(e, depth+1)
			if err != nil {
				return nil, err
			}
			out[k] = x
			order = append(order, k)
		}
		nodes.SetKeyOrder(out, order)
		return out, nil
	}
	return c.vm.export(val, depth), nil
}
