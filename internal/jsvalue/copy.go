package jsvalue

// Clone deep-copies a JSON value: maps and slices are copied recursively
// (a nil map or slice becomes an empty one), other values are shared.
// Recorded key orders (nodes.SetKeyOrder) are not carried over; use
// nodes.DeepCopy to keep them.
func Clone(v any) any {
	switch t := v.(type) {
	case map[string]any:
		m := make(map[string]any, len(t))
		for k, x := range t {
			m[k] = Clone(x)
		}
		return m
	case []any:
		s := make([]any, len(t))
		for i, x := range t {
			s[i] = Clone(x)
		}
		return s
	}
	return v
}

// Merge deep-merges src into dst as lodash merge does and returns the
// value for dst's slot: objects merge key by key, arrays merge index by
// index, a missing key (undefined) never overwrites, other values replace.
// dst's objects and arrays are modified in place (arrays may grow, so use
// the result); everything taken from src is copied, never shared.
func Merge(dst, src any) any {
	switch s := src.(type) {
	case map[string]any:
		d, ok := dst.(map[string]any)
		if !ok {
			d = make(map[string]any, len(s))
		}
		for k, v := range s {
			d[k] = Merge(d[k], v)
		}
		return d
	case []any:
		d, ok := dst.([]any)
		if !ok {
			d = make([]any, 0, len(s))
		}
		for i, v := range s {
			if i < len(d) {
				d[i] = Merge(d[i], v)
			} else {
				d = append(d, Merge(nil, v))
			}
		}
		return d
	}
	return src
}
