package server_test

import (
	"context"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/noderun/noderun/engine/executions"
)

func TestAPIRunGetList(t *testing.T) {
	t.Parallel()
	e := start(t, []string{"manual.json", "received.json"}, options{})

	if got := e.do("GET", "/healthz", "", nil); got.Code != 200 {
		t.Fatalf("healthz %d %s", got.Code, got.Body)
	}

	wfs := decode(t, e.do("GET", "/api/v1/workflows", "", nil).Body)
	var ids []any
	for _, w := range wfs["data"].([]any) {
		ids = append(ids, w.(map[string]any)["id"])
	}
	if diff := cmp.Diff([]any{"manual", "received"}, ids); diff != "" {
		t.Errorf("workflows (-want +got):\n%s", diff)
	}

	// Run without waiting: 202 and the id.
	got := e.do("POST", "/api/v1/workflows/manual/run", `{"input":[{"n":21}]}`, nil)
	if got.Code != http.StatusAccepted {
		t.Fatalf("run: %d %s", got.Code, got.Body)
	}
	id, _ := decode(t, got.Body)["executionId"].(string)
	if id == "" {
		t.Fatalf("run reply without executionId: %s", got.Body)
	}
	e.waitStatus(id, executions.StatusSuccess)
	exec := decode(t, e.do("GET", "/api/v1/executions/"+id+"?includeData=true", "", nil).Body)
	runData := exec["data"].(map[string]any)["resultData"].(map[string]any)["runData"].(map[string]any)
	out := runData["Double"].([]any)[0].(map[string]any)["data"].(map[string]any)["main"].([]any)[0].([]any)[0].(map[string]any)["json"]
	if diff := cmp.Diff(map[string]any{"doubled": 42.0}, out); diff != "" {
		t.Errorf("Double output (-want +got):\n%s", diff)
	}
	want := map[string]any{"id": id, "finished": true, "mode": "manual", "status": "success", "workflowId": "manual", "workflowName": "Run by API", "retryOf": nil, "retrySuccessId": nil, "waitTill": nil}
	ignore := cmpopts.IgnoreMapEntries(func(k string, _ any) bool {
		return k == "createdAt" || k == "startedAt" || k == "stoppedAt" || k == "data"
	})
	if diff := cmp.Diff(want, exec, ignore); diff != "" {
		t.Errorf("execution (-want +got):\n%s", diff)
	}
	if _, ok := decode(t, e.do("GET", "/api/v1/executions/"+id, "", nil).Body)["data"]; ok {
		t.Error("data without includeData")
	}

	// Run and wait: 200 with the finished execution; plain items too.
	got = e.do("POST", "/api/v1/workflows/manual/run", `{"input":[{"json":{"n":5}}],"wait":true}`, nil)
	if got.Code != http.StatusOK {
		t.Fatalf("run and wait: %d %s", got.Code, got.Body)
	}
	if s := decode(t, got.Body)["status"]; s != "success" {
		t.Errorf("waited run status %v", s)
	}

	// A failing run (unknown start node is refused up front).
	if got := e.do("POST", "/api/v1/workflows/manual/run", `{"startNode":"Nope"}`, nil); got.Code != http.StatusBadRequest {
		t.Errorf("unknown start node: %d %s", got.Code, got.Body)
	}
	if got := e.do("POST", "/api/v1/workflows/none/run", `{}`, nil); got.Code != http.StatusNotFound {
		t.Errorf("unknown workflow: %d %s", got.Code, got.Body)
	}
	if got := e.do("GET", "/api/v1/executions/nope", "", nil); got.Code != http.StatusNotFound {
		t.Errorf("unknown execution: %d %s", got.Code, got.Body)
	}

	// A webhook execution, then list with filters and paging.
	e.do("POST", "/webhook/received", `{"name":"x"}`, nil)
	e.waitStatus(e.onlyExecution("received"), executions.StatusSuccess)
	list := func(q string) (ids []string, next any) {
		m := decode(t, e.do("GET", "/api/v1/executions"+q, "", nil).Body)
		for _, x := range m["data"].([]any) {
			ids = append(ids, x.(map[string]any)["workflowId"].(string))
		}
		return ids, m["nextCursor"]
	}
	all, next := list("")
	if diff := cmp.Diff([]string{"received", "manual", "manual"}, all); diff != "" || next != nil {
		t.Errorf("list (-want +got):\n%s next %v", diff, next)
	}
	manual, _ := list("?workflowId=manual&status=success")
	if len(manual) != 2 {
		t.Errorf("manual successes %v", manual)
	}
	page1, cursor := list("?limit=2")
	page2, end := list(fmt.Sprintf("?limit=2&cursor=%v", cursor))
	if diff := cmp.Diff([]string{"received", "manual", "manual"}, append(page1, page2...)); diff != "" || end != nil {
		t.Errorf("pages (-want +got):\n%s end %v", diff, end)
	}
	if got := e.do("GET", "/api/v1/executions?status=bogus", "", nil); got.Code != http.StatusBadRequest {
		t.Errorf("bad status filter: %d", got.Code)
	}
}

func TestScheduleFires(t *testing.T) {
	t.Parallel()
	e := start(t, []string{"schedule.json"}, options{})
	id := e.onlyExecution("schedule")
	x := e.waitStatus(id, executions.StatusSuccess)
	if x.Mode != "trigger" || x.StartNode != "Schedule Trigger" {
		t.Errorf("mode %q start %q, want trigger, Schedule Trigger", x.Mode, x.StartNode)
	}
	items := lastOutput(t, x, "Stamp")
	if diff := cmp.Diff([]any{map[string]any{"fired": true}}, items); diff != "" {
		t.Errorf("Stamp output (-want +got):\n%s", diff)
	}
	// It keeps firing.
	end := time.Now().Add(deadline)
	for {
		list, _ := e.store.List(context.Background(), executions.Filter{WorkflowID: "schedule"})
		if len(list) >= 2 {
			break
		}
		if time.Now().After(end) {
			t.Fatalf("the schedule fired %d times", len(list))
		}
		time.Sleep(50 * time.Millisecond)
	}
}
