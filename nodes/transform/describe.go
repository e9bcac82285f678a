package transform

import "github.com/noderun/noderun/nodes"

// prop builds a property.
func prop(display, name, typ string, def any) *nodes.Property {
	return &nodes.Property{DisplayName: display, Name: name, Type: typ, Default: def}
}

// withShow sets displayOptions.show from key, values pairs.
func withShow(p *nodes.Property, kv ...any) *nodes.Property {
	if p.DisplayOptions == nil {
		p.DisplayOptions = &nodes.DisplayOptions{}
	}
	p.DisplayOptions.Show = conditions(p.DisplayOptions.Show, kv)
	return p
}

// withHide sets displayOptions.hide from key, values pairs.
func withHide(p *nodes.Property, kv ...any) *nodes.Property {
	if p.DisplayOptions == nil {
		p.DisplayOptions = &nodes.DisplayOptions{}
	}
	p.DisplayOptions.Hide = conditions(p.DisplayOptions.Hide, kv)
	return p
}

func conditions(m map[string][]any, kv []any) map[string][]any {
	if m == nil {
		m = map[string][]any{}
	}
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[0+i].(string)] = kv[i+1].([]any)
	}
	return m
}

// vals is a shorthand for a displayOptions value list.
func vals(v ...any) []any { return v }

// withOptions sets the options of an options/collection property.
func withOptions(p *nodes.Property, opts ...*nodes.Property) *nodes.Property {
	p.Options = opts
	return p
}

// choice is one entry of an options property.
func choice(name string, value any) *nodes.Property {
	return &nodes.Property{Name: name, Value: value}
}

// choices builds option entries from name, value pairs.
func choices(pairs ...any) []*nodes.Property {
	var out []*nodes.Property
	for i := 0; i+1 < len(pairs); i += 2 {
		out = append(out, choice(pairs[i].(string), pairs[i+1]))
	}
	return out
}

// optionsProp builds an options property from name, value pairs.
func optionsProp(display, name string, def any, pairs ...any) *nodes.Property {
	p := prop(display, name, nodes.TypeOptions, def)
	p.Options = choices(pairs...)
	return p
}

// fixedList builds a multipleValues fixedCollection with one group.
func fixedList(display, name string, def any, group string, values ...*nodes.Property) *nodes.Property {
	p := prop(display, name, nodes.TypeFixedCollection, def)
	p.TypeOptions = map[string]any{"multipleValues": true}
	p.Options = []*nodes.Property{{DisplayName: group, Name: group, Values: values}}
	return p
}

// fixedOne builds a single-value fixedCollection with one group.
func fixedOne(display, name string, def any, group string, values ...*nodes.Property) *nodes.Property {
	p := prop(display, name, nodes.TypeFixedCollection, def)
	p.Options = []*nodes.Property{{DisplayName: group, Name: group, Values: values}}
	return p
}

// collection builds a collection property with default {}.
func collection(display, name string, opts ...*nodes.Property) *nodes.Property {
	p := prop(display, name, nodes.TypeCollection, map[string]any{})
	p.Options = opts
	return p
}

// baseDescription fills the common description fields of a transform node.
func baseDescription(display, name string, versions ...float64) *nodes.Description {
	return &nodes.Description{
		DisplayName: display,
		Name:        "n8n-nodes-base." + name,
		Group:       []string{"transform"},
		Version:     nodes.Versions(versions),
		Defaults:    map[string]any{"name": display},
		Inputs:      []any{"main"},
		Outputs:     []any{"main"},
	}
}

// disableDotNotationOption is the shared "Disable Dot Notation" option.
func disableDotNotationOption() *nodes.Property {
	p := prop("Disable Dot Notation", "disableDotNotation", nodes.TypeBoolean, false)
	p.Description = "Whether to disallow referencing child fields using `parent.child` in the field name"
	return p
}
