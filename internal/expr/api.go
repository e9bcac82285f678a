// Package expr evaluates n8n expressions ("={{ ... }}" strings) on goja.
//
// The rules are n8n's (docs: n8n-semantics.md §3): a string is an
// expression only when it starts with "="; the rest is split into text and
// {{ code }} chunks; a value that is exactly one chunk keeps its type
// (whole-value mode), otherwise chunks are joined JS-style (template mode).
// Runtime errors other than ExpressionError yield undefined (nil).
package expr

import (
	"time"

	"github.com/noderun/noderun/nodes"
)

// Options configure an Evaluator.
type Options struct {
	// Timeout bounds one evaluation (CPU deadline); 0 means 5 s.
	Timeout time.Duration
	// Env, when not nil, enables $env and answers its lookups. When nil,
	// $env access fails with "access to env vars denied" as n8n does.
	Env func(name string) (string, bool)
}

// Data is the scope of one evaluation: which item of which node, and how
// to reach the rest of the run.
type Data struct {
	// ItemIndex is $itemIndex: the index in Input of the current item.
	ItemIndex int
	// RunIndex is $runIndex.
	RunIndex int
	// Input is the node's input items ($input.all(); $json is
	// Input[ItemIndex].JSON).
	Input []nodes.Item
	// Node is the node being run.
	Node NodeInfo
	// Workflow and Execution feed $workflow and $execution.
	Workflow  WorkflowInfo
	Execution ExecutionInfo
	// Lookup reaches other nodes' data; nil means there are none.
	Lookup NodeLookup
	// Vars are extra $-variables, keyed with their "$": $value,
	// $credentials, $version, $response, $request, $responseItem, $index,
	// $parent, $pageCount ...
	Vars map[string]any
	// Timezone is the workflow timezone ($now, $today, DateTime defaults);
	// nil means America/New_York.
	Timezone *time.Location
}

// NodeInfo describes the current node for $parameter, $nodeVersion ...
type NodeInfo struct {
	Name        string
	ID          string
	Type        string
	TypeVersion float64
	// Parameters are the stored parameters (with defaults); $parameter
	// resolves them lazily.
	Parameters map[string]any
}

// WorkflowInfo feeds $workflow.
type WorkflowInfo struct {
	ID     string
	Name   string
	Active bool
}

// ExecutionInfo feeds $execution.
type ExecutionInfo struct {
	ID         string
	Mode       string // "test" for manual runs, else "production"
	ResumeURL  string
	CustomData map[string]any
}

// NodeLookup is how expressions reach other nodes of the run. The engine
// implements it.
type NodeLookup interface {
	// HasNode reports whether the workflow has a node of that name.
	HasNode(name string) bool
	// Executed reports whether the node has run in this execution.
	Executed(name string) bool
	// Output returns the items of node name on output for run (-1: its
	// last run); ok is false when the node has not run.
	Output(name string, output, run int) (items []nodes.Item, ok bool)
	// ConnectedOutput is the output of name that feeds the current node
	// (0 when they are not directly connected).
	ConnectedOutput(name string) int
	// Parameters returns the stored parameters of node name.
	Parameters(name string) map[string]any
	// Paired follows pairedItem lineage from the current node's input item
	// itemIndex back to node name and returns that node's item; errors
	// carry n8n's messages ("Invalid expression", "Multiple matches"...).
	Paired(name string, itemIndex int) (nodes.Item, error)
	// PrevNode is the node feeding input 0: name, output index, run index.
	PrevNode() (name string, output, run int)
}

// Evaluator compiles and evaluates expressions. It is safe for concurrent
// use; compiled programs are cached and goja runtimes pooled.
type Evaluator struct {
	impl *evaluator
}

// New returns an Evaluator.
func New(opts Options) *Evaluator { return &Evaluator{impl: newEvaluator(opts)} }

// IsExpression reports whether s is an n8n expression (starts with "=").
func IsExpression(s string) bool { return len(s) > 0 && s[0] == '=' }

// Check compiles the expression s (with its leading "=") and returns a
// *SyntaxError when a chunk does not compile.
func (e *Evaluator) Check(s string) error { return e.impl.check(s) }

// Evaluate evaluates one expression string (with its leading "="). A string
// that is not an expression is returned unchanged.
func (e *Evaluator) Evaluate(s string, data *Data) (any, error) { return e.impl.evaluate(s, data) }

// Resolve returns value with every expression string inside it (walking
// maps and slices) evaluated. The input is not modified.
func (e *Evaluator) Resolve(value any, data *Data) (any, error) { return e.impl.resolve(value, data) }

// EvaluateString evaluates s as n8n's returnObjectAsString callers do
// (routing property names): whole-value objects render as
// "[Object: {...}]", arrays "[Array: [...]]".
func (e *Evaluator) EvaluateString(s string, data *Data) (string, error) {
	return e.impl.evaluateString(s, data)
}
