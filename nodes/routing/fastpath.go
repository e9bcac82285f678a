package routing

import (
	"encoding/json"
	"strconv"
	"strings"

	"github.com/noderun/noderun/internal/jsvalue"
)

// fastEval resolves, without the JavaScript engine, the expressions that
// generated declarative nodes are made of: "={{ $value }}",
// "={{$credentials.url}}", "=/users/{{$parameter[\"id\"]}}". Every {{ }}
// chunk must be a plain member path on a routing variable in keys or on
// $parameter (a stored parameter that is itself no expression). It reports
// false for anything else, which then goes to the expression evaluator.
//
// The results are n8n's: one chunk and nothing around it keeps the value's
// type (whole-value mode), otherwise chunks render as JavaScript's String()
// with undefined and null as "" (template mode); a missing member, or a
// member of undefined, is undefined.
func fastEval(s string, keys map[string]any, params map[string]any) (any, bool) {
	if len(s) < 5 || s[0] != '=' || strings.Contains(s, `\{{`) {
		return nil, false
	}
	body := s[1:]
	var (
		out    strings.Builder
		whole  any
		chunks int
		text   bool
	)
	for body != "" {
		open := strings.Index(body, "{{")
		if open < 0 {
			out.WriteString(body)
			text = true
			break
		}
		if open > 0 {
			out.WriteString(body[:open])
			text = true
		}
		end := strings.Index(body[open+2:], "}}")
		if end < 0 {
			return nil, false
		}
		code := strings.TrimSpace(body[open+2 : open+2+end])
		v, ok := resolveChunk(code, keys, params)
		if !ok {
			return nil, false
		}
		chunks++
		whole = v
		switch x := v.(type) {
		case nil:
		case string:
			out.WriteString(x)
		case float64:
			if x == x { // NaN renders as ""
				out.WriteString(jsvalue.FormatNumber(x))
			}
		default:
			out.WriteString(jsvalue.String(x))
		}
		body = body[open+2+end+2:]
	}
	if chunks == 0 {
		return nil, false
	}
	if chunks == 1 && !text {
		return whole, true
	}
	return out.String(), true
}

// resolveChunk resolves a member path, or JSON.parse of one holding a
// string (generated nodes send every json field with
// "={{ JSON.parse($value) }}"); text JSON.parse rejects gives undefined, as
// n8n swallows the SyntaxError.
func resolveChunk(code string, keys, params map[string]any) (any, bool) {
	inner, ok := strings.CutPrefix(code, "JSON.parse(")
	if !ok {
		return resolvePath(code, keys, params)
	}
	inner, ok = strings.CutSuffix(inner, ")")
	if !ok {
		return nil, false
	}
	v, ok := resolvePath(strings.TrimSpace(inner), keys, params)
	if !ok {
		return nil, false
	}
	s, isString := v.(string)
	if !isString {
		return nil, false
	}
	var out any
	if err := json.Unmarshal([]byte(s), &out); err != nil {
		return nil, true
	}
	return out, true
}

// resolvePath reads "$var.a['b'][0]" where $var is a routing variable or
// $parameter.
func resolvePath(code string, keys, params map[string]any) (any, bool) {
	if code == "" || code[0] != '$' {
		return nil, false
	}
	i := 1
	for i < len(code) && isIdentChar(code[i]) {
		i++
	}
	name := code[:i]
	var cur any
	if v, ok := keys[name]; ok {
		cur = v
	} else if name == "$parameter" && params != nil {
		cur = params
	} else {
		return nil, false
	}
	fromParams := name == "$parameter"
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
	if fromParams && (hasExpr(cur) || cur == nil) {
		// $parameter resolves expressions and resource locators; leave
		// those (and unknown names) to the evaluator.
		return nil, false
	}
	if fromParams {
		if m, ok := cur.(map[string]any); ok {
			if _, rl := m["__rl"]; rl {
				return nil, false
			}
		}
	}
	return cur, true
}

func isIdentChar(c byte) bool {
	return c == '_' || c == '$' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}
