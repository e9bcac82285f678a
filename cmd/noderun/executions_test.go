package main

import (
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/noderun/noderun/engine"
	"github.com/noderun/noderun/engine/executions"
	"github.com/noderun/noderun/nodes"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("%s mismatch (-want +got):\n%s", path, diff)
	}
}

// t0 is the fixed start of the stored history.
var t0 = time.Date(2026, 3, 14, 9, 26, 53, 0, time.UTC)

func mustJSON(t *testing.T, v any) json.RawMessage {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// fillStore writes a small history to a new store at dir/executions.db
// through the store API, as serve would: Create, then Update.
func fillStore(t *testing.T, dir string) string {
	t.Helper()
	path := filepath.Join(dir, executionsDBName)
	store, err := executions.OpenSQLite(path)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	ctx := context.Background()
	wfEcho := json.RawMessage(`{"id":"webhook-echo","name":"Webhook echo","nodes":[],"connections":{}}`)
	wfSum := json.RawMessage(`{"id":"webhook-sum","name":"Webhook sum","nodes":[],"connections":{}}`)
	item := func(m map[string]any) nodes.Item { return nodes.Item{JSON: m} }
	okResult := &engine.Result{
		Status: engine.StatusSuccess, Finished: true, Mode: "webhook",
		StartedAt: t0.Add(time.Second), StoppedAt: t0.Add(time.Second + 12*time.Millisecond),
		LastNodeExecuted: "Respond to Webhook",
		RunData: map[string][]*engine.TaskData{
			"Webhook": {{ExecutionIndex: 0, ExecutionStatus: "success", ExecutionTime: 1,
				Data: &engine.TaskOutput{Main: nodes.Outputs{{item(map[string]any{"body": map[string]any{"name": "Ada"}})}}}}},
			"Greet": {{ExecutionIndex: 1, ExecutionStatus: "success", ExecutionTime: 3,
				Source: []*engine.Source{{PreviousNode: "Webhook"}},
				Data:   &engine.TaskOutput{Main: nodes.Outputs{{item(map[string]any{"greeting": "Hello, Ada!"})}}}}},
			"Respond to Webhook": {{ExecutionIndex: 2, ExecutionStatus: "success", ExecutionTime: 2,
				Source: []*engine.Source{{PreviousNode: "Greet"}},
				Data:   &engine.TaskOutput{Main: nodes.Outputs{{item(map[string]any{"greeting": "Hello, Ada!"})}}}}},
		},
	}
	nodeErr := nodes.NewOperationError("Sum", "a is not a number")
	errResult := &engine.Result{
		Status: engine.StatusError, Mode: "webhook",
		StartedAt: t0.Add(2 * time.Second), StoppedAt: t0.Add(2*time.Second + 1500*time.Millisecond),
		LastNodeExecuted: "Sum", Error: nodeErr,
		RunData: map[string][]*engine.TaskData{
			"Webhook": {{ExecutionIndex: 0, ExecutionStatus: "success", ExecutionTime: 0,
				Data: &engine.TaskOutput{Main: nodes.Outputs{{item(map[string]any{"query": map[string]any{"a": "x"}}), item(map[string]any{})}}}}},
			"Sum": {{ExecutionIndex: 1, ExecutionStatus: "error", ExecutionTime: 1490, Error: nodeErr,
				Source: []*engine.Source{{PreviousNode: "Webhook"}}}},
		},
	}
	waitTill := nodes.WaitIndefinitely
	waitResult := &engine.Result{
		Status: engine.StatusWaiting, Mode: "webhook", StartedAt: t0.Add(3 * time.Second),
		LastNodeExecuted: "Wait", WaitTill: &waitTill,
		RunData: map[string][]*engine.TaskData{
			"Webhook": {{ExecutionIndex: 0, ExecutionStatus: "success",
				Data: &engine.TaskOutput{Main: nodes.Outputs{{item(map[string]any{})}}}}},
			"Wait": {{ExecutionIndex: 1, ExecutionStatus: "waiting", Source: []*engine.Source{{PreviousNode: "Webhook"}}}},
		},
	}
	type row struct {
		e *executions.Execution
		t *executions.Transition
	}
	rows := []row{
		{&executions.Execution{ID: "1", WorkflowID: "webhook-echo", WorkflowName: "Webhook echo", Mode: "webhook", Workflow: wfEcho,
			StartNode: "Webhook", Input: json.RawMessage(`[{"json":{"body":{"name":"Ada"}}}]`)},
			&executions.Transition{Status: executions.StatusSuccess, StartedAt: okResult.StartedAt, StoppedAt: okResult.StoppedAt, Result: mustJSON(t, okResult)}},
		{&executions.Execution{ID: "2", WorkflowID: "webhook-sum", WorkflowName: "Webhook sum", Mode: "webhook", Workflow: wfSum, StartNode: "Webhook"},
			&executions.Transition{Status: executions.StatusError, StartedAt: errResult.StartedAt, StoppedAt: errResult.StoppedAt, Result: mustJSON(t, errResult)}},
		{&executions.Execution{ID: "3", WorkflowID: "webhook-wait-approval", WorkflowName: "Approval", Mode: "webhook", Workflow: wfEcho, StartNode: "Webhook"},
			&executions.Transition{Status: executions.StatusWaiting, StartedAt: waitResult.StartedAt, WaitTill: &waitTill, Result: mustJSON(t, waitResult)}},
		{&executions.Execution{ID: "4", WorkflowID: "webhook-sum", WorkflowName: "Webhook sum", Mode: "webhook", Workflow: wfSum, StartNode: "Webhook"},
			&executions.Transition{Status: executions.StatusCrashed, StartedAt: t0.Add(4 * time.Second), StoppedAt: t0.Add(5*time.Minute + 4*time.Second),
				Error: "job delivered 3 times without finishing (worker lost)"}},
		{&executions.Execution{ID: "5", WorkflowID: "schedule-heartbeat", WorkflowName: "Schedule heartbeat", Mode: "trigger", Workflow: wfEcho}, nil},
	}
	for i, r := range rows {
		r.e.Status = executions.StatusNew
		r.e.CreatedAt = t0.Add(time.Duration(i) * time.Second)
		if err := store.Create(ctx, r.e); err != nil {
			t.Fatalf("create %s: %v", r.e.ID, err)
		}
		if r.t == nil {
			continue
		}
		if applied, err := store.Update(ctx, r.e.ID, *r.t); err != nil || !applied {
			t.Fatalf("update %s: applied %v, %v", r.e.ID, applied, err)
		}
	}
	return path
}

func TestExecutionsCLI(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	db := fillStore(t, dir)
	tests := []struct {
		name     string
		args     []string
		wantCode int
		golden   string   // stdout golden file, when set
		stderr   []string // substrings of stderr
	}{
		{"list", []string{"list", "--data", dir}, exitOK, "executions/list.txt", nil},
		{"list by db", []string{"list", "--db", db}, exitOK, "executions/list.txt", nil},
		{"list errors", []string{"list", "--db", db, "--status", "error"}, exitOK, "executions/list-error.txt", nil},
		{"list workflow limit", []string{"list", "--db", db, "--workflow", "webhook-sum", "--limit", "1"}, exitOK, "executions/list-sum-1.txt", nil},
		{"list page", []string{"list", "--db", db, "--limit", "2", "--before", "4"}, exitOK, "executions/list-before-4.txt", nil},
		{"list none", []string{"list", "--db", db, "--status", "canceled"}, exitOK, "executions/list-none.txt", nil},
		{"list json", []string{"ls", "--db", db, "--json"}, exitOK, "executions/list.json", nil},
		{"list json none", []string{"list", "--json", "--db", db, "--status", "canceled"}, exitOK, "executions/list-none.json", nil},
		{"show success", []string{"show", "1", "--db", db}, exitOK, "executions/show-1.txt", nil},
		{"show error", []string{"show", "--db", db, "2"}, exitOK, "executions/show-2.txt", nil},
		{"show waiting", []string{"show", "--db", db, "3"}, exitOK, "executions/show-3.txt", nil},
		{"show crashed", []string{"show", "--db", db, "4"}, exitOK, "executions/show-4.txt", nil},
		{"show queued", []string{"show", "--db", db, "5"}, exitOK, "executions/show-5.txt", nil},
		{"show json", []string{"show", "--db", db, "--json", "1"}, exitOK, "executions/show-1.json", nil},
		{"show unknown id", []string{"show", "--db", db, "42"}, exitFail, "", []string{`noderun executions show: no execution with id "42"`}},
		{"show without id", []string{"show", "--db", db}, exitUsage, "", []string{"Usage: noderun executions"}},
		{"show two ids", []string{"show", "--db", db, "1", "2"}, exitUsage, "", []string{"Usage: noderun executions"}},
		{"bad status", []string{"list", "--db", db, "--status", "done"}, exitUsage, "", []string{`--status "done": want one of new, running, waiting, success, error, canceled, crashed`}},
		{"bad limit", []string{"list", "--db", db, "--limit", "0"}, exitUsage, "", []string{"--limit 0"}},
		{"bad flag", []string{"list", "--db", db, "--colour"}, exitUsage, "", []string{"flag provided but not defined: -colour"}},
		{"unknown subcommand", []string{"purge"}, exitUsage, "", []string{`unknown subcommand "purge"`}},
		{"no store", []string{"list", "--data", filepath.Join(dir, "nothing")}, exitFail, "", []string{"no execution store at " + filepath.Join(dir, "nothing", executionsDBName)}},
		{"no subcommand", nil, exitUsage, "", []string{"Usage: noderun executions <subcommand>"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			code, stdout, stderr := noderun(t, append([]string{"executions"}, tt.args...)...)
			if code != tt.wantCode {
				t.Errorf("exit %d, want %d\nstdout: %s\nstderr: %s", code, tt.wantCode, stdout, stderr)
			}
			if tt.golden != "" {
				golden(t, tt.golden, stdout)
			} else if stdout != "" {
				t.Errorf("stdout: %q, want nothing", stdout)
			}
			for _, s := range tt.stderr {
				if !strings.Contains(stderr, s) {
					t.Errorf("stderr lacks %q:\n%s", s, stderr)
				}
			}
		})
	}
}

// TestExecutionsShowJSONRoundTrip checks that show --json prints the stored
// execution whole: it decodes back to what the store returns.
func TestExecutionsShowJSONRoundTrip(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	db := fillStore(t, dir)
	code, stdout, stderr := noderun(t, "executions", "show", "--json", "--db", db, "2")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var got executions.Execution
	if err := json.Unmarshal([]byte(stdout), &got); err != nil {
		t.Fatal(err)
	}
	store, err := executions.OpenSQLite(db)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	want, err := store.Get(context.Background(), "2")
	if err != nil {
		t.Fatal(err)
	}
	want.Result, got.Result = compactJSON(t, want.Result), compactJSON(t, got.Result)
	want.Workflow, got.Workflow = compactJSON(t, want.Workflow), compactJSON(t, got.Workflow)
	want.Input, got.Input = compactJSON(t, want.Input), compactJSON(t, got.Input)
	if diff := cmp.Diff(*want, got); diff != "" {
		t.Errorf("execution (-want +got):\n%s", diff)
	}
}

func compactJSON(t *testing.T, raw json.RawMessage) json.RawMessage {
	t.Helper()
	if len(raw) == 0 {
		return nil
	}
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		t.Fatal(err)
	}
	return mustJSON(t, v)
}
