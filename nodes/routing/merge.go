package routing

import (
	"strconv"
	"strings"
)

// mergeValue deep-merges src into dst like lodash merge: objects merge key by
// key, arrays merge by index, undefined (here: a missing key) never
// overwrites, and everything copied from src is copied, never shared.
// It returns the merged value for dst's slot.
func mergeValue(dst, src any) any {
	switch s := src.(type) {
	case map[string]any:
		d, ok := dst.(map[string]any)
		if !ok {
			d = make(map[string]any, len(s))
		}
		for k, v := range s {
			d[k] = mergeValue(d[k], v)
		}
		return d
	case []any:
		d, ok := dst.([]any)
		if !ok {
			d = make([]any, 0, len(s))
		}
		for i, v := range s {
			if i < len(d) {
				d[i] = mergeValue(d[i], v)
			} else {
				d = append(d, mergeValue(nil, v))
			}
		}
		return d
	}
	return src
}

// mergeMap merges src into dst (both objects).
func mergeMap(dst, src map[string]any) {
	for k, v := range src {
		dst[k] = mergeValue(dst[k], v)
	}
}

// setPath assigns value at a lodash path ("a.b", "a[0].b") inside obj like
// lodash set on a fresh object merged into the request options: objects are
// created on the way (arrays where the next key is an index) and the value
// is merged with what is already there.
func setPath(obj map[string]any, path string, value any) {
	parts := splitPath(path)
	if len(parts) == 0 {
		return
	}
	obj[parts[0]] = setIn(obj[parts[0]], parts[1:], value)
}

func setIn(cur any, parts []string, value any) any {
	if len(parts) == 0 {
		return mergeValue(cur, value)
	}
	p := parts[0]
	if idx, err := strconv.Atoi(p); err == nil && idx >= 0 {
		if m, ok := cur.(map[string]any); ok {
			m[p] = setIn(m[p], parts[1:], value)
			return m
		}
		arr, _ := cur.([]any)
		for len(arr) <= idx {
			arr = append(arr, nil)
		}
		arr[idx] = setIn(arr[idx], parts[1:], value)
		return arr
	}
	m, ok := cur.(map[string]any)
	if !ok {
		m = map[string]any{}
	}
	m[p] = setIn(m[p], parts[1:], value)
	return m
}

// splitPath splits a lodash path: "a.b[0].c" and a["b"] forms.
func splitPath(path string) []string {
	var parts []string
	var cur strings.Builder
	flush := func() {
		if cur.Len() > 0 {
			parts = append(parts, cur.String())
			cur.Reset()
		}
	}
	for i := 0; i < len(path); i++ {
		switch c := path[i]; c {
		case '.':
			flush()
		case '[':
			flush()
			j := strings.IndexByte(path[i:], ']')
			if j < 0 {
				cur.WriteString(path[i:])
				i = len(path)
				continue
			}
			parts = append(parts, strings.Trim(path[i+1:i+j], `"'`))
			i += j
		default:
			cur.WriteByte(c)
		}
	}
	flush()
	return parts
}

// getPath reads a lodash path from a JSON value (nil when absent).
func getPath(v any, path string) (any, bool) {
	if m, ok := v.(map[string]any); ok {
		if x, ok := m[path]; ok {
			return x, true
		}
	}
	cur := v
	for _, p := range splitPath(path) {
		switch c := cur.(type) {
		case map[string]any:
			x, ok := c[p]
			if !ok {
				return nil, false
			}
			cur = x
		case []any:
			i, err := strconv.Atoi(p)
			if err != nil || i < 0 || i >= len(c) {
				return nil, false
			}
			cur = c[i]
		default:
			return nil, false
		}
	}
	return cur, true
}
