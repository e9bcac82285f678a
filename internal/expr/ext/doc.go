// Package ext installs n8n's expression extensions into a goja runtime:
// the extension methods on strings, numbers, arrays, objects, booleans and
// dates (n8n's packages/workflow/src/extensions), a Go-backed Luxon subset
// (DateTime, Duration, Interval) and the $jmespath helper.
//
// Extension methods are installed as non-enumerable methods on
// Object.prototype that dispatch exactly as n8n's extend() does (type
// specific extension first, then a native method of that name, then the
// generic isEmpty/isNotEmpty), so `"abc".toTitleCase()`, `[1,2].sum()` and
// `$json.obj.keys()` work without rewriting the expression. The same
// dispatcher is also exposed as the globals extend(value, name, args) and
// extendOptional(value, name), n8n's names, for an evaluator that rewrites
// calls the way n8n does (which also makes `null.isEmpty()` answer true).
//
// DateTime values are Luxon-compatible objects backed by Go's time package:
// calendar arithmetic happens in the DateTime's zone and time units in
// absolute time, with Luxon's DST offset fixing, so results match Luxon.
// The default zone (Luxon's Settings.defaultZone, n8n's workflow timezone)
// is set per runtime by Install and SetZone.
//
// Known differences from n8n, all due to installing methods instead of
// rewriting calls: `"abc".length()` is not callable (a string's own length
// property wins), a call on null or undefined is a TypeError rather than
// n8n's generic isEmpty/isNotEmpty answer or its "can't be used on null
// value" error, and a data object with an own field named like an Object
// extension (keys, values, compact ...) shadows the extension. An
// evaluator that rewrites `x.name(args)` to `extend(x, "name", [args])`
// for the extension names, as n8n does, gets n8n's behaviour exactly.
// toCamelCase, isBlank/isNotBlank and Object#merge are accepted although
// n8n 2.41 lacks them. Intl-dependent output (toLocaleString, month and
// weekday names, number format) is en-US only.
//
// Errors that n8n raises as ExpressionExtensionError are thrown as goja
// GoErrors wrapping *ExtensionError, so an evaluator can tell them
// (errors.As on the *goja.Exception) from ordinary runtime errors, which
// n8n swallows.
package ext
