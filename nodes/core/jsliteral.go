package core

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/noderun/noderun/internal/jsvalue"
)

// parseJSObject parses a JavaScript object literal ({a: 1, 'b': [2,],})
// into JSON values, as n8n's jsonParse({acceptJSObject: true}) does with
// esprima. Only literals are accepted: no expressions or identifiers as
// values.
func parseJSObject(s string) (map[string]any, bool) {
	p := &literalParser{s: s}
	p.skip()
	v, ok := p.value()
	if !ok {
		return nil, false
	}
	p.skip()
	if p.i != len(p.s) {
		return nil, false
	}
	m, ok := v.(map[string]any)
	return m, ok
}

// repairJSON parses s leniently: JSON plus JavaScript literal syntax
// (unquoted keys, single quotes, trailing commas, comments). It is the
// subset of n8n's jsonrepair fallback that workflows meet in practice.
func repairJSON(s string) (any, bool) {
	p := &literalParser{s: s, comments: true}
	p.skip()
	v, ok := p.value()
	if !ok {
		return nil, false
	}
	p.skip()
	return v, p.i == len(p.s)
}

type literalParser struct {
	s        string
	i        int
	comments bool
}

func (p *literalParser) skip() {
	for p.i < len(p.s) {
		r, n := utf8.DecodeRuneInString(p.s[p.i:])
		if jsvalue.IsWhitespace(r) || r == '\n' {
			p.i += n
			continue
		}
		if p.comments && strings.HasPrefix(p.s[p.i:], "//") {
			end := strings.IndexByte(p.s[p.i:], '\n')
			if end < 0 {
				p.i = len(p.s)
			} else {
				p.i += end + 1
			}
			continue
		}
		if p.comments && strings.HasPrefix(p.s[p.i:], "/*") {
			end := strings.Index(p.s[p.i+2:], "*/")
			if end < 0 {
				p.i = len(p.s)
			} else {
				p.i += end + 4
			}
			continue
		}
		return
	}
}

func (p *literalParser) peek() byte {
	if p.i < len(p.s) {
		return p.s[p.i]
	}
	return 0
}

func (p *literalParser) value() (any, bool) {
	switch c := p.peek(); {
	case c == '{':
		return p.object()
	case c == '[':
		return p.array()
	case c == '"' || c == '\'':
		return p.str()
	case c == '-' || c == '+' || c == '.' || (c >= '0' && c <= '9'):
		return p.number()
	default:
		start := p.i
		id := p.ident()
		switch id {
		case "true":
			return true, true
		case "false":
			return false, true
		case "null", "undefined":
			return nil, true
		}
		if p.comments {
			// jsonrepair reads an unquoted value up to the next delimiter
			// as a string.
			end := strings.IndexAny(p.s[start:], ",}]\n")
			if end < 0 {
				end = len(p.s) - start
			}
			text := strings.TrimSpace(p.s[start : start+end])
			if text == "" {
				return nil, false
			}
			p.i = start + end
			return text, true
		}
	}
	return nil, false
}

func (p *literalParser) object() (any, bool) {
	p.i++ // {
	m := map[string]any{}
	for {
		p.skip()
		if p.peek() == '}' {
			p.i++
			return m, true
		}
		var key string
		switch c := p.peek(); {
		case c == '"' || c == '\'':
			k, ok := p.str()
			if !ok {
				return nil, false
			}
			key = k.(string)
		case c >= '0' && c <= '9':
			n, ok := p.number()
			if !ok {
				return nil, false
			}
			key = jsString(n)
		default:
			key = p.ident()
			if key == "" {
				return nil, false
			}
		}
		p.skip()
		if p.peek() != ':' {
			return nil, false
		}
		p.i++
		p.skip()
		v, ok := p.value()
		if !ok {
			return nil, false
		}
		m[key] = v
		p.skip()
		switch p.peek() {
		case ',':
			p.i++
		case '}':
		default:
			return nil, false
		}
	}
}

func (p *literalParser) array() (any, bool) {
	p.i++ // [
	a := []any{}
	for {
		p.skip()
		if p.peek() == ']' {
			p.i++
			return a, true
		}
		v, ok := p.value()
		if !ok {
			return nil, false
		}
		a = append(a, v)
		p.skip()
		switch p.peek() {
		case ',':
			p.i++
		case ']':
		default:
			return nil, false
		}
	}
}

func (p *literalParser) str() (any, bool) {
	q := p.s[p.i]
	p.i++
	var b strings.Builder
	for p.i < len(p.s) {
		c := p.s[p.i]
		switch {
		case c == q:
			p.i++
			return b.String(), true
		case c == '\\' && p.i+1 < len(p.s):
			e := p.s[p.i+1]
			p.i += 2
			switch e {
			case 'n':
				b.WriteByte('\n')
			case 't':
				b.WriteByte('\t')
			case 'r':
				b.WriteByte('\r')
			case 'b':
				b.WriteByte('\b')
			case 'f':
				b.WriteByte('\f')
			case 'v':
				b.WriteByte('\v')
			case '0':
				b.WriteByte(0)
			case 'u':
				if p.i+4 <= len(p.s) {
					if n, err := strconv.ParseUint(p.s[p.i:p.i+4], 16, 32); err == nil {
						b.WriteRune(rune(n))
						p.i += 4
						continue
					}
				}
				return nil, false
			default:
				b.WriteByte(e)
			}
		case c == '\n':
			return nil, false
		default:
			b.WriteByte(c)
			p.i++
		}
	}
	return nil, false
}

func (p *literalParser) number() (any, bool) {
	start := p.i
	for p.i < len(p.s) {
		c := p.s[p.i]
		if c >= '0' && c <= '9' || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-' || c == 'x' || c == 'X' || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') {
			p.i++
			continue
		}
		break
	}
	f, ok := jsvalue.StringToNumber(p.s[start:p.i])
	if !ok || p.s[start:p.i] == "" {
		return nil, false
	}
	return f, true
}

func (p *literalParser) ident() string {
	start := p.i
	for p.i < len(p.s) {
		r, n := utf8.DecodeRuneInString(p.s[p.i:])
		if r == '_' || r == '$' || unicode.IsLetter(r) || (p.i > start && unicode.IsDigit(r)) {
			p.i += n
			continue
		}
		break
	}
	return p.s[start:p.i]
}
