package jsvalue

import "math"

// Truthy is JavaScript's Boolean(v): null, false, "", 0 and NaN are
// false; every other value (objects and arrays included) is true.
func Truthy(v any) bool {
	switch x := v.(type) {
	case nil:
		return false
	case bool:
		return x
	case string:
		return x != ""
	}
	if f, ok := ToFloat(v); ok {
		return f != 0 && !math.IsNaN(f)
	}
	return true
}
