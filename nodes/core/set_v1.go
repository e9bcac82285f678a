package core

import (
	"github.com/noderun/noderun/nodes"

	"github.com/noderun/noderun/internal/fieldpath"
	"github.com/noderun/noderun/internal/jsvalue"
)

// setV1Description is n8n's Set v1/v2 description (SetV1.node.ts).
func setV1Description() *nodes.Description {
	valueGroup := func(name, display, typ string, def any, what string) *nodes.Property {
		return &nodes.Property{Name: name, DisplayName: display, Values: []*nodes.Property{
			{DisplayName: "Name", Name: "name", Type: nodes.TypeString, Default: "propertyName",
				Description: `Name of the property to write data to. Supports dot-notation. Example: "data.person[0].name"`},
			{DisplayName: "Value", Name: "value", Type: typ, Default: def, Description: "The " + what + " value to write in the property"},
		}}
	}
	return &nodes.Description{
		DisplayName:    "Set",
		Name:           "n8n-nodes-base.set",
		Icon:           "fa:pen",
		Group:          []string{"input"},
		Version:        nodes.Versions{1, 2},
		DefaultVersion: 3.5,
		Description:    "Sets values on items and optionally remove other values",
		Defaults:       map[string]any{"name": "Set", "color": "#0000FF"},
		Inputs:         mainPorts(1),
		Outputs:        mainPorts(1),
		Properties: []*nodes.Property{
			{DisplayName: "Keep Only Set", Name: "keepOnlySet", Type: nodes.TypeBoolean, Default: false,
				Description: "Whether only the values set on this node should be kept and all others removed"},
			{DisplayName: "Values to Set", Name: "values", Placeholder: "Add Value", Type: nodes.TypeFixedCollection,
				TypeOptions: map[string]any{"multipleValues": true, "sortable": true}, Description: "The value to set", Default: map[string]any{},
				Options: []*nodes.Property{
					valueGroup("boolean", "Boolean", nodes.TypeBoolean, false, "boolean"),
					valueGroup("number", "Number", nodes.TypeNumber, 0, "number"),
					valueGroup("string", "String", nodes.TypeString, "", "string"),
				}},
			{DisplayName: "Options", Name: "options", Type: nodes.TypeCollection, Placeholder: "Add option", Default: map[string]any{},
				Options: []*nodes.Property{{DisplayName: "Dot Notation", Name: "dotNotation", Type: nodes.TypeBoolean, Default: true,
					Description: `<p>By default, dot-notation is used in property names. This means that "a.b" will set the property "b" underneath "a" so { "a": { "b": value} }.<p></p>If that is not intended this can be deactivated, it will then set { "a.b": value } instead.</p>.`}}},
		},
	}
}

// executeSetV1 runs Set v1/v2: boolean, then number, then string values,
// on a copy of the item unless keepOnlySet.
func executeSetV1(ctx nodes.ExecuteContext) (nodes.Outputs, error) {
	items := ctx.InputData(0)
	version := ctx.Node().TypeVersion
	if len(items) == 0 {
		items = []nodes.Item{{JSON: map[string]any{}, PairedItem: nodes.One(nodes.Paired(0, 0))}}
	}
	out := make([]nodes.Item, 0, len(items))
	for i, item := range items {
		keepOnlySet, err := paramBool(ctx, "keepOnlySet", i, false)
		if err != nil {
			return nil, itemError(ctx, err, i, "")
		}
		options, err := paramMap(ctx, "options", i)
		if err != nil {
			return nil, itemError(ctx, err, i, "")
		}
		newItem := nodes.Item{JSON: map[string]any{}, PairedItem: nodes.One(nodes.Paired(i, 0))}
		obj := map[string]any{}
		if !keepOnlySet {
			if item.Binary != nil {
				newItem.Binary = make(map[string]*nodes.BinaryData, len(item.Binary))
				for k, v := range item.Binary {
					newItem.Binary[k] = v
				}
			}
			if m := item.Object(); m != nil {
				obj = jsvalue.Clone(m).(map[string]any)
			}
		}
		write := func(name string, v any) {
			if options["dotNotation"] == false {
				obj[name] = v
				return
			}
			fieldpath.Set(obj, name, v)
		}
		for _, group := range []string{"boolean", "number", "string"} {
			v, err := ctx.Param("values."+group, i, []any{})
			if err != nil {
				return nil, itemError(ctx, err, i, "")
			}
			entries, _ := v.([]any)
			for _, e := range entries {
				m, _ := e.(map[string]any)
				if m == nil {
					continue
				}
				name := jsStringOrEmpty(m["name"])
				value, present := m["value"]
				switch group {
				case "boolean":
					value, present = jsvalue.Truthy(value), true
				case "number":
					if s, ok := value.(string); ok && version >= 2 {
						if f, ok := jsNumber(s); ok {
							value = f
						}
					}
				}
				if !present {
					continue // undefined is dropped from JSON
				}
				write(name, value)
			}
		}
		newItem.JSON = obj
		out = append(out, newItem)
	}
	return nodes.Outputs{out}, nil
}
