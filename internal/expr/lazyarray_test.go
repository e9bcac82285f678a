package expr_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/noderun/noderun/internal/expr"
	"github.com/noderun/noderun/nodes"
)

func arrayData() *expr.Data {
	return &expr.Data{Input: []nodes.Item{
		{JSON: map[string]any{"l": []any{3.0, 1.0, 2.0}, "o": []any{map[string]any{"k": "a"}, map[string]any{"k": "b"}}}},
		{JSON: map[string]any{"l": []any{}}},
	}}
}

func TestLazyArrays(t *testing.T) {
	t.Parallel()
	e := expr.New(expr.Options{})
	runEvalCases(t, e, arrayData, []evalCase{
		{"isArray", "={{ Array.isArray($json.l) && Array.isArray($input.all()) }}", true, ""},
		{"length", "={{ $json.l.length }}", 3.0, ""},
		{"index", "={{ $json.l[1] }}", 1.0, ""},
		{"out of range", "={{ $json.l[7] }}", nil, ""},
		{"sort", "={{ $json.l.sort() }}", []any{1.0, 2.0, 3.0}, ""},
		{"push", "={{ ($json.l.push(4), $json.l) }}", []any{3.0, 1.0, 2.0, 4.0}, ""},
		{"pop", "={{ [$json.l.pop(), $json.l.length] }}", []any{2.0, 2.0}, ""},
		{"shift", "={{ [$json.l.shift(), $json.l] }}", []any{3.0, []any{1.0, 2.0}}, ""},
		{"splice", "={{ ($json.l.splice(0, 2, 9), $json.l) }}", []any{9.0, 2.0}, ""},
		{"length truncate and grow", "={{ ($json.l.length = 1, $json.l.length = 3, $json.l) }}", []any{3.0, nil, nil}, ""},
		{"assign past end", "={{ ($json.l[4] = 1, $json.l) }}", []any{3.0, 1.0, 2.0, nil, 1.0}, ""},
		{"spread", "={{ [...$json.l, 0] }}", []any{3.0, 1.0, 2.0, 0.0}, ""},
		{"concat", "={{ $json.l.concat([4]) }}", []any{3.0, 1.0, 2.0, 4.0}, ""},
		{"stringify", "={{ JSON.stringify($json.o) }}", `[{"k":"a"},{"k":"b"}]`, ""},
		{"map objects", "={{ $json.o.map(x => x.k) }}", []any{"a", "b"}, ""},
		{"object identity", "={{ $json.o[0] === $json.o[0] }}", true, ""},
		{"nested write visible", "={{ ($json.o[0].k = 'z', $json.o[0].k) }}", "z", ""},
		{"template", "=[{{ $json.l }}]", "[3,1,2]", ""},
		{"export after nested write", "={{ ($json.o[0].k = 'z', $json.o) }}", []any{map[string]any{"k": "z"}, map[string]any{"k": "b"}}, ""},
		{"export untouched", "={{ ($json.o.length, $json.o) }}", []any{map[string]any{"k": "a"}, map[string]any{"k": "b"}}, ""},
		{"export in object", "={{ {x: $json.l, y: $input.all().length} }}", map[string]any{"x": []any{3.0, 1.0, 2.0}, "y": 2.0}, ""},
		{"export items", "={{ $input.all().map(i => i.json.l.length) }}", []any{3.0, 0.0}, ""},
		{"input all reverse", "={{ $input.all().reverse().map(i => i.json.l.length) }}", []any{0.0, 3.0}, ""},
		{"input all length", "={{ $input.all().length }}", 2.0, ""},
		{"includes", "={{ $json.l.includes(2) }}", true, ""},
		{"entries", "={{ Object.keys($json.l) }}", []any{"0", "1", "2"}, ""},
	})
	d := arrayData()
	for _, s := range []string{"={{ $json.l.sort() }}", "={{ $json.l.push(1) }}", "={{ $json.o[0].k = 'z' }}", "={{ $input.all().pop() }}"} {
		if _, err := e.Evaluate(s, d); err != nil {
			t.Fatal(err)
		}
	}
	if diff := cmp.Diff(arrayData().Input, d.Input, cmp.AllowUnexported()); diff != "" {
		t.Errorf("input changed (-want +got):\n%s", diff)
	}
}

func BenchmarkInputAllLength(b *testing.B) {
	items := make([]nodes.Item, 10000)
	for i := range items {
		items[i] = nodes.Item{JSON: map[string]any{"i": float64(i)}}
	}
	e := expr.New(expr.Options{})
	d := &expr.Data{Input: items}
	b.ReportAllocs()
	for range b.N {
		if _, err := e.Evaluate("={{ $input.all().length }}", d); err != nil {
			b.Fatal(err)
		}
	}
}
