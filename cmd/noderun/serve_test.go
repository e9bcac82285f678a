package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/noderun/noderun/engine/executions"
	"github.com/noderun/noderun/internal/queue"
)

// syncBuffer is a bytes.Buffer safe for the concurrent writes of a
// running command and the reads of its test.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// process is serve or worker running in a goroutine.
type process struct {
	t      *testing.T
	name   string
	cancel context.CancelFunc
	done   chan int
	stderr *syncBuffer
}

// start runs main (serve or worker) with args until stop.
func start(t *testing.T, name string, main func(context.Context, []string, io.Writer, io.Writer) int, args ...string) *process {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	p := &process{t: t, name: name, cancel: cancel, done: make(chan int, 1), stderr: &syncBuffer{}}
	go func() { p.done <- main(ctx, args, io.Discard, p.stderr) }()
	t.Cleanup(func() {
		cancel()
		select {
		case <-p.done:
		case <-time.After(time.Minute):
			t.Errorf("%s did not stop; log:\n%s", name, p.stderr.String())
		}
	})
	return p
}

// logged waits until the log has a line matching re and returns its first
// group.
func (p *process) logged(re *regexp.Regexp) string {
	p.t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		if m := re.FindStringSubmatch(p.stderr.String()); m != nil {
			return m[1]
		}
		select {
		case code := <-p.done:
			p.t.Fatalf("%s exited with %d before logging %s; log:\n%s", p.name, code, re, p.stderr.String())
		case <-time.After(20 * time.Millisecond):
		}
	}
	p.t.Fatalf("%s never logged %s; log:\n%s", p.name, re, p.stderr.String())
	return ""
}

// stop cancels the process (SIGINT) and checks it exits with 0.
func (p *process) stop() {
	p.t.Helper()
	p.cancel()
	select {
	case code := <-p.done:
		if code != exitOK {
			p.t.Errorf("%s exited with %d, want 0; log:\n%s", p.name, code, p.stderr.String())
		}
		p.done <- code // for the cleanup
	case <-time.After(time.Minute):
		p.t.Fatalf("%s did not stop; log:\n%s", p.name, p.stderr.String())
	}
}

var (
	listeningRe = regexp.MustCompile(`msg=listening addr=(\S+)`)
	natsRe      = regexp.MustCompile(`msg="embedded NATS" url=(\S+)`)
)

// emptyCredentials writes an empty credentials file, so no test opens the
// user's credential store.
func emptyCredentials(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "credentials.json")
	if err := os.WriteFile(path, []byte("{}"), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

var client = &http.Client{Timeout: 30 * time.Second}

// call sends a request and returns the status, a header and the body.
func call(t *testing.T, method, url, body string) (int, http.Header, string) {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, url, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, resp.Header, string(b)
}

// jsonEqual compares a JSON body with want.
func jsonEqual(t *testing.T, what, body string, want any) {
	t.Helper()
	var got any
	if err := json.Unmarshal([]byte(body), &got); err != nil {
		t.Fatalf("%s: %v in %q", what, err, body)
	}
	wb, _ := json.Marshal(want)
	var w any
	json.Unmarshal(wb, &w)
	if diff := cmp.Diff(w, got); diff != "" {
		t.Errorf("%s (-want +got):\n%s", what, diff)
	}
}

// listExecutions reads the store with `noderun executions list --json`.
func listExecutions(t *testing.T, dataDir string, args ...string) []executions.Execution {
	t.Helper()
	code, stdout, stderr := noderun(t, append([]string{"executions", "list", "--json", "--data", dataDir}, args...)...)
	if code != exitOK {
		t.Fatalf("executions list: exit %d: %s", code, stderr)
	}
	var list []executions.Execution
	if err := json.Unmarshal([]byte(stdout), &list); err != nil {
		t.Fatal(err)
	}
	return list
}

// checkExamples calls the example webhooks of workflows/ on a server.
func checkExamples(t *testing.T, base string) {
	t.Helper()
	code, hdr, body := call(t, "POST", base+"/webhook/echo?lang=en", `{"name": "Ada"}`)
	if code != http.StatusOK {
		t.Fatalf("POST /webhook/echo: %d %s", code, body)
	}
	if got := hdr.Get("X-Noderun-Example"); got != "webhook-echo" {
		t.Errorf("X-Noderun-Example header %q, want webhook-echo", got)
	}
	jsonEqual(t, "echo reply", body, map[string]any{
		"greeting": "Hello, Ada!", "echo": map[string]any{"name": "Ada"}, "query": map[string]any{"lang": "en"},
	})
	code, _, body = call(t, "GET", base+"/webhook/sum?a=2&b=3", "")
	if code != http.StatusOK {
		t.Fatalf("GET /webhook/sum: %d %s", code, body)
	}
	jsonEqual(t, "sum reply", body, map[string]any{"a": 2, "b": 3, "sum": 5})
	if code, _, body := call(t, "GET", base+"/webhook/echo", ""); code != http.StatusNotFound {
		t.Errorf("GET /webhook/echo (a POST webhook): %d %s, want 404", code, body)
	}
}

// TestServeExamples serves workflows/ with the embedded broker and an
// in-process worker, calls the example webhooks, stops serve and finds
// the executions in the history.
func TestServeExamples(t *testing.T) {
	t.Parallel()
	data := t.TempDir()
	srv := start(t, "serve", serve, "--addr", "127.0.0.1:0", "--data", data, "--workflows", "../../workflows",
		"--credentials", emptyCredentials(t), "--concurrency", "2")
	addr := srv.logged(listeningRe)
	base := "http://" + addr
	_, port, _ := strings.Cut(addr, ":")
	for _, line := range []string{
		`msg=webhook url="POST http://localhost:` + port + `/webhook/echo"`,
		`msg=webhook url="GET http://localhost:` + port + `/webhook/sum"`,
		`msg=schedule workflow=schedule-heartbeat node="Every 15 Minutes" next=`,
		`msg=schedule workflow=schedule-weekday-report node="Weekdays at 9" next=`,
	} {
		if !strings.Contains(srv.stderr.String(), line) {
			t.Errorf("serve log lacks %s:\n%s", line, srv.stderr.String())
		}
	}
	checkExamples(t, base)

	code, _, body := call(t, "GET", base+"/api/v1/executions?workflowId=webhook-echo", "")
	if code != http.StatusOK || !strings.Contains(body, `"webhook-echo"`) {
		t.Errorf("GET /api/v1/executions: %d %s", code, body)
	}
	code, _, body = call(t, "POST", base+"/api/v1/workflows/webhook-sum/run",
		`{"input": [{"query": {"a": "20", "b": "22"}}], "startNode": "Sum", "wait": true}`)
	if code != http.StatusOK || !strings.Contains(body, `"status":"success"`) || !strings.Contains(body, `"sum":42`) {
		t.Errorf("POST /api/v1/workflows/webhook-sum/run: %d %s", code, body)
	}
	checkApproval(t, data, base)
	srv.stop()
	wantModes := map[string][]string{"webhook-echo": {"webhook"}, "webhook-sum": {"manual", "webhook"}, "webhook-wait-approval": {"webhook"}}
	for wf, want := range wantModes {
		var modes []string
		for _, e := range listExecutions(t, data, "--workflow", wf) {
			if e.Status != executions.StatusSuccess {
				t.Errorf("execution %s of %s: status %s", e.ID, wf, e.Status)
			}
			modes = append(modes, e.Mode)
		}
		if diff := cmp.Diff(want, modes); diff != "" {
			t.Errorf("modes of the executions of %s, newest first (-want +got):\n%s", wf, diff)
		}
	}
	code, stdout, stderr := noderun(t, "executions", "show", "--data", data, listExecutions(t, data, "--workflow", "webhook-echo")[0].ID)
	if code != exitOK || !strings.Contains(stdout, "Respond to Webhook") || !regexp.MustCompile(`(?m)^status +success$`).MatchString(stdout) {
		t.Errorf("executions show: exit %d\n%s%s", code, stdout, stderr)
	}
}

// waitFor polls the history until an execution of workflow has status
// and returns it.
func waitFor(t *testing.T, dataDir, workflow, status string) executions.Execution {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		if list := listExecutions(t, dataDir, "--workflow", workflow, "--status", status); len(list) > 0 {
			return list[0]
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("no %s execution of %s after 30 s: %+v", status, workflow, listExecutions(t, dataDir, "--workflow", workflow))
	return executions.Execution{}
}

// showJSON reads one execution with `noderun executions show --json`.
func showJSON(t *testing.T, dataDir, id string) (e executions.Execution, result map[string]any) {
	t.Helper()
	code, stdout, stderr := noderun(t, "executions", "show", "--json", "--data", dataDir, id)
	if code != exitOK {
		t.Fatalf("executions show %s: exit %d: %s", id, code, stderr)
	}
	if err := json.Unmarshal([]byte(stdout), &e); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(e.Result, &result); err != nil {
		t.Fatalf("result of %s: %v", id, err)
	}
	return e, result
}

// firstItem is the first output item of node's first run in a result.
func firstItem(t *testing.T, result map[string]any, node string) map[string]any {
	t.Helper()
	defer func() {
		if r := recover(); r != nil {
			t.Fatalf("no output of %s in %v", node, result["runData"])
		}
	}()
	run := result["runData"].(map[string]any)[node].([]any)[0].(map[string]any)
	return run["data"].(map[string]any)["main"].([]any)[0].([]any)[0].(map[string]any)["json"].(map[string]any)
}

// checkApproval runs workflows/webhook-wait-approval.json: the webhook
// answers at once, the execution waits in its Wait node until its resume
// URL (from the run data in the history) is called.
func checkApproval(t *testing.T, dataDir, base string) {
	t.Helper()
	code, _, body := call(t, "POST", base+"/webhook/approval", `{"request": "more coffee"}`)
	if code != http.StatusOK {
		t.Fatalf("POST /webhook/approval: %d %s", code, body)
	}
	jsonEqual(t, "approval reply", body, map[string]any{"message": "Workflow was started"})
	waiting := waitFor(t, dataDir, "webhook-wait-approval", executions.StatusWaiting)
	_, result := showJSON(t, dataDir, waiting.ID)
	approveURL, _ := firstItem(t, result, "Request")["approveUrl"].(string)
	path, ok := strings.CutPrefix(approveURL, "http://localhost:")
	if !ok || !strings.HasSuffix(path, "/webhook-waiting/"+waiting.ID) {
		t.Fatalf("approveUrl %q, want http://localhost:PORT/webhook-waiting/%s", approveURL, waiting.ID)
	}
	_, path, _ = strings.Cut(path, "/")
	if code, _, body := call(t, "POST", base+"/"+path, `{"approved": true}`); code != http.StatusOK {
		t.Fatalf("POST %s: %d %s", approveURL, code, body)
	}
	done := waitFor(t, dataDir, "webhook-wait-approval", executions.StatusSuccess)
	if done.ID != waiting.ID {
		t.Errorf("execution %s finished, want the waiting %s", done.ID, waiting.ID)
	}
	_, result = showJSON(t, dataDir, done.ID)
	if diff := cmp.Diff(map[string]any{"request": "more coffee", "approved": true}, firstItem(t, result, "Decision")); diff != "" {
		t.Errorf("Decision output (-want +got):\n%s", diff)
	}
}

// TestServeNoWorkerWithWorker runs the main instance without a worker on
// its embedded broker and a separate worker connected to it.
func TestServeNoWorkerWithWorker(t *testing.T) {
	t.Parallel()
	data := t.TempDir()
	creds := emptyCredentials(t)
	srv := start(t, "serve", serve, "--addr", "127.0.0.1:0", "--data", data, "--workflows", "../../workflows",
		"--credentials", creds, "--no-worker", "--nats-port", "-1")
	natsURL := srv.logged(natsRe)
	base := "http://" + srv.logged(listeningRe)
	wrk := start(t, "worker", worker, "--nats", natsURL, "--credentials", creds, "--name", "w1", "--concurrency", "2")
	wrk.logged(regexp.MustCompile(`msg=(working)`))
	checkExamples(t, base)
	wrk.stop()
	srv.stop()
	for _, wf := range []string{"webhook-echo", "webhook-sum"} {
		list := listExecutions(t, data, "--workflow", wf, "--status", "success")
		if len(list) != 1 {
			t.Errorf("successful executions of %s: %+v, want 1", wf, list)
		}
	}
}

// TestServeSchedule activates a schedule that fires every second and reads
// its executions while serve runs.
func TestServeSchedule(t *testing.T) {
	t.Parallel()
	wfDir := t.TempDir()
	wf := `{
  "id": "every-second", "name": "Every second", "active": true,
  "nodes": [
    {"id": "1", "name": "Tick", "type": "n8n-nodes-base.scheduleTrigger", "typeVersion": 1.2, "position": [0, 0],
     "parameters": {"rule": {"interval": [{"field": "seconds", "secondsInterval": 1}]}}},
    {"id": "2", "name": "Stamp", "type": "n8n-nodes-base.set", "typeVersion": 3.4, "position": [220, 0],
     "parameters": {"assignments": {"assignments": [{"id": "a", "name": "tz", "type": "string", "value": "={{ $json.Timezone }}"}]}, "options": {}}}
  ],
  "connections": {"Tick": {"main": [[{"node": "Stamp", "type": "main", "index": 0}]]}},
  "settings": {"timezone": "UTC"}
}`
	if err := os.WriteFile(filepath.Join(wfDir, "every-second.json"), []byte(wf), 0o644); err != nil {
		t.Fatal(err)
	}
	data := t.TempDir()
	srv := start(t, "serve", serve, "--addr", "127.0.0.1:0", "--data", data, "--workflows", wfDir, "--credentials", emptyCredentials(t))
	srv.logged(listeningRe)
	deadline := time.Now().Add(30 * time.Second)
	var list []executions.Execution
	for time.Now().Before(deadline) {
		if list = listExecutions(t, data, "--workflow", "every-second", "--status", "success"); len(list) >= 2 {
			break
		}
		time.Sleep(200 * time.Millisecond)
	}
	if len(list) < 2 {
		t.Fatalf("after 30 s, successful schedule executions: %+v", list)
	}
	if list[0].Mode != "trigger" {
		t.Errorf("mode %q, want trigger", list[0].Mode)
	}
	srv.stop()
}

// TestServeActiveOnly checks that --active-only leaves out the example
// workflow marked inactive.
func TestServeActiveOnly(t *testing.T) {
	t.Parallel()
	srv := start(t, "serve", serve, "--addr", "127.0.0.1:0", "--data", t.TempDir(), "--workflows", "../../workflows",
		"--credentials", emptyCredentials(t), "--active-only")
	srv.logged(listeningRe)
	log := srv.stderr.String()
	if !strings.Contains(log, "msg=schedule workflow=schedule-heartbeat ") || strings.Contains(log, "workflow=schedule-weekday-report") {
		t.Errorf("with --active-only, want the schedule of schedule-heartbeat and not of schedule-weekday-report:\n%s", log)
	}
	srv.stop()
}

func TestServeWorkerUsage(t *testing.T) {
	t.Parallel()
	data, creds := t.TempDir(), emptyCredentials(t)
	tests := []struct {
		name   string
		args   []string
		stderr string
	}{
		{"serve missing workflows", []string{"serve", "--workflows", "does-not-exist"}, "--workflows does-not-exist: not a directory"},
		{"serve nats and nats-port", []string{"serve", "--workflows", "../../workflows", "--nats", "nats://127.0.0.1:1", "--nats-port", "4222"}, "--nats-port configures the embedded broker"},
		{"serve bad max-deliver", []string{"serve", "--workflows", "../../workflows", "--max-deliver", "0"}, "--max-deliver 0"},
		{"serve argument", []string{"serve", "extra"}, `unexpected argument "extra"`},
		{"serve bad log level", []string{"serve", "--workflows", "../../workflows", "--log-level", "loud"}, `--log-level "loud"`},
		{"serve unreachable nats", []string{"serve", "--workflows", "../../workflows", "--data", data, "--credentials", creds, "--nats", "nats://127.0.0.1:1"},
			"no servers available"},
		{"worker unreachable nats", []string{"worker", "--credentials", creds, "--nats", "nats://127.0.0.1:1"}, "no servers available"},
		{"worker without nats", []string{"worker"}, "--nats URL is required"},
		{"worker bad concurrency", []string{"worker", "--nats", "nats://127.0.0.1:1", "--concurrency", "0"}, "--concurrency 0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			code, _, stderr := noderun(t, tt.args...)
			if code != exitUsage || !strings.Contains(stderr, tt.stderr) {
				t.Errorf("exit %d, stderr:\n%s\nwant exit 2 and %q", code, stderr, tt.stderr)
			}
		})
	}
}

// TestServeExternalNATS runs serve --no-worker and two workers on a NATS
// server they share (--nats), spreading executions over the workers.
func TestServeExternalNATS(t *testing.T) {
	t.Parallel()
	broker, err := queue.StartEmbedded(queue.EmbeddedOptions{StoreDir: t.TempDir(), Port: -1})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(broker.Shutdown)
	data := t.TempDir()
	creds := emptyCredentials(t)
	srv := start(t, "serve", serve, "--addr", "127.0.0.1:0", "--data", data, "--workflows", "../../workflows",
		"--credentials", creds, "--no-worker", "--nats", broker.ClientURL())
	base := "http://" + srv.logged(listeningRe)
	if strings.Contains(srv.stderr.String(), "embedded NATS") {
		t.Errorf("serve --nats started an embedded broker:\n%s", srv.stderr.String())
	}
	for _, name := range []string{"w1", "w2"} {
		w := start(t, name, worker, "--nats", broker.ClientURL(), "--credentials", creds, "--name", name, "--concurrency", "1")
		w.logged(regexp.MustCompile(`msg=(working)`))
		defer w.stop()
	}
	const n = 20
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			code, _, body := call(t, "GET", fmt.Sprintf("%s/webhook/sum?a=%d&b=1", base, i), "")
			if code != http.StatusOK {
				t.Errorf("GET /webhook/sum: %d %s", code, body)
				return
			}
			jsonEqual(t, "sum reply", body, map[string]any{"a": i, "b": 1, "sum": i + 1})
		}()
	}
	wg.Wait()
	if list := listExecutions(t, data, "--workflow", "webhook-sum", "--status", "success", "--limit", "100"); len(list) != n {
		t.Errorf("%d successful executions, want %d", len(list), n)
	}
}

// TestServeRestartKeepsQueue queues runs on a serve without workers, stops
// it, and starts it again with a worker on the same data directory: the
// embedded broker kept the jobs, and every execution completes once.
func TestServeRestartKeepsQueue(t *testing.T) {
	t.Parallel()
	data := t.TempDir()
	creds := emptyCredentials(t)
	args := []string{"--addr", "127.0.0.1:0", "--data", data, "--workflows", "../../workflows", "--credentials", creds}
	first := start(t, "serve", serve, append(args, "--no-worker")...)
	base := "http://" + first.logged(listeningRe)
	const n = 5
	ids := map[string]bool{}
	for i := range n {
		code, _, body := call(t, "POST", base+"/api/v1/workflows/webhook-sum/run", fmt.Sprintf(`{"input": [{"query": {"a": "%d", "b": "1"}}], "startNode": "Sum"}`, i))
		if code != http.StatusAccepted {
			t.Fatalf("run: %d %s", code, body)
		}
		var r struct{ ExecutionID string }
		if err := json.Unmarshal([]byte(body), &r); err != nil || r.ExecutionID == "" {
			t.Fatalf("run reply %s: %v", body, err)
		}
		ids[r.ExecutionID] = true
	}
	first.stop()
	if list := listExecutions(t, data, "--workflow", "webhook-sum", "--status", "new"); len(list) != n {
		t.Fatalf("%d queued executions after the stop, want %d: %+v", len(list), n, list)
	}
	second := start(t, "serve", serve, args...)
	second.logged(listeningRe)
	deadline := time.Now().Add(30 * time.Second)
	var done []executions.Execution
	for time.Now().Before(deadline) {
		if done = listExecutions(t, data, "--workflow", "webhook-sum", "--status", "success"); len(done) == n {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	got := map[string]bool{}
	for _, e := range done {
		got[e.ID] = true
	}
	if diff := cmp.Diff(ids, got); diff != "" {
		t.Errorf("executions completed after the restart (-want +got):\n%s", diff)
	}
	second.stop()
	if list := listExecutions(t, data, "--workflow", "webhook-sum", "--limit", "100"); len(list) != n {
		t.Errorf("%d executions stored, want %d", len(list), n)
	}
}

// TestServeDrainsOnStop stops serve while a webhook execution runs: the
// execution finishes, the held request gets its reply and serve exits 0.
func TestServeDrainsOnStop(t *testing.T) {
	t.Parallel()
	wfDir := t.TempDir()
	wf := `{
  "id": "slow", "name": "Slow", "active": true,
  "nodes": [
    {"id": "1", "name": "Webhook", "type": "n8n-nodes-base.webhook", "typeVersion": 2, "position": [0, 0], "webhookId": "slow-1",
     "parameters": {"path": "slow", "responseMode": "lastNode", "options": {}}},
    {"id": "2", "name": "Wait", "type": "n8n-nodes-base.wait", "typeVersion": 1.1, "position": [220, 0], "webhookId": "slow-2",
     "parameters": {"amount": 2, "unit": "seconds"}},
    {"id": "3", "name": "Done", "type": "n8n-nodes-base.set", "typeVersion": 3.4, "position": [440, 0],
     "parameters": {"assignments": {"assignments": [{"id": "a", "name": "done", "type": "boolean", "value": true}]}, "options": {}}}
  ],
  "connections": {
    "Webhook": {"main": [[{"node": "Wait", "type": "main", "index": 0}]]},
    "Wait": {"main": [[{"node": "Done", "type": "main", "index": 0}]]}
  }
}`
	if err := os.WriteFile(filepath.Join(wfDir, "slow.json"), []byte(wf), 0o644); err != nil {
		t.Fatal(err)
	}
	data := t.TempDir()
	srv := start(t, "serve", serve, "--addr", "127.0.0.1:0", "--data", data, "--workflows", wfDir, "--credentials", emptyCredentials(t))
	base := "http://" + srv.logged(listeningRe)
	type reply struct {
		code int
		body string
	}
	replies := make(chan reply, 1)
	go func() {
		resp, err := client.Get(base + "/webhook/slow")
		if err != nil {
			replies <- reply{body: err.Error()}
			return
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		replies <- reply{resp.StatusCode, string(b)}
	}()
	running := waitFor(t, data, "slow", executions.StatusRunning)
	srv.stop()
	r := <-replies
	if r.code != http.StatusOK {
		t.Fatalf("GET /webhook/slow across the stop: %d %s", r.code, r.body)
	}
	jsonEqual(t, "slow reply", r.body, map[string]any{"done": true})
	if e, _ := showJSON(t, data, running.ID); e.Status != executions.StatusSuccess {
		t.Errorf("execution %s: %s after the drain, want success", e.ID, e.Status)
	}
}
