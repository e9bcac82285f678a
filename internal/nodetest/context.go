package nodetest

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"github.com/noderun/noderun/internal/expr"
	"github.com/noderun/noderun/nodes"
)

// DefaultEvaluator is the expression evaluator a Context uses when its
// Evaluator is nil; one per process, as the engine has.
var DefaultEvaluator = expr.New(expr.Options{})

// Context is a nodes.ExecuteContext for handler tests. The zero value of
// every field but Def is usable: Background context, mode "manual", UTC,
// a discarding logger, DefaultEvaluator, no credentials and no HTTP.
type Context struct {
	// Ctx is returned by Context (context.Background() when nil).
	Ctx context.Context
	// Def is the workflow node, returned by Node.
	Def *nodes.Node
	// NodeType is returned by Type.
	NodeType *nodes.Type
	// Inputs are the items on each main input.
	Inputs [][]nodes.Item
	// Runs is returned by RunIndex and passed to expressions as $runIndex.
	Runs int
	// ExecMode is returned by Mode ("manual" when empty).
	ExecMode string
	// Continue is returned by ContinueOnFail.
	Continue bool
	// Zone is the workflow timezone (UTC when nil).
	Zone *time.Location
	// Data is the node's state, returned by State (created on first use).
	Data map[string]any
	// Creds holds credential data by credential type name.
	Creds map[string]map[string]any
	// Log is returned by Logger (discarding when nil).
	Log *slog.Logger
	// Svc is returned by Services.
	Svc nodes.Services
	// Evaluator resolves expressions (DefaultEvaluator when nil).
	Evaluator *expr.Evaluator
	// Lookup answers $('Node') and $node references in expressions.
	Lookup expr.NodeLookup
	// HTTPFunc sends the node's requests; HTTP fails when it is nil.
	HTTPFunc func(ctx context.Context, req *nodes.Request, credType string) (*nodes.Response, error)
	// CanWait lets PutExecutionToWait succeed; WaitTill records its time.
	CanWait  bool
	WaitTill time.Time
	// CanRespond lets SendResponse succeed; Responses records what was sent.
	CanRespond bool
	Responses  []*nodes.WebhookResponse
}

var _ nodes.ExecuteContext = (*Context)(nil)

// New returns a Context for node with items on main input 0.
func New(node *nodes.Node, items []nodes.Item) *Context {
	return &Context{Def: node, Inputs: [][]nodes.Item{items}}
}

// Context returns Ctx, or context.Background().
func (c *Context) Context() context.Context {
	if c.Ctx != nil {
		return c.Ctx
	}
	return context.Background()
}

// Node returns Def.
func (c *Context) Node() *nodes.Node { return c.Def }

// Type returns NodeType.
func (c *Context) Type() *nodes.Type { return c.NodeType }

// RunIndex returns Runs.
func (c *Context) RunIndex() int { return c.Runs }

// Mode returns ExecMode, or "manual".
func (c *Context) Mode() string {
	if c.ExecMode == "" {
		return "manual"
	}
	return c.ExecMode
}

// ContinueOnFail returns Continue.
func (c *Context) ContinueOnFail() bool { return c.Continue }

// State returns Data, creating it on first use.
func (c *Context) State() map[string]any {
	if c.Data == nil {
		c.Data = map[string]any{}
	}
	return c.Data
}

// Timezone returns Zone, or UTC.
func (c *Context) Timezone() *time.Location {
	if c.Zone == nil {
		return time.UTC
	}
	return c.Zone
}

// Logger returns Log, or a logger that discards.
func (c *Context) Logger() *slog.Logger {
	if c.Log == nil {
		return slog.New(slog.DiscardHandler)
	}
	return c.Log
}

// Services returns Svc.
func (c *Context) Services() nodes.Services { return c.Svc }

// PutExecutionToWait records till in WaitTill; it fails unless CanWait.
func (c *Context) PutExecutionToWait(till time.Time) error {
	if !c.CanWait {
		return errors.New("this run cannot wait")
	}
	c.WaitTill = till
	return nil
}

// SendResponse appends resp to Responses; it fails unless CanRespond.
func (c *Context) SendResponse(resp *nodes.WebhookResponse) error {
	if !c.CanRespond {
		return errors.New("no webhook request is waiting for a response")
	}
	c.Responses = append(c.Responses, resp)
	return nil
}

// InputData returns the items on main input, nil when there are none.
func (c *Context) InputData(input int) []nodes.Item {
	if input < 0 || input >= len(c.Inputs) {
		return nil
	}
	return c.Inputs[input]
}
