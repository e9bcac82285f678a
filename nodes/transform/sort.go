package transform

import (
	"fmt"
	"math/rand/v2"
	"sort"
	"strings"

	"github.com/noderun/noderun/internal/jsvalue"
	"github.com/noderun/noderun/nodes"
)

func sortType() *nodes.Type {
	d := baseDescription("Sort", "sort", 1)
	d.Description = "Change items order"
	typ := optionsProp("Type", "type", "simple", "Simple", "simple", "Random", "random", "Code", "code")
	field := prop("Field Name", "fieldName", nodes.TypeString, "")
	field.Required = true
	order := optionsProp("Order", "order", "ascending", "Ascending", "ascending", "Descending", "descending")
	code := withShow(prop("Code", "code", nodes.TypeString,
		"// The two items to compare are in the variables a and b\n\t// Access the fields in a.json and b.json\n\t// Return -1 if a should go before b\n\t// Return 1 if b should go before a\n\t// Return 0 if there's no difference\n\n\tfieldName = 'myField';\n\n\tif (a.json[fieldName] < b.json[fieldName]) {\n\treturn -1;\n\t}\n\tif (a.json[fieldName] > b.json[fieldName]) {\n\treturn 1;\n\t}\n\treturn 0;"),
		"type", vals("code"))
	d.Properties = []*nodes.Property{
		typ,
		withShow(fixedList("Fields To Sort By", "sortFieldsUi", map[string]any{}, "sortField", field, order), "type", vals("simple")),
		code,
		withShow(collection("Options", "options", disableDotNotationOption()), "type", vals("simple")),
	}
	return &nodes.Type{Description: d, Handler: nodes.HandlerFunc(executeSort)}
}

func executeSort(ctx nodes.ExecuteContext) (nodes.Outputs, error) {
	items := inputItems(ctx, 0)
	typ, err := paramString(ctx, "type", 0, "simple")
	if err != nil {
		return nil, err
	}
	switch typ {
	case "random":
		rand.Shuffle(len(items), func(i, j int) { items[i], items[j] = items[j], items[i] })
		return nodes.Outputs{items}, nil
	case "code":
		return nil, opError(ctx, "Sorting with code is not supported by noderun", "Use the Simple sort type, or a Code node")
	}
	disableDot, err := paramBool(ctx, "options.disableDotNotation", 0, false)
	if err != nil {
		return nil, err
	}
	fields, err := paramList(ctx, "sortFieldsUi.sortField", 0)
	if err != nil {
		return nil, err
	}
	if len(fields) == 0 {
		return nil, opError(ctx, "No sorting specified. Please add a field to sort by", "")
	}
	type sortField struct {
		name string
		dir  int
	}
	var sfs []sortField
	for _, f := range fields {
		name := strOf(f, "fieldName", "")
		found := false
		for _, it := range items {
			if _, ok := getField(it.JSON, name, disableDot); ok {
				found = true
				break
			}
		}
		if !found && disableDot && strings.Contains(name, ".") {
			return nil, opError(ctx, fmt.Sprintf("Couldn't find the field '%s' in the input data", name),
				"If you're trying to use a nested field, make sure you turn off 'disable dot notation' in the node options")
		} else if !found {
			return nil, opError(ctx, fmt.Sprintf("Couldn't find the field '%s' in the input data", name), "")
		}
		dir := -1
		if strOf(f, "order", "ascending") == "ascending" {
			dir = 1
		}
		sfs = append(sfs, sortField{name, dir})
	}
	sort.SliceStable(items, func(i, j int) bool {
		for _, f := range sfs {
			c := compareField(items[i].JSON, items[j].JSON, f.name, disableDot, true)
			if c != 0 {
				return c*f.dir < 0
			}
		}
		return false
	})
	return nodes.Outputs{items}, nil
}

// compareField orders a and b on field as n8n's Sort and Remove
// Duplicates do: lodash isEqual, then lodash lt (strings lower-cased
// first when lower is set).
func compareField(a, b any, field string, disableDot, lower bool) int {
	av, aok := getField(a, field, disableDot)
	bv, bok := getField(b, field, disableDot)
	if lower {
		if s, ok := av.(string); ok {
			av = strings.ToLower(s)
		}
		if s, ok := bv.(string); ok {
			bv = strings.ToLower(s)
		}
	}
	if aok == bok && (!aok || jsvalue.DeepEqual(av, bv)) {
		return 0
	}
	if jsLess(av, bv, aok, bok) {
		return -1
	}
	return 1
}
