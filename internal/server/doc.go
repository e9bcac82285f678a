// Package server is noderun's long-running mode (noderun serve): an HTTP
// API, webhooks, schedules and waiting executions, on an execution store
// and a job queue that workers consume.
//
// The main instance owns the execution store. Every execution (an API
// call, a webhook call, a schedule firing) is stored first with status
// new, then published as a queue.Job (a waiting execution resumes through
// a job of a later generation, on its timer or its webhook); a worker
// (in-process, or a separate noderun worker) runs it with NewRunner and
// reports Outcomes, which the main instance applies to the store. Webhook
// replies (Respond to Webhook) travel on a per-execution NATS subject; the
// main instance holds the HTTP request until the reply or the final
// outcome arrives.
package server
