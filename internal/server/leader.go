package server

import (
	"context"
	"sync"

	"github.com/noderun/noderun/internal/queue"
)

// Leading reports whether this main instance is the leader of the main
// instances on its NATS server: the one that fires the schedules, resumes
// waiting executions when their time comes and prunes the history (as
// n8n's multi-main mode). Every main serves the API and webhooks and
// stores outcomes.
func (s *Server) Leading() bool { return s.leading.Load() }

// lead takes part in the main instances' leader election until ctx ends,
// running the leader's work while this instance leads: it starts on
// gaining the lead and stops (and is waited for) on losing it.
func (s *Server) lead(ctx context.Context) {
	var (
		stop context.CancelFunc
		work sync.WaitGroup
	)
	onChange := func(leader bool) {
		if leader {
			workCtx, cancel := context.WithCancel(ctx)
			stop = cancel
			s.leading.Store(true)
			s.logger.Info("leading the main instances: running schedules, timed resumes and pruning")
			s.leaderWork(workCtx, &work)
			return
		}
		s.leading.Store(false)
		if stop != nil {
			stop()
			stop = nil
		}
		work.Wait()
		if ctx.Err() == nil {
			s.logger.Warn("no longer leading the main instances: schedules, timed resumes and pruning stopped here")
		}
	}
	s.keep(ctx, "leader election", func(ctx context.Context) error {
		return s.cfg.Queue.Lead(ctx, queue.LeaderOptions{TTL: s.cfg.LeaderTTL}, onChange)
	})
	// Lead reports the end of a lead before it returns; this only guards
	// against a loop left running.
	if stop != nil {
		stop()
	}
	work.Wait()
}

// leaderWork starts the leader's loops on ctx: pruning (at once, then
// hourly), the wait tracker and every schedule.
func (s *Server) leaderWork(ctx context.Context, work *sync.WaitGroup) {
	work.Add(2)
	go func() {
		defer work.Done()
		s.prune(ctx)
		s.pruneLoop(ctx)
	}()
	go func() { defer work.Done(); s.waitTracker(ctx) }()
	for _, id := range s.order {
		for _, sc := range s.workflows[id].Schedules {
			work.Add(1)
			go func() { defer work.Done(); s.runSchedule(ctx, sc) }()
		}
	}
}
