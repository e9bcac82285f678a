package flow_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/noderun/noderun/engine"
	"github.com/noderun/noderun/nodes/bundled"
)

const child = `{"id":"child-1","name":"Child","nodes":[
 {"name":"Start","type":"n8n-nodes-base.executeWorkflowTrigger","typeVersion":1,"position":[0,0],"parameters":{}},
 {"name":"Double","type":"n8n-nodes-base.set","typeVersion":3.4,"position":[200,0],"parameters":{"mode":"manual","includeOtherFields":true,
   "assignments":{"assignments":[{"id":"1","name":"double","type":"number","value":"={{ $json.n * 2 }}"}]},"options":{}}}],
 "connections":{"Start":{"main":[[{"node":"Double","type":"main","index":0}]]}}}`

func parent(mode string) string {
	return `{"name":"Parent","nodes":[
 {"name":"Trigger","type":"n8n-nodes-base.manualTrigger","typeVersion":1,"position":[0,0],"parameters":{}},
 {"name":"Call","type":"n8n-nodes-base.executeWorkflow","typeVersion":1.2,"position":[200,0],
  "parameters":{"source":"database","workflowId":{"__rl":true,"mode":"id","value":"child-1"},"mode":"` + mode + `","options":{}}}],
 "connections":{"Trigger":{"main":[[{"node":"Call","type":"main","index":0}]]}},
 "pinData":{"Trigger":[{"json":{"n":1}},{"json":{"n":5}}]}}`
}

func TestExecuteWorkflow(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "child.json"), []byte(child), 0o600); err != nil {
		t.Fatal(err)
	}
	eng, err := bundled.NewEngine(bundled.Options{WorkflowsDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	for _, mode := range []string{"once", "each"} {
		wf, err := engine.Parse([]byte(parent(mode)), "parent.json", engine.Selector{})
		if err != nil {
			t.Fatal(err)
		}
		res, err := eng.Run(context.Background(), wf, engine.RunOptions{})
		if err != nil || res.Status != engine.StatusSuccess {
			t.Fatalf("%s: %v %+v", mode, err, res.Error)
		}
		out, _ := res.Output("Call", 0, 0)
		var got []any
		for _, it := range out {
			got = append(got, it.JSON, it.PairedItem.Items[0].Item)
		}
		want := []any{map[string]any{"n": 1.0, "double": 2.0}, 0, map[string]any{"n": 5.0, "double": 10.0}, 1}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", mode, diff)
		}
	}
}

func TestErrorWorkflow(t *testing.T) {
	t.Parallel()
	wfJSON := `{"id":"w1","name":"Fails","nodes":[
 {"name":"Trigger","type":"n8n-nodes-base.manualTrigger","typeVersion":1,"position":[0,0],"parameters":{}},
 {"name":"Stop","type":"n8n-nodes-base.stopAndError","typeVersion":1,"position":[200,0],"parameters":{"errorMessage":"boom"}},
 {"name":"On Error","type":"n8n-nodes-base.errorTrigger","typeVersion":1,"position":[0,300],"parameters":{}},
 {"name":"Report","type":"n8n-nodes-base.noOp","typeVersion":1,"position":[200,300],"parameters":{}}],
 "connections":{"Trigger":{"main":[[{"node":"Stop","type":"main","index":0}]]},"On Error":{"main":[[{"node":"Report","type":"main","index":0}]]}}}`
	wf, err := engine.Parse([]byte(wfJSON), "fails.json", engine.Selector{})
	if err != nil {
		t.Fatal(err)
	}
	eng, err := bundled.NewEngine(bundled.Options{})
	if err != nil {
		t.Fatal(err)
	}
	res, err := eng.Run(context.Background(), wf, engine.RunOptions{ExecutionID: "42"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Status != engine.StatusError || res.ErrorExecution == nil {
		t.Fatalf("status %s, error execution %v", res.Status, res.ErrorExecution)
	}
	if _, ran := res.RunData["Report"]; ran {
		t.Error("the error branch ran in the main execution")
	}
	items, _ := res.ErrorExecution.Output("Report", 0, 0)
	if len(items) != 1 {
		t.Fatalf("report items %v", items)
	}
	exec := items[0].Object()["execution"].(map[string]any)
	if diff := cmp.Diff([]any{"42", "Stop", "manual", "boom"}, []any{exec["id"], exec["lastNodeExecuted"], exec["mode"], exec["error"].(map[string]any)["message"]}); diff != "" {
		t.Error(diff)
	}

}
