package queue_test

import (
	"context"
	"encoding/json"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"github.com/noderun/noderun/internal/queue"
	"github.com/noderun/noderun/nodes"
)

// patience bounds every wait on a condition: generous, for loaded
// machines.
const patience = 60 * time.Second

// startServer starts an embedded server in dir (a new temporary one when
// empty) and shuts it down when the test ends.
func startServer(t testing.TB, dir string) (*queue.Embedded, string) {
	t.Helper()
	if dir == "" {
		dir = t.TempDir()
	}
	srv, err := queue.StartEmbedded(queue.EmbeddedOptions{StoreDir: dir, Port: -1})
	if err != nil {
		t.Fatalf("StartEmbedded: %v", err)
	}
	var once sync.Once
	t.Cleanup(func() { once.Do(srv.Shutdown) })
	return srv, dir
}

// connect opens a queue and closes it when the test ends.
func connect(t testing.TB, url string, opts queue.Options) *queue.Queue {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), patience)
	defer cancel()
	q, err := queue.Connect(ctx, url, opts)
	if err != nil {
		t.Fatalf("Connect(%s): %v", url, err)
	}
	t.Cleanup(q.Close)
	return q
}

// waitFor polls cond until it holds or patience runs out.
func waitFor(t testing.TB, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(patience)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("gave up after %s waiting for %s", patience, what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// record is what the fake store keeps of one execution.
type record struct {
	Status string
	Worker string
	Result json.RawMessage
	Error  string
	// Finals counts final outcomes applied; Ignored counts outcomes that
	// arrived after the execution was final.
	Finals  int
	Ignored int
}

// fakeStore is an idempotent outcome store, as executions.Store.Update:
// updates to a final execution are ignored.
type fakeStore struct {
	mu   sync.Mutex
	recs map[string]*record
}

func newFakeStore() *fakeStore { return &fakeStore{recs: map[string]*record{}} }

func final(status string) bool {
	switch status {
	case "success", "error", "canceled", "crashed":
		return true
	}
	return false
}

// apply is a ConsumeOutcomes handler.
func (s *fakeStore) apply(_ context.Context, out *queue.Outcome) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	r := s.recs[out.ExecutionID]
	if r == nil {
		r = &record{}
		s.recs[out.ExecutionID] = r
	}
	if final(r.Status) {
		r.Ignored++
		return nil
	}
	r.Status, r.Worker, r.Result, r.Error = out.Status, out.Worker, out.Result, out.Error
	if final(out.Status) {
		r.Finals++
	}
	return nil
}

// fail marks an execution failed, as the main does for exhausted jobs.
func (s *fakeStore) fail(id, reason string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	r := s.recs[id]
	if r == nil {
		r = &record{}
		s.recs[id] = r
	}
	if final(r.Status) {
		r.Ignored++
		return
	}
	r.Status, r.Error = "error", reason
	r.Finals++
}

// get returns a copy of an execution's record.
func (s *fakeStore) get(id string) (record, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	r, ok := s.recs[id]
	if !ok {
		return record{}, false
	}
	return *r, true
}

// finals counts executions with a final status.
func (s *fakeStore) finals() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, r := range s.recs {
		if final(r.Status) {
			n++
		}
	}
	return n
}

// consume runs ConsumeOutcomes into store until the returned stop is
// called (which waits for it to return).
func consume(t testing.TB, q *queue.Queue, store *fakeStore) (stop func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- q.ConsumeOutcomes(ctx, store.apply) }()
	var once sync.Once
	stop = func() {
		once.Do(func() {
			cancel()
			if err := <-done; err != nil {
				t.Errorf("ConsumeOutcomes: %v", err)
			}
		})
	}
	t.Cleanup(stop)
	return stop
}

// work runs a worker until the returned stop is called (which waits for
// it to drain).
func work(t testing.TB, q *queue.Queue, runner queue.Runner, opts queue.WorkerOptions) (stop func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- q.Work(ctx, runner, opts) }()
	var once sync.Once
	stop = func() {
		once.Do(func() {
			cancel()
			if err := <-done; err != nil {
				t.Errorf("Work(%s): %v", opts.Name, err)
			}
		})
	}
	t.Cleanup(stop)
	return stop
}

// counter counts runner calls per execution.
type counter struct {
	mu    sync.Mutex
	calls map[string]int
}

func newCounter() *counter { return &counter{calls: map[string]int{}} }

func (c *counter) add(id string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.calls[id]++
}

func (c *counter) get(id string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.calls[id]
}

func (c *counter) total() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	n := 0
	for _, v := range c.calls {
		n += v
	}
	return n
}

// echoRunner succeeds with its input as result: {"input": [...]}.
func echoRunner(c *counter) queue.Runner {
	return queue.RunnerFunc(func(_ context.Context, job *queue.Job, _ func(*nodes.WebhookResponse)) (*queue.Outcome, error) {
		c.add(job.ExecutionID)
		res, err := json.Marshal(map[string]any{"input": job.Input})
		if err != nil {
			return nil, err
		}
		return &queue.Outcome{Status: "success", StoppedAt: time.Now().UTC(), Result: res}, nil
	})
}

// testJob is a small job for execution id.
func testJob(id string) *queue.Job {
	return &queue.Job{
		ExecutionID: id,
		WorkflowID:  "wf1",
		Mode:        "webhook",
		Workflow:    json.RawMessage(`{"name":"test","nodes":[],"connections":{}}`),
		Input:       []nodes.Item{{JSON: map[string]any{"id": id}}},
	}
}

// enqueue publishes jobs for ids.
func enqueue(t testing.TB, q *queue.Queue, ids ...string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), patience)
	defer cancel()
	for _, id := range ids {
		if err := q.Enqueue(ctx, testJob(id)); err != nil {
			t.Fatalf("Enqueue(%s): %v", id, err)
		}
	}
}

// ids returns n execution ids with a prefix.
func ids(prefix string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("%s-%03d", prefix, i)
	}
	return out
}

// inspector reads stream state directly.
type inspector struct {
	nc *nats.Conn
	js jetstream.JetStream
}

func inspect(t testing.TB, url string) *inspector {
	t.Helper()
	nc, err := nats.Connect(url)
	if err != nil {
		t.Fatalf("nats.Connect: %v", err)
	}
	t.Cleanup(nc.Close)
	js, err := jetstream.New(nc)
	if err != nil {
		t.Fatalf("jetstream.New: %v", err)
	}
	return &inspector{nc: nc, js: js}
}

// msgs returns the number of messages in a stream (-1 on error).
func (in *inspector) msgs(stream string) int {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	s, err := in.js.Stream(ctx, stream)
	if err != nil {
		return -1
	}
	info, err := s.Info(ctx)
	if err != nil {
		return -1
	}
	return int(info.State.Msgs)
}
