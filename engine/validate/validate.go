package validate

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/noderun/noderun/engine"
	"github.com/noderun/noderun/internal/expr"
	"github.com/noderun/noderun/nodes"
)

// File parses a workflow file (an object, or an export array from which
// sel picks one) and validates it. A file that does not parse gives one
// error diagnostic at the parse error's path and a nil workflow.
func File(reg *nodes.Registry, data []byte, file string, sel engine.Selector) (*engine.Workflow, []Diagnostic) {
	wf, err := engine.Parse(data, file, sel)
	if err != nil {
		d := Diagnostic{Severity: Error, Message: err.Error()}
		var pe *engine.ParseError
		if errors.As(err, &pe) {
			d.Path = pe.Path
			d.Message = pe.Err.Error()
			if pe.Path != "" {
				d.Line, d.Column, _ = locate(data).lineCol(pe.Path)
			}
		}
		return nil, []Diagnostic{d}
	}
	diags := Workflow(reg, wf, Options{Prefix: arrayPrefix(data, wf)})
	if len(diags) > 0 {
		pos := locate(data)
		for i := range diags {
			diags[i].Line, diags[i].Column, _ = pos.lineCol(diags[i].Path)
		}
	}
	return wf, diags
}

// arrayPrefix is "[i]" when data is an export array and wf its i-th
// workflow, so paths point into the file.
func arrayPrefix(data []byte, wf *engine.Workflow) string {
	data = bytes.TrimSpace(data)
	if len(data) == 0 || data[0] != '[' {
		return ""
	}
	var list []struct {
		ID   any    `json:"id"`
		Name string `json:"name"`
	}
	if json.Unmarshal(data, &list) != nil {
		return ""
	}
	for i, w := range list {
		id := ""
		if w.ID != nil {
			id = fmt.Sprint(w.ID)
		}
		if w.Name == wf.Name && id == wf.ID {
			return fmt.Sprintf("[%d]", i)
		}
	}
	return ""
}

// Options tune Workflow.
type Options struct {
	// Prefix is put before every path (for a workflow inside an export
	// array, "[2]").
	Prefix string
	// Evaluator checks expression syntax; nil uses a default one.
	Evaluator *expr.Evaluator
}

// Workflow validates wf against the node types of reg and returns every
// problem found, sorted by path. It never panics on odd input and never
// modifies wf.
func Workflow(reg *nodes.Registry, wf *engine.Workflow, opts Options) []Diagnostic {
	if opts.Evaluator == nil {
		opts.Evaluator = defaultEvaluator()
	}
	v := &validator{reg: reg, wf: wf, opts: opts, types: map[int]*nodes.Type{}, byName: map[string]int{}}
	v.run()
	for i := range v.diags {
		if opts.Prefix != "" {
			v.diags[i].Path = joinPrefix(opts.Prefix, v.diags[i].Path)
		}
	}
	sortDiagnostics(v.diags)
	return v.diags
}

func joinPrefix(prefix, path string) string {
	if path == "" || path[0] == '[' {
		return prefix + path
	}
	return prefix + "." + path
}

// validator holds one validation's state.
type validator struct {
	reg   *nodes.Registry
	wf    *engine.Workflow
	opts  Options
	diags []Diagnostic
	// types maps a node index to its registered type (absent: unknown).
	types map[int]*nodes.Type
	// byName maps a node name to its first index.
	byName map[string]int
	// params holds each known node's parameters with n8n's defaults.
	params map[int]map[string]any
}

func (v *validator) add(sev Severity, path, node, format string, args ...any) {
	v.diags = append(v.diags, Diagnostic{Severity: sev, Path: path, Node: node, Message: fmt.Sprintf(format, args...)})
}

func (v *validator) run() {
	if v.wf == nil {
		v.add(Error, "", "", "no workflow")
		return
	}
	v.structRules()
	v.nodeTypes()
	v.params = map[int]map[string]any{}
	for i, n := range v.wf.Nodes {
		t := v.types[i]
		if n == nil || t == nil {
			continue
		}
		v.params[i] = safeNodeParameters(t.Description, n)
		v.parameters(i, n, t)
		v.credentials(i, n, t)
	}
	v.expressions()
	v.connections()
	v.pinData()
	v.startAndReachability()
}

// safeNodeParameters is nodes.NodeParameters that survives odd stored
// values (a descriptor walk over user JSON must never take the CLI down).
func safeNodeParameters(d *nodes.Description, n *nodes.Node) (out map[string]any) {
	defer func() {
		if recover() != nil {
			out = n.Parameters
		}
	}()
	return nodes.NodeParameters(d.Properties, n.Parameters, n.TypeVersion)
}

func nodePath(i int) string { return index("nodes", i) }
