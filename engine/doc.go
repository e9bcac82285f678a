// Package engine runs n8n workflows: it parses n8n's workflow JSON (an
// editor copy or an `n8n export:workflow` array), rebuilds node parameters
// from the node descriptions, and executes the graph with n8n's semantics —
// v1 (depth-first, position-sorted) and v0 (breadth-first) execution order,
// pinData, disabled nodes, executeOnce, alwaysOutputData, multi-input nodes,
// pairedItem lineage, onError / retryOnFail — recording runData in n8n's
// shape.
//
//	reg := nodes.NewRegistry()
//	core.Register(reg)
//	eng := engine.New(reg)
//	res, err := eng.Run(ctx, wf, engine.RunOptions{})
package engine
