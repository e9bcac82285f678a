// Package nodetest gives node handler tests one fake of
// nodes.ExecuteContext: Context holds the node, its input items and
// credentials, resolves parameters with the real expression evaluator
// (internal/expr) and sends HTTP through a function the test supplies.
//
// It is for tests only; no production code imports it.
package nodetest
