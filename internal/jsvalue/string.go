package jsvalue

import (
	"strconv"
	"strings"
)

// String is JavaScript's String(v) for a JSON value: null as "null",
// numbers as FormatNumber writes them (Go integer types exactly), arrays
// as their elements joined with commas (null elements empty), objects as
// "[object Object]". A value of any other type renders as its String()
// method when it has one, else "[object Object]".
func String(v any) string { return StringWith(v, objectString) }

// StringWith is String with fallback rendering the values String does
// not know (not JSON values, Go numbers or json.Number), also inside
// arrays.
func StringWith(v any, fallback func(any) string) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case string:
		return x
	case bool:
		return strconv.FormatBool(x)
	case float64:
		return FormatNumber(x)
	case int:
		return strconv.Itoa(x)
	case int64:
		return strconv.FormatInt(x, 10)
	case map[string]any:
		return "[object Object]"
	case []any:
		parts := make([]string, len(x))
		for i, e := range x {
			if e != nil { // null and undefined join as empty
				parts[i] = StringWith(e, fallback)
			}
		}
		return strings.Join(parts, ",")
	}
	if f, ok := ToFloat(v); ok {
		return FormatNumber(f)
	}
	return fallback(v)
}

// objectString renders a non-JSON value: its String method, or
// "[object Object]".
func objectString(v any) string {
	if s, ok := v.(interface{ String() string }); ok {
		return s.String()
	}
	return "[object Object]"
}
