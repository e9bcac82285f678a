package transform

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/noderun/noderun/internal/fieldpath"
	"github.com/noderun/noderun/internal/jsvalue"
	"github.com/noderun/noderun/nodes"
)

func splitOutType() *nodes.Type {
	d := baseDescription("Split Out", "splitOut", 1)
	d.Description = "Turn a list inside item(s) into separate items"
	include := optionsProp("Include", "include", "noOtherFields",
		"No Other Fields", "noOtherFields", "All Other Fields", "allOtherFields", "Selected Other Fields", "selectedOtherFields")
	d.Properties = []*nodes.Property{
		prop("Fields To Split Out", "fieldToSplitOut", nodes.TypeString, ""),
		include,
		withShow(prop("Fields To Include", "fieldsToInclude", nodes.TypeString, ""), "include", vals("selectedOtherFields")),
		collection("Options", "options",
			disableDotNotationOption(),
			prop("Destination Field Name", "destinationFieldName", nodes.TypeString, ""),
			prop("Include Binary", "includeBinary", nodes.TypeBoolean, false),
		),
	}
	d.Properties[0].Required = true
	return &nodes.Type{Description: d, Handler: nodes.HandlerFunc(executeSplitOut)}
}

var jsonPrefix = regexp.MustCompile(`^\$json\.`)

func executeSplitOut(ctx nodes.ExecuteContext) (nodes.Outputs, error) {
	in := ctx.InputData(0)
	out := []nodes.Item{}
	for i, src := range in {
		raw, err := paramString(ctx, "fieldToSplitOut", i, "")
		if err != nil {
			return nil, err
		}
		var fields []string
		for _, f := range splitFieldList(raw) {
			fields = append(fields, jsonPrefix.ReplaceAllString(f, ""))
		}
		options, err := paramMap(ctx, "options", i)
		if err != nil {
			return nil, err
		}
		disableDot := boolOf(options, "disableDotNotation", false)
		dest := splitFieldList(strOf(options, "destinationFieldName", ""))
		if len(dest) > 0 && len(dest) != len(fields) {
			return nil, opError(ctx, "If multiple fields to split out are given, the same number of destination fields must be given", "").WithItem(i)
		}
		include, err := paramString(ctx, "include", i, "noOtherFields")
		if err != nil {
			return nil, err
		}
		multiSplit := len(fields) > 1
		item := src.Object()
		if item == nil {
			item = map[string]any{}
		}
		var split []map[string]any
		var binSplit []map[string]*nodes.BinaryData
		for fi, field := range fields {
			destName := ""
			if fi < len(dest) {
				destName = dest[fi]
			}
			var entities []any
			var binKeys []string
			if field == "$binary" {
				for k := range src.Binary {
					binKeys = append(binKeys, k)
				}
				slices.Sort(binKeys)
				for _, k := range binKeys {
					entities = append(entities, k)
				}
			} else {
				v, ok := getField(item, field, disableDot)
				switch t := v.(type) {
				case []any:
					entities = t
				case map[string]any:
					entities = objectValues(t)
				default:
					if ok {
						entities = []any{v}
					}
				}
			}
			for ei, el := range entities {
				for len(split) <= ei {
					split = append(split, map[string]any{})
					binSplit = append(binSplit, nil)
				}
				name := destName
				if name == "" {
					name = field
				}
				if field == "$binary" {
					k := el.(string)
					binSplit[ei] = map[string]*nodes.BinaryData{k: src.Binary[k]}
					continue
				}
				if m, isObj := el.(map[string]any); isObj && include == "noOtherFields" && destName == "" && !multiSplit {
					for k, v := range m {
						split[ei][k] = jsvalue.Clone(v)
					}
				} else {
					split[ei][name] = jsvalue.Clone(el)
				}
			}
		}
		for ei, entry := range split {
			var newItem map[string]any
			switch include {
			case "noOtherFields":
				newItem = entry
			case "allOtherFields":
				newItem = copyObject(item)
				for _, f := range fields {
					unsetField(newItem, f, disableDot)
				}
				for k, v := range entry {
					newItem[k] = v
				}
			case "selectedOtherFields":
				inc, err := paramString(ctx, "fieldsToInclude", i, "")
				if err != nil {
					return nil, err
				}
				toInclude := splitFieldList(inc)
				if len(toInclude) == 0 {
					return nil, opError(ctx, "No fields specified", "Please add a field to include").WithItem(i)
				}
				for _, f := range toInclude {
					if v, ok := getField(item, f, disableDot); ok {
						entry[f] = jsvalue.Clone(v)
					}
				}
				newItem = entry
			default:
				return nil, opError(ctx, fmt.Sprintf("The include option %q is not known", include), "")
			}
			ni := nodes.Item{JSON: newItem, PairedItem: nodes.One(nodes.PairedItem{Item: i})}
			if binSplit[ei] != nil {
				ni.Binary = binSplit[ei]
			}
			if boolOf(options, "includeBinary", false) && ni.Binary == nil && len(src.Binary) > 0 {
				ni.Binary = src.Binary
			}
			out = append(out, ni)
		}
	}
	return nodes.Outputs{out}, nil
}

// objectValues is Object.values: integer-like keys ascending, then the
// rest (Go maps keep no insertion order, so sorted).
func objectValues(m map[string]any) []any {
	keys := jsKeys(m)
	out := make([]any, len(keys))
	for i, k := range keys {
		out[i] = m[k]
	}
	return out
}

// jsKeys orders keys as JavaScript does for integer-like keys (ascending,
// first); other keys follow sorted, as insertion order is not kept.
func jsKeys(m map[string]any) []string {
	var ints, rest []string
	for k := range m {
		if _, ok := fieldpath.Index(k); ok {
			ints = append(ints, k)
		} else {
			rest = append(rest, k)
		}
	}
	slices.SortFunc(ints, func(a, b string) int {
		if len(a) != len(b) {
			return len(a) - len(b)
		}
		return strings.Compare(a, b)
	})
	slices.Sort(rest)
	return append(ints, rest...)
}
