package bundled_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/noderun/noderun/engine"
	"github.com/noderun/noderun/nodes"
	"github.com/noderun/noderun/nodes/bundled"
)

// setIfWorkflow is conformance case a-set-if: Set with six assignments
// (five expressions) feeding an If.
const setIfWorkflow = `{
  "name": "bench-set-if",
  "nodes": [
    {"id":"n1","name":"Manual Trigger","type":"n8n-nodes-base.manualTrigger","typeVersion":1,"position":[0,0],"parameters":{}},
    {"id":"n2","name":"Edit Fields","type":"n8n-nodes-base.set","typeVersion":3.4,"position":[220,0],"parameters":{
      "mode":"manual","includeOtherFields":true,
      "assignments":{"assignments":[
        {"id":"a1","name":"name_upper","type":"string","value":"={{ $json.name.toUpperCase() }}"},
        {"id":"a2","name":"greeting","type":"string","value":"=Hello {{ $json.name }}!"},
        {"id":"a3","name":"age_next","type":"number","value":"={{ $json.age + 1 }}"},
        {"id":"a4","name":"is_adult","type":"boolean","value":"={{ $json.age >= 18 }}"},
        {"id":"a5","name":"meta.source","type":"string","value":"peer"},
        {"id":"a6","name":"tags","type":"array","value":"={{ [$json.name.length, $itemIndex] }}"}]},
      "options":{}}},
    {"id":"n3","name":"If","type":"n8n-nodes-base.if","typeVersion":2.2,"position":[440,0],"parameters":{
      "conditions":{"options":{"caseSensitive":true,"leftValue":"","typeValidation":"strict","version":2},
        "conditions":[{"id":"c1","leftValue":"={{ $json.age_next }}","rightValue":18,"operator":{"type":"number","operation":"gt"}}],
        "combinator":"and"},"options":{}}},
    {"id":"n4","name":"Adult","type":"n8n-nodes-base.noOp","typeVersion":1,"position":[660,-100],"parameters":{}},
    {"id":"n5","name":"Minor","type":"n8n-nodes-base.noOp","typeVersion":1,"position":[660,100],"parameters":{}}
  ],
  "connections": {
    "Manual Trigger":{"main":[[{"node":"Edit Fields","type":"main","index":0}]]},
    "Edit Fields":{"main":[[{"node":"If","type":"main","index":0}]]},
    "If":{"main":[[{"node":"Adult","type":"main","index":0}],[{"node":"Minor","type":"main","index":0}]]}
  },
  "settings":{"executionOrder":"v1"}
}`

func items(n int) []nodes.Item {
	names := []string{"ada", "bob", "carol", "dave"}
	out := make([]nodes.Item, n)
	for i := range out {
		out[i] = nodes.Item{JSON: map[string]any{"name": names[i%len(names)], "age": float64(10 + (i*7)%40)}}
	}
	return out
}

// BenchmarkSetIf10k sends 10,000 items through Set (six assignments) and
// If, as n8n's a-set-if case does; it reports ns/item.
func BenchmarkSetIf10k(b *testing.B) {
	wf, err := engine.Parse([]byte(setIfWorkflow), "bench.json", engine.Selector{})
	if err != nil {
		b.Fatal(err)
	}
	eng, err := bundled.NewEngine(bundled.Options{})
	if err != nil {
		b.Fatal(err)
	}
	const n = 10000
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		res, err := eng.Run(context.Background(), wf, engine.RunOptions{Input: items(n)})
		if err != nil || res.Status != engine.StatusSuccess {
			b.Fatalf("run: %v %v", err, res.Error)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/item")
}

// BenchmarkSetIf10kTimezone is BenchmarkSetIf10k with a workflow
// timezone set, which every expression evaluation reads.
func BenchmarkSetIf10kTimezone(b *testing.B) {
	src := strings.Replace(setIfWorkflow, `"settings":{"executionOrder":"v1"}`,
		`"settings":{"executionOrder":"v1","timezone":"Europe/Berlin"}`, 1)
	wf, err := engine.Parse([]byte(src), "bench.json", engine.Selector{})
	if err != nil {
		b.Fatal(err)
	}
	if wf.Settings.Timezone != "Europe/Berlin" {
		b.Fatalf("timezone not set: %q", wf.Settings.Timezone)
	}
	eng, err := bundled.NewEngine(bundled.Options{})
	if err != nil {
		b.Fatal(err)
	}
	const n = 10000
	b.ReportAllocs()
	for b.Loop() {
		res, err := eng.Run(context.Background(), wf, engine.RunOptions{Input: items(n)})
		if err != nil || res.Status != engine.StatusSuccess {
			b.Fatalf("run: %v %v", err, res.Error)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/item")
}

// BenchmarkSmallWorkflow runs the offline example workflow end to end,
// parse included.
func BenchmarkSmallWorkflow(b *testing.B) {
	data, err := os.ReadFile(filepath.Join("..", "..", "workflows", "orders-summary.json"))
	if err != nil {
		b.Fatal(err)
	}
	eng, err := bundled.NewEngine(bundled.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		wf, err := engine.Parse(data, "orders-summary.json", engine.Selector{})
		if err != nil {
			b.Fatal(err)
		}
		res, err := eng.Run(context.Background(), wf, engine.RunOptions{})
		if err != nil || res.Status != engine.StatusSuccess {
			b.Fatalf("run: %v %v", err, res.Error)
		}
	}
}

// BenchmarkRegistry measures building the bundled registry (start-up cost).
func BenchmarkRegistry(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := bundled.Registry(); err != nil {
			b.Fatal(err)
		}
	}
}

func TestSetIfBenchmarkWorkflowMatchesN8n(t *testing.T) {
	t.Parallel()
	wf, err := engine.Parse([]byte(setIfWorkflow), "bench.json", engine.Selector{})
	if err != nil {
		t.Fatal(err)
	}
	eng, err := bundled.NewEngine(bundled.Options{})
	if err != nil {
		t.Fatal(err)
	}
	res, err := eng.Run(context.Background(), wf, engine.RunOptions{Input: items(4)})
	if err != nil {
		t.Fatal(err)
	}
	adults, _ := res.Output("If", 0, 0)
	minors, _ := res.Output("If", 1, 0)
	got, _ := json.Marshal(adults[0].JSON)
	if len(adults)+len(minors) != 4 || len(adults) != 2 {
		t.Fatalf("adults %d minors %d", len(adults), len(minors))
	}
	want := `{"age":24,"age_next":25,"greeting":"Hello carol!","is_adult":true,"meta":{"source":"peer"},"name":"carol","name_upper":"CAROL","tags":[5,2]}`
	if string(got) != want {
		t.Errorf("got %s\nwant %s", got, want)
	}
}

// TestSetOutputKeepsJavaScriptKeyOrder checks that Set writes keys as n8n
// does: the input's keys in their order, then the assigned ones.
func TestSetOutputKeepsJavaScriptKeyOrder(t *testing.T) {
	t.Parallel()
	wf, err := engine.Parse([]byte(setIfWorkflow), "bench.json", engine.Selector{})
	if err != nil {
		t.Fatal(err)
	}
	eng, err := bundled.NewEngine(bundled.Options{})
	if err != nil {
		t.Fatal(err)
	}
	in, err := nodes.DecodeJSON([]byte(`{"name":"ada","age":36,"zeta":true}`))
	if err != nil {
		t.Fatal(err)
	}
	res, err := eng.Run(context.Background(), wf, engine.RunOptions{Input: []nodes.Item{{JSON: in}}})
	if err != nil {
		t.Fatal(err)
	}
	out, _ := res.Output("Edit Fields", 0, 0)
	got, err := nodes.MarshalJSON(out[0].JSON)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"name":"ada","age":36,"zeta":true,"name_upper":"ADA","greeting":"Hello ada!","age_next":37,"is_adult":true,"meta":{"source":"peer"},"tags":[3,0]}`
	if string(got) != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}
