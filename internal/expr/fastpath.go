package expr

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// jsonPath is a pure path expression over the current item's JSON, such
// as $json.a.b[0] or $json["x"], that can be read without JavaScript.
type jsonPath struct {
	steps []pathStep
}

// pathStep is one property or index access.
type pathStep struct {
	key   string
	index int  // valid when isIdx
	isIdx bool // written as [n]
}

// parsePath recognises `$json` / `$data` followed by `.ident`, `[n]`,
// `["key"]` or `['key']` steps, and returns nil for anything else.
func parsePath(s string) *jsonPath {
	var rest string
	switch {
	case strings.HasPrefix(s, "$json"):
		rest = s[len("$json"):]
	case strings.HasPrefix(s, "$data"):
		rest = s[len("$data"):]
	default:
		return nil
	}
	p := &jsonPath{}
	for rest != "" {
		switch rest[0] {
		case '.':
			n := identLen(rest[1:])
			if n == 0 {
				return nil
			}
			p.steps = append(p.steps, pathStep{key: rest[1 : 1+n]})
			rest = rest[1+n:]
		case '[':
			end := strings.IndexByte(rest, ']')
			if end < 0 {
				return nil
			}
			inner := rest[1:end]
			rest = rest[end+1:]
			if n, err := strconv.Atoi(inner); err == nil && n >= 0 && strconv.Itoa(n) == inner {
				p.steps = append(p.steps, pathStep{key: inner, index: n, isIdx: true})
				continue
			}
			if len(inner) < 2 || (inner[0] != '"' && inner[0] != '\'') || inner[len(inner)-1] != inner[0] {
				return nil
			}
			key := inner[1 : len(inner)-1]
			if strings.ContainsAny(key, `\"'`) {
				return nil
			}
			p.steps = append(p.steps, pathStep{key: key})
		default:
			return nil // $jsonX, $json.a(), operators ...
		}
	}
	return p
}

// identLen is the length of the JavaScript identifier (ASCII subset) at
// the start of s.
func identLen(s string) int {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '_' || c == '$' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
		case c >= '0' && c <= '9' && i > 0:
		default:
			return i
		}
	}
	return len(s)
}

// fastResult is what a fast path read found.
type fastResult int

const (
	// fastFallback: JavaScript semantics are needed (prototype members,
	// string properties, missing input ...); evaluate with goja.
	fastFallback fastResult = iota
	// fastValue: the value was found.
	fastValue
	// fastUndefined: the path yields undefined (out-of-range index, a
	// property of undefined or null, which JS swallows as an error).
	fastUndefined
)

// read walks the path over root. protoHas reports names that every object
// inherits (toString, extension methods ...): a missing key with such a
// name must be read by JavaScript.
func (p *jsonPath) read(root any, protoHas func(string) bool) (any, fastResult) {
	cur := root
	for _, st := range p.steps {
		switch c := cur.(type) {
		case map[string]any:
			v, ok := c[st.key]
			if !ok {
				if protoHas(st.key) {
					return nil, fastFallback
				}
				// undefined, or a property of undefined (a TypeError that
				// JavaScript evaluation swallows to undefined).
				return nil, fastUndefined
			}
			cur = v
		case []any:
			if !st.isIdx {
				if st.key == "length" {
					cur = float64(len(c))
					continue
				}
				return nil, fastFallback // methods ...
			}
			if st.index >= len(c) {
				return nil, fastUndefined
			}
			cur = c[st.index]
		case string:
			// A string's length counts UTF-16 code units.
			if st.isIdx || st.key != "length" || !utf8.ValidString(c) {
				return nil, fastFallback
			}
			cur = float64(utf16Len(c))
		case nil:
			// Property of null: TypeError, swallowed to undefined.
			return nil, fastUndefined
		default:
			return nil, fastFallback
		}
	}
	switch cur.(type) {
	case nil, string, bool, float64, map[string]any, []any:
		return cur, fastValue
	}
	return nil, fastFallback // other Go types: let goja convert them
}

// utf16Len is the length of valid UTF-8 s in UTF-16 code units.
func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n++
		if r > 0xFFFF {
			n++
		}
	}
	return n
}
