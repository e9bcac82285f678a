package credentials

import (
	"fmt"
	"strings"

	"github.com/noderun/noderun/internal/expr"
	"github.com/noderun/noderun/internal/jsvalue"
	"github.com/noderun/noderun/nodes"
)

// Evaluator evaluates one n8n expression string ("=..."); *expr.Evaluator
// implements it.
type Evaluator interface {
	Evaluate(s string, data *expr.Data) (any, error)
}

// prepare applies property defaults, resolves "=" expressions in the
// stored values and checks required properties (n8n's
// applyDefaultsAndOverwrites). The result is a new Data.
func (m *Manager) prepare(c *Credential) (Data, error) {
	props, err := m.types.Properties(c.Type)
	if err != nil {
		return nil, fmt.Errorf("credential %q: %w", c.Name, err)
	}
	data := Data(deepCopyMap(c.Data))
	if data == nil {
		data = Data{}
	}
	for _, p := range props {
		if skipProperty(p) {
			continue
		}
		if _, ok := data[p.Name]; !ok && p.Default != nil {
			data[p.Name] = deepCopy(p.Default)
		}
	}
	for k, v := range data {
		r, err := m.resolveStored(v)
		if err != nil {
			return nil, fmt.Errorf("credential %q: property %s: %w", c.Name, k, err)
		}
		data[k] = r
	}
	var missing []string
	for _, p := range props {
		if !p.Required || skipProperty(p) || !displayed(p, data) {
			continue
		}
		if isEmpty(data[p.Name]) {
			missing = append(missing, p.Name)
		}
	}
	if len(missing) > 0 {
		return nil, &MissingPropertyError{Credential: c.Name, Type: c.Type, Properties: missing}
	}
	return data, nil
}

func skipProperty(p *nodes.Property) bool {
	return p.Type == nodes.TypeNotice || p.Type == nodes.TypeCallout || p.Type == nodes.TypeButton
}

// resolveStored resolves expressions inside a stored value. Only strings
// starting with "=" are evaluated; $credentials is not available there,
// as in n8n.
func (m *Manager) resolveStored(v any) (any, error) {
	switch t := v.(type) {
	case string:
		if !expr.IsExpression(t) {
			return t, nil
		}
		return m.eval.Evaluate(t, &expr.Data{})
	case map[string]any:
		out := make(map[string]any, len(t))
		for k, e := range t {
			r, err := m.resolveStored(e)
			if err != nil {
				return nil, err
			}
			out[k] = r
		}
		return out, nil
	case []any:
		out := make([]any, len(t))
		for i, e := range t {
			r, err := m.resolveStored(e)
			if err != nil {
				return nil, err
			}
			out[i] = r
		}
		return out, nil
	}
	return v, nil
}

// evalWith resolves every expression in v with $credentials set to data.
func (m *Manager) evalWith(v any, data map[string]any) (any, error) {
	switch t := v.(type) {
	case string:
		if !expr.IsExpression(t) {
			return t, nil
		}
		if ft := compileFast(t); ft != nil {
			return ft.eval(data), nil
		}
		return m.eval.Evaluate(t, &expr.Data{Vars: map[string]any{"$credentials": data}})
	case map[string]any:
		out := make(map[string]any, len(t))
		for k, e := range t {
			r, err := m.evalWith(e, data)
			if err != nil {
				return nil, err
			}
			out[k] = r
		}
		return out, nil
	case []any:
		out := make([]any, len(t))
		for i, e := range t {
			r, err := m.evalWith(e, data)
			if err != nil {
				return nil, err
			}
			out[i] = r
		}
		return out, nil
	}
	return v, nil
}

// resolveAuthValue is n8n's CredentialsHelper.resolveValue: a non-"="
// value is kept, an expression's falsy result becomes "" and any other
// result its JavaScript string form.
func (m *Manager) resolveAuthValue(v any, data map[string]any) (any, error) {
	s, ok := v.(string)
	if !ok || !expr.IsExpression(s) {
		return v, nil
	}
	var r any
	if t := compileFast(s); t != nil {
		r = t.eval(data)
	} else {
		var err error
		if r, err = m.eval.Evaluate(s, &expr.Data{Vars: map[string]any{"$credentials": data}}); err != nil {
			return nil, err
		}
	}
	if !jsvalue.Truthy(r) {
		return "", nil
	}
	return jsString(r), nil
}

// displayed evaluates a credential property's displayOptions against the
// credential's values (plain value lists; conditions count as met).
func displayed(p *nodes.Property, data map[string]any) bool {
	d := p.DisplayOptions
	if d == nil {
		return true
	}
	for key, want := range d.Show {
		if !matchesAny(data[strings.TrimPrefix(key, "/")], want) {
			return false
		}
	}
	for key, hide := range d.Hide {
		if v, ok := data[strings.TrimPrefix(key, "/")]; ok && matchesAny(v, hide) {
			return false
		}
	}
	return true
}

func matchesAny(v any, list []any) bool {
	for _, w := range list {
		if m, ok := w.(map[string]any); ok && m["_cnd"] != nil {
			return true
		}
		if jsvalue.LooseEqual(v, w) {
			return true
		}
	}
	return false
}

func isEmpty(v any) bool {
	switch t := v.(type) {
	case nil:
		return true
	case string:
		return t == ""
	}
	return false
}

// jsString is JavaScript's String(v) for JSON-like values, except that
// null and undefined render as "" (a missing credential field sends
// nothing). Values that are not JSON-like render as fmt.Sprint does.
func jsString(v any) string {
	if v == nil {
		return ""
	}
	return jsvalue.StringWith(v, func(x any) string { return fmt.Sprint(x) })
}

// str returns v as a string when it is one.
func str(v any) string {
	s, _ := v.(string)
	return s
}
