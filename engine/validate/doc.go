// Package validate checks an n8n workflow against the node types of a
// registry before it runs, and reports every problem it finds (not only
// the first) as a Diagnostic with a JSON path into the workflow file, such
// as nodes[3].parameters.operation.
//
// The checks follow what n8n's editor flags and what the engine would fail
// on: unknown node types and typeVersions, duplicate node names, broken
// connections, required parameters left empty (n8n's
// getNodeParametersIssues, considering displayOptions), option values
// that are not among a property's options (a warning: n8n runs the node
// with them), parameters the node does not have (a warning: n8n drops
// them), expressions that do not compile,
// missing or foreign credentials, a workflow without a start node, and
// nodes no start node reaches (a warning).
//
//	wf, diags := validate.File(reg, data, "workflow.json", engine.Selector{})
//	if validate.HasErrors(diags) { ... }
package validate
