package transform

import (
	"fmt"
	"slices"
	"strings"

	"github.com/noderun/noderun/internal/jsvalue"
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
		item.Binary = aggregateBinaries(in, item.PairedItem, boolOf(options, "keepOnlyUnique", false))
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
		if name == "" {
			continue
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
				vs = append(vs, jsvalue.Clone(a).([]any)...)
			} else {
				vs = append(vs, jsvalue.Clone(v))
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
	paired := nodes.PairedItems{Items: []nodes.PairedItem{}, List: true}
	for i, it := range in {
		m := it.Object()
		if len(exclude) == 0 && len(include) == 0 {
			list = append(list, jsvalue.Clone(it.JSON))
			paired.Items = append(paired.Items, nodes.PairedItem{Item: i})
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
			n[k] = jsvalue.Clone(v)
		}
		if len(n) > 0 {
			list = append(list, n)
			paired.Items = append(paired.Items, nodes.PairedItem{Item: i})
		}
	}
	return nodes.Item{JSON: map[string]any{dest: list}, PairedItem: paired}, nil
}

// aggregateBinaries collects the binaries of the aggregated items; a key
// already taken gets a _1, _2 ... suffix. With unique, a binary with the
// mimeType, fileType, fileSize and fileExtension of an earlier one is
// skipped (n8n's addBinariesToItem).
func aggregateBinaries(in []nodes.Item, paired nodes.PairedItems, unique bool) map[string]*nodes.BinaryData {
	var out map[string]*nodes.BinaryData
	type sig struct{ mime, typ, size, ext string }
	var seen []sig
	for _, p := range paired.Items {
		if p.Item < 0 || p.Item >= len(in) {
			continue
		}
		bin := in[p.Item].Binary
		keys := make([]string, 0, len(bin))
		for k := range bin {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			b := bin[k]
			if b == nil {
				continue
			}
			if out == nil {
				out = map[string]*nodes.BinaryData{}
			}
			if unique {
				s := sig{b.MimeType, b.FileType, b.FileSize, b.FileExtension}
				if slices.Contains(seen, s) {
					continue
				}
				seen = append(seen, s)
			}
			key := k
			for n := 1; out[key] != nil; n++ {
				key = fmt.Sprintf("%s_%d", k, n)
			}
			out[key] = b
		}
	}
	return out
}
