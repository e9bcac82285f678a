package jsvalue

import (
	"encoding/json"
	"math"
	"strconv"
	"strings"
)

// ToFloat converts any Go numeric type (and json.Number) to float64. The
// second result is false for every other type; strings are not numbers
// here (see ToNumber for JavaScript's Number(x)).
func ToFloat(v any) (float64, bool) {
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

// IsNumber reports whether v is a JavaScript number (any Go numeric type
// or json.Number).
func IsNumber(v any) bool {
	_, ok := ToFloat(v)
	return ok
}

// FormatNumber formats f as JavaScript's Number.prototype.toString does:
// NaN, Infinity and -Infinity by name, -0 as "0", plain decimals from 1e-6
// up to below 1e21, and exponent form ("1e+21", "1.5e-7") outside it.
func FormatNumber(f float64) string {
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

// LooseEqual reports a == b for option and display values compared as
// JSON would: identical values, or numbers of any Go type equal by value.
// Like Go's ==, it panics when a and b hold the same uncomparable type
// (two maps or two slices).
func LooseEqual(a, b any) bool {
	if a == b {
		return true
	}
	af, aok := ToFloat(a)
	bf, bok := ToFloat(b)
	return aok && bok && af == bf
}
