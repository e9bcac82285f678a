package server_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/noderun/noderun/engine/executions"
)

// TestConcurrentWebhookCalls: 200 calls at once, each answered with its
// own result and stored once (run with -race).
func TestConcurrentWebhookCalls(t *testing.T) {
	t.Parallel()
	e := start(t, []string{"lastnode.json", "received.json"}, options{})
	const n = 200
	client := &http.Client{Timeout: deadline, Transport: &http.Transport{MaxIdleConnsPerHost: n}}
	var wg sync.WaitGroup
	errs := make(chan error, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			path, body := "/webhook/sum", fmt.Sprintf(`{"a":%d,"b":1000}`, i)
			if i%4 == 0 {
				path, body = "/webhook/received", fmt.Sprintf(`{"name":"n%d"}`, i)
			}
			resp, err := client.Post(e.url+path, "application/json", strings.NewReader(body))
			if err != nil {
				errs <- err
				return
			}
			defer resp.Body.Close()
			b, _ := io.ReadAll(resp.Body)
			want := fmt.Sprintf(`{"sum":%d}`, i+1000)
			if i%4 == 0 {
				want = `{"message":"Workflow was started"}`
			}
			if resp.StatusCode != 200 || strings.TrimSpace(string(b)) != want {
				errs <- fmt.Errorf("call %d: %d %s, want %s", i, resp.StatusCode, b, want)
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	for _, wf := range []string{"lastnode", "received"} {
		list, err := e.store.List(context.Background(), executions.Filter{WorkflowID: wf, Limit: executions.MaxLimit})
		if err != nil {
			t.Fatal(err)
		}
		want := n * 3 / 4
		if wf == "received" {
			want = n / 4
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
