package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/noderun/noderun/engine"
	"github.com/noderun/noderun/engine/executions"
	"github.com/noderun/noderun/internal/queue"
	"github.com/noderun/noderun/internal/server"
	"github.com/noderun/noderun/nodes/bundled"
)

// deadline bounds every wait on a condition: generous, for loaded
// machines.
const deadline = 60 * time.Second

// env is a running main instance on an embedded NATS server.
type env struct {
	t      testing.TB
	url    string
	store  executions.Store
	srv    *server.Server
	cfg    server.Config
	q      *queue.Queue
	eng    *engine.Engine
	cancel context.CancelFunc
	done   chan error
}

// options change the server config of a test.
type options struct {
	// workers: 0 means 4 in-process workers, -1 none.
	workers    int
	ackWait    time.Duration
	maxDeliver int
	// memory uses the memory store instead of SQLite.
	memory bool
	// seed fills the store before the server starts.
	seed        func(executions.Store)
	credentials map[string]any
	activeOnly  bool
	shutdown    time.Duration
	prune       executions.Prune
}

// start copies the workflows (files under testdata) into a temporary
// directory and serves them.
func start(t testing.TB, workflows []string, opts options) *env {
	t.Helper()
	dir := t.TempDir()
	wfDir := copyWorkflows(t, dir, workflows)
	credFile := filepath.Join(dir, "credentials.json")
	creds := opts.credentials
	if creds == nil {
		creds = map[string]any{}
	}
	b, _ := json.Marshal(creds)
	if err := os.WriteFile(credFile, b, 0o600); err != nil {
		t.Fatal(err)
	}
	emb, err := queue.StartEmbedded(queue.EmbeddedOptions{StoreDir: filepath.Join(dir, "nats"), Port: -1})
	if err != nil {
		t.Fatal(err)
	}
	quiet := slog.New(slog.DiscardHandler)
	if os.Getenv("NODERUN_TEST_LOG") != "" {
		quiet = slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))
	}
	ackWait := opts.ackWait
	if ackWait == 0 {
		ackWait = 5 * time.Second
	}
	q, err := queue.Connect(context.Background(), emb.ClientURL(), queue.Options{Name: t.Name(), AckWait: ackWait, MaxDeliver: opts.maxDeliver, Logger: quiet})
	if err != nil {
		emb.Shutdown()
		t.Fatal(err)
	}
	eng, err := bundled.NewEngine(bundled.Options{CredentialsFile: credFile, NodeDirs: []string{}})
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	url := "http://" + ln.Addr().String()
	workers := opts.workers
	switch workers {
	case 0:
		workers = 4
	case -1:
		workers = 0
	}
	// The SQLite store, as noderun serve uses; memory with opts.memory.
	var store executions.Store = executions.NewMemory()
	if !opts.memory {
		db, err := executions.OpenSQLite(filepath.Join(dir, "executions.db"))
		if err != nil {
			t.Fatal(err)
		}
		store = db
	}
	if opts.seed != nil {
		opts.seed(store)
	}
	cfg := server.Config{
		Engine:          eng,
		Store:           store,
		Queue:           q,
		WorkflowsDir:    wfDir,
		ActiveOnly:      opts.activeOnly,
		BaseURL:         url,
		Workers:         workers,
		ShutdownTimeout: opts.shutdown,
		Prune:           opts.prune,
		Logger:          quiet,
		WaitPoll:        100 * time.Millisecond,
	}
	srv, err := server.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	e := &env{t: t, url: url, store: store, srv: srv, cfg: cfg, q: q, eng: eng, cancel: cancel, done: make(chan error, 1)}
	go func() { e.done <- srv.Serve(ctx, ln) }()
	t.Cleanup(func() {
		e.stop()
		q.Close()
		emb.Shutdown()
		store.Close()
	})
	return e
}

// stop shuts the server down and returns Serve's error.
func (e *env) stop() error {
	e.cancel()
	select {
	case err, ok := <-e.done:
		if ok {
			close(e.done)
		}
		return err
	case <-time.After(deadline):
		e.t.Fatal("Serve did not return after the context ended")
		return nil
	}
}

// reply is an HTTP reply read whole.
type reply struct {
	Code   int
	Header http.Header
	Body   string
}

// do sends a request to the server.
func (e *env) do(method, path string, body string, header map[string]string) reply {
	e.t.Helper()
	req, err := http.NewRequest(method, e.url+path, strings.NewReader(body))
	if err != nil {
		e.t.Fatal(err)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	client := &http.Client{Timeout: deadline}
	resp, err := client.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return reply{Code: resp.StatusCode, Header: resp.Header, Body: string(bytes.TrimSpace(b))}
}

// decode parses a JSON reply body.
func decode(t testing.TB, body string) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(body), &m); err != nil {
		t.Fatalf("reply is not a JSON object: %v: %s", err, body)
	}
	return m
}

// waitFor polls the store until cond holds for execution id.
func (e *env) waitFor(id string, what string, cond func(*executions.Execution) bool) *executions.Execution {
	e.t.Helper()
	end := time.Now().Add(deadline)
	var last *executions.Execution
	for time.Now().Before(end) {
		x, err := e.store.Get(context.Background(), id)
		if err == nil {
			last = x
			if cond(x) {
				return x
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
	status := "<none>"
	if last != nil {
		status = last.Status + " " + last.Error
	}
	e.t.Fatalf("execution %s never became %s (last: %s)", id, what, status)
	return nil
}

// waitStatus waits for execution id to reach status.
func (e *env) waitStatus(id, status string) *executions.Execution {
	e.t.Helper()
	return e.waitFor(id, status, func(x *executions.Execution) bool { return x.Status == status })
}

// onlyExecution waits for the first execution of workflow wf and returns
// its id.
func (e *env) onlyExecution(wf string) string {
	e.t.Helper()
	end := time.Now().Add(deadline)
	for time.Now().Before(end) {
		list, err := e.store.List(context.Background(), executions.Filter{WorkflowID: wf})
		if err == nil && len(list) > 0 {
			return list[len(list)-1].ID
		}
		time.Sleep(20 * time.Millisecond)
	}
	e.t.Fatalf("no execution of workflow %s", wf)
	return ""
}

// lastOutput returns the json of the items of node's last run in a stored
// result.
func lastOutput(t testing.TB, x *executions.Execution, node string) []any {
	t.Helper()
	var r struct {
		RunData map[string][]struct {
			Data struct {
				Main [][]struct {
					JSON any `json:"json"`
				} `json:"main"`
			} `json:"data"`
		} `json:"runData"`
	}
	if err := json.Unmarshal(x.Result, &r); err != nil {
		t.Fatalf("stored result: %v", err)
	}
	runs := r.RunData[node]
	if len(runs) == 0 {
		t.Fatalf("node %q did not run: %s", node, x.Result)
	}
	var out []any
	main := runs[len(runs)-1].Data.Main
	if len(main) > 0 {
		for _, it := range main[0] {
			out = append(out, it.JSON)
		}
	}
	return out
}

// copyWorkflows copies the named files under testdata into dir/workflows
// and returns that directory.
func copyWorkflows(t testing.TB, dir string, workflows []string) string {
	t.Helper()
	wfDir := filepath.Join(dir, "workflows")
	if err := os.MkdirAll(wfDir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, name := range workflows {
		body, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(wfDir, name), body, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return wfDir
}
