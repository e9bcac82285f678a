package trigger

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/noderun/noderun/nodes"
)

// paramsOf returns node's parameters completed with the defaults of typ
// (n8n's getNodeParameters). Stored values the description does not know
// are kept, so a node type whose description lacks some of n8n's
// parameters (a Wait node being extended) still reads them.
func paramsOf(node *nodes.Node, typ *nodes.Type) map[string]any {
	if typ == nil || typ.Description == nil {
		if node.Parameters == nil {
			return map[string]any{}
		}
		return node.Parameters
	}
	p := nodes.NodeParameters(typ.Description.Properties, node.Parameters, node.TypeVersion)
	for k, v := range node.Parameters {
		if _, ok := p[k]; !ok && !describes(typ.Description.Properties, k) {
			p[k] = v
		}
	}
	return p
}

// describes reports whether props has a property called name.
func describes(props []*nodes.Property, name string) bool {
	for _, p := range props {
		if p.Name == name {
			return true
		}
	}
	return false
}

// str reads a string parameter, def when absent or not a string.
func str(m map[string]any, key, def string) string {
	if s, ok := m[key].(string); ok {
		return s
	}
	return def
}

// num reads a number parameter (numbers in strings too), def otherwise.
func num(m map[string]any, key string, def float64) float64 {
	if f, ok := toNumber(m[key]); ok {
		return f
	}
	return def
}

// toNumber converts a JSON number or numeric string.
func toNumber(v any) (float64, bool) {
	switch t := v.(type) {
	case float64:
		return t, !math.IsNaN(t)
	case int:
		return float64(t), true
	case int64:
		return float64(t), true
	case string:
		f, err := strconv.ParseFloat(strings.TrimSpace(t), 64)
		return f, err == nil
	}
	return 0, false
}

// object reads an object parameter, an empty map when absent.
func object(m map[string]any, key string) map[string]any {
	if o, ok := m[key].(map[string]any); ok {
		return o
	}
	return map[string]any{}
}

// isExpression reports whether a stored parameter value is an n8n
// expression ("=..." strings).
func isExpression(v any) bool {
	s, ok := v.(string)
	return ok && strings.HasPrefix(s, "=")
}

// jsString is JavaScript's String(v) for the JSON values headers carry.
func jsString(v any) string {
	switch t := v.(type) {
	case nil:
		return ""
	case string:
		return t
	case float64:
		if t == math.Trunc(t) && math.Abs(t) < 1e21 {
			return strconv.FormatFloat(t, 'f', -1, 64)
		}
		return strconv.FormatFloat(t, 'g', -1, 64)
	case bool:
		return strconv.FormatBool(t)
	}
	return fmt.Sprint(v)
}

// headerEntries reads a responseHeaders fixedCollection ({entries: [{name,
// value}]}) into lower-case header names, as n8n's response helpers do.
func headerEntries(v any) map[string]string {
	coll, _ := v.(map[string]any)
	list, _ := coll["entries"].([]any)
	if len(list) == 0 {
		return nil
	}
	h := make(map[string]string, len(list))
	for _, e := range list {
		em, _ := e.(map[string]any)
		name := jsString(em["name"])
		if name == "" {
			continue
		}
		h[strings.ToLower(name)] = jsString(em["value"])
	}
	return h
}
