package bundled_test

import (
	"context"
	"fmt"

	"github.com/noderun/noderun/engine"
	"github.com/noderun/noderun/nodes/bundled"
)

// ExampleNewEngine runs a workflow copied from the n8n editor: a Manual
// Trigger with pinned items feeding an Edit Fields (Set) node.
func ExampleNewEngine() {
	wf, err := engine.Parse([]byte(`{
	  "name": "Greet",
	  "nodes": [
	    {"name": "Start", "type": "n8n-nodes-base.manualTrigger", "typeVersion": 1, "position": [0, 0], "parameters": {}},
	    {"name": "Greet", "type": "n8n-nodes-base.set", "typeVersion": 3.4, "position": [200, 0], "parameters": {
	      "assignments": {"assignments": [{"id": "1", "name": "greeting", "type": "string", "value": "=Hello {{ $json.name }}!"}]},
	      "options": {}}}
	  ],
	  "connections": {"Start": {"main": [[{"node": "Greet", "type": "main", "index": 0}]]}},
	  "pinData": {"Start": [{"json": {"name": "Ada"}}, {"json": {"name": "Grace"}}]}
	}`), "greet.json", engine.Selector{})
	if err != nil {
		panic(err)
	}
	eng, err := bundled.NewEngine(bundled.Options{})
	if err != nil {
		panic(err)
	}
	res, err := eng.Run(context.Background(), wf, engine.RunOptions{})
	if err != nil {
		panic(err)
	}
	fmt.Println(res.Status, res.LastNodeExecuted)
	for _, item := range res.LastOutput() {
		fmt.Println(item.Object()["greeting"])
	}
	// Output:
	// success Greet
	// Hello Ada!
	// Hello Grace!
}
