package routing

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestFastEval(t *testing.T) {
	t.Parallel()
	keys := map[string]any{
		"$value":       map[string]any{"a": map[string]any{"b c": 1.0}, "list": []any{"x", "y"}},
		"$credentials": map[string]any{"url": "http://h"},
		"$nil":         nil,
	}
	params := map[string]any{"id": 7.0, "name": "Ada", "expr": "={{ 1 }}", "arr": []any{1.0, nil, "z"}, "obj": map[string]any{"k": true}}
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
		{"={{ JSON.parse($value) }}", nil, false},
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
