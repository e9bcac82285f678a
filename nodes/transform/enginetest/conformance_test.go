package enginetest_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/noderun/noderun/engine"
	"github.com/noderun/noderun/nodes"
	"github.com/noderun/noderun/nodes/core"
	"github.com/noderun/noderun/nodes/transform"
)

// TestEngineConformance runs the recorded n8n cases of this package's
// nodes through the real engine (with the core nodes for triggers, Set and
// Filter) and compares status, every node's runs, outputs, json and
// pairedItem with n8n's.
func TestEngineConformance(t *testing.T) {
	t.Parallel()
	reg := nodes.NewRegistry()
	for _, register := range []func(*nodes.Registry) error{core.Register, transform.Register} {
		if err := register(reg); err != nil {
			t.Fatal(err)
		}
	}
	dirs, err := filepath.Glob("../testdata/conformance/*/workflow.json")
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no cases: %v", err)
	}
	for i := range dirs {
		dirs[i] = filepath.Dir(dirs[i])
	}
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			t.Parallel()
			raw, err := os.ReadFile(filepath.Join(dir, "workflow.json"))
			if err != nil {
				t.Fatal(err)
			}
			wf, err := engine.Parse(raw, "workflow.json", engine.Selector{})
			if err != nil {
				t.Fatalf("parse: %v", err)
			}
			res, err := engine.New(reg).Run(context.Background(), wf, engine.RunOptions{Mode: "manual"})
			if err != nil && res == nil {
				t.Fatalf("run: %v", err)
			}
			var got, want map[string]any
			b, err := json.Marshal(res)
			if err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal(b, &got); err != nil {
				t.Fatal(err)
			}
			eb, err := os.ReadFile(filepath.Join(dir, "expected.json"))
			if err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal(eb, &want); err != nil {
				t.Fatal(err)
			}
			if len(want["runData"].(map[string]any)) == 0 {
				t.Fatal("case has no runData")
			}
			if diff := cmp.Diff(projectRun(want), projectRun(got)); diff != "" {
				t.Errorf("(-n8n +noderun):\n%s", diff)
			}
		})
	}
}

// projectRun keeps status, last node and, per node run, the execution
// status, source and the items' json and pairedItem.
func projectRun(r map[string]any) any {
	runData := map[string]any{}
	rd, _ := r["runData"].(map[string]any)
	for name, runs := range rd {
		var pr []any
		list, _ := runs.([]any)
		for _, x := range list {
			task, _ := x.(map[string]any)
			data, _ := task["data"].(map[string]any)
			main, _ := data["main"].([]any)
			outs := []any{}
			for _, o := range main {
				its, _ := o.([]any)
				items := []any{}
				for _, it := range its {
					im, _ := it.(map[string]any)
					items = append(items, map[string]any{"json": im["json"], "pairedItem": im["pairedItem"]})
				}
				outs = append(outs, items)
			}
			entry := map[string]any{"status": task["executionStatus"], "source": task["source"], "main": outs}
			if te, ok := task["error"].(map[string]any); ok {
				entry["error"] = map[string]any{"message": te["message"], "description": te["description"]}
			}
			pr = append(pr, entry)
		}
		runData[name] = pr
	}
	return map[string]any{"status": r["status"], "lastNodeExecuted": r["lastNodeExecuted"], "runData": runData}
}
