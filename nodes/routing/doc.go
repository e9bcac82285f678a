// Package routing is the generic handler that runs any declarative node
// description: it turns a node's parameters and each input item into HTTP
// requests exactly as n8n's RoutingNode does (requestDefaults, routing.request,
// routing.send, routing.output and routing.operations, the auto-added
// "Request Options" collection), sends them through the engine's
// authenticated HTTP helper, and post-processes the responses into items
// (postReceive actions, maxResults, generic and offset pagination).
//
// A node run first works out a plan: which properties are displayed for the
// node's parameters and which of them contribute routing. Per item only the
// plan's steps are evaluated, so a description with hundreds of properties
// costs per item only what the chosen operation uses.
//
// Descriptions load from n8n's JSON with LoadDescription, which validates
// them and adds the request options collection.
package routing
