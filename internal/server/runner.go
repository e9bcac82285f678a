package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/noderun/noderun/engine"
	"github.com/noderun/noderun/engine/executions"
	"github.com/noderun/noderun/internal/queue"
	"github.com/noderun/noderun/nodes"
)

// NewRunner returns the queue.Runner a worker uses: it runs or resumes a
// job's workflow on eng and reports the outcome with secrets redacted.
func NewRunner(eng *engine.Engine, logger *slog.Logger) queue.Runner {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	return &runner{eng: eng, logger: logger}
}

// runner runs jobs on an engine.
type runner struct {
	eng    *engine.Engine
	logger *slog.Logger
}

// Run implements queue.Runner.
func (r *runner) Run(ctx context.Context, job *queue.Job, respond func(*nodes.WebhookResponse)) (*queue.Outcome, error) {
	wf, err := engine.Parse(job.Workflow, "execution "+job.ExecutionID, engine.Selector{})
	if err != nil {
		return nil, fmt.Errorf("execution %s: %w", job.ExecutionID, err)
	}
	secrets := secrets(ctx, r.eng, wf)
	opts := engine.RunOptions{
		Mode:          job.Mode,
		StartNode:     job.StartNode,
		Input:         job.Input,
		Inputs:        startInputs(job),
		ExecutionID:   job.ExecutionID,
		AllowWaiting:  true,
		ResumeURL:     job.ResumeURL,
		IgnorePinData: job.Mode != "manual",
	}
	if job.Respond && respond != nil {
		opts.OnResponse = respond
	}
	started := time.Now()
	log := r.logger.With("execution", job.ExecutionID, "workflow", job.WorkflowID, "generation", job.Generation)
	log.Debug("execution starts", "resume", job.Resume != nil)
	var res *engine.Result
	if job.Resume != nil {
		var prev engine.Result
		if err := json.Unmarshal(job.Resume.Result, &prev); err != nil {
			return nil, fmt.Errorf("execution %s: resume: stored result: %w", job.ExecutionID, err)
		}
		res, err = r.eng.Resume(ctx, wf, &prev, job.Resume.Input, opts)
	} else {
		res, err = r.eng.Run(ctx, wf, opts)
	}
	if err != nil {
		return nil, fmt.Errorf("execution %s: %s", job.ExecutionID, redactText(err.Error(), secrets))
	}
	if res == nil {
		return nil, errors.New("execution " + job.ExecutionID + ": the engine returned no result")
	}
	data, err := json.Marshal(res)
	if err != nil {
		return nil, fmt.Errorf("execution %s: result: %w", job.ExecutionID, err)
	}
	out := &queue.Outcome{
		ExecutionID: job.ExecutionID,
		Generation:  job.Generation,
		Status:      outcomeStatus(res.Status),
		StartedAt:   res.StartedAt,
		StoppedAt:   res.StoppedAt,
		WaitTill:    res.WaitTill,
		Result:      redactJSON(data, secrets),
	}
	if out.StartedAt.IsZero() {
		out.StartedAt = started
	}
	if out.StoppedAt.IsZero() {
		out.StoppedAt = time.Now()
	}
	if out.Status != executions.StatusWaiting {
		out.WaitTill = nil
	}
	log.Debug("execution ends", "status", out.Status)
	return out, nil
}

// outcomeStatus maps the engine's result status to a stored status.
func outcomeStatus(s string) string {
	switch s {
	case engine.StatusSuccess, "":
		return executions.StatusSuccess
	case engine.StatusWaiting:
		return executions.StatusWaiting
	case engine.StatusCanceled:
		return executions.StatusCanceled
	default:
		return executions.StatusError
	}
}

// startInputs places the job's input on its start-node input; nil when
// that is input 0 (RunOptions.Input is used).
func startInputs(job *queue.Job) [][]nodes.Item {
	if job.InputIndex <= 0 {
		return nil
	}
	inputs := make([][]nodes.Item, job.InputIndex+1)
	for i := range inputs {
		inputs[i] = []nodes.Item{}
	}
	inputs[job.InputIndex] = job.Input
	return inputs
}
