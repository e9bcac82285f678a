// Package core holds noderun's built-in core nodes, programmatic ports of
// n8n's: Manual Trigger, No Operation, Sticky Note, Edit Fields (Set),
// If, Filter, Switch and Stop and Error.
//
// Register adds every type (with each typeVersion n8n ships and noderun
// implements) to a nodes.Registry. The behaviour follows n8n 2.41:
// Set's validateFieldType conversions and messages, the filter parameter
// evaluation shared by If, Filter and Switch (filter.go, a port of
// n8n-workflow's filter-parameter.ts), and the outputs each node produces.
package core
