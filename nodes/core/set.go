package core

import "github.com/noderun/noderun/nodes"

// Set include modes (n8n's INCLUDE).
const (
	includeAll      = "all"
	includeNone     = "none"
	includeSelected = "selected"
	includeExcept   = "except"
)

// setV3Versions are the Edit Fields (Set) versions SetV2.node.ts serves.
var setV3Versions = nodes.Versions{3, 3.1, 3.2, 3.3, 3.4, 3.5}

var oldSetVersions = list(3, 3.1, 3.2)

// setDescription is n8n's Edit Fields (Set) v3.x description.
func setDescription() *nodes.Description {
	manualOnly := func(extra ...any) *nodes.DisplayOptions {
		return show(append([]any{"mode", list("manual")}, extra...)...)
	}
	fieldValue := func(name, typ string, def any, extra func(p *nodes.Property)) *nodes.Property {
		p := &nodes.Property{DisplayName: "Value", Name: name, Type: typ, Default: def,
			DisplayOptions: show("type", list(name))}
		if extra != nil {
			extra(p)
		}
		return p
	}
	return &nodes.Description{
		DisplayName:    "Edit Fields (Set)",
		Name:           "n8n-nodes-base.set",
		Icon:           "node:edit-fields",
		Group:          []string{"input"},
		Version:        setV3Versions,
		DefaultVersion: 3.5,
		Subtitle:       `={{$parameter["mode"]}}`,
		Description:    "Modify, add, or remove item fields",
		Defaults:       map[string]any{"name": "Edit Fields"},
		Inputs:         mainPorts(1),
		Outputs:        mainPorts(1),
		Properties: []*nodes.Property{
			{DisplayName: "Mode", Name: "mode", Type: nodes.TypeOptions, NoDataExpression: true, Default: "manual",
				Options: []*nodes.Property{
					{Name: "Manual Mapping", Value: "manual", Description: "Edit item fields one by one", Action: "Edit item fields one by one"},
					{Name: "JSON", Value: "raw", Description: "Customize item output with JSON", Action: "Customize item output with JSON"},
				}},
			{DisplayName: "Duplicate Item", Name: "duplicateItem", Type: nodes.TypeBoolean, Default: false, IsNodeSetting: true,
				Description: "Whether this item should be duplicated a set number of times"},
			{DisplayName: "Duplicate Item Count", Name: "duplicateCount", Type: nodes.TypeNumber, Default: 0, IsNodeSetting: true,
				TypeOptions: map[string]any{"minValue": 0}, DisplayOptions: show("duplicateItem", list(true)),
				Description: "How many times the item should be duplicated, mainly used for testing and debugging"},
			{DisplayName: "Item duplication is set in the node settings. This option will be ignored when the workflow runs automatically.",
				Name: "duplicateWarning", Type: nodes.TypeNotice, Default: "", DisplayOptions: show("duplicateItem", list(true))},
			{DisplayName: "JSON", Name: "jsonOutput", Type: nodes.TypeJSON, TypeOptions: map[string]any{"rows": 5},
				Default: "{\n  \"my_field_1\": \"value\",\n  \"my_field_2\": 1\n}\n", DisplayOptions: show("mode", list("raw"))},
			{DisplayName: "Fields to Set", Name: "fields", Placeholder: "Add Field", Type: nodes.TypeFixedCollection,
				Description:    "Edit existing fields or add new ones to modify the output data",
				DisplayOptions: manualOnly("@version", oldSetVersions),
				TypeOptions:    map[string]any{"multipleValues": true, "sortable": true},
				Default:        map[string]any{},
				Options: []*nodes.Property{{Name: "values", DisplayName: "Values", Values: []*nodes.Property{
					{DisplayName: "Name", Name: "name", Type: nodes.TypeString, Default: "", Placeholder: "e.g. fieldName",
						Description: "Name of the field to set the value of. Supports dot-notation. Example: data.person[0].name."},
					{DisplayName: "Type", Name: "type", Type: nodes.TypeOptions, Default: "stringValue", Description: "The field value type",
						Options: []*nodes.Property{
							option("String", "stringValue", ""), option("Number", "numberValue", ""),
							option("Boolean", "booleanValue", ""), option("Array", "arrayValue", ""),
							option("Object", "objectValue", ""),
						}},
					fieldValue("stringValue", nodes.TypeString, "", nil),
					fieldValue("numberValue", nodes.TypeString, "", nil),
					fieldValue("booleanValue", nodes.TypeOptions, "true", func(p *nodes.Property) {
						p.Options = []*nodes.Property{option("True", "true", ""), option("False", "false", "")}
					}),
					fieldValue("arrayValue", nodes.TypeString, "", func(p *nodes.Property) {
						p.Placeholder = "e.g. [ arrayItem1, arrayItem2, arrayItem3 ]"
					}),
					fieldValue("objectValue", nodes.TypeJSON, "={}", func(p *nodes.Property) {
						p.TypeOptions = map[string]any{"rows": 2}
					}),
				}}},
			},
			{DisplayName: "Fields to Set", Name: "assignments", Type: nodes.TypeAssignments, Default: map[string]any{},
				DisplayOptions: showHide(map[string][]any{"mode": list("manual")}, map[string][]any{"@version": oldSetVersions})},
			{DisplayName: "Include in Output", Name: "include", Type: nodes.TypeOptions, Default: includeAll,
				Description:    "How to select the fields you want to include in your output items",
				DisplayOptions: show("@version", oldSetVersions),
				Options: []*nodes.Property{
					option("All Input Fields", includeAll, "Also include all unchanged fields from the input"),
					option("No Input Fields", includeNone, "Include only the fields specified above"),
					option("Selected Input Fields", includeSelected, "Also include the fields listed in the parameter “Fields to Include”"),
					option("All Input Fields Except", includeExcept, "Exclude the fields listed in the parameter “Fields to Exclude”"),
				}},
			{DisplayName: "Include Other Input Fields", Name: "includeOtherFields", Type: nodes.TypeBoolean, Default: false,
				Description:    "Whether to pass to the output all the input fields (along with the fields set in 'Fields to Set')",
				DisplayOptions: hide("@version", oldSetVersions)},
			{DisplayName: "Input Fields to Include", Name: "include", Type: nodes.TypeOptions, Default: includeAll,
				Description:    "How to select the fields you want to include in your output items",
				DisplayOptions: hide("@version", oldSetVersions, "/includeOtherFields", list(false)),
				Options: []*nodes.Property{
					option("All", includeAll, "Also include all unchanged fields from the input"),
					option("Selected", includeSelected, "Also include the fields listed in the parameter “Fields to Include”"),
					option("All Except", includeExcept, "Exclude the fields listed in the parameter “Fields to Exclude”"),
				}},
			includeFieldsProperty("includeFields", "include", includeSelected, show("include", list(includeSelected), "@version", oldSetVersions)),
			includeFieldsProperty("excludeFields", "exclude", includeExcept, show("include", list(includeExcept), "@version", oldSetVersions)),
			includeFieldsProperty("includeFields", "include", includeSelected, showHide(
				map[string][]any{"include": list(includeSelected), "/includeOtherFields": list(true)},
				map[string][]any{"@version": oldSetVersions})),
			includeFieldsProperty("excludeFields", "exclude", includeExcept, showHide(
				map[string][]any{"include": list(includeExcept), "/includeOtherFields": list(true)},
				map[string][]any{"@version": oldSetVersions})),
			{DisplayName: "Options", Name: "options", Type: nodes.TypeCollection, Placeholder: "Add option", Default: map[string]any{},
				Options: []*nodes.Property{
					{DisplayName: "Include Binary File", Name: "includeBinary", Type: nodes.TypeBoolean, Default: true,
						DisplayOptions: hide("@version", list(cnd("gte", 3.4))),
						Description:    "Whether binary data should be included if present in the input item"},
					{DisplayName: "Strip Binary Data", Name: "stripBinary", Type: nodes.TypeBoolean, Default: true,
						Description:    `Whether binary data should be stripped from the input item. Only applies when "Include Other Input Fields" is enabled.`,
						DisplayOptions: show("@version", list(cnd("gte", 3.4)), "/includeOtherFields", list(true))},
					{DisplayName: "Ignore Type Conversion Errors", Name: "ignoreConversionErrors", Type: nodes.TypeBoolean, Default: false,
						Description:    "Whether to ignore field type errors and apply a less strict type conversion",
						DisplayOptions: show("/mode", list("manual"))},
					{DisplayName: "Support Dot Notation", Name: "dotNotation", Type: nodes.TypeBoolean, Default: true,
						Description: `By default, dot-notation is used in property names. This means that "a.b" will set the property "b" underneath "a" so { "a": { "b": value} }. If that is not intended this can be deactivated, it will then set { "a.b": value } instead.`},
				}},
		},
	}
}

func includeFieldsProperty(name, verb, _ string, d *nodes.DisplayOptions) *nodes.Property {
	title := "Fields to Include"
	if verb == "exclude" {
		title = "Fields to Exclude"
	}
	return &nodes.Property{
		DisplayName: title, Name: name, Type: nodes.TypeString, Default: "",
		Placeholder:    "e.g. fieldTo" + capitalize(verb) + "1,fieldTo" + capitalize(verb) + "2",
		Description:    "Comma-separated list of the field names you want to " + verb + " in the output. You can drag the selected fields from the input panel.",
		DisplayOptions: d,
	}
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return string(s[0]-32) + s[1:]
}
