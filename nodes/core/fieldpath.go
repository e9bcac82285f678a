package core

import (
	"strings"

	"github.com/noderun/noderun/internal/fieldpath"
)

// This file applies n8n's dot-notation switch to the lodash path helpers
// of internal/fieldpath: plain keys (sanitized) when dot notation is off.

// undefined is JavaScript's undefined as a value to set (see
// fieldpath.Undefined).
var undefined = fieldpath.Undefined

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
		return fieldpath.Get(obj, key)
	}
	v, ok := obj[sanitizeDataPathKey(obj, key)]
	return v, ok
}

func (h fieldHelper) set(obj map[string]any, key string, v any) {
	if h.dotNotation {
		fieldpath.Set(obj, key, v)
		return
	}
	if v != undefined {
		obj[sanitizeDataPathKey(obj, key)] = v
	}
}

func (h fieldHelper) unset(obj map[string]any, key string) {
	if h.dotNotation {
		fieldpath.Delete(obj, key)
		return
	}
	delete(obj, sanitizeDataPathKey(obj, key))
}
