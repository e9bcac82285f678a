package transform

import (
	"strconv"
	"strings"
)

// pathKeys splits a lodash property path ("a.b[0].c", "a['x']") into keys.
func pathKeys(path string) []string {
	var keys []string
	var cur strings.Builder
	flush := func(force bool) {
		if cur.Len() > 0 || force {
			keys = append(keys, cur.String())
			cur.Reset()
		}
	}
	for i := 0; i < len(path); i++ {
		c := path[i]
		switch c {
		case '.':
			if i == 0 || path[i-1] == '.' {
				flush(true)
			} else {
				flush(false)
			}
		case '[':
			flush(false)
			end := strings.IndexByte(path[i:], ']')
			if end < 0 {
				cur.WriteString(path[i:])
				i = len(path)
				continue
			}
			inner := path[i+1 : i+end]
			if len(inner) >= 2 && (inner[0] == '"' || inner[0] == '\'') && inner[len(inner)-1] == inner[0] {
				inner = inner[1 : len(inner)-1]
			}
			keys = append(keys, inner)
			i += end
		default:
			cur.WriteByte(c)
		}
	}
	flush(false)
	if len(keys) == 0 {
		return []string{path}
	}
	return keys
}

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
	if m, ok := v.(map[string]any); ok {
		if r, ok := m[path]; ok {
			return r, true
		}
	}
	cur := v
	for _, k := range pathKeys(path) {
		switch c := cur.(type) {
		case map[string]any:
			n, ok := c[k]
			if !ok {
				return nil, false
			}
			cur = n
		case []any:
			idx, err := strconv.Atoi(k)
			if err != nil || idx < 0 || idx >= len(c) {
				if k == "length" {
					cur = float64(len(c))
					continue
				}
				return nil, false
			}
			cur = c[idx]
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
	setIn(m, pathKeys(path), value)
}

// setIn sets keys inside cur and returns the (possibly grown) container.
func setIn(cur any, keys []string, value any) any {
	if len(keys) == 0 {
		return value
	}
	k := keys[0]
	child := func(existing any) any {
		if len(keys) > 1 && !isContainer(existing) {
			return newContainer(keys[1])
		}
		return existing
	}
	switch c := cur.(type) {
	case map[string]any:
		c[k] = setIn(child(c[k]), keys[1:], value)
		return c
	case []any:
		idx, ok := arrayIndex(k)
		if !ok {
			return c
		}
		for len(c) <= idx {
			c = append(c, nil)
		}
		c[idx] = setIn(child(c[idx]), keys[1:], value)
		return c
	}
	return cur
}

func arrayIndex(k string) (int, bool) {
	n, err := strconv.Atoi(k)
	if err != nil || n < 0 || strconv.Itoa(n) != k {
		return 0, false
	}
	return n, true
}

func isContainer(v any) bool {
	switch v.(type) {
	case map[string]any, []any:
		return true
	}
	return false
}

func newContainer(nextKey string) any {
	if _, ok := arrayIndex(nextKey); ok {
		return []any{}
	}
	return map[string]any{}
}

// unsetField deletes path from m (lodash unset), or the top-level key when
// dot notation is disabled.
func unsetField(m map[string]any, path string, disableDot bool) {
	if disableDot {
		delete(m, path)
		return
	}
	if _, ok := m[path]; ok {
		delete(m, path)
		return
	}
	keys := pathKeys(path)
	var cur any = m
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
			idx, err := strconv.Atoi(k)
			if err != nil || idx < 0 || idx >= len(c) {
				return
			}
			if last {
				c[idx] = nil
				return
			}
			cur = c[idx]
		default:
			return
		}
	}
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
