package catalogue

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/noderun/noderun/nodes"
)

// TypeName is the Mindz node type name.
const TypeName = "n8n-nodes-noderun.mindz"

// CredentialType is the Mindz credential type (OAuth2).
const CredentialType = "mindzOAuth2Api"

var rePathField = regexp.MustCompile(`\{([^}]*)\}`)

// Build expands Resources into the node description.
func Build() (*nodes.Description, error) {
	res := Resources()
	d := &nodes.Description{
		DisplayName: "Mindz",
		Name:        TypeName,
		Group:       []string{"transform"},
		Version:     nodes.Versions{1},
		Subtitle:    `={{$parameter["operation"] + ": " + $parameter["resource"]}}`,
		Description: "Interact with the Mindz (formerly EAD Guru) school platform API",
		Defaults:    map[string]any{"name": "Mindz"},
		Inputs:      []any{"main"},
		Outputs:     []any{"main"},
		Credentials: []*nodes.CredentialSlot{{Name: CredentialType, Required: true}},
		RequestDefaults: map[string]any{
			"baseURL": "={{$credentials.baseUrl}}",
			"headers": map[string]any{"Accept": "application/json", "Content-Type": "application/json"},
		},
	}
	resource := &nodes.Property{DisplayName: "Resource", Name: "resource", Type: nodes.TypeOptions, NoDataExpression: true, Default: res[0].Name}
	d.Properties = append(d.Properties, resource)
	var fields []*nodes.Property
	for _, r := range res {
		resource.Options = append(resource.Options, &nodes.Property{Name: r.Name, Value: r.Name})
		op := &nodes.Property{
			DisplayName: "Operation", Name: "operation", Type: nodes.TypeOptions, NoDataExpression: true,
			DisplayOptions: &nodes.DisplayOptions{Show: map[string][]any{"resource": {r.Name}}},
			Default:        r.Ops[0].Name,
		}
		seen := map[string]bool{}
		for _, o := range r.Ops {
			if seen[o.Name] {
				return nil, fmt.Errorf("mindz: resource %s: operation %q twice", r.Name, o.Name)
			}
			seen[o.Name] = true
			op.Options = append(op.Options, &nodes.Property{
				Name: o.Name, Value: o.Name, Action: o.Action, Description: o.Desc,
				Routing: &nodes.Routing{Request: map[string]any{
					"method": o.Method,
					"url":    "=" + rePathField.ReplaceAllString(o.Path, `{{$$parameter["$1"]}}`),
				}},
			})
			fs, err := operationFields(r, o)
			if err != nil {
				return nil, err
			}
			fields = append(fields, fs...)
		}
		d.Properties = append(d.Properties, op)
	}
	d.Properties = append(d.Properties, fields...)
	if err := nodes.ValidateDescription(d); err != nil {
		return nil, err
	}
	return d, nil
}

func operationFields(r Resource, o Operation) ([]*nodes.Property, error) {
	show := func() *nodes.DisplayOptions {
		return &nodes.DisplayOptions{Show: map[string][]any{"resource": {r.Name}, "operation": {o.Name}}}
	}
	pathFields := map[string]bool{}
	for _, m := range rePathField.FindAllStringSubmatch(o.Path, -1) {
		pathFields[m[1]] = true
	}
	var top, extra []*nodes.Property
	for _, f := range o.Fields {
		p, err := property(f)
		if err != nil {
			return nil, fmt.Errorf("mindz: %s → %s: %w", r.Name, o.Name, err)
		}
		if f.In == "path" {
			if !pathFields[f.Name] {
				return nil, fmt.Errorf("mindz: %s → %s: path field %q is not in %s", r.Name, o.Name, f.Name, o.Path)
			}
			delete(pathFields, f.Name)
		}
		if f.Required || f.Always || f.In == "path" || f.In == "" {
			p.DisplayOptions = show()
			top = append(top, p)
			continue
		}
		extra = append(extra, p)
	}
	if len(pathFields) > 0 {
		return nil, fmt.Errorf("mindz: %s → %s: path %s has no field for %v", r.Name, o.Name, o.Path, pathFields)
	}
	if len(extra) > 0 {
		name, display := "additionalFields", "Additional Fields"
		if o.Method == "PUT" || o.Method == "PATCH" {
			name, display = "updateFields", "Update Fields"
		}
		top = append(top, &nodes.Property{
			DisplayName: display, Name: name, Type: nodes.TypeCollection, Placeholder: "Add Field",
			Default: map[string]any{}, DisplayOptions: show(), Options: extra,
		})
	}
	return top, nil
}

func property(f Field) (*nodes.Property, error) {
	p := &nodes.Property{DisplayName: f.Display, Name: f.Name, Type: f.Type, Required: f.Required, Description: f.Desc, Default: f.Default}
	switch f.Type {
	case nodes.TypeString, nodes.TypeDateTime:
		if p.Default == nil {
			p.Default = ""
		}
	case nodes.TypeNumber:
		if p.Default == nil {
			p.Default = 0
		}
	case nodes.TypeBoolean:
		if p.Default == nil {
			p.Default = false
		}
	case nodes.TypeOptions:
		if f.Values != nil && len(f.Values) != len(f.Options) {
			return nil, fmt.Errorf("field %s: %d options, %d values", f.Name, len(f.Options), len(f.Values))
		}
		for i, label := range f.Options {
			var v any = snake(label)
			if f.Values != nil {
				v = f.Values[i]
			}
			p.Options = append(p.Options, &nodes.Property{Name: label, Value: v})
		}
		if p.Default == nil {
			p.Default = p.Options[0].Value
		}
	default:
		return nil, fmt.Errorf("field %s: type %q", f.Name, f.Type)
	}
	switch f.In {
	case "query", "body":
		api := f.API
		if api == "" {
			api = f.Name
		}
		p.Routing = &nodes.Routing{Send: &nodes.RoutingSend{Type: map[string]string{"query": "query", "body": "body"}[f.In], Property: api, Value: "={{ $value }}"}}
	case "path", "":
	default:
		return nil, fmt.Errorf("field %s: location %q", f.Name, f.In)
	}
	return p, nil
}

func snake(s string) string {
	return strings.ReplaceAll(strings.ToLower(s), " ", "_")
}

// Notes returns the per-operation doc remarks, keyed "Resource:Operation":
// which docs pages showed the operation, or that it is inferred.
func Notes() map[string]string {
	out := map[string]string{}
	for _, r := range Resources() {
		for _, o := range r.Ops {
			note := "**Inferred**: no docs page of this operation could be read; its name, fields and HTTP route follow the resource list and the naming of the documented operations."
			if o.Documented != "" {
				note = "Documented on the docs pages of " + o.Documented + " (name and fields); the HTTP route is inferred, as no page states it."
			}
			out[r.Name+":"+o.Name] = note
		}
	}
	return out
}
