// Package executions keeps the history of workflow executions: what ran,
// when, how it ended and its run data. Store is the interface; SQLite is
// the embedded default (a Postgres store can implement the same
// interface) and Memory serves tests and embedders without a file.
//
// An execution is created with status new when it is queued, goes
// running when a worker starts it, may pause as waiting (a Wait node)
// and come back to running, and ends in a final status: success, error,
// canceled or crashed. Update never changes a final execution, so an
// outcome delivered twice (a redelivered queue job) is stored once, and
// of racing final outcomes exactly one applies, across goroutines and
// processes sharing a SQLite file.
//
// NewID makes execution ids that sort by creation time; List returns
// summaries newest first and pages with Filter.BeforeID; InFlight and
// Waiting find what a restarted main instance must queue again or
// resume; Prune bounds the history by age and count.
package executions
