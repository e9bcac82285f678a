// Package code implements n8n's Code node (n8n-nodes-base.code, versions 1
// and 2) and the legacy Function and Function Item nodes: user JavaScript
// run on goja with the expression engine's data ($input, $json, items,
// $('Node'), $now, Luxon, the extension methods), its result normalized
// and validated as n8n's task runner and Code node do.
//
// Every node run gets a fresh sandboxed runtime (internal/expr.CodeRunner):
// no require, process, filesystem, network, eval or Function constructor;
// a CPU deadline; a heap-growth watchdog; and caps on the native string
// and array methods goja cannot interrupt. Python code fails with a clear
// node error.
package code
