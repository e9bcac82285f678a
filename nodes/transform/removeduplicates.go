package transform

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/noderun/noderun/internal/jsvalue"
	"github.com/noderun/noderun/nodes"
)

// removeDuplicatesV1Properties are Remove Duplicates 1/1.1's parameters
// (and Item Lists' remove duplicates operation).
func removeDuplicatesV1Properties() []*nodes.Property {
	return []*nodes.Property{
		optionsProp("Compare", "compare", "allFields", "All Fields", "allFields",
			"All Fields Except", "allFieldsExcept", "Selected Fields", "selectedFields"),
		withShow(prop("Fields To Exclude", "fieldsToExclude", nodes.TypeString, ""), "compare", vals("allFieldsExcept")),
		withShow(prop("Fields To Compare", "fieldsToCompare", nodes.TypeString, ""), "compare", vals("selectedFields")),
		withShow(collection("Options", "options",
			disableDotNotationOption(),
			prop("Remove Other Fields", "removeOtherFields", nodes.TypeBoolean, false),
		), "compare", vals("allFieldsExcept", "selectedFields")),
	}
}

// removeDuplicatesV2Properties are Remove Duplicates 2's parameters.
func removeDuplicatesV2Properties() []*nodes.Property {
	op := optionsProp("Operation", "operation", "removeDuplicateInputItems",
		"Remove Items Repeated Within Current Input", "removeDuplicateInputItems",
		"Remove Items Processed in Previous Executions", "removeItemsSeenInPreviousExecutions",
		"Clear Deduplication History", "clearDeduplicationHistory")
	op.NoDataExpression = true
	seen := vals("removeItemsSeenInPreviousExecutions")
	logic := withShow(optionsProp("Keep Items Where", "logic", "removeItemsWithAlreadySeenKeyValues",
		"Value Is New", "removeItemsWithAlreadySeenKeyValues",
		"Value Is Higher than Any Previous Value", "removeItemsUpToStoredIncrementalKey",
		"Value Is a Date Later than Any Previous Date", "removeItemsUpToStoredDate"), "operation", seen)
	logic.NoDataExpression = true
	dedupe := withShow(prop("Value to Dedupe On", "dedupeValue", nodes.TypeString, ""), "logic", vals("removeItemsWithAlreadySeenKeyValues"), "/operation", seen)
	dedupe.Required = true
	onlyInput := func(p *nodes.Property) *nodes.Property {
		return withHide(withShow(p, "/operation", vals("removeDuplicateInputItems")), "/compare", vals("allFields"))
	}
	scope := withShow(optionsProp("Scope", "scope", "node", "Node", "node", "Workflow", "workflow"),
		"/operation", vals("clearDeduplicationHistory", "removeItemsSeenInPreviousExecutions"))
	history := withShow(prop("History Size", "historySize", nodes.TypeNumber, 10000),
		"/operation", seen, "/logic", vals("removeItemsWithAlreadySeenKeyValues"))
	return []*nodes.Property{
		op,
		withShow(optionsProp("Compare", "compare", "allFields", "All Fields", "allFields",
			"All Fields Except", "allFieldsExcept", "Selected Fields", "selectedFields"), "operation", vals("removeDuplicateInputItems")),
		withShow(prop("Fields To Exclude", "fieldsToExclude", nodes.TypeString, ""), "compare", vals("allFieldsExcept")),
		withShow(prop("Fields To Compare", "fieldsToCompare", nodes.TypeString, ""), "compare", vals("selectedFields")),
		logic,
		dedupe,
		withShow(prop("Value to Dedupe On", "incrementalDedupeValue", nodes.TypeNumber, ""), "logic", vals("removeItemsUpToStoredIncrementalKey"), "/operation", seen),
		withShow(prop("Value to Dedupe On", "dateDedupeValue", nodes.TypeDateTime, ""), "logic", vals("removeItemsUpToStoredDate"), "/operation", seen),
		withShow(optionsProp("Mode", "mode", "cleanDatabase", "Clean Database", "cleanDatabase"), "operation", vals("clearDeduplicationHistory")),
		withShow(collection("Options", "options",
			onlyInput(disableDotNotationOption()),
			onlyInput(prop("Remove Other Fields", "removeOtherFields", nodes.TypeBoolean, false)),
			scope,
			history,
		), "operation", vals("removeDuplicateInputItems", "removeItemsSeenInPreviousExecutions", "clearDeduplicationHistory")),
	}
}

func removeDuplicatesTypes() []*nodes.Type {
	v1 := baseDescription("Remove Duplicates", "removeDuplicates", 1, 1.1)
	v1.Description = "Delete items with matching field values"
	v1.Properties = removeDuplicatesV1Properties()
	v2 := baseDescription("Remove Duplicates", "removeDuplicates", 2)
	v2.Description = "Delete items with matching field values"
	v2.Properties = removeDuplicatesV2Properties()
	h := nodes.HandlerFunc(executeRemoveDuplicates)
	return []*nodes.Type{{Description: v1, Handler: h}, {Description: v2, Handler: h}}
}

// flattenKeys returns the dotted leaf paths of v (n8n's flattenKeys).
func flattenKeys(v any, prefix string, out *[]string) {
	add := func(k string) {
		if !slices.Contains(*out, k) {
			*out = append(*out, k)
		}
	}
	join := func(k string) string {
		if prefix == "" {
			return k
		}
		return prefix + "." + k
	}
	switch t := v.(type) {
	case map[string]any:
		for _, k := range jsKeys(t) {
			flattenKeys(t[k], join(k), out)
		}
	case []any:
		for i, x := range t {
			flattenKeys(x, join(fmt.Sprint(i)), out)
		}
	default:
		add(prefix)
	}
}

func executeRemoveDuplicates(ctx nodes.ExecuteContext) (nodes.Outputs, error) {
	in := inputItems(ctx, 0)
	if versionOf(ctx) >= 2 && strings.HasSuffix(ctx.Node().Type, ".removeDuplicates") {
		op, err := paramString(ctx, "operation", 0, "removeDuplicateInputItems")
		if err != nil {
			return nil, err
		}
		if op != "removeDuplicateInputItems" {
			return nil, opError(ctx, fmt.Sprintf("The operation %q needs persistent deduplication storage, which noderun does not support", op), "")
		}
	}
	if len(in) == 0 {
		return nodes.Outputs{in}, nil
	}
	compare, err := paramString(ctx, "compare", 0, "allFields")
	if err != nil {
		return nil, err
	}
	disableDot, err := paramBool(ctx, "options.disableDotNotation", 0, false)
	if err != nil {
		return nil, err
	}
	removeOther, err := paramBool(ctx, "options.removeOtherFields", 0, false)
	if err != nil {
		return nil, err
	}
	keysOf := func(v any) []string {
		var ks []string
		if disableDot {
			if m, ok := v.(map[string]any); ok {
				ks = jsKeys(m)
			}
			return ks
		}
		if m, ok := v.(map[string]any); ok && len(m) > 0 {
			flattenKeys(m, "", &ks)
		}
		return ks
	}
	keys := keysOf(in[0].JSON)
	for _, it := range in {
		for _, k := range keysOf(it.JSON) {
			if !slices.Contains(keys, k) {
				keys = append(keys, k)
			}
		}
	}
	switch compare {
	case "allFieldsExcept":
		s, err := paramString(ctx, "fieldsToExclude", 0, "")
		if err != nil {
			return nil, err
		}
		exclude := splitFieldList(s)
		if len(exclude) == 0 {
			return nil, opError(ctx, "No fields specified. Please add a field to exclude from comparison", "")
		}
		if !disableDot {
			keys = keysOf(in[0].JSON)
		}
		keys = slices.DeleteFunc(keys, func(k string) bool { return slices.Contains(exclude, k) })
	case "selectedFields":
		s, err := paramString(ctx, "fieldsToCompare", 0, "")
		if err != nil {
			return nil, err
		}
		keys = splitFieldList(s)
		if len(keys) == 0 {
			return nil, opError(ctx, "No fields specified. Please add a field to compare on", "")
		}
	}
	// n8n sorts a copy on the keys, validates it, then drops every item equal
	// to the last kept one in that order.
	type indexed struct {
		item  nodes.Item
		index int
	}
	sorted := make([]indexed, len(in))
	for i, it := range in {
		sorted[i] = indexed{it, i}
	}
	byType := strings.HasSuffix(ctx.Node().Type, ".itemLists") && versionOf(ctx) >= 3.1
	sort.SliceStable(sorted, func(i, j int) bool {
		for _, k := range keys {
			if byType {
				a, aok := getField(sorted[i].item.JSON, k, disableDot)
				b, bok := getField(sorted[j].item.JSON, k, disableDot)
				if ta, tb := typeRank(a, aok), typeRank(b, bok); ta != tb {
					return ta < tb
				}
			}
			if c := compareField(sorted[i].item.JSON, sorted[j].item.JSON, k, disableDot, false); c != 0 {
				return c < 0
			}
		}
		return false
	})
	version := versionOf(ctx)
	itemLists := strings.HasSuffix(ctx.Node().Type, ".itemLists")
	// Remove Duplicates 1.1+ ignores nulls in the type check; Item Lists
	// 3.1 has no type check at all.
	skipNull := version > 1 && !itemLists
	typeCheck := !itemLists || version < 3.1
	detailed := version > 1 && !itemLists
	for _, k := range keys {
		typ := ""
		for i, s := range sorted {
			if k == "" {
				return nil, opError(ctx, "Name of field to compare is blank", "")
			}
			v, ok := getField(s.item.JSON, k, disableDot)
			if ok && v == nil && skipNull {
				continue
			}
			if !ok {
				if disableDot && strings.Contains(k, ".") {
					return nil, opError(ctx, fmt.Sprintf("'%s' field is missing from some input items", k),
						"If you're trying to use a nested field, make sure you turn off 'disable dot notation' in the node options")
				}
				return nil, opError(ctx, fmt.Sprintf("'%s' field is missing from some input items", k), "")
			}
			t := jsTypeof(v)
			if typeCheck && typ != "" && typ != t {
				desc := "The type of this field varies between items"
				if detailed {
					desc += fmt.Sprintf(", in item [%d] it's a %s and in item [%d] it's a %s ", i-1, typ, i, t)
				}
				return nil, opError(ctx, fmt.Sprintf("'%s' isn't always the same type", k), desc)
			}
			typ = t
		}
	}
	removed := map[int]bool{}
	if len(sorted) > 0 {
		last := sorted[0]
		for _, s := range sorted[1:] {
			same := true
			for _, k := range keys {
				a, aok := getField(s.item.JSON, k, disableDot)
				b, bok := getField(last.item.JSON, k, disableDot)
				if aok != bok || (aok && !jsvalue.DeepEqual(a, b)) {
					same = false
					break
				}
			}
			if same {
				removed[s.index] = true
			} else {
				last = s
			}
		}
	}
	var kept []nodes.Item
	for i, it := range in {
		if !removed[i] {
			kept = append(kept, it)
		}
	}
	if removeOther {
		for i, it := range kept {
			picked := map[string]any{}
			for _, k := range keys {
				if v, ok := getField(it.JSON, k, disableDot); ok {
					setField(picked, k, jsvalue.Clone(v), disableDot)
				}
			}
			kept[i] = nodes.Item{JSON: picked, PairedItem: nodes.One(nodes.PairedItem{Item: i})}
		}
	}
	return nodes.Outputs{kept}, nil
}

// jsTypeof is JavaScript's typeof for JSON values.
func jsTypeof(v any) string {
	if jsvalue.IsNumber(v) {
		return "number"
	}
	switch v.(type) {
	case string:
		return "string"
	case bool:
		return "boolean"
	}
	return "object"
}

// typeRank is Item Lists 3.1's typeToNumber: values sort by type first.
func typeRank(v any, present bool) int {
	if !present {
		return 6
	}
	switch v.(type) {
	case nil:
		return 10
	case []any:
		return 9
	case map[string]any:
		return 7
	case string:
		return 1
	case bool:
		return 4
	}
	if jsvalue.IsNumber(v) {
		return 2
	}
	return 7
}
