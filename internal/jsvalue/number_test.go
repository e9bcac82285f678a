package jsvalue_test

import (
	"encoding/json"
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/noderun/noderun/internal/jsvalue"
)

// TestFormatNumber compares with what node prints for String(x).
func TestFormatNumber(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   float64
		want string
	}{
		{0, "0"},
		{math.Copysign(0, -1), "0"},
		{1, "1"},
		{-1, "-1"},
		{point1 + point2, "0.30000000000000004"},
		{1.5, "1.5"},
		{-2.25, "-2.25"},
		{1e21, "1e+21"},
		{-1e21, "-1e+21"},
		{1e20, "100000000000000000000"},
		{123456789012345680000, "123456789012345680000"},
		{1.2345e22, "1.2345e+22"},
		{1e-6, "0.000001"},
		{1.5e-6, "0.0000015"},
		{1e-7, "1e-7"},
		{-1.5e-7, "-1.5e-7"},
		{5e-324, "5e-324"},
		{math.MaxFloat64, "1.7976931348623157e+308"},
		{9007199254740993, "9007199254740992"},
		{1700000000000.5, "1700000000000.5"},
		{1234567.5, "1234567.5"},
		{math.NaN(), "NaN"},
		{math.Inf(1), "Infinity"},
		{math.Inf(-1), "-Infinity"},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, jsvalue.FormatNumber(tt.in)); diff != "" {
			t.Errorf("FormatNumber(%v) (-want +got):\n%s", tt.in, diff)
		}
	}
}

func TestToFloat(t *testing.T) {
	t.Parallel()
	type result struct {
		F  float64
		OK bool
	}
	tests := []struct {
		in   any
		want result
	}{
		{1.5, result{1.5, true}},
		{float32(0.5), result{0.5, true}},
		{int(3), result{3, true}},
		{int8(-3), result{-3, true}},
		{int64(1 << 40), result{1 << 40, true}},
		{uint16(7), result{7, true}},
		{uint64(9), result{9, true}},
		{json.Number("2.5"), result{2.5, true}},
		{json.Number("x"), result{0, false}},
		{"1", result{0, false}},
		{true, result{0, false}},
		{nil, result{0, false}},
		{[]any{1.0}, result{0, false}},
	}
	for _, tt := range tests {
		f, ok := jsvalue.ToFloat(tt.in)
		if diff := cmp.Diff(tt.want, result{f, ok}); diff != "" {
			t.Errorf("ToFloat(%#v) (-want +got):\n%s", tt.in, diff)
		}
		if diff := cmp.Diff(tt.want.OK, jsvalue.IsNumber(tt.in)); diff != "" {
			t.Errorf("IsNumber(%#v) (-want +got):\n%s", tt.in, diff)
		}
	}
}

func TestLooseEqual(t *testing.T) {
	t.Parallel()
	tests := []struct {
		a, b any
		want bool
	}{
		{1.0, 1, true},
		{int64(2), 2.0, true},
		{json.Number("3"), 3.0, true},
		{"a", "a", true},
		{"1", 1.0, false},
		{nil, nil, true},
		{nil, false, false},
		{true, true, true},
		{math.NaN(), math.NaN(), false},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, jsvalue.LooseEqual(tt.a, tt.b)); diff != "" {
			t.Errorf("LooseEqual(%#v, %#v) (-want +got):\n%s", tt.a, tt.b, diff)
		}
	}
}

// point1 and point2 are variables so that point1+point2 is float64
// arithmetic, not exact constant arithmetic.
var point1, point2 = 0.1, 0.2
