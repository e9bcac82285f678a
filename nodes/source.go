package nodes

import (
	"encoding/json"
	"math"
)

// PairedSource names the node run an item came from (n8n's ISourceData):
// the node, which of its outputs and which of its runs. It is a run's
// input source and, as PairedItem.SourceOverwrite, the source a paired
// item refers to instead of its node run's input.
type PairedSource struct {
	PreviousNode       string `json:"previousNode"`
	PreviousNodeOutput int    `json:"previousNodeOutput"`
	PreviousNodeRun    int    `json:"previousNodeRun"`
}

// InputSourceContext is an optional interface of ExecuteContext: the
// source of the items on a main input (n8n's getInputSourceData). Loop
// Over Items keeps its first run's source and stamps it on the items it
// returns later as pairedItem.sourceOverwrite, so lineage still leads
// back past the loop.
type InputSourceContext interface {
	// InputSource returns the source of main input input, or nil when
	// the input has none (a start node, or an input that got no data).
	InputSource(input int) *PairedSource
}

// InputSource returns ctx's source of main input input when ctx
// implements InputSourceContext, nil otherwise.
func InputSource(ctx ExecuteContext, input int) *PairedSource {
	if sc, ok := ctx.(InputSourceContext); ok {
		return sc.InputSource(input)
	}
	return nil
}

// Map returns the source as the JSON object n8n keeps in node context
// (nodeContext.sourceData), readable from expressions.
func (s PairedSource) Map() map[string]any {
	m := map[string]any{
		"previousNode":       s.PreviousNode,
		"previousNodeOutput": s.PreviousNodeOutput,
		"previousNodeRun":    s.PreviousNodeRun,
	}
	SetKeyOrder(m, pairedSourceKeys)
	return m
}

// pairedSourceKeys is the key order n8n writes ISourceData in.
var pairedSourceKeys = []string{"previousNode", "previousNodeOutput", "previousNodeRun"}

// PairedSourceOf reads a source kept as a value: a PairedSource, a
// pointer to one, or its JSON object form (as Map writes it, or as it
// comes back from a stored checkpoint with float64 or json.Number
// numbers). It reports false for nil and anything else.
func PairedSourceOf(v any) (*PairedSource, bool) {
	switch t := v.(type) {
	case *PairedSource:
		if t == nil {
			return nil, false
		}
		c := *t
		return &c, true
	case PairedSource:
		return &t, true
	case map[string]any:
		name, ok := t["previousNode"].(string)
		if !ok {
			return nil, false
		}
		return &PairedSource{
			PreviousNode:       name,
			PreviousNodeOutput: sourceIndex(t["previousNodeOutput"]),
			PreviousNodeRun:    sourceIndex(t["previousNodeRun"]),
		}, true
	}
	return nil, false
}

// sourceIndex reads an output or run index; anything missing or not a
// number is 0, as n8n's `previousNodeRun || 0`.
func sourceIndex(v any) int {
	switch n := v.(type) {
	case int:
		return n
	case int64:
		return int(n)
	case float64:
		if math.IsNaN(n) || math.IsInf(n, 0) {
			return 0
		}
		return int(n)
	case json.Number:
		if i, err := n.Int64(); err == nil {
			return int(i)
		}
		if f, err := n.Float64(); err == nil {
			return int(f)
		}
	}
	return 0
}
