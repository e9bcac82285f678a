// Package flow holds the nodes that connect workflows: Execute Workflow,
// Execute Workflow Trigger (the sub-workflow's start) and Error Trigger
// (the start of an error workflow, fed by settings.errorWorkflow).
package flow
