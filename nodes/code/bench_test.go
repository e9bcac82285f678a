package code_test

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/noderun/noderun/engine"
	"github.com/noderun/noderun/nodes/bundled"
	"github.com/noderun/noderun/nodes/code"
)

// benchWorkflow is Trigger (n pinned items) → Code.
func benchWorkflow(b *testing.B, n int, params map[string]any) *engine.Workflow {
	b.Helper()
	pin := make([]any, n)
	for i := range pin {
		pin[i] = map[string]any{"json": map[string]any{"id": i, "name": "user", "tags": []any{"a", "b"}}}
	}
	wf := map[string]any{
		"name": "bench",
		"nodes": []any{
			map[string]any{"name": "Trigger", "type": "n8n-nodes-base.manualTrigger", "typeVersion": 1, "position": []any{0, 0}, "parameters": map[string]any{}},
			map[string]any{"name": "Code", "type": code.CodeType, "typeVersion": 2, "position": []any{200, 0}, "parameters": params},
		},
		"connections": map[string]any{"Trigger": map[string]any{"main": []any{[]any{map[string]any{"node": "Code", "type": "main", "index": 0}}}}},
		"pinData":     map[string]any{"Trigger": pin},
	}
	raw, err := json.Marshal(wf)
	if err != nil {
		b.Fatal(err)
	}
	w, err := engine.Parse(raw, "bench.json", engine.Selector{})
	if err != nil {
		b.Fatal(err)
	}
	return w
}

func benchRun(b *testing.B, params map[string]any) {
	eng, err := bundled.NewEngine(bundled.Options{})
	if err != nil {
		b.Fatal(err)
	}
	wf := benchWorkflow(b, 10000, params)
	b.ResetTimer()
	for range b.N {
		res, err := eng.Run(context.Background(), wf, engine.RunOptions{})
		if err != nil || res.Error != nil {
			b.Fatal(err, res.Error)
		}
	}
}

// BenchmarkAllItems10k maps 10,000 items once (target: well under n8n's
// task-runner round trip, tens of milliseconds).
func BenchmarkAllItems10k(b *testing.B) {
	benchRun(b, map[string]any{"jsCode": "return $input.all().map(i => ({json: {id: i.json.id, upper: i.json.name.toUpperCase()}}))"})
}

// BenchmarkEachItem10k runs the code once per item for 10,000 items.
func BenchmarkEachItem10k(b *testing.B) {
	benchRun(b, map[string]any{"mode": "runOnceForEachItem", "jsCode": "return {id: $json.id, upper: $json.name.toUpperCase()}"})
}

// BenchmarkEmptyRun is the fixed cost of one Code node run (fresh runtime).
func BenchmarkEmptyRun(b *testing.B) {
	eng, err := bundled.NewEngine(bundled.Options{})
	if err != nil {
		b.Fatal(err)
	}
	wf := benchWorkflow(b, 1, map[string]any{"jsCode": "return []"})
	b.ResetTimer()
	for range b.N {
		if _, err := eng.Run(context.Background(), wf, engine.RunOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}
