package core

import "github.com/noderun/noderun/nodes"

// manualTriggerDescription is n8n's Manual Trigger: a trigger without
// inputs that starts a manual run with one empty item.
func manualTriggerDescription() *nodes.Description {
	return &nodes.Description{
		DisplayName: "Manual Trigger",
		Name:        "n8n-nodes-base.manualTrigger",
		Icon:        "node:manual-trigger",
		Group:       []string{"trigger"},
		Version:     nodes.Versions{1},
		Description: "Runs the flow on clicking a button in n8n",
		Defaults:    map[string]any{"name": "When clicking ‘Execute workflow’"},
		Inputs:      []any{},
		Outputs:     mainPorts(1),
		Properties: []*nodes.Property{{
			DisplayName: "This node is where the workflow execution starts (when you click the ‘test’ button on the canvas).<br><br> <a data-action=\"showNodeCreator\">Explore other ways to trigger your workflow</a> (e.g on a schedule, or a webhook)",
			Name:        "notice", Type: nodes.TypeNotice, Default: "",
		}},
	}
}

// executeManualTrigger emits its input (the engine's seed item) when it
// has one, else one empty item, as n8n's manualTriggerFunction does.
func executeManualTrigger(ctx nodes.ExecuteContext) (nodes.Outputs, error) {
	if in := ctx.InputData(0); len(in) > 0 {
		return nodes.Outputs{in}, nil
	}
	return nodes.Outputs{{{JSON: map[string]any{}}}}, nil
}
