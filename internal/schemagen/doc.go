// Package schemagen generates JSON Schemas (draft 2020-12) from node
// descriptors: one for the workflow file and one per node type, whose
// parameters schema follows the node's displayOptions (if/then on the
// values of resource, operation and other options), lists option values as
// enums and marks required fields. The workflow schema dispatches each
// node to its type's schema by "type".
//
// The schemas are for editors and linters. They are deliberately lenient
// where n8n is (unknown parameters are allowed, expression strings "=..."
// are accepted for every value, conditions that cannot be expressed
// statically are left out); `noderun validate` does the full check.
//
//	files, err := schemagen.Generate(reg) // "workflow.schema.json", "nodes/<type>.schema.json"
package schemagen
