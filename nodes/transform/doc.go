// Package transform implements n8n's item-transform core nodes as Go
// handlers with n8n-shaped descriptions: Merge, Split Out, Aggregate, Limit,
// Sort, Remove Duplicates, Summarize, Rename Keys, Item Lists (legacy),
// Loop Over Items (splitInBatches), Wait and Date & Time.
//
// Register adds all of them to a nodes.Registry. Each node lives in its own
// file; field access by dotted path follows lodash get/set semantics
// (fieldpath.go) and JavaScript value semantics live in jsvalue.go.
package transform
