package transform

import (
	"testing"

	"github.com/google/go-cmp/cmp"

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

// TestInputSourceWithoutSupport checks that a context without
// nodes.InputSourceContext gives no source.
func TestInputSourceWithoutSupport(t *testing.T) {
	t.Parallel()
	f := newFake("splitInBatches", 3, nil)
	if got := nodes.InputSource(f, 0); got != nil {
		t.Errorf("InputSource = %+v, want nil", got)
	}
	s := sourcedCtx{fakeCtx: f, Sources: []*nodetest.Source{nil, {PreviousNode: "B", PreviousNodeRun: 1}}}
	for _, tc := range []struct {
		input int
		want  *nodes.PairedSource
	}{
		{-1, nil}, {0, nil}, {1, &nodes.PairedSource{PreviousNode: "B", PreviousNodeRun: 1}}, {2, nil},
	} {
		if diff := cmp.Diff(tc.want, nodes.InputSource(s, tc.input)); diff != "" {
			t.Errorf("input %d (-want +got):\n%s", tc.input, diff)
		}
	}
}
