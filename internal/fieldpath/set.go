package fieldpath

import "strings"

// undefinedValue is the type of Undefined.
type undefinedValue struct{}

// Undefined stands for JavaScript's undefined as a value to Set: the
// path's containers are created, but an object key is left unset, and an
// array element becomes null (as JSON writes it).
var Undefined any = undefinedValue{}

// Set is lodash set: it writes v at path in root, replacing intermediate
// values that are not containers by objects, or arrays when the next key
// is an index. Arrays only take index keys; other keys on an array are
// ignored (they would not survive JSON).
func Set(root map[string]any, path string, v any) {
	if !strings.ContainsAny(path, ".[") {
		// A plain property name (Keys would return it alone): no slice
		// allocated per call.
		keys := [1]string{path}
		SetKeys(root, keys[:], v)
		return
	}
	SetKeys(root, Keys(root, path), v)
}

// SetKeys is Set for a path already split into keys; no keys sets nothing.
func SetKeys(root map[string]any, keys []string, v any) {
	if len(keys) > 0 {
		setIn(root, keys, v)
	}
}

func setIn(container any, keys []string, v any) any {
	k := keys[0]
	last := len(keys) == 1
	switch c := container.(type) {
	case map[string]any:
		if last {
			if v != Undefined {
				c[k] = v
			}
			return c
		}
		c[k] = setIn(nextContainer(c[k], keys[1]), keys[1:], v)
		return c
	case []any:
		n, ok := Index(k)
		if !ok {
			return c
		}
		for len(c) <= n {
			c = append(c, nil)
		}
		if last {
			if v == Undefined {
				v = nil
			}
			c[n] = v
			return c
		}
		c[n] = setIn(nextContainer(c[n], keys[1]), keys[1:], v)
		return c
	}
	return container
}

func nextContainer(cur any, nextKey string) any {
	switch cur.(type) {
	case map[string]any, []any:
		return cur
	}
	if _, ok := Index(nextKey); ok {
		return []any{}
	}
	return map[string]any{}
}

// Delete is lodash unset: it removes the key at path; an array element
// becomes null (delete leaves a hole, which JSON writes as null).
func Delete(root map[string]any, path string) {
	keys := Keys(root, path)
	var cur any = root
	for i, k := range keys {
		last := i == len(keys)-1
		switch c := cur.(type) {
		case map[string]any:
			if last {
				delete(c, k)
				return
			}
			cur = c[k]
		case []any:
			n, ok := Index(k)
			if !ok || n >= len(c) {
				return
			}
			if last {
				c[n] = nil
				return
			}
			cur = c[n]
		default:
			return
		}
	}
}
