package core_test

import (
	"fmt"

	"github.com/noderun/noderun/nodes"
	"github.com/noderun/noderun/nodes/core"
)

// Register the core nodes into a registry an engine can use.
func ExampleRegister() {
	reg := nodes.NewRegistry()
	if err := core.Register(reg); err != nil {
		panic(err)
	}
	set, _ := reg.Lookup("n8n-nodes-base.set", 3.4)
	fmt.Println(set.Description.DisplayName, set.Description.Version)
	// Output: Edit Fields (Set) [3 3.1 3.2 3.3 3.4 3.5]
}
