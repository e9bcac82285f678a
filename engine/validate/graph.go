package validate

import (
	"sort"

	"github.com/noderun/noderun/engine"

	"github.com/noderun/noderun/nodes"
)

// stickyNote never runs and takes no connections.
const stickyNote = "n8n-nodes-base.stickyNote"

// knownTriggers start a run even when their type is not registered as a
// trigger (the engine's getStartNode list).
var knownTriggers = map[string]bool{
	"n8n-nodes-base.manualTrigger":          true,
	"n8n-nodes-base.executeWorkflowTrigger": true,
	"n8n-nodes-base.errorTrigger":           true,
	"n8n-nodes-base.evaluationTrigger":      true,
	"n8n-nodes-base.formTrigger":            true,
}

// outputCount is the number of main outputs of node i including the
// error output that continueErrorOutput adds; -1 when unknown.
func (v *validator) outputCount(i int) int {
	t := v.types[i]
	if t == nil {
		return -1
	}
	n := safeCount(t.OutputCount, v.params[i])
	if v.wf.Nodes[i].ContinueOnFailMode() == nodes.OnErrorContinueOutput {
		n++
	}
	return n
}

// inputCount is the number of main inputs of node i; -1 when unknown.
func (v *validator) inputCount(i int) int {
	t := v.types[i]
	if t == nil {
		return -1
	}
	return safeCount(t.InputCount, v.params[i])
}

func safeCount(f func(map[string]any) int, params map[string]any) (n int) {
	defer func() {
		if recover() != nil {
			n = -1
		}
	}()
	return f(params)
}

// connections checks that connections join existing nodes through
// existing outputs and inputs.
func (v *validator) connections() {
	sources := make([]string, 0, len(v.wf.Connections))
	for src := range v.wf.Connections {
		sources = append(sources, src)
	}
	sort.Strings(sources)
	for _, src := range sources {
		base := key("connections", src)
		si, ok := v.byName[src]
		if !ok {
			v.add(Error, base, src, "connections from node %q, which does not exist", src)
		}
		types := make([]string, 0, len(v.wf.Connections[src]))
		for typ := range v.wf.Connections[src] {
			types = append(types, typ)
		}
		sort.Strings(types)
		for _, typ := range types {
			outputs := v.wf.Connections[src][typ]
			tbase := key(base, typ)
			if typ != "main" {
				// AI connection types (ai_tool, ai_languageModel...): only
				// the target must exist.
				v.targetsExist(src, tbase, outputs)
				continue
			}
			outs := -1
			if ok {
				outs = v.outputCount(si)
			}
			for o, conns := range outputs {
				if len(conns) == 0 {
					continue
				}
				if outs >= 0 && o >= outs {
					v.add(Error, index(tbase, o), src, "output %d does not exist: node %q has %s", o, src, plural(outs, "output"))
				}
				for c, conn := range conns {
					cpath := index(index(tbase, o), c)
					ti, found := v.byName[conn.Node]
					if !found {
						v.add(Error, key(cpath, "node"), src, "connection to node %q, which does not exist", conn.Node)
						continue
					}
					if conn.Index < 0 {
						v.add(Error, key(cpath, "index"), src, "input index %d is negative", conn.Index)
						continue
					}
					if ins := v.inputCount(ti); ins >= 0 && conn.Index >= ins {
						v.add(Error, key(cpath, "index"), src, "input %d of node %q does not exist: it has %s", conn.Index, conn.Node, plural(ins, "input"))
					}
				}
			}
		}
	}
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return itoa(n) + " " + word + "s"
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	neg := n < 0
	if neg {
		n = -n
	}
	var b []byte
	for n > 0 {
		b = append([]byte{byte('0' + n%10)}, b...)
		n /= 10
	}
	if neg {
		b = append([]byte{'-'}, b...)
	}
	return string(b)
}

// isTrigger reports whether node i starts runs.
func (v *validator) isTrigger(i int) bool {
	n := v.wf.Nodes[i]
	if knownTriggers[n.Type] {
		return true
	}
	t := v.types[i]
	return t != nil && t.Description.IsTrigger()
}

// startAndReachability reports a workflow without a start node and the
// nodes a run never reaches, with the engine's choice of start: every
// enabled trigger, else the first root node (no incoming connection).
func (v *validator) startAndReachability() {
	var starts []int
	for i, n := range v.wf.Nodes {
		if n != nil && !n.Disabled && n.Type != stickyNote && v.isTrigger(i) {
			starts = append(starts, i)
		}
	}
	if len(starts) == 0 {
		for i, n := range v.wf.Nodes {
			if n == nil || n.Disabled || n.Type == stickyNote || v.types[i] == nil || v.byName[n.Name] != i {
				continue
			}
			if !v.hasParents(n.Name) {
				starts = append(starts, i)
				break
			}
		}
	}
	if len(starts) == 0 {
		if v.runnable() > 0 {
			v.add(Error, "nodes", "", "no start node: the workflow has no trigger and no node without inputs")
		}
		return
	}
	seen := map[string]bool{}
	var walk func(name string)
	walk = func(name string) {
		if seen[name] {
			return
		}
		seen[name] = true
		for _, conns := range v.wf.Connections[name]["main"] {
			for _, c := range conns {
				walk(c.Node)
			}
		}
	}
	for _, i := range starts {
		walk(v.wf.Nodes[i].Name)
	}
	for i, n := range v.wf.Nodes {
		if n == nil || n.Type == stickyNote || seen[n.Name] || v.byName[n.Name] != i {
			continue
		}
		if n.Disabled {
			continue
		}
		v.add(Warning, nodePath(i), n.Name, "unreachable: no start node leads to %q, so it never runs", n.Name)
	}
}

// runnable counts the nodes that could run (not sticky notes).
func (v *validator) runnable() int {
	c := 0
	for _, n := range v.wf.Nodes {
		if n != nil && n.Type != stickyNote {
			c++
		}
	}
	return c
}

// hasParents reports whether any main connection leads into node name.
// (engine.Workflow.Parents would panic on a negative input index.)
func (v *validator) hasParents(name string) bool {
	for _, types := range v.wf.Connections {
		for _, conns := range types["main"] {
			for _, c := range conns {
				if c.Node == name {
					return true
				}
			}
		}
	}
	return false
}

// targetsExist reports connections of a non-main type to missing nodes.
func (v *validator) targetsExist(src, base string, outputs [][]engine.Connection) {
	for o, conns := range outputs {
		for c, conn := range conns {
			if _, ok := v.byName[conn.Node]; !ok {
				v.add(Error, key(index(index(base, o), c), "node"), src, "connection to node %q, which does not exist", conn.Node)
			}
		}
	}
}

// pinData reports pinned data for nodes the workflow does not have (n8n
// ignores it).
func (v *validator) pinData() {
	names := make([]string, 0, len(v.wf.PinData))
	for name := range v.wf.PinData {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		if _, ok := v.byName[name]; !ok {
			v.add(Warning, key("pinData", name), name, "pinned data for node %q, which does not exist; n8n ignores it", name)
		}
	}
}
