// Package xmljs converts between XML and JSON values the way the xml2js
// library (0.6, on sax 1.x) does, which is what n8n uses for the XML node
// and for XML webhook request bodies.
//
// Parse reads a document into nested map[string]any (key order recorded
// with nodes.SetKeyOrder), []any and string values as xml2js's Parser
// does with the same options: text under CharKey, attributes under
// AttrKey or merged into the element, arrays only for repeated children
// unless ExplicitArray, whitespace-only text dropped, Trim and Normalize
// applied with JavaScript's notion of whitespace. The tokenizer follows
// sax's strict mode: HTML entity names are accepted, carriage returns are
// kept, the first of duplicated attributes wins, parsing stops when the
// root element closes, and errors carry sax's message with its
// "Line/Column/Char" suffix.
//
// Build renders a JSON value as xml2js's Builder does with its default
// pretty printing.
package xmljs
