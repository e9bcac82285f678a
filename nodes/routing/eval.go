package routing

import (
	"encoding/json"
	"strings"

	"github.com/noderun/noderun/internal/jsvalue"
	"github.com/noderun/noderun/nodes"
)

// hasExpr reports whether v holds an n8n expression string anywhere.
func hasExpr(v any) bool {
	switch x := v.(type) {
	case string:
		return len(x) > 0 && x[0] == '='
	case map[string]any:
		for _, e := range x {
			if hasExpr(e) {
				return true
			}
		}
	case []any:
		for _, e := range x {
			if hasExpr(e) {
				return true
			}
		}
	}
	return false
}

// eval resolves the expressions in v for item i with the routing keys;
// values without expressions are returned as a private deep copy, so
// callers may merge into them without touching the description. Simple
// member paths skip the JavaScript engine (fastEval).
func (r *run) eval(v any, i int, keys map[string]any) (any, error) {
	if !hasExpr(v) {
		return nodes.DeepCopy(v), nil
	}
	if s, ok := v.(string); ok {
		if out, ok := fastEval(s, keys, r.params); ok {
			return nodes.DeepCopy(out), nil
		}
	}
	out, err := r.ctx.Evaluate(v, i, keys)
	if err != nil {
		return nil, err
	}
	return nodes.DeepCopy(out), nil
}

// evalString resolves v like n8n's getParameterValue with
// returnObjectAsString: object results render as "[Object: {...}]" and
// "[Array: [...]]", anything else keeps its type.
func (r *run) evalString(v any, i int, keys map[string]any) (any, error) {
	out, err := r.eval(v, i, keys)
	if err != nil {
		return nil, err
	}
	switch x := out.(type) {
	case map[string]any:
		b, _ := json.Marshal(x)
		return "[Object: " + string(b) + "]", nil
	case []any:
		b, _ := json.Marshal(x)
		return "[Array: " + string(b) + "]", nil
	}
	return out, nil
}

// keyString renders an evaluated property name as the key lodash uses.
func keyString(v any) string {
	if v == nil {
		return "undefined"
	}
	return jsvalue.String(v)
}

// isExprString reports a string starting with "=".
func isExprString(v any) bool {
	s, ok := v.(string)
	return ok && strings.HasPrefix(s, "=")
}

// toInt converts a number or numeric string like parseInt.
func toInt(v any) (int, bool) {
	switch x := v.(type) {
	case float64:
		return int(x), true
	case int:
		return x, true
	case int64:
		return int(x), true
	case string:
		s := strings.TrimSpace(x)
		n, neg, digits := 0, false, 0
		if strings.HasPrefix(s, "-") {
			neg, s = true, s[1:]
		} else if strings.HasPrefix(s, "+") {
			s = s[1:]
		}
		for _, c := range s {
			if c < '0' || c > '9' {
				break
			}
			n = n*10 + int(c-'0')
			digits++
		}
		if digits == 0 {
			return 0, false
		}
		if neg {
			n = -n
		}
		return n, true
	}
	return 0, false
}
