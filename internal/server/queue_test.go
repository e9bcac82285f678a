package server_test

import (
	"context"
	"encoding/json"
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
