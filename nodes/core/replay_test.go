package core_test

import (
	"encoding/json"
	"errors"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/noderun/noderun/internal/nodetest"
	"github.com/noderun/noderun/nodes"
)

// TestReplayConformance runs every core node of the recorded conformance
// cases (testdata/conformance, copied from ../shared/conformance) on the
// input n8n gave it and compares output items (json, pairedItem) or the
// node error (name, message, description, context) with n8n's.
//
// Nodes with onError continueErrorOutput are compared after the engine's
// routing of error items is accounted for: their error items carry the
// input fields merged underneath, which is engine work, so only the regular
// output and the error messages are compared.
func TestReplayConformance(t *testing.T) {
	t.Parallel()
	reg := registry(t)
	dirs, err := filepath.Glob("testdata/*/*/workflow.json")
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no cases: %v", err)
	}
	for i, d := range dirs {
		dirs[i] = filepath.Dir(d)
	}
	for _, dir := range dirs {
		wf, exp := nodetest.LoadCase(t, dir)
		for _, n := range wf.Nodes {
			_, err := reg.Lookup(n.Type, n.TypeVersion)
			if err != nil {
				t.Errorf("%s: node %q: %v", dir, n.Name, err)
				continue
			}
			for _, rd := range exp.RunData[n.Name] {
				if len(rd.Source) == 0 {
					continue // a pinned trigger: the engine emits pinData
				}
				t.Run(filepath.Base(dir)+"/"+n.Name, func(t *testing.T) {
					t.Parallel()
					src := rd.Source[0]
					input := exp.RunData[src.PreviousNode][src.PreviousNodeRun].Data.Main[src.PreviousNodeOutput]
					f := newFake(t, n.Type, n.TypeVersion, n.Parameters, input)
					f.Def.Name = n.Name
					f.Continue = n.ContinuesOnFail()
					f.Lookup = runDataLookup{exp: &exp, prev: src.PreviousNode}
					got, err := f.run()
					if rd.ExecutionStatus == "error" && rd.Error["name"] == nil {
						// A plain JavaScript error (TypeError...) in n8n.
						if err == nil || err.Error() != rd.Error["message"] {
							t.Fatalf("want error %q, got %v", rd.Error["message"], err)
						}
						return
					}
					if rd.ExecutionStatus == "error" {
						var ne *nodes.NodeError
						if !errors.As(err, &ne) {
							t.Fatalf("want node error %v, got %v", rd.Error["message"], err)
						}
						want := map[string]any{"name": rd.Error["name"], "message": rd.Error["message"], "description": rd.Error["description"], "context": rd.Error["context"]}
						var gotCtx, desc any
						remarshal(t, ne.Context, &gotCtx)
						if ne.Description != nil {
							desc = *ne.Description
						}
						gotErr := map[string]any{"name": ne.Name, "message": ne.Message, "description": desc, "context": gotCtx}
						if diff := cmp.Diff(want, gotErr); diff != "" {
							t.Errorf("error mismatch (-n8n +noderun):\n%s", diff)
						}
						return
					}
					if err != nil {
						t.Fatalf("execute: %v", err)
					}
					want := rd.Data.Main
					if n.OnError == nodes.OnErrorContinueOutput {
						want, got = splitErrorOutput(want, got)
					}
					if diff := cmp.Diff(normalize(t, want), normalize(t, got)); diff != "" {
						t.Errorf("output mismatch (-n8n +noderun):\n%s", diff)
					}
				})
			}
		}
	}
}

// runDataLookup answers $('Node') from the recorded runData.
type runDataLookup struct {
	exp  *nodetest.Expected
	prev string
}

func (l runDataLookup) HasNode(name string) bool  { _, ok := l.exp.RunData[name]; return ok }
func (l runDataLookup) Executed(name string) bool { return l.HasNode(name) }
func (l runDataLookup) Output(name string, output, run int) ([]nodes.Item, bool) {
	runs := l.exp.RunData[name]
	if len(runs) == 0 {
		return nil, false
	}
	if run < 0 || run >= len(runs) {
		run = len(runs) - 1
	}
	if output >= len(runs[run].Data.Main) {
		return nil, true
	}
	return runs[run].Data.Main[output], true
}
func (l runDataLookup) ConnectedOutput(string) int       { return 0 }
func (l runDataLookup) Parameters(string) map[string]any { return nil }
func (l runDataLookup) PrevNode() (string, int, int)     { return l.prev, 0, 0 }
func (l runDataLookup) Paired(name string, i int) (nodes.Item, error) {
	items, _ := l.Output(name, 0, -1)
	if i < len(items) {
		return items[i], nil
	}
	return nodes.Item{}, errors.New("no paired item")
}

// splitErrorOutput reduces n8n's [regular, error] outputs and the node's
// own single output to comparable [regular, error messages] pairs.
func splitErrorOutput(want, got [][]nodes.Item) ([][]nodes.Item, [][]nodes.Item) {
	msgs := func(items []nodes.Item) []nodes.Item {
		var out []nodes.Item
		for _, it := range items {
			out = append(out, nodes.Item{JSON: map[string]any{"error": it.Object()["error"]}, PairedItem: it.PairedItem})
		}
		return out
	}
	var regular, failed []nodes.Item
	for _, it := range got[0] {
		if _, ok := it.Object()["error"]; ok {
			failed = append(failed, it)
		} else {
			regular = append(regular, it)
		}
	}
	return [][]nodes.Item{want[0], msgs(want[len(want)-1])}, [][]nodes.Item{regular, msgs(failed)}
}

// normalize keeps json, pairedItem and binary of every item, as JSON values.
func normalize(t *testing.T, outs [][]nodes.Item) any {
	t.Helper()
	res := []any{}
	for _, out := range outs {
		items := []any{}
		for _, it := range out {
			var pv, jv any
			if !it.PairedItem.IsZero() {
				remarshal(t, it.PairedItem, &pv)
			}
			remarshal(t, it.JSON, &jv)
			entry := map[string]any{"json": jv, "pairedItem": pv}
			if it.Binary != nil {
				var bv any
				remarshal(t, it.Binary, &bv)
				entry["binary"] = bv
			}
			items = append(items, entry)
		}
		res = append(res, items)
	}
	return res
}

func remarshal(t *testing.T, in, out any) {
	t.Helper()
	b, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, out); err != nil {
		t.Fatal(err)
	}
}
