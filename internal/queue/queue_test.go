package queue_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/noderun/noderun/internal/queue"
	"github.com/noderun/noderun/nodes"
)

func TestManyExecutionsAcrossWorkersCompleteOnce(t *testing.T) {
	t.Parallel()
	srv, _ := startServer(t, "")
	// No worker dies here: a long AckWait keeps a stalled machine from
	// redelivering.
	opts := queue.Options{Name: "main", AckWait: 20 * time.Second}
	main := connect(t, srv.ClientURL(), opts)
	store := newFakeStore()
	consume(t, main, store)

	calls := newCounter()
	workers := map[string]bool{"w1": true, "w2": true, "w3": true}
	var stops []func()
	for name := range workers {
		wq := connect(t, srv.ClientURL(), queue.Options{Name: name, AckWait: opts.AckWait})
		stops = append(stops, work(t, wq, echoRunner(calls), queue.WorkerOptions{Name: name, Concurrency: 4}))
	}
	const n = 50
	all := ids("many", n)
	enqueue(t, main, all...)
	waitFor(t, "50 final executions", func() bool { return store.finals() == n })

	for _, id := range all {
		r, _ := store.get(id)
		if r.Status != "success" || r.Finals != 1 || !workers[r.Worker] {
			t.Errorf("%s: status %q, finals %d, worker %q; want success once by w1..w3", id, r.Status, r.Finals, r.Worker)
		}
		var res struct {
			Input []nodes.Item `json:"input"`
		}
		if err := json.Unmarshal(r.Result, &res); err != nil {
			t.Fatalf("%s result: %v", id, err)
		}
		if len(res.Input) != 1 || res.Input[0].Object()["id"] != id {
			t.Errorf("%s result input = %s, want the job's item", id, r.Result)
		}
		if c := calls.get(id); c != 1 {
			t.Errorf("%s: runner called %d times, want 1", id, c)
		}
	}
	for _, stop := range stops {
		stop()
	}
	in := inspect(t, srv.ClientURL())
	waitFor(t, "empty jobs and results streams", func() bool {
		return in.msgs(queue.JobsStream) == 0 && in.msgs(queue.ResultsStream) == 0
	})
}

func TestKilledWorkerLosesNothing(t *testing.T) {
	t.Parallel()
	srv, _ := startServer(t, "")
	opts := queue.Options{Name: "main", AckWait: 2 * time.Second}
	main := connect(t, srv.ClientURL(), opts)
	store := newFakeStore()
	consume(t, main, store)

	started := make(chan struct{}, 1)
	blocking := queue.RunnerFunc(func(ctx context.Context, job *queue.Job, _ func(*nodes.WebhookResponse)) (*queue.Outcome, error) {
		started <- struct{}{}
		<-ctx.Done()
		return &queue.Outcome{Status: "success"}, nil
	})
	victim, err := main.NewWorker(context.Background(), queue.WorkerOptions{Name: "victim", Concurrency: 1})
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- victim.Run(context.Background(), blocking) }()
	enqueue(t, main, "killed-1")
	select {
	case <-started:
	case <-time.After(patience):
		t.Fatal("the victim never started the job")
	}
	victim.Kill()
	if err := <-done; err != queue.ErrKilled {
		t.Errorf("Run after Kill = %v, want ErrKilled", err)
	}

	calls := newCounter()
	work(t, main, echoRunner(calls), queue.WorkerOptions{Name: "survivor"})
	waitFor(t, "the job to finish on the survivor", func() bool { return store.finals() == 1 })
	r, _ := store.get("killed-1")
	if r.Status != "success" || r.Worker != "survivor" || r.Finals != 1 {
		t.Errorf("record = %+v, want success once by survivor", r)
	}
	if got := calls.get("killed-1"); got != 1 {
		t.Errorf("survivor ran the job %d times, want 1", got)
	}
}

func TestMainRestartLosesNothing(t *testing.T) {
	t.Parallel()
	srv, dir := startServer(t, "")
	opts := queue.Options{Name: "main", AckWait: 20 * time.Second}
	main, err := queue.Connect(context.Background(), srv.ClientURL(), opts)
	if err != nil {
		t.Fatal(err)
	}
	store := newFakeStore()
	stopConsume := consume(t, main, store)
	calls := newCounter()
	stopWork := work(t, main, echoRunner(calls), queue.WorkerOptions{Name: "w1"})

	first := ids("before", 5)
	enqueue(t, main, first...)
	waitFor(t, "the first executions", func() bool { return store.finals() == len(first) })

	// The main's consumer goes down; outcomes pile up in the stream.
	stopConsume()
	piled := ids("piled", 15)
	enqueue(t, main, piled...)
	in := inspect(t, srv.ClientURL())
	waitFor(t, "piled outcomes (running + final each)", func() bool {
		return calls.total() >= len(first)+len(piled) && in.msgs(queue.ResultsStream) >= 2*len(piled)
	})
	stopWork() // drains: every job it took has reported
	// Jobs nobody runs yet stay queued across the restart too.
	queued := ids("queued", 10)
	enqueue(t, main, queued...)
	main.Close()
	in.nc.Close()

	srv.Shutdown()
	srv2, _ := startServer(t, dir)
	main2 := connect(t, srv2.ClientURL(), opts)
	consume(t, main2, store)
	work(t, main2, echoRunner(calls), queue.WorkerOptions{Name: "w2"})

	want := len(first) + len(piled) + len(queued)
	waitFor(t, "every execution final after the restart", func() bool { return store.finals() == want })
	for _, group := range [][]string{first, piled, queued} {
		for _, id := range group {
			r, _ := store.get(id)
			if r.Status != "success" || r.Finals != 1 {
				t.Errorf("%s: %+v, want success once", id, r)
			}
			if c := calls.get(id); c != 1 {
				t.Errorf("%s: runner called %d times, want 1", id, c)
			}
		}
	}
}

func TestHeartbeatKeepsLongJob(t *testing.T) {
	t.Parallel()
	srv, _ := startServer(t, "")
	opts := queue.Options{Name: "main", AckWait: 2 * time.Second}
	main := connect(t, srv.ClientURL(), opts)
	store := newFakeStore()
	consume(t, main, store)

	calls := newCounter()
	slow := queue.RunnerFunc(func(ctx context.Context, job *queue.Job, _ func(*nodes.WebhookResponse)) (*queue.Outcome, error) {
		calls.add(job.ExecutionID)
		// Four AckWaits: without heartbeats the job would be delivered
		// again to the other worker.
		time.Sleep(4 * opts.AckWait)
		return &queue.Outcome{Status: "success"}, nil
	})
	work(t, main, slow, queue.WorkerOptions{Name: "w1", Concurrency: 1})
	work(t, main, slow, queue.WorkerOptions{Name: "w2", Concurrency: 1})
	enqueue(t, main, "long-1")
	waitFor(t, "the long job", func() bool { return store.finals() == 1 })
	if got := calls.get("long-1"); got != 1 {
		t.Errorf("long job ran %d times, want 1", got)
	}
}

func TestMaxDeliverExhausted(t *testing.T) {
	t.Parallel()
	srv, _ := startServer(t, "")
	opts := queue.Options{Name: "main", AckWait: time.Second, MaxDeliver: 2}
	main := connect(t, srv.ClientURL(), opts)
	store := newFakeStore()
	consume(t, main, store)

	type exhausted struct {
		ID         string
		Generation int
		Deliveries int
	}
	got := make(chan exhausted, 4)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- main.OnExhausted(ctx, func(_ context.Context, id string, gen, deliveries int) {
			store.fail(id, "delivered too often")
			got <- exhausted{id, gen, deliveries}
		})
	}()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("OnExhausted: %v", err)
		}
	})

	// Each delivery goes to a worker that crashes mid-run.
	job := testJob("doomed")
	job.Generation = 2
	if err := main.Enqueue(context.Background(), job); err != nil {
		t.Fatal(err)
	}
	started := make(chan struct{}, 1)
	blocking := queue.RunnerFunc(func(ctx context.Context, _ *queue.Job, _ func(*nodes.WebhookResponse)) (*queue.Outcome, error) {
		started <- struct{}{}
		<-ctx.Done()
		return nil, ctx.Err()
	})
	for i := range opts.MaxDeliver {
		w, err := main.NewWorker(context.Background(), queue.WorkerOptions{Name: "crashy", Concurrency: 1})
		if err != nil {
			t.Fatal(err)
		}
		runDone := make(chan error, 1)
		go func() { runDone <- w.Run(context.Background(), blocking) }()
		select {
		case <-started:
		case <-time.After(patience):
			t.Fatalf("delivery %d never started", i+1)
		}
		w.Kill()
		<-runDone
	}
	// A healthy worker keeps asking for jobs; it must never get this one.
	calls := newCounter()
	work(t, main, echoRunner(calls), queue.WorkerOptions{Name: "healthy"})

	select {
	case e := <-got:
		if diff := cmp.Diff(exhausted{"doomed", 2, 2}, e); diff != "" {
			t.Errorf("OnExhausted (-want +got):\n%s", diff)
		}
	case <-time.After(patience):
		t.Fatal("OnExhausted was never called")
	}
	in := inspect(t, srv.ClientURL())
	waitFor(t, "the exhausted job deleted", func() bool { return in.msgs(queue.JobsStream) == 0 })
	if c := calls.get("doomed"); c != 0 {
		t.Errorf("healthy worker ran the exhausted job %d times", c)
	}
	r, _ := store.get("doomed")
	if r.Status != "error" || r.Finals != 1 {
		t.Errorf("record = %+v, want error once", r)
	}
}

func TestDuplicateAndFinishedJobsDoNotRunAgain(t *testing.T) {
	t.Parallel()
	srv, _ := startServer(t, "")
	main := connect(t, srv.ClientURL(), queue.Options{Name: "main", AckWait: 2 * time.Second})
	in := inspect(t, srv.ClientURL())

	// The same id twice: the second is dropped by the duplicate window.
	enqueue(t, main, "dup-1", "dup-1")
	if got := in.msgs(queue.JobsStream); got != 1 {
		t.Fatalf("jobs stream holds %d messages after enqueueing one job twice, want 1", got)
	}
	store := newFakeStore()
	consume(t, main, store)
	calls := newCounter()
	work(t, main, echoRunner(calls), queue.WorkerOptions{Name: "w1"})
	waitFor(t, "dup-1 final", func() bool { return store.finals() == 1 })

	// A finished job delivered again (its ack was lost) is acknowledged
	// without running.
	raw, err := json.Marshal(testJob("dup-1"))
	if err != nil {
		t.Fatal(err)
	}
	msg := &natsMsg{subject: queue.JobsSubject, data: raw, headers: map[string]string{
		"Nats-Msg-Id":          "replayed",
		"Noderun-Execution-Id": "dup-1",
		"Noderun-Generation":   "0",
	}}
	if err := msg.publish(in); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the replayed job acknowledged", func() bool { return in.msgs(queue.JobsStream) == 0 })
	if got := calls.get("dup-1"); got != 1 {
		t.Errorf("dup-1 ran %d times, want 1", got)
	}
}

func TestBigBinaryTravelsThroughObjectStore(t *testing.T) {
	t.Parallel()
	srv, _ := startServer(t, "")
	main := connect(t, srv.ClientURL(), queue.Options{Name: "main"})
	store := newFakeStore()
	consume(t, main, store)

	payload := make([]byte, 1<<20)
	for i := range payload {
		payload[i] = byte(i*7 + i/251)
	}
	data := b64(payload)
	bin := func() map[string]*nodes.BinaryData {
		return map[string]*nodes.BinaryData{"file": {Data: data, MimeType: "application/octet-stream", FileName: "big.bin"}}
	}
	job := testJob("big-1")
	job.Input = []nodes.Item{{JSON: map[string]any{"n": 1.0}, Binary: bin()}}
	job.Resume = &queue.Resume{
		Result: json.RawMessage(`{"status":"waiting","runData":{"Wait":[{"data":{"main":[[{"json":{"b":1,"a":2},"binary":{"file":{"data":"` + data + `","mimeType":"application/octet-stream"}}}]]}}]}}`),
		Input:  []nodes.Item{{JSON: map[string]any{"resumed": true}, Binary: bin()}},
	}

	var mu sync.Mutex
	var seen *queue.Job
	runner := queue.RunnerFunc(func(_ context.Context, job *queue.Job, _ func(*nodes.WebhookResponse)) (*queue.Outcome, error) {
		mu.Lock()
		seen = job
		mu.Unlock()
		res, err := json.Marshal(map[string]any{"runData": map[string]any{"Read": []any{map[string]any{"data": map[string]any{"main": [][]nodes.Item{job.Input}}}}}})
		return &queue.Outcome{Status: "success", Result: res}, err
	})
	work(t, main, runner, queue.WorkerOptions{Name: "w1"})
	if err := main.Enqueue(context.Background(), job); err != nil {
		t.Fatal(err)
	}
	if job.Input[0].Binary["file"].Data != data || job.Input[0].Binary["file"].ID != "" {
		t.Error("Enqueue modified the caller's job")
	}
	waitFor(t, "the big job", func() bool { return store.finals() == 1 })

	mu.Lock()
	if diff := cmp.Diff(job, seen); diff != "" {
		t.Errorf("job on the worker (-want +got):\n%.2000s", diff)
	}
	mu.Unlock()
	r, _ := store.get("big-1")
	var res struct {
		RunData map[string][]struct {
			Data struct {
				Main [][]nodes.Item `json:"main"`
			} `json:"data"`
		} `json:"runData"`
	}
	if err := json.Unmarshal(r.Result, &res); err != nil {
		t.Fatalf("result: %v", err)
	}
	got := res.RunData["Read"][0].Data.Main[0][0].Binary
	if diff := cmp.Diff(bin(), got); diff != "" {
		t.Errorf("result binary (-want +got):\n%.2000s", diff)
	}

	// The payload is in the object store under its content address.
	in := inspect(t, srv.ClientURL())
	objects, err := in.js.ObjectStore(context.Background(), queue.BinaryBucket)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256([]byte(data))
	stored, err := objects.GetBytes(context.Background(), "sha256-"+hex.EncodeToString(sum[:]))
	if err != nil {
		t.Fatalf("object of the binary: %v", err)
	}
	if string(stored) != data {
		t.Errorf("stored object differs from the payload (%d bytes, want %d)", len(stored), len(data))
	}
}

func TestHugeMessageBodyTravelsWhole(t *testing.T) {
	t.Parallel()
	srv, _ := startServer(t, "")
	main := connect(t, srv.ClientURL(), queue.Options{Name: "main"})
	store := newFakeStore()
	consume(t, main, store)
	work(t, main, echoRunner(newCounter()), queue.WorkerOptions{Name: "w1"})

	// 3 MiB of item JSON and no binary: the whole message goes to the
	// object store, both ways.
	text := strings.Repeat("noderun ", 3<<17)
	job := testJob("huge-1")
	job.Input = []nodes.Item{{JSON: map[string]any{"text": text}}}
	if err := main.Enqueue(context.Background(), job); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the huge job", func() bool { return store.finals() == 1 })
	r, _ := store.get("huge-1")
	var res struct {
		Input []nodes.Item `json:"input"`
	}
	if err := json.Unmarshal(r.Result, &res); err != nil {
		t.Fatalf("result: %v (status %s, error %s)", err, r.Status, r.Error)
	}
	if len(res.Input) != 1 || res.Input[0].Object()["text"] != text {
		t.Errorf("result input lost its text (status %s, error %s)", r.Status, r.Error)
	}
}

func TestResponses(t *testing.T) {
	t.Parallel()
	srv, _ := startServer(t, "")
	main := connect(t, srv.ClientURL(), queue.Options{Name: "main"})
	bodies := map[string]*nodes.WebhookResponse{
		"json":   {StatusCode: 201, Headers: map[string]string{"X-Test": "1"}, Body: map[string]any{"ok": true, "n": 2.0}},
		"string": {StatusCode: 200, Body: "plain text"},
		"bytes":  {StatusCode: 202, Headers: map[string]string{"Content-Type": "image/png"}, Body: []byte{0x89, 'P', 'N', 'G', 0}},
		"empty":  {StatusCode: 204},
	}
	runner := queue.RunnerFunc(func(_ context.Context, job *queue.Job, respond func(*nodes.WebhookResponse)) (*queue.Outcome, error) {
		if respond == nil {
			return nil, nil
		}
		respond(bodies[job.ExecutionID[len("resp/"):]])
		return &queue.Outcome{Status: "success"}, nil
	})
	work(t, main, runner, queue.WorkerOptions{Name: "w1"})
	for name, want := range bodies {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			id := "resp/" + name // a '/' must not break the subject
			ctx, cancel := context.WithTimeout(context.Background(), patience)
			defer cancel()
			ch, stop, err := main.Responses(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			defer stop()
			job := testJob(id)
			job.Respond = true
			if err := main.Enqueue(ctx, job); err != nil {
				t.Fatal(err)
			}
			select {
			case got := <-ch:
				if diff := cmp.Diff(want, got); diff != "" {
					t.Errorf("response (-want +got):\n%s", diff)
				}
			case <-ctx.Done():
				t.Fatal("no webhook response")
			}
		})
	}
}

func TestGracefulStopDrainsRunningJobs(t *testing.T) {
	t.Parallel()
	srv, _ := startServer(t, "")
	main := connect(t, srv.ClientURL(), queue.Options{Name: "main", AckWait: 2 * time.Second})
	store := newFakeStore()
	consume(t, main, store)

	started := make(chan struct{}, 1)
	release := make(chan struct{})
	calls := newCounter()
	runner := queue.RunnerFunc(func(ctx context.Context, job *queue.Job, _ func(*nodes.WebhookResponse)) (*queue.Outcome, error) {
		calls.add(job.ExecutionID)
		started <- struct{}{}
		<-release
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return &queue.Outcome{Status: "success"}, nil
	})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- main.Work(ctx, runner, queue.WorkerOptions{Name: "w1", Concurrency: 2}) }()
	enqueue(t, main, "drain-1")
	select {
	case <-started:
	case <-time.After(patience):
		t.Fatal("the job never started")
	}
	cancel()
	// Work must wait for the running job (the wait only ever makes the
	// check pass later on a slow machine, never fail).
	select {
	case err := <-done:
		t.Fatalf("Work returned (%v) while a job was running", err)
	case <-time.After(3 * time.Second):
	}
	close(release)
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Work = %v, want nil after a graceful stop", err)
		}
	case <-time.After(patience):
		t.Fatal("Work did not return after the running job finished")
	}
	waitFor(t, "the drained job stored", func() bool { return store.finals() == 1 })
	if r, _ := store.get("drain-1"); r.Status != "success" {
		t.Errorf("drained job = %+v, want success", r)
	}
	in := inspect(t, srv.ClientURL())
	waitFor(t, "the drained job acknowledged", func() bool { return in.msgs(queue.JobsStream) == 0 })
	if got := calls.get("drain-1"); got != 1 {
		t.Errorf("drained job ran %d times, want 1", got)
	}
}

func TestUnreadableJobFailsItsExecution(t *testing.T) {
	t.Parallel()
	srv, _ := startServer(t, "")
	main := connect(t, srv.ClientURL(), queue.Options{Name: "main", AckWait: 2 * time.Second, MaxDeliver: 2})
	store := newFakeStore()
	consume(t, main, store)
	calls := newCounter()
	work(t, main, echoRunner(calls), queue.WorkerOptions{Name: "w1"})

	in := inspect(t, srv.ClientURL())
	msg := &natsMsg{subject: queue.JobsSubject, data: []byte(`{"executionId": broken`), headers: map[string]string{
		"Noderun-Execution-Id": "garbled",
		"Noderun-Generation":   "1",
	}}
	if err := msg.publish(in); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the garbled execution failed", func() bool { return store.finals() == 1 })
	r, _ := store.get("garbled")
	if r.Status != "error" || !strings.Contains(r.Error, "could not read the job") || r.Finals != 1 {
		t.Errorf("record = %+v, want one error naming the unreadable job", r)
	}
	waitFor(t, "the garbled job removed", func() bool { return in.msgs(queue.JobsStream) == 0 })
	if n := calls.total(); n != 0 {
		t.Errorf("runner called %d times for an unreadable job", n)
	}
}
