package core

import (
	"strconv"
	"strings"
)

// This file implements the lodash get/set/unset path semantics n8n's nodes
// use for dot notation ("a.b[0].c", `a["x.y"]`), and the plain-key
// variants used when dot notation is off.

// toPath splits a lodash property path into keys: "a.b[0]['c.d']" gives
// a, b, 0, c.d; empty segments ("a..b", "a.") are kept as lodash does.
func toPath(path string) []string {
	var keys []string
	var cur strings.Builder
	afterDot := false
	for i := 0; i < len(path); {
		switch c := path[i]; c {
		case '.':
			if cur.Len() > 0 || afterDot || i == 0 {
				keys = append(keys, cur.String())
			}
			cur.Reset()
			afterDot = true
			i++
		case '[':
			end := strings.IndexByte(path[i:], ']')
			if end < 0 {
				cur.WriteString(path[i:])
				i = len(path)
				continue
			}
			if cur.Len() > 0 {
				keys = append(keys, cur.String())
				cur.Reset()
			}
			inner := path[i+1 : i+end]
			if len(inner) >= 2 && (inner[0] == '"' || inner[0] == '\'') && inner[len(inner)-1] == inner[0] {
				inner = strings.ReplaceAll(inner[1:len(inner)-1], `\`+string(inner[0]), string(inner[0]))
			}
			keys = append(keys, inner)
			afterDot = false
			i += end + 1
		default:
			cur.WriteByte(c)
			afterDot = false
			i++
		}
	}
	if cur.Len() > 0 || afterDot {
		keys = append(keys, cur.String())
	}
	return keys
}

// pathKeys returns the keys of path against object, treating path as one
// key when it is a plain property or an existing key (lodash isKey).
func pathKeys(obj map[string]any, path string) []string {
	if !strings.ContainsAny(path, ".[") {
		return []string{path}
	}
	if _, ok := obj[path]; ok {
		return []string{path}
	}
	return toPath(path)
}

func arrayIndex(key string) (int, bool) {
	if key == "" || (len(key) > 1 && key[0] == '0') {
		return 0, false
	}
	n, err := strconv.Atoi(key)
	if err != nil || n < 0 {
		return 0, false
	}
	return n, true
}

// getPath is lodash get: the value at path and whether it exists.
func getPath(obj map[string]any, path string) (any, bool) {
	var cur any = obj
	for _, k := range pathKeys(obj, path) {
		switch c := cur.(type) {
		case map[string]any:
			v, ok := c[k]
			if !ok {
				return nil, false
			}
			cur = v
		case []any:
			n, ok := arrayIndex(k)
			if !ok || n >= len(c) {
				if k == "length" {
					cur = float64(len(c))
					continue
				}
				return nil, false
			}
			cur = c[n]
		case string:
			if k == "length" {
				cur = float64(len([]rune(c)))
				continue
			}
			return nil, false
		default:
			return nil, false
		}
	}
	return cur, true
}

// undefined marks a value JavaScript would hold as undefined: setting it
// creates the path's containers, and the last key only inside an array
// (where JSON writes null); an object key holding undefined vanishes.
type undefinedValue struct{}

var undefined = undefinedValue{}

// setPath is lodash set: intermediate values that are not objects are
// replaced by objects, or arrays when the next key is an index.
func setPath(obj map[string]any, path string, v any) {
	keys := pathKeys(obj, path)
	setIn(obj, keys, v)
}

func setIn(container any, keys []string, v any) any {
	k := keys[0]
	last := len(keys) == 1
	switch c := container.(type) {
	case map[string]any:
		if last {
			if v != undefined {
				c[k] = v
			}
			return c
		}
		c[k] = setIn(nextContainer(c[k], keys[1]), keys[1:], v)
		return c
	case []any:
		n, ok := arrayIndex(k)
		if !ok {
			// Arrays with named properties do not survive JSON; n8n
			// would drop them too.
			return c
		}
		for len(c) <= n {
			c = append(c, nil)
		}
		if last {
			if v == undefined {
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
	if _, ok := arrayIndex(nextKey); ok {
		return []any{}
	}
	return map[string]any{}
}

// unsetPath is lodash unset.
func unsetPath(obj map[string]any, path string) {
	keys := pathKeys(obj, path)
	var cur any = obj
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
			n, ok := arrayIndex(k)
			if !ok || n >= len(c) {
				return
			}
			if last {
				c[n] = nil // delete leaves a hole, serialized as null
				return
			}
			cur = c[n]
		default:
			return
		}
	}
}

// sanitizeDataPathKey is n8n's sanitizeDataPathKey for dot notation off:
// ['key'] and ["key"] name key when it exists.
func sanitizeDataPathKey(obj map[string]any, key string) string {
	if _, ok := obj[key]; ok {
		return key
	}
	if (strings.HasPrefix(key, "['") && strings.HasSuffix(key, "']")) || (strings.HasPrefix(key, `["`) && strings.HasSuffix(key, `"]`)) {
		if len(key) >= 4 {
			key = key[2 : len(key)-2]
		}
	}
	return key
}

// fieldHelper gets, sets and unsets fields with or without dot notation.
type fieldHelper struct{ dotNotation bool }

func (h fieldHelper) get(obj map[string]any, key string) (any, bool) {
	if h.dotNotation {
		return getPath(obj, key)
	}
	v, ok := obj[sanitizeDataPathKey(obj, key)]
	return v, ok
}

func (h fieldHelper) set(obj map[string]any, key string, v any) {
	if h.dotNotation {
		setPath(obj, key, v)
		return
	}
	if v != undefined {
		obj[sanitizeDataPathKey(obj, key)] = v
	}
}

func (h fieldHelper) unset(obj map[string]any, key string) {
	if h.dotNotation {
		unsetPath(obj, key)
		return
	}
	delete(obj, sanitizeDataPathKey(obj, key))
}

// deepCopy copies JSON-like values (maps and slices) recursively.
func deepCopy(v any) any {
	switch x := v.(type) {
	case map[string]any:
		m := make(map[string]any, len(x))
		for k, e := range x {
			m[k] = deepCopy(e)
		}
		return m
	case []any:
		a := make([]any, len(x))
		for i, e := range x {
			a[i] = deepCopy(e)
		}
		return a
	}
	return v
}
