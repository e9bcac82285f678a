package validate_test

import (
	"fmt"

	"github.com/noderun/noderun/engine"
	"github.com/noderun/noderun/engine/validate"
	"github.com/noderun/noderun/nodes/bundled"
)

// ExampleFile validates a workflow file's bytes and prints every problem.
func ExampleFile() {
	reg, err := bundled.Registry()
	if err != nil {
		panic(err)
	}
	data := []byte(`{
	  "name": "typos",
	  "nodes": [
	    {"name": "Start", "type": "n8n-nodes-base.manualTrigger", "typeVersion": 1, "parameters": {}},
	    {"name": "Sort", "type": "n8n-nodes-base.sort", "typeVersion": 1, "parameters": {"type": "sideways", "colour": "red"}}
	  ],
	  "connections": {"Start": {"main": [[{"node": "Sort", "type": "main", "index": 0}]]},
	                  "Sort": {"main": [[{"node": "Sorted", "type": "main", "index": 0}]]}}
	}`)
	_, diags := validate.File(reg, data, "typos.json", engine.Selector{})
	for _, d := range diags {
		fmt.Println(d)
	}
	fmt.Println("errors:", validate.HasErrors(diags))
	// Output:
	// error connections.Sort.main[0][0].node (Sort): connection to node "Sorted", which does not exist
	// warning nodes[1].parameters.colour (Sort): the node has no parameter "colour"; n8n ignores it
	// warning nodes[1].parameters.type (Sort): "sideways" is not an option of "type" (Type); want one of: simple, random, code
	// errors: true
}
