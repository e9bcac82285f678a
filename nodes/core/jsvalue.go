package core

import (
	"encoding/json"
	"strings"
	"time"

	"github.com/noderun/noderun/internal/jsvalue"
)

// This file gives Go values the JavaScript semantics n8n's nodes rely on:
// typeof, String(), Number() and Boolean() on JSON-like values.

// timeValue is implemented by DateTime values produced by expressions
// (n8n's Luxon DateTime). time.Time is accepted too.
type timeValue interface{ Time() time.Time }

// jsTypeof returns JavaScript's typeof for a JSON-like Go value.
func jsTypeof(v any) string {
	switch v.(type) {
	case nil:
		return "object"
	case string:
		return "string"
	case bool:
		return "boolean"
	case float64, float32, int, int8, int16, int32, int64, uint, uint8, uint16, uint32, uint64, json.Number:
		return "number"
	}
	return "object"
}

// jsString is JavaScript's String(v): arrays join their elements with
// commas, objects render as "[object Object]", null as "null"; dates as
// RFC 3339 text.
func jsString(v any) string { return jsvalue.StringWith(v, nonJSONString) }

// nonJSONString renders the values jsvalue.String does not know: times,
// values with a String method, and other objects.
func nonJSONString(v any) string {
	switch x := v.(type) {
	case time.Time:
		return x.Format(time.RFC3339Nano)
	case timeValue:
		return x.Time().Format(time.RFC3339Nano)
	case interface{ String() string }:
		return x.String()
	}
	return "[object Object]"
}

// jsNumber is JavaScript's Number(v), dates as their epoch milliseconds.
// The second result is false when the result is NaN.
func jsNumber(v any) (float64, bool) {
	switch x := v.(type) {
	case []any:
		if len(x) == 1 {
			return jsNumber(jsString(x[0]))
		}
	case time.Time:
		return float64(x.UnixMilli()), true
	case timeValue:
		return float64(x.Time().UnixMilli()), true
	}
	return jsvalue.ToNumber(v)
}

// jsonStringify is JSON.stringify for values that came from JSON.
func jsonStringify(v any) string {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return jsString(v)
	}
	return strings.TrimSuffix(b.String(), "\n")
}
