package server

import (
	"context"
	"time"

	"github.com/noderun/noderun/engine/executions"
	"github.com/noderun/noderun/internal/queue"
)

// sharedPoll is how often a main instance reads from the store the
// executions its requests wait on.
const sharedPoll = 250 * time.Millisecond

// watchStored tells the requests waiting on an execution (lastNode and
// responseNode webhooks, API runs with wait) about the final or waiting
// state the store holds for it, until ctx ends. Several main instances
// share the outcome consumer, so the outcome of an execution this main
// started may be stored by another main (in the shared store) and never
// pass through this one's applyOutcome.
func (s *Server) watchStored(ctx context.Context) {
	t := time.NewTicker(sharedPoll)
	defer t.Stop()
	// told is the state last published per execution (status and stop
	// time), so each is published once.
	told := map[string]string{}
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		s.hub.mu.Lock()
		ids := make([]string, 0, len(s.hub.subs))
		for id := range s.hub.subs {
			ids = append(ids, id)
		}
		s.hub.mu.Unlock()
		watched := make(map[string]bool, len(ids))
		for _, id := range ids {
			watched[id] = true
			e, err := s.cfg.Store.Get(ctx, id)
			if err != nil || (!executions.Final(e.Status) && e.Status != executions.StatusWaiting) {
				continue
			}
			state := e.Status + " " + e.StoppedAt.String()
			if told[id] == state {
				continue
			}
			told[id] = state
			o := &queue.Outcome{
				ExecutionID: id,
				Status:      e.Status,
				StartedAt:   e.StartedAt,
				StoppedAt:   e.StoppedAt,
				Result:      e.Result,
				Error:       e.Error,
			}
			if e.Status == executions.StatusWaiting {
				o.WaitTill = e.WaitTill
				o.Generation = resumeGeneration(e.Result)
			}
			s.hub.publish(o)
		}
		for id := range told {
			if !watched[id] {
				delete(told, id)
			}
		}
	}
}
