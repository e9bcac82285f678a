package expr

import (
	"sort"
	"time"

	"github.com/dop251/goja"
	"github.com/noderun/noderun/nodes"
)

// scope is the data object expressions run against (n8n's
// WorkflowDataProxy): every free identifier of a chunk resolves on it, and
// names it does not know that are not globals read as undefined instead of
// throwing ReferenceError. Variables are built lazily and cached for the
// evaluation.
type scope struct {
	// ev is the Evaluator running this evaluation (options, compile cache).
	ev   *evaluator
	vm   *vm
	data *Data
	obj  *goja.Object
	vals valCache
	// resolving guards $parameter against recursion.
	resolving map[string]bool
}

// newScope returns a scope for data in runtime v.
func (v *vm) newScope(e *evaluator, d *Data) *scope {
	s := &scope{ev: e, vm: v, data: d}
	s.obj = v.rt.NewDynamicObject(s)
	return s
}

// reset points the scope at d and drops the cached variables.
func (s *scope) reset(d *Data) {
	s.data = d
	s.vals.reset()
	clear(s.resolving)
}

// scopeVars are the variables the scope defines itself.
var scopeVars = map[string]bool{
	"$json": true, "$data": true, "$binary": true, "$input": true,
	"$itemIndex": true, "$runIndex": true, "$position": true, "$thisItem": true,
	"$thisItemIndex": true, "$thisRunIndex": true, "$parameter": true,
	"$rawParameter": true, "$nodeVersion": true, "$nodeId": true, "$webhookId": true,
	"$prevNode": true, "$node": true, "$": true, "$items": true, "$item": true,
	"$env": true, "$now": true, "$today": true, "$workflow": true,
	"$execution": true, "$vars": true, "$mode": true,
}

// Get implements goja.DynamicObject.
func (s *scope) Get(key string) goja.Value {
	if v, ok := s.vals.get(key); ok {
		return v
	}
	var val goja.Value
	if scopeVars[key] {
		val = s.variable(key)
	} else if x, ok := s.data.Vars[key]; ok {
		val = s.vm.wrap(x)
	} else {
		return goja.Undefined()
	}
	s.vals.set(key, val)
	return val
}

// Set implements goja.DynamicObject: assignments to free identifiers stay
// in this evaluation.
func (s *scope) Set(key string, val goja.Value) bool {
	s.vals.set(key, val)
	return true
}

// Has implements goja.DynamicObject. It claims every identifier that is
// not a global so free identifiers read as undefined.
func (s *scope) Has(key string) bool {
	if scopeVars[key] {
		return true
	}
	if _, ok := s.vals.get(key); ok {
		return true
	}
	if _, ok := s.data.Vars[key]; ok {
		return true
	}
	// The globals snapshot taken when the runtime was built: a global an
	// expression adds later (through a sloppy function's `this`) does not
	// leak into other evaluations on the pooled runtime.
	return !s.vm.globals[key]
}

// Delete implements goja.DynamicObject.
func (s *scope) Delete(key string) bool {
	s.vals.del(key)
	return true
}

// Keys implements goja.DynamicObject.
func (s *scope) Keys() []string {
	keys := make([]string, 0, len(scopeVars)+len(s.data.Vars))
	for k := range scopeVars {
		keys = append(keys, k)
	}
	for k := range s.data.Vars {
		if !scopeVars[k] {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	sortKeys(keys)
	return keys
}

// item returns the current input item, if any.
func (s *scope) item() (nodes.Item, bool) {
	d := s.data
	if d.ItemIndex < 0 || d.ItemIndex >= len(d.Input) {
		return nodes.Item{}, false
	}
	return d.Input[d.ItemIndex], true
}

// zone is the evaluation's timezone.
func (s *scope) zone() *time.Location {
	if s.data.Timezone != nil {
		return s.data.Timezone
	}
	return defaultZone
}

// variable builds the value of a scope variable.
func (s *scope) variable(key string) goja.Value {
	v, rt, d := s.vm, s.vm.rt, s.data
	switch key {
	case "$json", "$data":
		it, ok := s.item()
		if !ok {
			return goja.Undefined()
		}
		return v.wrap(it.JSON)
	case "$binary":
		it, ok := s.item()
		if !ok || it.Binary == nil {
			return rt.NewObject()
		}
		return v.wrap(binaryMap(it.Binary, false))
	case "$thisItem":
		it, ok := s.item()
		if !ok {
			return goja.Undefined()
		}
		return v.itemObject(it, true)
	case "$itemIndex", "$position", "$thisItemIndex":
		return rt.ToValue(d.ItemIndex)
	case "$runIndex", "$thisRunIndex":
		return rt.ToValue(d.RunIndex)
	case "$input":
		return s.input()
	case "$parameter":
		return rt.NewDynamicObject(&paramObject{s: s, params: d.Node.Parameters})
	case "$rawParameter":
		return v.wrap(d.Node.Parameters)
	case "$nodeVersion":
		return rt.ToValue(d.Node.TypeVersion)
	case "$nodeId":
		return rt.ToValue(d.Node.ID)
	case "$webhookId":
		return goja.Undefined()
	case "$prevNode":
		return s.prevNode()
	case "$node":
		return rt.NewDynamicObject(&nodeIndex{s: s})
	case "$":
		return rt.ToValue(s.dollar)
	case "$items":
		return rt.ToValue(s.items)
	case "$item":
		return rt.ToValue(s.itemAt)
	case "$env":
		return rt.NewDynamicObject(&envObject{s: s})
	case "$now":
		return newDateTime(rt, time.Now().In(s.zone()))
	case "$today":
		n := time.Now().In(s.zone())
		return newDateTime(rt, time.Date(n.Year(), n.Month(), n.Day(), 0, 0, 0, 0, s.zone()))
	case "$workflow":
		o := rt.NewObject()
		_ = o.Set("id", d.Workflow.ID)
		_ = o.Set("name", d.Workflow.Name)
		_ = o.Set("active", d.Workflow.Active)
		return o
	case "$execution":
		return s.execution()
	case "$vars":
		return rt.NewObject()
	case "$mode":
		if d.Execution.Mode == "test" || d.Execution.Mode == "" {
			return rt.ToValue("manual")
		}
		return rt.ToValue("trigger")
	}
	return goja.Undefined()
}

// execution builds $execution.
func (s *scope) execution() goja.Value {
	rt, d := s.vm.rt, s.data
	o := rt.NewObject()
	mode := d.Execution.Mode
	if mode == "" {
		mode = "test"
	}
	_ = o.Set("id", d.Execution.ID)
	_ = o.Set("mode", mode)
	_ = o.Set("resumeUrl", d.Execution.ResumeURL)
	_ = o.Set("resumeFormUrl", formURL(d.Execution.ResumeURL))
	custom := d.Execution.CustomData
	cd := rt.NewObject()
	_ = cd.Set("get", func(key string) goja.Value {
		if x, ok := custom[key]; ok {
			return s.vm.wrap(x)
		}
		return goja.Undefined()
	})
	_ = cd.Set("getAll", func() goja.Value {
		return s.vm.wrap(copyJSON(anyMap(custom)))
	})
	_ = cd.Set("set", func(key string, val goja.Value) {
		if custom != nil {
			custom[key] = s.vm.export(val, 0)
		}
	})
	_ = cd.Set("setAll", func(all map[string]any) {
		if custom != nil {
			for k, x := range all {
				custom[k] = copyJSON(x)
			}
		}
	})
	_ = o.Set("customData", cd)
	return o
}

// anyMap converts a nil map to an empty one.
func anyMap(m map[string]any) map[string]any {
	if m == nil {
		return map[string]any{}
	}
	return m
}

// formURL is n8n's resumeFormUrl: the resume URL on the form path.
func formURL(resume string) string {
	const w = "/webhook-waiting/"
	for i := 0; i+len(w) <= len(resume); i++ {
		if resume[i:i+len(w)] == w {
			return resume[:i] + "/form-waiting/" + resume[i+len(w):]
		}
	}
	return resume
}

// envObject is $env: denied unless Options.Env is set.
type envObject struct{ s *scope }

// Get implements goja.DynamicObject.
func (e *envObject) Get(key string) goja.Value {
	env := e.s.ev.opts.Env
	if env == nil {
		e.s.vm.throwExpr("access to env vars denied", "If you need access to environment variables, please ask your administrator to allow it (N8N_BLOCK_ENV_ACCESS_IN_NODE=false)")
	}
	if val, ok := env(key); ok {
		return e.s.vm.rt.ToValue(val)
	}
	return goja.Undefined()
}

// Set implements goja.DynamicObject ($env is read-only).
func (e *envObject) Set(string, goja.Value) bool { return false }

// Has implements goja.DynamicObject.
func (e *envObject) Has(key string) bool {
	env := e.s.ev.opts.Env
	if env == nil {
		return false
	}
	_, ok := env(key)
	return ok
}

// Delete implements goja.DynamicObject.
func (e *envObject) Delete(string) bool { return false }

// Keys implements goja.DynamicObject (environment names are not listed).
func (e *envObject) Keys() []string { return nil }
