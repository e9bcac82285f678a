package transform

import (
	"fmt"
	"slices"
	"strings"

	"github.com/noderun/noderun/nodes"
)

func aggregateType() *nodes.Type {
	d := baseDescription("Aggregate", "aggregate", 1)
	d.Description = "Combine a field from many items into a list in a single item"
	individual := vals("aggregateIndividualFields")
	all := vals("aggregateAllItemData")
	renameField := prop("Rename Field", "renameField", nodes.TypeBoolean, false)
	outputName := withShow(prop("Output Field Name", "outputFieldName", nodes.TypeString, ""), "renameField", vals(true))
	d.Properties = []*nodes.Property{
		optionsProp("Aggregate", "aggregate", "aggregateIndividualFields",
			"Individual Fields", "aggregateIndividualFields", "All Item Data (Into a Single List)", "aggregateAllItemData"),
		withShow(fixedList("Fields To Aggregate", "fieldsToAggregate",
			map[string]any{"fieldToAggregate": []any{map[string]any{"fieldToAggregate": "", "renameField": false}}},
			"fieldToAggregate",
			prop("Input Field Name", "fieldToAggregate", nodes.TypeString, ""), renameField, outputName,
		), "aggregate", individual),
		withShow(prop("Put Output in Field", "destinationFieldName", nodes.TypeString, "data"), "aggregate", all),
		withShow(optionsProp("Include", "include", "allFields", "All Fields", "allFields",
			"Specified Fields", "specifiedFields", "All Fields Except", "allFieldsExcept"), "aggregate", all),
		withShow(prop("Fields To Exclude", "fieldsToExclude", nodes.TypeString, ""), "aggregate", all, "include", vals("allFieldsExcept")),
		withShow(prop("Fields To Include", "fieldsToInclude", nodes.TypeString, ""), "aggregate", all, "include", vals("specifiedFields")),
		collection("Options", "options",
			withHide(disableDotNotationOption(), "/aggregate", all),
			withHide(prop("Merge Lists", "mergeLists", nodes.TypeBoolean, false), "/aggregate", all),
			prop("Include Binaries", "includeBinaries", nodes.TypeBoolean, false),
			withShow(prop("Keep Only Unique Binaries", "keepOnlyUnique", nodes.TypeBoolean, false), "includeBinaries", vals(true)),
			withHide(prop("Keep Missing And Null Values", "keepMissing", nodes.TypeBoolean, false), "/aggregate", all),
		),
	}
	return &nodes.Type{Description: d, Handler: nodes.HandlerFunc(executeAggregate)}
}

func executeAggregate(ctx nodes.ExecuteContext) (nodes.Outputs, error) {
	in := ctx.InputData(0)
	mode, err := paramString(ctx, "aggregate", 0, "aggregateIndividualFields")
	if err != nil {
		return nil, err
	}
	options, err := paramMap(ctx, "options", 0)
	if err != nil {
		return nil, err
	}
	var item nodes.Item
	if mode == "aggregateIndividualFields" {
		item, err = aggregateFields(ctx, in, options)
	} else {
		item, err = aggregateAll(ctx, in)
	}
	if err != nil {
		return nil, err
	}
	if boolOf(options, "includeBinaries", false) {
		item.Binary = aggregateBinaries(in, boolOf(options, "keepOnlyUnique", false))
	}
	return nodes.Outputs{{item}}, nil
}

func aggregateFields(ctx nodes.ExecuteContext, in []nodes.Item, options map[string]any) (nodes.Item, error) {
	disableDot := boolOf(options, "disableDotNotation", false)
	mergeLists := boolOf(options, "mergeLists", false)
	keepMissing := boolOf(options, "keepMissing", false)
	fields, err := paramList(ctx, "fieldsToAggregate.fieldToAggregate", 0)
	if err != nil {
		return nodes.Item{}, err
	}
	if len(fields) == 0 {
		return nodes.Item{}, opError(ctx, "No fields specified", "Please add a field to aggregate")
	}
	for _, f := range fields {
		name := strOf(f, "fieldToAggregate", "")
		found := false
		for _, it := range in {
			if name == "" {
				return nodes.Item{}, opError(ctx, "Field to aggregate is blank", "Please add a field to aggregate")
			}
			if _, ok := getField(it.JSON, name, disableDot); ok {
				found = true
			}
		}
		if !found && disableDot && strings.Contains(name, ".") {
			return nodes.Item{}, opError(ctx, fmt.Sprintf("Couldn't find the field '%s' in the input data", name),
				"If you're trying to use a nested field, make sure you turn off 'disable dot notation' in the node options")
		} else if !found && !keepMissing {
			return nodes.Item{}, opError(ctx, fmt.Sprintf("Couldn't find the field '%s' in the input data", name), "")
		}
	}
	json := map[string]any{}
	var outputFields []string
	type entry struct {
		key    string
		values []any
	}
	var values []entry
	for _, f := range fields {
		name := strOf(f, "fieldToAggregate", "")
		outName := strOf(f, "outputFieldName", "")
		field := name
		if boolOf(f, "renameField", false) {
			field = outName
		}
		if slices.Contains(outputFields, field) {
			return nodes.Item{}, opError(ctx, fmt.Sprintf("The '%s' output field is used more than once", field), "Please make sure each output field name is unique")
		}
		outputFields = append(outputFields, field)
		key := outName
		if key == "" {
			key = name
			if !disableDot && strings.Contains(name, ".") {
				parts := strings.Split(name, ".")
				key = parts[len(parts)-1]
			}
		}
		vs := []any{}
		for _, it := range in {
			v, ok := getField(it.JSON, name, disableDot)
			if !keepMissing {
				if a, isArr := v.([]any); isArr {
					filtered := []any{}
					for _, x := range a {
						if x != nil {
							filtered = append(filtered, x)
						}
					}
					v = filtered
				} else if !ok || v == nil {
					continue
				}
			}
			if a, isArr := v.([]any); isArr && mergeLists {
				vs = append(vs, deepCopy(a).([]any)...)
			} else {
				vs = append(vs, deepCopy(v))
			}
		}
		replaced := false
		for i := range values {
			if values[i].key == key {
				values[i].values, replaced = vs, true
			}
		}
		if !replaced {
			values = append(values, entry{key, vs})
		}
	}
	for _, e := range values {
		setField(json, e.key, e.values, disableDot)
	}
	return nodes.Item{JSON: json, PairedItem: pairedAll(len(in))}, nil
}

func aggregateAll(ctx nodes.ExecuteContext, in []nodes.Item) (nodes.Item, error) {
	dest, err := paramString(ctx, "destinationFieldName", 0, "data")
	if err != nil {
		return nodes.Item{}, err
	}
	exc, err := paramString(ctx, "fieldsToExclude", 0, "")
	if err != nil {
		return nodes.Item{}, err
	}
	inc, err := paramString(ctx, "fieldsToInclude", 0, "")
	if err != nil {
		return nodes.Item{}, err
	}
	exclude, include := splitFieldList(exc), splitFieldList(inc)
	list := []any{}
	for _, it := range in {
		m := it.Object()
		if len(exclude) == 0 && len(include) == 0 {
			list = append(list, deepCopy(it.JSON))
			continue
		}
		n := map[string]any{}
		for k, v := range m {
			if slices.Contains(exclude, k) {
				continue
			}
			if len(include) > 0 && !slices.Contains(include, k) {
				continue
			}
			n[k] = deepCopy(v)
		}
		if len(n) > 0 {
			list = append(list, n)
		}
	}
	return nodes.Item{JSON: map[string]any{dest: list}, PairedItem: pairedAll(len(in))}, nil
}

// aggregateBinaries collects every item's binary entries under numbered
// keys data_0, data_1 ... (n8n's includeBinaries).
func aggregateBinaries(in []nodes.Item, unique bool) map[string]*nodes.BinaryData {
	out := map[string]*nodes.BinaryData{}
	seen := map[string]bool{}
	n := 0
	for _, it := range in {
		keys := make([]string, 0, len(it.Binary))
		for k := range it.Binary {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			b := it.Binary[k]
			if b == nil {
				continue
			}
			if unique {
				id := b.ID + "|" + b.Data
				if seen[id] {
					continue
				}
				seen[id] = true
			}
			out[fmt.Sprintf("data_%d", n)] = b
			n++
		}
	}
	return out
}
