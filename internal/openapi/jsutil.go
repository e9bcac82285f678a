package openapi

import (
	"encoding/json"
	"strings"
	"unicode/utf16"
)

// jsTruthy is JavaScript's Boolean(v) for ordered JSON values.
func jsTruthy(v any) bool {
	switch t := v.(type) {
	case nil, undefinedType:
		return false
	case bool:
		return t
	case string:
		return t != ""
	case json.Number:
		f, err := t.Float64()
		return err == nil && f != 0
	case float64:
		return t != 0
	case int:
		return t != 0
	}
	return true
}

// jsToString is lodash's toString: null and undefined give "", numbers
// print as JavaScript prints them, arrays join their elements with ",".
func jsToString(v any) string {
	switch t := v.(type) {
	case nil, undefinedType:
		return ""
	case string:
		return t
	case bool:
		if t {
			return "true"
		}
		return "false"
	case json.Number:
		f, err := t.Float64()
		if err != nil {
			return t.String()
		}
		return jsNumber(f)
	case float64:
		return jsNumber(t)
	case []any:
		parts := make([]string, len(t))
		for i, e := range t {
			parts[i] = jsToString(e)
		}
		return strings.Join(parts, ",")
	}
	return "[object Object]"
}

func jsTypeName(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case undefinedType:
		return "undefined"
	case *Object:
		return "an object"
	case []any:
		return "an array"
	case string:
		return "a string"
	case json.Number:
		return "a number"
	case bool:
		return "a boolean"
	}
	return "a value"
}

func utf16Units(s string) []string {
	units := utf16.Encode([]rune(s))
	out := make([]string, len(units))
	for i, u := range units {
		out[i] = string(utf16.Decode([]uint16{u}))
	}
	return out
}
