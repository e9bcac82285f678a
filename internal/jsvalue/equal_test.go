package jsvalue_test

import (
	"math"
	"testing"

	"github.com/noderun/noderun/internal/jsvalue"
)

func TestDeepEqual(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		a, b any
		want bool
	}{
		{"numbers of other Go types", 1, 1.0, true},
		{"NaN equals NaN", math.NaN(), math.NaN(), true},
		{"number and string", 1.0, "1", false},
		{"strings", "a", "a", true},
		{"nil and nil", nil, nil, true},
		{"nil and false", nil, false, false},
		{"objects", map[string]any{"a": []any{1.0, "x"}}, map[string]any{"a": []any{1, "x"}}, true},
		{"object with an extra key", map[string]any{"a": 1.0}, map[string]any{"a": 1.0, "b": nil}, false},
		{"object and array", map[string]any{}, []any{}, false},
		{"arrays of other lengths", []any{1.0}, []any{1.0, 2.0}, false},
		{"string and array", "a", []any{"a"}, false},
		{"booleans", true, true, true},
	}
	for _, tt := range tests {
		if got := jsvalue.DeepEqual(tt.a, tt.b); got != tt.want {
			t.Errorf("%s: DeepEqual(%v, %v) = %v, want %v", tt.name, tt.a, tt.b, got, tt.want)
		}
		if got := jsvalue.DeepEqual(tt.b, tt.a); got != tt.want {
			t.Errorf("%s (swapped): DeepEqual(%v, %v) = %v, want %v", tt.name, tt.b, tt.a, got, tt.want)
		}
	}
}
