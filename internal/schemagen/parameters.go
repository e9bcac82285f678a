package schemagen

import (
	"encoding/json"
	"slices"
	"strings"

	"github.com/noderun/noderun/nodes"
)

// expr accepts an expression string in place of any value.
var expr = obj{"$ref": "#/$defs/expression"}

// parametersSchema is the schema of a node's parameters for the given
// versions of its description.
func parametersSchema(d *nodes.Description, versions []float64) obj {
	g := &paramGen{versions: versions, top: d.Properties}
	return g.schema()
}

// paramGen builds one parameters schema.
type paramGen struct {
	// versions are the typeVersions the schema covers (@version conditions
	// are decided over them).
	versions []float64
	top      []*nodes.Property
}

// block is the "then" part of one displayOptions condition.
type block struct {
	cond     any
	props    obj
	required []string
}

func (g *paramGen) schema() obj {
	props := obj{}
	var order []string
	byName := map[string][]*nodes.Property{}
	for _, p := range g.top {
		if p == nil || p.Name == "" || uiOnly(p) {
			continue
		}
		if _, ok := byName[p.Name]; !ok {
			order = append(order, p.Name)
		}
		byName[p.Name] = append(byName[p.Name], p)
	}
	var required []string
	blocks := map[string]*block{}
	var blockKeys []string
	for _, name := range order {
		list := byName[name]
		props[name] = g.union(list)
		for _, p := range list {
			then, req := g.constraint(p, len(list) > 1)
			if then == nil && !req {
				continue
			}
			if p.DisplayOptions == nil {
				if req {
					required = append(required, p.Name)
				}
				continue
			}
			cond, ok := g.condition(p.DisplayOptions)
			if !ok {
				continue
			}
			if cond == nil { // always shown for these versions
				if req {
					required = append(required, p.Name)
				}
				continue
			}
			k := mustJSON(cond)
			b := blocks[k]
			if b == nil {
				b = &block{cond: cond, props: obj{}}
				blocks[k] = b
				blockKeys = append(blockKeys, k)
			}
			if _, dup := b.props[p.Name]; dup {
				continue
			}
			if then != nil {
				b.props[p.Name] = then
			}
			if req {
				b.required = append(b.required, p.Name)
			}
		}
	}
	s := obj{"type": "object", "properties": props}
	if len(required) > 0 {
		s["required"] = anyList(required)
	}
	var all []any
	for _, k := range blockKeys {
		b := blocks[k]
		then := obj{}
		if len(b.props) > 0 {
			then["properties"] = b.props
		}
		if len(b.required) > 0 {
			then["required"] = anyList(b.required)
		}
		all = append(all, obj{"if": b.cond, "then": then})
	}
	if len(all) > 0 {
		s["allOf"] = all
	}
	return s
}

// constraint is what a shown property adds beyond the union schema: its
// own options as an enum (when several same-named properties differ) and
// whether it is required (n8n's required-but-empty issue: a required
// string, options or multiOptions value whose default is empty).
func (g *paramGen) constraint(p *nodes.Property, shared bool) (then obj, required bool) {
	empty := p.Default == nil || p.Default == ""
	if l, ok := p.Default.([]any); ok && len(l) == 0 {
		empty = true
	}
	switch p.Type {
	case nodes.TypeOptions:
		if vals := staticOptions(p); vals != nil && shared {
			then = obj{"anyOf": []any{obj{"enum": vals}, expr}}
		}
		required = p.Required && empty && !slices.Contains(staticOptions(p), any(""))
	case nodes.TypeMultiOptions:
		if p.Required && empty {
			return obj{"anyOf": []any{obj{"type": "array", "minItems": 1}, expr}}, true
		}
	case nodes.TypeString, nodes.TypeDateTime:
		if p.Required && empty && !p.MultipleValues() {
			return obj{"not": obj{"const": ""}}, true
		}
	}
	return then, required
}

// staticOptions lists the values of an options property, nil when they
// are loaded at run time.
func staticOptions(p *nodes.Property) []any {
	if len(p.Options) == 0 || p.TypeOptions["loadOptionsMethod"] != nil || p.TypeOptions["loadOptions"] != nil {
		return nil
	}
	var vals []any
	seen := map[string]bool{}
	for _, o := range p.Options {
		k := mustJSON(o.Value)
		if !seen[k] {
			seen[k] = true
			vals = append(vals, o.Value)
		}
	}
	return vals
}

// union is the schema of a parameter name that one or more same-named
// properties share: the property's value schema, the union of their
// options, or anything when their types differ.
func (g *paramGen) union(list []*nodes.Property) obj {
	first := valueSchema(list[0], true)
	if len(list) == 1 {
		return first
	}
	allOptions := true
	var vals []any
	seen := map[string]bool{}
	for _, p := range list {
		if p.Type != nodes.TypeOptions || staticOptions(p) == nil {
			allOptions = false
			break
		}
		for _, v := range staticOptions(p) {
			if k := mustJSON(v); !seen[k] {
				seen[k] = true
				vals = append(vals, v)
			}
		}
	}
	if allOptions {
		s := describe(obj{"anyOf": []any{obj{"enum": vals}, expr}}, list[0], false)
		return s
	}
	want := mustJSON(valueSchema(list[0], false))
	for _, p := range list[1:] {
		if mustJSON(valueSchema(p, false)) != want {
			return describe(obj{}, list[0], false)
		}
	}
	return describe(valueSchema(list[0], false), list[0], false)
}

// valueSchema is the schema of one property's stored value.
func valueSchema(p *nodes.Property, withDefault bool) obj {
	var s obj
	switch p.Type {
	case nodes.TypeString, nodes.TypeDateTime, nodes.TypeColor:
		if p.MultipleValues() {
			s = obj{"anyOf": []any{obj{"type": "array"}, obj{"type": "string"}}}
		} else {
			s = obj{"type": []any{"string", "number", "boolean", "null"}}
		}
	case nodes.TypeNumber:
		s = obj{"anyOf": []any{obj{"type": []any{"number", "null"}}, obj{"type": "string"}}}
	case nodes.TypeBoolean:
		s = obj{"anyOf": []any{obj{"type": "boolean"}, expr}}
	case nodes.TypeOptions:
		if vals := staticOptions(p); vals != nil {
			s = obj{"anyOf": []any{obj{"enum": vals}, expr}}
		} else {
			s = obj{}
		}
	case nodes.TypeMultiOptions:
		if vals := staticOptions(p); vals != nil {
			s = obj{"anyOf": []any{obj{"type": "array", "items": obj{"enum": vals}}, expr}}
		} else {
			s = obj{"anyOf": []any{obj{"type": "array"}, expr}}
		}
	case nodes.TypeCollection:
		if p.MultipleValues() {
			s = obj{}
			break
		}
		s = obj{"anyOf": []any{collectionSchema(p.Options), expr}}
	case nodes.TypeFixedCollection:
		groups := obj{}
		for _, g := range p.Options {
			if g == nil || g.Name == "" {
				continue
			}
			entry := collectionSchema(g.Values)
			if p.MultipleValues() {
				groups[g.Name] = obj{"type": "array", "items": entry}
			} else {
				groups[g.Name] = entry
			}
		}
		s = obj{"anyOf": []any{obj{"type": "object", "properties": groups}, expr}}
	case nodes.TypeResourceLocator:
		s = obj{"anyOf": []any{obj{
			"type": "object",
			"properties": obj{
				"__rl":  obj{"type": "boolean"},
				"mode":  obj{"type": "string"},
				"value": obj{},
			},
		}, obj{"type": []any{"string", "number"}}}}
	default:
		s = obj{}
	}
	return describe(s, p, withDefault)
}

// collectionSchema is the object schema of a collection's options or a
// fixedCollection group's values (same-named options merged).
func collectionSchema(props []*nodes.Property) obj {
	fields := obj{}
	byName := map[string][]*nodes.Property{}
	var order []string
	for _, o := range props {
		if o == nil || o.Name == "" || uiOnly(o) {
			continue
		}
		if _, ok := byName[o.Name]; !ok {
			order = append(order, o.Name)
		}
		byName[o.Name] = append(byName[o.Name], o)
	}
	g := &paramGen{}
	for _, name := range order {
		fields[name] = g.union(byName[name])
	}
	return obj{"type": "object", "properties": fields}
}

// describe adds the title and description editors show.
func describe(s obj, p *nodes.Property, withDefault bool) obj {
	if p.DisplayName != "" {
		s["title"] = p.DisplayName
	}
	if desc := shortText(p.Description); desc != "" {
		s["description"] = desc
	}
	if withDefault && p.Default != nil && p.Default != "" {
		s["default"] = p.Default
	}
	return s
}

// shortText keeps a description's first sentence-ish 160 characters.
func shortText(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) <= 160 {
		return s
	}
	cut := strings.LastIndex(s[:160], " ")
	if cut < 80 {
		cut = 160
	}
	return s[:cut] + " …"
}

func mustJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// uiOnly reports properties that hold no value (notices, callouts,
// buttons); generated descriptions may reuse a real parameter's name for
// them.
func uiOnly(p *nodes.Property) bool {
	switch p.Type {
	case nodes.TypeNotice, nodes.TypeCallout, nodes.TypeButton:
		return true
	}
	return false
}
