package transform

import (
	"strings"

	"github.com/noderun/noderun/internal/fieldpath"
)

// getField reads path from v with lodash get semantics, or the top-level key
// path itself when dot notation is disabled. ok is false when absent.
func getField(v any, path string, disableDot bool) (any, bool) {
	if disableDot {
		m, ok := v.(map[string]any)
		if !ok {
			return nil, false
		}
		r, ok := m[path]
		return r, ok
	}
	return fieldpath.Get(v, path)
}

// getValue is getField without the presence flag (undefined is nil).
func getValue(v any, path string, disableDot bool) any {
	r, _ := getField(v, path, disableDot)
	return r
}

// setField writes value at path in m (lodash set: missing containers are
// created, an array when the next key is an index), or at the top-level key
// when dot notation is disabled.
func setField(m map[string]any, path string, value any, disableDot bool) {
	if disableDot {
		m[path] = value
		return
	}
	fieldpath.Set(m, path, value)
}

// unsetField deletes path from m (lodash unset), or the top-level key when
// dot notation is disabled.
func unsetField(m map[string]any, path string, disableDot bool) {
	if disableDot {
		delete(m, path)
		return
	}
	fieldpath.Delete(m, path)
}

// splitFieldList splits a comma-separated field list, trimming blanks away
// (n8n's prepareFieldsArray for strings).
func splitFieldList(s string) []string {
	var out []string
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}
