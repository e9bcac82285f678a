package engine

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/noderun/noderun/internal/expr"
	"github.com/noderun/noderun/nodes"
)

// nodeContext implements nodes.ExecuteContext for one node run.
type nodeContext struct {
	run       *run
	ctx       context.Context
	node      *nodes.Node
	typ       *nodes.Type
	exec      *execData
	inputs    [][]nodes.Item
	connInput []nodes.Item
	runIndex  int
	params    map[string]any
	lookup    *lookup
}

var (
	_ nodes.ExecuteContext     = (*nodeContext)(nil)
	_ nodes.InputSourceContext = (*nodeContext)(nil)
)

// InputSource implements nodes.InputSourceContext (n8n's
// getInputSourceData): the node run that fed main input input, a copy.
func (c *nodeContext) InputSource(input int) *nodes.PairedSource {
	if c.exec == nil || input < 0 || input >= len(c.exec.source) || c.exec.source[input] == nil {
		return nil
	}
	s := c.exec.source[input]
	return &nodes.PairedSource{PreviousNode: s.PreviousNode, PreviousNodeOutput: s.PreviousNodeOutput, PreviousNodeRun: s.PreviousNodeRun}
}

func (c *nodeContext) Context() context.Context { return c.ctx }

// Node returns a copy of the workflow node with its completed parameters.
func (c *nodeContext) Node() *nodes.Node {
	n := *c.node
	n.Parameters = c.params
	return &n
}

func (c *nodeContext) Type() *nodes.Type { return c.typ }
func (c *nodeContext) RunIndex() int     { return c.runIndex }
func (c *nodeContext) Mode() string      { return c.run.opts.Mode }

func (c *nodeContext) InputData(input int) []nodes.Item {
	if input < 0 || input >= len(c.inputs) {
		return nil
	}
	return c.inputs[input]
}

func (c *nodeContext) RawParam(path string) (any, bool) { return nodes.GetPath(c.params, path) }

func (c *nodeContext) Param(path string, itemIndex int, def any) (any, error) {
	raw, ok := nodes.GetPath(c.params, path)
	if !ok {
		return def, nil
	}
	v, err := c.Evaluate(raw, itemIndex, nil)
	if err != nil {
		return nil, c.paramError(path, itemIndex, err)
	}
	return v, nil
}

// paramError names the parameter and item of a failed expression.
func (c *nodeContext) paramError(path string, itemIndex int, err error) error {
	var ne *nodes.NodeError
	if errors.As(err, &ne) {
		return err
	}
	e := nodes.NewOperationError(c.node.Name, err.Error())
	var xe *expr.ExpressionError
	var se *expr.SyntaxError
	switch {
	case errors.As(err, &xe):
		e.Name = "ExpressionError"
		e.Message = xe.Message
		e.SetDescription(xe.Description)
	case errors.As(err, &se):
		e.Name = "ExpressionError"
		e.Message = "invalid syntax"
		e.SetDescription(se.Error())
	}
	e.Context["parameter"] = path
	e.Wrapped = err
	return e.WithItem(itemIndex)
}

func (c *nodeContext) Evaluate(value any, itemIndex int, extra map[string]any) (any, error) {
	if !needsEval(value) {
		return value, nil
	}
	// The evaluation data comes from a pool: Resolve keeps no reference
	// to it once it returns (ExpressionData, whose result the Code node
	// keeps, allocates its own).
	d := dataPool.Get().(*expr.Data)
	c.fillExprData(d, itemIndex, extra)
	out, err := c.run.e.eval.Resolve(value, d)
	*d = expr.Data{}
	dataPool.Put(d)
	return out, err
}

// dataPool holds expression data for Evaluate; each call takes its own,
// so concurrent evaluations (routing batches) share nothing.
var dataPool = sync.Pool{New: func() any { return new(expr.Data) }}

// needsEval reports whether value holds any expression string.
func needsEval(v any) bool {
	switch t := v.(type) {
	case string:
		return expr.IsExpression(t)
	case map[string]any:
		for _, e := range t {
			if needsEval(e) {
				return true
			}
		}
	case []any:
		for _, e := range t {
			if needsEval(e) {
				return true
			}
		}
	}
	return false
}

func (c *nodeContext) exprData(itemIndex int, extra map[string]any) *expr.Data {
	d := new(expr.Data)
	c.fillExprData(d, itemIndex, extra)
	return d
}

// fillExprData sets d to the scope of item itemIndex of this node run.
func (c *nodeContext) fillExprData(d *expr.Data, itemIndex int, extra map[string]any) {
	mode := "production"
	if c.run.opts.Mode == "manual" {
		mode = "test"
	}
	*d = expr.Data{
		ItemIndex: itemIndex,
		RunIndex:  c.runIndex,
		Input:     c.connInput,
		Node: expr.NodeInfo{Name: c.node.Name, ID: c.node.ID, Type: c.node.Type,
			TypeVersion: c.node.TypeVersion, Parameters: c.params},
		Workflow:  expr.WorkflowInfo{ID: c.run.wf.ID, Name: c.run.wf.Name, Active: c.run.wf.Active},
		Execution: expr.ExecutionInfo{ID: c.run.opts.ExecutionID, Mode: mode, ResumeURL: c.run.opts.ResumeURL},
		Lookup:    c.lookup,
		Vars:      extra,
		Timezone:  c.Timezone(),
	}
}

func (c *nodeContext) ContinueOnFail() bool { return c.node.ContinuesOnFail() }

func (c *nodeContext) Credential(typeName string) (map[string]any, error) {
	if c.run.e.creds == nil {
		return nil, nodes.NewOperationErrorf(c.node.Name, "node needs a %q credential but no credentials were provided (use --credentials)", typeName)
	}
	data, err := c.run.e.creds.Data(c.ctx, c.node, typeName)
	if err != nil {
		return nil, credentialError(c.node.Name, typeName, err)
	}
	return data, nil
}

func credentialError(node, typeName string, err error) error {
	var ne *nodes.NodeError
	if errors.As(err, &ne) {
		return err
	}
	e := nodes.NewOperationErrorf(node, "credential %q: %v", typeName, err)
	e.Wrapped = err
	return e
}

func (c *nodeContext) HTTP(ctx context.Context, req *nodes.Request, credType string) (*nodes.Response, error) {
	send := c.run.e.send
	if send == nil {
		return nil, nodes.NewOperationError(c.node.Name, "the engine has no HTTP sender configured")
	}
	if credType == "" {
		return send(ctx, req)
	}
	if c.run.e.creds == nil {
		return nil, nodes.NewOperationErrorf(c.node.Name, "node needs a %q credential but no credentials were provided (use --credentials)", credType)
	}
	return c.run.e.creds.Do(ctx, c.node, credType, req, send)
}

func (c *nodeContext) State() map[string]any {
	s := c.run.state[c.node.Name]
	if s == nil {
		s = map[string]any{}
		c.run.state[c.node.Name] = s
	}
	return s
}

func (c *nodeContext) Timezone() *time.Location { return c.run.timezone() }

func (c *nodeContext) Logger() *slog.Logger {
	return c.run.e.logger.With("node", c.node.Name, "run", c.runIndex)
}

func (c *nodeContext) Services() nodes.Services { return &services{run: c.run} }

// ParentNodes lists the nodes upstream of this one, nearest first (n8n's
// getParentNodes).
func (c *nodeContext) ParentNodes() []*nodes.Node {
	names := c.run.wf.Ancestors(c.node.Name)
	out := make([]*nodes.Node, 0, len(names))
	for _, n := range names {
		if node := c.run.wf.Node(n); node != nil {
			out = append(out, node)
		}
	}
	return out
}

func (c *nodeContext) PutExecutionToWait(till time.Time) error {
	return c.run.putToWait(c.node.Name, till)
}

func (c *nodeContext) SendResponse(resp *nodes.WebhookResponse) error {
	if c.run.opts.OnResponse == nil {
		return nodes.NewOperationError(c.node.Name, "no webhook request is waiting for a response: the workflow was not started by a Webhook node whose Respond option is 'Using Respond to Webhook node'")
	}
	c.run.opts.OnResponse(resp)
	return nil
}

// timezone is the run's timezone, loaded once per run: time.LoadLocation
// reads the zone database on every call (about 20 µs), and every
// expression evaluation asks for the zone.
func (r *run) timezone() *time.Location {
	r.tzOnce.Do(func() {
		r.tz = r.e.defaultTZ
		if tz := r.wf.Settings.Timezone; tz != "" && tz != "DEFAULT" {
			if loc, err := time.LoadLocation(tz); err == nil {
				r.tz = loc
			}
		}
	})
	return r.tz
}

// services implements nodes.Services.
type services struct{ run *run }

func (s *services) RunSubWorkflow(ctx context.Context, ref nodes.SubWorkflowRef, items []nodes.Item) ([]nodes.Item, error) {
	var wf *Workflow
	var err error
	switch {
	case len(ref.JSON) > 0:
		wf, err = Parse(ref.JSON, "sub-workflow", Selector{})
	case s.run.e.subflows != nil:
		wf, err = s.run.e.subflows.Load(ctx, ref)
	case ref.Path != "":
		wf, err = LoadFile(ref.Path, Selector{})
	default:
		err = fmt.Errorf("cannot load sub-workflow %q: no workflow source configured", ref.ID)
	}
	if err != nil {
		return nil, err
	}
	start := ""
	for _, n := range wf.Nodes {
		if n.Type == "n8n-nodes-base.executeWorkflowTrigger" && !n.Disabled {
			start = n.Name
			break
		}
	}
	res, err := s.run.e.Run(ctx, wf, RunOptions{Mode: "integrated", Input: items, IgnorePinData: true, StartNode: start, depth: s.run.opts.depth + 1})
	if err != nil {
		return nil, err
	}
	if res.Error != nil {
		return nil, res.Error
	}
	return res.LastOutput(), nil
}
