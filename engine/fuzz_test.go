package engine_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/noderun/noderun/engine"
)

// FuzzParse feeds arbitrary bytes to the workflow parser: it must return a
// workflow or an error, never panic; parsed workflows must run or fail
// cleanly.
func FuzzParse(f *testing.F) {
	f.Add([]byte(`{"nodes":[],"connections":{}}`))
	f.Add([]byte(`[{"id":"1","name":"a","nodes":[{"name":"x","type":"test.trigger"}],"connections":{"x":{"main":[null,[{"node":"y"}]]}}}]`))
	f.Add([]byte(`{"nodes":[{"name":"x","type":"test.pass","typeVersion":"1"}]}`))
	f.Add([]byte(`{"nodes":{}}`))
	if matches, _ := filepath.Glob(filepath.Join("..", "..", "shared", "conformance", "*", "workflow.json")); len(matches) > 0 {
		for _, m := range matches[:min(5, len(matches))] {
			if data, err := os.ReadFile(m); err == nil {
				f.Add(data)
			}
		}
	}
	reg := testRegistry(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		wf, err := engine.Parse(data, "fuzz.json", engine.Selector{})
		if err != nil {
			return
		}
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		_, _ = engine.New(reg, engine.WithMaxNodeRuns(1000)).Run(ctx, wf, engine.RunOptions{})
	})
}
