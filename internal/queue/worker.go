package queue

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"github.com/noderun/noderun/nodes"
)

// Outcome statuses the worker writes itself (the runner returns the
// others).
const (
	statusRunning = "running"
	statusError   = "error"
)

// DefaultConcurrency is how many jobs a worker runs at once by default,
// as n8n's worker --concurrency.
const DefaultConcurrency = 10

// fetchWait is how long one pull request waits for a job; it bounds how
// long a stopping worker waits before it stops asking for jobs.
const fetchWait = 2 * time.Second

// publishTimeout bounds the retries of publishing a final outcome; past
// it the job is handed back and runs again.
const publishTimeout = 30 * time.Second

// ErrKilled is returned by Worker.Run after Kill.
var ErrKilled = errors.New("queue: worker killed")

// WorkerOptions configure Work.
type WorkerOptions struct {
	// Concurrency is how many jobs run at once (default 10).
	Concurrency int
	// Name is written into outcomes (default the queue's Name, else
	// host name and process id).
	Name string
}

// Worker runs jobs on its own NATS connection, so it can be stopped
// gracefully (cancel Run's context) or killed (Kill) alone.
type Worker struct {
	opts    WorkerOptions
	l       *link
	runCtx  context.Context
	cancel  context.CancelFunc
	killed  atomic.Bool
	running sync.WaitGroup
}

// Work runs jobs with runner until ctx ends, then stops fetching, lets the
// running jobs finish and returns nil. It uses its own connection.
func (q *Queue) Work(ctx context.Context, runner Runner, opts WorkerOptions) error {
	w, err := q.NewWorker(ctx, opts)
	if err != nil {
		return err
	}
	defer w.Close()
	return w.Run(ctx, runner)
}

// NewWorker connects a worker to the queue's server.
func (q *Queue) NewWorker(ctx context.Context, opts WorkerOptions) (*Worker, error) {
	if opts.Concurrency <= 0 {
		opts.Concurrency = DefaultConcurrency
	}
	if opts.Name == "" {
		opts.Name = q.opts.Name
	}
	if opts.Name == "" {
		host, _ := os.Hostname()
		opts.Name = host + "-" + strconv.Itoa(os.Getpid())
	}
	l, err := dial(q.url, q.opts, opts.Name)
	if err != nil {
		return nil, err
	}
	if err := l.open(ctx); err != nil {
		l.nc.Close()
		return nil, err
	}
	runCtx, cancel := context.WithCancel(context.Background())
	return &Worker{opts: opts, l: l, runCtx: runCtx, cancel: cancel}, nil
}

// Kill simulates a crash: the connection closes at once, running jobs are
// cancelled and nothing more is published or acknowledged, so their jobs
// are delivered again after AckWait.
func (w *Worker) Kill() {
	w.killed.Store(true)
	w.l.nc.Close()
	w.cancel()
}

// Close closes the worker's connection (after Run returned).
func (w *Worker) Close() {
	w.cancel()
	w.l.nc.Close()
}

// Run pulls and runs jobs until ctx ends (then it lets running jobs finish
// and returns nil) or the worker is killed (ErrKilled).
func (w *Worker) Run(ctx context.Context, runner Runner) error {
	cons, err := w.l.js.Consumer(ctx, JobsStream, JobsConsumer)
	if err != nil {
		return fmt.Errorf("queue: worker %s: consumer %s: %w", w.opts.Name, JobsConsumer, err)
	}
	var slots sync.WaitGroup
	for range w.opts.Concurrency {
		slots.Add(1)
		go func() {
			defer slots.Done()
			w.slot(ctx, cons, runner)
		}()
	}
	slots.Wait()
	if w.killed.Load() {
		return ErrKilled
	}
	return nil
}

// slot runs one job at a time until ctx ends or the worker is killed.
func (w *Worker) slot(ctx context.Context, cons jetstream.Consumer, runner Runner) {
	backoff := 100 * time.Millisecond
	for ctx.Err() == nil && !w.killed.Load() {
		batch, err := cons.Fetch(1, jetstream.FetchMaxWait(fetchWait))
		if err == nil {
			for msg := range batch.Messages() {
				if ctx.Err() != nil || w.killed.Load() {
					// Stopping: hand it back at once.
					_ = msg.Nak()
					continue
				}
				w.handle(runner, msg)
			}
			err = batch.Error()
		}
		if err == nil || errors.Is(err, jetstream.ErrNoMessages) || errors.Is(err, context.DeadlineExceeded) || errors.Is(err, nats.ErrTimeout) {
			backoff = 100 * time.Millisecond
			continue
		}
		if w.killed.Load() {
			return
		}
		w.l.log.Debug("queue: fetch job", "worker", w.opts.Name, "err", err)
		select {
		case <-ctx.Done():
		case <-w.runCtx.Done():
		case <-time.After(backoff):
		}
		backoff = min(backoff*2, 2*time.Second)
	}
}

// handle runs one job message to its acknowledgement.
func (w *Worker) handle(runner Runner, msg jetstream.Msg) {
	ctx := w.runCtx
	stopBeat := w.heartbeat(msg)
	defer stopBeat()
	id, gen := headerIDs(msg.Headers())
	job, err := w.l.decodeJob(ctx, msg.Headers(), msg.Data())
	if err != nil {
		w.unreadable(msg, id, gen, err)
		return
	}
	key := finishedKey(job.ExecutionID, job.Generation)
	if _, err := w.l.finished.Get(ctx, key); err == nil {
		// Finished before, but the acknowledgement was lost.
		_ = msg.Ack()
		return
	}

	started := time.Now().UTC()
	if err := w.publish(ctx, &Outcome{ExecutionID: job.ExecutionID, Generation: job.Generation, Status: statusRunning, StartedAt: started, Worker: w.opts.Name}); err != nil {
		w.l.log.Warn("queue: publish running outcome", "execution", job.ExecutionID, "err", err)
	}
	var respond func(*nodes.WebhookResponse)
	if job.Respond {
		respond = func(resp *nodes.WebhookResponse) { w.respond(job.ExecutionID, job.Generation, resp) }
	}
	out, err := runSafely(ctx, runner, job, respond)
	if w.killed.Load() {
		return
	}
	if err != nil || out == nil {
		if err == nil {
			err = errors.New("the runner returned no outcome")
		}
		out = &Outcome{Status: statusError, Error: err.Error(), StoppedAt: time.Now().UTC()}
	}
	final := *out
	final.ExecutionID, final.Generation, final.Worker = job.ExecutionID, job.Generation, w.opts.Name
	if final.StartedAt.IsZero() {
		final.StartedAt = started
	}
	if err := w.publishRetrying(ctx, &final); err != nil {
		if !w.killed.Load() {
			w.l.log.Error("queue: outcome not published, the job will run again", "execution", job.ExecutionID, "err", err)
			_ = msg.Nak()
		}
		return
	}
	if _, err := w.l.finished.Put(ctx, key, []byte(final.Status)); err != nil {
		w.l.log.Warn("queue: record finished job", "execution", job.ExecutionID, "err", err)
	}
	stopBeat()
	if err := msg.DoubleAck(ctx); err != nil && !w.killed.Load() {
		w.l.log.Warn("queue: ack job", "execution", job.ExecutionID, "err", err)
	}
}

// unreadable handles a job message that cannot be decoded: it is tried
// again until its last delivery, which reports an error outcome.
func (w *Worker) unreadable(msg jetstream.Msg, id string, gen int, err error) {
	meta, merr := msg.Metadata()
	if merr == nil && meta.NumDelivered < uint64(w.l.opts.MaxDeliver) {
		w.l.log.Warn("queue: unreadable job, retrying", "execution", id, "err", err)
		_ = msg.NakWithDelay(nakDelay)
		return
	}
	w.l.log.Error("queue: unreadable job", "execution", id, "err", err)
	if id != "" {
		now := time.Now().UTC()
		out := &Outcome{ExecutionID: id, Generation: gen, Status: statusError, StartedAt: now, StoppedAt: now,
			Error: "the worker could not read the job: " + err.Error(), Worker: w.opts.Name}
		if perr := w.publishRetrying(w.runCtx, out); perr != nil {
			_ = msg.Nak()
			return
		}
	}
	_ = msg.Term()
}

// runSafely calls the runner, turning a panic into an error.
func runSafely(ctx context.Context, runner Runner, job *Job, respond func(*nodes.WebhookResponse)) (out *Outcome, err error) {
	defer func() {
		if r := recover(); r != nil {
			out, err = nil, fmt.Errorf("the worker panicked: %v", r)
		}
	}()
	return runner.Run(ctx, job, respond)
}

// heartbeat tells JetStream the job is still running every AckWait/3
// until the returned stop is called.
func (w *Worker) heartbeat(msg jetstream.Msg) (stop func()) {
	done := make(chan struct{})
	var once sync.Once
	go func() {
		t := time.NewTicker(max(w.l.opts.AckWait/3, 10*time.Millisecond))
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-w.runCtx.Done():
				return
			case <-t.C:
				if err := msg.InProgress(); err != nil && !w.killed.Load() {
					w.l.log.Debug("queue: heartbeat", "err", err)
				}
			}
		}
	}()
	return func() { once.Do(func() { close(done) }) }
}

// publish publishes an outcome to the results stream and waits for it to
// be stored.
func (w *Worker) publish(ctx context.Context, out *Outcome) error {
	m, err := w.l.encodeOutcome(ctx, out)
	if err != nil {
		return err
	}
	if out.Status != statusRunning {
		// A retried or repeated final report of the same job is dropped.
		m.Header.Set(nats.MsgIdHdr, jobID(out.ExecutionID, out.Generation)+"."+out.Status)
	}
	if _, err := w.l.js.PublishMsg(ctx, m); err != nil {
		return fmt.Errorf("publish outcome of %s: %w", out.ExecutionID, err)
	}
	return nil
}

// publishRetrying publishes an outcome, retrying through a broker restart
// for up to publishTimeout.
func (w *Worker) publishRetrying(ctx context.Context, out *Outcome) error {
	deadline := time.Now().Add(publishTimeout)
	wait := 100 * time.Millisecond
	for {
		err := w.publish(ctx, out)
		if err == nil || w.killed.Load() || time.Now().After(deadline) {
			return err
		}
		select {
		case <-ctx.Done():
			return err
		case <-time.After(wait):
		}
		wait = min(wait*2, 2*time.Second)
	}
}

// respond publishes a webhook response on the execution's core subject.
func (w *Worker) respond(executionID string, generation int, resp *nodes.WebhookResponse) {
	if resp == nil || w.killed.Load() {
		return
	}
	data, err := encodeResponse(resp)
	if err == nil {
		var m *nats.Msg
		if m, err = w.l.newMsg(w.runCtx, responseSubject(executionID), data, executionID, generation); err == nil {
			err = w.l.nc.PublishMsg(m)
		}
	}
	if err != nil {
		w.l.log.Warn("queue: publish webhook response", "execution", executionID, "err", err)
	}
}
