package server

import (
	"context"
	"log/slog"
	"path/filepath"
	"testing"
	"time"

	"github.com/noderun/noderun/engine"
	"github.com/noderun/noderun/engine/executions"
	"github.com/noderun/noderun/internal/queue"
	"github.com/noderun/noderun/nodes"
)

// TestStartOutlivesItsCaller: a call that ends (its caller hung up) while
// its execution is being stored and queued does not leave the execution
// half started: it is stored and its job published.
func TestStartOutlivesItsCaller(t *testing.T) {
	t.Parallel()
	emb, err := queue.StartEmbedded(queue.EmbeddedOptions{StoreDir: filepath.Join(t.TempDir(), "nats"), Port: -1})
	if err != nil {
		t.Fatal(err)
	}
	defer emb.Shutdown()
	q, err := queue.Connect(context.Background(), emb.ClientURL(), queue.Options{Name: t.Name()})
	if err != nil {
		t.Fatal(err)
	}
	defer q.Close()
	store := executions.NewMemory()
	s := &Server{cfg: Config{Store: store, Queue: q}, logger: slog.New(slog.DiscardHandler), baseURL: "http://localhost"}
	raw := []byte(`{"id":"w","name":"W","nodes":[{"name":"Start","type":"n8n-nodes-base.manualTrigger","parameters":{}}],"connections":{}}`)
	wf, err := engine.Parse(raw, "w.json", engine.Selector{})
	if err != nil {
		t.Fatal(err)
	}
	w := &workflow{ID: "w", WF: wf, JSON: raw}

	gone, cancel := context.WithCancel(context.Background())
	cancel()
	if err := s.start(gone, "e1", w, startRequest{mode: "webhook", startNode: "Start", input: []nodes.Item{{JSON: map[string]any{"a": 1.0}}}}); err != nil {
		t.Fatalf("start with an ended context: %v", err)
	}
	x, err := store.Get(context.Background(), "e1")
	if err != nil {
		t.Fatal(err)
	}
	if x.Status != executions.StatusNew {
		t.Errorf("status %s (%s), want new", x.Status, x.Error)
	}
	// The job is in the queue: a worker gets it.
	got := make(chan string, 1)
	wctx, stop := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		_ = q.Work(wctx, queue.RunnerFunc(func(ctx context.Context, job *queue.Job, _ func(*nodes.WebhookResponse)) (*queue.Outcome, error) {
			select {
			case got <- job.ExecutionID:
			default:
			}
			return &queue.Outcome{ExecutionID: job.ExecutionID, Status: executions.StatusSuccess}, nil
		}), queue.WorkerOptions{Concurrency: 1, Name: "test"})
	}()
	defer func() { stop(); <-done }()
	select {
	case id := <-got:
		if id != "e1" {
			t.Errorf("job for %s, want e1", id)
		}
	case <-time.After(time.Minute):
		t.Fatal("no job queued")
	}
}
