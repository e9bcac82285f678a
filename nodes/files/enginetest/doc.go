// Package enginetest runs the file and text nodes inside whole workflows
// through the bundled engine: parameter defaults from the descriptions,
// expressions and lineage as a real run sees them.
package enginetest
