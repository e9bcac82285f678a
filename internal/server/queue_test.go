package server_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/noderun/noderun/engine/executions"
	"github.com/noderun/noderun/internal/queue"
	"github.com/noderun/noderun/internal/server"
	"github.com/noderun/noderun/nodes"
)

// TestRequeueAtStart: an execution stored as new whose job was never
// published (the main instance stopped in between) runs after a start.
func TestRequeueAtStart(t *testing.T) {
	t.Parallel()
	wf, err := os.ReadFile(filepath.Join("testdata", "manual.json"))
	if err != nil {
		t.Fatal(err)
	}
	seed := func(s executions.Store) {
		err := s.Create(context.Background(), &executions.Execution{
			ID: "0000000000001aaaaaaaaaaaa", WorkflowID: "manual", WorkflowName: "Run by API", Mode: "manual",
			Status: executions.StatusNew, CreatedAt: time.Now(), Workflow: wf, Input: json.RawMessage(`[{"json":{"n":4}}]`),
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	e := start(t, []string{"manual.json"}, options{seed: seed})
	x := e.waitStatus("0000000000001aaaaaaaaaaaa", executions.StatusSuccess)
	if diff := cmp.Diff([]any{map[string]any{"doubled": 8.0}}, lastOutput(t, x, "Double")); diff != "" {
		t.Errorf("Double output (-want +got):\n%s", diff)
	}
}

// signalRunner tells started about every job it begins, then runs it with
// the real runner.
func signalRunner(inner queue.Runner, started chan<- string) queue.Runner {
	return queue.RunnerFunc(func(ctx context.Context, job *queue.Job, respond func(*nodes.WebhookResponse)) (*queue.Outcome, error) {
		started <- job.ExecutionID
		return inner.Run(ctx, job, respond)
	})
}

// TestKilledWorkerLosesNothing: separate workers (serve --no-worker); the
// first dies in the middle of the execution, the job goes to the second,
// and the execution is stored once, finished.
func TestKilledWorkerLosesNothing(t *testing.T) {
	t.Parallel()
	e := start(t, []string{"slow.json"}, options{workers: -1, ackWait: 2 * time.Second})
	ctx := context.Background()
	started := make(chan string, 4)
	first, err := e.q.NewWorker(ctx, queue.WorkerOptions{Concurrency: 1, Name: "first"})
	if err != nil {
		t.Fatal(err)
	}
	firstDone := make(chan error, 1)
	go func() { firstDone <- first.Run(ctx, signalRunner(server.NewRunner(e.eng, nil), started)) }()

	if got := e.do("POST", "/webhook/slow", `{}`, nil); got.Code != 200 {
		t.Fatalf("start: %d %s", got.Code, got.Body)
	}
	id := e.onlyExecution("slow")
	select {
	case <-started:
	case <-time.After(deadline):
		t.Fatal("the first worker never started the job")
	}
	e.waitStatus(id, executions.StatusRunning)
	first.Kill()
	<-firstDone
	first.Close()

	var runs atomic.Int32
	count := queue.RunnerFunc(func(ctx context.Context, job *queue.Job, respond func(*nodes.WebhookResponse)) (*queue.Outcome, error) {
		runs.Add(1)
		return server.NewRunner(e.eng, nil).Run(ctx, job, respond)
	})
	wctx, stop := context.WithCancel(ctx)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		_ = e.q.Work(wctx, count, queue.WorkerOptions{Concurrency: 2, Name: "second"})
	}()
	defer func() { stop(); wg.Wait() }()

	x := e.waitStatus(id, executions.StatusSuccess)
	if diff := cmp.Diff([]any{map[string]any{"done": true}}, lastOutput(t, x, "Done")); diff != "" {
		t.Errorf("Done output (-want +got):\n%s", diff)
	}
	if n := runs.Load(); n != 1 {
		t.Errorf("the second worker ran the job %d times, want 1", n)
	}
}

// TestExhaustedJobFails: a job whose every delivery dies is marked failed
// with the reason, as n8n marks crashed executions.
func TestExhaustedJobFails(t *testing.T) {
	t.Parallel()
	e := start(t, []string{"slow.json"}, options{workers: -1, ackWait: time.Second, maxDeliver: 1})
	ctx := context.Background()
	started := make(chan string, 4)
	w, err := e.q.NewWorker(ctx, queue.WorkerOptions{Concurrency: 1, Name: "doomed"})
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- w.Run(ctx, signalRunner(server.NewRunner(e.eng, nil), started)) }()
	if got := e.do("POST", "/webhook/slow", `{}`, nil); got.Code != 200 {
		t.Fatalf("start: %d %s", got.Code, got.Body)
	}
	id := e.onlyExecution("slow")
	select {
	case <-started:
	case <-time.After(deadline):
		t.Fatal("the worker never started the job")
	}
	w.Kill()
	<-done
	w.Close()
	x := e.waitStatus(id, executions.StatusError)
	if !strings.Contains(x.Error, "worker crashed or timed out: job delivered 1 times") {
		t.Errorf("error %q", x.Error)
	}
	if x.StoppedAt.IsZero() {
		t.Error("no stoppedAt")
	}
}

// TestMainRestartedMidQueue: the main instance stops with executions
// queued; a separate worker runs them while no main instance consumes the
// outcomes; a new main instance stores them all, once each.
func TestMainRestartedMidQueue(t *testing.T) {
	t.Parallel()
	e := start(t, []string{"received.json"}, options{workers: -1})
	const n = 5
	for i := range n {
		if got := e.do("POST", "/webhook/received", fmt.Sprintf(`{"name":"n%d"}`, i), nil); got.Code != 200 {
			t.Fatalf("start %d: %d %s", i, got.Code, got.Body)
		}
	}
	if err := e.stop(); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	list, err := e.store.List(ctx, executions.Filter{WorkflowID: "received"})
	if err != nil || len(list) != n {
		t.Fatalf("stored %d executions (%v), want %d", len(list), err, n)
	}

	// A worker drains the queue while no main instance listens.
	var runs atomic.Int32
	count := queue.RunnerFunc(func(ctx context.Context, job *queue.Job, respond func(*nodes.WebhookResponse)) (*queue.Outcome, error) {
		runs.Add(1)
		return server.NewRunner(e.eng, nil).Run(ctx, job, respond)
	})
	wctx, stopWorker := context.WithCancel(ctx)
	workerDone := make(chan struct{})
	go func() {
		defer close(workerDone)
		_ = e.q.Work(wctx, count, queue.WorkerOptions{Concurrency: 2, Name: "alone"})
	}()
	end := time.Now().Add(deadline)
	for runs.Load() < n && time.Now().Before(end) {
		time.Sleep(20 * time.Millisecond)
	}
	stopWorker()
	<-workerDone
	for _, x := range list {
		if got, _ := e.store.Get(ctx, x.ID); got.Status != executions.StatusNew && got.Status != executions.StatusRunning {
			t.Fatalf("execution %s is %s with no main instance running", x.ID, got.Status)
		}
	}

	// A new main instance on the same store and queue.
	srv, err := server.New(e.cfg)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	sctx, stop := context.WithCancel(ctx)
	served := make(chan error, 1)
	go func() { served <- srv.Serve(sctx, ln) }()
	defer func() { stop(); <-served }()
	names := map[any]bool{}
	for _, x := range list {
		got := e.waitStatus(x.ID, executions.StatusSuccess)
		names[lastOutput(t, got, "Name")[0].(map[string]any)["name"]] = true
	}
	if len(names) != n {
		t.Errorf("outputs %v, want %d different names", names, n)
	}
	if r := runs.Load(); r != n {
		t.Errorf("%d runs, want %d", r, n)
	}
}
