package openapi

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/noderun/noderun/nodes"
)

// fieldKeys collects the keys the package merges with lodash.defaults: a
// key set to undefined (not set here) is filled from the next source.
type fieldKeys struct {
	displayName, name *string
	typ               *string
	def               any // undefined when unset
	description       any // undefined when unset
	required          any // undefined when unset
	options           []*nodes.Property
	hasOptions        bool
}

func newFieldKeys() *fieldKeys {
	return &fieldKeys{def: undefined, description: undefined, required: undefined}
}

// combine is the package's combine(): lodash.defaults over the sources,
// then a falsy required is dropped.
func combine(sources ...*fieldKeys) *fieldKeys {
	out := newFieldKeys()
	for _, s := range sources {
		if out.displayName == nil {
			out.displayName = s.displayName
		}
		if out.name == nil {
			out.name = s.name
		}
		if out.typ == nil {
			out.typ = s.typ
		}
		if isUndefined(out.def) {
			out.def = s.def
		}
		if isUndefined(out.description) {
			out.description = s.description
		}
		if isUndefined(out.required) {
			out.required = s.required
		}
		if !out.hasOptions && s.hasOptions {
			out.options, out.hasOptions = s.options, true
		}
	}
	if !jsTruthy(out.required) {
		out.required = undefined
	}
	return out
}

func (k *fieldKeys) property() *nodes.Property {
	p := &nodes.Property{}
	if k.displayName != nil {
		p.DisplayName = *k.displayName
	}
	if k.name != nil {
		p.Name = *k.name
	}
	if k.typ != nil {
		p.Type = *k.typ
	}
	switch {
	case k.def == nil:
		// JSON null: keep it, as the package writes "default": null.
		p.Default = json.RawMessage("null")
	case !isUndefined(k.def):
		p.Default = plain(k.def)
	}
	if !isUndefined(k.description) && k.description != nil {
		p.Description = jsToString(k.description)
	}
	p.Required = jsTruthy(k.required)
	if k.hasOptions {
		p.Options = k.options
	}
	return p
}

func strp(s string) *string { return &s }

// fromSchema is N8NINodeProperties.fromSchema: type, default and
// description of a field from its (resolved) schema.
func (g *generator) fromSchema(v any) (*fieldKeys, error) {
	schema, err := g.r.resolve(v)
	if err != nil {
		return nil, err
	}
	def, err := g.r.extractExample(schema)
	if err != nil {
		return nil, err
	}
	keys := newFieldKeys()
	typ, _ := schema.Get("type")
	typStr, isStr := typ.(string)
	switch {
	case isStr && typStr == "boolean":
		keys.typ = strp(nodes.TypeBoolean)
		if isUndefined(def) {
			def = true
		}
	case (isStr && typStr == "string") || typ == nil && !schema.Has("type") || isUndefined(typ):
		keys.typ = strp(nodes.TypeString)
		if isUndefined(def) {
			def = ""
		}
	case isStr && typStr == "object":
		keys.typ = strp(nodes.TypeJSON)
		if isUndefined(def) {
			def = "{}"
		} else {
			def = jsStringify(def, "  ")
		}
	case isStr && typStr == "array":
		keys.typ = strp(nodes.TypeJSON)
		if isUndefined(def) {
			def = "[]"
		} else {
			def = jsStringify(def, "  ")
		}
	case isStr && (typStr == "number" || typStr == "integer"):
		keys.typ = strp(nodes.TypeNumber)
		if isUndefined(def) {
			def = 0.0
		}
	}
	keys.def = def
	if d, ok := schema.Get("description"); ok {
		keys.description = d
	}
	if e, ok := schema.Get("enum"); ok {
		if values, ok := e.([]any); ok && len(values) > 0 {
			keys.typ = strp(nodes.TypeOptions)
			keys.hasOptions = true
			for _, val := range values {
				var value any = json.RawMessage("null") // the package writes "value": null
				if val != nil {
					value = plain(val)
				}
				keys.options = append(keys.options, &nodes.Property{Name: StartCase(jsToString(val)), Value: value})
			}
			if !jsTruthy(keys.def) {
				keys.def = values[0]
			}
		}
	}
	return keys, nil
}

// fromParameter is N8NINodeProperties.fromParameter.
func (g *generator) fromParameter(v any) (*nodes.Property, error) {
	param, err := g.r.resolve(v)
	if err != nil {
		return nil, err
	}
	var schemaKeys *fieldKeys
	if s, ok := param.Get("schema"); ok && jsTruthy(s) {
		if schemaKeys, err = g.fromSchema(s); err != nil {
			return nil, err
		}
	}
	if schemaKeys == nil {
		content, ok := param.Object("content")
		if !ok {
			return nil, fmt.Errorf("Cannot convert undefined or null to object")
		}
		c := findKey(content, "application/json")
		co, ok := c.(*Object)
		if !ok {
			return nil, fmt.Errorf("Cannot read properties of undefined (reading 'schema')")
		}
		s, _ := co.Get("schema")
		if schemaKeys, err = g.fromSchema(s); err != nil {
			return nil, err
		}
	}
	nameV, _ := param.Get("name")
	name, ok := nameV.(string)
	if !ok {
		return nil, fmt.Errorf("parameter has no name")
	}
	paramKeys := newFieldKeys()
	paramKeys.displayName = strp(StartCase(name))
	paramKeys.name = strp(strings.ReplaceAll(name, ".", "-"))
	if r, ok := param.Get("required"); ok {
		paramKeys.required = r
	}
	if d, ok := param.Get("description"); ok {
		paramKeys.description = d
	}
	if ex, ok := param.Get("example"); ok {
		paramKeys.def = ex
	}
	keys := combine(paramKeys, schemaKeys)
	in, _ := param.Get("in")
	field := keys.property()
	switch in {
	case "query":
		field.Routing = &nodes.Routing{Send: &nodes.RoutingSend{
			Type: "query", Property: name, Value: "={{ $value }}", PropertyInDotNotation: boolp(false),
		}}
	case "path":
		field.Required = true
	case "header":
		field.Routing = &nodes.Routing{Request: map[string]any{
			"headers": map[string]any{name: "={{ $value }}"},
		}}
	default:
		return nil, fmt.Errorf("Unknown parameter location '%s'", jsToString(in))
	}
	return field, nil
}

func boolp(b bool) *bool { return &b }

// findKey returns the value of the first key containing substr (the
// package tests /application\/json.*/, which is not anchored).
func findKey(obj *Object, substr string) any {
	for _, k := range obj.Keys() {
		if strings.Contains(k, substr) {
			v, _ := obj.Get(k)
			return v
		}
	}
	return nil
}

// fromRequestBody is N8NINodeProperties.fromRequestBody: one field per
// top-level property of a JSON body (objects and arrays as json fields
// sent through JSON.parse), or one "body" field for an array body.
func (g *generator) fromRequestBody(v any) ([]*nodes.Property, error) {
	if !jsTruthy(v) {
		return nil, nil
	}
	body, err := g.r.resolve(v)
	if err != nil {
		return nil, err
	}
	content, ok := body.Object("content")
	if !ok {
		return nil, fmt.Errorf("Cannot convert undefined or null to object")
	}
	c := findKey(content, "application/json")
	if c == nil {
		return nil, fmt.Errorf("No '/application\\/json.*/' content found")
	}
	co, ok := c.(*Object)
	if !ok {
		return nil, fmt.Errorf("content is %s", jsTypeName(c))
	}
	s, _ := co.Get("schema")
	schema, err := g.r.resolve(s)
	if err != nil {
		return nil, err
	}
	typ, _ := schema.Get("type")
	props, _ := schema.Get("properties")
	if !jsTruthy(props) && typ != "object" && typ != "array" {
		return nil, fmt.Errorf("Request body schema type '%s' not supported", jsToString(typ))
	}
	var fields []*nodes.Property
	if items, ok := schema.Get("items"); typ == "array" && ok && jsTruthy(items) {
		inner, err := g.r.resolve(items)
		if err != nil {
			return nil, err
		}
		propKeys, err := g.fromSchemaProperty("body", inner)
		if err != nil {
			return nil, err
		}
		req, _ := schema.Get("required")
		defaults := newFieldKeys()
		defaults.required = jsTruthy(req)
		field := combine(defaults, propKeys).property()
		field.Routing = &nodes.Routing{Request: map[string]any{"body": "={{ JSON.parse($value) }}"}}
		fields = append(fields, field)
	}
	required, _ := schema.Get("required")
	reqList, _ := required.([]any)
	if po, ok := props.(*Object); ok {
		for _, key := range po.Keys() {
			pv, _ := po.Get(key)
			propKeys, err := g.fromSchemaProperty(key, pv)
			if err != nil {
				return nil, err
			}
			defaults := newFieldKeys()
			if jsTruthy(required) {
				defaults.required = containsString(reqList, key)
			} else {
				defaults.required = required
			}
			field := combine(defaults, propKeys).property()
			value := "={{ $value }}"
			if field.Type == nodes.TypeJSON {
				value = "={{ JSON.parse($value) }}"
			}
			field.Routing = &nodes.Routing{Send: &nodes.RoutingSend{
				Property: key, PropertyInDotNotation: boolp(false), Type: "body", Value: value,
			}}
			fields = append(fields, field)
		}
	}
	return fields, nil
}

func (g *generator) fromSchemaProperty(name string, v any) (*fieldKeys, error) {
	schemaKeys, err := g.fromSchema(v)
	if err != nil {
		return nil, err
	}
	keys := newFieldKeys()
	keys.displayName = strp(StartCase(name))
	keys.name = strp(strings.ReplaceAll(name, ".", "-"))
	return combine(keys, schemaKeys), nil
}

func containsString(list []any, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
