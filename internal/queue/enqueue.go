package queue

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/nats-io/nats.go"
	"github.com/noderun/noderun/nodes"
)

// Enqueue publishes job to the jobs stream and waits for JetStream to store
// it. The message id is ExecutionID.Generation, so publishing the same job
// again within the duplicate window (an hour) is dropped.
func (q *Queue) Enqueue(ctx context.Context, job *Job) error {
	if job == nil || job.ExecutionID == "" {
		return errors.New("queue: enqueue: job without execution id")
	}
	m, err := q.encodeJob(ctx, job)
	if err != nil {
		return fmt.Errorf("queue: enqueue execution %s: %w", job.ExecutionID, err)
	}
	if _, err := q.js.PublishMsg(ctx, m); err != nil {
		return fmt.Errorf("queue: enqueue execution %s: %w", job.ExecutionID, err)
	}
	return nil
}

// responseBuffer is how many webhook responses Responses buffers.
const responseBuffer = 4

// Responses subscribes to the webhook responses (Respond to Webhook) of
// one execution; subscribe before Enqueue so none is missed. The channel
// is never closed: select on it with a deadline, and call stop (which
// unsubscribes) when done. The subscription also ends with ctx.
func (q *Queue) Responses(ctx context.Context, executionID string) (<-chan *nodes.WebhookResponse, func(), error) {
	ch := make(chan *nodes.WebhookResponse, responseBuffer)
	done := make(chan struct{})
	sub, err := q.nc.Subscribe(responseSubject(executionID), func(m *nats.Msg) {
		data, err := q.body(ctx, m.Header, m.Data)
		if err == nil {
			var resp *nodes.WebhookResponse
			if resp, err = decodeResponse(data); err == nil {
				select {
				case ch <- resp:
				case <-done:
				case <-ctx.Done():
				}
				return
			}
		}
		q.log.Warn("queue: bad webhook response", "execution", executionID, "err", err)
	})
	if err != nil {
		return nil, nil, fmt.Errorf("queue: subscribe to responses of execution %s: %w", executionID, err)
	}
	// Make sure the server knows the subscription before the job runs.
	if err := q.nc.FlushWithContext(ctx); err != nil {
		_ = sub.Unsubscribe()
		return nil, nil, fmt.Errorf("queue: subscribe to responses of execution %s: %w", executionID, err)
	}
	var once sync.Once
	stop := func() {
		once.Do(func() {
			close(done)
			_ = sub.Unsubscribe()
		})
	}
	go func() {
		select {
		case <-ctx.Done():
			stop()
		case <-done:
		}
	}()
	return ch, stop, nil
}
