package nodes

// ParentNodesContext is an optional extension of ExecuteContext: the
// nodes upstream of the running node, nearest first (n8n's
// getParentNodes). Nodes whose checks depend on the workflow's shape use
// it when the context implements it (Respond to Webhook looks for the
// Webhook node it answers) and skip the check otherwise.
type ParentNodesContext interface {
	ParentNodes() []*Node
}
