package core

import "github.com/noderun/noderun/nodes"

// stickyNoteDescription is n8n's Sticky Note: canvas decoration with no
// inputs or outputs; it never runs in a workflow.
func stickyNoteDescription() *nodes.Description {
	return &nodes.Description{
		DisplayName: "Sticky Note",
		Name:        "n8n-nodes-base.stickyNote",
		Icon:        "fa:sticky-note",
		Group:       []string{"input"},
		Version:     nodes.Versions{1},
		Description: "Make your workflow easier to understand",
		Defaults:    map[string]any{"name": "Sticky Note", "color": "#FFD233"},
		Inputs:      []any{},
		Outputs:     []any{},
		Properties: []*nodes.Property{
			{DisplayName: "Content", Name: "content", Type: nodes.TypeString,
				Default: "## I'm a note \n**Double click** to edit me. [Guide](https://docs.n8n.io/workflows/components/sticky-notes/)"},
			{DisplayName: "Height", Name: "height", Type: nodes.TypeNumber, Required: true, Default: 160},
			{DisplayName: "Width", Name: "width", Type: nodes.TypeNumber, Required: true, Default: 240},
			{DisplayName: "Color", Name: "color", Type: nodes.TypeNumber, Required: true, Default: 1},
		},
	}
}
