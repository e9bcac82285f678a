package openapi

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/noderun/noderun/nodes"
)

var (
	rePathVar = regexp.MustCompile(`{([^}]*)}`)
	reNonWord = regexp.MustCompile(`[^a-zA-Z0-9 ]`)
)

// operationName is DefaultOperationParser.name, with the opt-in prefix
// stripping and summary naming.
func (g *generator) operationName(op *Object, method, pattern string) string {
	if g.opts.NamesFromSummaries {
		if s, ok := op.String("summary"); ok && strings.TrimSpace(s) != "" {
			return strings.Join(strings.Fields(s), " ")
		}
	}
	if id, ok := op.Get("operationId"); ok && jsTruthy(id) {
		s := jsToString(id)
		if g.opts.OperationIDPrefix != nil {
			s = g.opts.OperationIDPrefix.ReplaceAllString(s, "")
		}
		return StartCase(s)
	}
	return strings.ToUpper(method) + " " + pattern
}

// parseOperation is OperationsCollector.parseOperation: the operation
// option (name, value, action, description, routing) and its fields,
// headed by a "METHOD /path" notice.
func (g *generator) parseOperation(op *Object, method, pattern, spath string) (*nodes.Property, []*nodes.Property, error) {
	name := g.operationName(op, method, pattern)
	action := name
	if s, ok := op.Get("summary"); ok && jsTruthy(s) {
		action = jsToString(s)
	}
	description := ""
	if d, ok := op.Get("description"); ok && jsTruthy(d) {
		description = jsToString(d)
	} else if s, ok := op.Get("summary"); ok && jsTruthy(s) {
		description = jsToString(s)
	}
	option := &nodes.Property{
		Name:        name,
		Value:       reNonWord.ReplaceAllString(name, "-"),
		Action:      action,
		Description: description,
		Routing: &nodes.Routing{Request: map[string]any{
			"method": strings.ToUpper(method),
			"url":    "=" + rePathVar.ReplaceAllString(pattern, `{{$$parameter["$1"]}}`),
		}},
	}
	fields := []*nodes.Property{{
		DisplayName: strings.ToUpper(method) + " " + pattern,
		Name:        "operation",
		Type:        nodes.TypeNotice,
		TypeOptions: map[string]any{"theme": "info"},
		Default:     "",
	}}
	if params, ok := op.Get("parameters"); ok && jsTruthy(params) {
		list, ok := params.([]any)
		if !ok {
			return nil, nil, fmt.Errorf("parameters is %s, not an array", jsTypeName(params))
		}
		for i, p := range list {
			f, err := g.fromParameter(p)
			if err != nil {
				return nil, nil, fmt.Errorf("parameters[%d]: %w", i, err)
			}
			fields = append(fields, f)
		}
	}
	bodyFields, err := g.fromRequestBody(getOr(op, "requestBody"))
	if err != nil {
		g.warnf(spath+"/requestBody", "Failed to parse request body: %v", err)
		fields = append(fields, &nodes.Property{
			DisplayName: strings.ToUpper(method) + " " + pattern + "<br/><br/>" +
				"There's no body available for request, kindly use HTTP Request node to send body",
			Name:    "operation",
			Type:    nodes.TypeNotice,
			Default: "",
		})
	} else {
		fields = append(fields, bodyFields...)
	}
	for _, f := range fields {
		if f.Type != nodes.TypeNotice && (f.Name == "resource" || f.Name == "operation") {
			if g.opts.RenameReserved {
				g.warnf(spath, "field %q renamed to %q: the node's own parameter has that name", f.Name, f.Name+"Parameter")
				if url, ok := option.Routing.Request["url"].(string); ok && f.Routing == nil {
					option.Routing.Request["url"] = strings.ReplaceAll(url, `$parameter["`+f.Name+`"]`, `$parameter["`+f.Name+`Parameter"]`)
				}
				f.Name += "Parameter"
			} else {
				g.warnf(spath, "field %q shares its name with the node's own parameter (set RenameReserved)", f.Name)
			}
		}
		if f.Routing == nil && f.Required && strings.Contains(option.Routing.Request["url"].(string), `$parameter["`+strings.ReplaceAll(f.Name, "-", ".")+`"]`) && strings.Contains(f.Name, "-") {
			g.warnf(spath, "path parameter field %q: the URL refers to %q, which no field is called (the package turns dots into dashes in names only)", f.Name, strings.ReplaceAll(f.Name, "-", "."))
		}
		if f.Type == "" {
			g.warnf(spath, "field %q has a schema type the package does not map; it has no type", f.Name)
		}
	}
	if g.opts.AdditionalFields {
		fields = g.groupAdditionalFields(fields, spath)
	}
	return option, fields, nil
}

// groupAdditionalFields moves optional query and body fields into an
// "Additional Fields" collection placed after the other fields.
func (g *generator) groupAdditionalFields(fields []*nodes.Property, spath string) []*nodes.Property {
	var kept, extra []*nodes.Property
	names := map[string]bool{}
	for _, f := range fields {
		if f.Required || f.Routing == nil || f.Routing.Send == nil {
			kept = append(kept, f)
			continue
		}
		if names[f.Name] {
			g.warnf(spath, "optional field %q appears twice; the second is left out of Additional Fields", f.Name)
			continue
		}
		names[f.Name] = true
		extra = append(extra, f)
	}
	if len(extra) == 0 {
		return kept
	}
	for _, f := range kept {
		if f.Name == "additionalFields" {
			g.warnf(spath, `a field is named "additionalFields" like the collection`)
		}
	}
	return append(kept, &nodes.Property{
		DisplayName: "Additional Fields",
		Name:        "additionalFields",
		Type:        nodes.TypeCollection,
		Placeholder: "Add Field",
		Default:     map[string]any{},
		Options:     extra,
	})
}

// cloneProperties deep-copies properties (the package's lodash.cloneDeep
// before displayOptions are set per resource).
func cloneProperties(ps []*nodes.Property) []*nodes.Property {
	if ps == nil {
		return nil
	}
	out := make([]*nodes.Property, len(ps))
	for i, p := range ps {
		out[i] = cloneProperty(p)
	}
	return out
}

func cloneProperty(p *nodes.Property) *nodes.Property {
	if p == nil {
		return nil
	}
	c := *p
	c.Default = cloneValue(p.Default)
	c.Value = cloneValue(p.Value)
	c.Options = cloneProperties(p.Options)
	c.Values = cloneProperties(p.Values)
	c.Modes = cloneProperties(p.Modes)
	if p.TypeOptions != nil {
		c.TypeOptions = cloneValue(p.TypeOptions).(map[string]any)
	}
	if p.ExtractValue != nil {
		c.ExtractValue = cloneValue(p.ExtractValue).(map[string]any)
	}
	if p.DisplayOptions != nil {
		d := &nodes.DisplayOptions{}
		if p.DisplayOptions.Show != nil {
			d.Show = map[string][]any{}
			for k, v := range p.DisplayOptions.Show {
				d.Show[k] = cloneValue(v).([]any)
			}
		}
		if p.DisplayOptions.Hide != nil {
			d.Hide = map[string][]any{}
			for k, v := range p.DisplayOptions.Hide {
				d.Hide[k] = cloneValue(v).([]any)
			}
		}
		c.DisplayOptions = d
	}
	if r := p.Routing; r != nil {
		cr := *r
		if r.Request != nil {
			cr.Request = cloneValue(r.Request).(map[string]any)
		}
		if r.Send != nil {
			s := *r.Send
			s.Value = cloneValue(r.Send.Value)
			cr.Send = &s
		}
		c.Routing = &cr
	}
	return &c
}

// cloneValue deep-copies generic JSON values.
func cloneValue(v any) any {
	switch t := v.(type) {
	case map[string]any:
		m := make(map[string]any, len(t))
		for k, e := range t {
			m[k] = cloneValue(e)
		}
		return m
	case []any:
		if t == nil {
			return t
		}
		out := make([]any, len(t))
		for i, e := range t {
			out[i] = cloneValue(e)
		}
		return out
	}
	return v
}
