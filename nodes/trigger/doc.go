// Package trigger holds the nodes that start or answer executions from
// outside: Webhook, Respond to Webhook, Schedule Trigger and the legacy
// Cron node, with what a server needs to run them (endpoints, request
// items, responses and schedules).
//
// The node descriptions are n8n's own (descriptions/*.json, written by
// descriptions/gen.js from n8n-nodes-base). Inside a run the trigger
// nodes pass through the items the server seeded them with; the server
// side is:
//
//   - WebhookOf reads a Webhook node's (or a Wait node's "On Webhook
//     Call") endpoint; Match and RoutePath route request paths to it.
//   - Authenticate applies its IP allowlist, bot filter and basic, header
//     or JWT authentication with n8n's codes and messages.
//   - Output turns a request into the node's item ({headers, params,
//     query, body, webhookUrl, executionMode}, files and raw bodies as
//     binary data).
//   - ReceivedResponse and LastNodeResponse are the replies of the
//     onReceived and lastNode response modes; Respond to Webhook sends
//     its reply through ExecuteContext.SendResponse.
//   - ScheduleOf turns Schedule Trigger rules and Cron trigger times into
//     a Schedule (cron expressions as n8n builds them, evaluated in the
//     workflow's time zone across DST changes); ScheduleItem is the item
//     a firing emits.
package trigger
