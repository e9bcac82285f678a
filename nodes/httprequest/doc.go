// Package httprequest is n8n's HTTP Request node (n8n-nodes-base.httpRequest,
// typeVersions 3 and 4 to 4.5): one request per input item built from the
// node's method, URL, query, headers and body parameters, sent through the
// engine (so the node's credential and transport apply), with n8n's response
// formats (autodetect, JSON, text, file), full responses, "never error",
// pagination, batching and NodeApiError-shaped failures.
//
// The node description is n8n's own (description.json, taken from
// n8n-nodes-base 2.41 for typeVersion 4.5; every version shares it and
// selects its properties with @version displayOptions), so parameter
// defaults re-applied by the engine are n8n's.
package httprequest
