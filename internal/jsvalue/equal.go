package jsvalue

import (
	"math"
	"reflect"
)

// DeepEqual is lodash's isEqual on JSON values: numbers of any Go type
// compare by value (NaN equals NaN), objects and arrays element by
// element, anything else as reflect.DeepEqual does.
func DeepEqual(a, b any) bool {
	if af, ok := ToFloat(a); ok {
		bf, ok := ToFloat(b)
		return ok && (af == bf || math.IsNaN(af) && math.IsNaN(bf))
	}
	switch x := a.(type) {
	case map[string]any:
		y, ok := b.(map[string]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for k, v := range x {
			w, ok := y[k]
			if !ok || !DeepEqual(v, w) {
				return false
			}
		}
		return true
	case []any:
		y, ok := b.([]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for i := range x {
			if !DeepEqual(x[i], y[i]) {
				return false
			}
		}
		return true
	}
	switch b.(type) {
	case map[string]any, []any:
		return false
	}
	return reflect.DeepEqual(a, b)
}
