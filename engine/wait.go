package engine

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sort"
	"time"

	"github.com/noderun/noderun/nodes"
)

// Checkpoint is the state of a paused execution (n8n's executionData of a
// waiting run): what Resume needs besides the run data. It survives a JSON
// round trip, so one machine can pause a run and another resume it.
type Checkpoint struct {
	// WaitingNode is the node that put the execution to wait.
	WaitingNode string `json:"waitingNode"`
	// NodeExecutionStack is the run's node execution stack; its first
	// entry is the waiting node with its input (n8n pushes it back).
	NodeExecutionStack []*StackEntry `json:"nodeExecutionStack"`
	// WaitingExecution holds the partial input of multi-input nodes
	// (n8n's waitingExecution and waitingExecutionSource), in the order
	// the nodes started waiting.
	WaitingExecution []*WaitingInput `json:"waitingExecution,omitempty"`
	// ContextData is each node's State (n8n's contextData).
	ContextData map[string]NodeState `json:"contextData,omitempty"`
	// ExecutionIndex is the next runData executionIndex when the run
	// paused. Resume numbers on from the highest index left once the
	// waiting run is dropped, so a resumed run's indexes equal an
	// uninterrupted run's (n8n restarts its counter at 0 on resume, which
	// leaves duplicates; noderun keeps them unique).
	ExecutionIndex int `json:"executionIndex"`
	// NodeRuns counts the node runs so far (the endless loop guard).
	NodeRuns int `json:"nodeRuns"`
}

// StackEntry is one entry of the node execution stack (n8n's
// IExecuteData): a node with its input items per input and where each
// input came from. A nil input has no data (JSON null).
type StackEntry struct {
	Node   string         `json:"node"`
	Main   [][]nodes.Item `json:"main"`
	Source []*Source      `json:"source"`
}

// WaitingInput is the partial input of a multi-input node waiting for its
// other inputs. Filled marks the inputs that have received data.
type WaitingInput struct {
	Node   string         `json:"node"`
	Main   [][]nodes.Item `json:"main"`
	Source []*Source      `json:"source"`
	Filled []bool         `json:"filled"`
}

// putToWait records that node paused the execution until till (n8n's
// putExecutionToWait). Only runs with RunOptions.AllowWaiting can wait.
func (r *run) putToWait(node string, till time.Time) error {
	if !r.opts.AllowWaiting {
		return nodes.NewOperationError(node, "this execution cannot wait: waiting needs noderun serve to resume it")
	}
	t := till.UTC()
	r.waitTill = &t
	return nil
}

// checkpoint captures the paused state of a run that is about to stop
// waiting for waitNode.
func (r *run) checkpoint(waitNode string) *Checkpoint {
	cp := &Checkpoint{
		WaitingNode:    waitNode,
		ExecutionIndex: r.execIndex,
		NodeRuns:       r.runs,
	}
	for _, ed := range r.stack {
		cp.NodeExecutionStack = append(cp.NodeExecutionStack, &StackEntry{Node: ed.node.Name, Main: ed.inputs, Source: ed.source})
	}
	for _, name := range r.waitingOrder {
		for _, w := range r.waiting[name] {
			cp.WaitingExecution = append(cp.WaitingExecution, &WaitingInput{Node: name, Main: w.inputs, Source: w.source, Filled: w.filled})
		}
	}
	for name, st := range r.state {
		if len(st) == 0 {
			continue
		}
		if cp.ContextData == nil {
			cp.ContextData = map[string]NodeState{}
		}
		cp.ContextData[name] = NodeState(st)
	}
	return cp
}

// restore loads a checkpoint into a fresh run.
func (r *run) restore(cp *Checkpoint) error {
	r.execIndex = cp.ExecutionIndex
	r.runs = cp.NodeRuns
	for i, se := range cp.NodeExecutionStack {
		n := r.wf.Node(se.Node)
		if n == nil {
			return fmt.Errorf("checkpoint: stack entry %d names node %q, which the workflow does not have", i, se.Node)
		}
		r.stack = append(r.stack, &execData{node: n, inputs: se.Main, source: se.Source})
	}
	for i, wi := range cp.WaitingExecution {
		if r.wf.Node(wi.Node) == nil {
			return fmt.Errorf("checkpoint: waiting entry %d names node %q, which the workflow does not have", i, wi.Node)
		}
		filled := wi.Filled
		if len(filled) < len(wi.Main) {
			filled = append(slices.Clone(filled), make([]bool, len(wi.Main)-len(filled))...)
		}
		if len(r.waiting[wi.Node]) == 0 {
			r.waitingOrder = append(r.waitingOrder, wi.Node)
		}
		r.waiting[wi.Node] = append(r.waiting[wi.Node], &waiting{inputs: wi.Main, source: wi.Source, filled: filled})
	}
	for name, st := range cp.ContextData {
		if st != nil {
			r.state[name] = map[string]any(st)
		}
	}
	return nil
}

// Resume continues a waiting execution prev of wf. input, when not nil,
// replaces the waiting node's output (the webhook call that resumed it);
// nil passes the node's input through, as a finished wait does.
//
// It follows n8n's handleWaitingState: the waiting node's run is removed
// from the run data and the node runs again disabled, so its input (or
// the webhook's items) passes through and the execution carries on from
// the stack it stopped with. prev itself is not modified; the returned
// Result keeps prev's run data and start time. A resumed run may wait
// again.
func (e *Engine) Resume(ctx context.Context, wf *Workflow, prev *Result, input []nodes.Item, opts RunOptions) (*Result, error) {
	if wf == nil {
		return nil, errors.New("resume: nil workflow")
	}
	if prev == nil {
		return nil, errors.New("resume: nil result")
	}
	if prev.Status != StatusWaiting || prev.Checkpoint == nil {
		return nil, fmt.Errorf("resume %q: the execution is %q, not waiting with a checkpoint", wf.Name, prev.Status)
	}
	cp := prev.Checkpoint
	if len(cp.NodeExecutionStack) == 0 {
		return nil, fmt.Errorf("resume %q: the checkpoint's node execution stack is empty", wf.Name)
	}
	if opts.Mode == "" {
		opts.Mode = prev.Mode
	}
	ctx, cancel, err := prepare(ctx, wf, &opts)
	if err != nil {
		return nil, err
	}
	defer cancel()
	r, err := e.newRun(wf, opts)
	if err != nil {
		return nil, err
	}
	if err := r.restore(cp); err != nil {
		return nil, fmt.Errorf("resume %q: %w", wf.Name, err)
	}
	r.result = resumedResult(prev, opts.Mode)

	// n8n's handleWaitingState: the waiting node runs again disabled,
	// passing its input through, and its waiting run is dropped.
	first := r.stack[0]
	disabled := *first.node
	disabled.Disabled = true
	first.node = &disabled
	if input != nil {
		// The webhook's output replaces the waiting node's input
		// (n8n's waiting webhooks set nodeExecutionStack[0].data.main).
		first.inputs = [][]nodes.Item{input}
	}
	if last := r.result.LastNodeExecuted; last != "" {
		if runs := r.result.RunData[last]; len(runs) > 0 {
			r.result.RunData[last] = runs[:len(runs)-1]
			if i := lastIndex(r.result.Order, last); i >= 0 {
				r.result.Order = slices.Delete(r.result.Order, i, i+1)
			}
		}
	}
	// The popped run's executionIndex is free again (n8n's
	// getNextExecutionIndex: one past the highest recorded).
	r.execIndex = nextExecutionIndex(r.result.RunData)
	res, err := r.loop(ctx)
	return e.finish(ctx, wf, res, err, opts)
}

// resumedResult copies prev for a resumed run: run data (the slices
// copied, the runs shared) and start time kept, waiting fields cleared.
func resumedResult(prev *Result, mode string) *Result {
	res := &Result{
		Mode:             mode,
		StartedAt:        prev.StartedAt,
		LastNodeExecuted: prev.LastNodeExecuted,
		RunData:          make(map[string][]*TaskData, len(prev.RunData)),
	}
	total := 0
	for name, runs := range prev.RunData {
		res.RunData[name] = slices.Clone(runs)
		total += len(runs)
	}
	if len(prev.Order) == total {
		res.Order = slices.Clone(prev.Order)
	} else {
		// Order is not serialized: rebuild it from the execution indexes.
		res.Order = orderByExecutionIndex(prev.RunData)
	}
	if res.StartedAt.IsZero() {
		res.StartedAt = time.Now()
	}
	return res
}

// orderByExecutionIndex lists node names, one per run, in the order of
// their runs' executionIndex.
func orderByExecutionIndex(runData map[string][]*TaskData) []string {
	type entry struct {
		name  string
		run   int
		index int
		start int64
	}
	var all []entry
	for name, runs := range runData {
		for i, t := range runs {
			all = append(all, entry{name: name, run: i, index: t.ExecutionIndex, start: t.StartTime})
		}
	}
	sort.Slice(all, func(i, j int) bool {
		a, b := all[i], all[j]
		if a.index != b.index {
			return a.index < b.index
		}
		if a.start != b.start {
			return a.start < b.start
		}
		if a.name != b.name {
			return a.name < b.name
		}
		return a.run < b.run
	})
	order := make([]string, len(all))
	for i, e := range all {
		order[i] = e.name
	}
	return order
}

// nextExecutionIndex is one past the highest executionIndex in runData.
func nextExecutionIndex(runData map[string][]*TaskData) int {
	next := 0
	for _, runs := range runData {
		for _, t := range runs {
			next = max(next, t.ExecutionIndex+1)
		}
	}
	return next
}

func lastIndex(list []string, s string) int {
	for i := len(list) - 1; i >= 0; i-- {
		if list[i] == s {
			return i
		}
	}
	return -1
}
