package openapi

import (
	"encoding/json"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/noderun/noderun/internal/jsvalue"
)

// undefinedType marks JavaScript's undefined inside ordered values (an
// example that could not be built). It is skipped in objects and written as
// null in arrays, as JSON.stringify does.
type undefinedType struct{}

var undefined any = undefinedType{}

func isUndefined(v any) bool { _, ok := v.(undefinedType); return ok }

// jsStringify is JSON.stringify(v, null, indent) for ordered values.
func jsStringify(v any, indent string) string {
	var b strings.Builder
	writeJS(&b, v, indent, "")
	return b.String()
}

func writeJS(b *strings.Builder, v any, indent, cur string) {
	switch t := v.(type) {
	case nil:
		b.WriteString("null")
	case bool:
		b.WriteString(strconv.FormatBool(t))
	case string:
		writeJSString(b, t)
	case json.Number:
		f, err := t.Float64()
		if err != nil {
			b.WriteString("null")
			return
		}
		b.WriteString(jsNumber(f))
	case float64:
		b.WriteString(jsNumber(t))
	case int:
		b.WriteString(strconv.Itoa(t))
	case []any:
		if len(t) == 0 {
			b.WriteString("[]")
			return
		}
		inner := cur + indent
		b.WriteString("[")
		for i, e := range t {
			if i > 0 {
				b.WriteString(",")
			}
			if indent != "" {
				b.WriteString("\n" + inner)
			}
			if isUndefined(e) {
				b.WriteString("null")
				continue
			}
			writeJS(b, e, indent, inner)
		}
		if indent != "" {
			b.WriteString("\n" + cur)
		}
		b.WriteString("]")
	case *Object:
		inner := cur + indent
		n := 0
		for _, k := range t.Keys() {
			e := t.vals[k]
			if isUndefined(e) {
				continue
			}
			if n == 0 {
				b.WriteString("{")
			} else {
				b.WriteString(",")
			}
			n++
			if indent != "" {
				b.WriteString("\n" + inner)
			}
			writeJSString(b, k)
			b.WriteString(":")
			if indent != "" {
				b.WriteString(" ")
			}
			writeJS(b, e, indent, inner)
		}
		if n == 0 {
			b.WriteString("{}")
			return
		}
		if indent != "" {
			b.WriteString("\n" + cur)
		}
		b.WriteString("}")
	default:
		b.WriteString("null")
	}
}

// writeJSString quotes s as JSON.stringify does: only ", \ and control
// characters are escaped.
func writeJSString(b *strings.Builder, s string) {
	b.WriteByte('"')
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\b':
			b.WriteString(`\b`)
		case '\f':
			b.WriteString(`\f`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		default:
			if r < 0x20 {
				b.WriteString(`\u00`)
				b.WriteString(strconv.FormatInt(int64(r>>4), 16))
				b.WriteString(strconv.FormatInt(int64(r&0xf), 16))
				continue
			}
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
}

// jsNumber formats f as JavaScript's Number.prototype.toString does, but
// NaN and ±Infinity as JSON.stringify writes them ("null").
func jsNumber(f float64) string {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return "null"
	}
	return jsvalue.FormatNumber(f)
}
