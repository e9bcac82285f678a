package transform

import (
	"encoding/json"

	"github.com/noderun/noderun/internal/jsvalue"
)

// copyObject returns a deep copy of an item's JSON object ({} when the
// payload is not an object).
func copyObject(v any) map[string]any {
	if m, ok := jsvalue.Clone(v).(map[string]any); ok {
		return m
	}
	return map[string]any{}
}

// jsToNumber is JavaScript's Number(v) for JSON values (undefined is NaN).
func jsToNumber(v any) float64 {
	f, _ := jsvalue.ToNumber(v)
	return f
}

// jsLess is JavaScript's a < b (lodash lt) for JSON values; missing
// values are passed as nil with present=false and behave as undefined.
func jsLess(a, b any, aPresent, bPresent bool) bool {
	if !aPresent || !bPresent {
		return false // undefined converts to NaN
	}
	as, aStr := a.(string)
	bs, bStr := b.(string)
	if aStr && bStr {
		return utf16Less(as, bs)
	}
	pa, pb := jsPrimitive(a), jsPrimitive(b)
	as, aStr = pa.(string)
	bs, bStr = pb.(string)
	if aStr && bStr {
		return utf16Less(as, bs)
	}
	return jsToNumber(pa) < jsToNumber(pb)
}

// jsPrimitive converts objects and arrays to their string form (ToPrimitive).
func jsPrimitive(v any) any {
	switch v.(type) {
	case map[string]any, []any:
		return jsString(v)
	}
	return v
}

// utf16Less compares strings by UTF-16 code units as JavaScript does.
func utf16Less(a, b string) bool {
	ra, rb := []rune(a), []rune(b)
	for i := 0; i < len(ra) && i < len(rb); i++ {
		ca, cb := utf16Key(ra[i]), utf16Key(rb[i])
		if ca != cb {
			return ca < cb
		}
	}
	return len(ra) < len(rb)
}

func utf16Key(r rune) rune {
	if r >= 0x10000 {
		return 0xD800 + ((r - 0x10000) >> 10)
	}
	return r
}

// jsString is JavaScript's String(v) for JSON values; other Go values
// render as their JSON text.
func jsString(v any) string { return jsvalue.StringWith(v, marshalString) }

// marshalString renders a value that is not JSON-like as its JSON text.
func marshalString(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// jsonString is JSON.stringify for JSON values.
func jsonString(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return ""
	}
	return string(b)
}

// isEmptyValue is n8n's "empty": undefined, null or "".
func isEmptyValue(v any, present bool) bool {
	if !present || v == nil {
		return true
	}
	s, ok := v.(string)
	return ok && s == ""
}

// lodashMerge deep-merges sources into a copy of target (lodash merge):
// plain objects merge recursively, arrays merge index by index, and
// undefined (absent) source values never overwrite.
func lodashMerge(target map[string]any, sources ...map[string]any) map[string]any {
	out := copyObject(target)
	for _, s := range sources {
		for k, v := range s {
			out[k] = jsvalue.Merge(out[k], v)
		}
	}
	return out
}

// mergeWithEmpty is lodash mergeWith (deep) or assignWith (shallow) with
// n8n's "minimize empty fields" customizer: an empty source value (null or
// "") keeps the target's value when the target has one.
func mergeWithEmpty(target map[string]any, deep bool, sources ...map[string]any) map[string]any {
	out := copyObject(target)
	for _, s := range sources {
		for k, v := range s {
			cur, has := out[k]
			if isEmptyValue(v, true) && has && cur != nil {
				continue
			}
			if deep {
				out[k] = mergeValueEmpty(cur, v)
			} else {
				out[k] = v
			}
		}
	}
	return out
}

func mergeValueEmpty(dst, src any) any {
	s, ok := src.(map[string]any)
	if !ok {
		return jsvalue.Merge(dst, src)
	}
	d, ok := dst.(map[string]any)
	if !ok {
		d = map[string]any{}
	}
	return mergeWithEmpty(d, true, s)
}

// assign is Object.assign onto a copy of target.
func assign(target map[string]any, sources ...map[string]any) map[string]any {
	out := make(map[string]any, len(target))
	for k, v := range target {
		out[k] = v
	}
	for _, s := range sources {
		for k, v := range s {
			out[k] = v
		}
	}
	return out
}
