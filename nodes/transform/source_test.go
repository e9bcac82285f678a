package transform

import (
	"github.com/noderun/noderun/internal/nodetest"
	"github.com/noderun/noderun/nodes"
)

// sourcedCtx is the fake context with the recorded run's input sources
// (nodes.InputSourceContext), as the engine gives them.
type sourcedCtx struct {
	*fakeCtx
	Sources []*nodetest.Source
}

var _ nodes.InputSourceContext = sourcedCtx{}

// InputSource implements nodes.InputSourceContext.
func (c sourcedCtx) InputSource(input int) *nodes.PairedSource {
	if input < 0 || input >= len(c.Sources) || c.Sources[input] == nil {
		return nil
	}
	s := c.Sources[input]
	return &nodes.PairedSource{PreviousNode: s.PreviousNode, PreviousNodeOutput: s.PreviousNodeOutput, PreviousNodeRun: s.PreviousNodeRun}
}
