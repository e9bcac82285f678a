package expr_test

import (
	"strconv"
	"testing"

	"github.com/noderun/noderun/internal/expr"
	"github.com/noderun/noderun/nodes"
)

// The performance target (architecture.md) is ~1-2 µs per pooled,
// precompiled JavaScript evaluation and well under that for pure paths.

func benchEval(b *testing.B, s string) {
	e := expr.New(expr.Options{})
	d := testData()
	if _, err := e.Evaluate(s, d); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		if _, err := e.Evaluate(s, d); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkEvaluatePath(b *testing.B) { benchEval(b, "={{ $json.nested.list[1].deep }}") }

func BenchmarkEvaluatePathTemplate(b *testing.B) {
	benchEval(b, `=Item: {{ $json.name }} x{{ $json["qty"] }}`)
}

func BenchmarkEvaluateJS(b *testing.B) { benchEval(b, "={{ $json.qty * $json.price }}") }

func BenchmarkEvaluateJSString(b *testing.B) {
	benchEval(b, "={{ $json.s.trim().toUpperCase() + '-' + $itemIndex }}")
}

func BenchmarkEvaluateJSObject(b *testing.B) { benchEval(b, "={{ { ...$json.obj, c: 3 } }}") }

func BenchmarkEvaluateParallel(b *testing.B) {
	e := expr.New(expr.Options{})
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		d := testData()
		for pb.Next() {
			if _, err := e.Evaluate("={{ $json.qty * $json.price }}", d); err != nil {
				b.Error(err)
				return
			}
		}
	})
}

// BenchmarkSetWorkload is the expression part of the architecture's first
// workload: 10,000 items, six Set-style expressions each (per op: all
// 60,000 evaluations).
func BenchmarkSetWorkload(b *testing.B) {
	items := make([]nodes.Item, 10000)
	for i := range items {
		items[i] = nodes.Item{JSON: map[string]any{"name": "user " + strconv.Itoa(i), "age": float64(i % 90), "tags": []any{"a", "b"}}}
	}
	exprs := []string{
		"={{ $json.name.toUpperCase() }}",
		"=Hello {{ $json.name }}!",
		"={{ $json.age + 1 }}",
		"={{ $json.age >= 18 }}",
		"={{ [$json.name.length, $itemIndex] }}",
		"={{ $json.tags }}",
	}
	e := expr.New(expr.Options{})
	b.ReportAllocs()
	for range b.N {
		for i := range items {
			d := &expr.Data{ItemIndex: i, Input: items}
			for _, s := range exprs {
				if _, err := e.Evaluate(s, d); err != nil {
					b.Fatal(err)
				}
			}
		}
	}
}
