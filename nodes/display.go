package nodes

import (
	"reflect"
	"regexp"
	"strings"

	"github.com/noderun/noderun/internal/fieldpath"
	"github.com/noderun/noderun/internal/jsvalue"
)

// Displayed reports whether property p is shown (n8n's displayParameter):
// every show key must match one of its values, no hide key may match.
// values holds the property's sibling parameters, root the node's top-level
// parameters (nil: same as values), version the node's typeVersion.
func Displayed(p *Property, values, root map[string]any, version float64) bool {
	if p == nil || p.DisplayOptions == nil {
		return true
	}
	if root == nil {
		root = values
	}
	d := p.DisplayOptions
	for key, conds := range d.Show {
		actual := displayValues(key, values, root, version)
		for _, v := range actual {
			if s, ok := v.(string); ok && strings.HasPrefix(s, "=") {
				return true
			}
		}
		if !checkConditions(conds, actual) {
			return false
		}
	}
	for key, conds := range d.Hide {
		actual := displayValues(key, values, root, version)
		if len(actual) != 0 && checkConditions(conds, actual) {
			return false
		}
	}
	return true
}

// displayValues reads the value a displayOptions key refers to as a list.
func displayValues(key string, values, root map[string]any, version float64) []any {
	var v any
	switch {
	case strings.HasPrefix(key, "/"):
		v, _ = GetPath(root, key[1:])
	case key == "@version":
		v = version
	case strings.HasPrefix(key, "@"):
		v = nil
	default:
		v, _ = GetPath(values, key)
	}
	if m, ok := v.(map[string]any); ok {
		if rl, _ := m["__rl"].(bool); rl {
			v = m["value"]
		}
	}
	if list, ok := v.([]any); ok {
		return list
	}
	return []any{v}
}

// checkConditions is n8n's checkConditions: any condition matching any value.
func checkConditions(conds []any, actual []any) bool {
	for _, c := range conds {
		if m, ok := c.(map[string]any); ok && len(m) == 1 {
			if cnd, ok := m["_cnd"].(map[string]any); ok {
				if condMatches(cnd, actual) {
					return true
				}
				continue
			}
		}
		for _, a := range actual {
			if valuesEqual(a, c) {
				return true
			}
		}
	}
	return false
}

func condMatches(cnd map[string]any, actual []any) bool {
	for op, target := range cnd {
		if len(actual) == 0 {
			return op == "not"
		}
		for _, a := range actual {
			if condOne(op, target, a) {
				return true
			}
		}
		return false
	}
	return false
}

func condOne(op string, target, a any) bool {
	switch op {
	case "eq":
		return valuesEqual(a, target)
	case "not":
		return !valuesEqual(a, target)
	case "gte", "lte", "gt", "lt":
		af, aok := jsvalue.ToFloat(a)
		tf, tok := jsvalue.ToFloat(target)
		if !aok || !tok {
			return false
		}
		switch op {
		case "gte":
			return af >= tf
		case "lte":
			return af <= tf
		case "gt":
			return af > tf
		default:
			return af < tf
		}
	case "between":
		rng, _ := target.(map[string]any)
		af, aok := jsvalue.ToFloat(a)
		from, fok := jsvalue.ToFloat(rng["from"])
		to, tok := jsvalue.ToFloat(rng["to"])
		return aok && fok && tok && af >= from && af <= to
	case "startsWith", "endsWith", "includes", "regex":
		s, ok := a.(string)
		t, _ := target.(string)
		if !ok {
			return false
		}
		switch op {
		case "startsWith":
			return strings.HasPrefix(s, t)
		case "endsWith":
			return strings.HasSuffix(s, t)
		case "includes":
			return strings.Contains(s, t)
		default:
			re, err := regexp.Compile(t)
			return err == nil && re.MatchString(s)
		}
	case "exists":
		return a != nil
	}
	return false
}

// valuesEqual compares parameter values like lodash isEqual, numbers by value.
func valuesEqual(a, b any) bool {
	if jsvalue.LooseEqual(a, b) {
		return true
	}
	switch a.(type) {
	case map[string]any, []any:
		return reflect.DeepEqual(a, b)
	}
	return false
}

// GetPath reads a dot path ("a.b.c", "a[0].b") from nested maps and slices
// like lodash get (see internal/fieldpath).
func GetPath(m map[string]any, path string) (any, bool) { return fieldpath.Get(m, path) }
