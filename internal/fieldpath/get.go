package fieldpath

import "strings"

// Get is lodash get: the value at path in root and whether it exists.
// Arrays and strings have a "length".
func Get(root any, path string) (any, bool) {
	if m, ok := root.(map[string]any); ok {
		// The common case, a plain or existing key, without splitting.
		if v, ok := m[path]; ok {
			return v, true
		}
		if !strings.ContainsAny(path, ".[") {
			return nil, false
		}
	}
	return GetKeys(root, Keys(root, path))
}

// Has is lodash has for paths Get can read.
func Has(root any, path string) bool {
	_, ok := Get(root, path)
	return ok
}

// GetKeys is Get for a path already split into keys.
func GetKeys(root any, keys []string) (any, bool) {
	cur := root
	for _, k := range keys {
		switch c := cur.(type) {
		case map[string]any:
			v, ok := c[k]
			if !ok {
				return nil, false
			}
			cur = v
		case []any:
			n, ok := Index(k)
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
