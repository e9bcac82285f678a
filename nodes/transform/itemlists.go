package transform

import (
	"fmt"

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
	add := func(operation string, props []*nodes.Property) {
		for _, p := range props {
			if p.DisplayOptions != nil && p.DisplayOptions.Show != nil {
				delete(p.DisplayOptions.Show, "@version")
				delete(p.DisplayOptions.Show, "operation")
			}
			d.Properties = append(d.Properties, withShow(p, "operation", vals(operation)))
		}
	}
	add("concatenateItems", aggregateType().Description.Properties)
	add("limit", limitType().Description.Properties)
	add("removeDuplicates", removeDuplicatesProperties(func(p *nodes.Property) *nodes.Property { return p }))
	add("sort", sortType().Description.Properties)
	add("splitOutItems", splitOutType().Description.Properties)
	add("summarize", summarizeType().Description.Properties)
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
