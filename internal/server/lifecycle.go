package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/noderun/noderun/engine/executions"
	"github.com/noderun/noderun/internal/queue"
	"github.com/noderun/noderun/nodes"
)

// startRequest says how a new execution starts.
type startRequest struct {
	// mode is n8n's execution mode (manual, trigger, webhook).
	mode      string
	startNode string
	input     []nodes.Item
	// inputIndex is the start node's input that input goes to.
	inputIndex int
	// respond asks the worker for the Respond to Webhook reply.
	respond bool
}

// start stores a new execution of w with id and publishes its job.
func (s *Server) start(ctx context.Context, id string, w *workflow, req startRequest) error {
	mode, startNode, input := req.mode, req.startNode, req.input
	// A call that started an execution is not undone by its caller going
	// away: storing and queueing finish on their own deadline.
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), startTimeout)
	defer cancel()
	inputJSON, err := encodeInput(input, req.inputIndex)
	if err != nil {
		return fmt.Errorf("workflow %q: input: %w", w.ID, err)
	}
	e := &executions.Execution{
		ID:           id,
		WorkflowID:   w.ID,
		WorkflowName: w.WF.Name,
		Mode:         mode,
		Status:       executions.StatusNew,
		CreatedAt:    time.Now(),
		Workflow:     w.JSON,
		StartNode:    startNode,
		Input:        inputJSON,
	}
	if err := s.cfg.Store.Create(ctx, e); err != nil {
		return fmt.Errorf("workflow %q: store execution: %w", w.ID, err)
	}
	job := &queue.Job{
		ExecutionID: id,
		WorkflowID:  w.ID,
		Mode:        mode,
		Workflow:    w.JSON,
		StartNode:   startNode,
		Input:       input,
		InputIndex:  req.inputIndex,
		Respond:     req.respond,
		ResumeURL:   s.resumeURL(id),
	}
	if err := s.cfg.Queue.Enqueue(ctx, job); err != nil {
		err = fmt.Errorf("workflow %q: execution %s: queue: %w", w.ID, id, err)
		// As n8n's WorkflowRunner (processError on a failed enqueue): the
		// execution fails, so a caller told it did not start does not see
		// it run later. (A main instance that dies between storing and
		// publishing leaves it new, and its next start queues it.)
		now := time.Now()
		if _, uerr := s.cfg.Store.Update(ctx, id, executions.Transition{Status: executions.StatusError, StartedAt: now, StoppedAt: now, Error: "execution could not be queued: " + err.Error()}); uerr != nil {
			s.logger.Error("marking an unqueued execution failed", "execution", id, "error", uerr)
		}
		return err
	}
	s.logger.Debug("execution queued", "execution", id, "workflow", w.ID, "mode", mode)
	return nil
}

// startTimeout bounds storing and queueing one execution.
const startTimeout = 30 * time.Second

// failUnstartable marks a new execution that can never be queued (its
// stored input is unreadable) as failed, so it is not retried at every
// start.
func (s *Server) failUnstartable(ctx context.Context, e *executions.Execution, cause error) {
	msg := "execution could not be queued again: " + cause.Error()
	if _, err := s.cfg.Store.Update(ctx, e.ID, executions.Transition{Status: executions.StatusError, StoppedAt: time.Now(), Error: msg}); err != nil {
		s.logger.Error("marking an unstartable execution failed", "execution", e.ID, "error", err)
		return
	}
	s.logger.Error("execution failed: "+msg, "execution", e.ID)
}

// resumeGeneration is the generation of the job that resumes a waiting
// execution: the stop time (Unix ms) of the waiting run. It grows with
// every pause and is the same for every attempt to resume one pause (its
// timer, its webhook, a requeue after a restart), so the queue, which
// drops a job id it has seen, resumes each pause once.
func resumeGeneration(result json.RawMessage) int {
	var r struct {
		StoppedAt time.Time `json:"stoppedAt"`
	}
	_ = json.Unmarshal(result, &r)
	if ms := r.StoppedAt.UnixMilli(); ms > 0 {
		return int(ms)
	}
	return 1
}

// resume publishes the job that continues the waiting execution e; input,
// when not nil, is the webhook call's items. It returns the job's
// generation; ok is false when the pause is already being resumed.
func (s *Server) resume(ctx context.Context, e *executions.Execution, input []nodes.Item, respond bool) (int, bool, error) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), startTimeout)
	defer cancel()
	gen := resumeGeneration(e.Result)
	s.mu.Lock()
	if s.resuming[e.ID] == gen {
		s.mu.Unlock()
		return gen, false, nil
	}
	s.resuming[e.ID] = gen
	s.mu.Unlock()
	// e may have been read before another resume of this pause ran (the
	// timer, another call): only the pause the store holds now resumes.
	if current, err := s.cfg.Store.Get(ctx, e.ID); err != nil || current.Status != executions.StatusWaiting || resumeGeneration(current.Result) != gen {
		s.mu.Lock()
		if s.resuming[e.ID] == gen {
			delete(s.resuming, e.ID)
		}
		s.mu.Unlock()
		if err != nil && !errors.Is(err, executions.ErrNotFound) {
			return gen, false, fmt.Errorf("execution %s: %w", e.ID, err)
		}
		return gen, false, nil
	}
	job := &queue.Job{
		ExecutionID: e.ID,
		Generation:  gen,
		WorkflowID:  e.WorkflowID,
		Mode:        e.Mode,
		Workflow:    e.Workflow,
		StartNode:   e.StartNode,
		Resume:      &queue.Resume{Result: e.Result, Input: input},
		Respond:     respond,
		ResumeURL:   s.resumeURL(e.ID),
	}
	if err := s.cfg.Queue.Enqueue(ctx, job); err != nil {
		s.mu.Lock()
		delete(s.resuming, e.ID)
		s.mu.Unlock()
		return gen, false, fmt.Errorf("execution %s: queue resume: %w", e.ID, err)
	}
	s.logger.Debug("execution resume queued", "execution", e.ID, "generation", gen, "webhook", input != nil)
	return gen, true, nil
}

// isResuming reports whether a resume of e's current pause is queued.
func (s *Server) isResuming(e *executions.Execution) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	gen, ok := s.resuming[e.ID]
	return ok && gen == resumeGeneration(e.Result)
}

// applyOutcome stores a worker's outcome (the ConsumeOutcomes handler).
func (s *Server) applyOutcome(ctx context.Context, o *queue.Outcome) error {
	t := executions.Transition{Status: o.Status}
	if o.Status == executions.StatusRunning {
		ok, err := s.runningApplies(ctx, o)
		if err != nil || !ok {
			return err
		}
		if o.Generation == 0 {
			t.StartedAt = o.StartedAt
		}
	} else {
		t.StartedAt = o.StartedAt
		t.StoppedAt = o.StoppedAt
		t.WaitTill = o.WaitTill
		t.Result = o.Result
		t.Error = o.Error
		if o.Status != executions.StatusWaiting {
			t.WaitTill = nil
		}
	}
	if !knownStatus(t.Status) {
		t.Status = executions.StatusError
		t.Error = fmt.Sprintf("worker reported unknown status %q", o.Status)
	}
	applied, err := s.cfg.Store.Update(ctx, o.ExecutionID, t)
	if errors.Is(err, executions.ErrNotFound) {
		s.logger.Warn("outcome for an unknown execution dropped", "execution", o.ExecutionID, "status", o.Status)
		s.drain.stored(o.ExecutionID, o.Generation)
		return nil
	}
	if err != nil {
		return fmt.Errorf("execution %s: store outcome %s: %w", o.ExecutionID, o.Status, err)
	}
	if o.Status != executions.StatusRunning {
		s.drain.stored(o.ExecutionID, o.Generation)
		s.mu.Lock()
		if s.resuming[o.ExecutionID] == o.Generation && o.Generation != 0 {
			delete(s.resuming, o.ExecutionID)
		}
		s.mu.Unlock()
	}
	if !applied {
		s.logger.Debug("outcome for a finished execution ignored", "execution", o.ExecutionID, "status", o.Status)
		return nil
	}
	s.logger.Debug("execution "+o.Status, "execution", o.ExecutionID, "generation", o.Generation, "worker", o.Worker)
	if o.Status == executions.StatusWaiting {
		s.nudge()
	}
	s.hub.publish(o)
	return nil
}

// runningApplies reports whether a "running" outcome is current: a late
// one of an earlier generation must not take a waiting (or newer)
// execution back to running.
func (s *Server) runningApplies(ctx context.Context, o *queue.Outcome) (bool, error) {
	e, err := s.cfg.Store.Get(ctx, o.ExecutionID)
	if errors.Is(err, executions.ErrNotFound) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("execution %s: %w", o.ExecutionID, err)
	}
	switch e.Status {
	case executions.StatusNew:
		return o.Generation == 0, nil
	case executions.StatusWaiting:
		return o.Generation != 0 && o.Generation == resumeGeneration(e.Result), nil
	}
	return false, nil
}

// exhausted marks an execution whose job was delivered MaxDeliver times
// without finishing as failed, as n8n does for crashed executions.
func (s *Server) exhausted(ctx context.Context, id string, generation, deliveries int) {
	now := time.Now()
	msg := fmt.Sprintf("worker crashed or timed out: job delivered %d times", deliveries)
	applied, err := s.cfg.Store.Update(ctx, id, executions.Transition{Status: executions.StatusError, StoppedAt: now, Error: msg})
	if err != nil {
		s.logger.Error("marking an exhausted execution failed", "execution", id, "error", err)
		return
	}
	s.logger.Warn("execution failed: "+msg, "execution", id, "generation", generation)
	s.drain.stored(id, generation)
	s.mu.Lock()
	if s.resuming[id] == generation {
		delete(s.resuming, id)
	}
	s.mu.Unlock()
	if applied {
		s.hub.publish(&queue.Outcome{ExecutionID: id, Generation: generation, Status: executions.StatusError, StoppedAt: now, Error: msg})
	}
}

// recover queues again the executions stored as new (the main instance
// stopped between storing and publishing them; the queue drops the ones
// it already holds).
func (s *Server) recover(ctx context.Context) error {
	list, err := s.cfg.Store.InFlight(ctx)
	if err != nil {
		return err
	}
	for _, e := range list {
		if e.Status != executions.StatusNew {
			continue
		}
		input, index, err := decodeInput(e.Input)
		if err != nil {
			s.failUnstartable(ctx, e, err)
			continue
		}
		job := &queue.Job{
			ExecutionID: e.ID,
			WorkflowID:  e.WorkflowID,
			Mode:        e.Mode,
			Workflow:    e.Workflow,
			StartNode:   e.StartNode,
			Input:       input,
			InputIndex:  index,
			ResumeURL:   s.resumeURL(e.ID),
		}
		if err := s.cfg.Queue.Enqueue(ctx, job); err != nil {
			return fmt.Errorf("execution %s: queue again: %w", e.ID, err)
		}
		s.logger.Info("execution queued again", "execution", e.ID)
	}
	return nil
}

// prune deletes old finished executions per Config.Prune.
func (s *Server) prune(ctx context.Context) {
	if s.cfg.Prune.MaxAge <= 0 && s.cfg.Prune.MaxCount <= 0 {
		return
	}
	n, err := s.cfg.Store.Prune(ctx, s.cfg.Prune)
	if err != nil {
		s.logger.Error("pruning executions", "error", err)
		return
	}
	if n > 0 {
		s.logger.Info("executions pruned", "count", n)
	}
}

func (s *Server) pruneLoop(ctx context.Context) {
	t := time.NewTicker(time.Hour)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			s.prune(ctx)
		}
	}
}

// knownStatus reports whether status is one the store keeps.
func knownStatus(status string) bool {
	switch status {
	case executions.StatusNew, executions.StatusRunning, executions.StatusWaiting:
		return true
	}
	return executions.Final(status)
}
