package server

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/noderun/noderun/internal/queue"
	"github.com/noderun/noderun/nodes"
)

// hub tells HTTP requests waiting on an execution about the outcomes the
// main instance stores for it.
type hub struct {
	mu   sync.Mutex
	subs map[string]map[chan *queue.Outcome]struct{}
}

func newHub() *hub { return &hub{subs: map[string]map[chan *queue.Outcome]struct{}{}} }

// subscribe returns a channel of the outcomes stored for execution id
// from now on, and the function that ends the subscription.
func (h *hub) subscribe(id string) (<-chan *queue.Outcome, func()) {
	ch := make(chan *queue.Outcome, 16)
	h.mu.Lock()
	if h.subs[id] == nil {
		h.subs[id] = map[chan *queue.Outcome]struct{}{}
	}
	h.subs[id][ch] = struct{}{}
	h.mu.Unlock()
	return ch, func() {
		h.mu.Lock()
		delete(h.subs[id], ch)
		if len(h.subs[id]) == 0 {
			delete(h.subs, id)
		}
		h.mu.Unlock()
	}
}

// publish hands o to the execution's subscribers (never blocking: a
// subscriber that fell 16 outcomes behind misses one).
func (h *hub) publish(o *queue.Outcome) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for ch := range h.subs[o.ExecutionID] {
		select {
		case ch <- o:
		default:
		}
	}
}

// drain tracks the jobs the in-process workers finished whose outcomes
// the main instance has not stored yet, so a shutdown waits for them.
type drain struct {
	mu      sync.Mutex
	pending map[string]struct{}
}

func newDrain() *drain { return &drain{pending: map[string]struct{}{}} }

func jobKey(id string, generation int) string { return fmt.Sprintf("%s.%d", id, generation) }

// wrap returns r recording each finished job as pending.
func (d *drain) wrap(r queue.Runner) queue.Runner {
	return queue.RunnerFunc(func(ctx context.Context, job *queue.Job, respond func(*nodes.WebhookResponse)) (*queue.Outcome, error) {
		out, err := r.Run(ctx, job, respond)
		d.mu.Lock()
		d.pending[jobKey(job.ExecutionID, job.Generation)] = struct{}{}
		d.mu.Unlock()
		return out, err
	})
}

// stored marks the outcome of a job as stored.
func (d *drain) stored(id string, generation int) {
	d.mu.Lock()
	delete(d.pending, jobKey(id, generation))
	d.mu.Unlock()
}

// wait returns true once no finished job waits for its outcome to be
// stored, false when ctx ends first.
func (d *drain) wait(ctx context.Context) bool {
	t := time.NewTicker(20 * time.Millisecond)
	defer t.Stop()
	for {
		d.mu.Lock()
		n := len(d.pending)
		d.mu.Unlock()
		if n == 0 {
			return true
		}
		select {
		case <-ctx.Done():
			return false
		case <-t.C:
		}
	}
}
