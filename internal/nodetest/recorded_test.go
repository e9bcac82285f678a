package nodetest_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/noderun/noderun/internal/nodetest"
	"github.com/noderun/noderun/nodes"
)

func TestLoadCase(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	write := func(name, s string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(s), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write("workflow.json", `{"nodes": [{"name": "A", "type": "t", "typeVersion": 1, "parameters": {}}], "settings": {"timezone": "UTC"}}`)
	write("expected.json", `{"runData": {
		"Start": [{"source": [], "data": {"main": [[{"json": {"a": 1}}], [{"json": {"b": 2}}]]}}],
		"A": [{"source": [{"previousNode": "Start", "previousNodeOutput": 1}, null], "executionStatus": "error",
			"error": {"message": "boom", "description": null}}]}}`)
	wf, exp := nodetest.LoadCase(t, dir)
	run := exp.RunData["A"][0]
	got := map[string]any{
		"node":     wf.Nodes[0].Name,
		"tz":       wf.Settings["timezone"],
		"status":   run.ExecutionStatus,
		"message":  run.ErrorText("message"),
		"descr":    run.ErrorText("description"),
		"inputs":   exp.Inputs(run),
		"noErrors": exp.RunData["Start"][0].ErrorText("message"),
	}
	want := map[string]any{
		"node": "A", "tz": "UTC", "status": "error", "message": "boom", "descr": "", "noErrors": "",
		"inputs": [][]nodes.Item{{{JSON: map[string]any{"b": 2.0}}}, nil},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}
