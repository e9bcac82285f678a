// Package queue is noderun's queue mode on NATS JetStream, as n8n's queue
// mode on Redis/Bull.
//
// The main instance owns the execution store. It stores an execution
// (status new) and publishes a Job to the jobs stream (a work queue,
// subject noderun.jobs, deduplicated on ExecutionID.Generation). Workers
// pull jobs from one shared durable consumer, publish an Outcome "running",
// run the job, publish the final (or "waiting") Outcome to the results
// stream and then acknowledge the job. The main instance consumes the
// results stream and applies each Outcome to its store, which ignores
// updates to executions that are already final, so an execution ends
// exactly once in the store even when a job runs twice.
//
// A worker heartbeats a running job (InProgress) every AckWait/3; a job
// whose worker died is redelivered after AckWait. Finished jobs are
// recorded in a KV bucket so a redelivered job that already finished is
// acknowledged without running again. When a job has been delivered
// MaxDeliver times without finishing, JetStream's MAX_DELIVERIES advisory
// (captured in a stream, so none is lost while the main instance is down)
// reaches OnExhausted, which reports the execution and removes the job.
//
// Respond to Webhook replies travel on the core subject
// noderun.responses.<executionID> (see Responses). Binary data larger than
// Options.BinaryThreshold travels through a JetStream object store instead
// of inside the messages, and any message still larger than the server's
// maximum payload travels there whole.
//
// Several main instances on one NATS elect a leader with Lead (a key with
// a TTL in a KV bucket, renewed by its holder): only the leader fires
// schedules, resumes timed waits and prunes the history.
//
// StartEmbedded runs a nats-server with JetStream in the process, so one
// noderun process (and every test) needs no external broker.
package queue
