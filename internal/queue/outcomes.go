package queue

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/nats-io/nats.go/jetstream"
)

// nakDelay is how long a failed outcome or advisory waits before it is
// delivered again.
const nakDelay = time.Second

// consumeBatch is how many messages a main instance's consumers buffer.
const consumeBatch = 64

// ConsumeOutcomes hands every outcome workers publish to handle, one at a
// time in stream order, until ctx ends (then it returns nil). The results
// consumer is durable and shared by the main instances of one Group; an
// outcome is acknowledged when handle returns nil and delivered again
// (after a second) otherwise, so none is lost while the main instance is
// down or its store is busy. Big binaries are restored before handle sees
// the outcome.
func (q *Queue) ConsumeOutcomes(ctx context.Context, handle func(context.Context, *Outcome) error) error {
	return q.consume(ctx, ResultsStream, q.opts.Group, func(msg jetstream.Msg) {
		out, err := q.decodeOutcome(ctx, msg.Headers(), msg.Data())
		if err != nil {
			id, gen := headerIDs(msg.Headers())
			q.log.Error("queue: dropping an unreadable outcome", "execution", id, "generation", gen, "err", err)
			_ = msg.Term()
			return
		}
		if err := handle(ctx, out); err != nil {
			q.log.Warn("queue: outcome not stored, retrying", "execution", out.ExecutionID, "status", out.Status, "err", err)
			_ = msg.NakWithDelay(nakDelay)
			return
		}
		if err := msg.Ack(); err != nil {
			q.log.Warn("queue: ack outcome", "execution", out.ExecutionID, "err", err)
		}
	})
}

// exhaustedAdvisory is the part of JetStream's MAX_DELIVERIES advisory
// (io.nats.jetstream.advisory.v1.max_deliver) the queue reads.
type exhaustedAdvisory struct {
	Stream     string `json:"stream"`
	Consumer   string `json:"consumer"`
	StreamSeq  uint64 `json:"stream_seq"`
	Deliveries int    `json:"deliveries"`
}

// OnExhausted calls handle for every job delivered MaxDeliver times without
// finishing (its worker crashed or timed out each time), until ctx ends
// (then it returns nil). The advisories are kept in a stream, so jobs
// exhausted while no main instance listened are reported later. After
// handle returns, the job is deleted from the jobs stream.
func (q *Queue) OnExhausted(ctx context.Context, handle func(ctx context.Context, executionID string, generation int, deliveries int)) error {
	jobs, err := q.js.Stream(ctx, JobsStream)
	if err != nil {
		return fmt.Errorf("queue: stream %s: %w", JobsStream, err)
	}
	return q.consume(ctx, ExhaustedStream, q.opts.Group+"-exhausted", func(msg jetstream.Msg) {
		var adv exhaustedAdvisory
		if err := json.Unmarshal(msg.Data(), &adv); err != nil {
			q.log.Error("queue: dropping an unreadable max deliveries advisory", "err", err)
			_ = msg.Term()
			return
		}
		raw, err := jobs.GetMsg(ctx, adv.StreamSeq)
		if errors.Is(err, jetstream.ErrMsgNotFound) {
			// Acknowledged late or already handled.
			_ = msg.Ack()
			return
		}
		if err != nil {
			q.log.Warn("queue: read exhausted job", "seq", adv.StreamSeq, "err", err)
			_ = msg.NakWithDelay(nakDelay)
			return
		}
		id, gen := headerIDs(raw.Header)
		if id == "" {
			var job struct {
				ExecutionID string `json:"executionId"`
				Generation  int    `json:"generation"`
			}
			if err := json.Unmarshal(raw.Data, &job); err == nil {
				id, gen = job.ExecutionID, job.Generation
			}
		}
		if id != "" {
			handle(ctx, id, gen, adv.Deliveries)
		} else {
			q.log.Error("queue: exhausted job names no execution", "seq", adv.StreamSeq)
		}
		if err := jobs.DeleteMsg(ctx, adv.StreamSeq); err != nil && !errors.Is(err, jetstream.ErrMsgNotFound) {
			q.log.Warn("queue: delete exhausted job", "execution", id, "seq", adv.StreamSeq, "err", err)
		}
		_ = msg.Ack()
	})
}

// consume runs handle on each message of a durable consumer, one at a
// time, until ctx ends.
func (q *Queue) consume(ctx context.Context, stream, durable string, handle func(jetstream.Msg)) error {
	cons, err := q.js.Consumer(ctx, stream, durable)
	if err != nil {
		return fmt.Errorf("queue: consumer %s on %s: %w", durable, stream, err)
	}
	cc, err := cons.Consume(func(msg jetstream.Msg) {
		if ctx.Err() != nil {
			// Stopping: hand the buffered messages back at once.
			_ = msg.Nak()
			return
		}
		handle(msg)
	},
		jetstream.PullMaxMessages(consumeBatch),
		jetstream.ConsumeErrHandler(func(_ jetstream.ConsumeContext, err error) {
			if ctx.Err() == nil {
				q.log.Debug("queue: consume", "stream", stream, "err", err)
			}
		}))
	if err != nil {
		return fmt.Errorf("queue: consume %s: %w", stream, err)
	}
	select {
	case <-ctx.Done():
		cc.Drain()
	case <-cc.Closed():
		if ctx.Err() == nil {
			return fmt.Errorf("queue: consumer %s on %s stopped (connection closed)", durable, stream)
		}
	}
	<-cc.Closed()
	return nil
}
