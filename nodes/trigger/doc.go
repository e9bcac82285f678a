// Package trigger holds the nodes that start or answer executions from
// outside: Webhook, Respond to Webhook, Schedule Trigger and the legacy
// Cron node, with what a server needs to run them (endpoints, request
// items, responses and schedules).
package trigger
