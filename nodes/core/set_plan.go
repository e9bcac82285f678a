package core

import "github.com/noderun/noderun/nodes"

// assignmentPlan is worked out once per Set run from the stored
// "assignments" parameter: the expression strings inside its entries, in
// one list that is evaluated per item with a single ctx.Evaluate call,
// instead of resolving (and so copying) the whole parameter per item.
type assignmentPlan struct {
	// list is the stored assignments list.
	list []any
	// exprs are the expression strings of every entry, in one list;
	// boxed is exprs as an interface value, boxed once per run.
	exprs []any
	boxed any
	// slots say, per entry of list, where its name, type and value are in
	// exprs (-1: stored as they are).
	slots []assignmentSlots
}

// assignmentSlots are the exprs indexes of one entry's fields.
type assignmentSlots struct{ name, typ, value int }

// newAssignmentPlan returns the plan, or nil when the parameter has a
// shape only the generic resolution handles (an expression for the whole
// collection or list, nested expressions, expressions outside entries).
func newAssignmentPlan(ctx nodes.ExecuteContext) *assignmentPlan {
	raw, ok := ctx.RawParam("assignments")
	if !ok {
		return nil
	}
	coll, ok := raw.(map[string]any)
	if !ok {
		return nil
	}
	for k, v := range coll {
		if k != "assignments" && hasExpression(v) {
			return nil
		}
	}
	list, ok := coll["assignments"].([]any)
	if !ok {
		return nil
	}
	p := &assignmentPlan{list: list, slots: make([]assignmentSlots, len(list))}
	for j, e := range list {
		p.slots[j] = assignmentSlots{-1, -1, -1}
		a, ok := e.(map[string]any)
		if !ok {
			if hasExpression(e) {
				return nil
			}
			continue
		}
		for k, v := range a {
			if s, ok := v.(string); ok && isExpressionString(s) {
				idx := len(p.exprs)
				p.exprs = append(p.exprs, s)
				switch k {
				case "name":
					p.slots[j].name = idx
				case "type":
					p.slots[j].typ = idx
				case "value":
					p.slots[j].value = idx
				}
				continue
			}
			if hasExpression(v) {
				return nil
			}
		}
	}
	p.boxed = p.exprs
	return p
}

// assignmentValues reads the fields of the assignment entries for one
// item: through a plan's evaluated expressions, or from the resolved
// parameter when plan is nil.
type assignmentValues struct {
	plan *assignmentPlan
	vals []any
}

// resolve evaluates the plan's expressions for item i. On an error it
// returns ok false: the caller resolves the whole parameter instead, so
// the error is exactly the generic one.
func (p *assignmentPlan) resolve(ctx nodes.ExecuteContext, i int) (assignmentValues, bool) {
	if len(p.exprs) == 0 {
		return assignmentValues{plan: p}, true
	}
	v, err := ctx.Evaluate(p.boxed, i, nil)
	if err != nil {
		return assignmentValues{}, false
	}
	vals, ok := v.([]any)
	if !ok || len(vals) != len(p.exprs) {
		return assignmentValues{}, false
	}
	return assignmentValues{plan: p, vals: vals}, true
}

// get returns field key ("name", "type" or "value") of entry j (a).
func (v assignmentValues) get(j int, a map[string]any, key string) any {
	if v.plan != nil {
		idx := -1
		switch key {
		case "name":
			idx = v.plan.slots[j].name
		case "type":
			idx = v.plan.slots[j].typ
		case "value":
			idx = v.plan.slots[j].value
		}
		if idx >= 0 {
			return v.vals[idx]
		}
	}
	return a[key]
}

// isExpressionString reports whether s is an n8n expression.
func isExpressionString(s string) bool { return len(s) > 0 && s[0] == '=' }

// hasExpression reports whether v holds an expression string anywhere.
func hasExpression(v any) bool {
	switch t := v.(type) {
	case string:
		return isExpressionString(t)
	case map[string]any:
		for _, e := range t {
			if hasExpression(e) {
				return true
			}
		}
	case []any:
		for _, e := range t {
			if hasExpression(e) {
				return true
			}
		}
	}
	return false
}
