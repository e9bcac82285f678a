package flow

import (
	"encoding/json"
	"fmt"

	"github.com/noderun/noderun/nodes"
)

// executeWorkflowType is n8n's Execute Workflow (1 – 1.2): run another
// workflow with the items and return its last node's output.
func executeWorkflowType() *nodes.Type {
	showSource := func(v ...any) *nodes.DisplayOptions {
		return &nodes.DisplayOptions{Show: map[string][]any{"source": v}}
	}
	return &nodes.Type{
		Description: &nodes.Description{
			DisplayName: "Execute Workflow",
			Name:        "n8n-nodes-base.executeWorkflow",
			Group:       []string{"transform"},
			Version:     nodes.Versions{1, 1.1, 1.2},
			Description: "Execute another workflow",
			Defaults:    map[string]any{"name": "Execute Workflow"},
			Inputs:      ports(1),
			Outputs:     ports(1),
			Properties: []*nodes.Property{
				{DisplayName: "Source", Name: "source", Type: nodes.TypeOptions, Default: "database", Options: []*nodes.Property{
					{Name: "Database", Value: "database", Description: "Load the workflow from the database by ID"},
					{Name: "Local File", Value: "localFile", Description: "Load the workflow from a locally saved file"},
					{Name: "Parameter", Value: "parameter", Description: "Load the workflow from a parameter"},
				}},
				{DisplayName: "Workflow ID", Name: "workflowId", Type: nodes.TypeString, Default: "", Required: true,
					DisplayOptions: &nodes.DisplayOptions{Show: map[string][]any{"source": {"database"}, "@version": {1}}}},
				{DisplayName: "Workflow", Name: "workflowId", Type: nodes.TypeResourceLocator, Required: true,
					Default:        map[string]any{"__rl": true, "mode": "list", "value": ""},
					Modes:          []*nodes.Property{{DisplayName: "From list", Name: "list", Type: "list"}, {DisplayName: "By ID", Name: "id", Type: nodes.TypeString}},
					DisplayOptions: &nodes.DisplayOptions{Show: map[string][]any{"source": {"database"}, "@version": {map[string]any{"_cnd": map[string]any{"gte": 1.1}}}}}},
				{DisplayName: "Workflow Path", Name: "workflowPath", Type: nodes.TypeString, Default: "", Required: true,
					Placeholder: "/data/workflow.json", DisplayOptions: showSource("localFile")},
				{DisplayName: "Workflow JSON", Name: "workflowJson", Type: nodes.TypeJSON, Default: "\n\n\n", Required: true,
					TypeOptions: map[string]any{"rows": 10}, DisplayOptions: showSource("parameter")},
				{DisplayName: "Mode", Name: "mode", Type: nodes.TypeOptions, Default: "once", NoDataExpression: true, Options: []*nodes.Property{
					{Name: "Run once with all items", Value: "once", Description: "Pass all items into a single execution of the sub-workflow"},
					{Name: "Run once for each item", Value: "each", Description: "Call the sub-workflow individually for each item"},
				}},
				{DisplayName: "Options", Name: "options", Type: nodes.TypeCollection, Default: map[string]any{}, Placeholder: "Add option", Options: []*nodes.Property{
					{DisplayName: "Wait For Sub-Workflow Completion", Name: "waitForSubWorkflow", Type: nodes.TypeBoolean, Default: true},
				}},
			},
		},
		Handler: nodes.HandlerFunc(executeWorkflow),
	}
}

// workflowRef reads which workflow to run for item i.
func workflowRef(ctx nodes.ExecuteContext, i int) (nodes.SubWorkflowRef, error) {
	node := ctx.Node().Name
	source, err := ctx.Param("source", i, "database")
	if err != nil {
		return nodes.SubWorkflowRef{}, err
	}
	switch source {
	case "database":
		v, err := ctx.Param("workflowId", i, "")
		if err != nil {
			return nodes.SubWorkflowRef{}, err
		}
		if m, ok := v.(map[string]any); ok {
			v = m["value"]
		}
		id := fmt.Sprint(v)
		if v == nil || id == "" {
			return nodes.SubWorkflowRef{}, nodes.NewOperationError(node, "No workflow ID given: set the Workflow parameter").WithItem(i)
		}
		return nodes.SubWorkflowRef{ID: id}, nil
	case "localFile":
		p, err := ctx.Param("workflowPath", i, "")
		if err != nil {
			return nodes.SubWorkflowRef{}, err
		}
		path, _ := p.(string)
		if path == "" {
			return nodes.SubWorkflowRef{}, nodes.NewOperationError(node, "No workflow path given: set Workflow Path").WithItem(i)
		}
		return nodes.SubWorkflowRef{Path: path}, nil
	case "parameter":
		j, err := ctx.Param("workflowJson", i, "")
		if err != nil {
			return nodes.SubWorkflowRef{}, err
		}
		var data []byte
		switch t := j.(type) {
		case string:
			data = []byte(t)
		default:
			data, _ = json.Marshal(t)
		}
		return nodes.SubWorkflowRef{JSON: data}, nil
	}
	return nodes.SubWorkflowRef{}, nodes.NewOperationErrorf(node, "The source %q is not supported", source).WithItem(i)
}

func executeWorkflow(ctx nodes.ExecuteContext) (nodes.Outputs, error) {
	items := ctx.InputData(0)
	node := ctx.Node().Name
	svc := ctx.Services()
	if svc == nil {
		return nil, nodes.NewOperationError(node, "this engine cannot run sub-workflows")
	}
	mode, err := ctx.Param("mode", 0, "once")
	if err != nil {
		return nil, err
	}
	if mode == "each" {
		var out []nodes.Item
		for i, it := range items {
			ref, err := workflowRef(ctx, i)
			if err == nil {
				var res []nodes.Item
				res, err = svc.RunSubWorkflow(ctx.Context(), ref, []nodes.Item{{JSON: it.JSON, Binary: it.Binary}})
				for _, r := range res {
					r.PairedItem = nodes.One(nodes.Paired(i, 0))
					out = append(out, r)
				}
			}
			if err != nil {
				if !ctx.ContinueOnFail() {
					return nil, subError(node, err, i)
				}
				out = append(out, nodes.Item{JSON: map[string]any{"error": err.Error()}, PairedItem: nodes.One(nodes.Paired(i, 0))})
			}
		}
		return nodes.Outputs{out}, nil
	}
	ref, err := workflowRef(ctx, 0)
	if err != nil {
		return nil, err
	}
	in := make([]nodes.Item, len(items))
	for i, it := range items {
		in[i] = nodes.Item{JSON: it.JSON, Binary: it.Binary}
	}
	res, err := svc.RunSubWorkflow(ctx.Context(), ref, in)
	if err == nil {
		// Lineage inside the sub-workflow means nothing here: pair by
		// position when the counts match, else with every input item.
		for i := range res {
			if len(res) == len(items) {
				res[i].PairedItem = nodes.One(nodes.Paired(i, 0))
				continue
			}
			all := make([]nodes.PairedItem, len(items))
			for j := range items {
				all[j] = nodes.PairedItem{Item: j}
			}
			res[i].PairedItem = nodes.PairedItems{Items: all, List: true}
		}
	}
	if err != nil {
		if !ctx.ContinueOnFail() {
			return nil, subError(node, err, -1)
		}
		paired := make([]nodes.PairedItem, len(items))
		for i := range items {
			paired[i] = nodes.PairedItem{Item: i}
		}
		return nodes.Outputs{{{JSON: map[string]any{"error": err.Error()}, PairedItem: nodes.PairedItems{Items: paired, List: true}}}}, nil
	}
	return nodes.Outputs{res}, nil
}

// subError wraps a sub-workflow failure as this node's error.
func subError(node string, err error, item int) error {
	ne := nodes.AsNodeError(node, err)
	out := nodes.NewOperationError(node, ne.Message)
	out.SetDescription(ne.DescriptionText())
	out.Wrapped = err
	if item >= 0 {
		out.WithItem(item)
	}
	return out
}
