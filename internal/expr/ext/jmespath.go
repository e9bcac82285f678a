package ext

import (
	"encoding/json"

	"github.com/dop251/goja"
	"github.com/jmespath/go-jmespath"
)

// installJMESPath installs $jmespath(obj, expr) (n8n's jmespath.search).
func (e *env) installJMESPath() error {
	rt := e.rt
	fn := func(call goja.FunctionCall) goja.Value {
		obj, q := call.Argument(0), call.Argument(1)
		if _, ok := q.Export().(string); !ok {
			throwExt(rt, "expression must be a string", "")
		}
		// Plain JSON values: round-trip through JSON so numbers are float64
		// as JMESPath expects and DateTimes become their ISO strings.
		var data any
		if !isNullish(obj) {
			s, err := json.Marshal(exportJSON(rt, obj))
			if err != nil {
				panic(rt.NewTypeError(err.Error()))
			}
			if err := json.Unmarshal(s, &data); err != nil {
				panic(rt.NewTypeError(err.Error()))
			}
		}
		res, err := jmespath.Search(q.String(), data)
		if err != nil {
			panic(rt.NewTypeError(err.Error()))
		}
		return rt.ToValue(toJSValue(rt, res))
	}
	return rt.Set("$jmespath", fn)
}

// exportJSON turns a JS value into Go data as JSON.stringify would see it.
func exportJSON(rt *goja.Runtime, v goja.Value) any {
	j, ok := goja.AssertFunction(rt.Get("JSON").(*goja.Object).Get("stringify"))
	if !ok {
		return v.Export()
	}
	s, err := j(goja.Undefined(), v)
	if err != nil || isNullish(s) {
		return nil
	}
	return json.RawMessage(s.String())
}

// toJSValue converts decoded JSON data into values goja turns into plain
// JS arrays and objects.
func toJSValue(rt *goja.Runtime, v any) any {
	switch x := v.(type) {
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = toJSValue(rt, e)
		}
		return rt.NewArray(out...)
	case map[string]any:
		o := rt.NewObject()
		for k, e := range x {
			_ = o.Set(k, toJSValue(rt, e))
		}
		return o
	}
	return v
}
