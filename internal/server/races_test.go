package server_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/noderun/noderun/engine/executions"
	"github.com/noderun/noderun/internal/server"
)

// TestConcurrentWebhookCalls: 200 calls at once, each answered with its
// own result and stored once (run with -race).
func TestConcurrentWebhookCalls(t *testing.T) {
	t.Parallel()
	e := start(t, []string{"lastnode.json", "received.json", "responses.json"}, options{})
	const n = 200
	client := &http.Client{Timeout: deadline, Transport: &http.Transport{MaxIdleConnsPerHost: n}}
	var wg sync.WaitGroup
	errs := make(chan error, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			path, body := "/webhook/sum", fmt.Sprintf(`{"a":%d,"b":1000}`, i)
			wantCode, want := 200, fmt.Sprintf(`{"sum":%d}`, i+1000)
			switch i % 4 {
			case 0:
				path, body = "/webhook/received", fmt.Sprintf(`{"name":"n%d"}`, i)
				want = `{"message":"Workflow was started"}`
			case 1:
				// Only Run If, evaluated by concurrent calls.
				open := i%8 == 1
				path, body = "/webhook/gate", fmt.Sprintf(`{"open":%v}`, open)
				wantCode, want = 202, `{"message":"Webhook call received"}`
				if open {
					want = `{"message":"Workflow was started"}`
				}
			}
			resp, err := client.Post(e.url+path, "application/json", strings.NewReader(body))
			if err != nil {
				errs <- err
				return
			}
			defer resp.Body.Close()
			b, _ := io.ReadAll(resp.Body)
			if resp.StatusCode != wantCode || strings.TrimSpace(string(b)) != want {
				errs <- fmt.Errorf("call %d: %d %s, want %s", i, resp.StatusCode, b, want)
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	for wf, want := range map[string]int{"lastnode": n / 2, "received": n / 4, "responses": n / 8} {
		list, err := e.store.List(context.Background(), executions.Filter{WorkflowID: wf, Limit: executions.MaxLimit})
		if err != nil {
			t.Fatal(err)
		}
		if len(list) != want {
			t.Errorf("%s: %d executions stored, want %d", wf, len(list), want)
		}
		for _, x := range list {
			e.waitStatus(x.ID, executions.StatusSuccess)
		}
	}
}

// TestStartInputSurvivesRequeue: a call to a Webhook accepting several
// methods stores its start input with the method's output, so the job
// queued again after a restart runs the same branch; a caller that gives
// up does not stop its execution from being stored and queued.
func TestStartInputSurvivesRequeue(t *testing.T) {
	t.Parallel()
	e := start(t, []string{"methods.json"}, options{workers: -1})
	client := &http.Client{Timeout: 500 * time.Millisecond}
	if resp, err := client.Post(e.url+"/webhook/item", "application/json", strings.NewReader(`{"name":"Ada"}`)); err == nil {
		resp.Body.Close()
		t.Fatalf("lastNode call with no worker answered %d", resp.StatusCode)
	}
	id := e.onlyExecution("methods")
	x := e.waitStatus(id, executions.StatusNew)
	var lists [][]map[string]any
	if err := json.Unmarshal(x.Input, &lists); err != nil || len(lists) != 2 || len(lists[0]) != 0 || len(lists[1]) != 1 {
		t.Fatalf("stored input %s (%v), want the item on input 1", x.Input, err)
	}

	// The main instance stopped before publishing: the next one queues it.
	wf, err := os.ReadFile(filepath.Join("testdata", "methods.json"))
	if err != nil {
		t.Fatal(err)
	}
	seed := func(s executions.Store) {
		err := s.Create(context.Background(), &executions.Execution{
			ID: id, WorkflowID: "methods", WorkflowName: x.WorkflowName, Mode: "webhook", StartNode: "Hook",
			Status: executions.StatusNew, CreatedAt: time.Now(), Workflow: wf, Input: x.Input,
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	again := start(t, []string{"methods.json"}, options{seed: seed, memory: true})
	done := again.waitStatus(id, executions.StatusSuccess)
	if diff := cmp.Diff([]any{map[string]any{"branch": "write Ada"}}, lastOutput(t, done, "Write")); diff != "" {
		t.Errorf("Write output (-want +got):\n%s", diff)
	}
	var res struct {
		RunData map[string]json.RawMessage `json:"runData"`
	}
	if err := json.Unmarshal(done.Result, &res); err != nil {
		t.Fatal(err)
	}
	if _, ran := res.RunData["Read"]; ran {
		t.Errorf("the GET branch ran for a POST call")
	}
}

// TestShutdownAnswersWaitingCalls: a lastNode call still waiting when the
// drain time is over is answered 503 naming its execution, not an empty
// 200.
func TestShutdownAnswersWaitingCalls(t *testing.T) {
	t.Parallel()
	e := start(t, []string{"lastnode.json"}, options{workers: -1, shutdown: time.Second})
	type answer struct {
		code int
		body string
		err  error
	}
	answered := make(chan answer, 1)
	go func() {
		client := &http.Client{Timeout: deadline}
		resp, err := client.Post(e.url+"/webhook/sum", "application/json", strings.NewReader(`{"a":1,"b":2}`))
		if err != nil {
			answered <- answer{err: err}
			return
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		answered <- answer{code: resp.StatusCode, body: string(b)}
	}()
	id := e.onlyExecution("lastnode")
	if err := e.stop(); err != nil {
		t.Fatal(err)
	}
	a := <-answered
	if a.err != nil {
		t.Fatalf("call: %v", a.err)
	}
	if a.code != http.StatusServiceUnavailable || !strings.Contains(a.body, id) {
		t.Errorf("reply %d %s, want 503 naming %s", a.code, a.body, id)
	}
}

// TestConcurrentResumes: calls racing to resume one waiting execution
// resume it once; the others are told it is running already.
func TestConcurrentResumes(t *testing.T) {
	t.Parallel()
	e := start(t, []string{"approval.json"}, options{})
	if got := e.do("POST", "/webhook/approval", `{"request":"a chair"}`, nil); got.Code != 200 {
		t.Fatalf("start: %d %s", got.Code, got.Body)
	}
	id := e.onlyExecution("approval")
	e.waitStatus(id, executions.StatusWaiting)
	const n = 10
	codes := make(chan int, n)
	var wg sync.WaitGroup
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			client := &http.Client{Timeout: deadline}
			resp, err := client.Post(e.url+"/webhook-waiting/"+id, "application/json", strings.NewReader(`{"approved":true}`))
			if err != nil {
				t.Error(err)
				return
			}
			resp.Body.Close()
			codes <- resp.StatusCode
		}()
	}
	wg.Wait()
	close(codes)
	count := map[int]int{}
	for c := range codes {
		count[c]++
	}
	if count[200] != 1 || count[409] != n-1 {
		t.Errorf("replies %v, want one 200 and %d 409", count, n-1)
	}
	x := e.waitStatus(id, executions.StatusSuccess)
	var res struct {
		RunData map[string][]json.RawMessage `json:"runData"`
	}
	if err := json.Unmarshal(x.Result, &res); err != nil {
		t.Fatal(err)
	}
	if runs := len(res.RunData["Decision"]); runs != 1 {
		t.Errorf("Decision ran %d times, want 1", runs)
	}
}

// TestScheduleRestartFiresOnce: a main instance restarted right after a
// firing does not fire that moment again.
func TestScheduleRestartFiresOnce(t *testing.T) {
	t.Parallel()
	e := start(t, []string{"schedule.json"}, options{memory: true})
	waitCount := func(n int) {
		end := time.Now().Add(deadline)
		for e.countExecutions("schedule") < n {
			if time.Now().After(end) {
				t.Fatalf("the schedule fired %d times, want %d", e.countExecutions("schedule"), n)
			}
			time.Sleep(10 * time.Millisecond)
		}
	}
	waitCount(1)
	if err := e.stop(); err != nil {
		t.Fatal(err)
	}
	before := e.countExecutions("schedule")
	srv, err := server.New(e.cfg)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, stop := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ctx, ln) }()
	waitCount(before + 2)
	stop()
	if err := <-served; err != nil {
		t.Fatal(err)
	}
	list, err := e.store.List(context.Background(), executions.Filter{WorkflowID: "schedule", Limit: executions.MaxLimit})
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]string{}
	for _, summary := range list {
		x, err := e.store.Get(context.Background(), summary.ID)
		if err != nil {
			t.Fatal(err)
		}
		var items []struct {
			JSON map[string]any `json:"json"`
		}
		if err := json.Unmarshal(x.Input, &items); err != nil || len(items) != 1 {
			t.Fatalf("execution %s input %s", x.ID, x.Input)
		}
		stamp := fmt.Sprint(items[0].JSON["timestamp"])
		if prev, ok := seen[stamp]; ok {
			t.Errorf("executions %s and %s both fired at %s", prev, x.ID, stamp)
		}
		seen[stamp] = x.ID
	}
}

// TestPruneAtStart: the history is pruned when serve starts: finished
// executions beyond the newest MaxCount go, unfinished ones stay.
func TestPruneAtStart(t *testing.T) {
	t.Parallel()
	base := time.Now().Add(-time.Hour)
	till := time.Now().Add(time.Hour)
	var ids []string
	seed := func(s executions.Store) {
		for i := range 5 {
			x := &executions.Execution{WorkflowID: "old", Status: executions.StatusSuccess, CreatedAt: base.Add(time.Duration(i) * time.Minute),
				StartedAt: base, StoppedAt: base.Add(time.Second)}
			if i == 0 {
				x.Status, x.StoppedAt, x.WaitTill = executions.StatusWaiting, time.Time{}, &till
			}
			if err := s.Create(context.Background(), x); err != nil {
				t.Fatal(err)
			}
			ids = append(ids, x.ID)
		}
	}
	e := start(t, []string{"received.json"}, options{seed: seed, prune: executions.Prune{MaxCount: 2}, memory: true})
	end := time.Now().Add(deadline)
	for e.countExecutions("old") != 3 && time.Now().Before(end) {
		time.Sleep(20 * time.Millisecond)
	}
	var kept []string
	for _, id := range ids {
		if _, err := e.store.Get(context.Background(), id); err == nil {
			kept = append(kept, id)
		}
	}
	if diff := cmp.Diff([]string{ids[0], ids[3], ids[4]}, kept); diff != "" {
		t.Errorf("kept (-want +got):\n%s", diff)
	}
}

// TestHugeBodies: bodies over 16 MiB are refused with 413 and start
// nothing.
func TestHugeBodies(t *testing.T) {
	t.Parallel()
	e := start(t, []string{"manual.json", "received.json"}, options{memory: true})
	huge := `{"input":[{"pad":"` + strings.Repeat("x", 16<<20) + `"}]}`
	for _, path := range []string{"/api/v1/workflows/manual/run", "/webhook/received"} {
		if got := e.do("POST", path, huge, nil); got.Code != http.StatusRequestEntityTooLarge {
			t.Errorf("%s: %d %.200s", path, got.Code, got.Body)
		}
	}
	for _, wf := range []string{"manual", "received"} {
		if n := e.countExecutions(wf); n != 0 {
			t.Errorf("%s: %d executions for refused bodies", wf, n)
		}
	}
}
