package routing

import (
	"github.com/noderun/noderun/internal/fieldpath"
	"github.com/noderun/noderun/internal/jsvalue"
)

// setPath assigns value at a lodash path ("a.b", "a[0].b") inside obj like
// lodash set on a fresh object merged into the request options: objects are
// created on the way (arrays where the next key is an index) and the value
// is merged with what is already there.
func setPath(obj map[string]any, path string, value any) {
	parts := fieldpath.Split(path)
	if len(parts) == 0 {
		return
	}
	obj[parts[0]] = setIn(obj[parts[0]], parts[1:], value)
}

func setIn(cur any, parts []string, value any) any {
	if len(parts) == 0 {
		return jsvalue.Merge(cur, value)
	}
	p := parts[0]
	if idx, ok := fieldpath.Index(p); ok {
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

// getPath reads a lodash path from a JSON value (lodash get).
func getPath(v any, path string) (any, bool) { return fieldpath.Get(v, path) }
