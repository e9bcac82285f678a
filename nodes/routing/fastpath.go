package routing

import (
	"strconv"
	"strings"
)

// fastPath resolves a whole-value expression that only reads a routing
// variable, such as "={{ $value }}" or "={{$credentials.url}}", without the
// JavaScript engine. Generated declarative nodes are full of these (every
// OpenAPI body field is sent with value "={{ $value }}"). It reports false
// for anything else, which then goes to the expression evaluator.
//
// The result is what n8n gives: the variable's value with its own type, and
// undefined (nil) for a missing member or a member of a non-object.
func fastPath(s string, keys map[string]any) (any, bool) {
	if len(s) < 6 || s[0] != '=' || !strings.HasPrefix(s[1:], "{{") || !strings.HasSuffix(s, "}}") {
		return nil, false
	}
	code := strings.TrimSpace(s[3 : len(s)-2])
	if code == "" || code[0] != '$' || strings.Contains(code, "{{") || strings.Contains(code, "}}") {
		return nil, false
	}
	i := 1
	for i < len(code) && isIdentChar(code[i]) {
		i++
	}
	cur, ok := keys[code[:i]]
	if !ok {
		return nil, false
	}
	for i < len(code) {
		var key string
		switch code[i] {
		case '.':
			j := i + 1
			for j < len(code) && isIdentChar(code[j]) {
				j++
			}
			if j == i+1 || code[i+1] >= '0' && code[i+1] <= '9' {
				return nil, false
			}
			key, i = code[i+1:j], j
		case '[':
			end := strings.IndexByte(code[i:], ']')
			if end < 0 {
				return nil, false
			}
			inner := code[i+1 : i+end]
			switch {
			case len(inner) >= 2 && (inner[0] == '"' || inner[0] == '\'') && inner[len(inner)-1] == inner[0]:
				key = inner[1 : len(inner)-1]
				if strings.ContainsAny(key, `\"'`) {
					return nil, false
				}
			case inner != "" && strings.Trim(inner, "0123456789") == "":
				key = inner
			default:
				return nil, false
			}
			i += end + 1
		default:
			return nil, false
		}
		switch c := cur.(type) {
		case map[string]any:
			cur = c[key]
		case []any:
			n, err := strconv.Atoi(key)
			if err != nil {
				if key == "length" {
					cur = float64(len(c))
					continue
				}
				return nil, false
			}
			if n < len(c) {
				cur = c[n]
			} else {
				cur = nil
			}
		case nil:
			return nil, true // undefined.x: the TypeError n8n swallows
		default:
			return nil, false // members of strings and numbers need JavaScript
		}
	}
	return cur, true
}

func isIdentChar(c byte) bool {
	return c == '_' || c == '$' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}
