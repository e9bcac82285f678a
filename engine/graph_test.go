package engine_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/noderun/noderun/engine"
)

func TestAncestorsAndDescendants(t *testing.T) {
	t.Parallel()
	// A -> B -> D, A -> C -> D, D -> E, and a loop E -> B.
	src := `{"nodes":[
	  {"name":"A","type":"n8n-nodes-base.manualTrigger","typeVersion":1,"position":[0,0],"parameters":{}},
	  {"name":"B","type":"n8n-nodes-base.noOp","typeVersion":1,"position":[0,0],"parameters":{}},
	  {"name":"C","type":"n8n-nodes-base.noOp","typeVersion":1,"position":[0,0],"parameters":{}},
	  {"name":"D","type":"n8n-nodes-base.noOp","typeVersion":1,"position":[0,0],"parameters":{}},
	  {"name":"E","type":"n8n-nodes-base.noOp","typeVersion":1,"position":[0,0],"parameters":{}}],
	 "connections":{
	  "A":{"main":[[{"node":"B","type":"main","index":0},{"node":"C","type":"main","index":0}]]},
	  "B":{"main":[[{"node":"D","type":"main","index":0}]]},
	  "C":{"main":[[{"node":"D","type":"main","index":0}]]},
	  "D":{"main":[[{"node":"E","type":"main","index":0}]]},
	  "E":{"main":[[{"node":"B","type":"main","index":0}]]}}}`
	wf, err := engine.Parse([]byte(src), "graph.json", engine.Selector{})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		got  []string
		want []string
	}{
		{"ancestors of D", wf.Ancestors("D"), []string{"B", "C", "A", "E"}},
		{"ancestors of A", wf.Ancestors("A"), nil},
		{"descendants of A", wf.Descendants("A"), []string{"B", "C", "D", "E"}},
		{"descendants of E", wf.Descendants("E"), []string{"B", "D"}},
	}
	// n8n lists a node's parents in the order of the connections object.
	swapped := strings.Replace(src, `"B":{"main":[[{"node":"D","type":"main","index":0}]]},
	  "C":{"main":[[{"node":"D","type":"main","index":0}]]},`, `"C":{"main":[[{"node":"D","type":"main","index":0}]]},
	  "B":{"main":[[{"node":"D","type":"main","index":0}]]},`, 1)
	if swapped == src {
		t.Fatal("swap did not apply")
	}
	wf2, err := engine.Parse([]byte(swapped), "graph2.json", engine.Selector{})
	if err != nil {
		t.Fatal(err)
	}
	tests = append(tests, struct {
		name string
		got  []string
		want []string
	}{"ancestors of D, connections listing C first", wf2.Ancestors("D"), []string{"C", "B", "A", "E"}})
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, tt.got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tt.name, diff)
		}
	}
}

// TestResultNodesAfterJSON: a result read back from JSON lists its nodes
// in the order they first ran, from the runs' executionIndex.
func TestResultNodesAfterJSON(t *testing.T) {
	t.Parallel()
	raw := `{"status":"success","mode":"manual","runData":{
	  "B":[{"startTime":5,"executionIndex":1},{"startTime":9,"executionIndex":3}],
	  "A":[{"startTime":1,"executionIndex":0}],
	  "C":[{"startTime":7,"executionIndex":2}]}}`
	var res engine.Result
	if err := json.Unmarshal([]byte(raw), &res); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"A", "B", "C"}, res.Nodes()); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}
