package server

import (
	"context"
	"time"

	"github.com/noderun/noderun/engine/executions"
	"github.com/noderun/noderun/nodes"
	"github.com/noderun/noderun/nodes/trigger"
)

// runSchedule starts an execution of sc's workflow at each firing of its
// schedule (mode "trigger", the node's item as input) until ctx ends.
func (s *Server) runSchedule(ctx context.Context, sc *schedule) {
	log := s.logger.With("workflow", sc.wf.ID, "node", sc.node.Name)
	last := time.Now()
	for {
		next := sc.sched.Next(last)
		if next.IsZero() {
			log.Warn("schedule never fires again")
			return
		}
		timer := time.NewTimer(time.Until(next))
		select {
		case <-ctx.Done():
			timer.Stop()
			return
		case <-timer.C:
		}
		last = next
		item := trigger.ScheduleItem(sc.node, next, sc.wf.TZ)
		id := executions.NewID()
		if err := s.start(ctx, id, sc.wf, startRequest{mode: "trigger", startNode: sc.node.Name, input: []nodes.Item{item}}); err != nil {
			log.Error("schedule could not start an execution", "error", err)
			continue
		}
		log.Info("schedule started an execution", "execution", id, "at", next)
	}
}

// waitTracker resumes waiting executions whose WaitTill has come (n8n's
// WaitTracker). Executions waiting indefinitely resume only on their
// webhook.
func (s *Server) waitTracker(ctx context.Context) {
	t := time.NewTicker(s.cfg.WaitPoll)
	defer t.Stop()
	for {
		s.resumeDue(ctx)
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		case <-s.wake:
		}
	}
}

// resumeDue queues the resume of every execution due now.
func (s *Server) resumeDue(ctx context.Context) {
	now := time.Now()
	due, err := s.cfg.Store.Waiting(ctx, now)
	if err != nil {
		if ctx.Err() == nil {
			s.logger.Error("listing waiting executions", "error", err)
		}
		return
	}
	for _, e := range due {
		if e.WaitTill == nil || e.WaitTill.After(now) || !e.WaitTill.Before(nodes.WaitIndefinitely) {
			continue
		}
		if _, queued, err := s.resume(ctx, e, nil, false); err != nil {
			s.logger.Error("resuming a waiting execution", "execution", e.ID, "error", err)
		} else if queued {
			s.logger.Info("waiting execution resumed", "execution", e.ID)
		}
	}
}
