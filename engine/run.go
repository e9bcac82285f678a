package engine

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/noderun/noderun/nodes"
)

// execData is one entry of the node execution stack (n8n's IExecuteData).
type execData struct {
	node *nodes.Node
	// inputs[i] holds the items of input i; nil marks an input without data.
	inputs [][]nodes.Item
	// source[i] is where input i came from; nil when unknown.
	source []*Source
}

// waiting is a multi-input node's partial input (n8n's waitingExecution).
type waiting struct {
	inputs [][]nodes.Item
	source []*Source
	filled []bool
}

// run is the state of one execution.
type run struct {
	e    *Engine
	wf   *Workflow
	opts RunOptions

	types   map[string]*nodes.Type
	params  map[string]map[string]any
	stack   []*execData
	waiting map[string][]*waiting
	// waitingOrder keeps waiting node names in insertion order.
	waitingOrder []string
	result       *Result
	state        map[string]map[string]any
	execIndex    int
	lastTry      string
	runs         int
	// waitTill is set by putToWait: the run stops after the node that
	// asked for it.
	waitTill *time.Time
	// tzOnce and tz cache timezone().
	tzOnce sync.Once
	tz     *time.Location
}

func (e *Engine) newRun(wf *Workflow, opts RunOptions) (*run, error) {
	r := &run{
		e: e, wf: wf, opts: opts,
		types:   map[string]*nodes.Type{},
		params:  map[string]map[string]any{},
		waiting: map[string][]*waiting{},
		state:   map[string]map[string]any{},
		result:  &Result{Mode: opts.Mode, RunData: map[string][]*TaskData{}},
	}
	seen := map[string]int{}
	for i, n := range wf.Nodes {
		if j, dup := seen[n.Name]; dup {
			return nil, &ParseError{Path: fmt.Sprintf("nodes[%d].name", i), Err: fmt.Errorf("duplicate node name %q (also nodes[%d])", n.Name, j)}
		}
		seen[n.Name] = i
		t, err := e.registry.Lookup(n.Type, n.TypeVersion)
		if err != nil {
			if n.Type == "n8n-nodes-base.stickyNote" {
				continue
			}
			return nil, &ParseError{Path: fmt.Sprintf("nodes[%d].type", i), Err: fmt.Errorf("node %q: %w", n.Name, err)}
		}
		r.types[n.Name] = t
		r.params[n.Name] = nodes.NodeParameters(t.Description.Properties, n.Parameters, n.TypeVersion)
	}
	for src, types := range wf.Connections {
		if _, ok := seen[src]; !ok {
			return nil, &ParseError{Path: "connections." + src, Err: fmt.Errorf("connection from missing node %q", src)}
		}
		for out, conns := range types["main"] {
			for j, c := range conns {
				if c.Index < 0 {
					return nil, &ParseError{Path: fmt.Sprintf("connections.%s.main[%d][%d].index", src, out, j), Err: fmt.Errorf("connection from %q to %q has a negative input index %d", src, c.Node, c.Index)}
				}
				if _, ok := seen[c.Node]; !ok {
					return nil, &ParseError{Path: fmt.Sprintf("connections.%s.main[%d][%d].node", src, out, j), Err: fmt.Errorf("connection from %q to missing node %q", src, c.Node)}
				}
			}
		}
	}
	return r, nil
}

// startNode picks the node to start at (n8n's getStartNode).
func (r *run) startNode() (*nodes.Node, error) {
	if name := r.opts.StartNode; name != "" {
		n := r.wf.Node(name)
		if n == nil {
			return nil, fmt.Errorf("start node %q does not exist", name)
		}
		return n, nil
	}
	for _, n := range r.wf.Nodes {
		// Like n8n, prefer nodes with a trigger function; Error Trigger and
		// Execute Workflow Trigger only start runs made for them.
		if t := r.types[n.Name]; t != nil && !n.Disabled && t.Description.IsTrigger() &&
			n.Type != errorTriggerType && n.Type != "n8n-nodes-base.executeWorkflowTrigger" {
			return n, nil
		}
	}
	for _, n := range r.wf.Nodes {
		if n.Disabled {
			continue
		}
		switch n.Type {
		case "n8n-nodes-base.manualTrigger", "n8n-nodes-base.executeWorkflowTrigger", "n8n-nodes-base.errorTrigger",
			"n8n-nodes-base.evaluationTrigger", "n8n-nodes-base.formTrigger":
			return n, nil
		}
	}
	// A workflow without a trigger starts at its first root node.
	for _, n := range r.wf.Nodes {
		if _, isRunnable := r.types[n.Name]; isRunnable && !n.Disabled && len(r.wf.Parents(n.Name)) == 0 {
			return n, nil
		}
	}
	return nil, errors.New("missing node to start execution: the workflow has no trigger and no node without inputs")
}

func (r *run) execute(ctx context.Context) (*Result, error) {
	start, err := r.startNode()
	if err != nil {
		return nil, err
	}
	inputs := r.opts.Inputs
	if inputs == nil {
		input := r.opts.Input
		if input == nil {
			input = []nodes.Item{{JSON: map[string]any{}}}
		}
		inputs = [][]nodes.Item{input}
	}
	r.result.StartedAt = time.Now()
	r.stack = []*execData{{node: start, inputs: inputs}}
	return r.loop(ctx)
}

// loop runs the node execution stack until it is empty, a node stops the
// workflow, or a node puts the execution to wait.
func (r *run) loop(ctx context.Context) (*Result, error) {
	defer func() { r.result.StoppedAt = time.Now() }()

	for {
		if len(r.stack) == 0 && !r.releaseWaiting() {
			break
		}
		if err := ctx.Err(); err != nil {
			r.result.Status = StatusCanceled
			r.result.Error = nodes.NewOperationError("", "The execution was cancelled: "+err.Error())
			return r.result, fmt.Errorf("run cancelled: %w", err)
		}
		ed := r.stack[0]
		r.stack = r.stack[1:]
		stop, err := r.step(ctx, ed)
		if err != nil {
			if ctx.Err() != nil {
				r.result.Status = StatusCanceled
				r.result.Error = nodes.NewOperationError(ed.node.Name, "The execution was cancelled: "+ctx.Err().Error())
			}
			return r.result, err
		}
		if stop {
			r.result.Status = StatusError
			return r.result, nil
		}
		if r.waitTill != nil {
			r.result.Status = StatusWaiting
			r.result.WaitTill = r.waitTill
			r.result.Checkpoint = r.checkpoint(r.result.LastNodeExecuted)
			return r.result, nil
		}
	}
	r.result.Status = StatusSuccess
	r.result.Finished = true
	return r.result, nil
}

// step runs one stack entry; stop reports a workflow-stopping node error.
func (r *run) step(ctx context.Context, ed *execData) (stop bool, err error) {
	node := ed.node
	runIndex := len(r.result.RunData[node.Name])
	try := fmt.Sprintf("%s:%d", node.Name, runIndex)
	if try == r.lastTry {
		return false, errors.New("stopped execution because it seems to be in an endless loop")
	}
	r.runs++
	if r.runs > r.e.maxRuns {
		return false, fmt.Errorf("stopped execution after %d node runs: endless loop guard", r.e.maxRuns)
	}

	if !r.wf.Settings.V1() && r.inputMissing(ed) {
		// v0: an input that should have data has none yet; try again later.
		r.lastTry = try
		r.stack = append(r.stack, ed)
		return false, nil
	}

	// Stamp lineage on the input items: each item points at its index and input.
	stamped := make([][]nodes.Item, len(ed.inputs))
	for in, items := range ed.inputs {
		if items == nil {
			continue
		}
		stamped[in] = make([]nodes.Item, len(items))
		// One backing array for the lineage of all items; each item's
		// slice is capped at its own element, so an append copies.
		lineage := make([]nodes.PairedItem, len(items))
		for i, it := range items {
			lineage[i] = nodes.Paired(i, in)
			it.PairedItem = nodes.PairedItems{Items: lineage[i : i+1 : i+1]}
			stamped[in][i] = it
		}
	}
	ed.inputs = stamped

	task := &TaskData{
		StartTime:      time.Now().UnixMilli(),
		ExecutionIndex: r.execIndex,
		Source:         ed.source,
		Hints:          []any{},
	}
	r.execIndex++
	if task.Source == nil {
		task.Source = []*Source{}
	}
	began := time.Now()

	outputs, nodeErr := r.runWithRetries(ctx, ed, runIndex)
	if errors.Is(nodeErr, context.Canceled) || errors.Is(nodeErr, context.DeadlineExceeded) {
		if ctx.Err() != nil {
			return false, fmt.Errorf("node %q: %w", node.Name, ctx.Err())
		}
	}
	task.ExecutionTime = time.Since(began).Milliseconds()

	if nodeErr != nil {
		// A failed node does not pause the execution.
		r.waitTill = nil
		ne := r.nodeError(node, nodeErr, runIndex)
		task.Error = ne
		task.ExecutionStatus = StatusError
		if !node.ContinuesOnFail() {
			r.record(node.Name, task)
			r.result.LastNodeExecuted = node.Name
			r.result.Error = ne
			return true, nil
		}
		outputs = nil
		if len(ed.inputs) > 0 && ed.inputs[0] != nil {
			outputs = nodes.Outputs{ed.inputs[0]}
		}
	}

	if node.AlwaysOutputData && (outputs == nil || len(outputs) == 0 || len(outputs[0]) == 0) {
		var paired []nodes.PairedItem
		for in, items := range ed.inputs {
			for i := range items {
				inCopy := in
				paired = append(paired, nodes.PairedItem{Item: i, Input: &inCopy})
			}
		}
		if outputs == nil {
			outputs = nodes.Outputs{nil}
		}
		if paired == nil {
			paired = []nodes.PairedItem{}
		}
		outputs[0] = []nodes.Item{{JSON: map[string]any{}, PairedItem: nodes.PairedItems{Items: paired, List: true}}}
	}

	if outputs == nil && r.waitTill == nil {
		// The node had no input data: it did not run and gets no runData.
		return false, nil
	}
	if task.ExecutionStatus == "" {
		task.ExecutionStatus = StatusSuccess
	}
	normalizeErrorItems(outputs)
	task.Data = &TaskOutput{Main: outputs}
	if r.waitTill != nil {
		// n8n: the run is recorded as waiting, the node goes back on top
		// of the stack (Resume runs it again disabled) and the loop stops.
		task.ExecutionStatus = StatusWaiting
		r.record(node.Name, task)
		r.result.LastNodeExecuted = node.Name
		r.stack = append([]*execData{ed}, r.stack...)
		return false, nil
	}
	r.record(node.Name, task)
	r.result.LastNodeExecuted = node.Name
	r.schedule(node, outputs, runIndex)
	return false, nil
}

// inputMissing is n8n's ensureInputData for v0: some input with enabled
// parents has no data (not even an empty list) in this stack entry.
func (r *run) inputMissing(ed *execData) bool {
	for i, conns := range r.wf.Parents(ed.node.Name) {
		enabled := false
		for _, c := range conns {
			if n := r.wf.Node(c.Node); n != nil && !n.Disabled {
				enabled = true
			}
		}
		if !enabled {
			return false
		}
		if i >= len(ed.inputs) || ed.inputs[i] == nil {
			return true
		}
	}
	return false
}

func (r *run) record(name string, task *TaskData) {
	r.result.RunData[name] = append(r.result.RunData[name], task)
	r.result.Order = append(r.result.Order, name)
	if r.opts.Observer != nil {
		r.opts.Observer(name, task)
	}
}

// runWithRetries runs the node, honouring retryOnFail, then applies the
// engine's output post-processing in n8n's order: error output routing,
// then paired item assignment.
func (r *run) runWithRetries(ctx context.Context, ed *execData, runIndex int) (nodes.Outputs, error) {
	node := ed.node
	maxTries, wait := 1, time.Duration(0)
	if node.RetryOnFail {
		maxTries = 3
		if node.MaxTries != nil && *node.MaxTries != 0 {
			maxTries = int(*node.MaxTries)
		}
		maxTries = min(5, max(2, maxTries))
		w := 1000.0
		if node.WaitBetweenTries != nil && *node.WaitBetweenTries != 0 {
			w = *node.WaitBetweenTries
		}
		wait = time.Duration(min(5000, max(0, w))) * time.Millisecond
	}
	sleep := func() error {
		if wait <= 0 {
			return ctx.Err()
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(wait):
			return nil
		}
	}
	var lastErr error
	for try := 0; try < maxTries; try++ {
		if try > 0 {
			if err := sleep(); err != nil {
				return nil, err
			}
		}
		out, pinned := r.pinnedOutput(node)
		if !pinned {
			var err error
			out, err = r.runNode(ctx, ed, runIndex)
			for err == nil && firstItemHasError(out) && try != maxTries-1 {
				if err := sleep(); err != nil {
					return nil, err
				}
				out, err = r.runNode(ctx, ed, runIndex)
				try++
			}
			if err != nil {
				lastErr = err
				if ctx.Err() != nil {
					return nil, ctx.Err()
				}
				continue
			}
			if out != nil && node.OnError == nodes.OnErrorContinueOutput {
				out = r.routeErrorOutput(out, ed)
			}
		}
		if out != nil {
			r.assignPairedItems(out, ed)
		}
		return out, nil
	}
	return nil, lastErr
}

// pinnedOutput returns the pinned items of an enabled node (manual mode).
func (r *run) pinnedOutput(node *nodes.Node) (nodes.Outputs, bool) {
	pinned, ok := r.wf.PinData[node.Name]
	if !ok || node.Disabled || r.opts.IgnorePinData || r.opts.Mode != "manual" {
		return nil, false
	}
	items := make([]nodes.Item, len(pinned))
	for i, it := range pinned {
		items[i] = nodes.Item{JSON: nodes.DeepCopy(it.JSON), Binary: it.Binary}
	}
	return nodes.Outputs{items}, true
}

func firstItemHasError(out nodes.Outputs) bool {
	if len(out) == 0 || len(out[0]) == 0 {
		return false
	}
	m, ok := out[0][0].JSON.(map[string]any)
	if !ok {
		return false
	}
	v, has := m["error"]
	return has && v != nil && v != false
}

// runNode dispatches one node run (n8n's WorkflowExecute.runNode).
func (r *run) runNode(ctx context.Context, ed *execData, runIndex int) (nodes.Outputs, error) {
	node := ed.node
	if node.Disabled {
		if len(ed.inputs) == 0 || ed.inputs[0] == nil {
			return nil, nil
		}
		return nodes.Outputs{ed.inputs[0]}, nil
	}
	t := r.types[node.Name]
	if t == nil {
		return nil, nil // sticky notes and other non-runnable nodes
	}
	isTrigger := t.Description.IsTrigger()
	connInput := r.connectionInput(ed)
	if !isTrigger && len(connInput) == 0 {
		return nil, nil
	}
	inputs := ed.inputs
	if node.ExecuteOnce {
		cut := make([][]nodes.Item, len(inputs))
		for i, in := range inputs {
			if len(in) > 0 {
				cut[i] = in[:1]
			} else {
				cut[i] = in
			}
		}
		inputs = cut
	}
	handler := t.Handler
	if handler == nil {
		handler = r.e.declarative
	}
	if handler == nil {
		return nil, nodes.NewOperationErrorf(node.Name, "node type %q is declarative but the engine has no routing handler (use engine.WithDeclarativeHandler)", node.Type)
	}
	nc := &nodeContext{run: r, ctx: ctx, node: node, typ: t, exec: ed, inputs: inputs, runIndex: runIndex,
		params: r.params[node.Name]}
	nc.lookup = &lookup{run: r, node: node, exec: ed}
	// $input sees the uncut input even with executeOnce, as in n8n.
	nc.connInput = connInput
	return safeExecute(handler, nc)
}

// safeExecute turns a handler panic into a node error instead of crashing.
func safeExecute(h nodes.Handler, nc *nodeContext) (out nodes.Outputs, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = nodes.NewOperationErrorf(nc.node.Name, "internal error in node: %v", p)
		}
	}()
	return h.Execute(nc)
}

// normalizeErrorItems sets the json of every item carrying an error to
// {error: <message>}, as n8n's normalizeNodeErrors does.
func normalizeErrorItems(out nodes.Outputs) {
	for _, items := range out {
		for i := range items {
			if e := items[i].Error; e != nil {
				items[i].JSON = map[string]any{"error": e.Message}
			}
		}
	}
}

// connectionInput is the input the node's $json/$input see: v1 the first
// non-empty input, v0 input 0.
func (r *run) connectionInput(ed *execData) []nodes.Item { return r.connectionInputOf(ed.inputs) }

func (r *run) connectionInputOf(inputs [][]nodes.Item) []nodes.Item {
	if len(inputs) == 0 {
		return nil
	}
	if !r.wf.Settings.V1() {
		return inputs[0]
	}
	for _, in := range inputs {
		if len(in) > 0 {
			return in
		}
	}
	return nil
}

// assignPairedItems fills pairedItem where the node left it unset (n8n's
// assignPairedItems).
func (r *run) assignPairedItems(out nodes.Outputs, ed *execData) {
	singleInput := len(ed.inputs) == 1 && len(ed.inputs[0]) == 1
	sameCount := len(out) == 1 && len(ed.inputs) == 1 && len(ed.inputs[0]) == len(out[0])
	singleOutput := len(out) == 1 && len(out[0]) == 1 && len(ed.inputs) == 1 && len(ed.inputs[0]) > 1
	for _, items := range out {
		for i := range items {
			if !items[i].PairedItem.IsZero() {
				continue
			}
			switch {
			case singleInput:
				items[i].PairedItem = nodes.One(nodes.PairedItem{Item: 0})
			case sameCount:
				items[i].PairedItem = nodes.One(nodes.PairedItem{Item: i})
			case singleOutput:
				items[i].PairedItem = nodes.One(nodes.PairedItem{Item: 0})
			default:
				return
			}
		}
	}
}

// routeErrorOutput moves failed items to the extra last "Error" output
// (n8n's handleNodeErrorOutput), merging the paired input item's json
// underneath when it can be traced.
func (r *run) routeErrorOutput(out nodes.Outputs, ed *execData) nodes.Outputs {
	regular := r.types[ed.node.Name].OutputCount(r.params[ed.node.Name])
	for len(out) < regular {
		out = append(out, []nodes.Item{})
	}
	var errItems []nodes.Item
	for o := 0; o < regular; o++ {
		kept := out[o][:0:0]
		for _, it := range out[o] {
			if !isErrorItem(it) {
				kept = append(kept, it)
				continue
			}
			if len(it.PairedItem.Items) > 0 {
				p := it.PairedItem.Items[0]
				in := p.InputIndex()
				if in < len(ed.source) && ed.source[in] != nil {
					if orig, ok := r.sourceItem(ed.source[in], p.Item); ok {
						merged := map[string]any{}
						if om, ok := orig.JSON.(map[string]any); ok {
							for k, v := range om {
								merged[k] = v
							}
						}
						if im, ok := it.JSON.(map[string]any); ok {
							for k, v := range im {
								merged[k] = v
							}
						}
						it.JSON = merged
					}
				}
			}
			errItems = append(errItems, it)
		}
		out[o] = kept
	}
	if errItems == nil {
		errItems = []nodes.Item{}
	}
	if len(out) > regular {
		out[regular] = errItems
		return out[:regular+1]
	}
	return append(out, errItems)
}

// sourceItem returns item i of the output a Source points at.
func (r *run) sourceItem(s *Source, i int) (nodes.Item, bool) {
	items, ok := r.result.Output(s.PreviousNode, s.PreviousNodeOutput, s.PreviousNodeRun)
	if !ok || i < 0 || i >= len(items) {
		return nodes.Item{}, false
	}
	return items[i], true
}

func isErrorItem(it nodes.Item) bool {
	if it.Error != nil {
		return true
	}
	m, ok := it.JSON.(map[string]any)
	if !ok || m["error"] == nil {
		return false
	}
	for k := range m {
		if k != "error" && k != "message" && k != "details" {
			return false
		}
	}
	return true
}

// schedule queues the targets of a finished node's outputs.
func (r *run) schedule(node *nodes.Node, outputs nodes.Outputs, runIndex int) {
	type target struct {
		conn   Connection
		output int
	}
	var targets []target
	v1 := r.wf.Settings.V1()
	for out, conns := range r.wf.Connections.Main(node.Name) {
		for _, c := range conns {
			if out >= len(outputs) || outputs[out] == nil {
				continue
			}
			if len(outputs[out]) != 0 || (c.Index > 0 && !v1) {
				targets = append(targets, target{conn: c, output: out})
			}
		}
	}
	if v1 {
		pos := func(name string) (float64, float64) {
			n := r.wf.Node(name)
			if n == nil || len(n.Position) < 2 {
				return 0, 0
			}
			return n.Position[0], n.Position[1]
		}
		sort.SliceStable(targets, func(i, j int) bool {
			ax, ay := pos(targets[i].conn.Node)
			bx, by := pos(targets[j].conn.Node)
			if ay != by {
				return ay > by
			}
			return ax > bx
		})
	}
	for _, t := range targets {
		r.addNodeToBeExecuted(t.conn, t.output, node.Name, outputs, runIndex)
	}
}

func (r *run) enqueue(ed *execData) {
	if r.wf.Settings.V1() {
		r.stack = append([]*execData{ed}, r.stack...)
	} else {
		r.stack = append(r.stack, ed)
	}
}

func (r *run) inputCount(name string) int {
	n := len(r.wf.Parents(name))
	if t := r.types[name]; t != nil {
		n = max(n, t.InputCount(r.params[name]))
	}
	return n
}

// addNodeToBeExecuted is n8n's addNodeToBeExecuted: single-input targets are
// queued at once; multi-input targets wait until every input has data.
func (r *run) addNodeToBeExecuted(c Connection, output int, parent string, outputs nodes.Outputs, runIndex int) {
	target := r.wf.Node(c.Node)
	src := &Source{PreviousNode: parent, PreviousNodeOutput: output, PreviousNodeRun: runIndex}
	nInputs := len(r.wf.Parents(c.Node))
	if nInputs <= 1 {
		inputs := make([][]nodes.Item, c.Index+1)
		sources := make([]*Source, c.Index+1)
		inputs[c.Index] = outputs[output]
		sources[c.Index] = src
		r.enqueue(&execData{node: target, inputs: inputs, source: sources})
		return
	}
	nodeWasWaiting := len(r.waiting[c.Node]) > 0
	var w *waiting
	for _, cand := range r.waiting[c.Node] {
		if !cand.filled[c.Index] {
			w = cand
			break
		}
	}
	if w == nil {
		w = &waiting{inputs: make([][]nodes.Item, nInputs), source: make([]*Source, nInputs), filled: make([]bool, nInputs)}
		if len(r.waiting[c.Node]) == 0 {
			r.waitingOrder = append(r.waitingOrder, c.Node)
		}
		r.waiting[c.Node] = append(r.waiting[c.Node], w)
	}
	w.inputs[c.Index] = outputs[output]
	if w.inputs[c.Index] == nil {
		w.inputs[c.Index] = []nodes.Item{}
	}
	w.source[c.Index] = src
	w.filled[c.Index] = true
	if !slices.Contains(w.filled, false) {
		r.removeWaiting(c.Node, w)
		r.enqueue(&execData{node: target, inputs: w.inputs, source: w.source})
		return
	}
	if !nodeWasWaiting && !r.wf.Settings.V1() {
		r.pullMissingBranches(c.Node, parent, output, outputs, runIndex)
	}
}

func (r *run) removeWaiting(name string, w *waiting) {
	list := r.waiting[name]
	for i, cand := range list {
		if cand == w {
			list = append(list[:i], list[i+1:]...)
			break
		}
	}
	if len(list) == 0 {
		delete(r.waiting, name)
		r.waitingOrder = slices.DeleteFunc(r.waitingOrder, func(s string) bool { return s == name })
		return
	}
	r.waiting[name] = list
}

// pullMissingBranches is v0's "pull in missing branch" (n8n's
// addNodeToBeExecuted with forced input execution): for each other input of
// a multi-input node that has just started waiting, find the highest
// unexecuted ancestor of that branch and queue it with one empty item when
// its own input is empty, so the node gets data on every input.
func (r *run) pullMissingBranches(name, parent string, output int, outputs nodes.Outputs, runIndex int) {
	var siblings []string
	for _, conns := range r.wf.Connections.Main(parent) {
		for _, c := range conns {
			siblings = append(siblings, c.Node)
		}
	}
	onStack := func(n string) bool {
		for _, ed := range r.stack {
			if ed.node.Name == n {
				return true
			}
		}
		return false
	}
	for _, conns := range r.wf.Parents(name) {
		for _, in := range conns {
			if in.Node == parent {
				continue
			}
			if slices.Contains(siblings, in.Node) && !r.incomingEmpty(in.Node, runIndex) {
				continue
			}
			if onStack(in.Node) {
				continue
			}
			if _, ran := r.result.RunData[in.Node]; ran {
				continue
			}
			toAdd := in.Node
			for _, p := range append([]string{in.Node}, r.wf.Ancestors(in.Node)...) {
				if p != in.Node && slices.Contains(siblings, p) {
					toAdd = ""
					break
				}
				if onStack(p) {
					toAdd = ""
					break
				}
				if _, ran := r.result.RunData[p]; ran {
					break
				}
				toAdd = p
			}
			if toAdd != "" && slices.Contains(r.wf.Ancestors(toAdd), parent) && len(outputs[output]) == 0 {
				toAdd = ""
			}
			if toAdd == "" {
				continue
			}
			if len(r.wf.Parents(toAdd)) == 0 || r.incomingEmpty(toAdd, runIndex) {
				r.enqueue(&execData{node: r.wf.Node(toAdd), inputs: [][]nodes.Item{{{JSON: map[string]any{}}}},
					source: []*Source{{PreviousNode: parent, PreviousNodeOutput: output, PreviousNodeRun: runIndex}}})
			}
		}
	}
}

// incomingEmpty reports whether the data arriving on input 0 of name from
// its parents' run runIndex is empty (n8n's incomingConnectionIsEmpty).
func (r *run) incomingEmpty(name string, runIndex int) bool {
	parents := r.wf.Parents(name)
	if len(parents) == 0 {
		return true
	}
	for _, c := range parents[0] {
		runs := r.result.RunData[c.Node]
		if runIndex >= len(runs) || runs[runIndex].Data == nil || c.Index >= len(runs[runIndex].Data.Main) {
			continue
		}
		if len(runs[runIndex].Data.Main[c.Index]) != 0 {
			return false
		}
	}
	return true
}

// releaseWaiting runs a waiting multi-input node with the data it has once
// the stack is empty (n8n: waiting nodes that do not require data on all
// inputs run one by one); it reports whether it changed anything.
func (r *run) releaseWaiting() bool {
	for _, name := range slices.Clone(r.waitingOrder) {
		var required []int
		if r.wf.Settings.V1() {
			if t := r.types[name]; t != nil && t.RequiredInputs != nil {
				required = t.RequiredInputs(r.params[name])
				if len(required) > 0 && len(required) >= r.inputCount(name) {
					continue // every input is required, but not all have data
				}
			}
		}
		parentWaiting := false
		for _, a := range r.wf.Ancestors(name) {
			if _, w := r.waiting[a]; w {
				parentWaiting = true
				break
			}
		}
		if parentWaiting {
			continue
		}
		w := r.waiting[name][0]
		missing := false
		for _, i := range required {
			if i >= len(w.filled) || !w.filled[i] {
				missing = true
			}
		}
		if missing {
			continue
		}
		r.removeWaiting(name, w)
		inputs := make([][]nodes.Item, max(len(w.inputs), r.inputCount(name)))
		hasData := false
		for i := range inputs {
			if i < len(w.inputs) && w.inputs[i] != nil {
				inputs[i] = w.inputs[i]
			} else {
				inputs[i] = []nodes.Item{}
			}
			if len(inputs[i]) > 0 {
				hasData = true
			}
		}
		if hasData {
			r.stack = append(r.stack, &execData{node: r.wf.Node(name), inputs: inputs, source: w.source})
		}
		return true
	}
	return false
}

// nodeError converts a handler error into the serialized node error.
func (r *run) nodeError(node *nodes.Node, err error, runIndex int) *nodes.NodeError {
	ne := nodes.AsNodeError(node.Name, err)
	if ne.Context == nil {
		ne.Context = map[string]any{}
	}
	if ne.Name == nodes.NodeApiErrorName {
		ne.Context["runIndex"] = runIndex
	}
	if strings.TrimSpace(ne.Message) == "" {
		ne.Message = "Unknown error"
	}
	return ne
}
