package engine

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/noderun/noderun/internal/expr"
	"github.com/noderun/noderun/nodes"
)

// Sender performs one HTTP request without authentication.
type Sender func(ctx context.Context, req *nodes.Request) (*nodes.Response, error)

// CredentialProvider gives nodes their credentials. The credentials package
// implements it; an engine without one fails nodes that need credentials
// with a clear error.
type CredentialProvider interface {
	// Data returns the decrypted data of the node's credential of typeName.
	Data(ctx context.Context, node *nodes.Node, typeName string) (map[string]any, error)
	// Do sends req authenticated with that credential (n8n's
	// httpRequestWithAuthentication: pre-authentication, OAuth2 refresh,
	// generic authenticate), using send for the wire.
	Do(ctx context.Context, node *nodes.Node, typeName string, req *nodes.Request, send Sender) (*nodes.Response, error)
}

// Engine runs workflows against a node registry. It is safe for concurrent
// use; each Run is independent.
type Engine struct {
	registry    *nodes.Registry
	eval        *expr.Evaluator
	creds       CredentialProvider
	send        Sender
	logger      *slog.Logger
	declarative nodes.Handler
	maxRuns     int
	subflows    SubWorkflowLoader
	envAccess   func(string) (string, bool)
	defaultTZ   *time.Location
}

// Option configures an Engine.
type Option func(*Engine)

// WithCredentials sets the credential provider.
func WithCredentials(p CredentialProvider) Option { return func(e *Engine) { e.creds = p } }

// WithSender sets the HTTP transport used by nodes.
func WithSender(s Sender) Option { return func(e *Engine) { e.send = s } }

// WithLogger sets the logger (default: discard).
func WithLogger(l *slog.Logger) Option { return func(e *Engine) { e.logger = l } }

// WithDeclarativeHandler sets the handler for node types without one (the
// generic routing handler).
func WithDeclarativeHandler(h nodes.Handler) Option { return func(e *Engine) { e.declarative = h } }

// WithMaxNodeRuns bounds the node runs of one execution (loop guard);
// default 100000.
func WithMaxNodeRuns(n int) Option { return func(e *Engine) { e.maxRuns = n } }

// WithEnvAccess enables $env in expressions, answered by lookup (for
// example os.LookupEnv). Without it $env is denied, as n8n's default.
func WithEnvAccess(lookup func(string) (string, bool)) Option {
	return func(e *Engine) { e.envAccess = lookup }
}

// WithSubWorkflows sets how Execute Workflow finds workflows by id or path.
func WithSubWorkflows(l SubWorkflowLoader) Option { return func(e *Engine) { e.subflows = l } }

// SubWorkflowLoader loads a workflow referenced by Execute Workflow.
type SubWorkflowLoader interface {
	Load(ctx context.Context, ref nodes.SubWorkflowRef) (*Workflow, error)
}

// New returns an engine for the node types in registry.
func New(registry *nodes.Registry, opts ...Option) *Engine {
	e := &Engine{registry: registry, maxRuns: 100000}
	for _, o := range opts {
		o(e)
	}
	if e.logger == nil {
		e.logger = slog.New(slog.DiscardHandler)
	}
	if e.declarative == nil {
		e.declarative = registry.Declarative
	}
	e.eval = expr.New(expr.Options{Env: e.envAccess})
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		ny = time.UTC
	}
	e.defaultTZ = ny
	return e
}

// Registry returns the engine's node registry.
func (e *Engine) Registry() *nodes.Registry { return e.registry }

// Credentials returns the engine's credential provider (nil when none),
// for servers that check webhook authentication or redact secrets.
func (e *Engine) Credentials() CredentialProvider { return e.creds }

// Evaluator returns the engine's expression evaluator.
func (e *Engine) Evaluator() *expr.Evaluator { return e.eval }

// RunOptions are the per-run settings.
type RunOptions struct {
	// Mode is n8n's execution mode; default "manual" (pinData applies).
	Mode string
	// IgnorePinData runs pinned nodes for real.
	IgnorePinData bool
	// StartNode names the node to start at; default n8n's getStartNode.
	StartNode string
	// Input are the items given to the start node (default one empty item).
	Input []nodes.Item
	// Inputs, when set, replaces Input with one list per input of the
	// start node; a trigger with several outputs (a Webhook node
	// accepting several methods) passes each list through to its output.
	Inputs [][]nodes.Item
	// ExecutionID labels the run ($execution.id); default a time-based id.
	ExecutionID string
	// Timeout bounds the whole run; 0 uses settings.executionTimeout.
	Timeout time.Duration
	// Observer, when set, is told about each node run as it finishes.
	Observer func(node string, task *TaskData)
	// AllowWaiting lets nodes pause the execution (a Wait of 65 s or more,
	// a Wait for a webhook call): the run then ends with Status "waiting",
	// WaitTill and a Checkpoint that Resume continues from. Without it
	// Wait sleeps in-process and a webhook resume fails.
	AllowWaiting bool
	// ResumeURL is $execution.resumeUrl: where a waiting execution's
	// webhook is called (the server's /webhook-waiting/<id>).
	ResumeURL string
	// OnResponse receives the reply of a Respond to Webhook node; nil
	// when no HTTP request waits for one (the node then fails).
	OnResponse func(*nodes.WebhookResponse)

	// depth counts sub-workflow nesting (Execute Workflow, error workflows).
	depth int
}

// maxDepth bounds nested sub-workflow runs.
const maxDepth = 50

// Run executes wf and returns its result. A workflow that ends in a node
// error returns a Result with Status "error" and a nil error; the error
// return is for runs that could not start (bad workflow, unknown start node)
// or were cancelled.
func (e *Engine) Run(ctx context.Context, wf *Workflow, opts RunOptions) (*Result, error) {
	if wf == nil {
		return nil, errors.New("run: nil workflow")
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
	res, err := r.execute(ctx)
	return e.finish(ctx, wf, res, err, opts)
}

// prepare applies the run option defaults (mode, timeout, execution id)
// shared by Run and Resume and bounds ctx by the timeout.
func prepare(ctx context.Context, wf *Workflow, opts *RunOptions) (context.Context, context.CancelFunc, error) {
	if opts.Mode == "" {
		opts.Mode = "manual"
	}
	if opts.Timeout == 0 && wf.Settings.ExecutionTimeout > 0 {
		opts.Timeout = time.Duration(wf.Settings.ExecutionTimeout * float64(time.Second))
	}
	if opts.ExecutionID == "" {
		opts.ExecutionID = fmt.Sprint(time.Now().UnixNano())
	}
	if opts.depth > maxDepth {
		return nil, nil, fmt.Errorf("run %q: sub-workflows nested more than %d deep", wf.Name, maxDepth)
	}
	if opts.Timeout > 0 {
		ctx, cancel := context.WithTimeout(ctx, opts.Timeout)
		return ctx, cancel, nil
	}
	return ctx, func() {}, nil
}

// finish starts the error workflow of a failed run (a waiting run is not
// a failure).
func (e *Engine) finish(ctx context.Context, wf *Workflow, res *Result, err error, opts RunOptions) (*Result, error) {
	if err == nil && res.Status == StatusError && opts.Mode != "error" {
		res.ErrorExecution = e.runErrorWorkflow(ctx, wf, res, opts)
	}
	return res, err
}
