package expr

import "github.com/dop251/goja"

// ContextReader is an optional interface a NodeLookup may implement so
// that $node["X"].context, $("X").context and $input.context read node
// X's context data: n8n's contextData["node:X"], what nodes such as Split
// in Batches keep between runs (old workflows end a loop with
// $node["Split In Batches"].context["noItemsLeft"]). Without it, or for a
// node that keeps nothing, the context is an empty object.
type ContextReader interface {
	// NodeContext returns the context data of node name (nil when it has
	// none). Expressions only read it.
	NodeContext(name string) map[string]any
}

// nodeContext is the context object of node name. Writes from an
// expression stay in the JS object and never reach the node's state.
func (s *scope) nodeContext(name string) goja.Value {
	var data map[string]any
	if cr, ok := s.data.Lookup.(ContextReader); ok && name != "" {
		data = cr.NodeContext(name)
	}
	if data == nil {
		data = map[string]any{}
	}
	return s.vm.wrap(data)
}

// inputContext is $input.context: the context of the node feeding input 0.
func (s *scope) inputContext() goja.Value {
	if s.data.Lookup == nil {
		return s.vm.rt.NewObject()
	}
	name, _, _ := s.data.Lookup.PrevNode()
	return s.nodeContext(name)
}
