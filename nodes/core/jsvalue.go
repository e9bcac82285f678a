package core

import (
	"encoding/json"
	"math"
	"strconv"
	"strings"
	"time"
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

// toFloat converts any Go numeric type (and json.Number) to float64.
func toFloat(v any) (float64, bool) {
	switch n := v.(type) {
	case float64:
		return n, true
	case float32:
		return float64(n), true
	case int:
		return float64(n), true
	case int8:
		return float64(n), true
	case int16:
		return float64(n), true
	case int32:
		return float64(n), true
	case int64:
		return float64(n), true
	case uint:
		return float64(n), true
	case uint8:
		return float64(n), true
	case uint16:
		return float64(n), true
	case uint32:
		return float64(n), true
	case uint64:
		return float64(n), true
	case json.Number:
		f, err := n.Float64()
		return f, err == nil
	}
	return 0, false
}

// jsNumberString formats a float the way JavaScript's Number#toString does.
func jsNumberString(f float64) string {
	switch {
	case math.IsNaN(f):
		return "NaN"
	case math.IsInf(f, 1):
		return "Infinity"
	case math.IsInf(f, -1):
		return "-Infinity"
	case f == 0:
		return "0"
	}
	abs := math.Abs(f)
	if abs >= 1e21 || abs < 1e-6 {
		s := strconv.FormatFloat(f, 'e', -1, 64)
		// Go writes e+06 / e-07; JavaScript writes e+6 / e-7.
		mant, exp, _ := strings.Cut(s, "e")
		sign := exp[0]
		exp = strings.TrimLeft(exp[1:], "0")
		if exp == "" {
			exp = "0"
		}
		return mant + "e" + string(sign) + exp
	}
	return strconv.FormatFloat(f, 'f', -1, 64)
}

// jsString is JavaScript's String(v): arrays join their elements with
// commas, objects render as "[object Object]", null as "null".
func jsString(v any) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case string:
		return x
	case bool:
		if x {
			return "true"
		}
		return "false"
	case []any:
		parts := make([]string, len(x))
		for i, e := range x {
			if e == nil {
				continue // null and undefined join as empty
			}
			parts[i] = jsString(e)
		}
		return strings.Join(parts, ",")
	case time.Time:
		return x.Format(time.RFC3339Nano)
	case timeValue:
		return x.Time().Format(time.RFC3339Nano)
	}
	if f, ok := toFloat(v); ok {
		return jsNumberString(f)
	}
	if s, ok := v.(interface{ String() string }); ok {
		return s.String()
	}
	return "[object Object]"
}

// jsNumber is JavaScript's Number(v). The second result is false when the
// result is NaN.
func jsNumber(v any) (float64, bool) {
	switch x := v.(type) {
	case nil:
		return 0, true
	case bool:
		if x {
			return 1, true
		}
		return 0, true
	case string:
		return jsStringToNumber(x)
	case []any:
		switch len(x) {
		case 0:
			return 0, true
		case 1:
			return jsNumber(jsString(x[0]))
		}
		return math.NaN(), false
	case time.Time:
		return float64(x.UnixMilli()), true
	case timeValue:
		return float64(x.Time().UnixMilli()), true
	}
	if f, ok := toFloat(v); ok {
		return f, !math.IsNaN(f)
	}
	return math.NaN(), false
}

// jsStringToNumber implements the StringToNumber abstract operation.
func jsStringToNumber(s string) (float64, bool) {
	s = strings.TrimFunc(s, isJSWhitespace)
	if s == "" {
		return 0, true
	}
	switch s {
	case "Infinity", "+Infinity":
		return math.Inf(1), true
	case "-Infinity":
		return math.Inf(-1), true
	}
	if len(s) > 2 && s[0] == '0' {
		base := 0
		switch s[1] {
		case 'x', 'X':
			base = 16
		case 'o', 'O':
			base = 8
		case 'b', 'B':
			base = 2
		}
		if base != 0 {
			n, err := strconv.ParseUint(s[2:], base, 64)
			if err != nil {
				return math.NaN(), false
			}
			return float64(n), true
		}
	}
	for _, c := range s {
		if !(c >= '0' && c <= '9' || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-') {
			return math.NaN(), false
		}
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		// ParseFloat rejects "1." and ".5"? It accepts both; a range error
		// still carries ±Inf, which JavaScript also yields.
		if ne, ok := err.(*strconv.NumError); ok && ne.Err == strconv.ErrRange {
			return f, true
		}
		return math.NaN(), false
	}
	return f, true
}

func isJSWhitespace(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\v', '\f', '\r', 0xA0, 0xFEFF, 0x1680, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
		return true
	}
	return r >= 0x2000 && r <= 0x200A
}

// jsTruthy is JavaScript's Boolean(v).
func jsTruthy(v any) bool {
	switch x := v.(type) {
	case nil:
		return false
	case bool:
		return x
	case string:
		return x != ""
	}
	if f, ok := toFloat(v); ok {
		return f != 0 && !math.IsNaN(f)
	}
	return true
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
