package nodetest

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/noderun/noderun/nodes"
)

// Workflow is the part of a recorded case's workflow.json that replay
// tests read.
type Workflow struct {
	Nodes    []nodes.Node   `json:"nodes"`
	Settings map[string]any `json:"settings"`
}

// Source names the node output one input of a run came from.
type Source struct {
	PreviousNode       string `json:"previousNode"`
	PreviousNodeOutput int    `json:"previousNodeOutput"`
	PreviousNodeRun    int    `json:"previousNodeRun"`
}

// Run is one recorded node run (n8n's ITaskData).
type Run struct {
	// Source has one entry per input; nil for an input that got nothing.
	Source          []*Source      `json:"source"`
	ExecutionStatus string         `json:"executionStatus"`
	Error           map[string]any `json:"error"`
	Data            struct {
		Main [][]nodes.Item `json:"main"`
	} `json:"data"`
}

// ErrorText returns the string member key of the run's error ("" when
// there is no error or the member is not a string).
func (r Run) ErrorText(key string) string {
	s, _ := r.Error[key].(string)
	return s
}

// Expected is a recorded case's expected.json: every node's runs.
type Expected struct {
	RunData map[string][]Run `json:"runData"`
}

// Inputs returns the items each input of run received, from the runs of
// the nodes it names (nil for an input that got nothing).
func (e *Expected) Inputs(run Run) [][]nodes.Item {
	var in [][]nodes.Item
	for _, src := range run.Source {
		if src == nil {
			in = append(in, nil)
			continue
		}
		prev := e.RunData[src.PreviousNode][src.PreviousNodeRun]
		in = append(in, prev.Data.Main[src.PreviousNodeOutput])
	}
	return in
}

// LoadCase reads workflow.json and expected.json of the recorded case in
// dir.
func LoadCase(t testing.TB, dir string) (Workflow, Expected) {
	t.Helper()
	var wf Workflow
	var exp Expected
	ReadJSON(t, filepath.Join(dir, "workflow.json"), &wf)
	ReadJSON(t, filepath.Join(dir, "expected.json"), &exp)
	return wf, exp
}

// ReadJSON decodes the JSON file at path into v, failing the test on any
// error.
func ReadJSON(t testing.TB, path string, v any) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}
