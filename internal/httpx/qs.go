package httpx

import (
	"slices"
	"strconv"
	"strings"

	"github.com/noderun/noderun/internal/jsvalue"
)

// Array formats of the qs library.
const (
	ArrayIndices  = "indices"
	ArrayBrackets = "brackets"
	ArrayRepeat   = "repeat"
	ArrayComma    = "comma"
)

// EncodeQuery serializes params like qs.stringify(params, {arrayFormat}):
// nested objects as a[b]=c, arrays per format (indices a[0]=1, brackets
// a[]=1, repeat a=1, comma a=1,2), null as "n=", RFC 3986 percent-encoding
// of keys and values. Keys are written in sorted order (Go maps have none).
func EncodeQuery(params map[string]any, arrayFormat string) string {
	if len(params) == 0 {
		return ""
	}
	if arrayFormat == "" {
		arrayFormat = ArrayIndices
	}
	var b strings.Builder
	for _, k := range sortedKeys(params) {
		encodeValue(&b, k, params[k], arrayFormat)
	}
	return b.String()
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func encodeValue(b *strings.Builder, prefix string, v any, format string) {
	switch x := v.(type) {
	case map[string]any:
		for _, k := range sortedKeys(x) {
			encodeValue(b, prefix+"["+k+"]", x[k], format)
		}
	case []any:
		if format == ArrayComma {
			parts := make([]string, 0, len(x))
			for _, e := range x {
				if e == nil {
					parts = append(parts, "")
					continue
				}
				parts = append(parts, jsvalue.String(e))
			}
			if len(parts) > 0 {
				writePair(b, prefix, strings.Join(parts, ","))
			}
			return
		}
		for i, e := range x {
			key := prefix
			switch format {
			case ArrayBrackets:
				key += "[]"
			case ArrayRepeat:
			default:
				key += "[" + strconv.Itoa(i) + "]"
			}
			encodeValue(b, key, e, format)
		}
	case []string:
		anys := make([]any, len(x))
		for i, s := range x {
			anys[i] = s
		}
		encodeValue(b, prefix, anys, format)
	case nil:
		writePair(b, prefix, "")
	default:
		writePair(b, prefix, jsvalue.String(x))
	}
}

func writePair(b *strings.Builder, key, value string) {
	if b.Len() > 0 {
		b.WriteByte('&')
	}
	b.WriteString(qsEscape(key))
	b.WriteByte('=')
	b.WriteString(qsEscape(value))
}

// qsEscape percent-encodes everything but RFC 3986 unreserved characters,
// as qs's default encoder does.
func qsEscape(s string) string {
	n := 0
	for i := 0; i < len(s); i++ {
		if !unreserved(s[i]) {
			n++
		}
	}
	if n == 0 {
		return s
	}
	const hex = "0123456789ABCDEF"
	out := make([]byte, 0, len(s)+2*n)
	for i := 0; i < len(s); i++ {
		c := s[i]
		if unreserved(c) {
			out = append(out, c)
			continue
		}
		out = append(out, '%', hex[c>>4], hex[c&15])
	}
	return string(out)
}

func unreserved(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ||
		c == '-' || c == '_' || c == '.' || c == '~'
}
