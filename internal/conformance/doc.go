// Package conformance holds the driver test that runs every case recorded
// from the real n8n (../shared/conformance/<case>/) through noderun and
// compares the result, the node outputs and the HTTP requests on the wire.
//
// The cases live outside this repository; set NODERUN_CONFORMANCE_DIR to
// point elsewhere. A case whose nodes are not implemented is skipped with
// the missing node types named.
package conformance
