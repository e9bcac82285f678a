// Package enginetest holds the end-to-end tests of the transform nodes: the
// recorded n8n cases run through the real engine with the core nodes. It
// is a separate package so that the node package's own tests do not build
// the engine and the core nodes.
package enginetest
