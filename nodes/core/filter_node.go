package core

import "github.com/noderun/noderun/nodes"

// filterDescription is n8n's Filter v2 description (versions 2–2.3). It has
// one connectable output; the discarded items are a second array in runData.
func filterDescription() *nodes.Description {
	return &nodes.Description{
		DisplayName:    "Filter",
		Name:           "n8n-nodes-base.filter",
		Icon:           "node:filter",
		Group:          []string{"transform"},
		Version:        nodes.Versions{2, 2.1, 2.2, 2.3},
		DefaultVersion: 2.3,
		Description:    "Keep only items matching a condition",
		Defaults:       map[string]any{"name": "Filter", "color": "#229eff"},
		Inputs:         mainPorts(1),
		Outputs:        mainPorts(1),
		OutputNames:    []string{"Kept", "Discarded"},
		Properties:     filterNodeProperties(),
	}
}

// executeFilter returns [kept, discarded].
func executeFilter(ctx nodes.ExecuteContext) (nodes.Outputs, error) {
	kept, discarded, err := splitByConditions(ctx)
	if err != nil {
		return nil, err
	}
	return nodes.Outputs{kept, discarded}, nil
}
