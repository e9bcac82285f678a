package queue_test

import (
	"context"
	"encoding/json"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/noderun/noderun/engine"
	"github.com/noderun/noderun/internal/queue"
	"github.com/noderun/noderun/nodes"
	"github.com/noderun/noderun/nodes/bundled"
)

// benchWorkflow is a small Manual Trigger -> Set -> If workflow.
const benchWorkflow = `{"name":"bench","nodes":[
{"id":"1","name":"Start","type":"n8n-nodes-base.manualTrigger","typeVersion":1,"position":[0,0],"parameters":{}},
{"id":"2","name":"Set","type":"n8n-nodes-base.set","typeVersion":3.4,"position":[200,0],"parameters":{"mode":"manual","includeOtherFields":true,"assignments":{"assignments":[
 {"id":"a1","name":"total","type":"number","value":"={{ $json.qty * $json.price }}"},
 {"id":"a2","name":"label","type":"string","value":"=Order {{ $json.id }}"}]},"options":{}}},
{"id":"3","name":"Big?","type":"n8n-nodes-base.if","typeVersion":2.2,"position":[400,0],"parameters":{"conditions":{"options":{"caseSensitive":true,"leftValue":"","typeValidation":"strict","version":2},"conditions":[{"id":"c1","leftValue":"={{ $json.total }}","rightValue":100,"operator":{"type":"number","operation":"gte"}}],"combinator":"and"},"options":{}}}
],"connections":{"Start":{"main":[[{"node":"Set","type":"main","index":0}]]},"Set":{"main":[[{"node":"Big?","type":"main","index":0}]]}},"settings":{"executionOrder":"v1"}}`

// engineRunner runs jobs with the real engine, as the worker command does.
func engineRunner(b *testing.B) queue.Runner {
	eng, err := bundled.NewEngine(bundled.Options{})
	if err != nil {
		b.Fatal(err)
	}
	return queue.RunnerFunc(func(ctx context.Context, job *queue.Job, _ func(*nodes.WebhookResponse)) (*queue.Outcome, error) {
		wf, err := engine.Parse(job.Workflow, "job "+job.ExecutionID, engine.Selector{})
		if err != nil {
			return nil, err
		}
		started := time.Now().UTC()
		res, err := eng.Run(ctx, wf, engine.RunOptions{Mode: job.Mode, Input: job.Input, ExecutionID: job.ExecutionID})
		if err != nil {
			return nil, err
		}
		raw, err := json.Marshal(res)
		if err != nil {
			return nil, err
		}
		return &queue.Outcome{Status: res.Status, StartedAt: started, StoppedAt: time.Now().UTC(), Result: raw}, nil
	})
}

// BenchmarkQueueThroughput measures executions per second through the
// queue: Enqueue -> 3 workers running the real engine -> outcome consumed.
func BenchmarkQueueThroughput(b *testing.B) {
	srv, _ := startServer(b, "")
	main := connect(b, srv.ClientURL(), queue.Options{Name: "main", AckWait: 30 * time.Second})
	var finals, failed atomic.Int64
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() {
		_ = main.ConsumeOutcomes(ctx, func(_ context.Context, out *queue.Outcome) error {
			if final(out.Status) {
				if out.Status != "success" {
					failed.Add(1)
				}
				finals.Add(1)
			}
			return nil
		})
	}()
	runner := engineRunner(b)
	for i := range 3 {
		name := fmt.Sprintf("w%d", i+1)
		work(b, main, runner, queue.WorkerOptions{Name: name})
	}
	input := []nodes.Item{
		{JSON: map[string]any{"id": 1.0, "qty": 3.0, "price": 49.5}},
		{JSON: map[string]any{"id": 2.0, "qty": 1.0, "price": 12.0}},
	}
	// Eight producers enqueue at once, as concurrent webhook calls do.
	ids := make(chan string, 64)
	var producers sync.WaitGroup
	for range 8 {
		producers.Add(1)
		go func() {
			defer producers.Done()
			for id := range ids {
				job := &queue.Job{ExecutionID: id, Mode: "webhook", Workflow: json.RawMessage(benchWorkflow), Input: input}
				if err := main.Enqueue(ctx, job); err != nil {
					b.Error(err)
				}
			}
		}()
	}
	seq := 0
	b.ResetTimer()
	start := time.Now()
	for b.Loop() {
		seq++
		ids <- fmt.Sprintf("bench-%d", seq)
	}
	close(ids)
	producers.Wait()
	deadline := time.Now().Add(patience + time.Duration(seq)*10*time.Millisecond)
	for finals.Load() < int64(seq) {
		if time.Now().After(deadline) {
			b.Fatalf("%d of %d executions finished", finals.Load(), seq)
		}
		time.Sleep(time.Millisecond)
	}
	elapsed := time.Since(start)
	b.StopTimer()
	if n := failed.Load(); n > 0 {
		b.Fatalf("%d executions failed", n)
	}
	b.ReportMetric(float64(seq)/elapsed.Seconds(), "execs/s")
}
