// Package jsvalue gives Go JSON values (nil, bool, float64, string,
// []any, map[string]any, plus Go integer types and json.Number) the
// JavaScript semantics n8n's nodes rely on: Number#toString, String(x),
// Number(x), Boolean(x) and loose number comparison.
//
// It depends on the standard library only, so every package (including
// the nodes contract package) can use it.
package jsvalue
