package flow

import "github.com/noderun/noderun/nodes"

func ports(n int) []any {
	out := make([]any, n)
	for i := range out {
		out[i] = "main"
	}
	return out
}

// executeWorkflowTriggerType is n8n's "When Executed by Another Workflow":
// it passes the items the calling workflow sent.
func executeWorkflowTriggerType() *nodes.Type {
	return &nodes.Type{
		Description: &nodes.Description{
			DisplayName: "Execute Workflow Trigger",
			Name:        "n8n-nodes-base.executeWorkflowTrigger",
			Group:       []string{"trigger"},
			Version:     nodes.Versions{1, 1.1},
			Description: "Helpers for calling other n8n workflows. Used for designing modular, microservice-like workflows.",
			Defaults:    map[string]any{"name": "When Executed by Another Workflow"},
			Inputs:      []any{},
			Outputs:     ports(1),
			Properties: []*nodes.Property{
				{DisplayName: "When an ‘execute workflow’ node calls this workflow, the execution starts here.", Name: "notice", Type: nodes.TypeNotice, Default: ""},
				{DisplayName: "Input data mode", Name: "inputSource", Type: nodes.TypeOptions, Default: "workflowInputs",
					DisplayOptions: &nodes.DisplayOptions{Show: map[string][]any{"@version": {map[string]any{"_cnd": map[string]any{"gte": 1.1}}}}},
					Options: []*nodes.Property{
						{Name: "Define using fields below", Value: "workflowInputs"},
						{Name: "Define using JSON example", Value: "jsonExample"},
						{Name: "Accept all data", Value: "passthrough"},
					}},
			},
		},
		Handler: nodes.HandlerFunc(passInput),
	}
}

// errorTriggerType is n8n's Error Trigger: it outputs the error payload an
// error workflow is started with.
func errorTriggerType() *nodes.Type {
	return &nodes.Type{
		Description: &nodes.Description{
			DisplayName: "Error Trigger",
			Name:        "n8n-nodes-base.errorTrigger",
			Group:       []string{"trigger"},
			Version:     nodes.Versions{1},
			Description: "Triggers the workflow when another workflow has an error",
			Defaults:    map[string]any{"name": "Error Trigger"},
			Inputs:      []any{},
			Outputs:     ports(1),
			Properties: []*nodes.Property{
				{DisplayName: "This node will trigger when there is an error in another workflow, as long as that workflow is set up to do so.", Name: "notice", Type: nodes.TypeNotice, Default: ""},
			},
		},
		Handler: nodes.HandlerFunc(passInput),
	}
}

// passInput returns the trigger's input: the items the engine seeded.
func passInput(ctx nodes.ExecuteContext) (nodes.Outputs, error) {
	in := ctx.InputData(0)
	if len(in) == 0 {
		in = []nodes.Item{{JSON: map[string]any{}}}
	}
	return nodes.Outputs{in}, nil
}

// Register adds Execute Workflow, Execute Workflow Trigger and Error Trigger.
func Register(r *nodes.Registry) error {
	for _, t := range []*nodes.Type{executeWorkflowType(), executeWorkflowTriggerType(), errorTriggerType()} {
		if err := r.Register(t); err != nil {
			return err
		}
	}
	return nil
}
