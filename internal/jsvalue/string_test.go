package jsvalue_test

import (
	"encoding/json"
	"math"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/noderun/noderun/internal/jsvalue"
)

type named struct{}

func (named) String() string { return "named" }

// TestString compares with node's String(x) for the same JSON value.
func TestString(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   any
		want string
	}{
		{nil, "null"},
		{"", ""},
		{"a b", "a b"},
		{true, "true"},
		{false, "false"},
		{point1 + point2, "0.30000000000000004"},
		{math.Copysign(0, -1), "0"},
		{1e21, "1e+21"},
		{1e-7, "1e-7"},
		{math.NaN(), "NaN"},
		{int(42), "42"},
		{int64(9007199254740993), "9007199254740993"},
		{int32(-5), "-5"},
		{json.Number("1.50"), "1.5"},
		{map[string]any{"a": 1.0}, "[object Object]"},
		{[]any{}, ""},
		{[]any{1.0, nil, "x", true, []any{2.0, 3.0}}, "1,,x,true,2,3"},
		{[]any{map[string]any{}}, "[object Object]"},
		{named{}, "named"},
		{struct{}{}, "[object Object]"},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, jsvalue.String(tt.in)); diff != "" {
			t.Errorf("String(%#v) (-want +got):\n%s", tt.in, diff)
		}
	}
}

func TestStringWithFallback(t *testing.T) {
	t.Parallel()
	when := time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)
	fallback := func(v any) string { return "<" + v.(time.Time).Format(time.DateOnly) + ">" }
	got := jsvalue.StringWith([]any{when, 1.0, []any{when}}, fallback)
	if diff := cmp.Diff("<2024-01-02>,1,<2024-01-02>", got); diff != "" {
		t.Errorf("StringWith (-want +got):\n%s", diff)
	}
}
