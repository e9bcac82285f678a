package files

import (
	"strconv"
	"strings"

	"github.com/noderun/noderun/nodes"
)

// pathKeys splits a lodash property path ("a.b[0].c", `a["x.y"]`) into keys.
func pathKeys(p string) []string {
	var keys []string
	var cur strings.Builder
	flush := func(force bool) {
		if cur.Len() > 0 || force {
			keys = append(keys, cur.String())
			cur.Reset()
		}
	}
	for i := 0; i < len(p); i++ {
		c := p[i]
		switch c {
		case '.':
			flush(i == 0 || p[i-1] == '.')
		case '[':
			flush(false)
			end := strings.IndexByte(p[i:], ']')
			if end < 0 {
				cur.WriteString(p[i:])
				i = len(p)
				continue
			}
			inner := p[i+1 : i+end]
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
	return keys
}

// getPath reads a lodash path from v; ok is false when it does not exist.
func getPath(v any, p string) (any, bool) {
	if m, isMap := v.(map[string]any); isMap {
		if x, ok := m[p]; ok {
			return x, true
		}
	}
	cur := v
	for _, k := range pathKeys(p) {
		switch t := cur.(type) {
		case map[string]any:
			x, ok := t[k]
			if !ok {
				return nil, false
			}
			cur = x
		case []any:
			n, err := strconv.Atoi(k)
			if err != nil || n < 0 || n >= len(t) {
				return nil, false
			}
			cur = t[n]
		default:
			return nil, false
		}
	}
	return cur, true
}

// setPath writes value at a lodash path in m, creating objects on the way
// (arrays where the next key is an index), as lodash's set does.
func setPath(m map[string]any, p string, value any) {
	keys := pathKeys(p)
	if len(keys) == 0 {
		m[""] = value
		return
	}
	var cur any = m
	for i, k := range keys {
		last := i == len(keys)-1
		switch t := cur.(type) {
		case map[string]any:
			if last {
				appendKey(t, k)
				t[k] = value
				return
			}
			next, ok := t[k]
			if _, isObj := next.(map[string]any); !isObj {
				if _, isArr := next.([]any); !isArr || !ok {
					next = newContainer(keys[i+1])
					appendKey(t, k)
					t[k] = next
				}
			}
			if arr, isArr := next.([]any); isArr {
				idx, _ := strconv.Atoi(keys[i+1])
				if idx >= len(arr) {
					grown := make([]any, idx+1)
					copy(grown, arr)
					t[k] = grown
					next = grown
				}
			}
			cur = next
		case []any:
			n, _ := strconv.Atoi(k)
			if n < 0 || n >= len(t) {
				return
			}
			if last {
				t[n] = value
				return
			}
			if _, isObj := t[n].(map[string]any); !isObj {
				t[n] = newContainer(keys[i+1])
			}
			cur = t[n]
		default:
			return
		}
	}
}

// appendKey keeps m's recorded key order when a new key is added.
func appendKey(m map[string]any, k string) {
	if _, exists := m[k]; exists {
		return
	}
	if order, ok := nodes.KeyOrder(m); ok {
		nodes.SetKeyOrder(m, append(append([]string(nil), order...), k))
	}
}

func newContainer(nextKey string) any {
	if n, err := strconv.Atoi(nextKey); err == nil && n >= 0 {
		return make([]any, n+1)
	}
	return map[string]any{}
}
