package code

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"time"

	"github.com/noderun/noderun/nodes"
)

// Type names of the nodes in this package.
const (
	CodeType         = "n8n-nodes-base.code"
	FunctionType     = "n8n-nodes-base.function"
	FunctionItemType = "n8n-nodes-base.functionItem"
)

var (
	//go:embed descriptions/code.json
	codeJSON []byte
	//go:embed descriptions/function.json
	functionJSON []byte
	//go:embed descriptions/functionItem.json
	functionItemJSON []byte
)

// Options are the sandbox limits of the nodes; zero values take the
// defaults of internal/expr (60 s CPU deadline, 512 MiB heap growth).
type Options struct {
	// Timeout is the CPU deadline of one code run.
	Timeout time.Duration
	// MaxMemory bounds the heap growth of one code run, in bytes.
	MaxMemory uint64
	// MaxStringLength and MaxArrayLength cap what native string and
	// array methods may build or walk.
	MaxStringLength int
	MaxArrayLength  int
}

// Register adds the Code, Function and Function Item nodes with the
// default limits.
func Register(r *nodes.Registry) error { return RegisterWith(r, Options{}) }

// RegisterWith adds the nodes with the given sandbox limits.
func RegisterWith(r *nodes.Registry, opts Options) error {
	for _, t := range []struct {
		src []byte
		h   nodes.Handler
	}{
		{codeJSON, &codeNode{opts: opts}},
		{functionJSON, &functionNode{opts: opts}},
		{functionItemJSON, &functionItemNode{opts: opts}},
	} {
		var d nodes.Description
		if err := json.Unmarshal(t.src, &d); err != nil {
			return fmt.Errorf("code nodes: description: %w", err)
		}
		if err := r.Register(&nodes.Type{Description: &d, Handler: t.h}); err != nil {
			return err
		}
	}
	return nil
}
