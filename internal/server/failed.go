package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/noderun/noderun/engine"
	"github.com/noderun/noderun/engine/executions"
	"github.com/noderun/noderun/nodes"
	"github.com/noderun/noderun/nodes/trigger"
)

// startFailedMessage is n8n's reply when the webhook node fails on a call
// (webhook-helpers' _privateGetWebhookErrorMessage).
const startFailedMessage = "Workflow Webhook Error: Workflow could not be started!"

// webhookNodeError is the failure of a Webhook node on a call that n8n
// still records as an execution: its webhook() threw after the request
// reached it. Refusals (authentication, a body that does not parse, a
// body too large) are not: they answer the caller and start nothing.
type webhookNodeError struct {
	// err is what the node reported.
	err error
	// configuration is true for a workflow configuration error (n8n's
	// WorkflowConfigurationError), whose message the caller sees;
	// otherwise the caller sees startFailedMessage.
	configuration bool
}

// failStart answers a webhook call whose node failed as n8n does (500,
// {"code":0,"message":...}) and stores the failed execution (status
// error, the node named as the last node executed, no node run), as n8n
// stores the execution it starts with the error preset.
func (s *Server) failStart(w http.ResponseWriter, r *http.Request, ep *endpoint, nerr webhookNodeError) {
	msg := startFailedMessage
	if nerr.configuration {
		msg = nerr.err.Error()
	}
	id := executions.NewID()
	ctx, cancel := context.WithTimeout(context.WithoutCancel(r.Context()), startTimeout)
	defer cancel()
	if err := s.storeFailed(ctx, id, ep.wf, ep.node.Name, "webhook", nerr.err); err != nil {
		s.logger.Error("webhook: storing the failed execution", "workflow", ep.wf.ID, "node", ep.node.Name, "error", err)
	} else {
		s.logger.Warn("webhook: the webhook node failed", "workflow", ep.wf.ID, "node", ep.node.Name, "execution", id, "error", nerr.err)
	}
	writeUnexpected(w, msg)
}

// storeFailed stores execution id of w as failed at its start node with
// cause (no worker runs it).
func (s *Server) storeFailed(ctx context.Context, id string, w *workflow, node, mode string, cause error) error {
	now := time.Now()
	nodeErr := nodeErrorOf(node, cause)
	res := &engine.Result{
		Status:           engine.StatusError,
		Mode:             mode,
		StartedAt:        now,
		StoppedAt:        now,
		LastNodeExecuted: node,
		Error:            nodeErr,
		RunData:          map[string][]*engine.TaskData{},
	}
	data, err := json.Marshal(res)
	if err != nil {
		return fmt.Errorf("workflow %q node %q: result: %w", w.ID, node, err)
	}
	e := &executions.Execution{
		ID:           id,
		WorkflowID:   w.ID,
		WorkflowName: w.WF.Name,
		Mode:         mode,
		Status:       executions.StatusError,
		CreatedAt:    now,
		StartedAt:    now,
		StoppedAt:    now,
		Workflow:     w.JSON,
		StartNode:    node,
		Result:       data,
	}
	if err := s.cfg.Store.Create(ctx, e); err != nil {
		return fmt.Errorf("workflow %q node %q: store execution: %w", w.ID, node, err)
	}
	return nil
}

// nodeErrorOf is cause as the node's error, keeping a node error as it is
// and an HTTPError's hint as the description.
func nodeErrorOf(node string, cause error) *nodes.NodeError {
	var ne *nodes.NodeError
	if errors.As(cause, &ne) {
		return ne
	}
	out := nodes.NewOperationError(node, cause.Error())
	var he *trigger.HTTPError
	if errors.As(cause, &he) && he.Hint != "" {
		out.SetDescription(he.Hint)
	}
	return out
}
