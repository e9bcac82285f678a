package jsvalue

import (
	"math"
	"strconv"
	"strings"
)

// ToNumber is JavaScript's Number(v) for a JSON value: null 0, booleans 0
// or 1, strings by StringToNumber, [] 0, a one-element array the number
// of its element's string, everything else NaN. The second result is
// false when the result is NaN.
func ToNumber(v any) (float64, bool) {
	switch x := v.(type) {
	case nil:
		return 0, true
	case bool:
		if x {
			return 1, true
		}
		return 0, true
	case string:
		return StringToNumber(x)
	case []any:
		switch len(x) {
		case 0:
			return 0, true
		case 1:
			return ToNumber(String(x[0]))
		}
		return math.NaN(), false
	}
	if f, ok := ToFloat(v); ok {
		return f, !math.IsNaN(f)
	}
	return math.NaN(), false
}

// StringToNumber is JavaScript's StringToNumber: surrounding JavaScript
// white space ignored, "" 0, decimal and exponent literals, 0x / 0o / 0b
// integers and ±Infinity; anything else NaN (second result false).
func StringToNumber(s string) (float64, bool) {
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
		// A range error still carries ±Inf, which JavaScript also yields.
		if ne, ok := err.(*strconv.NumError); ok && ne.Err == strconv.ErrRange {
			return f, true
		}
		return math.NaN(), false
	}
	return f, true
}

// isJSWhitespace reports the characters JavaScript's WhiteSpace and
// LineTerminator productions name.
func isJSWhitespace(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\v', '\f', '\r', 0xA0, 0xFEFF, 0x1680, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
		return true
	}
	return r >= 0x2000 && r <= 0x200A
}

// IsWhitespace reports the characters JavaScript's WhiteSpace and
// LineTerminator productions name (what String.prototype.trim removes).
func IsWhitespace(r rune) bool { return isJSWhitespace(r) }
