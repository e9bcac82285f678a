package routing

import (
	"strconv"

	"github.com/noderun/noderun/internal/jsvalue"
	"github.com/noderun/noderun/nodes"
)

// step is one property (or selected option) of the description that is
// displayed for the node's parameters and carries routing. A node run's
// plan is its steps in n8n's walk order; per item only these are evaluated.
type step struct {
	prop *nodes.Property
	// path is the parameter path whose resolved value is $value
	// ("additionalFields.age", "fc.group[0].field"); empty for option
	// entries, which have no value of their own.
	path string
	// extract unwraps resourceLocator values to their .value.
	extract bool
	// index and parentPath feed $index and $parent inside fixedCollections
	// (index < 0: not inside one).
	index      int
	parentPath string
}

// plan is what a node's parameters select from its description.
type plan struct {
	steps []step
}

// buildPlan walks the description's top-level properties in order, as
// RoutingNode.getRequestOptionsFromParameters does, keeping those that are
// displayed (checked against the root parameters) and carry routing.
func buildPlan(desc *nodes.Description, params map[string]any, version float64) *plan {
	p := &plan{}
	w := walker{params: params, version: version, plan: p}
	for _, prop := range desc.Properties {
		w.walk(prop, "", -1, "")
	}
	return p
}

type walker struct {
	params  map[string]any
	version float64
	plan    *plan
}

func (w *walker) walk(prop *nodes.Property, basePath string, index int, parentPath string) {
	if prop == nil || !nodes.Displayed(prop, w.params, w.params, w.version) {
		return
	}
	name := basePath + prop.Name
	if prop.Routing != nil {
		s := step{prop: prop, index: index, parentPath: parentPath}
		if prop.Type != "" {
			s.path = name
			s.extract = prop.Type == nodes.TypeResourceLocator || prop.ExtractValue != nil
		}
		w.plan.steps = append(w.plan.steps, s)
	}
	if len(prop.Options) == 0 {
		return
	}
	switch prop.Type {
	case nodes.TypeOptions:
		raw, _ := getPath(w.params, name)
		for _, o := range prop.Options {
			if strictEqual(o.Value, raw) {
				w.walk(o, name+".", index, parentPath)
				break
			}
		}
	case nodes.TypeCollection:
		raw, _ := getPath(w.params, name)
		m, _ := raw.(map[string]any)
		for _, o := range prop.Options {
			if _, ok := m[o.Name]; ok && o.Type != "" {
				w.walk(o, name+".", index, parentPath)
			}
		}
	case nodes.TypeFixedCollection:
		for _, group := range prop.Options {
			groupPath := name + "." + group.Name
			raw, ok := getPath(w.params, groupPath)
			if !ok {
				continue
			}
			list, isList := raw.([]any)
			if !isList {
				list = []any{raw}
			}
			for i := range list {
				loopPath := groupPath
				if prop.MultipleValues() {
					loopPath += "[" + strconv.Itoa(i) + "]"
				}
				entryPath := groupPath
				if isList {
					entryPath += "[" + strconv.Itoa(i) + "]"
				}
				for _, v := range group.Values {
					w.walk(v, loopPath+".", i, entryPath)
				}
			}
		}
	}
}

// strictEqual is JavaScript === on JSON values (numbers by value).
func strictEqual(a, b any) bool {
	switch x := a.(type) {
	case string:
		y, ok := b.(string)
		return ok && x == y
	case bool:
		y, ok := b.(bool)
		return ok && x == y
	case nil:
		return b == nil
	}
	af, aok := jsvalue.ToFloat(a)
	bf, bok := jsvalue.ToFloat(b)
	return aok && bok && af == bf
}
