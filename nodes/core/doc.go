// Package core holds noderun's built-in core nodes, programmatic ports of
// n8n's (n8n-nodes-base 2.41):
//
//   - Manual Trigger (manualTrigger 1), No Operation (noOp 1), Sticky Note
//     (stickyNote 1), Stop and Error (stopAndError 1);
//   - Edit Fields (set 3–3.5: manual assignments or fields, raw JSON,
//     include modes, dot notation, binary; set 1–2 for old workflows);
//   - If (if 2–2.3, and 1), Filter (filter 2–2.3, and 1) and Switch
//     (switch 3–3.4, and 1–2).
//
// Register adds every type to a nodes.Registry. The n8n logic shared by
// several nodes lives in its own files: filter.go is n8n-workflow's
// filter-parameter.ts (the "filter" parameter of If, Filter and Switch),
// typevalidate.go its validateFieldType, datetime.go Luxon's and
// JavaScript's date parsing, jsvalue.go JavaScript's conversions and
// fieldpath.go lodash's get/set/unset paths.
//
// Behaviour is checked against n8n itself: testdata/conformance holds the
// shared conformance cases, testdata/recorded cases recorded with
// ../shared/n8n-peer, and testdata/golden tables made by n8n-workflow's own
// functions (the .gen.js next to each regenerates it).
package core
