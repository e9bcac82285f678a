package core

import "github.com/noderun/noderun/nodes"

// noOpDescription is n8n's No Operation node.
func noOpDescription() *nodes.Description {
	return &nodes.Description{
		DisplayName: "No Operation, do nothing",
		Name:        "n8n-nodes-base.noOp",
		Icon:        "node:no-operation",
		Group:       []string{"organization"},
		Version:     nodes.Versions{1},
		Description: "No Operation",
		Defaults:    map[string]any{"name": "No Operation, do nothing"},
		Inputs:      mainPorts(1),
		Outputs:     mainPorts(1),
		Properties:  []*nodes.Property{},
	}
}

// passThrough returns the input items unchanged on output 0.
func passThrough(ctx nodes.ExecuteContext) (nodes.Outputs, error) {
	in := ctx.InputData(0)
	if in == nil {
		in = []nodes.Item{}
	}
	return nodes.Outputs{in}, nil
}
