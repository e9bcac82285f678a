package expr

import (
	"errors"
	"fmt"
	"sort"

	"github.com/dop251/goja"
	"github.com/noderun/noderun/nodes"
)

// RunCounter is an optional interface a NodeLookup may implement so that
// $node["X"].runIndex reports the index of X's latest run.
type RunCounter interface {
	// Runs returns how many times node name has run in this execution.
	Runs(name string) int
}

// input builds $input; its members are built on first use.
func (s *scope) input() goja.Value {
	v, rt, d := s.vm, s.vm.rt, s.data
	fn := func(f func() goja.Value) func() goja.Value {
		return func() goja.Value {
			return rt.ToValue(func(goja.FunctionCall) goja.Value { return f() })
		}
	}
	return rt.NewDynamicObject(&accessor{get: map[string]func() goja.Value{
		"item": func() goja.Value {
			if it, ok := s.item(); ok {
				return v.itemObject(it, true)
			}
			return goja.Undefined()
		},
		"all": fn(func() goja.Value { return v.itemsArray(d.Input) }),
		"first": fn(func() goja.Value {
			if len(d.Input) == 0 {
				return goja.Undefined()
			}
			return v.itemObject(d.Input[0], true)
		}),
		"last": fn(func() goja.Value {
			if len(d.Input) == 0 {
				return goja.Undefined()
			}
			return v.itemObject(d.Input[len(d.Input)-1], true)
		}),
		"params": func() goja.Value {
			var params map[string]any
			if d.Lookup != nil {
				if name, _, _ := d.Lookup.PrevNode(); name != "" {
					params = d.Lookup.Parameters(name)
				}
			}
			return v.wrap(anyMap(params))
		},
		"context": s.inputContext,
	}})
}

// prevNode builds $prevNode.
func (s *scope) prevNode() goja.Value {
	rt := s.vm.rt
	o := rt.NewObject()
	if s.data.Lookup == nil {
		_ = o.Set("name", goja.Undefined())
		_ = o.Set("outputIndex", 0)
		_ = o.Set("runIndex", 0)
		return o
	}
	name, out, run := s.data.Lookup.PrevNode()
	if name == "" {
		_ = o.Set("name", goja.Undefined())
	} else {
		_ = o.Set("name", name)
	}
	_ = o.Set("outputIndex", out)
	_ = o.Set("runIndex", run)
	return o
}

// checkNode throws n8n's ExpressionErrors for an unknown node or, when
// executed is true, for a node that has not run.
func (s *scope) checkNode(name string, executed bool) nodes.Item {
	l := s.data.Lookup
	if l == nil || !l.HasNode(name) {
		s.vm.throwExpr("Referenced node doesn't exist", fmt.Sprintf("The node '%s' doesn't exist, but it's used in an expression here.", name))
	}
	if executed && !l.Executed(name) {
		s.vm.throwExpr(fmt.Sprintf("Node '%s' hasn't been executed", name), "An expression references this node, but the node is unexecuted. Consider re-wiring your nodes or checking for execution first, i.e. {{ $if( $(\"<node-name>\").isExecuted, <action_if_executed>, \"\") }}")
	}
	return nodes.Item{}
}

// output returns the items of node name (checked to exist and have run).
func (s *scope) output(name string, output, run int) []nodes.Item {
	s.checkNode(name, true)
	items, _ := s.data.Lookup.Output(name, output, run)
	return items
}

// dollar is $('Name').
func (s *scope) dollar(call goja.FunctionCall) goja.Value {
	v, rt := s.vm, s.vm.rt
	if len(call.Arguments) == 0 || goja.IsUndefined(call.Argument(0)) {
		v.throwExpr("When calling $(), please specify a node", "")
	}
	name := call.Argument(0).String()
	s.checkNode(name, false)
	l := s.data.Lookup
	paired := func(i int) goja.Value {
		it, err := l.Paired(name, i)
		if err != nil {
			var ee *ExpressionError
			if !errors.As(err, &ee) {
				ee = &ExpressionError{Message: err.Error()}
			}
			v.throw(ee)
		}
		return v.itemObject(it, true)
	}
	intArg := func(c goja.FunctionCall, i, def int) int {
		a := c.Argument(i)
		if goja.IsUndefined(a) || goja.IsNull(a) {
			return def
		}
		return int(a.ToInteger())
	}
	items := func(c goja.FunctionCall) []nodes.Item {
		return s.output(name, intArg(c, 0, l.ConnectedOutput(name)), intArg(c, 1, -1))
	}
	acc := &accessor{get: map[string]func() goja.Value{
		"item":       func() goja.Value { return paired(s.data.ItemIndex) },
		"isExecuted": func() goja.Value { return rt.ToValue(l.Executed(name)) },
		"params":     func() goja.Value { return v.wrap(anyMap(l.Parameters(name))) },
		"context":    func() goja.Value { return s.nodeContext(name) },
		"pairedItem": func() goja.Value {
			return rt.ToValue(func(c goja.FunctionCall) goja.Value { return paired(intArg(c, 0, s.data.ItemIndex)) })
		},
		"itemMatching": func() goja.Value {
			return rt.ToValue(func(c goja.FunctionCall) goja.Value {
				if len(c.Arguments) == 0 {
					v.throwExpr("Missing item index for .itemMatching()", "")
				}
				return paired(intArg(c, 0, 0))
			})
		},
		"first": func() goja.Value {
			return rt.ToValue(func(c goja.FunctionCall) goja.Value {
				its := items(c)
				if len(its) == 0 {
					return goja.Undefined()
				}
				return v.itemObject(its[0], true)
			})
		},
		"last": func() goja.Value {
			return rt.ToValue(func(c goja.FunctionCall) goja.Value {
				its := items(c)
				if len(its) == 0 {
					return goja.Undefined()
				}
				return v.itemObject(its[len(its)-1], true)
			})
		},
		"all": func() goja.Value {
			return rt.ToValue(func(c goja.FunctionCall) goja.Value { return v.itemsArray(items(c)) })
		},
	}}
	return rt.NewDynamicObject(acc)
}

// items is the legacy $items(name?, outputIndex=0, runIndex=-1).
func (s *scope) items(call goja.FunctionCall) goja.Value {
	v := s.vm
	if len(call.Arguments) == 0 || goja.IsUndefined(call.Argument(0)) {
		return v.itemsArray(s.data.Input)
	}
	name := call.Argument(0).String()
	out, run := 0, -1
	if a := call.Argument(1); !goja.IsUndefined(a) && !goja.IsNull(a) {
		out = int(a.ToInteger())
	}
	if a := call.Argument(2); !goja.IsUndefined(a) && !goja.IsNull(a) {
		run = int(a.ToInteger())
	}
	return v.itemsArray(s.output(name, out, run))
}

// itemAt is the legacy $item(index, runIndex?): the whole data proxy at
// another item index.
func (s *scope) itemAt(call goja.FunctionCall) goja.Value {
	d := *s.data
	d.ItemIndex = int(call.Argument(0).ToInteger())
	if a := call.Argument(1); !goja.IsUndefined(a) && !goja.IsNull(a) {
		d.RunIndex = int(a.ToInteger())
	}
	return s.vm.newScope(s.ev, &d).obj
}

// nodeIndex is $node: $node["Name"] reads the same item index from that
// node's latest run.
type nodeIndex struct{ s *scope }

// Get implements goja.DynamicObject.
func (n *nodeIndex) Get(name string) goja.Value {
	s := n.s
	v, rt := s.vm, s.vm.rt
	// As n8n's $node proxy, only json and binary need the node to have
	// run; parameter and context read an unexecuted node too.
	s.checkNode(name, false)
	l := s.data.Lookup
	idx := s.data.ItemIndex
	run := 0
	if rc, ok := l.(RunCounter); ok {
		run = max(rc.Runs(name)-1, 0)
	}
	items := func() []nodes.Item { return s.output(name, l.ConnectedOutput(name), -1) }
	acc := &accessor{get: map[string]func() goja.Value{
		"json": func() goja.Value {
			items := items()
			if idx >= len(items) {
				return goja.Undefined()
			}
			return v.wrap(items[idx].JSON)
		},
		"binary": func() goja.Value {
			items := items()
			if idx >= len(items) || items[idx].Binary == nil {
				return rt.NewObject()
			}
			return v.wrap(binaryMap(items[idx].Binary, true))
		},
		"parameter": func() goja.Value { return v.wrap(anyMap(l.Parameters(name))) },
		"runIndex":  func() goja.Value { return rt.ToValue(run) },
		"context":   func() goja.Value { return s.nodeContext(name) },
	}}
	return rt.NewDynamicObject(acc)
}

// Set implements goja.DynamicObject ($node is read-only).
func (n *nodeIndex) Set(string, goja.Value) bool { return false }

// Has implements goja.DynamicObject.
func (n *nodeIndex) Has(name string) bool {
	return n.s.data.Lookup != nil && n.s.data.Lookup.HasNode(name)
}

// Delete implements goja.DynamicObject.
func (n *nodeIndex) Delete(string) bool { return false }

// Keys implements goja.DynamicObject.
func (n *nodeIndex) Keys() []string { return nil }

// accessor is a read-only object whose properties are computed on first
// read and cached.
type accessor struct {
	get  map[string]func() goja.Value
	vals map[string]goja.Value
}

// Get implements goja.DynamicObject.
func (a *accessor) Get(key string) goja.Value {
	if v, ok := a.vals[key]; ok {
		return v
	}
	f, ok := a.get[key]
	if !ok {
		return nil
	}
	v := f()
	if a.vals == nil {
		a.vals = make(map[string]goja.Value, 2)
	}
	a.vals[key] = v
	return v
}

// Set implements goja.DynamicObject (read-only).
func (a *accessor) Set(string, goja.Value) bool { return false }

// Has implements goja.DynamicObject.
func (a *accessor) Has(key string) bool { _, ok := a.get[key]; return ok }

// Delete implements goja.DynamicObject.
func (a *accessor) Delete(string) bool { return false }

// Keys implements goja.DynamicObject.
func (a *accessor) Keys() []string {
	keys := make([]string, 0, len(a.get))
	for k := range a.get {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	sortKeys(keys)
	return keys
}
