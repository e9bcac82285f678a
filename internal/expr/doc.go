// # Implementation
//
// An expression string is split once (split.go, n8n tournament's
// ExpressionSplitter) and each {{ }} chunk compiled once into a
// *goja.Program that yields `function(){ with(this){ return (code) } }`
// (compile.go); compiled expressions are cached by their text for the life
// of the Evaluator.
//
// Evaluations run on pooled runtimes (runtime.go): each runtime is built
// once with package ext's extension methods and Luxon globals, n8n's
// helper functions ($if, $ifEmpty, $min ...), the dangerous globals
// blanked to {} (eval, Function, require, process, Buffer, fetch,
// setTimeout, Promise, Reflect, Proxy, globalThis ...) and the constructor
// properties of function prototypes removed, so no code-from-string path
// remains even through computed member access. A timer interrupts an
// evaluation that runs past Options.Timeout ("Expression timed out").
//
// A chunk's function is called with `this` set to the data scope
// (scope.go), n8n's WorkflowDataProxy as a goja DynamicObject: $json,
// $input, $('Node'), $node, $parameter ... are built lazily on first use,
// and every identifier that is not a global resolves on it as undefined
// instead of throwing ReferenceError. Item JSON is exposed without eager
// conversion: objects are copy-on-write views over the Go maps
// (convert.go), so expressions never modify item data.
//
// Pure paths such as {{ $json.a.b[0] }} or {{ $json["x"] }} are read from
// the Go value without JavaScript (fastpath.go) whenever JavaScript would
// give the same answer.
//
// Compilation also applies n8n's sandbox rewrites (sanitize.go): static
// access to unsafe property names (constructor, prototype, __proto__,
// getPrototypeOf ...) and a bare $ are ExpressionErrors, every computed
// key x[k] goes through a run-time check, and $if(a, b, c) becomes the
// lazy conditional ((a) ? (b) : (c)). Global bindings and the built-in
// namespaces are frozen so one evaluation cannot change what the next one
// on the same pooled runtime sees.
//
// Known differences from n8n: Go maps keep no key order, so Object.keys,
// JSON.stringify and the like see an object's keys sorted (array-index
// keys first), not in insertion order; computed destructuring and `with`
// inside expressions are not rejected; memory use of one evaluation is
// not bounded (only its time).
package expr
