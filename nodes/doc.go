// Package nodes is the plugin surface of noderun: the item model that flows
// between nodes, the n8n-shaped node descriptor (INodeTypeDescription with
// declarative routing), the Registry that maps n8n type names to node types,
// the ExecuteContext a node handler receives, and the node error types
// (NodeApiError / NodeOperationError).
//
// A node type is data plus, optionally, Go code: a Type carries its
// Description and a Handler. Types without a Handler are declarative and run
// through the generic routing handler (see package nodes/routing).
//
// ExecuteContext is what every handler gets. A few engine facilities are
// optional extensions a handler asserts for: ParentNodesContext (the
// nodes upstream, n8n's getParentNodes) and InputSourceContext (where an
// input came from, n8n's getInputSourceData). Nodes that start or answer
// executions from outside use ExecuteContext.PutExecutionToWait (Wait)
// and SendResponse (Respond to Webhook); see package nodes/trigger.
package nodes
