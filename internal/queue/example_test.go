package queue_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"

	"github.com/noderun/noderun/internal/queue"
	"github.com/noderun/noderun/nodes"
)

// Example runs one job through an embedded broker: the main instance
// enqueues it, a worker runs it and the main instance receives the
// outcome.
func Example() {
	dir, err := os.MkdirTemp("", "noderun-queue-example")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(dir)
	srv, err := queue.StartEmbedded(queue.EmbeddedOptions{StoreDir: dir, Port: -1})
	if err != nil {
		panic(err)
	}
	defer srv.Shutdown()

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	q, err := queue.Connect(ctx, srv.ClientURL(), queue.Options{Name: "main", Logger: quiet})
	if err != nil {
		panic(err)
	}
	defer q.Close()

	// A worker (usually another process: noderun worker --nats ...).
	runner := queue.RunnerFunc(func(_ context.Context, job *queue.Job, _ func(*nodes.WebhookResponse)) (*queue.Outcome, error) {
		return &queue.Outcome{Status: "success"}, nil
	})
	go func() { _ = q.Work(ctx, runner, queue.WorkerOptions{Name: "worker-1"}) }()

	// The main instance stores what workers report.
	final := make(chan *queue.Outcome, 1)
	go func() {
		_ = q.ConsumeOutcomes(ctx, func(_ context.Context, out *queue.Outcome) error {
			if out.Status != "running" {
				final <- out
			}
			return nil
		})
	}()

	job := &queue.Job{ExecutionID: "42", WorkflowID: "wf", Mode: "webhook", Workflow: []byte(`{"nodes":[],"connections":{}}`)}
	if err := q.Enqueue(ctx, job); err != nil {
		panic(err)
	}
	out := <-final
	fmt.Println(out.ExecutionID, out.Status, out.Worker)
	// Output: 42 success worker-1
}
