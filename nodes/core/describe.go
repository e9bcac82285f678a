package core

import "github.com/noderun/noderun/nodes"

// Helpers that keep the n8n descriptions in this package short.

// show builds displayOptions.show from key/values pairs.
func show(kv ...any) *nodes.DisplayOptions {
	return &nodes.DisplayOptions{Show: pairs(kv)}
}

// showHide builds displayOptions with both show and hide maps.
func showHide(s, h map[string][]any) *nodes.DisplayOptions {
	return &nodes.DisplayOptions{Show: s, Hide: h}
}

// hide builds displayOptions.hide from key/values pairs.
func hide(kv ...any) *nodes.DisplayOptions {
	return &nodes.DisplayOptions{Hide: pairs(kv)}
}

func pairs(kv []any) map[string][]any {
	m := make(map[string][]any, len(kv)/2)
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i].(string)] = kv[i+1].([]any)
	}
	return m
}

// cnd is a displayOptions condition such as {_cnd: {gte: 3.4}}.
func cnd(op string, v any) map[string]any {
	return map[string]any{"_cnd": map[string]any{op: v}}
}

// list is a []any literal helper.
func list(v ...any) []any { return v }

// option is one entry of an options property.
func option(name string, value any, description string) *nodes.Property {
	return &nodes.Property{Name: name, Value: value, Description: description}
}

// looseTypeValidationProperty is n8n's shared "Convert types where required".
func looseTypeValidationProperty(def bool, d *nodes.DisplayOptions) *nodes.Property {
	return &nodes.Property{
		DisplayName:    "Convert types where required",
		Description:    `If the type of an expression doesn't match the type of the comparison, n8n will try to cast the expression to the required type. E.g. for booleans <code>"false"</code> or <code>0</code> will be cast to <code>false</code>`,
		Name:           "looseTypeValidation",
		Type:           nodes.TypeBoolean,
		Default:        def,
		DisplayOptions: d,
	}
}

// mainPorts returns n ["main", ...] port entries.
func mainPorts(n int) []any {
	out := make([]any, n)
	for i := range out {
		out[i] = "main"
	}
	return out
}
