package routing

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/noderun/noderun/internal/expr"
)

func TestFastEval(t *testing.T) {
	t.Parallel()
	keys := map[string]any{
		"$value":       map[string]any{"a": map[string]any{"b c": 1.0}, "list": []any{"x", "y"}},
		"$credentials": map[string]any{"url": "http://h"},
		"$nil":         nil,
	}
	params := map[string]any{"id": 7.0, "name": "Ada", "expr": "={{ 1 }}", "arr": []any{1.0, nil, "z"}, "obj": map[string]any{"k": true},
		"json": `{"tier":"gold","n":1}`, "bad": "{nope"}
	tests := []struct {
		expr   string
		want   any
		wantOK bool
	}{
		{"={{ $value }}", keys["$value"], true},
		{"={{$credentials.url}}", "http://h", true},
		{`={{ $value.a["b c"] }}`, 1.0, true},
		{"={{ $value.list[1] }}", "y", true},
		{"={{ $value.list.length }}", 2.0, true},
		{"={{ $value.missing }}", nil, true},
		{"={{ $value.missing.deeper }}", nil, true},
		{"={{ $nil }}", nil, true},
		{`=/users/{{$parameter["id"]}}`, "/users/7", true},
		{`=/users/{{ $parameter.id }}/{{ $parameter.name }}`, "/users/7/Ada", true},
		{"={{ $parameter.id }}", 7.0, true},
		{"=a{{ $parameter.arr }}b", "a1,,zb", true},
		{"={{ $parameter.obj }}!", "[object Object]!", true},
		{"=v:{{ $nil }}|{{ $value.missing }}", "v:|", true},
		{"={{ $parameter.expr }}", nil, false}, // an expression parameter
		{"={{ $parameter.nope }}", nil, false}, // unknown parameter
		{"={{ $json.a }}", nil, false},         // not a routing key
		{"={{ $value + 1 }}", nil, false},      // an operator
		{"={{ $credentials.url.length }}", nil, false},
		{"={{ JSON.parse($value) }}", nil, false}, // $value is no string here
		{"={{ JSON.parse($parameter.json) }}", map[string]any{"tier": "gold", "n": 1.0}, true},
		{"={{ JSON.parse($parameter.bad) }}", nil, true}, // SyntaxError swallowed: undefined
		{"={{ JSON.parse($parameter.json).tier }}", nil, false},
		{`=\{{ $value }}`, nil, false},
		{"=plain", nil, false},
	}
	for _, tt := range tests {
		got, ok := fastEval(tt.expr, keys, params)
		if ok != tt.wantOK {
			t.Errorf("fastEval(%q) ok = %v, want %v", tt.expr, ok, tt.wantOK)
			continue
		}
		if diff := cmp.Diff(tt.want, got); ok && diff != "" {
			t.Errorf("fastEval(%q) (-want +got):\n%s", tt.expr, diff)
		}
	}
}

// TestFastEvalMatchesEvaluator checks every fast-path result against the
// real expression engine.
func TestFastEvalMatchesEvaluator(t *testing.T) {
	t.Parallel()
	keys := map[string]any{
		"$value":       `{"a":[1,2],"b":null}`,
		"$credentials": map[string]any{"url": "http://h", "n": 2.5},
		"$index":       1,
		"$parent":      map[string]any{"key": "k"},
	}
	params := map[string]any{"id": 7.0, "name": "Ada", "flag": false, "arr": []any{1.0, nil, "z", []any{2.0, 3.0}}, "obj": map[string]any{"k": true}, "big": 1e21, "neg": -0.5}
	exprs := []string{
		"={{ $value }}", "={{ JSON.parse($value) }}", "=x{{ JSON.parse($value) }}", "={{$credentials.url}}/api",
		"={{ $credentials.n }}", "=n={{ $credentials.n }}", `=/users/{{$parameter["id"]}}/{{ $parameter.name }}`,
		"={{ $parameter.flag }}", "=f:{{ $parameter.flag }}", "=a{{ $parameter.arr }}b", "={{ $parameter.obj }}!",
		"=big {{ $parameter.big }} {{ $parameter.neg }}", "={{ $parent.key }}-{{ $index }}", "={{ $credentials.missing }}",
		"=m:{{ $credentials.missing }}:{{ $credentials.missing.deeper }}", "={{ $parameter.arr[3][1] }}", "={{ $parameter.arr.length }}",
	}
	ev := expr.New(expr.Options{})
	for _, s := range exprs {
		got, ok := fastEval(s, keys, params)
		if !ok {
			t.Errorf("fastEval(%q) not handled", s)
			continue
		}
		want, err := ev.Evaluate(s, &expr.Data{Vars: keys, Node: expr.NodeInfo{Name: "n", Parameters: params}})
		if err != nil {
			t.Errorf("evaluator(%q): %v", s, err)
			continue
		}
		if diff := cmp.Diff(normalizeNumbers(want), normalizeNumbers(got)); diff != "" {
			t.Errorf("%s: fast path differs from the evaluator (-evaluator +fast):\n%s", s, diff)
		}
	}
}

// normalizeNumbers maps integer types to float64 for comparison.
func normalizeNumbers(v any) any {
	switch x := v.(type) {
	case int:
		return float64(x)
	case int64:
		return float64(x)
	case map[string]any:
		m := make(map[string]any, len(x))
		for k, e := range x {
			m[k] = normalizeNumbers(e)
		}
		return m
	case []any:
		s := make([]any, len(x))
		for i, e := range x {
			s[i] = normalizeNumbers(e)
		}
		return s
	}
	return v
}
