package core_test

import (
	"fmt"
	"testing"

	"github.com/noderun/noderun/nodes"
)

// BenchmarkSetIf runs the six assignments of conformance/a-set-if through
// Set 3.4 and then its If 2.2 over 10,000 items, handlers only (the
// engine's own cost is measured in package engine).
func BenchmarkSetIf(b *testing.B) {
	const n = 10000
	items := make([]nodes.Item, n)
	for i := range items {
		items[i] = nodes.Item{JSON: map[string]any{"name": fmt.Sprintf("user%d", i), "age": float64(i % 90)}}
	}
	setParams := jsonMap(b, `{"mode":"manual","includeOtherFields":true,"options":{},"assignments":{"assignments":[
		{"id":"a1","name":"name_upper","type":"string","value":"={{ $json.name.toUpperCase() }}"},
		{"id":"a2","name":"greeting","type":"string","value":"=Hello {{ $json.name }}!"},
		{"id":"a3","name":"age_next","type":"number","value":"={{ $json.age + 1 }}"},
		{"id":"a4","name":"is_adult","type":"boolean","value":"={{ $json.age >= 18 }}"},
		{"id":"a5","name":"meta.source","type":"string","value":"peer"},
		{"id":"a6","name":"tags","type":"array","value":"={{ [$json.name.length, $itemIndex] }}"}]}}`)
	ifParams := jsonMap(b, `{"options":{},"conditions":{"combinator":"and","options":{"caseSensitive":true,"leftValue":"","typeValidation":"strict","version":2},
		"conditions":[{"id":"c1","leftValue":"={{ $json.age_next }}","rightValue":18,"operator":{"type":"number","operation":"gt"}}]}}`)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		set := newFake(b, "n8n-nodes-base.set", 3.4, setParams, items)
		out, err := set.run()
		if err != nil {
			b.Fatal(err)
		}
		iff := newFake(b, "n8n-nodes-base.if", 2.2, ifParams, out[0])
		res, err := iff.run()
		if err != nil {
			b.Fatal(err)
		}
		if len(res[0])+len(res[1]) != n {
			b.Fatalf("lost items: %d + %d", len(res[0]), len(res[1]))
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/item")
}
