package core

import "github.com/noderun/noderun/nodes"

// conditionsPlan is worked out once per node run from a stored filter
// parameter ("conditions" of If and Filter): the filter parsed once, and
// the expression strings of its conditions' left and right values in one
// list evaluated per item with a single ctx.Evaluate call, instead of
// resolving (and so copying) and parsing the whole parameter per item.
type conditionsPlan struct {
	base  *filterValue
	exprs []any
	// boxed is exprs as an interface value, boxed once per run.
	boxed any
	// slots are, per condition, the exprs indexes of its left and right
	// values (-1: stored as they are).
	slots [][2]int
	// conds is the per-item copy of base's conditions (items are
	// evaluated one after another, so it is reused).
	conds []filterCondition
	// fv is the per-item filter value, reused likewise.
	fv filterValue
}

// newConditionsPlan returns the plan for the filter parameter at path, or
// nil when the parameter has a shape only the generic resolution handles
// (expressions outside condition values, nested expressions, a filter
// that does not parse).
func newConditionsPlan(ctx nodes.ExecuteContext, path string) *conditionsPlan {
	raw, ok := ctx.RawParam(path)
	if !ok {
		return nil
	}
	m, ok := raw.(map[string]any)
	if !ok {
		return nil
	}
	for k, v := range m {
		if k != "conditions" && hasExpression(v) {
			return nil
		}
	}
	list, ok := m["conditions"].([]any)
	if !ok {
		return nil
	}
	p := &conditionsPlan{slots: make([][2]int, len(list))}
	for j, e := range list {
		cm, ok := e.(map[string]any)
		if !ok {
			return nil
		}
		p.slots[j] = [2]int{-1, -1}
		for k, v := range cm {
			side := -1
			switch k {
			case "leftValue":
				side = 0
			case "rightValue":
				side = 1
			}
			if s, ok := v.(string); ok && side >= 0 && isExpressionString(s) {
				p.slots[j][side] = len(p.exprs)
				p.exprs = append(p.exprs, s)
				continue
			}
			if hasExpression(v) {
				return nil
			}
		}
	}
	base, err := parseFilterValue(raw)
	if err != nil || len(base.Conditions) != len(list) {
		return nil
	}
	p.base = base
	p.boxed = p.exprs
	p.conds = make([]filterCondition, len(base.Conditions))
	return p
}

// filter returns the filter value of item i, ok false when an expression
// failed: the caller then takes the generic path, whose error is the one
// to report.
func (p *conditionsPlan) filter(ctx nodes.ExecuteContext, i int) (*filterValue, bool) {
	var vals []any
	if len(p.exprs) > 0 {
		v, err := ctx.Evaluate(p.boxed, i, nil)
		if err != nil {
			return nil, false
		}
		vals, _ = v.([]any)
		if len(vals) != len(p.exprs) {
			return nil, false
		}
	}
	copy(p.conds, p.base.Conditions)
	for j, s := range p.slots {
		if s[0] >= 0 {
			p.conds[j].LeftValue = vals[s[0]]
		}
		if s[1] >= 0 {
			p.conds[j].RightValue = vals[s[1]]
		}
	}
	p.fv = *p.base
	p.fv.Conditions = p.conds
	return &p.fv, true
}
