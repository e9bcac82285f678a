package routing

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestFastPath(t *testing.T) {
	t.Parallel()
	keys := map[string]any{
		"$value":       map[string]any{"a": map[string]any{"b c": 1.0}, "list": []any{"x", "y"}},
		"$credentials": map[string]any{"url": "http://h"},
		"$nil":         nil,
	}
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
		{"={{ $json.a }}", nil, false},                 // not a routing key
		{"={{ $value + 1 }}", nil, false},              // an operator
		{"={{ $value }} ", nil, false},                 // template mode
		{"=x{{ $value }}", nil, false},                 // template mode
		{"={{ $credentials.url.length }}", nil, false}, // string member
		{"={{ JSON.parse($value) }}", nil, false},
	}
	for _, tt := range tests {
		got, ok := fastPath(tt.expr, keys)
		if ok != tt.wantOK {
			t.Errorf("fastPath(%q) ok = %v, want %v", tt.expr, ok, tt.wantOK)
			continue
		}
		if diff := cmp.Diff(tt.want, got); ok && diff != "" {
			t.Errorf("fastPath(%q) (-want +got):\n%s", tt.expr, diff)
		}
	}
}
