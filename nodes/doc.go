// Package nodes is the plugin surface of noderun: the item model that flows
// between nodes, the n8n-shaped node descriptor (INodeTypeDescription with
// declarative routing), the Registry that maps n8n type names to node types,
// the ExecuteContext a node handler receives, and the node error types
// (NodeApiError / NodeOperationError).
//
// A node type is data plus, optionally, Go code: a Type carries its
// Description and a Handler. Types without a Handler are declarative and run
// through the generic routing handler (see package nodes/routing).
package nodes
