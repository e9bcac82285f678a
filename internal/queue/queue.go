package queue

import (
	"context"
	"encoding/json"
	"log/slog"
	"time"

	"github.com/noderun/noderun/nodes"
)

// Job asks a worker to run (or resume) one execution.
type Job struct {
	ExecutionID string `json:"executionId"`
	// Generation tells the starts of the execution apart: 0 for the first
	// run; a resume uses the stop time (Unix ms) of the waiting run it
	// continues, so the timer, the webhook and a re-queue after a restart
	// all name the same job. ExecutionID+Generation identify the job.
	Generation int    `json:"generation"`
	WorkflowID string `json:"workflowId"`
	Mode       string `json:"mode"`
	// Workflow is the workflow JSON to run.
	Workflow  json.RawMessage `json:"workflow"`
	StartNode string          `json:"startNode,omitempty"`
	Input     []nodes.Item    `json:"input,omitempty"`
	// InputIndex is the start node's input that Input goes to (a Webhook
	// node accepting several methods emits on its method's output).
	InputIndex int `json:"inputIndex,omitempty"`
	// Resume, when set, continues a waiting execution instead of starting.
	Resume *Resume `json:"resume,omitempty"`
	// Respond asks the worker to publish the webhook response (Respond to
	// Webhook) as soon as a node sends one.
	Respond bool `json:"respond,omitempty"`
	// ResumeURL is $execution.resumeUrl.
	ResumeURL string `json:"resumeUrl,omitempty"`
}

// Resume is a waiting execution to continue.
type Resume struct {
	// Result is the engine.Result JSON of the waiting run (with its
	// checkpoint).
	Result json.RawMessage `json:"result"`
	// Input replaces the waiting node's output (the webhook call); nil
	// passes its input through.
	Input []nodes.Item `json:"input,omitempty"`
}

// Outcome is a worker's report on a job: Status "running" when it starts,
// then a final status or "waiting".
type Outcome struct {
	ExecutionID string          `json:"executionId"`
	Generation  int             `json:"generation"`
	Status      string          `json:"status"`
	StartedAt   time.Time       `json:"startedAt,omitzero"`
	StoppedAt   time.Time       `json:"stoppedAt,omitzero"`
	WaitTill    *time.Time      `json:"waitTill,omitempty"`
	Result      json.RawMessage `json:"result,omitempty"`
	Error       string          `json:"error,omitempty"`
	// Worker names the worker that ran the job.
	Worker string `json:"worker,omitempty"`
}

// Runner runs a job on a worker. respond publishes a webhook response
// (nil when the job does not want one). The returned Outcome is final or
// waiting; an error means the job could not run at all (bad workflow) and
// becomes an error outcome with that message.
type Runner interface {
	Run(ctx context.Context, job *Job, respond func(*nodes.WebhookResponse)) (*Outcome, error)
}

// RunnerFunc adapts a function to Runner.
type RunnerFunc func(ctx context.Context, job *Job, respond func(*nodes.WebhookResponse)) (*Outcome, error)

// Run calls f.
func (f RunnerFunc) Run(ctx context.Context, job *Job, respond func(*nodes.WebhookResponse)) (*Outcome, error) {
	return f(ctx, job, respond)
}

// Options configure Connect.
type Options struct {
	// Name labels the connection (worker name in outcomes).
	Name string
	// AckWait is how long a job may run without a heartbeat before it is
	// redelivered (default 5 minutes).
	AckWait time.Duration
	// MaxDeliver bounds the deliveries of one job (default 3).
	MaxDeliver int
	// BinaryThreshold is the size of binary data above which it travels
	// through the object store (default 256 KiB).
	BinaryThreshold int
	// Group names the durable consumers of the main instances (outcomes
	// and exhausted jobs); main instances sharing a Group share the work
	// (default "noderun-main").
	Group string
	// BinaryTTL is how long objects of big binaries are kept (default 7
	// days).
	BinaryTTL time.Duration
	// Logger receives warnings (nil: slog.Default()).
	Logger *slog.Logger
}
