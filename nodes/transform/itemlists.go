package transform

import (
	"fmt"
	"strings"

	"github.com/noderun/noderun/nodes"
)

// itemListsOperations maps Item Lists operations to the node that
// implements them; v3 parameters carry the same names as those nodes'.
var itemListsOperations = map[string]nodes.HandlerFunc{
	"aggregateItems":   executeAggregate,
	"concatenateItems": executeAggregate,
	"limit":            executeLimit,
	"removeDuplicates": executeRemoveDuplicates,
	"sort":             executeSort,
	"splitOutItems":    executeSplitOut,
	"summarize":        executeSummarize,
}

func itemListsType() *nodes.Type {
	d := baseDescription("Item Lists", "itemLists", 3, 3.1)
	d.Description = "Helper for working with lists of items and transforming arrays"
	op := optionsProp("Operation", "operation", "splitOutItems",
		"Concatenate Items", "concatenateItems", "Limit", "limit", "Remove Duplicates", "removeDuplicates",
		"Sort", "sort", "Split Out Items", "splitOutItems", "Summarize", "summarize")
	op.NoDataExpression = true
	resource := prop("Resource", "resource", nodes.TypeHidden, "itemList")
	resource.Options = choices("Item List", "itemList")
	d.Properties = []*nodes.Property{resource, op}
	withShow(op, "resource", vals("itemList"))
	add := func(operation string, props []*nodes.Property) {
		for _, p := range props {
			d.Properties = append(d.Properties, withShow(p, "resource", vals("itemList"), "operation", vals(operation)))
		}
	}
	add("concatenateItems", aggregateType().Description.Properties)
	add("limit", limitType().Description.Properties)
	add("removeDuplicates", removeDuplicatesV1Properties())
	sortProps := sortType().Description.Properties
	for _, p := range sortProps {
		if s, ok := p.Default.(string); ok && p.Name == "code" {
			p.Default = strings.ReplaceAll(s, "\n\t", "\n") // Item Lists' default has no tabs
		}
	}
	add("sort", sortProps)
	add("splitOutItems", splitOutType().Description.Properties)
	sumProps := summarizeType().Description.Properties
	for _, p := range sumProps {
		if p.Name != "fieldsToSummarize" {
			continue
		}
		for _, v := range p.Options[0].Values {
			if v.Name == "includeEmpty" {
				v.DisplayOptions.Show["aggregation"] = vals("append", "concatenate")
			}
		}
	}
	add("summarize", sumProps)
	return &nodes.Type{Description: d, Handler: nodes.HandlerFunc(executeItemLists)}
}

func executeItemLists(ctx nodes.ExecuteContext) (nodes.Outputs, error) {
	op, err := paramString(ctx, "operation", 0, "splitOutItems")
	if err != nil {
		return nil, err
	}
	h, ok := itemListsOperations[op]
	if !ok {
		return nil, opError(ctx, fmt.Sprintf("The operation %q is not supported", op), "")
	}
	return h(ctx)
}
