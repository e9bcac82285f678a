package core

import "github.com/noderun/noderun/nodes"

// ifDescription is n8n's If v2 description (versions 2–2.3).
func ifDescription() *nodes.Description {
	return &nodes.Description{
		DisplayName:    "If",
		Name:           "n8n-nodes-base.if",
		Icon:           "node:if",
		Group:          []string{"transform"},
		Version:        nodes.Versions{2, 2.1, 2.2, 2.3},
		DefaultVersion: 2.3,
		Description:    "Route items to different branches (true/false)",
		Defaults:       map[string]any{"name": "If", "color": "#408000"},
		Inputs:         mainPorts(1),
		Outputs:        mainPorts(2),
		OutputNames:    []string{"true", "false"},
		Properties:     filterNodeProperties(),
	}
}

// executeIf routes each item to output 0 (true) or 1 (false). With
// continue-on-fail, an item whose conditions fail goes to false.
func executeIf(ctx nodes.ExecuteContext) (nodes.Outputs, error) {
	kept, discarded, err := splitByConditions(ctx)
	if err != nil {
		return nil, err
	}
	return nodes.Outputs{kept, discarded}, nil
}

// splitByConditions evaluates the node's "conditions" for every input item
// (If v2 and Filter v2).
func splitByConditions(ctx nodes.ExecuteContext) (pass, fail []nodes.Item, err error) {
	items := ctx.InputData(0)
	pass, fail = []nodes.Item{}, []nodes.Item{}
	plan := newConditionsPlan(ctx, "conditions")
	for i, item := range items {
		if err := ctx.Context().Err(); err != nil {
			return nil, nil, err
		}
		ok, err := itemPasses(ctx, i, plan)
		if err != nil {
			if ctx.ContinueOnFail() {
				fail = append(fail, item)
				continue
			}
			return nil, nil, err
		}
		if item.PairedItem.IsZero() {
			item.PairedItem = nodes.One(nodes.Paired(i, 0))
		}
		if ok {
			pass = append(pass, item)
		} else {
			fail = append(fail, item)
		}
	}
	return pass, fail, nil
}

func itemPasses(ctx nodes.ExecuteContext, i int, plan *conditionsPlan) (bool, error) {
	options, err := paramMap(ctx, "options", i)
	if err != nil {
		return false, itemError(ctx, err, i, "")
	}
	return evalConditionsPlan(ctx, plan, "conditions", i, 2.1, options)
}
