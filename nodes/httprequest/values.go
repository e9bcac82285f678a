package httprequest

import (
	"strconv"
	"strings"

	"github.com/noderun/noderun/internal/jsvalue"
)

// str returns v as a string the way the node reads string parameters:
// strings as they are, numbers and booleans formatted, nil as "".
func str(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	}
	return jsvalue.String(v)
}

// num returns v as a number (numbers, numeric strings), ok false otherwise.
func num(v any) (float64, bool) {
	switch x := v.(type) {
	case float64:
		return x, true
	case int:
		return float64(x), true
	case int64:
		return float64(x), true
	case string:
		f, err := strconv.ParseFloat(strings.TrimSpace(x), 64)
		return f, err == nil
	}
	return 0, false
}

// obj returns v as an object, or nil.
func obj(v any) map[string]any {
	m, _ := v.(map[string]any)
	return m
}

// path reads a nested key of nested objects ("response.response").
func path(m map[string]any, keys ...string) any {
	var cur any = m
	for _, k := range keys {
		o := obj(cur)
		if o == nil {
			return nil
		}
		cur = o[k]
	}
	return cur
}

// deepMerge merges src into dst like lodash merge: objects recursively,
// arrays by index, other values replaced. dst is modified and returned.
func deepMerge(dst, src map[string]any) map[string]any {
	if dst == nil {
		dst = map[string]any{}
	}
	for k, sv := range src {
		switch s := sv.(type) {
		case map[string]any:
			d, ok := dst[k].(map[string]any)
			if !ok {
				d = map[string]any{}
			}
			dst[k] = deepMerge(d, s)
		case []any:
			d, ok := dst[k].([]any)
			if !ok {
				d = nil
			}
			for i, e := range s {
				if i < len(d) {
					if em, ok := e.(map[string]any); ok {
						if dm, ok := d[i].(map[string]any); ok {
							d[i] = deepMerge(dm, em)
							continue
						}
					}
					d[i] = e
				} else {
					d = append(d, e)
				}
			}
			dst[k] = d
		default:
			dst[k] = sv
		}
	}
	return dst
}

// copyMap returns a deep copy of a JSON object (nil stays nil).
func copyMap(m map[string]any) map[string]any {
	if m == nil {
		return nil
	}
	return jsvalue.Clone(m).(map[string]any)
}
