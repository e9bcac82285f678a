package transform

import "github.com/noderun/noderun/nodes"

func limitType() *nodes.Type {
	d := baseDescription("Limit", "limit", 1)
	d.Description = "Restrict the number of items"
	maxItems := prop("Max Items", "maxItems", nodes.TypeNumber, 1)
	maxItems.TypeOptions = map[string]any{"minValue": 1}
	d.Properties = []*nodes.Property{
		maxItems,
		optionsProp("Keep", "keep", "firstItems", "First Items", "firstItems", "Last Items", "lastItems"),
	}
	return &nodes.Type{Description: d, Handler: nodes.HandlerFunc(executeLimit)}
}

func executeLimit(ctx nodes.ExecuteContext) (nodes.Outputs, error) {
	in := inputItems(ctx, 0)
	maxF, err := paramNumber(ctx, "maxItems", 0, 1)
	if err != nil {
		return nil, err
	}
	keep, err := paramString(ctx, "keep", 0, "firstItems")
	if err != nil {
		return nil, err
	}
	n := int(maxF)
	if n < 0 {
		n = 0
	}
	if n > len(in) {
		return nodes.Outputs{in}, nil
	}
	if keep == "firstItems" {
		return nodes.Outputs{in[:n]}, nil
	}
	return nodes.Outputs{in[len(in)-n:]}, nil
}
