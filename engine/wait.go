package engine

import (
	"context"
	"errors"
	"time"

	"github.com/noderun/noderun/nodes"
)

// Checkpoint is the state of a paused execution (n8n's executionData of a
// waiting run): what Resume needs besides the run data.
type Checkpoint struct {
	// WaitingNode is the node that put the execution to wait.
	WaitingNode string `json:"waitingNode"`
}

// putToWait records that node paused the execution until till.
func (r *run) putToWait(node string, till time.Time) error {
	if !r.opts.AllowWaiting {
		return nodes.NewOperationError(node, "this execution cannot wait: waiting needs noderun serve to resume it")
	}
	return errors.New("engine: waiting is not implemented yet")
}

// Resume continues a waiting execution prev of wf. input, when not nil,
// replaces the waiting node's output (the webhook call that resumed it);
// nil passes the node's input through, as a finished wait does.
func (e *Engine) Resume(ctx context.Context, wf *Workflow, prev *Result, input []nodes.Item, opts RunOptions) (*Result, error) {
	return nil, errors.New("engine: resume is not implemented yet")
}
