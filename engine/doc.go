// Package engine runs n8n workflows: it parses n8n's workflow JSON (an
// editor copy or an `n8n export:workflow` array), rebuilds node parameters
// from the node descriptions, and executes the graph with n8n's semantics —
// v1 (depth-first, position-sorted) and v0 (breadth-first) execution order,
// pinData, disabled nodes, executeOnce, alwaysOutputData, multi-input nodes,
// pairedItem lineage, onError / retryOnFail — recording runData in n8n's
// shape.
//
// A run started with RunOptions.AllowWaiting may pause, as n8n's waiting
// executions do: a node (Wait) calls PutExecutionToWait, its run is
// recorded with executionStatus "waiting" and the run ends with Status
// "waiting", WaitTill and a Checkpoint (node execution stack, partial
// multi-input data, node state). The Result survives a JSON round trip;
// Engine.Resume continues it later, possibly on another machine, with the
// webhook call's items or without input (the wait is over).
//
//	reg := nodes.NewRegistry()
//	core.Register(reg)
//	eng := engine.New(reg)
//	res, err := eng.Run(ctx, wf, engine.RunOptions{})
package engine
