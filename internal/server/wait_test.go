package server_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/noderun/noderun/engine/executions"
	"github.com/noderun/noderun/nodes"
)

func TestWaitResumedByWebhook(t *testing.T) {
	t.Parallel()
	e := start(t, []string{"approval.json"}, options{})
	if got := e.do("POST", "/webhook/approval", `{"request":"a new laptop"}`, nil); got.Code != 200 {
		t.Fatalf("start: %d %s", got.Code, got.Body)
	}
	id := e.onlyExecution("approval")
	x := e.waitStatus(id, executions.StatusWaiting)
	if x.WaitTill == nil || !x.WaitTill.Equal(nodes.WaitIndefinitely) {
		t.Errorf("waitTill %v, want %v", x.WaitTill, nodes.WaitIndefinitely)
	}
	req := lastOutput(t, x, "Request")
	if diff := cmp.Diff([]any{map[string]any{"request": "a new laptop", "approveUrl": e.url + "/webhook-waiting/" + id}}, req); diff != "" {
		t.Errorf("Request output (-want +got):\n%s", diff)
	}

	if got := e.do("GET", "/webhook-waiting/"+id, "", nil); got.Code != 404 {
		t.Errorf("wrong method: %d %s", got.Code, got.Body)
	}
	if got := e.do("POST", "/webhook-waiting/nope", `{}`, nil); got.Code != 404 || decode(t, got.Body)["message"] != `The execution "nope" does not exist.` {
		t.Errorf("unknown execution: %d %s", got.Code, got.Body)
	}

	// The Wait node answers in lastNode mode: the Decision.
	got := e.do("POST", "/webhook-waiting/"+id, `{"approved":true}`, nil)
	if got.Code != 200 {
		t.Fatalf("resume: %d %s", got.Code, got.Body)
	}
	want := map[string]any{"request": "a new laptop", "approved": true}
	if diff := cmp.Diff(want, decode(t, got.Body)); diff != "" {
		t.Errorf("resume reply (-want +got):\n%s", diff)
	}
	x = e.waitStatus(id, executions.StatusSuccess)
	if diff := cmp.Diff([]any{want}, lastOutput(t, x, "Decision")); diff != "" {
		t.Errorf("Decision output (-want +got):\n%s", diff)
	}
	if x.WaitTill != nil {
		t.Errorf("finished execution keeps waitTill %v", x.WaitTill)
	}
	got = e.do("POST", "/webhook-waiting/"+id, `{"approved":false}`, nil)
	if got.Code != 409 || decode(t, got.Body)["message"] != `The execution "`+id+` has finished already.` {
		t.Errorf("second call: %d %s", got.Code, got.Body)
	}
}

// TestWaitResumedByTracker: a two-hour wait is stored as waiting; moving
// its WaitTill into the past (as if two hours went by) lets the wait
// tracker resume it.
func TestWaitResumedByTracker(t *testing.T) {
	t.Parallel()
	e := start(t, []string{"later.json"}, options{})
	got := e.do("POST", "/api/v1/workflows/later/run", `{"input":[{"n":1}],"wait":true}`, nil)
	if got.Code != 200 {
		t.Fatalf("run: %d %s", got.Code, got.Body)
	}
	m := decode(t, got.Body)
	if m["status"] != "waiting" {
		t.Fatalf("status %v, want waiting", m["status"])
	}
	id := m["id"].(string)
	x := e.waitStatus(id, executions.StatusWaiting)
	if x.WaitTill == nil || x.WaitTill.Sub(time.Now()) < 115*time.Minute || x.WaitTill.Sub(time.Now()) > 121*time.Minute {
		t.Fatalf("waitTill %v, want about two hours from now", x.WaitTill)
	}
	// Still waiting a moment later: the tracker leaves it alone.
	time.Sleep(300 * time.Millisecond)
	if x, _ := e.store.Get(context.Background(), id); x.Status != executions.StatusWaiting {
		t.Fatalf("status %s before its time", x.Status)
	}
	past := time.Now().Add(-time.Second)
	if _, err := e.store.Update(context.Background(), id, executions.Transition{Status: executions.StatusWaiting, WaitTill: &past}); err != nil {
		t.Fatal(err)
	}
	x = e.waitStatus(id, executions.StatusSuccess)
	if diff := cmp.Diff([]any{map[string]any{"n": 1.0, "done": true}}, lastOutput(t, x, "Done")); diff != "" {
		t.Errorf("Done output (-want +got):\n%s", diff)
	}
	var res struct {
		RunData map[string][]json.RawMessage `json:"runData"`
	}
	_ = json.Unmarshal(x.Result, &res)
	if n := len(res.RunData["Wait"]); n != 1 {
		t.Errorf("Wait ran %d times, want 1", n)
	}
}

// TestGracefulShutdown: a running execution (an in-process wait of three
// seconds) finishes and is stored before Serve returns.
func TestGracefulShutdown(t *testing.T) {
	t.Parallel()
	e := start(t, []string{"slow.json"}, options{shutdown: deadline})
	if got := e.do("POST", "/webhook/slow", `{}`, nil); got.Code != 200 {
		t.Fatalf("start: %d %s", got.Code, got.Body)
	}
	id := e.onlyExecution("slow")
	e.waitStatus(id, executions.StatusRunning)
	if err := e.stop(); err != nil {
		t.Fatalf("Serve: %v", err)
	}
	x, err := e.store.Get(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	if x.Status != executions.StatusSuccess {
		t.Fatalf("status after shutdown %s %s, want success", x.Status, x.Error)
	}
	if diff := cmp.Diff([]any{map[string]any{"done": true}}, lastOutput(t, x, "Done")); diff != "" {
		t.Errorf("Done output (-want +got):\n%s", diff)
	}
}
