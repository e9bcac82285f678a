package server

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/noderun/noderun/engine/executions"
)

// drainSettlePoll is how often the shutdown drain asks the store about the
// outcomes it still waits for.
const drainSettlePoll = 200 * time.Millisecond

// drainWait waits, until ctx ends, for the outcomes of the jobs the
// in-process workers finished to be stored. Several main instances share
// the outcome consumer, so another main may store them: each pending job
// whose outcome the (shared) store already holds counts as stored.
func (s *Server) drainWait(ctx context.Context) bool {
	for {
		tick, cancel := context.WithTimeout(ctx, drainSettlePoll)
		done := s.drain.wait(tick)
		cancel()
		if done {
			return true
		}
		if ctx.Err() != nil {
			return false
		}
		s.settleStored(ctx)
	}
}

// settleStored marks the pending jobs whose outcome the store holds as
// stored: the execution is final, gone, or waiting on a later pause than
// the job's generation.
func (s *Server) settleStored(ctx context.Context) {
	s.drain.mu.Lock()
	keys := make([]string, 0, len(s.drain.pending))
	for k := range s.drain.pending {
		keys = append(keys, k)
	}
	s.drain.mu.Unlock()
	for _, k := range keys {
		dot := strings.LastIndexByte(k, '.')
		if dot < 0 {
			continue
		}
		id := k[:dot]
		gen, err := strconv.Atoi(k[dot+1:])
		if err != nil {
			continue
		}
		e, err := s.cfg.Store.Get(ctx, id)
		switch {
		case errors.Is(err, executions.ErrNotFound):
		case err != nil:
			continue
		case executions.Final(e.Status):
		case e.Status == executions.StatusWaiting && resumeGeneration(e.Result) != gen:
		default:
			continue
		}
		s.drain.stored(id, gen)
	}
}
