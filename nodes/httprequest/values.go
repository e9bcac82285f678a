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

// setPath is lodash set for "a.b[0].c" paths on an object: missing
// containers are created (an array when the next key is an index).
func setPath(root map[string]any, p string, v any) {
	keys := splitPath(p)
	if len(keys) == 0 {
		root[p] = v // lodash set with "" sets the "" key
		return
	}
	var set func(container any, keys []string) any
	set = func(container any, keys []string) any {
		k := keys[0]
		if idx, isIdx := index(k); isIdx {
			arr, _ := container.([]any)
			if container != nil && arr == nil {
				if m, ok := container.(map[string]any); ok {
					if len(keys) == 1 {
						m[k] = v
					} else {
						m[k] = set(m[k], keys[1:])
					}
					return m
				}
			}
			for len(arr) <= idx {
				arr = append(arr, nil)
			}
			if len(keys) == 1 {
				arr[idx] = v
			} else {
				arr[idx] = set(arr[idx], keys[1:])
			}
			return arr
		}
		m, ok := container.(map[string]any)
		if !ok {
			m = map[string]any{}
		}
		if len(keys) == 1 {
			m[k] = v
		} else {
			m[k] = set(m[k], keys[1:])
		}
		return m
	}
	first := keys[0]
	if len(keys) == 1 {
		root[first] = v
		return
	}
	root[first] = set(root[first], keys[1:])
}

// splitPath splits a lodash path: dots and [n] / ["key"] brackets.
func splitPath(p string) []string {
	var keys []string
	var cur strings.Builder
	flush := func() {
		if cur.Len() > 0 {
			keys = append(keys, cur.String())
			cur.Reset()
		}
	}
	for i := 0; i < len(p); i++ {
		c := p[i]
		switch c {
		case '.':
			flush()
		case '[':
			flush()
			end := strings.IndexByte(p[i:], ']')
			if end < 0 {
				cur.WriteString(p[i:])
				i = len(p)
				continue
			}
			k := strings.Trim(p[i+1:i+end], `"'`)
			keys = append(keys, k)
			i += end
		default:
			cur.WriteByte(c)
		}
	}
	flush()
	return keys
}

func index(k string) (int, bool) {
	if k == "" {
		return 0, false
	}
	n, err := strconv.Atoi(k)
	return n, err == nil && n >= 0 && strconv.Itoa(n) == k
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

// copyMap returns a deep copy of a JSON object.
func copyMap(m map[string]any) map[string]any {
	if m == nil {
		return nil
	}
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = copyValue(v)
	}
	return out
}

func copyValue(v any) any {
	switch x := v.(type) {
	case map[string]any:
		return copyMap(x)
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = copyValue(e)
		}
		return out
	}
	return v
}
