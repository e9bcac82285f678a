package engine

import (
	"context"

	"github.com/noderun/noderun/nodes"
)

const errorTriggerType = "n8n-nodes-base.errorTrigger"

// runErrorWorkflow starts the error workflow of a failed run, as n8n's
// executeErrorWorkflow does: the workflow named by settings.errorWorkflow,
// or else this workflow's own Error Trigger. Its Error Trigger receives
// {execution: {id, error, lastNodeExecuted, mode}, workflow: {id, name}}.
// It returns nil when there is no error workflow.
func (e *Engine) runErrorWorkflow(ctx context.Context, wf *Workflow, failed *Result, opts RunOptions) *Result {
	target := (*Workflow)(nil)
	if id := wf.Settings.ErrorWorkflow; id != "" && id != "DEFAULT" {
		if id == wf.ID {
			target = wf
		} else if e.subflows != nil {
			loaded, err := e.subflows.Load(ctx, nodes.SubWorkflowRef{ID: id})
			if err != nil {
				e.logger.Warn("error workflow not found", "workflow", wf.Name, "errorWorkflow", id, "error", err)
				return nil
			}
			target = loaded
		} else {
			e.logger.Warn("error workflow set but no workflow source configured", "workflow", wf.Name, "errorWorkflow", id)
			return nil
		}
	} else {
		target = wf
	}
	start := ""
	for _, n := range target.Nodes {
		if n.Type == errorTriggerType && !n.Disabled {
			start = n.Name
			break
		}
	}
	if start == "" {
		return nil
	}
	var errJSON any
	if failed.Error != nil {
		errJSON = map[string]any{"message": failed.Error.Message, "name": failed.Error.Name,
			"description": failed.Error.DescriptionText(), "node": map[string]any{"name": failed.LastNodeExecuted}}
	}
	payload := map[string]any{
		"execution": map[string]any{
			"id":               opts.ExecutionID,
			"error":            errJSON,
			"lastNodeExecuted": failed.LastNodeExecuted,
			"mode":             failed.Mode,
			"retryOf":          nil,
		},
		"workflow": map[string]any{"id": wf.ID, "name": wf.Name},
	}
	res, err := e.Run(ctx, target, RunOptions{Mode: "error", StartNode: start, IgnorePinData: true,
		Input: []nodes.Item{{JSON: payload}}, depth: opts.depth + 1})
	if err != nil {
		e.logger.Warn("error workflow failed to run", "workflow", target.Name, "error", err)
	}
	return res
}
