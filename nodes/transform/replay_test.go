package transform

import (
	"encoding/json"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/noderun/noderun/internal/nodetest"
	"github.com/noderun/noderun/nodes"
)

// TestReplayConformance runs every node of this package found in the
// recorded conformance cases on the inputs n8n gave it, and compares the
// outputs (json and pairedItem) with what n8n produced.
func TestReplayConformance(t *testing.T) {
	t.Parallel()
	reg := nodes.NewRegistry()
	if err := Register(reg); err != nil {
		t.Fatal(err)
	}
	dirs, err := filepath.Glob("testdata/conformance/*/workflow.json")
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no cases: %v", err)
	}
	for i := range dirs {
		dirs[i] = filepath.Dir(dirs[i])
	}
	for _, dir := range dirs {
		wf, exp := nodetest.LoadCase(t, dir)
		tz := "America/New_York"
		if s, ok := wf.Settings["timezone"].(string); ok {
			tz = s
		}
		for _, n := range wf.Nodes {
			typ, err := reg.Lookup(n.Type, n.TypeVersion)
			if err != nil {
				continue
			}
			state := map[string]any{} // node context, shared by the node's runs
			for run, rd := range exp.RunData[n.Name] {
				t.Run(filepath.Base(dir)+"/"+n.Name, func(t *testing.T) {
					node := n
					if node.Parameters == nil {
						node.Parameters = map[string]any{}
					}
					f := &fakeCtx{Def: &node, Data: state, Zone: mustZone(tz), Runs: run}
					f.Ctx = t.Context()
					f.Inputs = exp.Inputs(rd)
					got, err := typ.Handler.Execute(sourcedCtx{fakeCtx: f, Sources: rd.Source})
					if rd.Error != nil {
						ne := nodes.AsNodeError(node.Name, err)
						if ne == nil {
							t.Fatalf("n8n failed with %q, noderun succeeded", rd.ErrorText("message"))
						}
						if diff := cmp.Diff([]string{rd.ErrorText("message"), rd.ErrorText("description")}, []string{ne.Message, ne.DescriptionText()}); diff != "" {
							t.Errorf("error (-n8n +noderun):\n%s", diff)
						}
						return
					}
					if err != nil {
						t.Fatalf("execute: %v", err)
					}
					if diff := cmp.Diff(normalize(t, rd.Data.Main), normalize(t, got)); diff != "" {
						t.Errorf("output mismatch (-n8n +noderun):\n%s", diff)
					}
				})
			}
		}
	}
}

// normalize keeps json and pairedItem of every item, as JSON values.
func normalize(t *testing.T, outs [][]nodes.Item) any {
	t.Helper()
	var res []any
	for _, out := range outs {
		var items []any
		for _, it := range out {
			p, err := json.Marshal(it.PairedItem)
			if err != nil {
				t.Fatal(err)
			}
			j, err := json.Marshal(it.JSON)
			if err != nil {
				t.Fatal(err)
			}
			var pv, jv any
			_ = json.Unmarshal(p, &pv)
			_ = json.Unmarshal(j, &jv)
			if it.PairedItem.IsZero() {
				pv = nil
			}
			items = append(items, map[string]any{"json": jv, "pairedItem": pv})
		}
		res = append(res, items)
	}
	return res
}
