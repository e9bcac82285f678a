package engine

import (
	"time"

	"github.com/noderun/noderun/nodes"
)

// Execution statuses.
const (
	StatusSuccess  = "success"
	StatusError    = "error"
	StatusCanceled = "canceled"
	StatusWaiting  = "waiting"
)

// Result is an execution's outcome in the shape of n8n's run
// ({status, finished, mode, lastNodeExecuted, error, runData}).
type Result struct {
	Status           string                 `json:"status"`
	Finished         bool                   `json:"finished,omitempty"`
	Mode             string                 `json:"mode"`
	StartedAt        time.Time              `json:"startedAt"`
	StoppedAt        time.Time              `json:"stoppedAt"`
	LastNodeExecuted string                 `json:"lastNodeExecuted,omitempty"`
	Error            *nodes.NodeError       `json:"error,omitempty"`
	RunData          map[string][]*TaskData `json:"runData"`
	// Order lists node names in the order their runs were recorded.
	Order []string `json:"-"`
	// ErrorExecution is the run of the error workflow (settings.errorWorkflow,
	// or this workflow's own Error Trigger) started because this run failed.
	ErrorExecution *Result `json:"errorExecution,omitempty"`
	// WaitTill is set when Status is "waiting": when the execution resumes
	// (nodes.WaitIndefinitely: only on its webhook call).
	WaitTill *time.Time `json:"waitTill,omitempty"`
	// Checkpoint is the paused state of a waiting execution, what Resume
	// continues from; it survives a JSON round trip.
	Checkpoint *Checkpoint `json:"checkpoint,omitempty"`
}

// TaskData is one run of one node (n8n's ITaskData).
type TaskData struct {
	StartTime       int64            `json:"startTime"`
	ExecutionIndex  int              `json:"executionIndex"`
	Source          []*Source        `json:"source"`
	Hints           []any            `json:"hints"`
	ExecutionTime   int64            `json:"executionTime"`
	ExecutionStatus string           `json:"executionStatus"`
	Data            *TaskOutput      `json:"data,omitempty"`
	Error           *nodes.NodeError `json:"error,omitempty"`
}

// TaskOutput holds a run's output items per connection type.
type TaskOutput struct {
	Main nodes.Outputs `json:"main"`
}

// Source says where one input of a run came from.
type Source struct {
	PreviousNode       string `json:"previousNode"`
	PreviousNodeOutput int    `json:"previousNodeOutput"`
	PreviousNodeRun    int    `json:"previousNodeRun"`
}

// Output returns the items of node name's run on output (run -1: last).
func (r *Result) Output(name string, output, run int) ([]nodes.Item, bool) {
	runs := r.RunData[name]
	if len(runs) == 0 {
		return nil, false
	}
	if run < 0 || run >= len(runs) {
		run = len(runs) - 1
	}
	t := runs[run]
	if t.Data == nil || output >= len(t.Data.Main) {
		return nil, true
	}
	return t.Data.Main[output], true
}

// Nodes lists the nodes that ran, each once, in the order of their first
// run. A result read back from JSON has no Order; the runs'
// executionIndex gives it.
func (r *Result) Nodes() []string {
	order := r.Order
	if len(order) == 0 {
		order = orderByExecutionIndex(r.RunData)
	}
	seen := make(map[string]bool, len(r.RunData))
	out := make([]string, 0, len(r.RunData))
	for _, name := range order {
		if !seen[name] {
			seen[name] = true
			out = append(out, name)
		}
	}
	return out
}

// LastOutput returns output 0 of the last node executed, the items a
// workflow "returns" (what Execute Workflow hands back).
func (r *Result) LastOutput() []nodes.Item {
	items, _ := r.Output(r.LastNodeExecuted, 0, -1)
	return items
}
