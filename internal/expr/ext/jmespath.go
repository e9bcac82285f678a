package ext

import (
	"bytes"
	"encoding/json"
	"reflect"
	"sort"

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
		order := keyOrder{}
		var data any
		if !isNullish(obj) {
			raw, ok := stringifyJS(rt, obj)
			if ok {
				var err error
				if data, err = order.decode(raw); err != nil {
					panic(rt.NewTypeError(err.Error()))
				}
			}
		}
		res, err := jmespath.Search(q.String(), data)
		if err != nil {
			panic(rt.NewTypeError(err.Error()))
		}
		return order.toJS(rt, res)
	}
	return rt.Set("$jmespath", fn)
}

// stringifyJS is JSON.stringify(v) (DateTimes become their ISO strings).
func stringifyJS(rt *goja.Runtime, v goja.Value) ([]byte, bool) {
	j, ok := goja.AssertFunction(rt.Get("JSON").(*goja.Object).Get("stringify"))
	if !ok {
		return nil, false
	}
	s, err := j(goja.Undefined(), v)
	if err != nil || isNullish(s) {
		return nil, false
	}
	return []byte(s.String()), true
}

// keyOrder remembers the key order of every object decoded from the
// input, so objects JMESPath returns unchanged keep their JS key order.
type keyOrder map[uintptr][]string

func (k keyOrder) decode(raw []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	return k.value(dec)
}

func (k keyOrder) value(dec *json.Decoder) (any, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	switch t := tok.(type) {
	case json.Delim:
		if t == '[' {
			arr := []any{}
			for dec.More() {
				v, err := k.value(dec)
				if err != nil {
					return nil, err
				}
				arr = append(arr, v)
			}
			_, err := dec.Token()
			return arr, err
		}
		m := map[string]any{}
		var keys []string
		for dec.More() {
			kt, err := dec.Token()
			if err != nil {
				return nil, err
			}
			key, _ := kt.(string)
			v, err := k.value(dec)
			if err != nil {
				return nil, err
			}
			if _, dup := m[key]; !dup {
				keys = append(keys, key)
			}
			m[key] = v
		}
		k[reflect.ValueOf(m).Pointer()] = keys
		_, err := dec.Token()
		return m, err
	case json.Number:
		f, err := t.Float64()
		return f, err
	default:
		return t, nil
	}
}

// toJS converts a JMESPath result into plain JS values: known objects in
// their original key order, new ones (multiselect hashes) sorted.
func (k keyOrder) toJS(rt *goja.Runtime, v any) goja.Value {
	switch x := v.(type) {
	case nil:
		return goja.Null()
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = k.toJS(rt, e)
		}
		return rt.NewArray(out...)
	case map[string]any:
		keys, ok := k[reflect.ValueOf(x).Pointer()]
		if !ok {
			keys = make([]string, 0, len(x))
			for key := range x {
				keys = append(keys, key)
			}
			sort.Strings(keys)
		}
		o := rt.NewObject()
		for _, key := range keys {
			_ = o.Set(key, k.toJS(rt, x[key]))
		}
		return o
	}
	return rt.ToValue(v)
}
